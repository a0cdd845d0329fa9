//! Findings: what a check found, with its evidence — the one data type that ingest (problems
//! reading a document: `ingest.*` rules) and the audit (contradictions, rounding summaries)
//! both report, so that reading a document does not depend on auditing it. Re-exported as
//! [`crate::audit::Finding`] and [`crate::audit::Severity`].
//!
//! ```
//! use cn_budget::finding::{Finding, Severity};
//! let report = cn_budget::audit::audit(cn_budget::disclosure::Document::embedded()?, &Default::default());
//! let first: &Finding = &report.findings[0];
//! assert_eq!(first.severity, Severity::Error);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod rule;

pub use rule::{Rule, RuleInfo, UnknownRule, RULES};

use crate::check::{Blocker, Comparison, Verdict};
use crate::disclosure::TableId;
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

/// One finding of an audit, with its evidence.
///
/// Amount fields are exact decimals in the document's unit (percentages for rate rules);
/// they are `None` where the finding is not a comparison of two numbers.
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, Rule, Severity};
/// use rust_decimal_macros::dec;
/// let report = audit(cn_budget::disclosure::Document::embedded()?, &AuditOptions::default());
/// // 公开02表 prints 21011 as 197.78, but its listed 项 rows add up to 140.62.
/// let f = report.findings.iter().find(|f| f.code.as_deref() == Some("21011")).unwrap();
/// assert_eq!((f.rule.as_str(), f.severity), ("t02.hierarchy", Severity::Error));
/// assert_eq!(f.table.as_deref(), Some("公开02表"));
/// assert_eq!(f.name.as_deref(), Some("行政事业单位医疗"));
/// assert_eq!(f.column.as_deref(), Some("本年收入合计"));
/// assert_eq!((f.reported, f.expected), (Some(dec!(197.78)), Some(dec!(140.62))));
/// assert_eq!((f.difference, f.tolerance), (Some(dec!(57.16)), Some(dec!(0.02))));
/// assert!(f.message.starts_with("[t02.hierarchy] 公开02表 21011 行政事业单位医疗"));
/// // A warning that is not a comparison carries no amounts.
/// let w = report.findings.iter().find(|f| f.rule == Rule::CrossT02T03Rows).unwrap();
/// assert_eq!((w.severity, w.reported), (Severity::Warning, None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Finding {
    /// The rule (its stable id: see [`RULES`]).
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// The table (公开01表 …), or `None` for the narrative.
    pub table: Option<String>,
    /// The row code or label (`2010601`, `合计`); for a narrative claim, the code of the 类
    /// or 项 it is about (the claim's id, section and quote are in the message), for a name
    /// path its id (`n031`).
    pub code: Option<String>,
    /// The row's printed name, or what a narrative claim is about (行政运行, 机关运行经费 …).
    pub name: Option<String>,
    /// The column heading.
    pub column: Option<String>,
    /// The reported value.
    pub reported: Option<Decimal>,
    /// The value expected from the other figures.
    pub expected: Option<Decimal>,
    /// `reported − expected`.
    pub difference: Option<Decimal>,
    /// The largest difference rounding can explain.
    pub tolerance: Option<Decimal>,
    /// What was found, in Chinese, naming the rule id.
    pub message: String,
    /// The table as the document names it, with the canonical label
    /// (「表7 一般公共预算财政拨款“三公”经费支出决算表（公开09表）」), when the document does not
    /// print the canonical label (`table` keeps it); `None` otherwise.
    #[cfg_attr(feature = "serde", serde(default))]
    pub table_name: Option<String>,
    /// The page the finding is about, from 1, when the input had pages: the page its table
    /// starts on, or the page a reading problem was met on; `None` otherwise.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub page: Option<usize>,
}

/// Where a finding is, as the rules build it: a table (by its id) and a row or code and a
/// column in it, or a narrative claim or name path (no table).
#[derive(Clone, Debug, Default)]
pub(crate) struct Place {
    pub table: Option<TableRef>,
    pub code: Option<String>,
    pub name: Option<String>,
    pub column: Option<String>,
    /// The narrative claim a finding is about: its id, section and quote (「…」).
    pub claim: Option<String>,
}

/// The table a finding is about: one of the nine tables of a 决算 by its id, or a table of a
/// 部门预算 by its title as printed (the budget templates number and name their tables in
/// many ways; the printed title is what a reader finds on the page).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TableRef {
    Disclosure(TableId),
    Budget(String),
}

impl TableRef {
    pub fn label(&self) -> &str {
        match self {
            TableRef::Disclosure(id) => id.label(),
            TableRef::Budget(title) => title,
        }
    }
}

impl From<TableId> for TableRef {
    fn from(id: TableId) -> TableRef {
        TableRef::Disclosure(id)
    }
}

impl Place {
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match &self.table {
            Some(t) => parts.push(t.label().to_owned()),
            None => parts.push("情况说明".into()),
        }
        let name = self.name.as_ref().filter(|n| !n.is_empty());
        match (&self.code, name) {
            (Some(c), Some(n)) => parts.push(format!("{c} {n}")),
            (Some(c), None) => parts.push(c.clone()),
            (None, Some(n)) => parts.push(n.clone()),
            (None, None) => {}
        }
        if let Some(c) = &self.claim {
            parts.push(c.clone());
        }
        if let Some(c) = self.column.as_ref().filter(|c| !c.is_empty()) {
            parts.push(format!("[{c}]"));
        }
        parts.retain(|p| !p.trim().is_empty());
        parts.join(" ")
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
        let relation = match c.relation {
            crate::check::Relation::Equal => "应等于",
            crate::check::Relation::LessOrEqual => "应不大于",
        };
        let tolerance_text = if c.terms == 0 {
            "对方为空白，按 0 计".to_owned()
        } else if c.tolerance.is_zero() {
            "同一数值两处列示须完全一致".to_owned()
        } else {
            format!(
                "舍入容差 {}（{} 项）",
                c.tolerance.round_dp(4).normalize(),
                c.terms
            )
        };
        let mut message = format!(
            "[{rule}] {}：列示 {}，{relation}{basis}（{}），差额 {}，{tolerance_text}。",
            place.describe(),
            c.reported.normalize(),
            c.computed.normalize(),
            c.difference.normalize(),
        );
        if let Some(h) = hint {
            message.push_str(&h);
        }
        Finding {
            rule,
            severity,
            table: place.table.as_ref().map(|t| t.label().to_owned()),
            code: place.code,
            name: place.name,
            column: place.column,
            reported: Some(c.reported),
            expected: Some(c.computed),
            difference: Some(c.difference.normalize()),
            tolerance: Some(c.tolerance),
            message,
            table_name: None,
            page: None,
        }
    }

    /// The finding, about this page.
    pub(crate) fn on_page(mut self, page: usize) -> Finding {
        if page > 0 {
            self.page = Some(page);
        }
        self
    }

    pub(crate) fn warning(rule: Rule, place: Place, text: String) -> Finding {
        Finding::text(rule, Severity::Warning, place, text)
    }

    pub(crate) fn error(rule: Rule, place: Place, text: String) -> Finding {
        Finding::text(rule, Severity::Error, place, text)
    }

    fn text(rule: Rule, severity: Severity, place: Place, text: String) -> Finding {
        Finding {
            message: format!("[{rule}] {}：{text}", place.describe()),
            rule,
            severity,
            table: place.table.as_ref().map(|t| t.label().to_owned()),
            code: place.code,
            name: place.name,
            column: place.column,
            reported: None,
            expected: None,
            difference: None,
            tolerance: None,
            table_name: None,
            page: None,
        }
    }

    /// A finding about the whole document (its template, its tables), placed nowhere in it.
    pub(crate) fn about_document(rule: Rule, severity: Severity, text: String) -> Finding {
        let message = format!("[{rule}] 全文：{text}");
        let mut f = Finding::text(rule, severity, Place::default(), String::new());
        f.message = message;
        f
    }

    /// Names the finding's table as the document does: a finding about table `id` (its
    /// canonical label) gets `reference` (「表7 …（公开09表）」) as its `table_name` and in
    /// its message, in place of the canonical label.
    pub(crate) fn name_table(&mut self, id: &str, reference: &str, page: usize) {
        if self.table.as_deref() != Some(id) {
            return;
        }
        if page > 0 {
            self.page = self.page.or(Some(page));
        }
        if self.table_name.is_some() {
            return;
        }
        let prefix = format!("[{}] {id}", self.rule);
        if let Some(rest) = self.message.strip_prefix(&prefix) {
            if rest.starts_with(['：', ' ']) {
                self.message = format!("[{}] {reference}{rest}", self.rule);
            }
        }
        self.table_name = Some(reference.to_owned());
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
