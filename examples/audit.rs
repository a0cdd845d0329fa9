//! Audit a 部门决算公开: every identity of its nine tables and narrative.
//!
//! ```text
//! cargo run --example audit                 # the embedded document, report in Chinese
//! cargo run --example audit -- --json       # {"document": {...}, "findings": [...]}
//! cargo run --example audit -- PATH         # a document: a PDF, PDF-extracted text
//!                                           # (pdftotext -layout), pdfplumber JSON
//!                                           # (detected from the content), or a
//!                                           # directory in the data/disclosures layout
//! ```
//!
//! Exit status 0 when the audit ran, whatever it found; 1 when the input could not be read;
//! 2 for a usage error.

use cn_budget::audit::{audit, AuditOptions, Finding};
use cn_budget::disclosure::{Document, DocumentFiles};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: audit [--json] [PATH]";

/// Reads the document at `path`: a directory of TSV files, or a file to ingest.
fn load(path: &str) -> Result<(Document, Vec<Finding>), String> {
    if Path::new(path).is_dir() {
        let doc = DocumentFiles::read_dir(path)
            .and_then(|f| f.parse())
            .map_err(|e| e.to_string())?;
        return Ok((doc, Vec::new()));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let ingested = cn_budget::ingest::ingest_bytes(&bytes).map_err(|e| e.to_string())?;
    Ok((ingested.document, ingested.problems))
}

fn main() -> ExitCode {
    let mut json = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other if other.starts_with('-') => {
                eprintln!("audit: unknown option {other}\n{USAGE}");
                return ExitCode::from(2);
            }
            other if path.is_none() => path = Some(other.to_owned()),
            _ => {
                eprintln!("audit: one document at a time\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (owned, problems) = match &path {
        None => (None, Vec::new()),
        Some(p) => match load(p) {
            Ok((doc, problems)) => (Some(doc), problems),
            Err(e) => {
                eprintln!("audit: {p}: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let doc = match &owned {
        Some(d) => d,
        None => match Document::embedded() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("audit: embedded document: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let mut report = audit(doc, &AuditOptions::default());
    report.merge(problems);
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("audit: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", report.to_text());
    }
    ExitCode::SUCCESS
}
