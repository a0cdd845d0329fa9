//! Tests of the narrative extraction, on the pieces of the scanner, on small narratives and
//! on the seed disclosure (whose claims and name paths were transcribed by hand).

mod budgets;
mod funds;
mod narratives;
mod pieces;
mod robustness;
mod seed;
mod wordings;

use super::extract;
use crate::disclosure::{Claim, Document, NamePath};
use crate::finding::Finding;
use crate::Catalog;

const SEED: &str = include_str!("../../../../data/disclosures/hongshan-finance-2024/source.txt");

const START: &str = "第三部分 武汉市洪山区财政局 2024 年度 部门决算情况说明";

/// The seed's narrative lines, cut as `ingest` cuts them.
fn seed_lines() -> Vec<String> {
    let lines: Vec<String> = SEED.lines().map(str::to_owned).collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(START))
        .expect("narrative");
    lines[start..].to_vec()
}

fn run(lines: &[String], catalog: Option<&Catalog>) -> (Vec<Claim>, Vec<NamePath>, Vec<Finding>) {
    let mut problems = Vec::new();
    let (c, n) = extract(
        lines,
        None,
        catalog,
        &super::PrintedNames::default(),
        &mut problems,
    );
    (c, n, problems)
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Extracts a small narrative with the 2024 catalog.
fn small(text: &str) -> (Vec<Claim>, Vec<NamePath>, Vec<Finding>) {
    run(&lines(text), Catalog::edition(2024).ok())
}

/// Replaces the claims of the embedded document and audits it.
fn audited(claims: Vec<Claim>) -> Vec<Finding> {
    let mut doc = Document::embedded().expect("embedded").clone();
    doc.claims = claims;
    crate::audit::audit(&doc, &crate::audit::AuditOptions::default()).findings
}

/// Each claim's subject, word and base as their `claims.tsv` tokens ("" for none).
fn tokens(claims: &[Claim]) -> Vec<(String, String, String)> {
    let or_empty = |t: Option<String>| t.unwrap_or_default();
    claims
        .iter()
        .map(|c| {
            (
                c.subject.to_string(),
                or_empty(c.word.map(|w| w.to_string())),
                or_empty(c.of.as_ref().map(|o| o.to_string())),
            )
        })
        .collect()
}
