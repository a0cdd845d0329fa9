//! Ingest: read real disclosures from PDF-extracted text or pdfplumber JSON into a
//! [`Document`], reporting extraction problems instead of inventing errors.
//!
//! Two inputs are supported, detected from the content ([`detect`]):
//! 1. plain text as extracted from a PDF (cells separated by tabs or runs of spaces, page
//!    breaks lost, codes truncated or split), and
//! 2. the JSON of pdfplumber-based pipelines: `{"page_texts": [...], "page_tables":
//!    [[[cell, ...], ...], ...]}` (other keys ignored).
//!
//! Both are first cut into a [`RawDocument`] (tables as rows of printed cells, plus the
//! narrative lines); the same assembly then builds the typed tables, the narrative claims and
//! the name paths.

mod layout;
mod layout_text;
mod limits;
mod narrative;
mod page;
#[cfg(feature = "pdf")]
pub mod pdf;
mod pdfplumber;
mod printed;
mod tables;
mod text;

pub use limits::{Limit, Limits};
pub use page::{Line, Page, Position, Span};
pub(crate) use printed::{compact, part_heading, year_in};
pub(crate) use tables::{heading_department, printed_tables};

use crate::disclosure::{Document, TableId};
use crate::finding::Finding;

/// The input formats [`ingest`] reads.
///
/// ```
/// use cn_budget::ingest::{detect, Format};
/// assert_eq!(detect("{\"page_texts\": [], \"page_tables\": []}"), Format::PdfplumberJson);
/// assert_eq!(detect("2024 年度收入决算表\n公开 02 表"), Format::Text);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text extracted from a PDF.
    Text,
    /// pdfplumber JSON (`page_texts`, `page_tables`).
    PdfplumberJson,
}

/// Tells the format of an input from its content: JSON objects are pdfplumber JSON,
/// anything else is text.
pub fn detect(input: &str) -> Format {
    if input.trim_start().starts_with('{') {
        Format::PdfplumberJson
    } else {
        Format::Text
    }
}

/// One table as printed: its title and rows of cells (an empty string is a blank cell).
///
/// Rows are laid out as printed: 公开02表 prints the code, a blank cell, the name and the
/// seven amount columns; the 合计 row has its label in the name cell.
///
/// ```
/// use cn_budget::disclosure::TableId;
/// use cn_budget::ingest::{assemble, RawDocument, RawTable};
/// let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
/// let t02 = RawTable {
///     id: Some(TableId::T02),
///     title: "2024 年度收入决算表".into(),
///     heading: vec!["单位：某局".into(), "金额单位：万元".into()],
///     rows: vec![
///         row(&["", "", "合计", "10.00", "10.00", "", "", "", "", ""]),
///         row(&["201", "", "一般公共服务支出", "10.00", "10.00", "", "", "", "", ""]),
///         row(&["20106", "", "财政事务", "10.00", "10.00", "", "", "", "", ""]),
///         row(&["201060", "", "行政运行", "10.00", "10.00", "", "", "", "", ""]),
///     ],
///     ..RawTable::default()
/// };
/// let raw = RawDocument { tables: vec![t02], ..RawDocument::default() };
/// let doc = assemble(&raw)?.document;
/// // The truncated 201060 is resolved by its name in the 2024 catalog.
/// let codes: Vec<String> = doc.t02.table.rows().iter().map(|r| r.code.to_string()).collect();
/// assert_eq!(codes, ["201", "20106", "2010601"]);
/// assert_eq!(doc.t02.printed_codes[2], "201060");
/// assert_eq!(doc.meta.reporting_unit, "某局");
/// # Ok::<(), cn_budget::ingest::IngestError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawTable {
    /// Which table the title names, if recognised.
    pub id: Option<TableId>,
    /// The title line as printed.
    pub title: String,
    /// The lines printed between the title and the first row (公开02表, 单位, 金额单位 …).
    pub heading: Vec<String>,
    /// The rows, each a list of cells in printed order; continuation pages are appended.
    pub rows: Vec<Vec<String>>,
    /// Lines printed under the table (注, 本部门…无… statements).
    pub trailer: Vec<String>,
    /// The label of each cell column, from the table's own header, when the input gave the
    /// cells their positions (a PDF, layout text); empty otherwise.
    pub columns: Vec<String>,
    /// The page the table starts on (from 1; 0 when the input has no pages).
    pub page: usize,
    /// The label printed on a line of its own just above the title (表7 over
    /// 「一般公共预算财政拨款“三公”经费支出决算表」), when the input gave positioned lines.
    pub label: Option<String>,
}

/// A document cut into its parts, before the tables are typed.
///
/// ```
/// use cn_budget::disclosure::TableId;
/// use cn_budget::ingest::{assemble, RawDocument, RawTable};
/// let raw = RawDocument {
///     // The year is read from the table titles, else their headings, else the front matter.
///     front: vec!["2024 年度某局部门决算".into()],
///     tables: vec![RawTable { id: Some(TableId::T07), title: "政府性基金预算财政拨款收入支出决算表".into(), ..RawTable::default() }],
///     narrative: vec![
///         "第三部分 2024 年度部门决算情况说明".into(),
///         "1.一般公共服务支出（类）财政事务（款）行政运行（项）。".into(),
///     ],
///     ..RawDocument::default()
/// };
/// let doc = assemble(&raw)?.document;
/// assert_eq!((doc.meta.year, doc.meta.edition), (2024, 2024));
/// assert_eq!(doc.names.len(), 1);
/// assert_eq!(doc.names[0].printed, "一般公共服务支出（类）财政事务（款）行政运行（项）");
/// assert_eq!(doc.names[0].numbering, "1.");
/// // The part headings are kept as printed, with their page when the input has pages.
/// assert_eq!(doc.meta.headings[0].text, "第三部分 2024 年度部门决算情况说明");
/// assert_eq!(doc.meta.headings[0].page, 0);
/// # Ok::<(), cn_budget::ingest::IngestError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawDocument {
    /// The lines before the first table (cover, 目录, 概况).
    pub front: Vec<String>,
    /// The tables in printed order.
    pub tables: Vec<RawTable>,
    /// The lines after the tables (情况说明, 名词解释, 附件 …), in order.
    pub narrative: Vec<String>,
    /// The page of each line of `front` (from 1), when the input has pages; empty otherwise.
    pub front_pages: Vec<usize>,
    /// The page of each line of `narrative` (from 1), when the input has pages; empty
    /// otherwise.
    pub narrative_pages: Vec<usize>,
}

/// The input could not be read at all (a document that reads but has problems yields
/// findings, not an error).
///
/// ```
/// use cn_budget::ingest::{ingest, IngestError};
/// assert_eq!(ingest("一段没有表格的文字").unwrap_err(), IngestError::NoTables);
/// // A budget whose tables cannot be found is named as such (a budget whose tables are
/// // found is read, see `assemble`).
/// let budget = ingest("某局2026年度部门预算\n目录\n收支总表").unwrap_err();
/// assert_eq!(budget, IngestError::Budget { title: "某局2026年度部门预算".into() });
/// assert!(matches!(ingest("{\"page_texts\": []}"), Err(IngestError::Json { .. })));
/// // A table title without a year anywhere in the document.
/// let text = "收入决算表\n公开 02 表\n金额单位：万元\n\t\t合计\t10.00\t10.00\t\t\t\t\t\n";
/// assert_eq!(ingest(text).unwrap_err(), IngestError::NoYear);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// JSON input that does not parse, lacks `page_texts`/`page_tables`, or holds a value of
    /// the wrong kind.
    ///
    /// ```
    /// use cn_budget::ingest::{ingest, IngestError};
    /// let err = ingest(r#"{"page_texts": [], "page_tables": [[[["x"], 1]]]}"#).unwrap_err();
    /// assert!(matches!(&err, IngestError::Json { path, line: None, .. } if path == "page_tables[0][0][1]"));
    /// assert_eq!(err.to_string(), "not pdfplumber JSON: page_tables[0][0][1] is not a list of cells");
    /// let err = ingest("{\"page_texts\": [],\n  \"page_tables\": [}").unwrap_err();
    /// assert!(matches!(err, IngestError::Json { line: Some(2), column: Some(_), .. }));
    /// assert!(err.to_string().starts_with("not pdfplumber JSON: invalid JSON at line 2, column "));
    /// ```
    #[error("not pdfplumber JSON: {}", json_problem(path, *line, *column, reason))]
    Json {
        /// The JSON path of the offending value (`page_tables[3][0]`, `page_texts`); empty
        /// for the top level and for text that does not parse as JSON.
        path: String,
        /// The line (from 1) of a syntax error; `None` when the JSON parses.
        line: Option<usize>,
        /// The column (from 1) of a syntax error; `None` when the JSON parses.
        column: Option<usize>,
        /// What is wrong.
        reason: String,
    },
    /// A PDF file that cannot be read (feature `pdf`).
    #[cfg(feature = "pdf")]
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// A file that is neither a PDF nor UTF-8 text.
    #[error("the input is neither a PDF file nor UTF-8 text (invalid byte at offset {offset})")]
    NotText {
        /// The offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// The document is a budget (部门预算, 单位预算): its front matter says so, but none of its
    /// tables was found (a budget whose tables are found is read like a 决算, with
    /// [`crate::disclosure::Kind::Budget`]).
    #[error(
        "this is a budget (「{title}」), but none of its tables (收支总表, 支出总表 …) was found"
    )]
    Budget {
        /// The line that names the document a budget.
        title: String,
    },
    /// No table of a 部门决算 was found.
    #[error("no 部门决算 table found in the input")]
    NoTables,
    /// The document year could not be found.
    #[error("no document year found (expected a title such as 2024 年度…部门决算)")]
    NoYear,
    /// The input goes over one of its [`Limits`] (nothing of it is read).
    #[error("the input has {actual} {limit}, over the limit of {max} ({at})")]
    OverLimit {
        /// Which bound.
        limit: Limit,
        /// The bound's value.
        max: usize,
        /// What the input has.
        actual: usize,
        /// Where: the page and line (or row of a table), 0 where it does not apply.
        at: Position,
    },
}

/// `page_tables[0] is not a list of tables`, `invalid JSON at line 2, column 18: …`.
fn json_problem(path: &str, line: Option<usize>, column: Option<usize>, reason: &str) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("invalid JSON at line {l}, column {c}: {reason}"),
        _ if path.is_empty() => reason.to_owned(),
        _ => format!("{path} {reason}"),
    }
}

/// A document read from extracted input, and what could not be read reliably.
///
/// The problems are findings like the audit's, to be merged into its report:
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions};
/// use cn_budget::ingest::ingest;
/// let text = include_str!("../../data/disclosures/hongshan-finance-2024/source.txt");
/// let ingested = ingest(text)?;
/// assert!(ingested.problems.iter().all(|p| p.rule.as_str().starts_with("ingest.")));
/// let mut report = audit(&ingested.document, &AuditOptions::default());
/// let before = report.findings.len();
/// report.merge(ingested.problems.clone());
/// assert_eq!(report.findings.len(), before + ingested.problems.len());
/// # Ok::<(), cn_budget::ingest::IngestError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Ingested {
    /// The document (tables that could not be read are left empty).
    pub document: Document,
    /// Extraction problems (`ingest.*` rules), reported with the audit's findings.
    pub problems: Vec<Finding>,
}

/// Reads a disclosure from PDF-extracted text or pdfplumber JSON.
///
/// ```
/// use cn_budget::disclosure::{Document, TableId};
/// use cn_budget::ingest::ingest;
/// // The text extracted from the PDF of the embedded document.
/// let text = include_str!("../../data/disclosures/hongshan-finance-2024/source.txt");
/// let ingested = ingest(text)?;
/// let doc = &ingested.document;
/// assert_eq!((doc.meta.department.as_str(), doc.meta.year), ("武汉市洪山区财政局", 2024));
/// assert!(TableId::ALL.iter().all(|&id| doc.is_read(id)));
/// // The tables come out as transcribed by hand, truncated codes resolved.
/// let embedded = Document::embedded()?;
/// assert_eq!(doc.t02.table, embedded.t02.table);
/// assert_eq!(doc.t06.table, embedded.t06.table);
/// assert_eq!(doc.claims.len(), embedded.claims.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ingest(input: &str) -> Result<Ingested, IngestError> {
    ingest_with(input, &Limits::default())
}

/// [`ingest`] within the given [`Limits`] instead of the default ones.
///
/// ```
/// use cn_budget::ingest::{ingest_with, IngestError, Limit, Limits};
/// let text = include_str!("../../data/disclosures/hongshan-finance-2024/source.txt");
/// assert!(ingest_with(text, &Limits::default()).is_ok());
/// let narrow = Limits { rows_per_table: 5, ..Limits::default() };
/// let err = ingest_with(text, &narrow).unwrap_err();
/// assert!(matches!(err, IngestError::OverLimit { limit: Limit::RowsPerTable, max: 5, .. }));
/// ```
pub fn ingest_with(input: &str, limits: &Limits) -> Result<Ingested, IngestError> {
    assemble(&split_within(input, limits)?)
}

/// Reads a disclosure from the bytes of a file: a PDF (feature `pdf`, detected by its
/// `%PDF-` header) or UTF-8 text (layout text, tab-separated text or pdfplumber JSON).
///
/// A PDF's pages are read into the page model ([`pdf::read`]) and cut by the same table
/// reader as layout text; pages without text (scans) and glyphs without Unicode are
/// reported as `ingest.pdf` warnings naming their pages.
///
/// ```
/// use cn_budget::ingest::{ingest_bytes, IngestError};
/// let text = include_str!("../../data/disclosures/hongshan-finance-2024/source.txt");
/// assert_eq!(ingest_bytes(text.as_bytes())?.document.meta.year, 2024);
/// assert!(matches!(ingest_bytes(&[0xff, 0xfe]), Err(IngestError::NotText { offset: 0 })));
/// # Ok::<(), IngestError>(())
/// ```
pub fn ingest_bytes(bytes: &[u8]) -> Result<Ingested, IngestError> {
    ingest_bytes_with(bytes, &Limits::default())
}

/// [`ingest_bytes`] within the given [`Limits`] instead of the default ones.
///
/// ```
/// use cn_budget::ingest::{ingest_bytes_with, IngestError, Limit, Limits};
/// let pdf = include_bytes!("../../tests/fixtures/pdf/table.pdf");
/// let one_span = Limits { spans_per_line: 1, ..Limits::default() };
/// let err = ingest_bytes_with(pdf, &one_span).unwrap_err();
/// assert!(matches!(err, IngestError::OverLimit { limit: Limit::SpansPerLine, .. }));
/// ```
pub fn ingest_bytes_with(bytes: &[u8], limits: &Limits) -> Result<Ingested, IngestError> {
    let (raw, problems) = split_bytes_within(bytes, limits)?;
    let mut ingested = assemble(&raw)?;
    ingested.problems.extend(problems);
    Ok(ingested)
}

/// Cuts the bytes of a file (a PDF, or text as [`split`] reads it) into a [`RawDocument`],
/// with the `ingest.pdf` warnings of a PDF read.
///
/// ```
/// let text = "收入决算表\n单位：万元\n科目编码   科目名称   本年收入合计\n201   一般公共服务支出   10.00\n";
/// let (raw, problems) = cn_budget::ingest::split_bytes(text.as_bytes())?;
/// assert_eq!(raw.tables[0].rows[1][0], "201");
/// assert!(problems.is_empty());
/// # Ok::<(), cn_budget::ingest::IngestError>(())
/// ```
pub fn split_bytes(bytes: &[u8]) -> Result<(RawDocument, Vec<Finding>), IngestError> {
    split_bytes_within(bytes, &Limits::default())
}

/// [`split_bytes`] within `limits`.
fn split_bytes_within(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(RawDocument, Vec<Finding>), IngestError> {
    limits.over(Limit::InputBytes, bytes.len(), Position::default())?;
    #[cfg(feature = "pdf")]
    if bytes
        .get(..1024)
        .unwrap_or(bytes)
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        let read = pdf::read_with(bytes, limits).map_err(|e| match e {
            pdf::PdfError::OverLimit { limit, max, actual } => IngestError::OverLimit {
                limit,
                max,
                actual,
                at: Position::default(),
            },
            e => IngestError::Pdf(e),
        })?;
        limits.check_pages(&read.pages)?;
        let raw = layout::split(&read.pages);
        limits.check_tables(&raw)?;
        return Ok((raw, pdf_problems(&read)));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| IngestError::NotText {
        offset: e.valid_up_to(),
    })?;
    Ok((split_within(text, limits)?, Vec::new()))
}

/// The `ingest.pdf` warnings of a PDF read: scanned pages and undecodable content.
#[cfg(feature = "pdf")]
fn pdf_problems(read: &pdf::PdfPages) -> Vec<Finding> {
    use crate::finding::Rule;
    let mut out = Vec::new();
    if !read.scanned.is_empty() {
        let pages: Vec<String> = read.scanned.iter().map(|p| format!("第{p}页")).collect();
        out.push(Finding::warning(
            Rule::IngestPdf,
            crate::finding::Place::default(),
            format!(
                "{}只有图像、没有文字层（扫描件），其内容未能读取",
                pages.join("、")
            ),
        ));
    }
    for w in &read.warnings {
        out.push(
            Finding::warning(
                Rule::IngestPdf,
                crate::finding::Place::default(),
                format!("PDF 内容未能完全读取：{w}"),
            )
            .on_page(w.page()),
        );
    }
    out
}

/// Cuts an input (layout text, tab-separated text or pdfplumber JSON) into a
/// [`RawDocument`], before the tables are typed: what [`ingest`] reads, for inspection or
/// for another typing of the tables.
///
/// ```
/// use cn_budget::disclosure::TableId;
/// let text = "收入决算表\n单位：万元\n科目编码   科目名称   本年收入合计\n201   一般公共服务支出   10.00\n";
/// let raw = cn_budget::ingest::split(text)?;
/// assert_eq!(raw.tables[0].id, Some(TableId::T02));
/// assert_eq!(raw.tables[0].columns, ["科目编码", "科目名称", "本年收入合计"]);
/// assert_eq!(raw.tables[0].rows[1], ["201", "一般公共服务支出", "10.00"]);
/// # Ok::<(), cn_budget::ingest::IngestError>(())
/// ```
pub fn split(input: &str) -> Result<RawDocument, IngestError> {
    split_within(input, &Limits::default())
}

/// [`split`] within `limits`: the input's size first, the pages of the page model before
/// the table reader cuts them, the tables it cut.
fn split_within(input: &str, limits: &Limits) -> Result<RawDocument, IngestError> {
    limits.over(Limit::InputBytes, input.len(), Position::default())?;
    let pages = match detect(input) {
        Format::Text if layout_text::is_layout(input) => layout_text::pages(input),
        Format::Text => {
            let raw = text::split(input);
            limits.check_tables(&raw)?;
            return Ok(raw);
        }
        Format::PdfplumberJson => pdfplumber::pages(input, limits)?,
    };
    limits.check_pages(&pages)?;
    let raw = layout::split(&pages);
    limits.check_tables(&raw)?;
    Ok(raw)
}

/// Builds the typed document from a [`RawDocument`]; tables missing from it are left empty
/// and reported once each as `ingest.table`.
///
/// ```
/// use cn_budget::disclosure::TableId;
/// use cn_budget::ingest::{assemble, IngestError, RawDocument, RawTable};
/// let t07 = RawTable {
///     id: Some(TableId::T07),
///     title: "2024 年度政府性基金预算财政拨款收入支出决算表".into(),
///     ..RawTable::default()
/// };
/// let ingested = assemble(&RawDocument { tables: vec![t07], ..RawDocument::default() })?;
/// assert_eq!(ingested.document.meta.year, 2024);
/// // The eight tables not in the input are reported, each once.
/// let missing: Vec<_> = ingested.problems.iter().filter(|p| p.rule.as_str() == "ingest.table").collect();
/// assert_eq!(missing.len(), 8);
/// assert!(!missing.iter().any(|p| p.table() == Some("公开07表")));
///
/// // A table needs a recognised id.
/// let unknown = RawTable { title: "2024 年度某某表".into(), ..RawTable::default() };
/// let raw = RawDocument { tables: vec![unknown], ..RawDocument::default() };
/// assert_eq!(assemble(&raw).unwrap_err(), IngestError::NoTables);
/// # Ok::<(), IngestError>(())
/// ```
pub fn assemble(raw: &RawDocument) -> Result<Ingested, IngestError> {
    let mut problems = Vec::new();
    let meta = tables::meta(raw)?;
    let catalog = crate::Catalog::edition(meta.edition).ok();
    if meta.kind == crate::disclosure::Kind::Budget {
        let year = Some(u32::from(meta.year));
        let mut document = tables::assemble_budget(raw, meta, catalog, &mut problems);
        // A budget prints its 情况说明 before, between or after its tables: read all the text
        // outside them.
        let text: Vec<String> = raw.front.iter().chain(&raw.narrative).cloned().collect();
        let printed =
            narrative::PrintedNames::of_tables(document.budget.iter().filter_map(
                |t| match &t.rows {
                    crate::disclosure::BudgetRows::Functional(table) => Some(table),
                    _ => None,
                },
            ));
        (document.claims, document.names) =
            narrative::extract_budget(&text, year, catalog, &printed, &mut problems);
        return Ok(Ingested { document, problems });
    }
    let tables = tables::assemble(raw, &meta, catalog, &mut problems)?;
    let year = Some(u32::from(meta.year));
    let printed = tables.printed_names();
    let (claims, names) =
        narrative::extract(&raw.narrative, year, catalog, &printed, &mut problems);
    Ok(Ingested {
        document: tables.into_document(meta, claims, names),
        problems,
    })
}
