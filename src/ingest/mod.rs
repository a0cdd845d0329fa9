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

mod narrative;
mod pdfplumber;
mod tables;
mod text;

use crate::audit::Finding;
use crate::disclosure::{Document, TableId};

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
}

/// A document cut into its parts, before the tables are typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawDocument {
    /// The lines before the first table (cover, 目录, 概况).
    pub front: Vec<String>,
    /// The tables in printed order.
    pub tables: Vec<RawTable>,
    /// The lines after the tables (情况说明, 名词解释, 附件 …), in order.
    pub narrative: Vec<String>,
}

/// The input could not be read at all (a document that reads but has problems yields
/// findings, not an error).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// JSON input that does not parse or lacks `page_texts`/`page_tables`.
    #[error("not pdfplumber JSON: {reason}")]
    Json {
        /// What is wrong.
        reason: String,
    },
    /// No table of a 部门决算 was found.
    #[error("no 部门决算 table found in the input")]
    NoTables,
    /// The document year could not be found.
    #[error("no document year found (expected a title such as 2024 年度…部门决算)")]
    NoYear,
}

/// A document read from extracted input, and what could not be read reliably.
#[derive(Clone, Debug)]
pub struct Ingested {
    /// The document (tables that could not be read are left empty).
    pub document: Document,
    /// Extraction problems (`ingest.*` rules), reported with the audit's findings.
    pub problems: Vec<Finding>,
}

/// Reads a disclosure from PDF-extracted text or pdfplumber JSON.
pub fn ingest(input: &str) -> Result<Ingested, IngestError> {
    let raw = match detect(input) {
        Format::Text => text::split(input),
        Format::PdfplumberJson => pdfplumber::split(input)?,
    };
    assemble(&raw)
}

/// Builds the typed document from a [`RawDocument`].
pub fn assemble(raw: &RawDocument) -> Result<Ingested, IngestError> {
    let mut problems = Vec::new();
    let meta = tables::meta(raw)?;
    let catalog = crate::Catalog::edition(meta.edition).ok();
    let tables = tables::assemble(raw, &meta, catalog, &mut problems)?;
    let (claims, names) = narrative::extract(&raw.narrative, catalog, &mut problems);
    Ok(Ingested {
        document: tables.into_document(meta, claims, names),
        problems,
    })
}
