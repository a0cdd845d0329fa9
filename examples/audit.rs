//! Audit a 部门决算公开: every identity of its nine tables and narrative.
//!
//! ```text
//! cargo run --example audit                 # the embedded document, report in Chinese
//! cargo run --example audit -- --json       # {"document": {...}, "findings": [...]}
//! cargo run --example audit -- DIR          # a document directory (data/disclosures layout)
//! ```
//!
//! Exit status 0 when the audit ran, whatever it found; 1 when the document could not be
//! loaded; 2 for a usage error.

use cn_budget::audit::{audit, AuditOptions};
use cn_budget::disclosure::{Document, DocumentFiles};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut json = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("usage: audit [--json] [DOCUMENT_DIR]");
                return ExitCode::SUCCESS;
            }
            other if other.starts_with('-') => {
                eprintln!("audit: unknown option {other}\nusage: audit [--json] [DOCUMENT_DIR]");
                return ExitCode::from(2);
            }
            other => path = Some(other.to_owned()),
        }
    }
    let owned;
    let doc: &Document = match &path {
        None => match Document::embedded() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("audit: embedded document: {e}");
                return ExitCode::FAILURE;
            }
        },
        Some(p) => match DocumentFiles::read_dir(p).and_then(|f| f.parse()) {
            Ok(d) => {
                owned = d;
                &owned
            }
            Err(e) => {
                eprintln!("audit: {p}: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let report = audit(doc, &AuditOptions::default());
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
