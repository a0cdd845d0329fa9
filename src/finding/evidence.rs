//! What a finding rests on: a comparison of two figures, or a statement in words.

use crate::check::{Comparison, Relation};
use rust_decimal::Decimal;
use std::fmt;

/// What a finding rests on: two figures compared (with the rule's wording of what the
/// reported figure should match), or a statement in words.
///
/// It prints (`Display`) as the part of a finding's message after its place: 「列示 197.78，
/// 应等于下级科目之和（140.62），差额 57.16，舍入容差 0.02（3 项）。」 for a comparison.
///
/// ```
/// use cn_budget::audit::{audit, AuditOptions, Rule};
/// use cn_budget::finding::Evidence;
/// let report = audit(cn_budget::disclosure::Document::embedded()?, &AuditOptions::default());
/// let f = report.findings.iter().find(|f| f.code() == Some("21011")).unwrap();
/// match &f.evidence {
///     Evidence::Comparison { comparison, basis, .. } => {
///         assert_eq!(comparison.terms, 3);
///         assert_eq!(basis, "下级科目之和");
///     }
///     other => panic!("not a comparison: {other:?}"),
/// }
/// assert!(f.evidence.to_string().starts_with("列示 197.78，应等于下级科目之和（140.62）"));
/// let w = report.findings.iter().find(|f| f.rule == Rule::CrossT02T03Rows).unwrap();
/// assert!(matches!(&w.evidence, Evidence::Statement(text) if !text.is_empty()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Evidence {
    /// A figure compared with what the other figures give.
    #[non_exhaustive]
    Comparison {
        /// Both figures, their intervals, the difference, the tolerance and the verdict.
        comparison: Comparison,
        /// What the reported figure should match, in Chinese (下级科目之和, 公开05表 合计 …).
        basis: String,
        /// A sentence after the comparison that suggests a likely cause.
        hint: Option<String>,
    },
    /// What was found, in words: a name, level, format or structure problem, a check that
    /// could not be made.
    Statement(String),
    /// A finding read back from JSON that an earlier version wrote (before findings kept
    /// their evidence): its message as rendered then, and the amounts it listed.
    #[non_exhaustive]
    Recorded {
        /// The message, naming the rule and the place.
        message: String,
        /// The reported value.
        reported: Option<Decimal>,
        /// The value expected from the other figures.
        expected: Option<Decimal>,
        /// `reported − expected`.
        difference: Option<Decimal>,
        /// The largest difference rounding can explain.
        tolerance: Option<Decimal>,
    },
}

impl Evidence {
    /// The comparison, if the evidence is one.
    ///
    /// ```
    /// use cn_budget::finding::Evidence;
    /// assert!(Evidence::Statement("表格未能读取".into()).comparison().is_none());
    /// ```
    pub fn comparison(&self) -> Option<&Comparison> {
        match self {
            Evidence::Comparison { comparison, .. } => Some(comparison),
            _ => None,
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::Comparison {
                comparison: c,
                basis,
                hint,
            } => {
                let relation = match c.relation {
                    Relation::Equal => "应等于",
                    Relation::LessOrEqual => "应不大于",
                };
                write!(
                    f,
                    "列示 {}，{relation}{basis}（{}），差额 {}，",
                    c.reported.normalize(),
                    c.computed.normalize(),
                    c.difference.normalize(),
                )?;
                if c.terms == 0 {
                    f.write_str("对方为空白，按 0 计")?;
                } else if c.tolerance.is_zero() {
                    f.write_str("同一数值两处列示须完全一致")?;
                } else {
                    write!(
                        f,
                        "舍入容差 {}（{} 项）",
                        c.tolerance.round_dp(4).normalize(),
                        c.terms
                    )?;
                }
                f.write_str("。")?;
                f.write_str(hint.as_deref().unwrap_or(""))
            }
            Evidence::Statement(text) => f.write_str(text),
            Evidence::Recorded { message, .. } => f.write_str(message),
        }
    }
}
