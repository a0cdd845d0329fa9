//! Auditing many documents at once: finding them in a directory, reading and auditing them
//! in parallel, and the batch's summary (Chinese text, CSV for Excel, findings as JSON
//! lines).
//!
//! A document that cannot be read is an [`BatchItem`] with an error, never the end of the
//! run.
//!
//! ```
//! use cn_budget::audit::batch::{audit_batch, summary_text};
//! use cn_budget::audit::AuditOptions;
//! let paths = ["data/disclosures/hongshan-finance-2024".into(), "no/such/file.pdf".into()];
//! let items = audit_batch(&paths, &AuditOptions::default(), 2, |_| {});
//! assert!(items[0].outcome.is_ok());
//! assert!(items[1].outcome.is_err(), "an unreadable document is a line, not the end");
//! let text = summary_text(&items);
//! assert!(text.contains("武汉市洪山区财政局"));
//! assert!(text.contains("无法读取"));
//! ```

use super::{audit, AuditOptions, Finding, Report, Severity};
use crate::disclosure::{Document, DocumentFiles, TableState};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Why a document of a batch could not be audited.
///
/// ```
/// use cn_budget::audit::batch::{load, LoadError};
/// assert!(matches!(load("no/such/file.pdf".as_ref()), Err(LoadError::Io { .. })));
/// ```
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file or directory could not be read; the system's error is the
    /// [`source`](std::error::Error::source).
    #[error("无法读取文件 {}：{source}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The operating system's error (shared, so that the error stays `Clone`).
        #[source]
        source: std::sync::Arc<std::io::Error>,
    },
    /// The file was read but is not a disclosure this crate reads (see
    /// [`crate::ingest::IngestError`]).
    #[error("{0}")]
    Ingest(#[from] crate::ingest::IngestError),
    /// A document directory whose TSV files do not parse.
    #[error("{0}")]
    Disclosure(#[from] crate::disclosure::DisclosureError),
    /// Reading or auditing the document stopped on an internal error (a bug); the rest of
    /// the batch went on.
    #[error("内部错误：{message}")]
    Internal {
        /// The panic's message.
        message: String,
    },
}

impl LoadError {
    /// Whether the input is a budget (预算) whose tables could not be found.
    ///
    /// ```
    /// use cn_budget::audit::batch::LoadError;
    /// use cn_budget::ingest::IngestError;
    /// assert!(!LoadError::Ingest(IngestError::NoTables).is_budget());
    /// ```
    pub fn is_budget(&self) -> bool {
        matches!(
            self,
            LoadError::Ingest(crate::ingest::IngestError::Budget { .. })
        )
    }
}

/// A document read and audited.
#[derive(Clone, Debug)]
pub struct Audited {
    /// The document as read.
    pub document: Document,
    /// Its audit, with the reader's problems merged in.
    pub report: Report,
}

/// One document of a batch: where it is and what became of it.
#[derive(Clone, Debug)]
pub struct BatchItem {
    /// The file or document directory.
    pub path: PathBuf,
    /// The audit, or why there is none.
    pub outcome: Result<Audited, LoadError>,
}

impl BatchItem {
    /// The number of findings of this severity (0 when the document was not read).
    ///
    /// ```
    /// use cn_budget::audit::batch::audit_batch;
    /// use cn_budget::audit::{AuditOptions, Severity};
    /// let items = audit_batch(&["data/disclosures/hongshan-finance-2024".into()], &AuditOptions::default(), 1, |_| {});
    /// assert!(items[0].count(Severity::Error) > 0);
    /// ```
    pub fn count(&self, severity: Severity) -> usize {
        self.outcome
            .as_ref()
            .map_or(0, |a| a.report.count(severity))
    }

    /// The file name of the document (its directory's name for a document directory).
    ///
    /// ```
    /// use cn_budget::audit::batch::BatchItem;
    /// use cn_budget::audit::batch::LoadError;
    /// let outcome = Err(LoadError::Internal { message: String::new() });
    /// let item = BatchItem { path: "a/b/x.pdf".into(), outcome };
    /// assert_eq!(item.file_name(), "x.pdf");
    /// ```
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// Whether `dir` is a document directory (the `data/disclosures` layout: a `meta.tsv` and
/// the table files).
///
/// ```
/// use cn_budget::audit::batch::is_document_dir;
/// assert!(is_document_dir("data/disclosures/hongshan-finance-2024".as_ref()));
/// assert!(!is_document_dir("data/disclosures".as_ref()));
/// ```
pub fn is_document_dir(dir: &Path) -> bool {
    dir.join("meta.tsv").is_file()
}

/// The documents directly under `dir`, sorted by path: PDF files, `.json` (pdfplumber) and
/// `.txt` (extracted text) files, and document directories. Other files (TSV, Markdown …)
/// and other directories are not documents and are left out.
///
/// ```
/// use cn_budget::audit::batch::discover;
/// let found = discover("data/disclosures".as_ref())?;
/// assert!(found.iter().any(|p| p.ends_with("hongshan-finance-2024")));
/// assert!(!found.iter().any(|p| p.ends_with("TRANSCRIBE-SPEC.md")));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn discover(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_document = if path.is_dir() {
            is_document_dir(&path)
        } else {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            matches!(ext.as_deref(), Some("pdf" | "json" | "txt"))
        };
        if is_document {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Reads one document: a document directory, or a file for [`crate::ingest::ingest_bytes`]
/// (PDF, extracted text, pdfplumber JSON). Returns the document and the reader's problems.
///
/// ```
/// use cn_budget::audit::batch::load;
/// let (doc, problems) = load("data/disclosures/hongshan-finance-2024/source.txt".as_ref())?;
/// assert_eq!(doc.meta.year, 2024);
/// # let _ = problems;
/// # Ok::<(), cn_budget::audit::batch::LoadError>(())
/// ```
pub fn load(path: &Path) -> Result<(Document, Vec<Finding>), LoadError> {
    if path.is_dir() {
        let doc = DocumentFiles::read_dir(path)?.parse()?;
        return Ok((doc, Vec::new()));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        source: std::sync::Arc::new(e),
    })?;
    let ingested = crate::ingest::ingest_bytes(&bytes)?;
    Ok((ingested.document, ingested.problems))
}

/// Reads and audits one document; a panic while doing so is caught and returned as
/// [`LoadError::Internal`], so that one bad file cannot end a batch.
///
/// ```
/// use cn_budget::audit::batch::audit_path;
/// use cn_budget::audit::AuditOptions;
/// let a = audit_path("data/disclosures/hongshan-finance-2024".as_ref(), &AuditOptions::default())?;
/// assert_eq!(a.report.document.department, "武汉市洪山区财政局");
/// # Ok::<(), cn_budget::audit::batch::LoadError>(())
/// ```
pub fn audit_path(path: &Path, options: &AuditOptions) -> Result<Audited, LoadError> {
    let run = || {
        let (document, problems) = load(path)?;
        let mut report = audit(&document, options);
        report.merge(problems);
        Ok(Audited { document, report })
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(LoadError::Internal { message })
    })
}

/// Audits every path on `jobs` threads (at least one), calling `done` with each path as it
/// finishes (for a progress bar); the items come back in the order of `paths`.
///
/// ```
/// use cn_budget::audit::batch::audit_batch;
/// use cn_budget::audit::AuditOptions;
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// let paths = vec!["data/disclosures/hongshan-finance-2024".into(); 3];
/// let finished = AtomicUsize::new(0);
/// let items = audit_batch(&paths, &AuditOptions::default(), 2, |_| {
///     finished.fetch_add(1, Ordering::Relaxed);
/// });
/// assert_eq!((items.len(), finished.into_inner()), (3, 3));
/// assert!(items.iter().all(|i| i.outcome.is_ok()));
/// ```
pub fn audit_batch(
    paths: &[PathBuf],
    options: &AuditOptions,
    jobs: usize,
    done: impl Fn(&Path) + Sync,
) -> Vec<BatchItem> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<BatchItem>>> = Mutex::new(vec![None; paths.len()]);
    std::thread::scope(|s| {
        for _ in 0..jobs.clamp(1, paths.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let item = BatchItem {
                    path: path.clone(),
                    outcome: audit_path(path, options),
                };
                done(path);
                // Nothing panics while the lock is held; a poisoned lock still holds the items.
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(item);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

/// The tables read out of those the document prints: `(read, printed)`.
fn tables_read(report: &Report) -> (usize, usize) {
    let printed = report
        .document
        .tables
        .iter()
        .filter(|t| !matches!(t.state, TableState::NotPrinted | TableState::NoCounterpart))
        .count();
    let read = report
        .document
        .tables
        .iter()
        .filter(|t| matches!(t.state, TableState::Read | TableState::Empty))
        .count();
    (read, printed)
}

/// One line of the summary: the columns of [`summary_csv`], as text.
fn summary_row(item: &BatchItem) -> [String; 10] {
    let file = item.file_name();
    match &item.outcome {
        Ok(a) => {
            let d = &a.report.document;
            let (read, printed) = tables_read(&a.report);
            let top = a
                .report
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error)
                .map_or_else(String::new, Finding::message);
            [
                file,
                "已审核".into(),
                d.department.clone(),
                d.year.to_string(),
                d.kind.clone(),
                format!("{read}/{printed}"),
                a.report.count(Severity::Error).to_string(),
                a.report.count(Severity::Warning).to_string(),
                a.report.count(Severity::Info).to_string(),
                top,
            ]
        }
        Err(e) => [
            file,
            "无法读取".into(),
            String::new(),
            String::new(),
            (if e.is_budget() { "预算" } else { "" }).into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            e.to_string(),
        ],
    }
}

/// The headings of [`summary_csv`].
pub const SUMMARY_COLUMNS: [&str; 10] = [
    "文件",
    "状态",
    "部门",
    "年度",
    "预算/决算",
    "已读表/印出表",
    "错误",
    "警告",
    "尾差",
    "首个错误或无法读取的原因",
];

/// The summary as CSV (RFC 4180 quoting), UTF-8 with a byte-order mark so that Excel opens
/// it as UTF-8; one line per document with [`SUMMARY_COLUMNS`].
///
/// ```
/// use cn_budget::audit::batch::{audit_batch, summary_csv};
/// use cn_budget::audit::AuditOptions;
/// let items = audit_batch(&["data/disclosures/hongshan-finance-2024".into()], &AuditOptions::default(), 1, |_| {});
/// let csv = summary_csv(&items);
/// assert!(csv.starts_with("\u{feff}文件,状态,部门"));
/// assert!(csv.lines().nth(1).unwrap().starts_with("hongshan-finance-2024,已审核,武汉市洪山区财政局,2024,决算,9/9,"));
/// ```
pub fn summary_csv(items: &[BatchItem]) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&SUMMARY_COLUMNS.join(","));
    out.push_str("\r\n");
    for item in items {
        let row = summary_row(item);
        let fields: Vec<String> = row.iter().map(|s| field(s)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Every finding of the batch as JSON lines: `{"document": FILE, "path": PATH, ...finding}`;
/// a document that could not be read is one line with `"rule": "batch.unreadable"`.
///
/// ```
/// use cn_budget::audit::batch::{audit_batch, findings_jsonl};
/// use cn_budget::audit::AuditOptions;
/// let items = audit_batch(&["data/disclosures/hongshan-finance-2024".into(), "nothing.pdf".into()], &AuditOptions::default(), 1, |_| {});
/// let lines: Vec<serde_json::Value> = findings_jsonl(&items)
///     .lines()
///     .map(serde_json::from_str)
///     .collect::<Result<_, _>>()?;
/// assert_eq!(lines[0]["document"], "hongshan-finance-2024");
/// assert_eq!(lines.last().unwrap()["rule"], "batch.unreadable");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg(feature = "serde")]
pub fn findings_jsonl(items: &[BatchItem]) -> String {
    use serde_json::{json, Value};
    let mut out = String::new();
    for item in items {
        let head = |v: &mut Value| {
            if let Value::Object(m) = v {
                m.insert("document".into(), item.file_name().into());
                m.insert("path".into(), item.path.display().to_string().into());
            }
        };
        let mut lines = Vec::new();
        match &item.outcome {
            Ok(a) => {
                for f in &a.report.findings {
                    let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
                    head(&mut v);
                    lines.push(v);
                }
            }
            Err(e) => {
                let mut v = json!({"rule": "batch.unreadable", "severity": "error", "message": e.to_string()});
                head(&mut v);
                lines.push(v);
            }
        }
        for v in lines {
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    out
}

/// The summary in Chinese: one block per document (部门, 年度, 预算/决算, tables read,
/// errors, warnings, the first `top` errors), then the totals.
///
/// ```
/// use cn_budget::audit::batch::{audit_batch, summary_text};
/// use cn_budget::audit::AuditOptions;
/// let items = audit_batch(&["data/disclosures/hongshan-finance-2024".into()], &AuditOptions::default(), 1, |_| {});
/// let text = summary_text(&items);
/// assert!(text.starts_with("批量审核：1 份文档"));
/// assert!(text.contains("读表 9/9"));
/// ```
pub fn summary_text(items: &[BatchItem]) -> String {
    const TOP: usize = 3;
    let mut s = String::new();
    let unreadable = items.iter().filter(|i| i.outcome.is_err()).count();
    let _ = writeln!(
        s,
        "批量审核：{} 份文档，{} 份已审核，{} 份无法读取",
        items.len(),
        items.len() - unreadable,
        unreadable
    );
    for (n, item) in items.iter().enumerate() {
        let _ = writeln!(s, "\n{}. {}", n + 1, item.file_name());
        match &item.outcome {
            Ok(a) => {
                let d = &a.report.document;
                let (read, printed) = tables_read(&a.report);
                let who = if d.department.is_empty() {
                    "（部门未识别）"
                } else {
                    &d.department
                };
                let _ = writeln!(
                    s,
                    "   {who}｜{} 年度｜{}｜读表 {read}/{printed}｜错误 {}｜警告 {}｜尾差 {}",
                    d.year,
                    d.kind,
                    a.report.count(Severity::Error),
                    a.report.count(Severity::Warning),
                    a.report.count(Severity::Info),
                );
                let errors = a
                    .report
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error);
                for f in errors.take(TOP) {
                    let _ = writeln!(s, "   - {f}");
                }
                let more = a.report.count(Severity::Error).saturating_sub(TOP);
                if more > 0 {
                    let _ = writeln!(s, "   - ……另有 {more} 项错误");
                }
            }
            Err(e) => {
                let kind = if e.is_budget() {
                    "（预算，未找到其表格）"
                } else {
                    ""
                };
                let _ = writeln!(s, "   无法读取{kind}：{e}");
            }
        }
    }
    let total = |sev| items.iter().map(|i| i.count(sev)).sum::<usize>();
    let _ = writeln!(
        s,
        "\n合计：错误 {}，警告 {}，尾差 {}",
        total(Severity::Error),
        total(Severity::Warning),
        total(Severity::Info)
    );
    s
}
