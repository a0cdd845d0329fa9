//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`), shared with the stable replay
//! test (`tests/fuzz_replay.rs`) so that both run exactly the same code on an input.
//!
//! Each body takes the raw bytes libFuzzer generates and panics only when the crate
//! misbehaves: a panic inside the crate, or an outcome that breaks a stated property
//! (a finding without a known rule id or without a message, a JSON report that does not
//! read back as the same report, a parsed code that does not print as itself …).
//! Included with `#[path]` by both users; not part of the library.
#![allow(dead_code)]

use cn_budget::audit::{audit as run_audit, AuditOptions, Report, RULES};
use cn_budget::disclosure::{Document, DocumentFiles};
use cn_budget::finding::Finding;
use cn_budget::ingest::{self, Format};
use cn_budget::{Amount, Catalog, Code, EconomicCode, FunctionCode, Rounding, Unit};

/// One fuzz target: its name (the file `fuzz/fuzz_targets/NAME.rs`, the corpus directory
/// `fuzz/corpus/NAME/`, the crash fixtures `tests/fixtures/fuzz/NAME/`) and its body.
pub struct Target {
    /// The target's name.
    pub name: &'static str,
    /// What it runs on one input.
    pub body: fn(&[u8]),
}

/// Every target, for the replay test.
pub const TARGETS: &[Target] = &[
    Target {
        name: "codes",
        body: codes,
    },
    Target {
        name: "amount",
        body: amount,
    },
    Target {
        name: "catalog_tsv",
        body: catalog_tsv,
    },
    Target {
        name: "text",
        body: text,
    },
    Target {
        name: "plumber_json",
        body: plumber_json,
    },
    Target {
        name: "pdf",
        body: pdf,
    },
    Target {
        name: "document_files",
        body: document_files,
    },
    Target {
        name: "audit",
        body: audit,
    },
];

/// Strict (`FromStr`, `TryFrom<u32>`) and lenient (`parse_lenient`) parsing of both code
/// kinds: whatever parses prints as a code that parses back to itself.
pub fn codes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    fn one<C>(text: &str)
    where
        C: Code
            + std::str::FromStr
            + std::fmt::Display
            + TryFrom<u32>
            + Copy
            + PartialEq
            + std::fmt::Debug,
        <C as TryFrom<u32>>::Error: std::fmt::Debug,
    {
        if let Ok(code) = text.parse::<C>() {
            let printed = code.to_string();
            assert_eq!(
                printed.parse::<C>().ok(),
                Some(code),
                "strict {text:?} prints {printed:?}"
            );
            assert_eq!(
                C::try_from(code.as_u32()).ok(),
                Some(code),
                "{text:?} as a number"
            );
            let _ = code.level();
        }
        if let Ok(n) = text.trim().parse::<u32>() {
            if let Ok(code) = C::try_from(n) {
                assert_eq!(code.as_u32(), n, "TryFrom<u32> of {n}");
            }
        }
    }
    one::<FunctionCode>(text);
    one::<EconomicCode>(text);
    if let Ok(found) = FunctionCode::parse_lenient(text) {
        let printed = found.code.to_string();
        assert_eq!(
            printed.parse::<FunctionCode>().ok(),
            Some(found.code),
            "lenient {text:?}"
        );
        assert!(found.name.as_deref() != Some(""), "an empty name is None");
    }
    if let Ok(found) = EconomicCode::parse_lenient(text) {
        let printed = found.code.to_string();
        assert_eq!(
            printed.parse::<EconomicCode>().ok(),
            Some(found.code),
            "lenient {text:?}"
        );
        assert!(found.name.as_deref() != Some(""), "an empty name is None");
    }
}

/// `Amount::parse` and `parse_with_decimals` (the first byte gives the declared decimals)
/// in every unit, and the intervals of what parses: the printed value lies in its interval.
pub fn amount(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let declared = i32::from(first as i8);
    for unit in [Unit::Yuan, Unit::TenThousandYuan, Unit::HundredMillionYuan] {
        let parsed = [
            Amount::parse(text, unit),
            Amount::parse_with_decimals(text, declared, unit),
        ];
        for amount in parsed.into_iter().flatten() {
            let _ = amount.to_string();
            let _ = amount.has_excess_digits();
            let _ = amount.half_unit();
            for rounding in [Rounding::Nearest, Rounding::Truncation] {
                if let Ok(interval) = amount.interval(rounding) {
                    let value = amount.value();
                    assert!(
                        interval.contains(value),
                        "{text:?} ({unit:?}, {rounding:?}): {value} outside {interval:?}"
                    );
                }
                let _ = amount.interval_in_yuan(rounding);
            }
        }
    }
}

/// `Catalog::from_tsv`: the input is the functional list, the economic list and the mapping
/// separated by NUL bytes; what loads answers lookups without panicking.
pub fn catalog_tsv(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let functional = parts.next().unwrap_or("");
    let economic = parts.next().unwrap_or("");
    let mapping = parts.next().unwrap_or("");
    let Ok(catalog) = Catalog::from_tsv("fuzz", functional, economic, mapping) else {
        return;
    };
    for entry in catalog.functional().iter() {
        let code = entry.code();
        assert!(catalog.functional().contains(code));
        let _ = catalog.functional().path(code);
        let _ = catalog.functional().children(Some(code)).count();
        let _ = catalog.resolve_path(entry.name());
    }
    for entry in catalog.economic().iter() {
        let _ = catalog.economic().path(entry.code());
    }
    let _ = catalog.mapping().pairs().count();
    if let Ok(edition) = Catalog::edition(2024) {
        let _ = catalog.diff(edition);
        let _ = edition.diff(&catalog);
    }
}

/// The text readers (tab-separated text and `pdftotext -layout` text) through
/// `ingest::ingest`: a document or a clear error, and well-formed problems.
pub fn text(data: &[u8]) {
    ingest_as(Format::Text, data);
}

/// The pdfplumber JSON reader through `ingest::ingest`.
pub fn plumber_json(data: &[u8]) {
    ingest_as(Format::PdfplumberJson, data);
}

/// `ingest::ingest` on UTF-8 input of the given format (other inputs are left to the
/// other target).
fn ingest_as(format: Format, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if ingest::detect(text) != format {
        return;
    }
    if let Ok(ingested) = ingest::ingest(text) {
        check_problems(&ingested.problems);
    }
}

/// The PDF reader (`ingest::pdf::read`) and the table reader on its pages
/// (`ingest::ingest_bytes`).
pub fn pdf(data: &[u8]) {
    match ingest::pdf::read(data) {
        Ok(read) => {
            for page in &read.pages {
                for line in &page.lines {
                    let _ = line.text();
                }
            }
            if let Ok(ingested) = ingest::ingest_bytes(data) {
                check_problems(&ingested.problems);
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// The document-directory loader (`DocumentFiles::parse`): the first byte picks which file
/// of the embedded document the rest replaces (meta, table01–09, claims, names); what
/// parses is audited.
pub fn document_files(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut files = DocumentFiles::embedded();
    let slot = match first % 12 {
        0 => &mut files.meta,
        1 => &mut files.table01,
        2 => &mut files.table02,
        3 => &mut files.table03,
        4 => &mut files.table04,
        5 => &mut files.table05,
        6 => &mut files.table06,
        7 => &mut files.table07,
        8 => &mut files.table08,
        9 => &mut files.table09,
        10 => &mut files.claims,
        _ => &mut files.names,
    };
    *slot = Some(text.to_owned());
    if let Ok(doc) = files.parse() {
        check_report(&doc, &[]);
    }
}

/// The whole path: bytes → `ingest::ingest_bytes` → `audit::audit` → report, JSON report.
pub fn audit(data: &[u8]) {
    if let Ok(ingested) = ingest::ingest_bytes(data) {
        check_problems(&ingested.problems);
        check_report(&ingested.document, &ingested.problems);
    }
}

/// Extraction problems are `ingest.*` findings with a message.
fn check_problems(problems: &[Finding]) {
    for p in problems {
        assert!(
            p.rule.as_str().starts_with("ingest."),
            "problem with rule {:?}",
            p.rule
        );
        assert!(
            !p.message().trim().is_empty(),
            "problem {} without a message",
            p.rule
        );
    }
}

/// Audits a document: every finding names a rule of `RULES` (or is the rounding summary)
/// and its message names it; the report prints, and its JSON reads back as the same report.
fn check_report(doc: &Document, problems: &[Finding]) {
    let mut report = run_audit(doc, &AuditOptions::default());
    for f in &report.findings {
        // The per-table summary of differences within rounding is the one finding that is
        // not a rule (tests/audit_seed.rs states the same).
        let known = f.rule.as_str() == "rounding.summary" || RULES.iter().any(|r| r.id == f.rule);
        assert!(known, "finding with unknown rule {:?}", f.rule);
        let named = format!("[{}]", f.rule);
        assert!(
            f.message().contains(&named),
            "message of {} does not name it: {:?}",
            f.rule,
            f.message()
        );
    }
    report.merge(problems.iter().cloned());
    let _ = report.document.headline();
    let _ = report.to_text();
    let json = serde_json::to_string(&report).expect("the report serializes");
    let back: Report = serde_json::from_str(&json).expect("the JSON report parses back");
    assert_eq!(
        back, report,
        "the JSON report reads back as the same report"
    );
}
