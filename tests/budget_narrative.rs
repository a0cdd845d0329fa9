//! Budget narratives (部门预算情况说明) of `tests/fixtures/corpus/yusuan/`.

use cn_budget::audit::Severity;

#[path = "support/corpus.rs"]
mod support;
use support::{documents, read};

#[test]
#[ignore]
fn dump() {
    for (name, _) in documents("预算") {
        let (ingested, findings) = read(&name, "pdf");
        println!("==== {name}");
        for t in &ingested.document.budget {
            if let cn_budget::disclosure::BudgetRows::Functional(f) = &t.rows {
                let total: Vec<String> = f
                    .total()
                    .unwrap_or_default()
                    .iter()
                    .map(|c| c.map(|a| a.value().to_string()).unwrap_or_default())
                    .collect();
                println!("  T {:?} {} {:?} {:?}", t.id, t.title, f.columns(), total);
            }
        }
        for c in &ingested.document.claims {
            println!(
                "{} [{}] {} {} {:?} {:?} {:?} 「{}」",
                c.id,
                c.section,
                c.subject,
                c.measure.label(),
                c.value,
                c.word.map(|w| w.to_string()),
                c.of.as_ref().map(|b| b.to_string()),
                c.quote
            );
        }
        for f in &findings {
            if f.rule.as_str() == "ingest.claim"
                || f.rule.as_str().starts_with("bn.")
                || f.rule.as_str().starts_with("n.")
                || f.severity == Severity::Error
            {
                println!("  {:?} {} {}", f.severity, f.rule, f.message);
            }
        }
        let _ = Severity::Error;
    }
}
