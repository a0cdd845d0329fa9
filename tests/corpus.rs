//! The real documents of `tests/fixtures/corpus/`, read as a user would read them: from the
//! PDF as published, and from the two reference extractions of the same PDF
//! (`pdftotext -layout` text and pdfplumber JSON).
//!
//! Each document has hand-checked expectations written from the printed pages
//! (`NAME.expected.md`): `NAME.tables.tsv` lists the tables it prints (data or empty) and
//! `NAME.expected.tsv` the real errors, each with its page and why it is an error.
//!
//! - From the PDF every printed table is read (no `ingest.table` finding for it) and the
//!   error-level findings are exactly the expected ones.
//! - From the extractions, which lose positions (layout text) or cells (pdfplumber), a table
//!   may be reported unreadable, but no error is reported that is not a real one.

use cn_budget::audit::{Finding, Severity};
use std::collections::BTreeSet;

#[path = "support/corpus.rs"]
mod support;
use support::{assert_published, dir, documents, false_errors, read, tsv};

/// What identifies a finding here: rule, table (情况说明 for the narrative), and the row
/// code, or the name of what a narrative finding is about when it has no code.
type Key = (String, String, String);

fn key(f: &Finding) -> Key {
    (
        f.rule.to_string(),
        f.table().unwrap_or("情况说明").to_owned(),
        f.code().or(f.name()).unwrap_or_default().to_owned(),
    )
}

fn expected_errors(name: &str) -> BTreeSet<Key> {
    tsv(&dir().join(format!("{name}.expected.tsv")))
        .into_iter()
        .map(|f| (f[0].clone(), f[1].clone(), f[2].clone()))
        .collect()
}

fn errors(findings: &[Finding]) -> BTreeSet<Key> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(key)
        .collect()
}

/// The canonical ids of the tables reported unreadable.
fn unreadable(findings: &[Finding]) -> BTreeSet<String> {
    findings
        .iter()
        .filter(|f| f.rule.as_str() == "ingest.table")
        .filter_map(|f| f.table().map(str::to_owned))
        .collect()
}

#[test]
fn fixtures_are_the_published_files() {
    let docs = documents("决算");
    assert_eq!(docs.len(), 7);
    assert_published(&docs);
}

#[test]
fn every_printed_table_is_read_from_the_pdf() {
    let mut problems = Vec::new();
    for (name, _) in documents("决算") {
        let (ingested, findings) = read(&name, "pdf");
        let unread = unreadable(&findings);
        for row in tsv(&dir().join(format!("{name}.tables.tsv"))) {
            // Tables of another template are listed by their printed title (表2：高等学校收入
            // 决算表): the document's list of printed tables says which of the nine each is.
            let compact =
                |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
            let id = if row[0].starts_with("公开") {
                row[0].clone()
            } else {
                let printed = ingested
                    .document
                    .meta
                    .tables
                    .iter()
                    .find(|t| compact(&row[1]).ends_with(&compact(&t.title)));
                let Some(printed) = printed else {
                    problems.push(format!("{name}: {} is printed but was not found", row[1]));
                    continue;
                };
                match printed.id {
                    Some(id) => id.label().to_owned(),
                    None => continue, // no counterpart among the nine: not read, by design
                }
            };
            let id = &id;
            if unread.contains(id) {
                problems.push(format!(
                    "{name}: {id} ({}, p. {}) is printed but was not read: {:?}",
                    row[1],
                    row[2],
                    findings
                        .iter()
                        .filter(
                            |f| f.rule.as_str() == "ingest.table" && f.table() == Some(id.as_str())
                        )
                        .map(|f| f.message())
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_pdf_audit_finds_exactly_the_real_errors() {
    let mut problems = Vec::new();
    for (name, _) in documents("决算") {
        let (_, findings) = read(&name, "pdf");
        let found = errors(&findings);
        let expected = expected_errors(&name);
        let missed: Vec<_> = expected.difference(&found).collect();
        let false_errors = false_errors(&findings, &expected, key);
        if !missed.is_empty() || !false_errors.is_empty() {
            problems.push(format!(
                "{name}.pdf\n  missed: {missed:?}\n  not expected: {false_errors:#?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_extractions_report_no_false_errors() {
    let mut problems = Vec::new();
    for (name, _) in documents("决算") {
        let expected = expected_errors(&name);
        for ext in ["layout.txt", "plumber.json"] {
            let (_, findings) = read(&name, ext);
            let false_errors = false_errors(&findings, &expected, key);
            if !false_errors.is_empty() {
                problems.push(format!("{name}.{ext}: {false_errors:#?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
