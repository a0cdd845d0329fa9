//! The audit of the embedded seed document: the findings it must and must not produce, and
//! the JSON contract of `cargo run --example audit -- --json`.

use cn_budget::audit::{audit, AuditOptions, Finding, Severity};
use cn_budget::disclosure::{Document, DocumentFiles};

fn report() -> cn_budget::audit::Report {
    audit(
        Document::embedded().expect("embedded"),
        &AuditOptions::default(),
    )
}

/// Whether a finding of `rule` is at `code`: a table row's code, or a narrative claim's id
/// (narrative findings carry their subject's code and name, and quote the claim).
fn has(fs: &[Finding], rule: &str, code: &str, severity: Severity) -> bool {
    fs.iter()
        .any(|f| f.rule.as_str() == rule && is_at(f, code) && f.severity == severity)
}

fn is_at(f: &Finding, code: &str) -> bool {
    f.code() == Some(code) || (f.table().is_none() && f.message().contains(&format!(" {code} ")))
}

#[test]
fn real_errors_of_the_seed_are_found() {
    let r = report();
    let f = &r.findings;
    // Tables.
    assert!(
        has(f, "t02.hierarchy", "21007", Severity::Error),
        "5.08 vs its only 项 5.09"
    );
    assert!(
        has(f, "t02.hierarchy", "21011", Severity::Error),
        "公开02表 lacks 2101101"
    );
    assert!(
        has(f, "x.t01_t03.class", "201", Severity::Error),
        "3613.81 vs 3613.82"
    );
    assert!(has(f, "x.t02_t03.rows", "2101101", Severity::Warning));
    // Narrative.
    for (rule, claim) in [
        ("n.amount", "c042"),          // 3613.56 vs 3613.57
        ("n.amount", "c046"),          // 202.86 vs 202.87
        ("n.share", "c045"),           // 11.77% vs 11.78%
        ("n.completion_rate", "c057"), // 4.6% vs 104.6%
        ("n.completion_rate", "c073"), // 95.88% vs 95.87%
        ("n.amount", "c133"),          // 三公 vehicle budget 4.4 vs 0.61
        ("n.direction", "c138"),       // 持平 with 0.61 vs 4.4
        ("n.amount", "c191"),          // 本年收入合计 4789.53 vs 4789.78
    ] {
        assert!(has(f, rule, claim, Severity::Error), "{rule} {claim}");
    }
    // A narrative finding names its subject: c057 is about 2010601 行政运行.
    let c057 = f
        .iter()
        .find(|x| x.rule.as_str() == "n.completion_rate" && is_at(x, "c057"))
        .expect("c057");
    assert_eq!(c057.code(), Some("2010601"));
    assert_eq!(c057.name(), Some("行政运行"));
    assert!(
        c057.message()
            .contains("c057 五(三)1(1)「完成年初预算的4.6%」"),
        "{}",
        c057.message()
    );
    assert!(
        has(f, "names.marker", "n031", Severity::Warning),
        "公务员医疗补助（类）"
    );
}

#[test]
fn honest_rounding_is_not_an_error() {
    let r = report();
    let f = &r.findings;
    // 合计 4,789.78 vs Σ 类 4,789.79 in 公开02/03/05表; 210 = 202.87 vs 202.86; 06 ±0.01.
    for (rule, code) in [
        ("t02.hierarchy", "合计"),
        ("t03.hierarchy", "合计"),
        ("t05.hierarchy", "210"),
        ("t06.class_sum", "303"),
    ] {
        assert!(
            !has(f, rule, code, Severity::Error),
            "{rule} {code} is rounding"
        );
    }
    let summaries: Vec<&Finding> = f
        .iter()
        .filter(|x| x.rule.as_str() == "rounding.summary")
        .collect();
    assert!(summaries.iter().any(|s| s.table() == Some("公开02表")));
    assert!(summaries.iter().all(|s| s.severity == Severity::Info));
    let tables: Vec<_> = summaries.iter().map(|s| s.table()).collect();
    let mut unique = tables.clone();
    unique.dedup();
    assert_eq!(tables, unique, "one summary per table");
    // Correct statements stay silent: 92.03%, 85.2%, 7.2%, 72.4%, 3.0%.
    for claim in ["c052", "c023", "c003", "c126", "c150"] {
        assert!(!f.iter().any(|x| is_at(x, claim)), "{claim}");
    }
}

#[test]
fn findings_are_ordered_errors_warnings_info() {
    let r = report();
    let order: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    let text = r.to_text();
    let (e, w, i) = (
        text.find("错误").unwrap(),
        text.find("警告").unwrap(),
        text.find("尾差（").unwrap(),
    );
    assert!(e < w && w < i);
}

#[test]
fn every_finding_names_a_known_rule_and_carries_evidence() {
    let r = report();
    let ids: Vec<&str> = cn_budget::audit::RULES
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    for f in &r.findings {
        assert!(
            f.rule.as_str() == "rounding.summary" || ids.contains(&f.rule.as_str()),
            "{}",
            f.rule
        );
        assert!(
            f.message().contains(&format!("[{}]", f.rule)),
            "{}",
            f.message()
        );
        if f.severity == Severity::Error && f.reported().is_some() {
            assert!(f.expected().is_some() && f.difference().is_some() && f.tolerance().is_some());
        }
    }
}

#[cfg(feature = "serde")]
#[test]
fn json_contract() {
    let r = report();
    let value = serde_json::to_value(&r).unwrap();
    assert_eq!(value["document"]["department"], "武汉市洪山区财政局");
    assert_eq!(value["document"]["kind"], "决算");
    assert_eq!(value["document"]["template"], "公开01–09表");
    let tables = value["document"]["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 9);
    for t in tables {
        for k in ["id", "title", "label", "page", "state", "reference"] {
            assert!(t.get(k).is_some(), "{k} missing in {t}");
        }
    }
    assert_eq!(tables[6]["id"], "公开07表");
    assert_eq!(tables[6]["state"], "empty");
    let findings = value["findings"].as_array().unwrap();
    let keys = [
        "rule",
        "severity",
        "table",
        "code",
        "name",
        "column",
        "reported",
        "expected",
        "difference",
        "tolerance",
        "message",
        "table_name",
    ];
    for f in findings {
        for k in keys {
            assert!(f.get(k).is_some(), "{k} missing in {f}");
        }
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        for k in ["reported", "expected", "difference", "tolerance"] {
            assert!(
                f[k].is_null() || f[k].is_string(),
                "{k} must be a decimal string or null"
            );
        }
    }
    let e = findings
        .iter()
        .find(|f| f["rule"] == "x.t01_t03.class")
        .unwrap();
    assert_eq!(e["reported"], "3613.81");
    assert_eq!(e["expected"], "3613.82");
    assert_eq!(e["difference"], "-0.01");
    assert_eq!(e["tolerance"], "0");
    assert_eq!(e["table"], "公开01表");
    let narrative = findings.iter().find(|f| f["rule"] == "n.amount").unwrap();
    assert!(narrative["table"].is_null());
}

#[test]
fn a_document_directory_loads_like_the_embedded_one() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/disclosures/hongshan-finance-2024"
    );
    let from_dir = DocumentFiles::read_dir(dir).unwrap().parse().unwrap();
    assert_eq!(&from_dir, Document::embedded().unwrap());
    let mut broken = DocumentFiles::read_dir(dir).unwrap();
    broken.table02 = Some(broken.table02.unwrap().replace("3613.82", "36x3.82"));
    let err = broken.parse().unwrap_err();
    assert!(err.to_string().contains("table02.tsv"), "{err}");
}

#[cfg(feature = "serde")]
#[test]
fn a_document_round_trips_through_json() {
    let doc = Document::embedded().unwrap();
    let json = serde_json::to_string(doc).unwrap();
    let back: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, doc);
}

#[test]
fn unread_tables_survive_saving_and_loading() {
    use cn_budget::disclosure::TableId;
    let mut doc = Document::embedded().unwrap().clone();
    doc.t09.budget.clear();
    doc.t09.actual.clear();
    doc.t05.table = cn_budget::check::Table::new("公开05表", doc.t05.table.columns().to_vec());
    doc.t05.printed_codes.clear();
    doc.t05.notes.clear();
    let back = doc.to_files().parse().unwrap();
    assert!(!back.is_read(TableId::T09) && !back.is_read(TableId::T05));
    assert!(
        back.is_read(TableId::T07),
        "a table printed empty stays read"
    );
    assert_eq!(back, doc);
}

/// Deserialized data skips the constructors' validation; the checks must still not panic.
#[cfg(feature = "serde")]
#[test]
fn a_document_with_ragged_rows_from_json_audits_without_panic() {
    let doc = Document::embedded().unwrap();
    let mut value = serde_json::to_value(doc).unwrap();
    // Cut the cells of every row of 公开02表 and 公开06表 short, drop printed codes.
    for table in ["t02", "t06"] {
        for row in value[table]["table"]["rows"].as_array_mut().unwrap() {
            row["cells"].as_array_mut().unwrap().truncate(1);
        }
        value[table]["printed_codes"] = serde_json::json!([]);
    }
    value["t02"]["table"]["rows"][0]["cells"] = serde_json::json!([]);
    value["t06"]["table"]["rows"][0]["cells"] = serde_json::json!([]);
    let ragged: Document = serde_json::from_value(value).unwrap();
    let report = audit(&ragged, &AuditOptions::default());
    assert!(!report.findings.is_empty());
    let _ = ragged.to_files().parse();
}
