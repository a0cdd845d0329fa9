//! Audit reports as self-contained HTML pages for reviewers: every table as it was read,
//! each cell a finding is about marked (red for an error, orange for a warning, dotted for
//! 尾差) with its findings on hover and a link to them; the narrative claims and name paths
//! with theirs; and an index page for a batch sorted by number of errors.
//!
//! Pages have no external assets (inline CSS, no script) and escape everything that comes
//! from the document.
//!
//! Why this is in the library, not the example: it is the audit's presentation for people
//! (as [`crate::audit::Report::to_text`] is for a terminal), it needs the typed tables of the
//! [`Document`] and the finding's places, and a service or another tool should produce the
//! same page without copying code.
//!
//! ```
//! use cn_budget::audit::{audit, html, AuditOptions};
//! let doc = cn_budget::disclosure::Document::embedded()?;
//! let report = audit(doc, &AuditOptions::default());
//! let page = html::render_document(doc, &report, "hongshan-finance-2024");
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! // 公开02表 21011 本年收入合计 is marked as an error and titled with its finding.
//! assert!(page.contains("class=\"num hit err\""));
//! assert!(page.contains("[t02.hierarchy] 公开02表 21011 行政事业单位医疗"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod tables;

use super::batch::BatchItem;
use super::{Finding, Report, Rule, Severity};
use crate::disclosure::{Document, TableId, THREE_COSTS_COLUMNS};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

const fn class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "err",
        Severity::Warning => "warn",
        Severity::Info => "tail",
    }
}

/// The findings about one cell (or row, claim, name path).
struct Mark<'a> {
    id: String,
    findings: Vec<(usize, &'a Finding)>,
}

impl Mark<'_> {
    /// A `<td>` holding `text`, classed by its worst finding, titled with every finding's
    /// message, and linking to them.
    fn td(&self, text: &str, class_name: &str) -> String {
        let worst = self.findings.iter().map(|(_, f)| f.severity).min();
        let title: Vec<String> = self.findings.iter().map(|(_, f)| f.message()).collect();
        let links: String = self
            .findings
            .iter()
            .map(|(i, f)| {
                format!(
                    "<a class=\"ref {}\" href=\"#f{i}\">{}</a>",
                    class(f.severity),
                    i + 1
                )
            })
            .collect();
        format!(
            "<td class=\"{class_name} hit {}\" id=\"{}\" title=\"{}\">{}<sup>{links}</sup></td>",
            worst.map_or("", class),
            self.id,
            esc(&title.join("\n")),
            esc(text)
        )
    }
}

/// How findings name a row: by one of its keys (a code, 合计, 支出第31行, 支出「label」), or,
/// for a 类 line of a summary table, by its label with the 类 code the catalog gives it.
pub(crate) struct Row<'r> {
    keys: &'r [&'r str],
    label: Option<&'r str>,
}

impl<'r> Row<'r> {
    fn keyed(keys: &'r [&'r str]) -> Row<'r> {
        Row { keys, label: None }
    }

    fn holds(&self, f: &Finding) -> bool {
        let Some(code) = f.code() else {
            return false;
        };
        self.keys.contains(&code)
            || (self.label.is_some()
                && f.name() == self.label
                && code.len() == 3
                && code.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// Which findings are about which cell, and where each was placed.
pub(crate) struct Marks<'a> {
    findings: &'a [Finding],
    /// The column headings of each table, by canonical label.
    columns: BTreeMap<&'static str, Vec<String>>,
    /// Finding index → the id of the element it was placed on.
    placed: RefCell<BTreeMap<usize, String>>,
    /// First finding index of a mark → how many marks it opened: the same findings may mark
    /// several elements (a rounding summary names every claim it lists), each its own id.
    opened: RefCell<BTreeMap<usize, usize>>,
}

impl<'a> Marks<'a> {
    fn new(doc: &Document, findings: &'a [Finding]) -> Marks<'a> {
        let mut columns = BTreeMap::new();
        for id in TableId::ALL {
            let cols: Vec<String> = match id {
                TableId::T01 => doc.t01.columns.clone(),
                TableId::T04 => doc.t04.columns.clone(),
                TableId::T06 => vec!["决算数".into()],
                TableId::T09 => THREE_COSTS_COLUMNS
                    .iter()
                    .map(|c| (*c).to_owned())
                    .collect(),
                _ => doc
                    .functional(id)
                    .map_or_else(Vec::new, |t| t.table.columns().to_vec()),
            };
            columns.insert(id.label(), cols);
        }
        Marks {
            findings,
            columns,
            placed: RefCell::new(BTreeMap::new()),
            opened: RefCell::new(BTreeMap::new()),
        }
    }

    fn mark(&self, found: Vec<(usize, &'a Finding)>) -> Option<Mark<'a>> {
        let first = found.first()?.0;
        let mut opened = self.opened.borrow_mut();
        let n = opened.entry(first).or_insert(0);
        *n += 1;
        let id = if *n == 1 {
            format!("c{first}")
        } else {
            format!("c{first}-{n}")
        };
        let mut placed = self.placed.borrow_mut();
        for (i, _) in &found {
            placed.entry(*i).or_insert_with(|| id.clone());
        }
        Some(Mark {
            id,
            findings: found,
        })
    }

    fn select(&self, keep: impl Fn(&Finding) -> bool) -> Vec<(usize, &'a Finding)> {
        self.findings
            .iter()
            .enumerate()
            .filter(|(_, f)| keep(f))
            .collect()
    }

    /// The findings about the cell of `table` in the row known by any of `rows` and
    /// `column`.
    fn cell(&self, table: &str, rows: &Row, column: Option<&str>) -> Option<Mark<'a>> {
        self.mark(
            self.select(|f| f.table() == Some(table) && rows.holds(f) && f.column() == column),
        )
    }

    /// The findings about a row of `table` whose column is none of the table's.
    fn row(&self, table: &str, rows: &Row) -> Option<Mark<'a>> {
        let columns = self.columns.get(table);
        self.mark(self.select(|f| {
            f.table() == Some(table)
                && rows.holds(f)
                && !f
                    .place
                    .column
                    .as_ref()
                    .is_some_and(|c| columns.is_some_and(|cs| cs.contains(c)))
        }))
    }

    /// The findings about a narrative claim (its id and section open the claim's quote in
    /// the message).
    fn claim(&self, id: &str, section: &str) -> Option<Mark<'a>> {
        let needle = format!("{id} {section}「");
        self.mark(self.select(|f| f.table().is_none() && f.message().contains(&needle)))
    }

    /// The findings about a name path (its id is the finding's code).
    fn name_path(&self, id: &str) -> Option<Mark<'a>> {
        self.mark(self.select(|f| {
            f.table().is_none()
                && f.code() == Some(id)
                && matches!(
                    f.rule,
                    Rule::NamesOfficial | Rule::NamesMarker | Rule::NamesNumbering
                )
        }))
    }

    /// The findings not yet placed that satisfy `keep`.
    fn unplaced(&self, keep: impl Fn(&Finding) -> bool) -> Vec<(usize, &'a Finding)> {
        let placed = self.placed.borrow();
        self.select(keep)
            .into_iter()
            .filter(|(i, _)| !placed.contains_key(i))
            .collect()
    }
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222;font-size:14px}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:2px 6px}
th{background:#eee;font-weight:normal;white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td,tr.l3 td{font-weight:bold}tr.l5 td:nth-child(2){padding-left:1.2em}tr.l7 td:nth-child(2){padding-left:2.4em}
td.hit.err{background:#fbd0d0;outline:2px solid #c00}td.hit.warn{background:#fde7c0;outline:1px solid #d80}
td.hit.tail{background:#f4f4f4;outline:1px dotted #888}td.hit:target{outline:3px solid #06c}
sup a.ref{font-size:.75em;margin-left:2px;text-decoration:none;padding:0 2px;border-radius:3px;color:#fff}
a.ref.err{background:#c00}a.ref.warn{background:#d80}a.ref.tail{background:#888}
li:target{background:#ffef9e}li.err{color:#900}li.warn{color:#850}li.tail{color:#555}
.counts span{display:inline-block;margin-right:1em;padding:2px 8px;border-radius:3px}
.counts .err{background:#fbd0d0}.counts .warn{background:#fde7c0}.counts .tail{background:#eee}
.sides{display:flex;gap:1.5em;align-items:flex-start;flex-wrap:wrap}
nav.toc{position:sticky;top:0;background:#fff;padding:4px 0;border-bottom:1px solid #ddd;z-index:1}
nav.toc a{margin-right:.9em;white-space:nowrap}nav.toc .n{font-size:.8em;padding:0 4px;border-radius:3px;background:#c00;color:#fff;margin-left:2px}
details#general{margin:.8em 0}details#general summary{cursor:pointer;color:#850}
.state{color:#666;font-size:.85em;font-weight:normal}.none{color:#666}td.quote{max-width:40em}
"#;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n{body}</body></html>\n",
        esc(title)
    )
}

/// The findings as a numbered list; each item's id is `prefix` and the finding's index.
fn finding_items(
    out: &mut String,
    found: &[(usize, &Finding)],
    marks: &Marks,
    anchor: &str,
    prefix: &str,
) {
    out.push_str("<ol class=\"findings\">\n");
    let placed = marks.placed.borrow();
    for (i, f) in found {
        let target = placed.get(i).map_or(anchor, String::as_str);
        let own = format!("{prefix}{i}");
        let link = if *target == own {
            String::new()
        } else {
            format!(" <a href=\"#{target}\">定位</a>")
        };
        let _ = writeln!(
            out,
            "<li id=\"{own}\" value=\"{}\" class=\"{}\">{}：{}{link}</li>",
            i + 1,
            class(f.severity),
            f.severity.label(),
            esc(&f.message())
        );
    }
    out.push_str("</ol>\n");
}

/// The report of one document as a self-contained HTML page: headline and counts, the
/// tables as read with the cells findings are about marked, the claims and name paths, the
/// errors and warnings, and the 尾差 in a section of their own. `source` names the file
/// the document was read from.
///
/// ```
/// use cn_budget::audit::{audit, html, AuditOptions};
/// let doc = cn_budget::disclosure::Document::embedded()?;
/// let page = html::render_document(doc, &audit(doc, &AuditOptions::default()), "<x>.pdf");
/// assert!(page.contains("&lt;x&gt;.pdf") && !page.contains("<x>.pdf"));
/// assert!(page.contains("id=\"tail\""), "尾差 are apart from the errors");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_document(doc: &Document, report: &Report, source: &str) -> String {
    let marks = Marks::new(doc, &report.findings);
    let d = &report.document;
    let mut tables_html = String::new();
    let mut toc = String::from("<nav class=\"toc\">");
    for info in &d.tables {
        let Some(id) = TableId::ALL
            .into_iter()
            .find(|t| info.id.as_deref() == Some(t.label()))
        else {
            continue;
        };
        let anchor = format!("t{:02}", id as u8 + 1);
        let errors = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && f.table() == Some(id.label()))
            .count();
        let badge = if errors > 0 {
            format!("<span class=\"n\">{errors}</span>")
        } else {
            String::new()
        };
        let _ = write!(toc, "<a href=\"#{anchor}\">{}{badge}</a>", id.label());
        let _ = writeln!(
            tables_html,
            "<h2 id=\"{anchor}\">{} <span class=\"state\">（{}{}）</span></h2>",
            esc(&info.title),
            info.state.name(),
            if info.page > 0 {
                format!("，第 {} 页", info.page)
            } else {
                String::new()
            }
        );
        let mut body = String::new();
        tables::table(&mut body, &marks, doc, id);
        let about_table = marks.unplaced(|f| f.table() == Some(id.label()));
        if !about_table.is_empty() {
            for (i, f) in &about_table {
                marks.placed.borrow_mut().insert(*i, anchor.clone());
                let _ = f;
            }
            let _ = writeln!(tables_html, "<ul class=\"table-notes\">");
            for (i, f) in &about_table {
                let _ = writeln!(
                    tables_html,
                    "<li class=\"{}\"><a class=\"ref {}\" href=\"#f{i}\">{}</a> {}</li>",
                    class(f.severity),
                    class(f.severity),
                    i + 1,
                    esc(&f.message())
                );
            }
            tables_html.push_str("</ul>\n");
        }
        tables_html.push_str(&body);
    }
    let mut narrative = String::from("<h2 id=\"claims\">情况说明中的数值表述</h2>\n");
    tables::claims(&mut narrative, &marks, doc);
    if !doc.names.is_empty() {
        narrative.push_str("<h2 id=\"names\">科目名称路径</h2>\n");
        tables::names(&mut narrative, &marks, doc);
    }

    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}审核报告</h1>", esc(&d.headline()));
    let _ = writeln!(
        body,
        "<p>文件：<code>{}</code>；金额单位：{}；共执行 {} 项校验。<a href=\"index.html\">返回批次索引</a></p>",
        esc(source),
        esc(&d.unit),
        report.evaluated
    );
    let _ = writeln!(
        body,
        "<p class=\"counts\"><span class=\"err\"><a href=\"#errors\">错误 {}</a></span><span class=\"warn\"><a href=\"#warnings\">警告 {}</a></span><span class=\"tail\"><a href=\"#tail\">尾差 {}</a></span></p>",
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
    toc.push_str("<a href=\"#claims\">情况说明</a><a href=\"#errors\">错误</a><a href=\"#warnings\">警告</a><a href=\"#tail\">尾差</a></nav>\n");
    body.push_str(&toc);
    let general = marks.unplaced(|_| true);
    if !general.is_empty() {
        // Open when it holds an error; reader's notes alone stay folded under the tables' nav.
        let open = general.iter().any(|(_, f)| f.severity == Severity::Error);
        let _ = writeln!(
            body,
            "<details id=\"general\"{}><summary>关于全文的发现：{} 项（未对应到某一单元格）</summary>",
            if open { " open" } else { "" },
            general.len()
        );
        for (i, _) in &general {
            marks.placed.borrow_mut().insert(*i, format!("g{i}"));
        }
        finding_items(&mut body, &general, &marks, "general", "g");
        body.push_str("</details>\n");
    }
    body.push_str(&tables_html);
    body.push_str(&narrative);
    for (severity, anchor, title) in [
        (Severity::Error, "errors", "错误（舍入无法解释的矛盾）"),
        (
            Severity::Warning,
            "warnings",
            "警告（名称、层级、格式或结构问题）",
        ),
        (Severity::Info, "tail", "尾差（舍入差异，非错误）"),
    ] {
        let found = marks.select(|f| f.severity == severity);
        let _ = writeln!(body, "<h2 id=\"{anchor}\">{title}：{} 项</h2>", found.len());
        finding_items(&mut body, &found, &marks, anchor, "f");
    }
    page(&format!("{}审核报告", d.headline()), &body)
}

/// The index page of a batch: one row per document, sorted by number of errors (documents
/// that could not be read first), linking to each document's page; `pages[i]` is the page
/// file of `items[i]` (`None` when it has none).
///
/// ```
/// use cn_budget::audit::batch::audit_batch;
/// use cn_budget::audit::{html, AuditOptions};
/// let items = audit_batch(&["data/disclosures/hongshan-finance-2024".into(), "x.pdf".into()], &AuditOptions::default(), 1, |_| {});
/// let index = html::render_index(&items, &[Some("a.html".into()), None]);
/// assert!(index.contains("<a href=\"a.html\">hongshan-finance-2024</a>"));
/// assert!(index.find("x.pdf") < index.find("hongshan"), "unreadable first");
/// ```
pub fn render_index(items: &[BatchItem], pages: &[Option<String>]) -> String {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| {
        let item = &items[i];
        (
            item.outcome.is_ok(),
            std::cmp::Reverse(item.count(Severity::Error)),
            std::cmp::Reverse(item.count(Severity::Warning)),
        )
    });
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<h1>批量审核：{} 份文档</h1>\n<p>按错误数排序；无法读取的文档列在最前。</p>",
        items.len()
    );
    body.push_str("<table><thead><tr><th>文件</th><th>部门</th><th>年度</th><th>预算/决算</th><th>错误</th><th>警告</th><th>尾差</th><th>首个错误或无法读取的原因</th></tr></thead><tbody>\n");
    for i in order {
        let item = &items[i];
        let name = esc(&item.file_name());
        let file = match pages.get(i).cloned().flatten() {
            Some(p) => format!("<a href=\"{}\">{name}</a>", esc(&p)),
            None => name,
        };
        match &item.outcome {
            Ok(a) => {
                let d = &a.report.document;
                let first = a
                    .report
                    .findings
                    .iter()
                    .find(|f| f.severity == Severity::Error)
                    .map_or_else(String::new, |f| esc(&f.message()));
                let errors = a.report.count(Severity::Error);
                let _ = writeln!(
                    body,
                    "<tr><td>{file}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num{}\">{errors}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{first}</td></tr>",
                    esc(&d.department),
                    d.year,
                    esc(&d.kind),
                    if errors > 0 { " hit err" } else { "" },
                    a.report.count(Severity::Warning),
                    a.report.count(Severity::Info),
                );
            }
            Err(e) => {
                let kind = if e.is_budget() { "预算" } else { "" };
                let _ = writeln!(
                    body,
                    "<tr class=\"unreadable\"><td>{file}</td><td></td><td></td><td>{kind}</td><td class=\"num hit warn\">—</td><td></td><td></td><td>无法读取：{}</td></tr>",
                    esc(&e.to_string())
                );
            }
        }
    }
    body.push_str("</tbody></table>\n");
    page("批量审核索引", &body)
}

/// Every page of a batch as `(file name, HTML)`: one per document read (named after its
/// position and file) and `index.html`.
///
/// ```
/// use cn_budget::audit::batch::audit_batch;
/// use cn_budget::audit::{html, AuditOptions};
/// let items = audit_batch(&["data/disclosures/hongshan-finance-2024".into()], &AuditOptions::default(), 1, |_| {});
/// let pages = html::render_batch(&items);
/// assert_eq!(pages[0].0, "001-hongshan-finance-2024.html");
/// assert_eq!(pages.last().unwrap().0, "index.html");
/// ```
pub fn render_batch(items: &[BatchItem]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut names = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let Ok(a) = &item.outcome else {
            names.push(None);
            continue;
        };
        let stem: String = item
            .file_name()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let file = format!("{:03}-{stem}.html", n + 1);
        let source = item.path.display().to_string();
        out.push((
            file.clone(),
            render_document(&a.document, &a.report, &source),
        ));
        names.push(Some(file));
    }
    out.push(("index.html".into(), render_index(items, &names)));
    out
}

#[cfg(test)]
mod escape_tests {
    #[test]
    fn esc_escapes_content_and_attribute_characters() {
        assert_eq!(
            super::esc("<b>\"A&B\"</b>'"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;"
        );
    }
}
