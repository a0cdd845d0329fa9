//! Exact amounts as printed, and the intervals they stand for.
//!
//! A printed figure such as `4,789.53` (万元) is a rounded value: it stands for every amount
//! that prints that way. [`Amount`] keeps the exact decimal, the printed precision and the
//! unit; [`Amount::interval`] gives the set of true values consistent with it under a
//! [`Rounding`] convention.
//!
//! ```
//! use cn_budget::{Amount, Rounding, Unit};
//! let a = Amount::parse("4,789.53", Unit::TenThousandYuan)?;
//! assert_eq!(a.decimals(), 2);
//! assert_eq!(a.interval(Rounding::Nearest)?.to_string(), "[4789.525, 4789.535]");
//! assert_eq!(a.interval(Rounding::Truncation)?.to_string(), "[4789.53, 4789.54)");
//! # Ok::<(), cn_budget::AmountError>(())
//! ```

mod interval;
mod unit;

pub use interval::Interval;
pub use unit::Unit;

use rust_decimal::Decimal;
use std::fmt;

/// The largest number of decimals (and of negative decimals) an [`Amount`] may declare.
///
/// ```
/// use cn_budget::amount::MAX_DECIMALS;
/// use cn_budget::{Amount, AmountError, Unit};
/// use rust_decimal::Decimal;
/// assert!(Amount::new(Decimal::ONE, -MAX_DECIMALS, Unit::Yuan).is_ok());
/// let err = Amount::new(Decimal::ONE, MAX_DECIMALS + 1, Unit::Yuan).unwrap_err();
/// assert_eq!(err, AmountError::DecimalsOutOfRange { decimals: 21 });
/// ```
pub const MAX_DECIMALS: i32 = 20;

/// The most digits [`Amount::parse`] reads in one figure: 40. An exact decimal holds 28–29
/// significant digits, and no printed figure has more than a few leading zeros; a longer
/// run of digits is refused with [`AmountError::DigitsOverLimit`] before any parsing, so
/// that a hostile cell costs no more than counting its digits.
///
/// ```
/// use cn_budget::{amount::MAX_AMOUNT_DIGITS, Amount, AmountError, Unit};
/// use rust_decimal_macros::dec;
/// // Forty digits, leading zeros included, still parse.
/// let at_limit = format!("{}1234.56", "0".repeat(MAX_AMOUNT_DIGITS - 6));
/// assert_eq!(Amount::parse(&at_limit, Unit::Yuan)?.value(), dec!(1234.56));
/// let over = "9".repeat(MAX_AMOUNT_DIGITS + 1);
/// assert_eq!(
///     Amount::parse(&over, Unit::Yuan).unwrap_err(),
///     AmountError::DigitsOverLimit { digits: 41, max: 40 }
/// );
/// # Ok::<(), AmountError>(())
/// ```
pub const MAX_AMOUNT_DIGITS: usize = 40;

/// How a publisher turned exact amounts into printed figures.
///
/// ```
/// use cn_budget::Rounding;
/// assert_eq!(Rounding::default(), Rounding::Nearest);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Rounding {
    /// Round to nearest (四舍五入, or half-even): a printed `v` with `d` decimals stands for
    /// the closed interval `[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]`; the tie direction is not assumed.
    #[default]
    Nearest,
    /// Truncation toward zero: `v > 0` stands for `[v, v + 10⁻ᵈ)`, `v < 0` for
    /// `(v − 10⁻ᵈ, v]`, and `0` for `(−10⁻ᵈ, 10⁻ᵈ)`.
    Truncation,
}

/// What went wrong building an amount or doing interval arithmetic.
///
/// ```
/// use cn_budget::{Amount, AmountError, Unit};
/// let err = Amount::parse("12,3x", Unit::Yuan).unwrap_err();
/// assert!(matches!(err, AmountError::InvalidNumber { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum AmountError {
    /// The text is not a number.
    #[error("{input:?} is not a number")]
    InvalidNumber {
        /// The text that was parsed.
        input: String,
    },
    /// The figure has more significant digits than an exact decimal holds (28–29).
    #[error("{input:?} has more digits than an exact decimal holds")]
    TooManyDigits {
        /// The text that was parsed.
        input: String,
    },
    /// The text has more digits than any figure ([`MAX_AMOUNT_DIGITS`]); it is not parsed.
    #[error("a figure of {digits} digits: an amount has at most {max}")]
    DigitsOverLimit {
        /// How many digits the text has.
        digits: usize,
        /// The bound, [`MAX_AMOUNT_DIGITS`].
        max: usize,
    },
    /// The declared precision is outside ±[`MAX_DECIMALS`].
    #[error("{decimals} decimals is outside the supported range ±{MAX_DECIMALS}")]
    DecimalsOutOfRange {
        /// The declared number of decimals.
        decimals: i32,
    },
    /// An interval would be empty.
    #[error("empty interval: lower bound {lo} above upper bound {hi}")]
    EmptyInterval {
        /// The lower bound.
        lo: Decimal,
        /// The upper bound.
        hi: Decimal,
    },
    /// Decimal arithmetic overflowed (values beyond about 7.9·10²⁸).
    #[error("decimal overflow")]
    Overflow,
}

/// `½·10^(-decimals)`, exact, without a division (`decimals` in ±[`MAX_DECIMALS`]).
pub(crate) fn half_unit_of_last_digit(decimals: i32) -> Decimal {
    if decimals >= 0 {
        Decimal::new(5, decimals as u32 + 1)
    } else {
        Decimal::from(5 * 10i128.pow(decimals.unsigned_abs() - 1))
    }
}

/// `10^(-decimals)`, exact, for `decimals` in ±[`MAX_DECIMALS`].
pub(crate) fn unit_of_last_digit(decimals: i32) -> Decimal {
    if decimals >= 0 {
        Decimal::new(1, decimals as u32)
    } else {
        Decimal::from(10i128.pow(decimals.unsigned_abs()))
    }
}

/// A reported figure: an exact decimal, the number of decimals it was printed with, and its
/// unit.
///
/// `decimals` may be negative (a figure rounded to hundreds has `decimals = -2`). A value with
/// non-zero digits beyond its declared precision is accepted but flagged by
/// [`Amount::has_excess_digits`]; checks refuse to use it.
///
/// ```
/// use cn_budget::{Amount, Unit};
/// use rust_decimal_macros::dec;
/// let a = Amount::new(dec!(1063.2), 2, Unit::TenThousandYuan)?;
/// assert_eq!(a.to_string(), "1063.20 万元");
/// assert!(!a.has_excess_digits());
/// assert!(Amount::new(dec!(1.234), 2, Unit::Yuan)?.has_excess_digits());
/// # Ok::<(), cn_budget::AmountError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "serde_repr::AmountRepr", into = "serde_repr::AmountRepr")
)]
pub struct Amount {
    value: Decimal,
    decimals: i32,
    unit: Unit,
}

impl Amount {
    /// An amount with a declared precision; an error if `decimals` is out of range
    /// (beyond ±[`MAX_DECIMALS`]).
    ///
    /// ```
    /// use cn_budget::{Amount, AmountError, Unit};
    /// use rust_decimal_macros::dec;
    /// // 1,200 万元 printed to the hundred: -2 decimals.
    /// let a = Amount::new(dec!(1200), -2, Unit::TenThousandYuan)?;
    /// assert_eq!((a.value(), a.decimals()), (dec!(1200), -2));
    /// assert!(matches!(
    ///     Amount::new(dec!(1.5), 30, Unit::Yuan),
    ///     Err(AmountError::DecimalsOutOfRange { decimals: 30 })
    /// ));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn new(value: Decimal, decimals: i32, unit: Unit) -> Result<Amount, AmountError> {
        if decimals.abs() > MAX_DECIMALS {
            return Err(AmountError::DecimalsOutOfRange { decimals });
        }
        Ok(Amount {
            value,
            decimals,
            unit,
        })
    }

    /// An exact amount (a computed value, or a count): its interval is a single point.
    ///
    /// ```
    /// use cn_budget::{Amount, Rounding, Unit};
    /// use rust_decimal::Decimal;
    /// let a = Amount::exact(Decimal::TEN, Unit::Yuan);
    /// assert_eq!(a.interval(Rounding::Nearest)?.half_width(), Decimal::ZERO);
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn exact(value: Decimal, unit: Unit) -> Amount {
        Amount {
            value,
            decimals: i32::MAX,
            unit,
        }
    }

    /// Parses a printed figure: thousands separators (`,` `，`), white space, full-width
    /// digits and a leading minus sign are accepted; the precision is the number of printed
    /// decimals (`84.3` has 1, `77.20` has 2).
    ///
    /// ```
    /// use cn_budget::{Amount, AmountError, Unit};
    /// use rust_decimal_macros::dec;
    /// let a = Amount::parse("１，８８７.５２", Unit::TenThousandYuan)?;
    /// assert_eq!((a.value(), a.decimals()), (dec!(1887.52), 2));
    /// assert_eq!(Amount::parse("-0.30", Unit::Yuan)?.value(), dec!(-0.3));
    /// assert_eq!(Amount::parse("84.3", Unit::Yuan)?.decimals(), 1);
    /// assert!(matches!(Amount::parse("12.", Unit::Yuan), Err(AmountError::InvalidNumber { .. })));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn parse(text: &str, unit: Unit) -> Result<Amount, AmountError> {
        let digits = text
            .chars()
            .filter(|&c| crate::codes::to_half_width_char(c).is_ascii_digit())
            .count();
        if digits > MAX_AMOUNT_DIGITS {
            return Err(AmountError::DigitsOverLimit {
                digits,
                max: MAX_AMOUNT_DIGITS,
            });
        }
        let cleaned: String = text
            .chars()
            .map(crate::codes::to_half_width_char)
            .map(|c| if c == '−' { '-' } else { c })
            .filter(|c| !matches!(c, ',' | '，') && !c.is_whitespace())
            .collect();
        let invalid = || AmountError::InvalidNumber {
            input: text.to_owned(),
        };
        let body = cleaned.strip_prefix('-').unwrap_or(&cleaned);
        let well_formed = !body.is_empty()
            && !body.starts_with('.')
            && !body.ends_with('.')
            && body.chars().all(|c| c.is_ascii_digit() || c == '.')
            && body.matches('.').count() <= 1;
        if !well_formed {
            return Err(invalid());
        }
        let value: Decimal = cleaned.parse().map_err(|_| invalid())?;
        let decimals = body.split_once('.').map_or(0, |(_, f)| f.len() as i32);
        // A figure with more significant digits than a Decimal holds would be rounded by the
        // parser: refuse it rather than change a printed figure.
        if i64::from(value.scale()) != i64::from(decimals) {
            return Err(AmountError::TooManyDigits {
                input: text.to_owned(),
            });
        }
        Amount::new(value, decimals, unit)
    }

    /// Parses a printed figure and declares its precision, for documents whose figures
    /// drop trailing zeros (`84.3` meaning `84.30`).
    ///
    /// ```
    /// use cn_budget::{Amount, Unit};
    /// assert_eq!(Amount::parse_with_decimals("84.3", 2, Unit::TenThousandYuan)?.to_string(), "84.30 万元");
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn parse_with_decimals(
        text: &str,
        decimals: i32,
        unit: Unit,
    ) -> Result<Amount, AmountError> {
        let parsed = Amount::parse(text, unit)?;
        Amount::new(parsed.value, decimals, unit)
    }

    /// The exact printed value.
    ///
    /// ```
    /// use cn_budget::{Amount, Unit};
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Amount::parse("4,789.53", Unit::TenThousandYuan)?.value(), dec!(4789.53));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The declared number of decimals (`i32::MAX` for an exact amount).
    ///
    /// ```
    /// use cn_budget::{Amount, Unit};
    /// use rust_decimal::Decimal;
    /// assert_eq!(Amount::parse("77.20", Unit::TenThousandYuan)?.decimals(), 2);
    /// assert_eq!(Amount::parse("1200", Unit::Yuan)?.decimals(), 0);
    /// assert_eq!(Amount::exact(Decimal::TEN, Unit::Yuan).decimals(), i32::MAX);
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn decimals(&self) -> i32 {
        self.decimals
    }

    /// Whether the amount is exact (built by [`Amount::exact`]).
    ///
    /// ```
    /// use cn_budget::{Amount, Unit};
    /// use rust_decimal_macros::dec;
    /// assert!(Amount::exact(dec!(2230.78), Unit::TenThousandYuan).is_exact());
    /// assert!(!Amount::parse("2230.78", Unit::TenThousandYuan)?.is_exact());
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn is_exact(&self) -> bool {
        self.decimals == i32::MAX
    }

    /// The unit.
    ///
    /// ```
    /// use cn_budget::{Amount, Unit};
    /// let a = Amount::parse("1.5", Unit::HundredMillionYuan)?;
    /// assert_eq!(a.unit(), Unit::HundredMillionYuan);
    /// assert_eq!(a.to_string(), "1.5 亿元");
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// Whether the value has non-zero digits beyond its declared precision (Calculations
    /// 1.1 `excessDigits`): `1.234` declared with 2 decimals.
    ///
    /// ```
    /// use cn_budget::{Amount, Unit};
    /// use rust_decimal_macros::dec;
    /// assert!(Amount::new(dec!(1.234), 2, Unit::Yuan)?.has_excess_digits());
    /// assert!(!Amount::new(dec!(1.230), 2, Unit::Yuan)?.has_excess_digits());
    /// // 1,250 printed to the hundred has a non-zero tens digit.
    /// assert!(Amount::new(dec!(1250), -2, Unit::Yuan)?.has_excess_digits());
    /// assert!(!Amount::exact(dec!(1.234), Unit::Yuan).has_excess_digits());
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn has_excess_digits(&self) -> bool {
        if self.is_exact() {
            return false;
        }
        // Fast path: a value stored with no more decimals than declared has no excess digits.
        // (Mutation testing: `>=` → `<` here only turns the fast path off, the slow path below
        // gives the same answer; excluded in .cargo/mutants.toml as equivalent.)
        if self.decimals >= 0 && i64::from(self.value.scale()) <= i64::from(self.decimals) {
            return false;
        }
        let step = unit_of_last_digit(self.decimals);
        match self.value.checked_rem(step) {
            Some(r) => !r.is_zero(),
            None => true,
        }
    }

    /// Half a unit of the last printed digit, `½·10⁻ᵈ` (zero for an exact amount).
    ///
    /// ```
    /// use cn_budget::{Amount, Unit};
    /// use rust_decimal::Decimal;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Amount::parse("4789.53", Unit::TenThousandYuan)?.half_unit(), dec!(0.005));
    /// assert_eq!(Amount::parse("84.3", Unit::TenThousandYuan)?.half_unit(), dec!(0.05));
    /// assert_eq!(Amount::new(dec!(1200), -2, Unit::Yuan)?.half_unit(), dec!(50));
    /// assert_eq!(Amount::exact(dec!(84.3), Unit::Yuan).half_unit(), Decimal::ZERO);
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn half_unit(&self) -> Decimal {
        if self.is_exact() {
            Decimal::ZERO
        } else {
            half_unit_of_last_digit(self.decimals)
        }
    }

    /// The interval of true values that print as this amount, in the amount's unit.
    ///
    /// ```
    /// use cn_budget::{Amount, Rounding, Unit};
    /// use rust_decimal_macros::dec;
    /// let a = Amount::parse("5.08", Unit::TenThousandYuan)?;
    /// let nearest = a.interval(Rounding::Nearest)?;
    /// assert_eq!((nearest.lo(), nearest.hi()), (dec!(5.075), dec!(5.085)));
    /// assert!(nearest.lo_closed() && nearest.hi_closed());
    /// // Truncation: [v, v + 0.01) for a positive figure, (v − 0.01, v] for a negative one.
    /// assert_eq!(a.interval(Rounding::Truncation)?.to_string(), "[5.08, 5.09)");
    /// let neg = Amount::parse("-5.08", Unit::TenThousandYuan)?;
    /// assert_eq!(neg.interval(Rounding::Truncation)?.to_string(), "(-5.09, -5.08]");
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn interval(&self, rounding: Rounding) -> Result<Interval, AmountError> {
        if self.is_exact() {
            return Ok(Interval::point(self.value));
        }
        let v = self.value;
        let step = unit_of_last_digit(self.decimals);
        let add = |a: Decimal, b: Decimal| a.checked_add(b).ok_or(AmountError::Overflow);
        match rounding {
            Rounding::Nearest => {
                let h = half_unit_of_last_digit(self.decimals);
                Interval::closed(v.checked_sub(h).ok_or(AmountError::Overflow)?, add(v, h)?)
            }
            Rounding::Truncation if v.is_zero() => Interval::new(-step, false, step, false),
            Rounding::Truncation if v.is_sign_negative() => Interval::new(
                v.checked_sub(step).ok_or(AmountError::Overflow)?,
                false,
                v,
                true,
            ),
            Rounding::Truncation => Interval::new(v, true, add(v, step)?, false),
        }
    }

    /// The interval in 元, for comparing amounts printed in different units.
    ///
    /// ```
    /// use cn_budget::{Amount, Rounding, Unit};
    /// let a = Amount::parse("1.5", Unit::TenThousandYuan)?;
    /// assert_eq!(a.interval_in_yuan(Rounding::Nearest)?.to_string(), "[14500, 15500]");
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn interval_in_yuan(&self, rounding: Rounding) -> Result<Interval, AmountError> {
        self.interval(rounding)?.checked_mul(self.unit.in_yuan())
    }
}

impl fmt::Display for Amount {
    /// Prints the value with its declared decimals and unit: `4789.53 万元`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_exact() || self.decimals < 0 || self.has_excess_digits() {
            write!(f, "{} {}", self.value, self.unit)
        } else {
            let mut v = self.value;
            v.rescale(self.decimals as u32);
            write!(f, "{} {}", v, self.unit)
        }
    }
}

#[cfg(feature = "serde")]
mod serde_repr {
    use super::{Amount, AmountError, Unit};
    use rust_decimal::Decimal;

    /// The serialized form: `{"value": "4789.53", "decimals": 2, "unit": "万元"}`, with
    /// `decimals` null for an exact amount. Deserialization validates like [`Amount::new`].
    #[derive(serde::Serialize, serde::Deserialize)]
    pub(super) struct AmountRepr {
        value: Decimal,
        decimals: Option<i32>,
        unit: Unit,
    }

    impl TryFrom<AmountRepr> for Amount {
        type Error = AmountError;
        fn try_from(r: AmountRepr) -> Result<Amount, AmountError> {
            match r.decimals {
                Some(d) => Amount::new(r.value, d, r.unit),
                None => Ok(Amount::exact(r.value, r.unit)),
            }
        }
    }

    impl From<Amount> for AmountRepr {
        fn from(a: Amount) -> AmountRepr {
            AmountRepr {
                value: a.value,
                decimals: (!a.is_exact()).then_some(a.decimals),
                unit: a.unit,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn yuan(text: &str) -> Result<Amount, AmountError> {
        Amount::parse(text, Unit::Yuan)
    }

    #[test]
    fn half_unit_of_last_digit_is_half_of_ten_to_minus_decimals() {
        assert_eq!(half_unit_of_last_digit(0), dec!(0.5));
        assert_eq!(half_unit_of_last_digit(1), dec!(0.05));
        assert_eq!(half_unit_of_last_digit(2), dec!(0.005));
        assert_eq!(half_unit_of_last_digit(-1), dec!(5));
        assert_eq!(half_unit_of_last_digit(-2), dec!(50));
        assert_eq!(half_unit_of_last_digit(-3), dec!(500));
        assert_eq!(half_unit_of_last_digit(MAX_DECIMALS), Decimal::new(5, 21));
        assert_eq!(
            half_unit_of_last_digit(-MAX_DECIMALS),
            Decimal::from(5 * 10i128.pow(19))
        );
    }

    #[test]
    fn unit_of_last_digit_is_ten_to_minus_decimals() {
        assert_eq!(unit_of_last_digit(0), dec!(1));
        assert_eq!(unit_of_last_digit(2), dec!(0.01));
        assert_eq!(unit_of_last_digit(-1), dec!(10));
        assert_eq!(unit_of_last_digit(-3), dec!(1000));
    }

    #[test]
    fn new_accepts_exactly_the_decimals_within_plus_or_minus_max() {
        for d in [-MAX_DECIMALS, -1, 0, 1, MAX_DECIMALS] {
            assert_eq!(Amount::new(dec!(1), d, Unit::Yuan).unwrap().decimals(), d);
        }
        for d in [-MAX_DECIMALS - 1, MAX_DECIMALS + 1, i32::MIN + 1] {
            assert_eq!(
                Amount::new(dec!(1), d, Unit::Yuan),
                Err(AmountError::DecimalsOutOfRange { decimals: d })
            );
        }
    }

    #[test]
    fn parse_reads_separators_spaces_full_width_digits_and_minus_signs() {
        let a = yuan(" 1,234.50 ").unwrap();
        assert_eq!(
            (a.value(), a.decimals(), a.unit()),
            (dec!(1234.50), 2, Unit::Yuan)
        );
        assert_eq!(yuan("１２，３４５").unwrap().value(), dec!(12345));
        assert_eq!(yuan("1 234").unwrap().value(), dec!(1234));
        let minus = yuan("−5.08").unwrap(); // U+2212 MINUS SIGN
        assert_eq!((minus.value(), minus.decimals()), (dec!(-5.08), 2));
        assert_eq!(yuan("-0.30").unwrap().value(), dec!(-0.3));
        assert_eq!(yuan("0.5").unwrap().decimals(), 1);
        assert_eq!(yuan("7").unwrap().decimals(), 0);
    }

    #[test]
    fn parse_refuses_text_that_is_not_a_plain_decimal_figure() {
        for text in [
            "", "-", ".5", "-.5", "12.", "1.2.3", "1a", "1_000", "+5", "1e5", "--1", "万元",
        ] {
            assert_eq!(
                yuan(text),
                Err(AmountError::InvalidNumber {
                    input: text.to_owned()
                }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn parse_refuses_a_figure_a_decimal_would_round() {
        let text = "1.000000000000000000000000000001";
        assert_eq!(
            yuan(text),
            Err(AmountError::TooManyDigits {
                input: text.to_owned()
            })
        );
    }

    #[test]
    fn parse_with_decimals_keeps_the_value_and_declares_the_precision() {
        let a = Amount::parse_with_decimals("84.3", 2, Unit::TenThousandYuan).unwrap();
        assert_eq!(
            (a.value(), a.decimals(), a.unit()),
            (dec!(84.3), 2, Unit::TenThousandYuan)
        );
        assert!(Amount::parse_with_decimals("x", 2, Unit::Yuan).is_err());
        assert!(Amount::parse_with_decimals("1", 21, Unit::Yuan).is_err());
    }

    #[test]
    fn an_exact_amount_is_a_point_with_no_half_unit() {
        let a = Amount::exact(dec!(1.234), Unit::Yuan);
        assert!(a.is_exact() && !a.has_excess_digits());
        assert_eq!(a.half_unit(), Decimal::ZERO);
        for rounding in [Rounding::Nearest, Rounding::Truncation] {
            assert_eq!(a.interval(rounding).unwrap(), Interval::point(dec!(1.234)));
        }
        assert!(!yuan("1.234").unwrap().is_exact());
    }

    #[test]
    fn excess_digits_are_non_zero_digits_beyond_the_declared_precision() {
        let excess =
            |v: Decimal, d: i32| Amount::new(v, d, Unit::Yuan).unwrap().has_excess_digits();
        assert!(excess(dec!(1.234), 2));
        assert!(!excess(dec!(1.230), 2));
        assert!(!excess(dec!(1.23), 2));
        assert!(!excess(dec!(1.2), 2));
        assert!(excess(dec!(0.5), 0));
        assert!(!excess(dec!(3.0), 0));
        assert!(excess(dec!(1250), -2));
        assert!(!excess(dec!(1200), -2));
        assert!(!excess(dec!(1200.00), -2));
        assert!(excess(dec!(-1250), -2));
    }

    #[test]
    fn half_unit_follows_the_declared_decimals() {
        assert_eq!(yuan("4789.53").unwrap().half_unit(), dec!(0.005));
        assert_eq!(
            Amount::new(dec!(1200), -2, Unit::Yuan).unwrap().half_unit(),
            dec!(50)
        );
    }

    #[test]
    fn nearest_interval_is_closed_half_a_unit_either_side() {
        let i = yuan("5.08").unwrap().interval(Rounding::Nearest).unwrap();
        assert_eq!(i, Interval::closed(dec!(5.075), dec!(5.085)).unwrap());
        let n = yuan("-5.08").unwrap().interval(Rounding::Nearest).unwrap();
        assert_eq!(n, Interval::closed(dec!(-5.085), dec!(-5.075)).unwrap());
    }

    #[test]
    fn truncated_intervals_are_half_open_away_from_zero() {
        let t = |s: &str| yuan(s).unwrap().interval(Rounding::Truncation).unwrap();
        assert_eq!(
            t("5.08"),
            Interval::new(dec!(5.08), true, dec!(5.09), false).unwrap()
        );
        assert_eq!(
            t("-5.08"),
            Interval::new(dec!(-5.09), false, dec!(-5.08), true).unwrap()
        );
        assert_eq!(
            t("0.00"),
            Interval::new(dec!(-0.01), false, dec!(0.01), false).unwrap()
        );
        assert_eq!(
            t("-0.00"),
            Interval::new(dec!(-0.01), false, dec!(0.01), false).unwrap()
        );
    }

    #[test]
    fn interval_reports_overflow_at_the_limits_of_decimal() {
        let max = Amount::new(Decimal::MAX, 0, Unit::Yuan).unwrap();
        let min = Amount::new(Decimal::MIN, 0, Unit::Yuan).unwrap();
        for rounding in [Rounding::Nearest, Rounding::Truncation] {
            assert_eq!(max.interval(rounding), Err(AmountError::Overflow));
            assert_eq!(min.interval(rounding), Err(AmountError::Overflow));
        }
    }

    #[test]
    fn interval_in_yuan_scales_by_the_unit() {
        let a = Amount::parse("1.5", Unit::TenThousandYuan).unwrap();
        assert_eq!(
            a.interval_in_yuan(Rounding::Nearest).unwrap(),
            Interval::closed(dec!(14500), dec!(15500)).unwrap()
        );
        let y = yuan("1.5").unwrap();
        assert_eq!(
            y.interval_in_yuan(Rounding::Truncation).unwrap(),
            Interval::new(dec!(1.5), true, dec!(1.6), false).unwrap()
        );
    }

    #[test]
    fn display_prints_the_declared_decimals_and_the_unit() {
        let show = |v: Decimal, d: i32| {
            Amount::new(v, d, Unit::TenThousandYuan)
                .unwrap()
                .to_string()
        };
        assert_eq!(show(dec!(1063.2), 2), "1063.20 万元");
        assert_eq!(show(dec!(1200.0), 0), "1200 万元");
        assert_eq!(show(dec!(1200), -2), "1200 万元");
        assert_eq!(show(dec!(1.234), 2), "1.234 万元");
        assert_eq!(Amount::exact(dec!(1.5), Unit::Yuan).to_string(), "1.5 元");
    }

    #[test]
    fn errors_read_naturally() {
        assert_eq!(
            AmountError::DecimalsOutOfRange { decimals: 21 }.to_string(),
            "21 decimals is outside the supported range ±20"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_writes_null_decimals_for_an_exact_amount_and_round_trips() {
        let exact = Amount::exact(dec!(1.5), Unit::Yuan);
        let json = serde_json::to_value(exact).unwrap();
        assert_eq!(json["decimals"], serde_json::Value::Null);
        assert_eq!(serde_json::from_value::<Amount>(json).unwrap(), exact);
        let printed = yuan("1.50").unwrap();
        let json = serde_json::to_value(printed).unwrap();
        assert_eq!(json["decimals"], 2);
        assert_eq!(serde_json::from_value::<Amount>(json).unwrap(), printed);
        let bad = serde_json::json!({"value": "1", "decimals": 30, "unit": "元"});
        assert!(serde_json::from_value::<Amount>(bad).is_err());
    }
}
