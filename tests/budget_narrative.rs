//! The 情况说明 of the 部门预算 of `tests/fixtures/corpus/yusuan/`, read from the PDF as
//! published: how many claims the narrative reader takes from each, how many of them the
//! audit checks, the errors it finds (each checked by hand against the printed page, see
//! `NAME.expected.tsv`) and the sentences it cannot read.
//!
//! - `bn.amount`: amounts against the budget tables (收支总表, 财政拨款收支总表, 支出总表,
//!   一般公共预算支出表); the amounts whose table is not read are listed in one warning.
//! - `n.share`, `n.growth_rate`: 占比 and 增减率 recomputed from the narrative's own figures.

use cn_budget::audit::{audit, AuditOptions, Finding, Severity, RULES};
use cn_budget::disclosure::Document;
use std::collections::BTreeMap;

#[path = "support/corpus.rs"]
mod support;
use support::read;

/// The rules a budget's narrative is checked with.
const NARRATIVE_RULES: [&str; 3] = ["bn.amount", "n.share", "n.growth_rate"];

/// What the audit makes of one budget's narrative.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    /// Claims read.
    claims: usize,
    /// Evaluations of each rule that compared figures (passed or failed).
    checked: [usize; 3],
    /// Error findings of the three rules.
    errors: usize,
    /// Sentences with figures the reader could not bind (`ingest.claim`).
    unread: usize,
}

/// Per document: claims, checked (bn.amount, n.share, n.growth_rate), errors, unread.
const EXPECTED: [(&str, Figures); 13] = [
    (
        "yusuan/central-guojia-xinfangju-2026",
        f(64, [22, 5, 0], 1, 7),
    ),
    (
        "yusuan/chongqing-swu-university-2024",
        f(23, [3, 8, 0], 0, 2),
    ),
    (
        "yusuan/guangdong-shenzhen-caizhengju-2026",
        f(30, [0, 0, 3], 0, 15),
    ),
    (
        "yusuan/jiangsu-suzhou-shengtai-huanjing-2026",
        f(104, [11, 21, 8], 0, 18),
    ),
    (
        "yusuan/jiangsu-wuxi-xinfangju-2025",
        f(110, [11, 21, 9], 0, 17),
    ),
    (
        "yusuan/shaanxi-xian-anjianju-2019-tables-only",
        f(0, [0, 0, 0], 0, 0),
    ),
    ("yusuan/shaanxi-xian-kejiju-2022", f(114, [28, 0, 0], 6, 69)),
    (
        "yusuan/shaanxi-xian-minzheng-2021",
        f(150, [0, 0, 0], 0, 53),
    ),
    ("yusuan/shaanxi-xian-renshe-2020", f(96, [4, 0, 0], 0, 21)),
    (
        "yusuan/shaanxi-xian-xingzheng-shenpi-2025",
        f(59, [16, 0, 15], 0, 12),
    ),
    ("yusuan/shanghai-caizhengju-2025", f(45, [1, 0, 0], 0, 6)),
    (
        "yusuan/shanghai-putuo-shehui-fuliyuan-2024",
        f(44, [0, 0, 0], 0, 15),
    ),
    (
        "yusuan/shanghai-putuo-wanli-jiedao-2023",
        f(24, [1, 0, 0], 0, 77),
    ),
];

const fn f(claims: usize, checked: [usize; 3], errors: usize, unread: usize) -> Figures {
    Figures {
        claims,
        checked,
        errors,
        unread,
    }
}

/// The error findings expected, per document: rule, the claim's quote as printed, and how
/// many claims print it.
const ERRORS: [(&str, &str, &str, usize); 2] = [
    (
        "yusuan/central-guojia-xinfangju-2026",
        "bn.amount",
        "财政拨款收支总预算 18,728.91 万",
        1,
    ),
    (
        "yusuan/shaanxi-xian-kejiju-2022",
        "bn.amount",
        "一般公共预算支出 93664.78 万元",
        6,
    ),
];

/// The audit with only `rule` on.
fn only(doc: &Document, rule: &str) -> (usize, Vec<Finding>) {
    let mut options = AuditOptions::default();
    for r in RULES.iter().filter(|r| r.id.as_str() != rule) {
        options.disable(r.id.as_str()).unwrap();
    }
    let report = audit(doc, &options);
    (report.evaluated, report.findings)
}

fn figures(name: &str) -> (Figures, Vec<(String, String)>) {
    let (ingested, findings) = read(name, "pdf");
    let doc = &ingested.document;
    let mut checked = [0; 3];
    for (slot, rule) in checked.iter_mut().zip(NARRATIVE_RULES) {
        let (evaluated, found) = only(doc, rule);
        // A warning (amounts not checked, a table's unit in doubt) is evaluated but compares
        // nothing.
        let warnings = found
            .iter()
            .filter(|f| f.rule.as_str() == rule && f.severity == Severity::Warning)
            .count();
        *slot = evaluated - warnings;
    }
    let errors: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && NARRATIVE_RULES.contains(&f.rule.as_str()))
        .map(|f| {
            // The claim's quote: the first 「…」 of the message.
            let message = f.message();
            let quote = message
                .split_once('「')
                .and_then(|(_, rest)| rest.split_once('」'))
                .map_or("", |(q, _)| q);
            (f.rule.to_string(), quote.to_owned())
        })
        .collect();
    let unread = findings
        .iter()
        .filter(|f| f.rule.as_str() == "ingest.claim")
        .count();
    let got = Figures {
        claims: doc.claims.len(),
        checked,
        errors: errors.len(),
        unread,
    };
    (got, errors)
}

#[test]
fn each_budget_narrative_is_read_and_checked_as_pinned() {
    let mut problems = Vec::new();
    let mut want_errors: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for (name, rule, quote, times) in ERRORS {
        let found = want_errors.entry(name).or_default();
        found.extend(std::iter::repeat_n(
            (rule.to_owned(), quote.to_owned()),
            times,
        ));
    }
    for (name, want) in EXPECTED {
        let (got, errors) = figures(name);
        println!(
            "{name}: claims {} checked {:?} errors {} unread {}",
            got.claims, got.checked, got.errors, got.unread
        );
        if got != want {
            problems.push(format!("{name}: got {got:?}, want {want:?}"));
        }
        let want_errors = want_errors.remove(name).unwrap_or_default();
        if errors != want_errors {
            problems.push(format!("{name}: errors {errors:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
