//! Writing a document back to its directory of TSV files (the layout [`DocumentFiles`]
//! parses).

use super::model::*;
use super::{DisclosureError, DocumentFiles};
use crate::check::TOTAL_LABEL;
use crate::Amount;
use std::fmt::Write;
use std::path::Path;

/// A printed figure without its unit, with exactly its declared decimals.
fn figure(a: &Option<Amount>) -> String {
    let Some(a) = a else { return String::new() };
    let mut v = a.value();
    if !a.is_exact() && (0..=28).contains(&a.decimals()) && !a.has_excess_digits() {
        v.rescale(a.decimals() as u32);
    }
    v.to_string()
}

fn line(out: &mut String, fields: &[&str]) {
    let _ = writeln!(out, "{}", fields.join("\t"));
}

/// One record: leading text fields, one field per amount cell, then the note.
fn record(out: &mut String, lead: &[&str], cells: &[Option<Amount>], note: &str) {
    let figures: Vec<String> = cells.iter().map(figure).collect();
    let mut fields: Vec<&str> = lead.to_vec();
    fields.extend(figures.iter().map(String::as_str));
    fields.push(note);
    line(out, &fields);
}

/// A header: leading column names, the amount column headings, then `note`.
fn header<S: AsRef<str>>(out: &mut String, lead: &[&str], columns: &[S]) {
    let mut fields: Vec<&str> = lead.to_vec();
    fields.extend(columns.iter().map(AsRef::as_ref));
    fields.push("note");
    line(out, &fields);
}

/// The code printed on row `i`, or the code itself when none was recorded.
fn printed_code(printed: &[String], i: usize, code: &str) -> String {
    printed.get(i).cloned().unwrap_or_else(|| code.to_owned())
}

fn functional(t: &FunctionalTable) -> String {
    let mut s = String::new();
    header(&mut s, &["printed_code", "code", "name"], t.table.columns());
    if let Some(total) = t.table.total() {
        record(&mut s, &["", "", TOTAL_LABEL], total, "");
    }
    for (i, row) in t.table.rows().iter().enumerate() {
        let code = row.code.to_string();
        let printed = printed_code(&t.printed_codes, i, &code);
        let note = t.notes.get(i).map(String::as_str).unwrap_or("");
        record(
            &mut s,
            &[&printed, &code, row.name.as_deref().unwrap_or("")],
            &row.cells,
            note,
        );
    }
    s
}

fn summary(t: &SummaryTable) -> String {
    let mut s = String::new();
    header(&mut s, &["side", "line", "name"], &t.columns);
    for l in &t.lines {
        record(
            &mut s,
            &[l.side.name(), &l.line.to_string(), &l.name],
            &l.cells,
            &l.note,
        );
    }
    s
}

fn basic(t: &BasicExpenditureTable) -> String {
    let mut s = String::new();
    line(
        &mut s,
        &["group", "printed_code", "code", "name", "决算数", "note"],
    );
    let personnel_total = |s: &mut String| {
        line(
            s,
            &[
                "人员经费",
                "",
                "",
                "人员经费合计",
                &figure(&t.personnel_total),
                "",
            ],
        )
    };
    let mut personnel_written = false;
    for (i, row) in t.table.rows().iter().enumerate() {
        let group = t.groups.get(i).copied().unwrap_or(CostGroup::Public);
        if group == CostGroup::Public && !personnel_written {
            personnel_total(&mut s);
            personnel_written = true;
        }
        let code = row.code.to_string();
        let printed = printed_code(&t.printed_codes, i, &code);
        line(
            &mut s,
            &[
                group.name(),
                &printed,
                &code,
                row.name.as_deref().unwrap_or(""),
                &figure(row.cells.first().unwrap_or(&None)),
                "",
            ],
        );
    }
    if !personnel_written {
        personnel_total(&mut s);
    }
    line(
        &mut s,
        &[
            "公用经费",
            "",
            "",
            "公用经费合计",
            &figure(&t.public_total),
            "",
        ],
    );
    s
}

fn three_costs(t: &ThreeCostsTable) -> String {
    let mut s = String::new();
    header(&mut s, &["measure"], &THREE_COSTS_COLUMNS);
    for (measure, cells) in [("预算数", &t.budget), ("决算数", &t.actual)] {
        // An unread table (no cells) is written as its header alone.
        if !cells.is_empty() {
            record(&mut s, &[measure], cells, "");
        }
    }
    s
}

fn meta(m: &Meta) -> String {
    let mut s = String::new();
    line(&mut s, &["key", "value"]);
    let (year, edition, decimals) = (
        m.year.to_string(),
        m.edition.to_string(),
        m.decimals.to_string(),
    );
    for (k, v) in [
        ("department", m.department.as_str()),
        ("reporting_unit", m.reporting_unit.as_str()),
        ("year", year.as_str()),
        ("currency_unit", m.unit.name()),
        ("decimals", decimals.as_str()),
        ("edition", edition.as_str()),
    ] {
        line(&mut s, &[k, v]);
    }
    for (k, v) in &m.other {
        line(&mut s, &[k, v]);
    }
    for (key, lines) in [("heading", &m.headings), ("year_end", &m.year_ends)] {
        for (n, l) in lines.iter().enumerate() {
            line(&mut s, &[&format!("{key}.{}", n + 1), &l.text]);
            if l.page > 0 {
                line(
                    &mut s,
                    &[&format!("{key}.{}.page", n + 1), &l.page.to_string()],
                );
            }
        }
    }
    s
}

fn claims(c: &[Claim]) -> String {
    let mut s = String::new();
    line(
        &mut s,
        &[
            "id", "section", "subject", "measure", "value", "word", "of", "quote", "note",
        ],
    );
    for c in c {
        line(
            &mut s,
            &[
                &c.id,
                &c.section,
                &c.subject.to_string(),
                c.measure.token(),
                c.value.as_deref().unwrap_or(""),
                c.word.map_or("", |w| w.word()),
                &c.of.as_ref().map(ToString::to_string).unwrap_or_default(),
                &c.quote,
                &c.note,
            ],
        );
    }
    s
}

fn names(n: &[NamePath]) -> String {
    let mut s = String::new();
    line(&mut s, &["id", "section", "printed", "numbering"]);
    for n in n {
        line(&mut s, &[&n.id, &n.section, &n.printed, &n.numbering]);
    }
    s
}

impl Document {
    /// The document as the TSV files of a document directory.
    ///
    /// Reading them back gives the same document (`to_files().parse() == self`); the files
    /// keep every printed figure with its printed decimals.
    ///
    /// The part headings and year-end dates ([`Meta::headings`], [`Meta::year_ends`]) are
    /// kept in `meta.tsv` as `heading.1`, `heading.1.page` …; a `meta.tsv` without them reads
    /// as none.
    ///
    /// ```
    /// use cn_budget::disclosure::{Document, PrintedLine};
    /// let doc = Document::embedded()?;
    /// assert_eq!(doc.meta.headings.len(), 12);
    /// assert_eq!(&doc.to_files().parse()?, doc);
    ///
    /// let mut with = doc.clone();
    /// with.meta.headings = vec![
    ///     PrintedLine { page: 0, text: "第一部分 某局概况".into() },
    ///     PrintedLine { page: 7, text: "第二部分 某局2024年度部门决算表".into() },
    /// ];
    /// with.meta.year_ends = vec![PrintedLine { page: 24, text: "截至2024年12月31日".into() }];
    /// let files = with.to_files();
    /// assert!(files.meta.as_deref().unwrap().contains("heading.2.page\t7\n"));
    /// assert_eq!(files.parse()?, with);
    /// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
    /// ```
    pub fn to_files(&self) -> DocumentFiles {
        DocumentFiles {
            meta: Some(meta(&self.meta)),
            table01: Some(summary(&self.t01)),
            table02: Some(functional(&self.t02)),
            table03: Some(functional(&self.t03)),
            table04: Some(summary(&self.t04)),
            table05: Some(functional(&self.t05)),
            table06: Some(basic(&self.t06)),
            table07: Some(functional(&self.t07)),
            table08: Some(functional(&self.t08)),
            table09: Some(three_costs(&self.t09)),
            claims: Some(claims(&self.claims)),
            names: Some(names(&self.names)),
        }
    }
}

impl DocumentFiles {
    /// Writes the files into a directory (created if missing); absent files are not written.
    ///
    /// ```
    /// use cn_budget::disclosure::{Document, DocumentFiles};
    /// let dir = std::env::temp_dir().join(format!("cn-budget-doc-{}", std::process::id()));
    /// let doc = Document::embedded()?;
    /// let mut files = doc.to_files();
    /// files.names = None;
    /// files.write_dir(&dir)?;
    /// assert!(dir.join("table02.tsv").is_file());
    /// assert!(!dir.join("names.tsv").exists());
    /// let back = DocumentFiles::read_dir(&dir)?;
    /// assert_eq!(back, files);
    /// std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_dir(&self, dir: impl AsRef<Path>) -> Result<(), DisclosureError> {
        let dir = dir.as_ref();
        let io = |e: std::io::Error, p: &Path| DisclosureError::Io {
            path: p.to_path_buf(),
            source: std::sync::Arc::new(e),
        };
        std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
        for (name, text) in [
            ("meta.tsv", &self.meta),
            ("table01.tsv", &self.table01),
            ("table02.tsv", &self.table02),
            ("table03.tsv", &self.table03),
            ("table04.tsv", &self.table04),
            ("table05.tsv", &self.table05),
            ("table06.tsv", &self.table06),
            ("table07.tsv", &self.table07),
            ("table08.tsv", &self.table08),
            ("table09.tsv", &self.table09),
            ("claims.tsv", &self.claims),
            ("names.tsv", &self.names),
        ] {
            if let Some(text) = text {
                let path = dir.join(name);
                std::fs::write(&path, text).map_err(|e| io(e, &path))?;
            }
        }
        Ok(())
    }
}
