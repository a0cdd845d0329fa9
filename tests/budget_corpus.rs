//! The 部门预算 of `tests/fixtures/corpus/yusuan/`, read as a user would read them: from the
//! PDF as published, and from the pdfplumber JSON of the same PDF.
//!
//! Each document has hand-checked expectations written from the printed pages:
//! `NAME.tables.tsv` lists the tables it prints (the budget table each is, label, title and
//! page as printed, and whether it was read, printed empty, only recognised, or could not be
//! read) and `NAME.expected.tsv` the real errors, each checked on the printed page (its last
//! field names the one reading that finds it, when the other cannot).
//!
//! - From the PDF: department, year and kind as the cover prints them, the tables as listed,
//!   every table listed as read has typed rows, and the error-level findings are exactly the
//!   expected ones.
//! - From the pdfplumber JSON: no error that is not a real one.

use cn_budget::audit::{Finding, Severity};
use cn_budget::disclosure::{BudgetRows, Kind, TableState, Template};
use std::collections::BTreeSet;

#[path = "support/corpus.rs"]
mod support;
use support::{assert_published, dir, documents, false_errors, read, tsv};

/// Department and year as each cover prints them (checked on the first page of each PDF).
const COVERS: [(&str, &str, u16); 13] = [
    ("yusuan/central-guojia-xinfangju-2026", "国家信访局", 2026),
    ("yusuan/chongqing-swu-university-2024", "西南大学", 2024),
    (
        "yusuan/guangdong-shenzhen-caizhengju-2026",
        "深圳市财政局（本级）",
        2026,
    ),
    (
        "yusuan/jiangsu-suzhou-shengtai-huanjing-2026",
        "苏州市生态环境局",
        2026,
    ),
    ("yusuan/jiangsu-wuxi-xinfangju-2025", "无锡市信访局", 2025),
    (
        "yusuan/shaanxi-xian-anjianju-2019-tables-only",
        "西安市安全生产监督管理局",
        2019,
    ),
    ("yusuan/shaanxi-xian-kejiju-2022", "西安市科学技术局", 2022),
    ("yusuan/shaanxi-xian-minzheng-2021", "西安市民政局", 2021),
    (
        "yusuan/shaanxi-xian-renshe-2020",
        "西安市人力资源和社会保障局",
        2020,
    ),
    (
        "yusuan/shaanxi-xian-xingzheng-shenpi-2025",
        "西安市行政审批服务局（汇总）",
        2025,
    ),
    ("yusuan/shanghai-caizhengju-2025", "上海市财政局", 2025),
    (
        "yusuan/shanghai-putuo-shehui-fuliyuan-2024",
        "上海市普陀区社会福利院",
        2024,
    ),
    (
        "yusuan/shanghai-putuo-wanli-jiedao-2023",
        "上海市普陀区人民政府万里街道办事处",
        2023,
    ),
];

type Key = (String, String, String, String);

fn key(f: &Finding) -> Key {
    (
        f.rule.to_string(),
        f.table().unwrap_or_default().to_owned(),
        f.code().unwrap_or_default().to_owned(),
        f.column().unwrap_or_default().to_owned(),
    )
}

/// The real errors a reading of `NAME.ext` finds: every line of `NAME.expected.tsv` whose
/// last field (`from`) is empty or names that reading (`pdf`, `plumber.json`): a real error
/// one extraction cannot see (its columns read with more rounding terms) is listed for the
/// other only.
fn expected_errors(name: &str, ext: &str) -> BTreeSet<Key> {
    tsv(&dir().join(format!("{name}.expected.tsv")))
        .into_iter()
        .filter(|f| f.get(7).is_none_or(|from| from.is_empty() || from == ext))
        .map(|f| (f[0].clone(), f[1].clone(), f[2].clone(), f[3].clone()))
        .collect()
}

#[test]
fn budget_fixtures_are_the_published_files() {
    let docs = documents("预算");
    assert_eq!(docs.len(), COVERS.len());
    assert_published(&docs);
}

#[test]
fn every_budget_states_its_cover_and_its_tables_as_printed() {
    let mut problems = Vec::new();
    for (name, department, year) in COVERS {
        let (ingested, findings) = read(name, "pdf");
        let doc = &ingested.document;
        let meta = &doc.meta;
        let got = (
            meta.department.as_str(),
            meta.year,
            meta.kind,
            meta.template,
        );
        if got != (department, year, Kind::Budget, Template::Budget) {
            problems.push(format!("{name}: {got:?}"));
        }
        let tables: Vec<Vec<String>> = meta
            .tables
            .iter()
            .map(|t| {
                let info = cn_budget::audit::TableInfo::from(t);
                vec![
                    info.id.unwrap_or_default(),
                    info.label.unwrap_or_default(),
                    info.title,
                    info.page.to_string(),
                    t.state.token().to_owned(),
                ]
            })
            .collect();
        let want = tsv(&dir().join(format!("{name}.tables.tsv")));
        if tables != want {
            problems.push(format!("{name}:\n  got  {tables:?}\n  want {want:?}"));
        }
        // The typed tables follow the listing: read ones have rows, an unreadable one is
        // named by an ingest.table finding.
        for (t, b) in meta.tables.iter().zip(&doc.budget) {
            let typed = !matches!(b.rows, BudgetRows::NotRead);
            if typed != (t.state == TableState::Read) {
                problems.push(format!("{name}: {} is {:?}", t.name(), t.state));
            }
            let said = findings
                .iter()
                .any(|f| f.rule.as_str() == "ingest.table" && f.table() == Some(&b.title));
            if (t.state == TableState::Unreadable) != said {
                problems.push(format!("{name}: {} unreadable without a finding", b.title));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_budget_pdf_audit_finds_exactly_the_real_errors() {
    let mut problems = Vec::new();
    for (name, _) in documents("预算") {
        let (_, findings) = read(&name, "pdf");
        let expected = expected_errors(&name, "pdf");
        let found: BTreeSet<Key> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(key)
            .collect();
        if found != expected {
            let messages: Vec<_> = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.message())
                .collect();
            problems.push(format!("{name}.pdf: {messages:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_budget_plumber_json_reports_no_false_errors() {
    let mut problems = Vec::new();
    for (name, _) in documents("预算") {
        let expected = expected_errors(&name, "plumber.json");
        let (ingested, findings) = read(&name, "plumber.json");
        assert_eq!(ingested.document.meta.kind, Kind::Budget, "{name}");
        let false_errors = false_errors(&findings, &expected, key);
        if !false_errors.is_empty() {
            problems.push(format!("{name}.plumber.json: {false_errors:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
