//! Rounding-aware checks of reported figures.
//!
//! Every check compares a reported figure with a value computed from other reported figures,
//! on intervals (see [`crate::amount`]): the two are consistent iff their intervals intersect
//! (XBRL Calculations 1.1 as Arelle implements it; the EBA interval rule). At a common
//! precision of 0.01 that is `|reported − Σ parts| ≤ (n + 1) · 0.005`. Two refinements:
//! a figure compared with a single figure of the same precision and unit (a parent with one
//! child, the same quantity printed twice) must be identical, and an inequality `a ≤ b` holds
//! iff `lo(a) ≤ hi(b)`.
//!
//! Outcomes are data ([`CheckResult`]), never errors.
//!
//! ```
//! use cn_budget::{Amount, Unit, check::{compare_sum, Verdict}, Rounding};
//! let p = |s| Amount::parse(s, Unit::TenThousandYuan).unwrap();
//! // 合计 4,789.78 against 3,613.82 + 564.22 + 202.87 + 408.88 = 4,789.79: rounding.
//! let parts = [p("3613.82"), p("564.22"), p("202.87"), p("408.88")];
//! let result = compare_sum(&p("4789.78"), parts.iter().map(|a| (1, a)), Rounding::Nearest)?;
//! assert_eq!(result.verdict, Verdict::WithinRounding);
//! assert_eq!(result.tolerance.to_string(), "0.025");
//! // 5.08 against its only child 5.09: one quantity printed twice, so no tolerance.
//! let single = compare_sum(&p("5.08"), [(1, &p("5.09"))], Rounding::Nearest)?;
//! assert_eq!(single.verdict, Verdict::Inconsistent);
//! # Ok::<(), cn_budget::check::Blocker>(())
//! ```

mod table;

pub(crate) use table::RawResult;
pub use table::{Row, Table, TableError, TOTAL_LABEL};

use crate::{Amount, AmountError, Interval, Rounding};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt;

/// The outcome of one comparison.
///
/// ```
/// use cn_budget::check::Verdict;
/// assert!(Verdict::WithinRounding.is_consistent());
/// assert_eq!(Verdict::Inconsistent.to_string(), "不一致");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Verdict {
    /// The printed figures satisfy the rule as printed, with no rounding needed: equal for
    /// `=`, and `a ≤ b` (including `a < b`) for `≤`.
    Exact,
    /// They differ, but by no more than rounding can explain.
    WithinRounding,
    /// No set of true values consistent with the printed figures satisfies the rule.
    Inconsistent,
}

impl Verdict {
    /// Whether the rule can hold (exactly or within rounding).
    ///
    /// ```
    /// use cn_budget::check::Verdict;
    /// assert!(Verdict::Exact.is_consistent());
    /// assert!(!Verdict::Inconsistent.is_consistent());
    /// ```
    pub fn is_consistent(self) -> bool {
        !matches!(self, Verdict::Inconsistent)
    }

    /// The Chinese label: 一致, 尾差, 不一致.
    ///
    /// ```
    /// use cn_budget::check::Verdict;
    /// assert_eq!(Verdict::Exact.label(), "一致");
    /// assert_eq!(Verdict::WithinRounding.label(), "尾差");
    /// assert_eq!(Verdict::Inconsistent.to_string(), Verdict::Inconsistent.label());
    /// ```
    pub const fn label(self) -> &'static str {
        match self {
            Verdict::Exact => "一致",
            Verdict::WithinRounding => "尾差",
            Verdict::Inconsistent => "不一致",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The relation a rule asserts between the reported and the computed value.
///
/// ```
/// assert_eq!(cn_budget::check::Relation::LessOrEqual.symbol(), "≤");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Relation {
    /// reported = computed.
    Equal,
    /// reported ≤ computed.
    LessOrEqual,
}

impl Relation {
    /// The mathematical symbol.
    pub const fn symbol(self) -> &'static str {
        match self {
            Relation::Equal => "=",
            Relation::LessOrEqual => "≤",
        }
    }
}

/// The evidence behind a verdict: both values and their intervals, the difference and the
/// tolerance.
///
/// ```
/// use cn_budget::check::{compare_sum, Relation, Verdict};
/// use cn_budget::{Amount, Rounding, Unit};
/// use rust_decimal_macros::dec;
/// let p = |s| Amount::parse(s, Unit::TenThousandYuan).unwrap();
/// let c = compare_sum(&p("202.87"), [(1, &p("5.08")), (1, &p("197.78"))], Rounding::Nearest)?;
/// assert_eq!(c.relation, Relation::Equal);
/// assert_eq!((c.reported, c.computed, c.difference), (dec!(202.87), dec!(202.86), dec!(0.01)));
/// assert_eq!(c.computed_interval.to_string(), "[202.85, 202.87]");
/// assert_eq!((c.tolerance, c.terms), (dec!(0.015), 2));
/// assert_eq!(c.verdict, Verdict::WithinRounding);
/// # Ok::<(), cn_budget::check::Blocker>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Comparison {
    /// The relation checked.
    pub relation: Relation,
    /// The reported figure (in its own unit).
    pub reported: Decimal,
    /// The interval the reported figure stands for (in the reported unit).
    pub reported_interval: Interval,
    /// The value computed from the other figures (in the reported unit).
    pub computed: Decimal,
    /// The interval of the computed value (in the reported unit).
    pub computed_interval: Interval,
    /// `reported − computed`.
    pub difference: Decimal,
    /// The largest |difference| the rounding of the figures can explain: under
    /// round-to-nearest the sum of the half-widths of both intervals (`(n + 1) · ½·10⁻ᵈ` at a
    /// common precision); under truncation, whose intervals are one-sided, the larger of the
    /// two one-sided bounds; zero when the rule requires identical figures.
    pub tolerance: Decimal,
    /// How many figures the computed value sums.
    pub terms: usize,
    /// The verdict.
    pub verdict: Verdict,
}

/// Why a check could not be evaluated (a failed pre-condition). Dependent checks are skipped
/// instead of cascading.
///
/// ```
/// use cn_budget::{Amount, Unit, Rounding, check::{compare_sum, Blocker}};
/// use rust_decimal_macros::dec;
/// let bad = Amount::new(dec!(1.234), 2, Unit::Yuan)?;
/// let ok = Amount::new(dec!(1.23), 2, Unit::Yuan)?;
/// let err = compare_sum(&ok, [(1, &bad)], Rounding::Nearest).unwrap_err();
/// assert!(matches!(err, Blocker::ExcessDigits { .. }));
/// # Ok::<(), cn_budget::AmountError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Blocker {
    /// A figure has digits beyond its declared precision.
    #[error("{value} has digits beyond its {decimals} declared decimals")]
    ExcessDigits {
        /// The figure.
        value: Decimal,
        /// Its declared decimals.
        decimals: i32,
    },
    /// A code appears on more than one row of a table.
    #[error("code {code} appears on {count} rows")]
    DuplicateRow {
        /// The code.
        code: String,
        /// How many rows.
        count: usize,
    },
    /// A row's parent is not in the table, so the grandparent cannot be checked.
    #[error("the parent {parent} of {code} has no row")]
    MissingParentRow {
        /// The row's code.
        code: String,
        /// The missing parent.
        parent: String,
    },
    /// Interval arithmetic overflowed.
    #[error("decimal overflow")]
    Overflow,
    /// A figure could not stand for an interval for another reason than an overflow (an
    /// empty interval, a precision out of range); the amount's own error, kept whole.
    #[error("{0}")]
    Amount(AmountError),
}

/// An overflow of the amounts' arithmetic is [`Blocker::Overflow`], like the checks' own;
/// any other amount error is kept as it is in [`Blocker::Amount`].
///
/// ```
/// use cn_budget::check::Blocker;
/// use cn_budget::AmountError;
/// assert_eq!(Blocker::from(AmountError::Overflow), Blocker::Overflow);
/// let empty = AmountError::DecimalsOutOfRange { decimals: 40 };
/// assert_eq!(Blocker::from(empty.clone()), Blocker::Amount(empty));
/// ```
impl From<AmountError> for Blocker {
    fn from(e: AmountError) -> Blocker {
        match e {
            AmountError::Overflow => Blocker::Overflow,
            other => Blocker::Amount(other),
        }
    }
}

/// Where a result applies: table, row code and column, as far as known.
///
/// ```
/// use cn_budget::check::{Location, Table};
/// use cn_budget::{Amount, FunctionCode, Rounding, Unit};
/// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
/// let mut t: Table<FunctionCode> = Table::new("公开02表", ["本年支出合计"]);
/// t.push("210".parse()?, None, vec![a("5.08")])?;
/// t.push("21007".parse()?, None, vec![a("5.08")])?;
/// t.push("2100799".parse()?, None, vec![a("5.09")])?;
/// let results = t.check_hierarchy(Rounding::Nearest);
/// let bad = results.iter().find(|r| r.verdict().is_some_and(|v| !v.is_consistent())).unwrap();
/// assert_eq!(
///     bad.location,
///     Location {
///         table: Some("公开02表".into()),
///         code: Some("21007".into()),
///         column: Some("本年支出合计".into()),
///     }
/// );
/// assert_eq!(Location::default().table, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Location {
    /// The table, e.g. `公开02表`.
    pub table: Option<String>,
    /// The row's code (or a row label such as `合计`).
    pub code: Option<String>,
    /// The column heading.
    pub column: Option<String>,
}

/// What a check found.
///
/// ```
/// use cn_budget::check::{Blocker, Outcome, Table, Verdict};
/// use cn_budget::{Amount, FunctionCode, Rounding, Unit};
/// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
/// let mut t: Table<FunctionCode> = Table::new("公开02表", ["本年支出合计"]);
/// t.push("210".parse()?, None, vec![a("197.78")])?;
/// t.push("21011".parse()?, None, vec![a("197.78")])?;
/// t.push("2101101".parse()?, None, vec![a("98.89")])?;
/// t.push("2101101".parse()?, None, vec![a("98.89")])?; // printed twice
/// let results = t.check_hierarchy(Rounding::Nearest);
/// // The 类 is compared with its 款; the 款 is not summed over the duplicated rows.
/// assert_eq!(results.len(), 2);
/// assert!(matches!(
///     &results[0].outcome,
///     Outcome::Blocked(Blocker::DuplicateRow { count: 2, .. })
/// ));
/// assert!(matches!(&results[1].outcome, Outcome::Compared(c) if c.verdict == Verdict::Exact));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Outcome {
    /// The rule was evaluated.
    Compared(Comparison),
    /// A pre-condition failed; the rule (and those depending on the same figures) was not
    /// evaluated.
    Blocked(Blocker),
}

/// One result of one rule at one place.
///
/// ```
/// use cn_budget::check::{CheckResult, Location, Outcome, Blocker};
/// let r = CheckResult {
///     rule: "hierarchy.children".into(),
///     location: Location { table: Some("公开02表".into()), code: Some("21011".into()), column: None },
///     outcome: Outcome::Blocked(Blocker::Overflow),
/// };
/// assert!(r.verdict().is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CheckResult {
    /// The stable id of the rule, e.g. `hierarchy.children`.
    pub rule: Cow<'static, str>,
    /// Where it applies.
    pub location: Location,
    /// What was found.
    pub outcome: Outcome,
}

impl CheckResult {
    /// The verdict, if the rule was evaluated.
    pub fn verdict(&self) -> Option<Verdict> {
        match &self.outcome {
            Outcome::Compared(c) => Some(c.verdict),
            Outcome::Blocked(_) => None,
        }
    }

    /// The comparison, if the rule was evaluated.
    ///
    /// ```
    /// use cn_budget::check::{Table, Verdict};
    /// use cn_budget::{Amount, FunctionCode, Rounding, Unit};
    /// use rust_decimal_macros::dec;
    /// let a = |s: &str| Some(Amount::parse(s, Unit::TenThousandYuan).unwrap());
    /// let mut t: Table<FunctionCode> = Table::new("公开02表", ["本年支出合计"]);
    /// t.push("21007".parse()?, None, vec![a("5.08")])?;
    /// t.push("2100799".parse()?, None, vec![a("5.09")])?;
    /// let results = t.check_hierarchy(Rounding::Nearest);
    /// // No 类 row: a pre-condition result without a comparison comes first.
    /// assert_eq!(results[0].rule, "structure.missing_parent");
    /// assert!(results[0].comparison().is_none());
    /// let c = results[1].comparison().unwrap();
    /// assert_eq!((c.reported, c.computed, c.difference), (dec!(5.08), dec!(5.09), dec!(-0.01)));
    /// assert_eq!(c.verdict, Verdict::Inconsistent);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn comparison(&self) -> Option<&Comparison> {
        match &self.outcome {
            Outcome::Compared(c) => Some(c),
            Outcome::Blocked(_) => None,
        }
    }
}

/// The interval of `amount` expressed in `unit`.
fn interval_in(
    amount: &Amount,
    unit: crate::Unit,
    rounding: Rounding,
) -> Result<Interval, Blocker> {
    if amount.has_excess_digits() {
        return Err(Blocker::ExcessDigits {
            value: amount.value(),
            decimals: amount.decimals(),
        });
    }
    let interval = amount.interval(rounding)?;
    if amount.unit() == unit {
        return Ok(interval);
    }
    Ok(interval.checked_mul(amount.unit().in_yuan() / unit.in_yuan())?)
}

fn value_in(amount: &Amount, unit: crate::Unit) -> Result<Decimal, Blocker> {
    if amount.unit() == unit {
        return Ok(amount.value());
    }
    amount
        .value()
        .checked_mul(amount.unit().in_yuan() / unit.in_yuan())
        .ok_or(Blocker::Overflow)
}

/// The largest |reported − computed| that the two intervals can explain.
///
/// The intervals intersect iff `−(a₂ + b₁) ≤ reported − computed ≤ a₁ + b₂`, where `a₁, a₂`
/// are the distances from the reported value down and up to its bounds and `b₁, b₂` the same
/// for the computed value. Under round-to-nearest both sides equal the sum of the half-widths;
/// under truncation the intervals are one-sided and the larger side is returned.
fn tolerance_between(
    reported: Decimal,
    ri: &Interval,
    computed: Decimal,
    ci: &Interval,
) -> Decimal {
    let (a1, a2) = (reported - ri.lo(), ri.hi() - reported);
    let (b1, b2) = (computed - ci.lo(), ci.hi() - computed);
    (a1 + b2).max(a2 + b1).normalize()
}

/// Checks `total = Σ weight · part` on intervals.
///
/// Weights are small integers (1 to add, −1 to subtract). With a single part of weight 1,
/// the same precision and the same unit, the figures stand for one quantity and must be
/// identical (tolerance 0). With no parts the computed value is exactly 0.
///
/// ```
/// use cn_budget::check::{compare_sum, Blocker, Verdict};
/// use cn_budget::{Amount, Rounding, Unit};
/// use rust_decimal_macros::dec;
/// let p = |s| Amount::parse(s, Unit::TenThousandYuan).unwrap();
/// // 本年支出 = 年初结转 + 本年收入 − 年末结转, with a weight of −1.
/// let parts = [(1, &p("12.40")), (1, &p("4789.53")), (-1, &p("12.16"))];
/// let c = compare_sum(&p("4789.78"), parts, Rounding::Nearest)?;
/// assert_eq!((c.computed, c.terms), (dec!(4789.77), 3));
/// assert_eq!(c.tolerance, dec!(0.02)); // (3 + 1) · 0.005
/// assert_eq!(c.verdict, Verdict::WithinRounding);
/// // Parts in another unit are converted: 47,895,300 元 = 4,789.53 万元.
/// let yuan = Amount::parse("47895300", Unit::Yuan).unwrap();
/// assert_eq!(compare_sum(&p("4789.53"), [(1, &yuan)], Rounding::Nearest)?.verdict, Verdict::Exact);
/// // No parts: the total must be 0.
/// assert_eq!(compare_sum(&p("0.01"), [], Rounding::Nearest)?.verdict, Verdict::Inconsistent);
/// # Ok::<(), Blocker>(())
/// ```
pub fn compare_sum<'a>(
    total: &Amount,
    parts: impl IntoIterator<Item = (i32, &'a Amount)>,
    rounding: Rounding,
) -> Result<Comparison, Blocker> {
    let unit = total.unit();
    let reported_interval = interval_in(total, unit, rounding)?;
    let sum = weighted_sum(total, parts, rounding)?;
    let difference = total
        .value()
        .checked_sub(sum.value)
        .ok_or(Blocker::Overflow)?;
    let (tolerance, verdict) = if sum.single_same_quantity {
        let verdict = if difference.is_zero() {
            Verdict::Exact
        } else {
            Verdict::Inconsistent
        };
        (Decimal::ZERO, verdict)
    } else {
        let tolerance =
            tolerance_between(total.value(), &reported_interval, sum.value, &sum.interval);
        let verdict = if difference.is_zero() {
            Verdict::Exact
        } else if reported_interval.intersects(&sum.interval) {
            Verdict::WithinRounding
        } else {
            Verdict::Inconsistent
        };
        (tolerance, verdict)
    };
    Ok(Comparison {
        relation: Relation::Equal,
        reported: total.value(),
        reported_interval,
        computed: sum.value,
        computed_interval: sum.interval,
        difference,
        tolerance,
        terms: sum.terms,
        verdict,
    })
}

/// A weighted sum of reported figures in the unit of `like`: its value, its interval and
/// whether it is a single figure of the same precision and unit as `like`.
struct WeightedSum {
    value: Decimal,
    interval: Interval,
    terms: usize,
    single_same_quantity: bool,
}

fn weighted_sum<'a>(
    like: &Amount,
    parts: impl IntoIterator<Item = (i32, &'a Amount)>,
    rounding: Rounding,
) -> Result<WeightedSum, Blocker> {
    let unit = like.unit();
    let mut sum = WeightedSum {
        value: Decimal::ZERO,
        interval: Interval::point(Decimal::ZERO),
        terms: 0,
        single_same_quantity: false,
    };
    for (weight, part) in parts {
        let (mut v, mut i) = (value_in(part, unit)?, interval_in(part, unit, rounding)?);
        if weight != 1 {
            let w = Decimal::from(weight);
            v = v.checked_mul(w).ok_or(Blocker::Overflow)?;
            i = i.checked_mul(w)?;
        }
        sum.value = sum.value.checked_add(v).ok_or(Blocker::Overflow)?;
        sum.interval = sum.interval.checked_add(&i)?;
        sum.terms += 1;
        sum.single_same_quantity = sum.terms == 1
            && weight == 1
            && part.unit() == unit
            && part.decimals() == like.decimals()
            && !part.is_exact();
    }
    Ok(sum)
}

/// How blank cells take part in a comparison of cells ([`compare_cells`]).
///
/// ```
/// use cn_budget::check::Blanks;
/// assert_ne!(Blanks::NotReported, Blanks::Zero);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Blanks {
    /// XBRL Calculations 1.1 binding: the comparison is made only when the total and at
    /// least one part are printed; blank parts add nothing.
    NotReported,
    /// A blank stands for 0 when the other side is printed (a zero column of one table
    /// against an empty table, a 类 printed in one table and blank in another); nothing
    /// is compared when both sides are blank or the only printed side is 0.
    Zero,
}

/// Compares a cell with a weighted sum of cells, any of which may be blank (`None`),
/// under a [`Blanks`] policy and a [`Relation`]. `None` when the policy says there is
/// nothing to compare.
///
/// ```
/// use cn_budget::check::{compare_cells, Blanks, Relation, Verdict};
/// use cn_budget::{Amount, Rounding, Unit};
/// let a = Amount::parse("1.00", Unit::TenThousandYuan)?;
/// // A printed 1.00 against a blank: nothing to check, unless blanks are zeros.
/// assert!(compare_cells(Some(&a), &[(1, None)], Blanks::NotReported, Relation::Equal, Rounding::Nearest).is_none());
/// let c = compare_cells(Some(&a), &[(1, None)], Blanks::Zero, Relation::Equal, Rounding::Nearest).unwrap().unwrap();
/// assert_eq!(c.verdict, Verdict::Inconsistent);
/// assert!(compare_cells(None, &[(1, None)], Blanks::Zero, Relation::Equal, Rounding::Nearest).is_none());
/// # Ok::<(), cn_budget::AmountError>(())
/// ```
pub fn compare_cells(
    total: Option<&Amount>,
    parts: &[(i32, Option<&Amount>)],
    blanks: Blanks,
    relation: Relation,
    rounding: Rounding,
) -> Option<Result<Comparison, Blocker>> {
    let present: Vec<(i32, &Amount)> = parts.iter().filter_map(|&(w, a)| Some((w, a?))).collect();
    let zero;
    let total = match (total, present.first(), blanks) {
        (Some(t), Some(_), _) => t,
        (Some(t), None, Blanks::Zero) if !t.value().is_zero() => t,
        (None, Some((_, first)), Blanks::Zero) => {
            zero = Amount::exact(Decimal::ZERO, first.unit());
            &zero
        }
        _ => return None,
    };
    Some(match relation {
        Relation::LessOrEqual => compare_le_sum(total, present, rounding),
        Relation::Equal => compare_sum(total, present, rounding),
    })
}

/// Checks that two reported figures describe the same quantity: identical at the same
/// precision and unit, otherwise intersecting intervals (Calculations 1.1 duplicate facts).
///
/// ```
/// use cn_budget::{Amount, Unit, Rounding, check::{compare_equal, Verdict}};
/// let a = Amount::parse("3613.57", Unit::TenThousandYuan)?;
/// let b = Amount::parse("3613.56", Unit::TenThousandYuan)?;
/// assert_eq!(compare_equal(&a, &b, Rounding::Nearest).unwrap().verdict, Verdict::Inconsistent);
/// let c = Amount::parse("84.3", Unit::TenThousandYuan)?;
/// let d = Amount::parse("84.30", Unit::TenThousandYuan)?;
/// assert_eq!(compare_equal(&c, &d, Rounding::Nearest).unwrap().verdict, Verdict::Exact);
/// # Ok::<(), cn_budget::AmountError>(())
/// ```
pub fn compare_equal(a: &Amount, b: &Amount, rounding: Rounding) -> Result<Comparison, Blocker> {
    compare_sum(a, [(1, b)], rounding)
}

/// Checks `a ≤ b` on intervals: it can hold iff `lo(a) ≤ hi(b)` (closed bounds; an open
/// bound on either side makes equality fail).
///
/// ```
/// use cn_budget::{Amount, Unit, Rounding, check::{compare_le, Verdict}};
/// let p = |s| Amount::parse(s, Unit::TenThousandYuan).unwrap();
/// assert_eq!(compare_le(&p("0.61"), &p("0.61"), Rounding::Nearest)?.verdict, Verdict::Exact);
/// assert_eq!(compare_le(&p("0.62"), &p("0.61"), Rounding::Nearest)?.verdict, Verdict::WithinRounding);
/// assert_eq!(compare_le(&p("0.63"), &p("0.61"), Rounding::Nearest)?.verdict, Verdict::Inconsistent);
/// # Ok::<(), cn_budget::check::Blocker>(())
/// ```
pub fn compare_le(a: &Amount, b: &Amount, rounding: Rounding) -> Result<Comparison, Blocker> {
    compare_le_sum(a, [(1, b)], rounding)
}

/// Checks `a ≤ Σ weight · part` on intervals: it can hold iff `lo(a) ≤ hi(Σ)` (an open bound
/// on either side makes equality fail). With no parts the right side is exactly 0.
///
/// ```
/// use cn_budget::{Amount, Unit, Rounding, check::{compare_le_sum, Verdict}};
/// let p = |s| Amount::parse(s, Unit::TenThousandYuan).unwrap();
/// // 0.61 ≤ 0.30 + 0.30 can hold within rounding; 0.61 ≤ 2 · 0.20 cannot.
/// let c = compare_le_sum(&p("0.61"), [(1, &p("0.30")), (1, &p("0.30"))], Rounding::Nearest)?;
/// assert_eq!(c.verdict, Verdict::WithinRounding);
/// let d = compare_le_sum(&p("0.61"), [(2, &p("0.20"))], Rounding::Nearest)?;
/// assert_eq!(d.verdict, Verdict::Inconsistent);
/// # Ok::<(), cn_budget::check::Blocker>(())
/// ```
pub fn compare_le_sum<'a>(
    a: &Amount,
    parts: impl IntoIterator<Item = (i32, &'a Amount)>,
    rounding: Rounding,
) -> Result<Comparison, Blocker> {
    let ia = interval_in(a, a.unit(), rounding)?;
    let sum = weighted_sum(a, parts, rounding)?;
    let ib = sum.interval;
    let difference = a.value().checked_sub(sum.value).ok_or(Blocker::Overflow)?;
    let can_hold = ia.lo() < ib.hi() || (ia.lo() == ib.hi() && ia.lo_closed() && ib.hi_closed());
    let verdict = if difference <= Decimal::ZERO {
        Verdict::Exact
    } else if can_hold {
        Verdict::WithinRounding
    } else {
        Verdict::Inconsistent
    };
    Ok(Comparison {
        relation: Relation::LessOrEqual,
        reported: a.value(),
        reported_interval: ia,
        computed: sum.value,
        computed_interval: ib,
        difference,
        tolerance: tolerance_between(a.value(), &ia, sum.value, &ib),
        terms: sum.terms,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Unit;
    use rust_decimal_macros::dec;

    fn wan(s: &str) -> Amount {
        Amount::parse(s, Unit::TenThousandYuan).unwrap()
    }

    fn yuan(s: &str) -> Amount {
        Amount::parse(s, Unit::Yuan).unwrap()
    }

    #[test]
    fn verdicts_and_relations_have_their_labels_and_symbols() {
        let labels: Vec<_> = [
            Verdict::Exact,
            Verdict::WithinRounding,
            Verdict::Inconsistent,
        ]
        .iter()
        .map(|v| (v.label(), v.to_string(), v.is_consistent()))
        .collect();
        assert_eq!(
            labels,
            [
                ("一致", "一致".to_owned(), true),
                ("尾差", "尾差".to_owned(), true),
                ("不一致", "不一致".to_owned(), false)
            ]
        );
        assert_eq!(Relation::Equal.symbol(), "=");
        assert_eq!(Relation::LessOrEqual.symbol(), "≤");
    }

    #[test]
    fn a_check_result_gives_its_verdict_and_comparison_only_when_compared() {
        let c = compare_equal(&wan("1.00"), &wan("1.00"), Rounding::Nearest).unwrap();
        let compared = CheckResult {
            rule: "r".into(),
            location: Location::default(),
            outcome: Outcome::Compared(c.clone()),
        };
        assert_eq!(compared.verdict(), Some(Verdict::Exact));
        assert_eq!(compared.comparison(), Some(&c));
        let blocked = CheckResult {
            outcome: Outcome::Blocked(Blocker::Overflow),
            ..compared
        };
        assert_eq!((blocked.verdict(), blocked.comparison()), (None, None));
    }

    #[test]
    fn figures_in_other_units_are_converted_to_the_reported_unit() {
        // 12,345 元 = 1.2345 万元, its interval [1.23445, 1.23455].
        let c = compare_sum(&wan("1.23"), [(1, &yuan("12345"))], Rounding::Nearest).unwrap();
        assert_eq!(c.computed, dec!(1.2345));
        assert_eq!(
            c.computed_interval,
            Interval::closed(dec!(1.23445), dec!(1.23455)).unwrap()
        );
        assert_eq!(c.verdict, Verdict::WithinRounding);
        // The reported unit stays the total's: 1.00 万元 against 10,000 元 is exact.
        let c = compare_sum(&yuan("10000"), [(1, &wan("1.00"))], Rounding::Nearest).unwrap();
        assert_eq!((c.computed, c.verdict), (dec!(10000), Verdict::Exact));
        assert_eq!(
            c.computed_interval,
            Interval::closed(dec!(9950), dec!(10050)).unwrap()
        );
    }

    #[test]
    fn a_single_part_of_the_same_precision_and_unit_must_be_identical() {
        let c = compare_sum(&wan("5.08"), [(1, &wan("5.09"))], Rounding::Nearest).unwrap();
        assert_eq!(
            (c.tolerance, c.verdict),
            (Decimal::ZERO, Verdict::Inconsistent)
        );
        let c = compare_sum(&wan("5.08"), [(1, &wan("5.08"))], Rounding::Nearest).unwrap();
        assert_eq!((c.tolerance, c.verdict), (Decimal::ZERO, Verdict::Exact));
    }

    #[test]
    fn a_single_part_that_is_not_the_same_quantity_gets_the_rounding_tolerance() {
        let n = Rounding::Nearest;
        // Another precision.
        let c = compare_sum(&wan("84.3"), [(1, &wan("84.31"))], n).unwrap();
        assert_eq!(
            (c.tolerance, c.verdict),
            (dec!(0.055), Verdict::WithinRounding)
        );
        // Another unit, with as many decimals: 50,849.00 元 = 5.0849 万元 against 5.08.
        let c = compare_sum(&wan("5.08"), [(1, &yuan("50849.00"))], n).unwrap();
        assert_eq!(c.verdict, Verdict::WithinRounding);
        // A weight other than 1: 5.08 = 2 · 2.54 exactly, 5.09 = 2 · 2.54 within rounding.
        let c = compare_sum(&wan("5.09"), [(2, &wan("2.54"))], n).unwrap();
        assert_eq!((c.computed, c.tolerance), (dec!(5.08), dec!(0.015)));
        assert_eq!(c.verdict, Verdict::WithinRounding);
        // An exact part: only the reported figure is rounded.
        let exact = Amount::exact(dec!(5.084), Unit::TenThousandYuan);
        let c = compare_sum(&wan("5.08"), [(1, &exact)], n).unwrap();
        assert_eq!(
            (c.tolerance, c.verdict),
            (dec!(0.005), Verdict::WithinRounding)
        );
        // Two parts: each is rounded.
        let c = compare_sum(&wan("5.08"), [(1, &wan("5.07")), (1, &wan("0.00"))], n).unwrap();
        assert_eq!((c.terms, c.tolerance), (2, dec!(0.015)));
        assert_eq!(c.verdict, Verdict::WithinRounding);
    }

    #[test]
    fn a_negative_weight_subtracts_the_part_and_its_interval() {
        let c = compare_sum(
            &wan("4.00"),
            [(1, &wan("5.00")), (-1, &wan("1.01"))],
            Rounding::Truncation,
        )
        .unwrap();
        assert_eq!(c.computed, dec!(3.99));
        // [5.00, 5.01) − [1.01, 1.02) = (3.98, 4.00).
        assert_eq!(
            c.computed_interval,
            Interval::new(dec!(3.98), false, dec!(4.00), false).unwrap()
        );
        assert_eq!(c.verdict, Verdict::Inconsistent);
    }

    #[test]
    fn truncation_tolerance_is_the_larger_one_sided_distance() {
        let t = Rounding::Truncation;
        // 5.08 is [5.08, 5.09); 5.06 + 0.01 is [5.07, 5.09): from 0.02 above to 0.01 below.
        let c = compare_sum(&wan("5.08"), [(1, &wan("5.06")), (1, &wan("0.01"))], t).unwrap();
        assert_eq!(
            (c.tolerance, c.verdict),
            (dec!(0.02), Verdict::WithinRounding)
        );
        // Negative figures: the same on the other side.
        let c = compare_sum(&wan("-5.08"), [(1, &wan("-5.06")), (1, &wan("-0.01"))], t).unwrap();
        assert_eq!(
            (c.tolerance, c.verdict),
            (dec!(0.02), Verdict::WithinRounding)
        );
    }

    #[test]
    fn compare_sum_reports_overflow_as_a_blocker() {
        let max = Amount::exact(Decimal::MAX, Unit::Yuan);
        let one = Amount::exact(Decimal::ONE, Unit::Yuan);
        assert_eq!(
            compare_sum(&one, [(1, &max), (1, &max)], Rounding::Nearest),
            Err(Blocker::Overflow)
        );
        assert_eq!(
            compare_sum(&one, [(-2, &max)], Rounding::Nearest),
            Err(Blocker::Overflow)
        );
        let neg = Amount::exact(Decimal::MIN, Unit::Yuan);
        assert_eq!(
            compare_sum(&neg, [(1, &one)], Rounding::Nearest),
            Err(Blocker::Overflow)
        );
        let big = Amount::exact(Decimal::MAX, Unit::HundredMillionYuan);
        assert_eq!(
            compare_sum(&one, [(1, &big)], Rounding::Nearest),
            Err(Blocker::Overflow)
        );
        assert_eq!(Blocker::from(AmountError::Overflow), Blocker::Overflow);
    }

    #[test]
    fn compare_cells_binds_blanks_as_not_reported_or_as_zeros() {
        let n = Rounding::Nearest;
        let one = wan("1.00");
        let zero = wan("0.00");
        let cells = |t: Option<&Amount>, parts: &[(i32, Option<&Amount>)], b: Blanks| {
            compare_cells(t, parts, b, Relation::Equal, n).map(|r| r.unwrap().verdict)
        };
        // Both sides printed: compared under either policy.
        for b in [Blanks::NotReported, Blanks::Zero] {
            assert_eq!(
                cells(Some(&one), &[(1, Some(&one)), (1, None)], b),
                Some(Verdict::Exact)
            );
            assert_eq!(cells(None, &[(1, None)], b), None);
        }
        // Only the total printed.
        assert_eq!(cells(Some(&one), &[(1, None)], Blanks::NotReported), None);
        assert_eq!(
            cells(Some(&one), &[(1, None)], Blanks::Zero),
            Some(Verdict::Inconsistent)
        );
        assert_eq!(cells(Some(&zero), &[(1, None)], Blanks::Zero), None);
        // Only a part printed.
        assert_eq!(cells(None, &[(1, Some(&one))], Blanks::NotReported), None);
        assert_eq!(
            cells(None, &[(1, Some(&one))], Blanks::Zero),
            Some(Verdict::Inconsistent)
        );
        assert_eq!(
            cells(None, &[(1, Some(&zero))], Blanks::Zero),
            Some(Verdict::Exact)
        );
    }

    #[test]
    fn compare_cells_uses_the_relation_asked_for() {
        let (small, big) = (wan("1.00"), wan("2.00"));
        let le = compare_cells(
            Some(&small),
            &[(1, Some(&big))],
            Blanks::NotReported,
            Relation::LessOrEqual,
            Rounding::Nearest,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (le.relation, le.verdict),
            (Relation::LessOrEqual, Verdict::Exact)
        );
        let eq = compare_cells(
            Some(&small),
            &[(1, Some(&big))],
            Blanks::NotReported,
            Relation::Equal,
            Rounding::Nearest,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (eq.relation, eq.verdict),
            (Relation::Equal, Verdict::Inconsistent)
        );
    }

    #[test]
    fn compare_le_holds_at_meeting_bounds_only_when_both_are_closed() {
        let n = Rounding::Nearest;
        let t = Rounding::Truncation;
        // Nearest: 0.62 ≤ 0.61 can hold (0.615 both); 0.63 ≤ 0.61 cannot.
        assert_eq!(
            compare_le(&wan("0.62"), &wan("0.61"), n).unwrap().verdict,
            Verdict::WithinRounding
        );
        // Truncation: 0.62 is [0.62, 0.63), 0.61 is [0.61, 0.62): meeting at an open bound.
        assert_eq!(
            compare_le(&wan("0.62"), &wan("0.61"), t).unwrap().verdict,
            Verdict::Inconsistent
        );
        // An exact 0.615 against a truncated 0.61: [0.61, 0.62) contains values above it.
        let exact = Amount::exact(dec!(0.615), Unit::TenThousandYuan);
        assert_eq!(
            compare_le(&exact, &wan("0.61"), t).unwrap().verdict,
            Verdict::WithinRounding
        );
        // An exact 0.62 against a truncated 0.61: its upper bound 0.62 is open.
        let exact = Amount::exact(dec!(0.62), Unit::TenThousandYuan);
        assert_eq!(
            compare_le(&exact, &wan("0.61"), t).unwrap().verdict,
            Verdict::Inconsistent
        );
        // An exact 0.615 against a rounded 0.61: its upper bound 0.615 is closed.
        let exact = Amount::exact(dec!(0.615), Unit::TenThousandYuan);
        assert_eq!(
            compare_le(&exact, &wan("0.61"), n).unwrap().verdict,
            Verdict::WithinRounding
        );
        // Truncated negative -0.61 is (-0.62, -0.61]; an exact -0.61 meets its closed bound.
        let exact = Amount::exact(dec!(-0.61), Unit::TenThousandYuan);
        let c = compare_le(&exact, &wan("-0.61"), t).unwrap();
        assert_eq!(c.verdict, Verdict::Exact);
        let c = compare_le(&wan("-0.60"), &wan("-0.61"), t).unwrap();
        assert_eq!(c.verdict, Verdict::Inconsistent);
    }

    #[test]
    fn compare_le_gives_the_evidence() {
        let c = compare_le_sum(
            &wan("0.61"),
            [(1, &wan("0.30")), (1, &wan("0.30"))],
            Rounding::Nearest,
        )
        .unwrap();
        assert_eq!(c.relation, Relation::LessOrEqual);
        assert_eq!(
            (c.reported, c.computed, c.difference),
            (dec!(0.61), dec!(0.60), dec!(0.01))
        );
        assert_eq!(
            c.reported_interval,
            Interval::closed(dec!(0.605), dec!(0.615)).unwrap()
        );
        assert_eq!(
            c.computed_interval,
            Interval::closed(dec!(0.59), dec!(0.61)).unwrap()
        );
        assert_eq!((c.tolerance, c.terms), (dec!(0.015), 2));
        assert_eq!(c.verdict, Verdict::WithinRounding);
        // Below, the rule holds as printed.
        let c = compare_le_sum(&wan("0.59"), [(1, &wan("0.60"))], Rounding::Nearest).unwrap();
        assert_eq!((c.difference, c.verdict), (dec!(-0.01), Verdict::Exact));
    }
}
