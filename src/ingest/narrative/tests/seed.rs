//! The seed disclosure: the extracted claims, name paths and problems match the
//! transcription, and audit as it does.

use super::{audited, run, seed_lines};
use crate::disclosure::{Claim, Document, NamePath};
use crate::finding::Finding;
use crate::ingest::narrative::RULE;
use crate::Catalog;

fn key(c: &Claim) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        c.id,
        c.section,
        c.subject,
        c.measure.token(),
        c.value.as_deref().unwrap_or(""),
        c.word.map(|w| w.to_string()).unwrap_or_default(),
        c.of.as_ref().map(|o| o.to_string()).unwrap_or_default(),
        c.quote
    )
}

#[test]
fn seed_claims_match_the_transcription() {
    let (claims, _, problems) = run(&seed_lines(), Catalog::edition(2024).ok());
    let want = &Document::embedded().expect("embedded").claims;
    let got: Vec<String> = claims.iter().map(key).collect();
    let exp: Vec<String> = want.iter().map(key).collect();
    for p in &problems {
        eprintln!("PROBLEM {}", p.message());
    }
    let n = got.len().max(exp.len());
    let mut bad = 0;
    for i in 0..n {
        let (g, e) = (
            got.get(i).map_or("-", String::as_str),
            exp.get(i).map_or("-", String::as_str),
        );
        if g != e {
            bad += 1;
            eprintln!("GOT {g}\nEXP {e}\n");
        }
    }
    assert_eq!(
        bad,
        0,
        "{bad} claims differ ({} got, {} expected)",
        got.len(),
        exp.len()
    );
}

#[test]
fn seed_names_match_the_transcription() {
    let (_, names, _) = run(&seed_lines(), Catalog::edition(2024).ok());
    let want = &Document::embedded().expect("embedded").names;
    let key = |n: &NamePath| format!("{}\t{}\t{}\t{}", n.id, n.section, n.printed, n.numbering);
    let got: Vec<String> = names.iter().map(key).collect();
    let exp: Vec<String> = want.iter().map(key).collect();
    for (g, e) in got.iter().zip(&exp) {
        if g != e {
            eprintln!("GOT {g}\nEXP {e}\n");
        }
    }
    assert_eq!(got, exp);
}

#[test]
fn seed_problems_are_only_the_unbound_share() {
    let (_, _, problems) = run(&seed_lines(), Catalog::edition(2024).ok());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    // A figure of a 绩效 self-evaluation (附件一, under its heading) that no label reads: no
    // table holds it, so it is not checkable rather than unread.
    assert_eq!(
        (p.rule.as_str(), p.severity),
        ("ingest.unchecked", crate::audit::Severity::Warning)
    );
    assert!(p.message().contains(
        "不可核对（无表列示预算绩效管理）：2024 年税收占财政收入 90.52 亿元，占一般公共预算支出比重达 89%"
    ));
}

#[test]
fn without_a_catalog_item_and_class_figures_are_reported_not_guessed() {
    let (claims, names, problems) = run(&seed_lines(), None);
    assert!(!claims
        .iter()
        .map(|c| c.subject.to_string())
        .any(|s| s.starts_with("item:") || s.starts_with("class:")));
    assert_eq!(names.len(), 36, "name paths are read without a catalog");
    // 4 class sentences, 18 items (sentence by sentence), the 89% share.
    assert!(problems.len() > 20, "{}", problems.len());
    assert!(problems.iter().all(|p| p.message().contains("数据不足：")
        || (p.rule.as_str() == "ingest.unchecked" && p.message().contains("不可核对"))));
    assert!(problems.iter().filter(|p| p.rule == RULE).count() > 20);
    // Everything else is still read.
    assert!(claims
        .iter()
        .any(|c| c.subject.to_string() == "sangong:vehicle" && c.value.as_deref() == Some("4.4")));
}

#[test]
fn the_seed_audits_as_the_transcription_does() {
    // The extracted claims lead the audit to the same narrative findings as the
    // transcription (notes aside, the claims are equal).
    let (claims, _, _) = run(&seed_lines(), Catalog::edition(2024).ok());
    let rules = |fs: Vec<Finding>| -> Vec<(String, Option<String>, crate::audit::Severity)> {
        fs.into_iter()
            .filter(|f| f.rule.as_str().starts_with("n."))
            .map(|f| (f.rule.to_string(), f.place.code, f.severity))
            .collect()
    };
    let want = rules(audited(
        Document::embedded().expect("embedded").claims.clone(),
    ));
    assert_eq!(rules(audited(claims)), want);
}
