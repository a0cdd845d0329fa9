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
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(
        try_from = "serde_repr::IntervalRepr",
        into = "serde_repr::IntervalRepr"
    )
)]
pub struct Interval {
    lo: Decimal,
    hi: Decimal,
    lo_closed: bool,
    hi_closed: bool,
}

impl Interval {
    /// The interval `[value, value]`: an exact figure.
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// let p = Interval::point(dec!(2230.78));
    /// assert!(p.contains(dec!(2230.78)) && !p.contains(dec!(2230.79)));
    /// assert_eq!(p.to_string(), "[2230.78, 2230.78]");
    /// ```
    pub const fn point(value: Decimal) -> Interval {
        Interval {
            lo: value,
            hi: value,
            lo_closed: true,
            hi_closed: true,
        }
    }

    /// The closed interval `[lo, hi]`; an error if `lo > hi`.
    ///
    /// ```
    /// use cn_budget::{AmountError, Interval};
    /// use rust_decimal_macros::dec;
    /// let i = Interval::closed(dec!(5.075), dec!(5.085))?;
    /// assert!(i.contains(dec!(5.075)) && i.contains(dec!(5.085)));
    /// assert_eq!(
    ///     Interval::closed(dec!(2), dec!(1)),
    ///     Err(AmountError::EmptyInterval { lo: dec!(2), hi: dec!(1) })
    /// );
    /// # Ok::<(), AmountError>(())
    /// ```
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
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Interval::closed(dec!(5.075), dec!(5.085))?.lo(), dec!(5.075));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn lo(&self) -> Decimal {
        self.lo
    }

    /// The upper bound.
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Interval::closed(dec!(5.075), dec!(5.085))?.hi(), dec!(5.085));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn hi(&self) -> Decimal {
        self.hi
    }

    /// Whether the lower bound belongs to the interval.
    ///
    /// ```
    /// use cn_budget::{Amount, Rounding, Unit};
    /// // A truncated negative figure: (−5.09, −5.08].
    /// let i = Amount::parse("-5.08", Unit::Yuan)?.interval(Rounding::Truncation)?;
    /// assert!(!i.lo_closed() && i.hi_closed());
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn lo_closed(&self) -> bool {
        self.lo_closed
    }

    /// Whether the upper bound belongs to the interval.
    ///
    /// ```
    /// use cn_budget::{Amount, Rounding, Unit};
    /// // A truncated positive figure: [5.08, 5.09).
    /// let i = Amount::parse("5.08", Unit::Yuan)?.interval(Rounding::Truncation)?;
    /// assert!(i.lo_closed() && !i.hi_closed());
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn hi_closed(&self) -> bool {
        self.hi_closed
    }

    /// Half the width: the tolerance this interval contributes around its midpoint.
    ///
    /// ```
    /// use cn_budget::{Amount, Rounding, Unit};
    /// use rust_decimal_macros::dec;
    /// let i = Amount::parse("4789.53", Unit::TenThousandYuan)?.interval(Rounding::Nearest)?;
    /// assert_eq!(i.half_width(), dec!(0.005));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn half_width(&self) -> Decimal {
        match self.hi.checked_sub(self.lo) {
            Some(width) => width / Decimal::TWO,
            // Bounds near the limits of Decimal: halve first, which cannot overflow.
            None => self.hi / Decimal::TWO - self.lo / Decimal::TWO,
        }
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
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// let closed = Interval::closed(dec!(1), dec!(2))?;
    /// let half_open = Interval::new(dec!(10), true, dec!(11), false)?;
    /// let sum = closed.checked_add(&half_open)?;
    /// assert_eq!(sum.to_string(), "[11, 13)");
    /// assert!(Interval::point(rust_decimal::Decimal::MAX).checked_add(&closed).is_err());
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn checked_add(&self, other: &Interval) -> Result<Interval, AmountError> {
        Ok(Interval {
            lo: self.lo.checked_add(other.lo).ok_or(AmountError::Overflow)?,
            hi: self.hi.checked_add(other.hi).ok_or(AmountError::Overflow)?,
            lo_closed: self.lo_closed && other.lo_closed,
            hi_closed: self.hi_closed && other.hi_closed,
        })
    }

    /// The interval of `-x` for `x` in this interval.
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// let i = Interval::new(dec!(5.08), true, dec!(5.09), false)?;
    /// assert_eq!(i.neg().to_string(), "(-5.09, -5.08]");
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
    pub fn neg(&self) -> Interval {
        Interval {
            lo: -self.hi,
            hi: -self.lo,
            lo_closed: self.hi_closed,
            hi_closed: self.lo_closed,
        }
    }

    /// The difference `self - other` of two intervals.
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// let total = Interval::closed(dec!(202.865), dec!(202.875))?;
    /// let part = Interval::closed(dec!(197.775), dec!(197.785))?;
    /// // What the other parts must add up to: [5.08, 5.10].
    /// assert_eq!(total.checked_sub(&part)?.to_string(), "[5.08, 5.1]");
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
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
    /// too narrow. The result is always closed. `None` when the divisor's lower bound is zero
    /// or negative, even if that bound is open (a zero base makes a ratio undefined), and
    /// when the division overflows.
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
    ///
    /// ```
    /// use cn_budget::Interval;
    /// use rust_decimal_macros::dec;
    /// let a = Interval::closed(dec!(1), dec!(2))?;
    /// assert!(a.intersects(&Interval::closed(dec!(2), dec!(3))?));
    /// assert!(!a.intersects(&Interval::new(dec!(2), false, dec!(3), true)?));
    /// assert!(!a.intersects(&Interval::point(dec!(2.01))));
    /// # Ok::<(), cn_budget::AmountError>(())
    /// ```
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

#[cfg(feature = "serde")]
mod serde_repr {
    use super::{AmountError, Interval};
    use rust_decimal::Decimal;

    /// The serialized form; deserialization validates like [`Interval::new`].
    #[derive(serde::Serialize, serde::Deserialize)]
    pub(super) struct IntervalRepr {
        lo: Decimal,
        hi: Decimal,
        lo_closed: bool,
        hi_closed: bool,
    }

    impl TryFrom<IntervalRepr> for Interval {
        type Error = AmountError;
        fn try_from(r: IntervalRepr) -> Result<Interval, AmountError> {
            Interval::new(r.lo, r.lo_closed, r.hi, r.hi_closed)
        }
    }

    impl From<Interval> for IntervalRepr {
        fn from(i: Interval) -> IntervalRepr {
            IntervalRepr {
                lo: i.lo,
                hi: i.hi,
                lo_closed: i.lo_closed,
                hi_closed: i.hi_closed,
            }
        }
    }
}
