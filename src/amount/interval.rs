use super::AmountError;
use rust_decimal::Decimal;
use std::fmt;

/// A set of real numbers between two decimal bounds, each bound open or closed.
///
/// Every printed figure stands for the interval of values that print that way; sums and
/// comparisons of printed figures are made on intervals (XBRL Calculations 1.1, the EBA
/// interval rule). All arithmetic is exact; overflow is an error, never a panic.
///
/// ```
/// use cn_budget::Interval;
/// use rust_decimal_macros::dec;
/// let a = Interval::closed(dec!(1.005), dec!(1.015))?;
/// let b = Interval::closed(dec!(2.005), dec!(2.015))?;
/// let sum = a.checked_add(&b)?;
/// assert_eq!(sum.to_string(), "[3.01, 3.03]");
/// assert!(sum.intersects(&Interval::point(dec!(3.03))));
/// assert!(!sum.intersects(&Interval::point(dec!(3.04))));
/// # Ok::<(), cn_budget::AmountError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Interval {
    lo: Decimal,
    hi: Decimal,
    lo_closed: bool,
    hi_closed: bool,
}

impl Interval {
    /// The interval `[value, value]`: an exact figure.
    pub const fn point(value: Decimal) -> Interval {
        Interval {
            lo: value,
            hi: value,
            lo_closed: true,
            hi_closed: true,
        }
    }

    /// The closed interval `[lo, hi]`; an error if `lo > hi`.
    pub fn closed(lo: Decimal, hi: Decimal) -> Result<Interval, AmountError> {
        Interval::new(lo, true, hi, true)
    }

    /// An interval with the given bounds; an error if it would be empty (`lo > hi`, or
    /// `lo == hi` with an open bound).
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal::Decimal;
    /// assert!(Interval::new(Decimal::ONE, true, Decimal::ONE, false).is_err());
    /// ```
    pub fn new(
        lo: Decimal,
        lo_closed: bool,
        hi: Decimal,
        hi_closed: bool,
    ) -> Result<Interval, AmountError> {
        if lo > hi || (lo == hi && !(lo_closed && hi_closed)) {
            return Err(AmountError::EmptyInterval { lo, hi });
        }
        Ok(Interval {
            lo,
            hi,
            lo_closed,
            hi_closed,
        })
    }

    /// The lower bound.
    pub fn lo(&self) -> Decimal {
        self.lo
    }

    /// The upper bound.
    pub fn hi(&self) -> Decimal {
        self.hi
    }

    /// Whether the lower bound belongs to the interval.
    pub fn lo_closed(&self) -> bool {
        self.lo_closed
    }

    /// Whether the upper bound belongs to the interval.
    pub fn hi_closed(&self) -> bool {
        self.hi_closed
    }

    /// Half the width: the tolerance this interval contributes around its midpoint.
    pub fn half_width(&self) -> Decimal {
        (self.hi - self.lo) / Decimal::TWO
    }

    /// Whether `value` lies in the interval.
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// let i = Interval::new(dec!(1), true, dec!(2), false)?;
    /// assert!(i.contains(dec!(1)) && !i.contains(dec!(2)));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn contains(&self, value: Decimal) -> bool {
        let above = value > self.lo || (value == self.lo && self.lo_closed);
        let below = value < self.hi || (value == self.hi && self.hi_closed);
        above && below
    }

    /// The sum of two intervals: `[a.lo + b.lo, a.hi + b.hi]`, a bound closed only when both
    /// addends' bounds are closed.
    pub fn checked_add(&self, other: &Interval) -> Result<Interval, AmountError> {
        Ok(Interval {
            lo: self.lo.checked_add(other.lo).ok_or(AmountError::Overflow)?,
            hi: self.hi.checked_add(other.hi).ok_or(AmountError::Overflow)?,
            lo_closed: self.lo_closed && other.lo_closed,
            hi_closed: self.hi_closed && other.hi_closed,
        })
    }

    /// The interval of `-x` for `x` in this interval.
    pub fn neg(&self) -> Interval {
        Interval {
            lo: -self.hi,
            hi: -self.lo,
            lo_closed: self.hi_closed,
            hi_closed: self.lo_closed,
        }
    }

    /// The difference `self - other` of two intervals.
    pub fn checked_sub(&self, other: &Interval) -> Result<Interval, AmountError> {
        self.checked_add(&other.neg())
    }

    /// The interval scaled by an exact factor (a weight such as −1, or a unit conversion).
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// let i = Interval::closed(dec!(1), dec!(2))?.checked_mul(dec!(-2))?;
    /// assert_eq!((i.lo(), i.hi()), (dec!(-4), dec!(-2)));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn checked_mul(&self, factor: Decimal) -> Result<Interval, AmountError> {
        let a = self.lo.checked_mul(factor).ok_or(AmountError::Overflow)?;
        let b = self.hi.checked_mul(factor).ok_or(AmountError::Overflow)?;
        Ok(if factor.is_sign_negative() && !factor.is_zero() {
            Interval {
                lo: b,
                hi: a,
                lo_closed: self.hi_closed,
                hi_closed: self.lo_closed,
            }
        } else if factor.is_zero() {
            Interval::point(Decimal::ZERO)
        } else {
            Interval {
                lo: a,
                hi: b,
                lo_closed: self.lo_closed,
                hi_closed: self.hi_closed,
            }
        })
    }

    /// The quotient `self / divisor` for a divisor interval that lies strictly above zero,
    /// widened outward by 10⁻²⁰ so that the rounding of decimal division can never make it
    /// too narrow. `None` when the divisor may be zero or negative (a zero base makes a
    /// ratio undefined).
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// let part = Interval::closed(dec!(1), dec!(2))?;
    /// let whole = Interval::closed(dec!(4), dec!(8))?;
    /// let q = part.checked_div(&whole).unwrap();
    /// assert!(q.contains(dec!(0.125)) && q.contains(dec!(0.5)));
    /// assert!(part.checked_div(&Interval::closed(dec!(0), dec!(1))?).is_none());
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn checked_div(&self, divisor: &Interval) -> Option<Interval> {
        if divisor.lo <= Decimal::ZERO {
            return None;
        }
        let eps = Decimal::new(1, 20);
        let candidates = [
            self.lo.checked_div(divisor.lo)?,
            self.lo.checked_div(divisor.hi)?,
            self.hi.checked_div(divisor.lo)?,
            self.hi.checked_div(divisor.hi)?,
        ];
        let lo = candidates.iter().copied().min()?.checked_sub(eps)?;
        let hi = candidates.iter().copied().max()?.checked_add(eps)?;
        Some(Interval {
            lo,
            hi,
            lo_closed: true,
            hi_closed: true,
        })
    }

    /// Whether the two intervals share at least one number.
    ///
    /// Where the bounds meet, they share it only if both are closed there.
    pub fn intersects(&self, other: &Interval) -> bool {
        let (lo, lo_closed) = if self.lo > other.lo {
            (self.lo, self.lo_closed)
        } else if other.lo > self.lo {
            (other.lo, other.lo_closed)
        } else {
            (self.lo, self.lo_closed && other.lo_closed)
        };
        let (hi, hi_closed) = if self.hi < other.hi {
            (self.hi, self.hi_closed)
        } else if other.hi < self.hi {
            (other.hi, other.hi_closed)
        } else {
            (self.hi, self.hi_closed && other.hi_closed)
        };
        lo < hi || (lo == hi && lo_closed && hi_closed)
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}, {}{}",
            if self.lo_closed { '[' } else { '(' },
            self.lo.normalize(),
            self.hi.normalize(),
            if self.hi_closed { ']' } else { ')' }
        )
    }
}
