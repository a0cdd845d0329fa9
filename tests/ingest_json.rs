//! Ingesting pdfplumber JSON.
//!
//! Every fixture of `tests/fixtures/ingest/json/` (written by `make_fixtures.py` from the seed
//! document's extracted text) is ingested with [`cn_budget::ingest::ingest`] and audited; its
//! sidecar `<name>.expect.json` lists the findings that must and must not appear (audit
//! findings and ingestion problems together) and, for extraction damage, the fixture whose
//! tables it must reproduce. The seed fixture must read into the same tables as the text
//! extraction, and no input may make `ingest` panic.

use cn_budget::audit::{audit, AuditOptions, Finding, Severity};
use cn_budget::disclosure::Document;
use cn_budget::ingest::{ingest, IngestError, Ingested};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;

/// Every fixture, each with its own test below.
const FIXTURES: [&str; 10] = [
    "seed",
    "planted-item-sum",
    "planted-narrative",
    "rounding-noise",
    "split-pages",
    "shifted-cells",
    "missing-cell",
    "null-cells",
    "reordered",
    "no-table-text",
];

/// The keys a matcher of an expectation file may use.
const MATCHER_KEYS: [&str; 5] = ["rule", "severity", "table", "code", "text"];

/// The table fields of a [`Document`], as named in expectation files.
const TABLES: [&str; 9] = [
    "t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09",
];

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/json")
}

fn read(file: &str) -> String {
    let path = fixture_dir().join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fixture's expectations.
fn expectation(name: &str) -> Value {
    serde_json::from_str(&read(&format!("{name}.expect.json")))
        .unwrap_or_else(|e| panic!("{name}.expect.json: {e}"))
}

/// A fixture, ingested.
fn ingest_fixture(name: &str) -> Ingested {
    ingest(&read(&format!("{name}.json"))).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The ingestion problems and the audit findings of a document.
fn findings(ingested: &Ingested) -> Vec<Finding> {
    let report = audit(&ingested.document, &AuditOptions::default());
    let mut all = ingested.problems.clone();
    all.extend(report.findings);
    all
}

/// The name of a severity in expectation files.
fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Whether a finding fits every key of a matcher (`text` is a substring of the message).
fn fits(matcher: &Value, f: &Finding) -> bool {
    let key = |k: &str| matcher.get(k).and_then(Value::as_str);
    key("rule").is_none_or(|r| f.rule.as_str() == r)
        && key("severity").is_none_or(|s| severity_name(f.severity) == s)
        && key("table").is_none_or(|t| f.table() == Some(t))
        && key("code").is_none_or(|c| f.code() == Some(c))
        && key("text").is_none_or(|t| f.message().contains(t))
}

/// The matchers under `key` of an expectation (checked for unknown keys).
fn matchers<'a>(expect: &'a Value, key: &str) -> &'a [Value] {
    let list = expect
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for m in list {
        let object = m.as_object().expect("a matcher is an object");
        assert!(!object.is_empty(), "empty matcher under {key}");
        for (k, v) in object {
            assert!(
                MATCHER_KEYS.contains(&k.as_str()),
                "unknown matcher key {k}"
            );
            assert!(v.is_string(), "matcher value {k} is not a string");
        }
    }
    list
}

/// A table of a document, by its field name, for comparisons.
fn table(doc: &Document, key: &str) -> String {
    match key {
        "t01" => format!("{:#?}", doc.t01),
        "t02" => format!("{:#?}", doc.t02),
        "t03" => format!("{:#?}", doc.t03),
        "t04" => format!("{:#?}", doc.t04),
        "t05" => format!("{:#?}", doc.t05),
        "t06" => format!("{:#?}", doc.t06),
        "t07" => format!("{:#?}", doc.t07),
        "t08" => format!("{:#?}", doc.t08),
        "t09" => format!("{:#?}", doc.t09),
        other => panic!("unknown table {other}"),
    }
}

/// The first line where two debug renderings differ, or `None` if they are equal.
fn first_difference(a: &str, b: &str) -> Option<String> {
    if a == b {
        return None;
    }
    let (mut la, mut lb) = (a.lines(), b.lines());
    for n in 1.. {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (x, y) => return Some(format!("line {n}: {x:?} vs {y:?}")),
        }
    }
    unreachable!()
}

/// The tables (by field name) in which two documents differ, with where.
fn table_differences(a: &Document, b: &Document, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .filter_map(|k| first_difference(&table(a, k), &table(b, k)).map(|d| format!("{k}: {d}")))
        .collect()
}

/// Ingests and audits a fixture and checks its expectations.
fn check(name: &str) {
    let expect = expectation(name);
    let ingested = ingest_fixture(name);
    let all = findings(&ingested);
    let mut failures = Vec::new();
    for m in matchers(&expect, "must") {
        if !all.iter().any(|f| fits(m, f)) {
            failures.push(format!("missing {m}"));
        }
    }
    for m in matchers(&expect, "must_not") {
        for f in all.iter().filter(|f| fits(m, f)) {
            failures.push(format!("unexpected {m}: {}", f.message()));
        }
    }
    if let Some(same) = expect.get("same_tables_as") {
        let other = same["fixture"].as_str().expect("same_tables_as.fixture");
        let keys: Vec<&str> = same["tables"]
            .as_array()
            .expect("same_tables_as.tables")
            .iter()
            .map(|k| k.as_str().expect("a table key"))
            .collect();
        let reference = ingest_fixture(other);
        for d in table_differences(&ingested.document, &reference.document, &keys) {
            failures.push(format!("differs from {other}: {d}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{name}:\n{}\n\nall findings:\n{}",
        failures.join("\n"),
        all.iter()
            .map(|f| f.message())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_fixture_has_expectations_and_a_test() {
    let mut found: Vec<String> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json") && !f.ends_with(".expect.json"))
        .map(|f| f.trim_end_matches(".json").to_owned())
        .collect();
    found.sort();
    let mut listed = FIXTURES.map(str::to_owned).to_vec();
    listed.sort();
    assert_eq!(found, listed);
    for name in FIXTURES {
        let expect = expectation(name);
        assert!(expect["description"].is_string(), "{name}");
        assert!(!matchers(&expect, "must").is_empty(), "{name}");
        matchers(&expect, "must_not");
        if let Some(same) = expect.get("same_tables_as") {
            assert!(FIXTURES.contains(&same["fixture"].as_str().unwrap()));
            for k in same["tables"].as_array().unwrap() {
                assert!(TABLES.contains(&k.as_str().unwrap()), "{name}: {k}");
            }
        }
        let json: Value = serde_json::from_str(&read(&format!("{name}.json"))).unwrap();
        assert!(json["page_texts"].is_array() && json["page_tables"].is_array());
    }
}

#[test]
fn seed() {
    check("seed");
}

#[test]
fn planted_item_sum() {
    check("planted-item-sum");
}

#[test]
fn planted_narrative() {
    check("planted-narrative");
}

#[test]
fn rounding_noise() {
    check("rounding-noise");
}

#[test]
fn split_pages() {
    check("split-pages");
}

#[test]
fn shifted_cells() {
    check("shifted-cells");
}

#[test]
fn missing_cell() {
    check("missing-cell");
}

#[test]
fn null_cells() {
    check("null-cells");
}

#[test]
fn reordered() {
    check("reordered");
}

#[test]
fn no_table_text() {
    check("no-table-text");
}

/// The seed document read from its extracted text.
fn seed_from_text() -> Ingested {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/disclosures/hongshan-finance-2024/source.txt");
    ingest(&std::fs::read_to_string(path).unwrap()).expect("the text ingests")
}

#[test]
fn the_seed_reads_the_same_tables_from_json_and_from_text() {
    let (json, text) = (ingest_fixture("seed"), seed_from_text());
    let differences = table_differences(&json.document, &text.document, &TABLES);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    let (a, b) = (&json.document.meta, &text.document.meta);
    assert_eq!(
        (
            &a.department,
            &a.reporting_unit,
            a.year,
            a.unit,
            a.decimals,
            a.edition
        ),
        (
            &b.department,
            &b.reporting_unit,
            b.year,
            b.unit,
            b.decimals,
            b.edition
        )
    );
}

#[test]
fn the_seed_reads_the_same_narrative_from_json_and_from_text() {
    let (json, text) = (ingest_fixture("seed"), seed_from_text());
    let claims = |i: &Ingested| format!("{:#?}", i.document.claims);
    if let Some(d) = first_difference(&claims(&json), &claims(&text)) {
        panic!("claims differ at {d}");
    }
    assert_eq!(json.document.names, text.document.names);
    let messages =
        |i: &Ingested| -> Vec<String> { i.problems.iter().map(|p| p.message()).collect() };
    assert_eq!(messages(&json), messages(&text));
}

#[test]
fn table_comparison_sees_a_planted_change() {
    let (planted, seed) = (ingest_fixture("planted-item-sum"), ingest_fixture("seed"));
    let differences = table_differences(&planted.document, &seed.document, &TABLES);
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert!(differences[0].starts_with("t03:"), "{differences:?}");
}

#[test]
fn bad_json_is_a_json_error() {
    for input in [
        "{",
        "{}",
        "{\"page_texts\": []}",
        "{\"page_tables\": []}",
        "{\"page_texts\": \"x\", \"page_tables\": []}",
        "{\"page_texts\": [], \"page_tables\": [[[[{}]]]]}",
        "{\"page_texts\": [], \"page_tables\": [], }",
    ] {
        assert!(
            matches!(ingest(input), Err(IngestError::Json { .. })),
            "{input}"
        );
    }
}

#[test]
fn json_without_tables_is_not_a_document() {
    let input = json!({"page_texts": ["第一部分 概况", "第三部分 说明"], "page_tables": [[], []]});
    assert!(ingest(&input.to_string()).is_err());
}

/// Words that steer the splitter and the assembler: titles, headings, codes, amounts.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2024 年度收入支出决算总表".to_owned()),
        Just("2024 年度收入决算表".to_owned()),
        Just("财政拨款“三公”经费支出决算表".to_owned()),
        Just("公开 02 表".to_owned()),
        Just("单位：某局".to_owned()),
        Just("金额单位：万元".to_owned()),
        Just("第三部分 情况说明".to_owned()),
        Just("合计".to_owned()),
        Just("本年收入合计".to_owned()),
        Just("201".to_owned()),
        Just("2010601".to_owned()),
        Just("4,789.78".to_owned()),
        Just("-".to_owned()),
        "\\PC{0,12}",
    ]
}

/// A cell of any JSON type.
fn cell() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => word().prop_map(Value::String),
        2 => Just(Value::Null),
        1 => any::<i32>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(json!([])),
        1 => Just(json!({"text": "合计"})),
    ]
}

/// Any JSON value, nested.
fn value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("page_texts".to_owned()),
        Just("page_tables".to_owned()),
        "[a-z_]{1,8}",
    ];
    cell().prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// pdfplumber-shaped JSON with random texts, tables and cells.
fn document_json() -> impl Strategy<Value = String> {
    let text = prop::collection::vec(word(), 0..10).prop_map(|w| w.join("\n"));
    let table = prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..8);
    let page = (text, prop::collection::vec(table, 0..3));
    prop::collection::vec(page, 0..6).prop_map(|pages| {
        let (texts, tables): (Vec<_>, Vec<_>) = pages.into_iter().unzip();
        json!({ "page_texts": texts, "page_tables": tables }).to_string()
    })
}

/// A small fixture as a JSON value, for mutation.
fn small_fixture() -> Value {
    serde_json::from_str(&read("planted-narrative.json")).unwrap()
}

/// Replaces or deletes rows and cells of a fixture's tables (a row may become any value).
fn mutate(doc: &mut Value, edits: &[(usize, usize, usize, usize, u8, Value)]) {
    for (page, table, row, col, op, value) in edits {
        let Some(pages) = doc["page_tables"].as_array_mut() else {
            return;
        };
        let n = pages.len();
        let Some(tables) = pages[page % n].as_array_mut().filter(|t| !t.is_empty()) else {
            continue;
        };
        let n = tables.len();
        let Some(rows) = tables[table % n].as_array_mut().filter(|r| !r.is_empty()) else {
            continue;
        };
        let n = rows.len();
        let r = row % n;
        match op % 4 {
            0 => rows[r] = value.clone(),
            1 => {
                rows.remove(r);
            }
            _ => {
                if let Some(cells) = rows[r].as_array_mut().filter(|c| !c.is_empty()) {
                    let c = col % cells.len();
                    if op % 4 == 2 {
                        cells[c] = value.clone();
                    } else {
                        cells.remove(c);
                    }
                }
            }
        }
    }
}

/// Cases for the heavier properties: `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #[test]
    fn any_text_never_panics(input in "\\PC{0,300}") {
        let _ = ingest(&input);
    }

    #[test]
    fn json_ish_text_never_panics(input in "\\{[\\[\\]{}\",:0-9a-z_ \\n表合计null-]{0,200}") {
        let _ = ingest(&input);
    }

    #[test]
    fn any_json_value_never_panics(v in value(), texts in value(), tables in value()) {
        let _ = ingest(&v.to_string());
        let _ = ingest(&json!({"page_texts": texts, "page_tables": tables}).to_string());
    }

    #[test]
    fn random_pages_and_cells_never_panic(input in document_json()) {
        let _ = ingest(&input);
    }

    #[test]
    fn truncated_json_is_a_json_error(cut in 0usize..65_000) {
        let full = read("planted-narrative.json");
        let mut end = cut.min(full.len());
        while !full.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &full[..end];
        let result = ingest(prefix);
        if prefix.trim_start().starts_with('{') && prefix.trim_end() != full.trim_end() {
            prop_assert!(matches!(result, Err(IngestError::Json { .. })), "{:?}", result.err());
        }
    }
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn mutated_fixture_never_panics(
        edits in prop::collection::vec(
            (any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>(), any::<u8>(), cell()),
            1..12,
        )
    ) {
        let mut doc = small_fixture();
        mutate(&mut doc, &edits);
        let _ = ingest(&doc.to_string()).map(|i| findings(&i));
    }
}
