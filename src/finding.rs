//! Findings: what a check found, with its evidence — the one data type that ingest (problems
//! reading a document: `ingest.*` rules) and the audit (contradictions, rounding summaries)
//! both report, so that reading a document does not depend on auditing it. Re-exported as
//! [`crate::audit::Finding`] and [`crate::audit::Severity`].
//!
//! A [`Finding`] is its [`Rule`], [`Severity`], [`Place`] and [`Evidence`]; its message is
//! its `Display`, rendered from them. With the `serde` feature it reads and writes one flat
//! JSON record (the keys of `--json` and `findings.jsonl`, see the README), which an earlier
//! version's records still read as.
//!
//! ```
//! use cn_budget::finding::{Finding, Severity};
//! let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
//! let first: &Finding = &report.findings[0];
//! assert_eq!(first.severity, Severity::Error);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod evidence;
mod place;
#[cfg(feature = "serde")]
mod record;
mod rule;

pub use evidence::Evidence;
pub use place::{Place, Scope, TableRef};
pub use rule::{Rule, RuleInfo, UnknownRule, RULES};

use crate::check::{Blocker, Comparison, Verdict};
use rust_decimal::Decimal;
use std::fmt;

/// How serious a finding is.
///
/// ```
/// use cn_budget::audit::Severity;
/// assert_eq!(Severity::Error.label(), "错误");
/// assert!(Severity::Error < Severity::Warning);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Severity {
    /// A contradiction that rounding cannot explain.
    Error,
    /// A name, level, format or structure problem, or a check that could not be made.
    Warning,
    /// Differences within rounding (尾差), summarised per table.
    Info,
}

impl Severity {
    /// 错误, 警告 or 提示.
    pub const fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One finding of an audit: its rule, how serious it is, where it is and what it rests on.
///
/// Its message (`Display`, or [`Finding::message`]) is rendered from these: the rule id in
/// brackets, the place, then the evidence, in Chinese. The accessors give the flat view
/// (table label, code, amounts) without matching on [`Place`] and [`Evidence`]; amounts are
/// exact decimals in the document's unit (percentages for rate rules), `None` where the
/// finding is not a comparison of two numbers.
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, Rule, Severity};
/// use rust_decimal_macros::dec;
/// let report = audit(cn_budget::disclosure::Document::embedded()?, &AuditOptions::default());
/// // 公开02表 prints 21011 as 197.78, but its listed 项 rows add up to 140.62.
/// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
/// assert_eq!((f.rule.as_str(), f.severity), ("t02.hierarchy", Severity::Error));
/// assert_eq!(f.table(), Some("公开02表"));
/// assert_eq!(f.name(), Some("行政事业单位医疗"));
/// assert_eq!(f.column(), Some("本年收入合计"));
/// assert_eq!((f.reported(), f.expected()), (Some(dec!(197.78)), Some(dec!(140.62))));
/// assert_eq!((f.difference(), f.tolerance()), (Some(dec!(57.16)), Some(dec!(0.02))));
/// assert!(f.to_string().starts_with("[t02.hierarchy] 公开02表 21011 行政事业单位医疗"));
/// assert_eq!(f.message(), f.to_string());
/// // A warning that is not a comparison carries no amounts.
/// let w = report.findings.iter().find(|f| f.rule == Rule::CrossT02T03Rows).unwrap();
/// assert_eq!((w.severity, w.reported()), (Severity::Warning, None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(from = "record::Record", into = "record::Record")
)]
#[non_exhaustive]
pub struct Finding {
    /// The rule (its stable id: see [`RULES`]).
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// Where it is.
    pub place: Place,
    /// What it rests on.
    pub evidence: Evidence,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.evidence {
            Evidence::Recorded { message, .. } => f.write_str(message),
            evidence => write!(f, "[{}] {}：{evidence}", self.rule, self.place),
        }
    }
}

/// The flat view of a finding, for readers that do not match on [`Place`] and [`Evidence`].
impl Finding {
    /// The table's label (公开02表, or a budget table's printed title), or `None` for the
    /// narrative and the whole document.
    ///
    /// ```
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
    /// assert_eq!(f.table(), Some("公开02表"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self) -> Option<&str> {
        self.place.table_label()
    }

    /// The table as the document names it, when the document does not print the canonical
    /// label ([`Place::table_name`]).
    ///
    /// ```
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// // The embedded document prints the canonical labels 公开01表 … 公开09表.
    /// assert!(report.findings.iter().all(|f| f.table_name().is_none()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table_name(&self) -> Option<&str> {
        self.place.table_name.as_deref()
    }

    /// The row code or label ([`Place::code`]).
    ///
    /// ```
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// assert!(report.findings.iter().any(|f| f.code() == Some("21011")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> Option<&str> {
        self.place.code.as_deref()
    }

    /// The row's printed name, or what a narrative claim is about ([`Place::name`]).
    ///
    /// ```
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
    /// assert_eq!(f.name(), Some("行政事业单位医疗"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.place.name.as_deref()
    }

    /// The column heading ([`Place::column`]).
    ///
    /// ```
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
    /// assert_eq!(f.column(), Some("本年收入合计"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn column(&self) -> Option<&str> {
        self.place.column.as_deref()
    }

    /// The page the finding is about, from 1, when the input had pages ([`Place::page`]).
    ///
    /// ```
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// // The embedded document is a directory of tables, without pages.
    /// assert!(report.findings.iter().all(|f| f.page().is_none()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn page(&self) -> Option<usize> {
        self.place.page
    }

    /// The reported value, for a comparison.
    ///
    /// ```
    /// # use rust_decimal_macros::dec;
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
    /// assert_eq!(f.reported(), Some(dec!(197.78)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reported(&self) -> Option<Decimal> {
        self.amounts()[0]
    }

    /// The value expected from the other figures, for a comparison.
    ///
    /// ```
    /// # use rust_decimal_macros::dec;
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
    /// assert_eq!(f.expected(), Some(dec!(140.62)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expected(&self) -> Option<Decimal> {
        self.amounts()[1]
    }

    /// `reported − expected`, for a comparison, without trailing zeros.
    ///
    /// ```
    /// # use rust_decimal_macros::dec;
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
    /// assert_eq!(f.difference().map(|d| d.to_string()).as_deref(), Some("57.16"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn difference(&self) -> Option<Decimal> {
        self.amounts()[2]
    }

    /// The largest difference rounding can explain, for a comparison.
    ///
    /// ```
    /// # use rust_decimal_macros::dec;
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
    /// assert_eq!(f.tolerance(), Some(dec!(0.02)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tolerance(&self) -> Option<Decimal> {
        self.amounts()[3]
    }

    /// Reported, expected, difference (without trailing zeros) and tolerance.
    fn amounts(&self) -> [Option<Decimal>; 4] {
        match &self.evidence {
            Evidence::Comparison { comparison: c, .. } => [
                Some(c.reported),
                Some(c.computed),
                Some(c.difference.normalize()),
                Some(c.tolerance),
            ],
            Evidence::Recorded {
                reported,
                expected,
                difference,
                tolerance,
                ..
            } => [*reported, *expected, *difference, *tolerance],
            Evidence::Statement(_) => [None; 4],
        }
    }

    /// What was found, in Chinese, naming the rule id: the `Display` of the finding.
    ///
    /// ```
    /// # let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
    /// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
    /// assert!(f.message().starts_with("[t02.hierarchy] 公开02表 21011 行政事业单位医疗 [本年收入合计]：列示 197.78"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl Finding {
    pub(crate) fn from_comparison(
        rule: Rule,
        place: Place,
        c: &Comparison,
        basis: &str,
        hint: Option<String>,
    ) -> Finding {
        let severity = match c.verdict {
            Verdict::Inconsistent => Severity::Error,
            Verdict::Exact | Verdict::WithinRounding => Severity::Info,
        };
        Finding {
            rule,
            severity,
            place,
            evidence: Evidence::Comparison {
                comparison: c.clone(),
                basis: basis.to_owned(),
                hint,
            },
        }
    }

    /// The finding, about this page.
    pub(crate) fn on_page(mut self, page: usize) -> Finding {
        if page > 0 {
            self.place.page = Some(page);
        }
        self
    }

    pub(crate) fn warning(rule: Rule, place: Place, text: String) -> Finding {
        Finding::text(rule, Severity::Warning, place, text)
    }

    pub(crate) fn error(rule: Rule, place: Place, text: String) -> Finding {
        Finding::text(rule, Severity::Error, place, text)
    }

    pub(crate) fn text(rule: Rule, severity: Severity, place: Place, text: String) -> Finding {
        Finding {
            rule,
            severity,
            place,
            evidence: Evidence::Statement(text),
        }
    }

    /// A finding about the whole document (its template, its tables), placed nowhere in it.
    pub(crate) fn about_document(rule: Rule, severity: Severity, text: String) -> Finding {
        let place = Place {
            scope: Scope::Document,
            ..Place::default()
        };
        Finding::text(rule, severity, place, text)
    }

    /// Names the finding's table as the document does: a finding about table `id` (its
    /// canonical label) gets `reference` (「表7 …（公开09表）」) as its `table_name`, which its
    /// message prints in place of the canonical label, and the table's page if it has none.
    pub(crate) fn name_table(&mut self, id: &str, reference: &str, page: usize) {
        if self.table() != Some(id) {
            return;
        }
        if page > 0 {
            self.place.page = self.place.page.or(Some(page));
        }
        if self.place.table_name.is_none() {
            self.place.table_name = Some(reference.to_owned());
        }
    }

    pub(crate) fn blocked(rule: Rule, place: Place, blocker: &Blocker) -> Finding {
        let text = match blocker {
            Blocker::ExcessDigits { value, decimals } => {
                format!("数值 {value} 的小数位多于声明的 {decimals} 位，相关校验未执行")
            }
            Blocker::DuplicateRow { code, count } => {
                format!("科目 {code} 重复列示 {count} 行，相关校验未执行")
            }
            Blocker::MissingParentRow { code, parent } => {
                format!("科目 {code} 的上级科目 {parent} 未列示，上级汇总校验未执行")
            }
            Blocker::Amount(error) => format!("数值无法参与计算（{error}），相关校验未执行"),
            _ => "数值溢出，校验未执行".to_owned(),
        };
        Finding::warning(rule, place, text)
    }
}
