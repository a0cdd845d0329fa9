//! The corpus fixtures (`tests/fixtures/corpus/`) as the corpus tests read them: the
//! documents of SOURCES.tsv, the hand-checked TSV expectations, and a document read and
//! audited as a user would. Included by `tests/corpus.rs` (决算) and `tests/budget_corpus.rs`
//! (预算) with `#[path]`.

#![allow(dead_code)]

use cn_budget::audit::{audit, AuditOptions, Finding, Severity};
use cn_budget::ingest::{ingest_bytes, Ingested};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// The documents of SOURCES.tsv of one kind (决算 or 预算): path under the corpus directory
/// without `.pdf`, and the SHA-256 of the published file.
pub fn documents(kind: &str) -> Vec<(String, String)> {
    let sources = std::fs::read_to_string(dir().join("SOURCES.tsv")).unwrap();
    sources
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<&str>>())
        .filter(|f| f[3] == kind)
        .map(|f| (f[0].trim_end_matches(".pdf").to_owned(), f[7].to_owned()))
        .collect()
}

/// Asserts that each document's PDF is the published file (its SHA-256 in SOURCES.tsv).
pub fn assert_published(docs: &[(String, String)]) {
    for (name, sha) in docs {
        let bytes = std::fs::read(dir().join(format!("{name}.pdf"))).unwrap();
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(&digest, sha, "{name}.pdf is not the published file");
    }
}

/// Rows of a TSV fixture with a header line, as field vectors.
pub fn tsv(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// `NAME.EXT` read and audited with the default options, the reading problems merged in.
pub fn read(name: &str, ext: &str) -> (Ingested, Vec<Finding>) {
    let bytes = std::fs::read(dir().join(format!("{name}.{ext}"))).unwrap();
    let ingested = ingest_bytes(&bytes).unwrap_or_else(|e| panic!("{name}.{ext}: {e}"));
    let mut report = audit(&ingested.document, &AuditOptions::default());
    report.merge(ingested.problems.clone());
    (ingested, report.findings)
}

/// The messages of the error-level findings whose key (by the test's own `key`) is not among
/// the expected real errors.
pub fn false_errors<K: Ord>(
    findings: &[Finding],
    expected: &BTreeSet<K>,
    key: impl Fn(&Finding) -> K,
) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !expected.contains(&key(f)))
        .map(Finding::message)
        .collect()
}
