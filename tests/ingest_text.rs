//! Ingesting PDF-extracted text.
//!
//! 1. The seed (`data/disclosures/hongshan-finance-2024/source.txt`) must reproduce the hand
//!    transcription (`Document::embedded()`) exactly, table by table, and the audit of the
//!    ingested tables must equal the audit of the transcribed ones.
//! 2. Fixtures in `tests/fixtures/ingest/text/` (derived from the seed with edits) carry
//!    planted errors, rounding noise and extraction damage. Each states, in its leading
//!    `#!` lines, the findings it must and must not produce (see [`Expect`]).
//! 3. Random damage to the seed's text never makes `ingest` (or the audit of what it reads)
//!    panic.

use cn_budget::audit::{audit, AuditOptions, Finding, Severity};
use cn_budget::disclosure::{Document, FunctionalTable, SummaryTable};
use cn_budget::ingest::{ingest, IngestError, Ingested};
use proptest::prelude::*;

const SEED: &str = include_str!("../data/disclosures/hongshan-finance-2024/source.txt");

fn seed() -> Ingested {
    ingest(SEED).expect("the seed reads")
}

fn embedded() -> &'static Document {
    Document::embedded().expect("embedded document")
}

/// Compares two summary tables line by line (the transcriber's notes excluded).
fn same_summary(got: &SummaryTable, want: &SummaryTable, label: &str) {
    assert_eq!(got.columns, want.columns, "{label} columns");
    assert_eq!(got.lines.len(), want.lines.len(), "{label} line count");
    for (g, w) in got.lines.iter().zip(&want.lines) {
        let at = format!("{label} {} line {}", w.side.name(), w.line);
        assert_eq!((g.side, g.line), (w.side, w.line), "{at}");
        assert_eq!(g.name, w.name, "{at} name");
        assert_eq!(g.cells, w.cells, "{at} cells");
    }
}

/// Compares two functional tables row by row (notes excluded).
fn same_functional(got: &FunctionalTable, want: &FunctionalTable, label: &str) {
    assert_eq!(got.table.name(), want.table.name(), "{label} name");
    assert_eq!(got.table.columns(), want.table.columns(), "{label} columns");
    assert_eq!(
        got.table.rows().len(),
        want.table.rows().len(),
        "{label} row count"
    );
    for (i, (g, w)) in got.table.rows().iter().zip(want.table.rows()).enumerate() {
        assert_eq!(g, w, "{label} row {i} ({})", w.code);
    }
    assert_eq!(
        got.printed_codes, want.printed_codes,
        "{label} printed codes"
    );
    assert_eq!(got.table.total(), want.table.total(), "{label} 合计");
    assert_eq!(got.table, want.table, "{label}");
}

#[test]
fn seed_meta_is_the_transcription() {
    let got = seed().document.meta;
    let want = &embedded().meta;
    assert_eq!(got.department, want.department);
    assert_eq!(got.reporting_unit, want.reporting_unit);
    assert_eq!(got.year, want.year);
    assert_eq!(got.unit, want.unit);
    assert_eq!(got.decimals, want.decimals);
    assert_eq!(got.edition, want.edition);
    for key in ["table07_statement", "table08_statement"] {
        assert_eq!(got.other.get(key), want.other.get(key), "{key}");
    }
}

#[test]
fn seed_table01_is_the_transcription() {
    same_summary(&seed().document.t01, &embedded().t01, "公开01表");
}

#[test]
fn seed_table02_is_the_transcription() {
    same_functional(&seed().document.t02, &embedded().t02, "公开02表");
}

#[test]
fn seed_table03_is_the_transcription() {
    same_functional(&seed().document.t03, &embedded().t03, "公开03表");
}

#[test]
fn seed_table04_is_the_transcription() {
    same_summary(&seed().document.t04, &embedded().t04, "公开04表");
}

#[test]
fn seed_table05_is_the_transcription() {
    same_functional(&seed().document.t05, &embedded().t05, "公开05表");
}

#[test]
fn seed_table06_is_the_transcription() {
    let got = seed().document.t06;
    let want = &embedded().t06;
    assert_eq!(got.table.columns(), want.table.columns());
    assert_eq!(got.table.rows().len(), want.table.rows().len());
    for (i, (g, w)) in got.table.rows().iter().zip(want.table.rows()).enumerate() {
        assert_eq!(g, w, "公开06表 row {i}");
    }
    assert_eq!(got.groups, want.groups);
    assert_eq!(got.printed_codes, want.printed_codes);
    assert_eq!(got.personnel_total, want.personnel_total);
    assert_eq!(got.public_total, want.public_total);
    assert_eq!(&got, want);
}

#[test]
fn seed_tables07_08_are_the_transcription() {
    let got = seed().document;
    same_functional(&got.t07, &embedded().t07, "公开07表");
    same_functional(&got.t08, &embedded().t08, "公开08表");
}

#[test]
fn seed_table09_is_the_transcription() {
    assert_eq!(seed().document.t09, embedded().t09);
}

#[test]
fn seed_reads_without_extraction_problems() {
    let problems: Vec<String> = seed()
        .problems
        .iter()
        .filter(|f| f.rule.as_str().starts_with("ingest.table"))
        .map(|f| f.message())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A finding without its message: rule, severity, table, code and column.
type Key = (
    String,
    Severity,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The table-and-cross-table findings of an audit, comparable between two documents.
fn table_findings(doc: &Document) -> Vec<Key> {
    let mut v: Vec<Key> = audit(doc, &AuditOptions::default())
        .findings
        .into_iter()
        .filter(|f| !f.rule.as_str().starts_with("n.") && !f.rule.as_str().starts_with("names."))
        .filter(|f| f.table().is_some())
        .map(|f| {
            let table = f.table().map(str::to_owned);
            (
                f.rule.to_string(),
                f.severity,
                table,
                f.place.code,
                f.place.column,
            )
        })
        .collect();
    v.sort_by_key(|k| format!("{k:?}"));
    v
}

#[test]
fn the_audit_of_the_ingested_seed_equals_that_of_the_transcription() {
    assert_eq!(table_findings(&seed().document), table_findings(embedded()));
}

#[test]
fn unreadable_inputs_are_errors_not_panics() {
    assert_eq!(ingest("").unwrap_err(), IngestError::NoTables);
    assert_eq!(
        ingest("目录\n收入决算表\n支出决算表").unwrap_err(),
        IngestError::NoTables
    );
    let no_year = "收入决算表\n公开 02 表\n金额单位：万元\n\t\t合计\t1.00";
    assert_eq!(ingest(no_year).unwrap_err(), IngestError::NoYear);
}

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

/// What a fixture states about its findings, one per leading `#!` line:
/// - `#! must <rule> <table> <code> <severity>`: some finding matches;
/// - `#! must_not <rule> <table> <code> <severity>`: no finding matches;
/// - `#! mention <rule> <table> <text…>`: a finding of the rule and table has the text in
///   its message;
/// - `#! max_errors <n>`: at most n findings of severity error;
/// - `#! same <t01 … t09>`: these tables equal the transcription's.
///
/// Other `#!` lines are comments. In patterns, a rule id ending in `*` matches a prefix,
/// severities are `error`, `warning` and `info`, and `*` matches anything.
#[derive(Debug, Default)]
struct Expect {
    must: Vec<Pattern>,
    must_not: Vec<Pattern>,
    mention: Vec<(Pattern, String)>,
    max_errors: Option<usize>,
    same: Vec<String>,
}

#[derive(Debug)]
struct Pattern {
    rule: String,
    table: String,
    code: String,
    severity: String,
}

impl Pattern {
    fn parse(words: &[&str]) -> Pattern {
        let w = |i: usize| words.get(i).copied().unwrap_or("*").to_owned();
        Pattern {
            rule: w(0),
            table: w(1),
            code: w(2),
            severity: w(3),
        }
    }

    fn matches(&self, f: &Finding) -> bool {
        let ok = |p: &str, v: Option<&str>| p == "*" || Some(p) == v;
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "info",
        };
        let rule = match self.rule.strip_suffix('*') {
            Some(prefix) => f.rule.as_str().starts_with(prefix),
            None => self.rule.as_str() == f.rule.as_str(),
        };
        rule && ok(&self.table, f.table())
            && ok(&self.code, f.code())
            && ok(&self.severity, Some(severity))
    }
}

/// Reads a fixture: its expectations and the text to ingest (without the `#!` lines).
fn fixture(name: &str) -> (Expect, String) {
    let path = format!(
        "{}/tests/fixtures/ingest/text/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut expect = Expect::default();
    let mut body = String::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("#!") else {
            body.push_str(line);
            body.push('\n');
            continue;
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        match words.as_slice() {
            ["must", p @ ..] => expect.must.push(Pattern::parse(p)),
            ["must_not", p @ ..] => expect.must_not.push(Pattern::parse(p)),
            ["mention", rule, table, text @ ..] => expect
                .mention
                .push((Pattern::parse(&[rule, table]), text.join(" "))),
            ["max_errors", n] => expect.max_errors = n.parse().ok(),
            ["same", tables @ ..] => expect.same.extend(tables.iter().map(|t| t.to_string())),
            _ => {} // a comment
        }
    }
    (expect, body)
}

/// Ingests a fixture, audits it and checks its expectations.
fn run(name: &str) -> Ingested {
    let (expect, text) = fixture(name);
    let ingested = ingest(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut findings = ingested.problems.clone();
    findings.extend(audit(&ingested.document, &AuditOptions::default()).findings);
    let listing = || {
        findings
            .iter()
            .map(|f| f.message())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for p in &expect.must {
        assert!(
            findings.iter().any(|f| p.matches(f)),
            "{name}: missing {p:?}\n{}",
            listing()
        );
    }
    for p in &expect.must_not {
        let bad: Vec<String> = findings
            .iter()
            .filter(|f| p.matches(f))
            .map(|f| f.message())
            .collect();
        assert!(
            bad.is_empty(),
            "{name}: must not produce {p:?}:\n{}",
            bad.join("\n")
        );
    }
    for (p, text) in &expect.mention {
        assert!(
            findings
                .iter()
                .any(|f| p.matches(f) && f.message().contains(text.as_str())),
            "{name}: no {p:?} mentions {text}\n{}",
            listing()
        );
    }
    if let Some(max) = expect.max_errors {
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        assert!(
            errors <= max,
            "{name}: {errors} errors > {max}\n{}",
            listing()
        );
    }
    let (got, want) = (&ingested.document, embedded());
    for t in &expect.same {
        match t.as_str() {
            "t01" => same_summary(&got.t01, &want.t01, name),
            "t02" => same_functional(&got.t02, &want.t02, name),
            "t03" => same_functional(&got.t03, &want.t03, name),
            "t04" => same_summary(&got.t04, &want.t04, name),
            "t05" => same_functional(&got.t05, &want.t05, name),
            "t06" => assert_eq!(got.t06, want.t06, "{name}"),
            "t07" => same_functional(&got.t07, &want.t07, name),
            "t08" => same_functional(&got.t08, &want.t08, name),
            "t09" => assert_eq!(got.t09, want.t09, "{name}"),
            other => panic!("{name}: unknown table {other}"),
        }
    }
    ingested
}

/// The `ingest.table` problems of an ingest, by table.
fn unread(ingested: &Ingested) -> Vec<String> {
    ingested
        .problems
        .iter()
        .filter(|f| f.rule.as_str() == "ingest.table")
        .filter_map(|f| f.table().map(str::to_owned))
        .collect()
}

#[test]
fn planted_errors_are_reported() {
    let i = run("planted_errors.txt");
    assert!(unread(&i).is_empty());
}

#[test]
fn rounding_noise_is_not_an_error() {
    run("rounding_noise.txt");
}

#[test]
fn shifted_columns_give_one_problem_not_a_cascade() {
    let i = run("shifted_columns.txt");
    assert_eq!(unread(&i), ["公开05表"], "exactly one problem");
    let t05 = &i.document.t05;
    assert!(t05.table.rows().is_empty() && t05.table.total().is_none());
    assert_eq!(t05.table.columns(), embedded().t05.table.columns());
}

#[test]
fn split_codes_rejoin_and_continuation_pages_merge() {
    run("split_codes_and_pages.txt");
}

#[test]
fn tables_are_found_by_title_in_any_order() {
    run("reordered_tables.txt");
}

#[test]
fn space_separated_cells_read_or_give_one_problem() {
    let i = run("space_separated.txt");
    assert_eq!(unread(&i), ["公开09表"]);
    assert!(i.document.t09.budget.is_empty() && i.document.t09.actual.is_empty());
}

#[test]
fn every_fixture_has_a_test() {
    let dir = format!("{}/tests/fixtures/ingest/text", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "planted_errors.txt",
            "reordered_tables.txt",
            "rounding_noise.txt",
            "shifted_columns.txt",
            "space_separated.txt",
            "split_codes_and_pages.txt",
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Random damage
// ---------------------------------------------------------------------------------------

/// One piece of damage to the seed's text, at a line (and a position in it), both taken
/// modulo the sizes they index.
#[derive(Clone, Debug)]
enum Damage {
    DeleteTab(usize, usize),
    DuplicateTab(usize, usize),
    SwapDigits(usize, usize),
    DropLine(usize),
    InsertLine(usize, String),
}

fn damage() -> impl Strategy<Value = Damage> {
    // Mostly in the tables (lines 83–419 of the seed), sometimes anywhere.
    let line = prop_oneof![3 => 82usize..419, 1 => any::<usize>()];
    let garbage =
        "[0-9\t .,，、合计总计公开表年度单位金额：:类款项栏次人员经费第三部分（）\\-一二三]{0,24}";
    prop_oneof![
        (line.clone(), any::<usize>()).prop_map(|(l, p)| Damage::DeleteTab(l, p)),
        (line.clone(), any::<usize>()).prop_map(|(l, p)| Damage::DuplicateTab(l, p)),
        (line.clone(), any::<usize>()).prop_map(|(l, p)| Damage::SwapDigits(l, p)),
        line.clone().prop_map(Damage::DropLine),
        (line, garbage).prop_map(|(l, g)| Damage::InsertLine(l, g)),
    ]
}

/// Applies damage to lines of text.
fn apply(lines: &mut Vec<String>, d: &Damage) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match d {
        Damage::DropLine(l) => {
            lines.remove(l % n);
        }
        Damage::InsertLine(l, g) => lines.insert(l % (n + 1), g.clone()),
        Damage::DeleteTab(l, p) | Damage::DuplicateTab(l, p) => {
            let line = &mut lines[l % n];
            let tabs: Vec<usize> = line.match_indices('\t').map(|(i, _)| i).collect();
            if let Some(&at) = tabs.get(p % tabs.len().max(1)) {
                match d {
                    Damage::DeleteTab(..) => {
                        line.remove(at);
                    }
                    _ => line.insert(at, '\t'),
                }
            }
        }
        Damage::SwapDigits(l, p) => {
            let line = &mut lines[l % n];
            let mut chars: Vec<char> = line.chars().collect();
            let digits: Vec<usize> = (0..chars.len().saturating_sub(1))
                .filter(|&i| chars[i].is_ascii_digit() && chars[i + 1].is_ascii_digit())
                .collect();
            if let Some(&i) = digits.get(p % digits.len().max(1)) {
                chars.swap(i, i + 1);
                *line = chars.into_iter().collect();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random damage to the seed's cells and lines never makes ingest (or the audit of what
    /// it reads) panic.
    #[test]
    fn damaged_seed_text_never_panics(damages in proptest::collection::vec(damage(), 1..10)) {
        let mut lines: Vec<String> = SEED.lines().map(str::to_owned).collect();
        for d in &damages {
            apply(&mut lines, d);
        }
        if let Ok(ingested) = ingest(&lines.join("\n")) {
            audit(&ingested.document, &AuditOptions::default());
        }
    }

    /// Arbitrary text never makes ingest panic.
    #[test]
    fn arbitrary_text_never_panics(text in "(\\PC|\t|\n){0,400}") {
        let _ = ingest(&text);
    }
}

/// The whole point of ingestion: auditing the seed's extracted text finds exactly what
/// auditing the hand transcription finds (same rules, places, values and messages).
#[test]
fn the_ingested_seed_audits_exactly_like_the_transcription() {
    use cn_budget::audit::{audit, AuditOptions};
    let text = include_str!("../data/disclosures/hongshan-finance-2024/source.txt");
    let ingested = cn_budget::ingest::ingest(text).expect("the seed reads");
    let options = AuditOptions::default();
    let from_text = audit(&ingested.document, &options);
    let from_transcription = audit(embedded(), &options);
    assert_eq!(from_text.findings, from_transcription.findings);
    assert_eq!(from_text.evaluated, from_transcription.evaluated);
}

/// Each table is read in the unit its own heading prints; an unknown unit makes the table
/// unreadable instead of misreading it by a factor.
#[test]
fn each_table_is_read_in_its_own_unit() {
    use cn_budget::audit::{audit, AuditOptions, Severity};
    let text = include_str!("../data/disclosures/hongshan-finance-2024/source.txt");
    let lines: Vec<&str> = text.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.starts_with("2024 年度财政拨款“三公”经费支出决算表"))
        .unwrap();
    let unit_line = title
        + lines[title..]
            .iter()
            .position(|l| l.starts_with("金额单位"))
            .unwrap();
    let row = title
        + lines[title..]
            .iter()
            .position(|l| l.starts_with("0.61"))
            .unwrap();
    let with = |unit: &str, row_text: &str| -> String {
        let mut v: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        v[unit_line] = format!("金额单位：{unit}");
        v[row] = row_text.to_owned();
        v.join("\n")
    };
    // 0.61 万元 printed as 6,100.00 元: the same amounts, no new error.
    let yuan = with(
        "元",
        "6,100.00\t\t6,100.00\t\t6,100.00\t\t6,100.00\t\t6,100.00\t\t6,100.00\t",
    );
    let ingested = cn_budget::ingest::ingest(&yuan).unwrap();
    assert_eq!(
        ingested.document.t09.actual[0].unwrap().to_string(),
        "6100.00 元"
    );
    let errors = |doc| {
        audit(doc, &AuditOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    };
    assert_eq!(errors(&ingested.document), errors(embedded()));
    // 千元 is not a unit the crate knows: the table is reported, not misread.
    let thousands = cn_budget::ingest::ingest(&with("千元", lines[row])).unwrap();
    assert!(thousands
        .problems
        .iter()
        .any(|p| p.rule.as_str() == "ingest.table" && p.message().contains("千元")));
    assert!(!thousands
        .document
        .is_read(cn_budget::disclosure::TableId::T09));
}
