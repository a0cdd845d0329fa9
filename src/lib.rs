//! # cn-budget
//!
//! China classifies every yuan of public spending twice: by **function** (支出功能分类:
//! 类 → 款 → 项, codes of 3, 5 and 7 digits) and by **economic nature** (支出经济分类:
//! 部门预算 codes 301 … 399 and 政府预算 codes 501 … 599). This crate models both
//! classifications, ships cited catalogs of the 2024 and 2025 editions of
//! 《政府收支分类科目》, rolls item amounts up exactly, and checks published tables with a
//! rounding model that tells honest 0.01 differences from real errors.
//!
//! ```
//! use cn_budget::{Amount, Catalog, FunctionCode, Rounding, Unit};
//! use cn_budget::check::{compare_sum, Verdict};
//!
//! // Codes are typed and validated; names come from the edition's catalog.
//! let code: FunctionCode = "2010601".parse()?;
//! let catalog = Catalog::edition(2024)?;
//! assert_eq!(catalog.functional().name(code), Some("行政运行"));
//!
//! // Printed figures stand for intervals: 4,789.78 vs 4,789.79 over four rows is rounding,
//! let p = |s| Amount::parse(s, Unit::TenThousandYuan);
//! let parts = [p("3613.82")?, p("564.22")?, p("202.87")?, p("408.88")?];
//! let ok = compare_sum(&p("4789.78")?, parts.iter().map(|a| (1, a)), Rounding::Nearest)?;
//! assert_eq!(ok.verdict, Verdict::WithinRounding);
//! // but a 款 of 5.08 whose only 项 prints 5.09 is a real error.
//! let bad = compare_sum(&p("5.08")?, [(1, &p("5.09")?)], Rounding::Nearest)?;
//! assert_eq!(bad.verdict, Verdict::Inconsistent);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Overview
//!
//! - **Codes** ([`codes`]): [`FunctionCode`] and [`EconomicCode`] are validated, `Copy`,
//!   ordered like their text, and round-trip through `FromStr`/`Display` on the plain digits.
//!   [`FunctionCode::parse_lenient`] reads text as PDF extractors produce it (full-width
//!   digits, `201 06 01`, a name after the code). [`FunctionClass`],
//!   [`DepartmentEconomicClass`] and [`GovernmentEconomicClass`] name every 类.
//! - **Catalogs** ([`catalog`]): [`Catalog::edition`] gives an embedded edition: names,
//!   parents, children, name paths such as `一般公共服务支出（类）财政事务（款）行政运行（项）`,
//!   the 部门 → 政府 economic correspondence (which depends on the unit type) and the
//!   difference between editions. [`Catalog::from_tsv`] loads any edition in the same format.
//! - **Amounts** ([`amount`]): [`Amount`] is an exact `rust_decimal::Decimal` with its unit
//!   (元/万元/亿元) and printed precision; [`Amount::interval`] is the set of true values it
//!   stands for. There is no `f64` anywhere.
//! - **Trees** ([`tree`]): [`tree::Tree::rollup`] sums item rows up to 款, 类 and the total in
//!   one pass with exact fixed-point arithmetic; [`tree::Crosstab`] cross-tabulates
//!   functional × economic codes.
//! - **Line items** (`lineitems`, features `csv`, `arrow`, `parquet`): 预算管理一体化 line
//!   items from CSV (streamed in constant memory), Arrow record batches and Parquet files,
//!   every cell checked, rolled up exactly into mergeable totals that travel as JSON or
//!   Arrow IPC.
//! - **Checks** ([`check`]): sums, equalities and inequalities on intervals, and
//!   [`check::Table`], a reported table that checks parent = Σ children per column and row
//!   identities between columns. Each [`check::CheckResult`] carries the rule id, the place,
//!   both values with their intervals, the difference, the tolerance, the number of terms and
//!   a [`check::Verdict`]: `Exact`, `WithinRounding` or `Inconsistent`.
//!
//! - **Disclosures** ([`disclosure`]): the nine tables (公开01表 … 公开09表), the narrative's
//!   numeric claims and its 「X（类）Y（款）Z（项）」 name paths as a typed [`disclosure::Document`],
//!   loaded from a directory of TSV files or JSON; [`disclosure::Document::embedded`] is
//!   武汉市洪山区财政局 2024 年度部门决算, transcribed exactly as published.
//! - **Ingest** ([`ingest`]): reads real disclosures from PDF-extracted text or pdfplumber
//!   JSON into a [`disclosure::Document`]: finds the nine tables by title and alias in any
//!   order, merges continuation pages, re-joins split codes, resolves truncated ones with the
//!   catalog, extracts the narrative's claims and name paths, and reports a table it cannot
//!   read reliably once (`ingest.table`) instead of a cascade of false errors. A 部门预算
//!   is read by the same reader into the same document ([`disclosure::BudgetTableId`],
//!   [`disclosure::Document::budget`]) and audited with its own identities.
//! - **Audit** ([`audit`]): every identity of a document as a rule with a stable id
//!   ([`audit::RULES`]); [`audit::audit`] returns a [`audit::Report`] of findings (error,
//!   warning, or one rounding summary per table) in Chinese, with the evidence;
//!   [`audit::batch`] audits a directory of documents in parallel (summary, CSV, JSON lines)
//!   and [`audit::html`] renders each report as a self-contained page with the cells marked.
//!
//! ```
//! use cn_budget::audit::{audit, AuditOptions, Severity};
//! let report = audit(cn_budget::disclosure::Document::embedded()?, &AuditOptions::default());
//! let first = report.findings.iter().find(|f| f.severity == Severity::Error).unwrap();
//! assert_eq!(first.rule.as_str(), "t02.hierarchy");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Rounding model
//!
//! A figure printed with `d` decimals under round-to-nearest (四舍五入) stands for the closed
//! interval `[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]`; under truncation, `[v, v + 10⁻ᵈ)` for `v > 0`. A total
//! is consistent with its parts iff the total's interval intersects the sum of the parts'
//! intervals (XBRL Calculations 1.1 as implemented by Arelle; the EBA interval rule). At
//! 0.01 万元 with `n` parts this is `|total − Σ parts| ≤ (n + 1) · 0.005`: the tolerance
//! grows with the number of terms and the printed precision, never with the size of the
//! amounts.
//!
//! Two figures of the same precision and unit that stand for one quantity (a parent with a
//! single child, the same total printed in two tables) must be identical. Blank cells follow the
//! XBRL binding rule: a sum is checked only when its total and at least one part are
//! printed, and a blank part then adds nothing. Figures with digits beyond their declared precision, duplicated rows and rows
//! whose parent is missing block the checks that depend on them instead of producing a
//! cascade of errors.
//!
//! ## Crate features
//!
//! - **serde** (on by default): `Serialize`/`Deserialize` for codes (as code strings),
//!   amounts (decimal strings), intervals, check results, documents and audit reports (the
//!   audit example's `--json` output). Turn it off with `default-features = false`.
//! - **csv** (on by default): `lineitems::csv`, line items from CSV text in batches.
//! - **arrow** (off by default): `lineitems::arrow`, line items from Arrow record batches,
//!   results as record batches and totals as Arrow IPC (arrow-array, arrow-schema, arrow-ipc).
//! - **parquet** (off by default, implies `arrow`): `lineitems::parquet`, line items from
//!   Parquet files (uncompressed or Snappy).
//! - **proptest** (off by default): the `strategies` module, proptest strategies for codes and
//!   honestly rounded tables, for property tests in dependent crates.
//!
//! ## Guides
//!
//! Task-oriented pages beside this tour, each with runnable examples ([`guide`]):
//! [audit a PDF](guide::audit_a_pdf), [roll up a file of line items](guide::roll_up_line_items),
//! [add a cross-table rule](guide::add_a_cross_table_rule) and
//! [load an official edition from a spreadsheet](guide::load_an_edition).
//!
//! ## Data editions
//!
//! The catalogs are compiled in from `data/` (see `data/README.md` in the repository for the
//! sources, counts per level and the list of uncertain entries): the editions listed in
//! [`Catalog::EDITIONS`] (2024 and 2025) of the functional classification, and the 部门/政府
//! economic classifications with their correspondence. Entries that the compilers could not
//! confirm are flagged ([`catalog::Entry::is_uncertain`]). The files are generated by
//! `data/compilation/reconcile.py`; a test regenerates them and fails on any difference.
//!
//! ## Stability
//!
//! What the crate promises to keep (changes to these are breaking and named in the release
//! notes), and what may change in any release:
//!
//! | stable | may change |
//! |---|---|
//! | [`codes`]: the code types, their parsing (strict and lenient), `Display`, ordering, serde form | how lenient parsing reads unusual extractor output (it may accept more) |
//! | [`catalog`]: the API, the TSV format (`data/README.md`), the embedded editions' codes | names and flags of uncertain entries as evidence arrives (each change recorded in `data/compilation/RECONCILIATION.md`); editions may be added |
//! | [`amount`], [`Interval`], the rounding model and its tolerance | |
//! | [`check`]: verdicts, intervals, tolerances, [`check::CheckResult`] fields | |
//! | [`tree`]: rollup results | speed and memory layout |
//! | [`disclosure`]: the document model and the TSV/JSON formats it loads | new fields on `#[non_exhaustive]` types |
//! | [`audit`]: rule ids ([`audit::RULES`]), severities, the fields of [`audit::Finding`] (`rule`, `severity`, `place`, `evidence`), [`audit::Place`] and [`audit::Evidence`] (all `#[non_exhaustive]`, so fields and variants may be added), the keys of the report's JSON (`--json`: a finding's keys only grow) | the wording of messages (Chinese text), the order of findings of equal severity, new rules |
//! | error types: their variants and fields (all `#[non_exhaustive]`, so variants may be added) | `Display` texts of errors |
//! | [`ingest`]: the entry points ([`ingest::ingest`], [`ingest::ingest_bytes`], [`ingest::split`], [`ingest::assemble`], [`ingest::pdf::read`]), the page model and [`ingest::RawDocument`] | the heuristics that find tables, columns, rows and claims: a new template or document may be read differently (better) in any release |
//!
//! Everything public is listed in these docs; what is not reachable from them (the dense key
//! layout of codes, the extractors' vocabulary of printed lines, the PDF reader's internals)
//! is private to the crate and may change at any time.
#![forbid(unsafe_code)]
#![deny(missing_docs, rustdoc::broken_intra_doc_links)]
#![warn(missing_debug_implementations)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod codes;

pub use codes::{
    Code, DepartmentEconomicClass, EconomicCode, EconomicScheme, FunctionClass, FunctionCode,
    GovernmentEconomicClass, Level,
};
pub mod amount;
pub use amount::{Amount, AmountError, Interval, Rounding, Unit};
pub mod catalog;
pub use catalog::Catalog;
pub mod audit;
pub mod check;
pub mod disclosure;
pub mod finding;
pub mod guide;
pub mod ingest;
#[cfg(any(feature = "csv", feature = "arrow"))]
pub mod lineitems;
#[cfg(feature = "serde")]
mod serde_text;
pub mod tree;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
/// Proptest strategies: valid codes and honestly rounded tables (feature `proptest`).
#[cfg(feature = "proptest")]
pub mod strategies;
