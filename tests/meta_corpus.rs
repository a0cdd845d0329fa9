//! The facts of every corpus document, read from its PDF and from its layout text:
//! department, year, kind, template, and the tables as printed (label, title, page, state);
//! the findings that name the template and the tables not printed; tables named in findings
//! as the document names them. Expected values are from `tests/fixtures/corpus/NAME.expected.md`
//! (written by hand from the printed pages).

use cn_budget::audit::{audit, AuditOptions, Severity};
use cn_budget::disclosure::{Kind, TableId, TableState, Template};
use cn_budget::ingest::{ingest_bytes, Ingested};
use std::path::Path;

/// One expected table: canonical id (None for a table of none of the nine), label, title,
/// page, and the state when it is not read or unreadable (`None`: printed with data, so read
/// or, if the table reader fails on it, unreadable).
type Row = (
    Option<TableId>,
    Option<&'static str>,
    &'static str,
    usize,
    Option<TableState>,
);

struct Expected {
    name: &'static str,
    department: &'static str,
    year: u16,
    template: Template,
    tables: Vec<Row>,
}

fn read(name: &str, ext: &str) -> Ingested {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(format!("{name}.{ext}"));
    let bytes = std::fs::read(&path).expect("corpus file");
    ingest_bytes(&bytes).unwrap_or_else(|e| panic!("{name}.{ext}: {e}"))
}

use TableId::*;
use TableState::{Empty, NoCounterpart, NotPrinted};

/// The Shanghai nine tables, in the Shanghai order, labelled by the 目录 (一、… 九、).
fn shanghai(pages: [usize; 9], states: [Option<TableState>; 9]) -> Vec<Row> {
    let ids = [T01, T02, T03, T04, T05, T06, T09, T07, T08];
    let labels = [
        "一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、",
    ];
    let titles = [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
    ];
    (0..9)
        .map(|i| {
            (
                Some(ids[i]),
                Some(labels[i]),
                titles[i],
                pages[i],
                states[i],
            )
        })
        .collect()
}

fn corpus() -> Vec<Expected> {
    let university = |pages: [usize; 4]| -> Vec<Row> {
        vec![
            (
                Some(T01),
                Some("表1"),
                "高等学校收支决算总表",
                pages[0],
                None,
            ),
            (Some(T02), Some("表2"), "高等学校收入决算表", pages[1], None),
            (Some(T03), Some("表3"), "高等学校支出决算表", pages[2], None),
            (
                None,
                Some("表4"),
                "高等学校财政拨款支出决算表",
                pages[3],
                Some(NoCounterpart),
            ),
        ]
    };
    let mut planted = shanghai(
        [7, 8, 0, 10, 12, 13, 15, 16, 17],
        [
            None,
            None,
            Some(NotPrinted),
            None,
            None,
            None,
            None,
            Some(Empty),
            Some(Empty),
        ],
    );
    let deleted = planted.remove(2);
    planted.push(deleted);
    vec![
        Expected {
            name: "shanghai-putuo-shehui-gongzuobu-2024",
            department: "中共上海市普陀区委社会工作部",
            year: 2024,
            template: Template::Listed,
            tables: shanghai(
                [5, 6, 8, 10, 12, 13, 14, 15, 16],
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Empty),
                    Some(Empty),
                    Some(Empty),
                ],
            ),
        },
        Expected {
            name: "shanghai-putuo-caizhengju-2024",
            department: "上海市普陀区财政局",
            year: 2024,
            template: Template::Listed,
            tables: shanghai(
                [6, 8, 10, 12, 15, 16, 18, 19, 20],
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Empty),
                    Some(Empty),
                ],
            ),
        },
        Expected {
            name: "shanghai-putuo-caizhengju-2024-planted",
            department: "上海市普陀区财政局",
            year: 2024,
            template: Template::Listed,
            tables: planted,
        },
        Expected {
            name: "shanghai-putuo-guihua-ziyuan-2024",
            department: "上海市普陀区规划和自然资源局",
            year: 2024,
            template: Template::Listed,
            tables: shanghai(
                [7, 8, 10, 12, 14, 16, 17, 18, 19],
                [
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(Empty),
                    Some(Empty),
                ],
            ),
        },
        Expected {
            name: "guangdong-foshan-guidao-jiaotong-2019",
            department: "佛山市轨道交通局",
            year: 2019,
            template: Template::Numbered,
            tables: vec![
                (Some(T01), Some("表1"), "收入支出决算总表", 5, None),
                (Some(T02), Some("表2"), "收入决算表", 8, None),
                (Some(T03), Some("表3"), "支出决算表", 10, None),
                (Some(T04), Some("表4"), "财政拨款收入支出决算总表", 12, None),
                (
                    Some(T05),
                    Some("表5"),
                    "一般公共预算财政拨款支出决算表",
                    15,
                    None,
                ),
                (
                    Some(T06),
                    Some("表6"),
                    "一般公共预算财政拨款基本支出决算表",
                    17,
                    None,
                ),
                (
                    Some(T09),
                    Some("表7"),
                    "一般公共预算财政拨款“三公”经费支出决算表",
                    21,
                    None,
                ),
                (
                    Some(T07),
                    Some("表8"),
                    "政府性基金预算财政拨款收入支出决算表",
                    22,
                    None,
                ),
                (
                    Some(T08),
                    None,
                    "国有资本经营预算财政拨款支出决算表",
                    0,
                    Some(NotPrinted),
                ),
            ],
        },
        Expected {
            name: "chongqing-swu-university-2023",
            department: "西南大学",
            year: 2023,
            template: Template::University,
            tables: university([8, 10, 12, 14]),
        },
        Expected {
            name: "chongqing-swu-university-2024",
            department: "西南大学",
            year: 2024,
            template: Template::University,
            tables: university([8, 10, 12, 14]),
        },
    ]
}

#[test]
fn every_corpus_document_states_its_facts_and_tables() {
    let mut failures = Vec::new();
    for e in corpus() {
        for ext in ["pdf", "layout.txt"] {
            let ingested = read(e.name, ext);
            let meta = &ingested.document.meta;
            let got = (
                meta.department.as_str(),
                meta.year,
                meta.kind,
                meta.template,
            );
            let want = (e.department, e.year, Kind::Final, e.template);
            if got != want {
                failures.push(format!("{}.{ext}: {got:?} != {want:?}", e.name));
            }
            let tables: Vec<_> = meta
                .tables
                .iter()
                .map(|t| (t.id, t.label.as_deref(), t.title.as_str(), t.page))
                .collect();
            let want: Vec<_> = e
                .tables
                .iter()
                .map(|&(id, l, t, p, _)| (id, l, t, p))
                .collect();
            if tables != want {
                failures.push(format!(
                    "{}.{ext}:\n  got  {tables:?}\n  want {want:?}",
                    e.name
                ));
            }
            for (t, &(_, _, _, _, state)) in meta.tables.iter().zip(&e.tables) {
                let ok = match state {
                    Some(s) => t.state == s,
                    None => matches!(t.state, TableState::Read | TableState::Unreadable),
                };
                if !ok {
                    failures.push(format!(
                        "{}.{ext}: {} is {:?}, want {state:?}",
                        e.name, t.title, t.state
                    ));
                }
                // A table printed with data is unreadable only when a finding says why.
                if t.state == TableState::Unreadable {
                    let label = t.id.map(TableId::label);
                    let said = ingested.problems.iter().any(|p| {
                        p.rule.as_str() == "ingest.table"
                            && p.table() == label
                            && p.message().contains("无法可靠读取")
                    });
                    if !said {
                        failures.push(format!(
                            "{}.{ext}: {} unreadable without a finding",
                            e.name, t.title
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_table_not_printed_is_reported_once_by_its_id_and_its_own_name() {
    for (name, id, named) in [
        (
            "shanghai-putuo-caizhengju-2024-planted",
            "公开03表",
            "三、支出决算表（公开03表）",
        ),
        (
            "guangdong-foshan-guidao-jiaotong-2019",
            "公开08表",
            "国有资本经营预算财政拨款支出决算表（公开08表）",
        ),
    ] {
        let ingested = read(name, "layout.txt");
        let about: Vec<_> = ingested
            .problems
            .iter()
            .filter(|p| p.table() == Some(id))
            .collect();
        assert_eq!(about.len(), 1, "{name}: {about:?}");
        let f = about[0];
        assert_eq!(
            (f.rule.as_str(), f.severity),
            ("ingest.table", Severity::Warning)
        );
        assert!(
            f.message()
                .starts_with(&format!("[ingest.table] {named}：")),
            "{}",
            f.message()
        );
        assert!(f.message().contains("未印出"), "{}", f.message());
        assert_eq!(f.table_name(), Some(named));
    }
}

/// The university template: one finding names it and the tables recognised; none of the
/// nine tables it does not have is reported; no error beyond what its expected.tsv lists.
#[test]
fn the_university_template_is_named_once_and_not_taken_for_the_nine() {
    for name in [
        "chongqing-swu-university-2023",
        "chongqing-swu-university-2024",
    ] {
        let expected = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/fixtures/corpus/{name}.expected.tsv")),
        )
        .unwrap();
        let real: Vec<&str> = expected
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        for ext in ["pdf", "layout.txt"] {
            let ingested = read(name, ext);
            let mut report = audit(&ingested.document, &AuditOptions::default());
            report.merge(ingested.problems.clone());
            let template: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.rule.as_str() == "ingest.template")
                .collect();
            assert_eq!(template.len(), 1, "{name}.{ext}");
            let m = &template[0].message();
            assert!(
                m.starts_with("[ingest.template] 全文：按高等学校四表格式识别"),
                "{m}"
            );
            for printed in [
                "表1 高等学校收支决算总表（对应公开01表）",
                "表4 高等学校财政拨款支出决算表",
            ] {
                assert!(m.contains(printed), "{m}");
            }
            for f in &report.findings {
                assert!(
                    !f.message().contains("未印出") && !f.message().contains("未找到"),
                    "{}",
                    f.message()
                );
                if let Some(t) = f.table() {
                    assert!(
                        ["公开01表", "公开02表", "公开03表"].contains(&t),
                        "{}",
                        f.message()
                    );
                    assert!(f.message().contains(&format!("（{t}）")), "{}", f.message());
                }
                if f.severity == Severity::Error {
                    assert!(
                        real.contains(&f.rule.as_str()),
                        "false error in {name}.{ext}: {}",
                        f.message()
                    );
                }
            }
        }
    }
}

/// Findings name a table the way the document does, with the canonical id; the JSON
/// `table` field keeps the canonical label; the headline names department, year, kind and
/// template.
#[test]
fn findings_and_headline_name_what_the_document_prints() {
    let ingested = read("guangdong-foshan-guidao-jiaotong-2019", "layout.txt");
    let mut report = audit(&ingested.document, &AuditOptions::default());
    report.merge(ingested.problems.clone());
    assert_eq!(
        report.to_text().lines().next(),
        Some("佛山市轨道交通局 2019 年度部门决算（表1–表9）审核报告")
    );
    let t06: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.table() == Some("公开06表"))
        .collect();
    assert!(!t06.is_empty());
    for f in t06 {
        let named = "表6 一般公共预算财政拨款基本支出决算表（公开06表）";
        assert_eq!(f.table_name(), Some(named));
        assert!(
            f.message().starts_with(&format!("[{}] {named}", f.rule)),
            "{}",
            f.message()
        );
    }
    let shehui = read("shanghai-putuo-shehui-gongzuobu-2024", "pdf");
    let report = audit(&shehui.document, &AuditOptions::default());
    assert_eq!(
        report.document.headline(),
        "中共上海市普陀区委社会工作部 2024 年度部门决算（一至九表）"
    );
    assert_eq!(
        report.document.tables[6].title,
        "七、财政拨款“三公”经费支出决算表"
    );
}

#[cfg(feature = "serde")]
#[test]
fn the_json_document_carries_kind_template_and_tables() {
    let ingested = read("shanghai-putuo-caizhengju-2024-planted", "layout.txt");
    let mut report = audit(&ingested.document, &AuditOptions::default());
    report.merge(ingested.problems.clone());
    let value = serde_json::to_value(&report).unwrap();
    let d = &value["document"];
    assert_eq!(d["department"], "上海市普陀区财政局");
    assert_eq!(
        (d["year"].as_u64(), d["kind"].as_str()),
        (Some(2024), Some("决算"))
    );
    assert_eq!(d["template"], "一至九表");
    let t03 = d["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "公开03表")
        .unwrap();
    assert_eq!(
        (t03["title"].as_str(), t03["state"].as_str()),
        (Some("三、支出决算表"), Some("not_printed"))
    );
    let f = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["table"] == "公开03表")
        .unwrap();
    assert_eq!(f["table_name"], "三、支出决算表（公开03表）");
}

/// The seed reads the same facts from its extracted text as from its transcription: the
/// national template, every table labelled 公开NN表 (so findings keep the canonical label),
/// 公开07/08表 printed empty.
#[test]
fn the_seed_is_national_from_text_and_from_its_transcription() {
    let text = include_str!("../data/disclosures/hongshan-finance-2024/source.txt");
    let ingested = cn_budget::ingest::ingest(text).unwrap();
    let embedded = cn_budget::disclosure::Document::embedded().unwrap();
    for meta in [&ingested.document.meta, &embedded.meta] {
        assert_eq!(
            (meta.department.as_str(), meta.year),
            ("武汉市洪山区财政局", 2024)
        );
        assert_eq!(
            (meta.kind, meta.template),
            (Kind::Final, Template::National)
        );
        let labels: Vec<_> = meta
            .tables
            .iter()
            .map(|t| t.label.clone().unwrap())
            .collect();
        let canonical: Vec<_> = TableId::ALL
            .iter()
            .map(|id| id.label().to_owned())
            .collect();
        assert_eq!(labels, canonical);
        let empty: Vec<_> = meta
            .tables
            .iter()
            .filter(|t| t.state == Empty)
            .map(|t| t.id)
            .collect();
        assert_eq!(empty, [Some(T07), Some(T08)]);
        assert!(meta.tables.iter().all(|t| t.reference().is_none()));
    }
    let report = audit(embedded, &AuditOptions::default());
    assert!(report.findings.iter().all(|f| f.table_name().is_none()));
}
