//! Loading a document from its directory of TSV files (the layout of
//! `data/disclosures/<name>/`, documented in `data/disclosures/TRANSCRIBE-SPEC.md`).

use super::model::*;
use super::{Base, Direction, Subject};
use crate::check::Table;
use crate::{Amount, Code, Unit};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A document could not be loaded. Each variant names the file and, where it applies, the
/// line (1-based, the header is line 1) and the offending text; a file that could not be
/// read or written keeps the system's [`std::io::Error`] as its
/// [`source`](std::error::Error::source).
///
/// ```
/// use cn_budget::disclosure::{DisclosureError, DocumentFiles};
/// let files = DocumentFiles::default();
/// assert!(matches!(files.parse(), Err(DisclosureError::MissingFile { file: "meta.tsv" })));
/// ```
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DisclosureError {
    /// A required file is missing.
    #[error("missing file {file}")]
    MissingFile {
        /// The file name.
        file: &'static str,
    },
    /// A file could not be read or written.
    ///
    /// ```
    /// use cn_budget::disclosure::{DisclosureError, DocumentFiles};
    /// use std::error::Error;
    /// // A directory where a file should be cannot be read as text.
    /// let dir = std::env::temp_dir().join(format!("cn-budget-io-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(dir.join("meta.tsv"))?;
    /// let err = DocumentFiles::read_dir(&dir).unwrap_err();
    /// let DisclosureError::Io { path, source } = &err else { panic!("{err}") };
    /// assert_eq!(path, &dir.join("meta.tsv"));
    /// assert_eq!(err.source().map(|s| s.to_string()), Some(source.to_string()));
    /// std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The system's error (shared, so that the error stays `Clone`).
        #[source]
        source: Arc<std::io::Error>,
    },
    /// A file is larger than a document's file may be ([`MAX_FILE_BYTES`]); it is not read.
    #[error("{path}: {bytes} bytes, over the limit of {max}")]
    TooLarge {
        /// The path.
        path: String,
        /// The file's size.
        bytes: u64,
        /// The bound, [`MAX_FILE_BYTES`].
        max: u64,
    },
    /// A file's header lacks a required column, or has an unexpected one.
    #[error("{file}: header {found:?}: {reason}")]
    Header {
        /// The file name.
        file: &'static str,
        /// The header found.
        found: String,
        /// What is wrong.
        reason: String,
    },
    /// A field has a value that cannot be used.
    #[error("{file} line {line}, column {column}: {value:?}: {reason}")]
    Field {
        /// The file name.
        file: &'static str,
        /// The line number.
        line: usize,
        /// The column.
        column: String,
        /// The value.
        value: String,
        /// What is wrong.
        reason: String,
    },
}

/// The largest file of a document directory that [`DocumentFiles::read_dir`] reads, in
/// bytes: 64 MiB (a table transcribed by hand is a few KB; the largest possible functional
/// table, every code of the classification, about 1 MB).
///
/// ```
/// assert_eq!(cn_budget::disclosure::MAX_FILE_BYTES, 64 << 20);
/// ```
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The text of the files of one document, before parsing.
///
/// ```
/// let files = cn_budget::disclosure::DocumentFiles::embedded();
/// assert!(files.meta.as_deref().unwrap().starts_with("key\tvalue"));
/// let doc = files.parse()?;
/// assert_eq!(doc.meta.year, 2024);
/// # Ok::<(), cn_budget::disclosure::DisclosureError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentFiles {
    /// `meta.tsv`: the document facts ([`Meta`]), as `key`/`value` lines.
    pub meta: Option<String>,
    /// `table01.tsv`: 公开01表.
    pub table01: Option<String>,
    /// `table02.tsv`: 公开02表.
    pub table02: Option<String>,
    /// `table03.tsv`: 公开03表.
    pub table03: Option<String>,
    /// `table04.tsv`: 公开04表.
    pub table04: Option<String>,
    /// `table05.tsv`: 公开05表.
    pub table05: Option<String>,
    /// `table06.tsv`: 公开06表.
    pub table06: Option<String>,
    /// `table07.tsv`: 公开07表.
    pub table07: Option<String>,
    /// `table08.tsv`: 公开08表.
    pub table08: Option<String>,
    /// `table09.tsv`: 公开09表.
    pub table09: Option<String>,
    /// `claims.tsv`: the narrative's numeric claims ([`Claim`]).
    pub claims: Option<String>,
    /// `names.tsv`: the printed name paths ([`NamePath`]).
    pub names: Option<String>,
}

macro_rules! embedded_file {
    ($name:literal) => {
        Some(
            include_str!(concat!(
                "../../data/disclosures/hongshan-finance-2024/",
                $name
            ))
            .to_owned(),
        )
    };
}

impl DocumentFiles {
    /// The files of the embedded document (武汉市洪山区财政局 2024 年度部门决算).
    pub fn embedded() -> DocumentFiles {
        DocumentFiles {
            meta: embedded_file!("meta.tsv"),
            table01: embedded_file!("table01.tsv"),
            table02: embedded_file!("table02.tsv"),
            table03: embedded_file!("table03.tsv"),
            table04: embedded_file!("table04.tsv"),
            table05: embedded_file!("table05.tsv"),
            table06: embedded_file!("table06.tsv"),
            table07: embedded_file!("table07.tsv"),
            table08: embedded_file!("table08.tsv"),
            table09: embedded_file!("table09.tsv"),
            claims: embedded_file!("claims.tsv"),
            names: embedded_file!("names.tsv"),
        }
    }

    /// Reads the files of a document directory; absent files stay `None` (and make
    /// [`DocumentFiles::parse`] fail if they are required). A directory that does not exist
    /// reads as no files at all, not as an error.
    ///
    /// ```
    /// use cn_budget::disclosure::{DisclosureError, DocumentFiles};
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/disclosures/hongshan-finance-2024");
    /// let files = DocumentFiles::read_dir(dir)?;
    /// assert_eq!(files, DocumentFiles::embedded());
    ///
    /// let none = DocumentFiles::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/no-such-dir"))?;
    /// assert_eq!(none, DocumentFiles::default());
    /// assert!(matches!(none.parse(), Err(DisclosureError::MissingFile { file: "meta.tsv" })));
    /// # Ok::<(), DisclosureError>(())
    /// ```
    pub fn read_dir(dir: impl AsRef<Path>) -> Result<DocumentFiles, DisclosureError> {
        let dir = dir.as_ref();
        let read = |name: &str| -> Result<Option<String>, DisclosureError> {
            let path = dir.join(name);
            if let Ok(meta) = std::fs::metadata(&path) {
                if meta.len() > MAX_FILE_BYTES {
                    return Err(DisclosureError::TooLarge {
                        path: path.display().to_string(),
                        bytes: meta.len(),
                        max: MAX_FILE_BYTES,
                    });
                }
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(DisclosureError::Io {
                    path,
                    source: Arc::new(e),
                }),
            }
        };
        Ok(DocumentFiles {
            meta: read("meta.tsv")?,
            table01: read("table01.tsv")?,
            table02: read("table02.tsv")?,
            table03: read("table03.tsv")?,
            table04: read("table04.tsv")?,
            table05: read("table05.tsv")?,
            table06: read("table06.tsv")?,
            table07: read("table07.tsv")?,
            table08: read("table08.tsv")?,
            table09: read("table09.tsv")?,
            claims: read("claims.tsv")?,
            names: read("names.tsv")?,
        })
    }

    /// Parses the files into a [`Document`].
    pub fn parse(&self) -> Result<Document, DisclosureError> {
        fn need<'a>(
            file: &'static str,
            text: &'a Option<String>,
        ) -> Result<Tsv<'a>, DisclosureError> {
            let text = text
                .as_deref()
                .ok_or(DisclosureError::MissingFile { file })?;
            Tsv::parse(file, text)
        }
        let meta = parse_meta(&need("meta.tsv", &self.meta)?)?;
        let unit = meta.unit;
        let mut doc = Document {
            t01: parse_summary(&need("table01.tsv", &self.table01)?, unit)?,
            t02: parse_functional(TableId::T02, &need("table02.tsv", &self.table02)?, unit)?,
            t03: parse_functional(TableId::T03, &need("table03.tsv", &self.table03)?, unit)?,
            t04: parse_summary(&need("table04.tsv", &self.table04)?, unit)?,
            t05: parse_functional(TableId::T05, &need("table05.tsv", &self.table05)?, unit)?,
            t06: parse_basic(&need("table06.tsv", &self.table06)?, unit)?,
            t07: parse_functional(TableId::T07, &need("table07.tsv", &self.table07)?, unit)?,
            t08: parse_functional(TableId::T08, &need("table08.tsv", &self.table08)?, unit)?,
            t09: parse_three_costs(&need("table09.tsv", &self.table09)?, unit)?,
            claims: parse_claims(&need("claims.tsv", &self.claims)?)?,
            names: parse_names(&need("names.tsv", &self.names)?)?,
            budget: Vec::new(),
            meta,
        };
        doc.apply_declared_decimals();
        Ok(doc)
    }
}

/// A parsed TSV file: header and records with their line numbers.
struct Tsv<'a> {
    file: &'static str,
    header: Vec<&'a str>,
    records: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Tsv<'a> {
    fn parse(file: &'static str, text: &'a str) -> Result<Tsv<'a>, DisclosureError> {
        let mut lines = text.lines().enumerate();
        let header: Vec<&str> = lines
            .next()
            .map(|(_, h)| {
                h.trim_start_matches('\u{feff}')
                    .trim_end_matches('\r')
                    .split('\t')
                    .collect()
            })
            .unwrap_or_default();
        let mut records = Vec::new();
        for (i, line) in lines {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            let mut fields: Vec<&str> = line.split('\t').collect();
            if fields.len() > header.len() {
                return Err(DisclosureError::Field {
                    file,
                    line: i + 1,
                    column: "*".into(),
                    value: line.to_owned(),
                    reason: format!("{} fields for {} columns", fields.len(), header.len()),
                });
            }
            fields.resize(header.len(), "");
            records.push((i + 1, fields));
        }
        Ok(Tsv {
            file,
            header,
            records,
        })
    }

    fn column(&self, name: &str) -> Result<usize, DisclosureError> {
        self.header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| DisclosureError::Header {
                file: self.file,
                found: self.header.join("\t"),
                reason: format!("no column {name}"),
            })
    }

    fn error(
        &self,
        line: usize,
        column: usize,
        reason: impl Into<String>,
        value: &str,
    ) -> DisclosureError {
        DisclosureError::Field {
            file: self.file,
            line,
            column: self.header.get(column).copied().unwrap_or("?").to_owned(),
            value: value.to_owned(),
            reason: reason.into(),
        }
    }

    fn amount(
        &self,
        line: usize,
        column: usize,
        text: &str,
        unit: Unit,
    ) -> Result<Option<Amount>, DisclosureError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        Amount::parse(t, unit)
            .map(Some)
            .map_err(|e| self.error(line, column, e.to_string(), text))
    }

    fn code<C: Code>(&self, line: usize, column: usize, text: &str) -> Result<C, DisclosureError> {
        text.trim()
            .parse()
            .map_err(|e: crate::codes::ParseCodeError| {
                self.error(line, column, e.to_string(), text)
            })
    }

    /// The amount columns: every column between `first` and the `note` column.
    fn amount_columns(&self, first: usize) -> Result<std::ops::Range<usize>, DisclosureError> {
        Ok(first..self.column("note")?)
    }
}

fn parse_meta(tsv: &Tsv) -> Result<Meta, DisclosureError> {
    let (k, v) = (tsv.column("key")?, tsv.column("value")?);
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    let mut lines: BTreeMap<String, usize> = BTreeMap::new();
    for (line, f) in &tsv.records {
        map.insert(f[k].to_owned(), f[v].to_owned());
        lines.insert(f[k].to_owned(), *line);
    }
    let mut take = |key: &str| -> Result<(usize, String), DisclosureError> {
        let line = lines.get(key).copied().unwrap_or(0);
        map.remove(key)
            .map(|v| (line, v))
            .ok_or_else(|| DisclosureError::Field {
                file: tsv.file,
                line: 0,
                column: "key".into(),
                value: key.into(),
                reason: "required key missing".into(),
            })
    };
    let number = |(line, v): (usize, String), reason: &str| -> Result<i64, DisclosureError> {
        v.trim()
            .parse()
            .map_err(|_| tsv.error(line, v_col(), reason, &v))
    };
    fn v_col() -> usize {
        1
    }
    let department = take("department")?.1;
    let reporting_unit = take("reporting_unit")?.1;
    let year = number(take("year")?, "not a year")?;
    let edition = number(take("edition")?, "not an edition year")?;
    let decimals = number(take("decimals")?, "not a number of decimals")?;
    let (unit_line, unit_text) = take("currency_unit")?;
    let unit = Unit::from_name(&unit_text)
        .ok_or_else(|| tsv.error(unit_line, 1, "unknown unit", &unit_text))?;
    let year_range = |y: i64| u16::try_from(y).ok().filter(|y| (1990..=2100).contains(y));
    let (template, tables) = printed_tables(&map);
    let headings = printed_lines(&mut map, "heading", tsv)?;
    let year_ends = printed_lines(&mut map, "year_end", tsv)?;
    Ok(Meta {
        headings,
        year_ends,
        kind: super::Kind::Final,
        template,
        tables,
        department,
        reporting_unit,
        year: year_range(year)
            .ok_or_else(|| tsv.error(0, 1, "year out of range", &year.to_string()))?,
        edition: year_range(edition)
            .ok_or_else(|| tsv.error(0, 1, "edition out of range", &edition.to_string()))?,
        unit,
        decimals: i32::try_from(decimals)
            .ok()
            .filter(|d| d.abs() <= crate::amount::MAX_DECIMALS)
            .ok_or_else(|| tsv.error(0, 1, "decimals out of range", &decimals.to_string()))?,
        other: map,
    })
}

/// The printed lines kept under `KEY.1`, `KEY.2` … (with their pages under `KEY.1.page` …,
/// absent when not known), taken out of the other keys; none when `KEY.1` is absent.
fn printed_lines(
    map: &mut BTreeMap<String, String>,
    key: &str,
    tsv: &Tsv,
) -> Result<Vec<super::PrintedLine>, DisclosureError> {
    let mut out = Vec::new();
    for n in 1.. {
        let Some(text) = map.remove(&format!("{key}.{n}")) else {
            break;
        };
        let page = match map.remove(&format!("{key}.{n}.page")) {
            Some(p) => p
                .trim()
                .parse()
                .map_err(|_| tsv.error(0, 1, "not a page number", &p))?,
            None => 0,
        };
        out.push(super::PrintedLine { page, text });
    }
    Ok(out)
}

/// The template and tables of a transcription, from the titles (`table02_title`) and the
/// statements printed under empty tables (`table07_statement`) of its `meta.tsv`, read as
/// ingestion reads printed ones.
fn printed_tables(other: &BTreeMap<String, String>) -> (super::Template, Vec<super::PrintedTable>) {
    let tables = TableId::ALL
        .into_iter()
        .filter_map(|id| {
            let key = format!("table{:02}", id as u8 + 1);
            let title = other.get(&format!("{key}_title"))?;
            Some(crate::ingest::RawTable {
                id: Some(id),
                title: title.clone(),
                trailer: other
                    .get(&format!("{key}_statement"))
                    .cloned()
                    .into_iter()
                    .collect(),
                ..crate::ingest::RawTable::default()
            })
        })
        .collect();
    crate::ingest::printed_tables(&crate::ingest::RawDocument {
        tables,
        ..crate::ingest::RawDocument::default()
    })
}

fn parse_summary(tsv: &Tsv, unit: Unit) -> Result<SummaryTable, DisclosureError> {
    let (side, line_col, name, note) = (
        tsv.column("side")?,
        tsv.column("line")?,
        tsv.column("name")?,
        tsv.column("note")?,
    );
    let cols = tsv.amount_columns(name + 1)?;
    let mut lines = Vec::new();
    for (line, f) in &tsv.records {
        let side = match f[side].trim() {
            "收入" => Side::Income,
            "支出" => Side::Expense,
            other => return Err(tsv.error(*line, side, "side must be 收入 or 支出", other)),
        };
        let number = f[line_col]
            .trim()
            .parse()
            .map_err(|_| tsv.error(*line, line_col, "not a line number", f[line_col]))?;
        let cells = cols
            .clone()
            .map(|c| tsv.amount(*line, c, f[c], unit))
            .collect::<Result<_, _>>()?;
        lines.push(SummaryLine {
            side,
            line: number,
            name: f[name].trim().to_owned(),
            cells,
            note: f[note].to_owned(),
        });
    }
    Ok(SummaryTable {
        columns: tsv.header[cols].iter().map(|s| s.to_string()).collect(),
        lines,
    })
}

fn parse_functional(
    id: TableId,
    tsv: &Tsv,
    unit: Unit,
) -> Result<FunctionalTable, DisclosureError> {
    let (printed, code, name, note) = (
        tsv.column("printed_code")?,
        tsv.column("code")?,
        tsv.column("name")?,
        tsv.column("note")?,
    );
    let cols = tsv.amount_columns(name + 1)?;
    let mut table = Table::new(id.label(), tsv.header[cols.clone()].iter().copied());
    let (mut printed_codes, mut notes) = (Vec::new(), Vec::new());
    for (line, f) in &tsv.records {
        let cells: Vec<Option<Amount>> = cols
            .clone()
            .map(|c| tsv.amount(*line, c, f[c], unit))
            .collect::<Result<_, _>>()?;
        if f[code].trim().is_empty() {
            if f[name].trim() == crate::check::TOTAL_LABEL {
                table
                    .set_total(cells)
                    .map_err(|e| tsv.error(*line, name, e.to_string(), f[name]))?;
                continue;
            }
            return Err(tsv.error(*line, code, "a row other than 合计 needs a code", f[code]));
        }
        let c = tsv.code(*line, code, f[code])?;
        let n = Some(f[name].trim()).filter(|n| !n.is_empty());
        table
            .push(c, n, cells)
            .map_err(|e| tsv.error(*line, name, e.to_string(), f[name]))?;
        printed_codes.push(f[printed].trim().to_owned());
        notes.push(f[note].to_owned());
    }
    Ok(FunctionalTable {
        table,
        printed_codes,
        notes,
    })
}

fn parse_basic(tsv: &Tsv, unit: Unit) -> Result<BasicExpenditureTable, DisclosureError> {
    let (group, printed, code, name, value) = (
        tsv.column("group")?,
        tsv.column("printed_code")?,
        tsv.column("code")?,
        tsv.column("name")?,
        tsv.column("决算数")?,
    );
    let mut table = Table::new(TableId::T06.label(), ["决算数"]);
    let (mut groups, mut printed_codes) = (Vec::new(), Vec::new());
    let (mut personnel_total, mut public_total) = (None, None);
    for (line, f) in &tsv.records {
        let amount = tsv.amount(*line, value, f[value], unit)?;
        let g = match f[group].trim() {
            "人员经费" => CostGroup::Personnel,
            "公用经费" => CostGroup::Public,
            other => {
                return Err(tsv.error(*line, group, "group must be 人员经费 or 公用经费", other))
            }
        };
        if f[code].trim().is_empty() {
            match f[name].trim() {
                "人员经费合计" => personnel_total = amount,
                "公用经费合计" => public_total = amount,
                other => {
                    return Err(tsv.error(
                        *line,
                        code,
                        "only the two 合计 rows may lack a code",
                        other,
                    ))
                }
            }
            continue;
        }
        let c = tsv.code(*line, code, f[code])?;
        let n = Some(f[name].trim()).filter(|n| !n.is_empty());
        table
            .push(c, n, vec![amount])
            .map_err(|e| tsv.error(*line, name, e.to_string(), f[name]))?;
        groups.push(g);
        printed_codes.push(f[printed].trim().to_owned());
    }
    Ok(BasicExpenditureTable {
        table,
        groups,
        printed_codes,
        personnel_total,
        public_total,
    })
}

fn parse_three_costs(tsv: &Tsv, unit: Unit) -> Result<ThreeCostsTable, DisclosureError> {
    let measure = tsv.column("measure")?;
    let cols: Vec<usize> = THREE_COSTS_COLUMNS
        .iter()
        .map(|c| tsv.column(c))
        .collect::<Result<_, _>>()?;
    let (mut budget, mut actual) = (None, None);
    for (line, f) in &tsv.records {
        let cells: Vec<Option<Amount>> = cols
            .iter()
            .map(|&c| tsv.amount(*line, c, f[c], unit))
            .collect::<Result<_, _>>()?;
        match f[measure].trim() {
            "预算数" => budget = Some(cells),
            "决算数" => actual = Some(cells),
            other => {
                return Err(tsv.error(*line, measure, "measure must be 预算数 or 决算数", other))
            }
        }
    }
    // No record at all is a table that could not be read (see `Document::is_read`).
    if budget.is_none() && actual.is_none() {
        return Ok(ThreeCostsTable {
            budget: Vec::new(),
            actual: Vec::new(),
        });
    }
    let blank = || vec![None; THREE_COSTS_COLUMNS.len()];
    Ok(ThreeCostsTable {
        budget: budget.unwrap_or_else(blank),
        actual: actual.unwrap_or_else(blank),
    })
}

fn parse_claims(tsv: &Tsv) -> Result<Vec<Claim>, DisclosureError> {
    let c = |n| tsv.column(n);
    let (id, section, subject, measure, value, word, of, quote, note) = (
        c("id")?,
        c("section")?,
        c("subject")?,
        c("measure")?,
        c("value")?,
        c("word")?,
        c("of")?,
        c("quote")?,
        c("note")?,
    );
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    tsv.records
        .iter()
        .map(|(line, f)| {
            let m = f[measure]
                .trim()
                .parse::<Measure>()
                .map_err(|_| tsv.error(*line, measure, "unknown measure", f[measure]))?;
            let subject = f[subject]
                .trim()
                .parse::<Subject>()
                .map_err(|_| tsv.error(*line, subject, "unknown subject", f[subject]))?;
            let word = opt(f[word])
                .map(|w| w.parse::<Direction>())
                .transpose()
                .map_err(|_| tsv.error(*line, word, "unknown direction word", f[word]))?;
            let of = opt(f[of])
                .map(|o| o.parse::<Base>())
                .transpose()
                .map_err(|_| tsv.error(*line, of, "unknown base", f[of]))?;
            Ok(Claim {
                id: f[id].trim().to_owned(),
                section: f[section].trim().to_owned(),
                subject,
                measure: m,
                value: opt(f[value]),
                word,
                of,
                quote: f[quote].to_owned(),
                note: f[note].to_owned(),
            })
        })
        .collect()
}

fn parse_names(tsv: &Tsv) -> Result<Vec<NamePath>, DisclosureError> {
    let (id, section, printed, numbering) = (
        tsv.column("id")?,
        tsv.column("section")?,
        tsv.column("printed")?,
        tsv.column("numbering")?,
    );
    Ok(tsv
        .records
        .iter()
        .map(|(_, f)| NamePath {
            id: f[id].trim().to_owned(),
            section: f[section].trim().to_owned(),
            printed: f[printed].to_owned(),
            numbering: f[numbering].trim().to_owned(),
        })
        .collect())
}
