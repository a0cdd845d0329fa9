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
            // Bounds near the limits of Decimal: halve first. The halves are rounded to 28–29
            // digits and can sum past Decimal::MAX ([MIN, MAX] did, and panicked); the true
            // half-width is at most MAX, so saturating is exact to within that rounding.
            None => (self.hi / Decimal::TWO).saturating_sub(self.lo / Decimal::TWO),
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn iv(lo: Decimal, lo_closed: bool, hi: Decimal, hi_closed: bool) -> Interval {
        Interval::new(lo, lo_closed, hi, hi_closed).unwrap()
    }

    #[test]
    fn new_accepts_a_point_only_when_both_bounds_are_closed() {
        assert_eq!(iv(dec!(1), true, dec!(1), true), Interval::point(dec!(1)));
        for (lo_closed, hi_closed) in [(false, true), (true, false), (false, false)] {
            assert_eq!(
                Interval::new(dec!(1), lo_closed, dec!(1), hi_closed),
                Err(AmountError::EmptyInterval {
                    lo: dec!(1),
                    hi: dec!(1)
                })
            );
        }
    }

    #[test]
    fn new_accepts_open_bounds_that_do_not_meet_and_refuses_reversed_bounds() {
        let open = iv(dec!(1), false, dec!(2), false);
        assert_eq!(
            (open.lo(), open.hi(), open.lo_closed(), open.hi_closed()),
            (dec!(1), dec!(2), false, false)
        );
        assert!(Interval::new(dec!(2), true, dec!(1), true).is_err());
        assert!(Interval::closed(dec!(2), dec!(1)).is_err());
        let closed = Interval::closed(dec!(-1), dec!(2)).unwrap();
        assert_eq!(
            (
                closed.lo(),
                closed.hi(),
                closed.lo_closed(),
                closed.hi_closed()
            ),
            (dec!(-1), dec!(2), true, true)
        );
    }

    #[test]
    fn half_width_is_half_the_distance_between_the_bounds() {
        assert_eq!(
            Interval::closed(dec!(5.075), dec!(5.085))
                .unwrap()
                .half_width(),
            dec!(0.005)
        );
        assert_eq!(
            Interval::closed(dec!(-3), dec!(4)).unwrap().half_width(),
            dec!(3.5)
        );
        assert_eq!(Interval::point(dec!(7)).half_width(), Decimal::ZERO);
    }

    #[test]
    fn half_width_of_bounds_too_far_apart_to_subtract_is_computed_without_overflow() {
        // MAX − MIN overflows; the fallback halves each bound first.
        let whole = Interval::closed(Decimal::MIN, Decimal::MAX).unwrap();
        assert_eq!(whole.half_width(), Decimal::MAX);
        let i =
            Interval::closed(-Decimal::MAX / Decimal::TWO - Decimal::ONE, Decimal::MAX).unwrap();
        let expected = Decimal::MAX / Decimal::TWO + Decimal::MAX / dec!(4);
        assert!(
            (i.half_width() - expected).abs() <= Decimal::ONE,
            "{}",
            i.half_width()
        );
    }

    #[test]
    fn contains_a_closed_bound_but_not_an_open_one() {
        let half_open = iv(dec!(5.08), true, dec!(5.09), false);
        assert!(half_open.contains(dec!(5.08)));
        assert!(half_open.contains(dec!(5.085)));
        assert!(!half_open.contains(dec!(5.09)));
        let other = iv(dec!(-5.09), false, dec!(-5.08), true);
        assert!(!other.contains(dec!(-5.09)));
        assert!(other.contains(dec!(-5.08)));
    }

    #[test]
    fn contains_nothing_outside_either_bound() {
        let i = Interval::closed(dec!(1), dec!(2)).unwrap();
        assert!(!i.contains(dec!(0.99)));
        assert!(!i.contains(dec!(2.01)));
        assert!(i.contains(dec!(1)) && i.contains(dec!(2)));
    }

    #[test]
    fn checked_add_keeps_a_bound_closed_only_when_both_addends_are_closed_there() {
        let closed = Interval::closed(dec!(1), dec!(2)).unwrap();
        let open_hi = iv(dec!(10), true, dec!(11), false);
        let open_lo = iv(dec!(10), false, dec!(11), true);
        assert_eq!(
            closed.checked_add(&open_hi).unwrap(),
            iv(dec!(11), true, dec!(13), false)
        );
        assert_eq!(
            open_hi.checked_add(&closed).unwrap(),
            iv(dec!(11), true, dec!(13), false)
        );
        assert_eq!(
            closed.checked_add(&open_lo).unwrap(),
            iv(dec!(11), false, dec!(13), true)
        );
        assert_eq!(
            open_lo.checked_add(&closed).unwrap(),
            iv(dec!(11), false, dec!(13), true)
        );
        assert_eq!(
            closed.checked_add(&closed).unwrap(),
            Interval::closed(dec!(2), dec!(4)).unwrap()
        );
    }

    #[test]
    fn checked_add_reports_overflow_of_either_bound() {
        let one = Interval::closed(dec!(0), dec!(1)).unwrap();
        assert_eq!(
            Interval::point(Decimal::MAX).checked_add(&one),
            Err(AmountError::Overflow)
        );
        let low = Interval::closed(dec!(-1), dec!(0)).unwrap();
        assert_eq!(
            Interval::point(Decimal::MIN).checked_add(&low),
            Err(AmountError::Overflow)
        );
    }

    #[test]
    fn neg_mirrors_the_bounds_and_their_closedness() {
        let i = iv(dec!(5.08), true, dec!(5.09), false);
        assert_eq!(i.neg(), iv(dec!(-5.09), false, dec!(-5.08), true));
    }

    #[test]
    fn checked_sub_adds_the_mirrored_interval() {
        let total = iv(dec!(10), true, dec!(11), false);
        let part = iv(dec!(1), true, dec!(2), false);
        // [10, 11) − [1, 2) = (8, 10).
        assert_eq!(
            total.checked_sub(&part).unwrap(),
            iv(dec!(8), false, dec!(10), false)
        );
    }

    #[test]
    fn checked_mul_by_a_positive_factor_keeps_the_order_of_the_bounds() {
        let i = iv(dec!(1), true, dec!(2), false);
        assert_eq!(
            i.checked_mul(dec!(3)).unwrap(),
            iv(dec!(3), true, dec!(6), false)
        );
    }

    #[test]
    fn checked_mul_by_a_negative_factor_swaps_the_bounds_and_their_closedness() {
        let i = iv(dec!(1), true, dec!(2), false);
        assert_eq!(
            i.checked_mul(dec!(-3)).unwrap(),
            iv(dec!(-6), false, dec!(-3), true)
        );
    }

    #[test]
    fn checked_mul_by_zero_is_the_exact_zero_whatever_the_closedness() {
        let i = iv(dec!(1), true, dec!(2), false);
        assert_eq!(
            i.checked_mul(Decimal::ZERO).unwrap(),
            Interval::point(Decimal::ZERO)
        );
        let negative_zero = -Decimal::ZERO;
        assert_eq!(
            i.checked_mul(negative_zero).unwrap(),
            Interval::point(Decimal::ZERO)
        );
        assert!(i.checked_mul(negative_zero).unwrap().lo_closed());
    }

    #[test]
    fn checked_mul_reports_overflow() {
        let i = Interval::closed(dec!(1), Decimal::MAX).unwrap();
        assert_eq!(i.checked_mul(dec!(2)), Err(AmountError::Overflow));
        let j = Interval::closed(Decimal::MIN, dec!(1)).unwrap();
        assert_eq!(j.checked_mul(dec!(2)), Err(AmountError::Overflow));
    }

    #[test]
    fn checked_div_widens_the_extreme_quotients_by_ten_to_the_minus_twenty() {
        let part = iv(dec!(1), true, dec!(2), false);
        let whole = Interval::closed(dec!(4), dec!(8)).unwrap();
        let eps = Decimal::new(1, 20);
        assert_eq!(
            part.checked_div(&whole),
            Some(Interval::closed(dec!(0.125) - eps, dec!(0.5) + eps).unwrap())
        );
        let negative = Interval::closed(dec!(-2), dec!(1)).unwrap();
        assert_eq!(
            negative.checked_div(&whole),
            Some(Interval::closed(dec!(-0.5) - eps, dec!(0.25) + eps).unwrap())
        );
    }

    #[test]
    fn checked_div_refuses_a_divisor_that_reaches_zero_or_below() {
        let part = Interval::closed(dec!(1), dec!(2)).unwrap();
        assert!(part
            .checked_div(&Interval::closed(dec!(0), dec!(1)).unwrap())
            .is_none());
        assert!(part
            .checked_div(&iv(dec!(0), false, dec!(1), true))
            .is_none());
        assert!(part
            .checked_div(&Interval::closed(dec!(-1), dec!(1)).unwrap())
            .is_none());
        assert!(part
            .checked_div(&Interval::closed(dec!(0.01), dec!(1)).unwrap())
            .is_some());
    }

    #[test]
    fn checked_div_is_none_when_a_quotient_overflows() {
        let big = Interval::closed(dec!(1), Decimal::MAX).unwrap();
        let tiny = Interval::closed(dec!(0.0001), dec!(1)).unwrap();
        assert!(big.checked_div(&tiny).is_none());
    }

    #[test]
    fn intersects_overlapping_and_nested_intervals() {
        let a = Interval::closed(dec!(1), dec!(3)).unwrap();
        let b = iv(dec!(2), false, dec!(4), false);
        let inner = iv(dec!(1.5), false, dec!(2.5), false);
        for (x, y) in [(a, b), (b, a), (a, inner), (inner, a)] {
            assert!(x.intersects(&y), "{x} {y}");
        }
    }

    #[test]
    fn intersects_nothing_beyond_either_side() {
        let a = Interval::closed(dec!(1), dec!(2)).unwrap();
        let far = Interval::closed(dec!(5), dec!(6)).unwrap();
        assert!(!a.intersects(&far) && !far.intersects(&a));
        let just_above = Interval::point(dec!(2.01));
        assert!(!a.intersects(&just_above) && !just_above.intersects(&a));
    }

    #[test]
    fn bounds_meeting_intersect_only_when_both_are_closed() {
        let a = Interval::closed(dec!(1), dec!(2)).unwrap();
        let closed_next = Interval::closed(dec!(2), dec!(3)).unwrap();
        let open_next = iv(dec!(2), false, dec!(3), true);
        let a_open = iv(dec!(1), true, dec!(2), false);
        for (x, y, meets) in [
            (a, closed_next, true),
            (a, open_next, false),
            (a_open, closed_next, false),
        ] {
            assert_eq!(x.intersects(&y), meets, "{x} {y}");
            assert_eq!(y.intersects(&x), meets, "{y} {x}");
        }
    }

    #[test]
    fn a_point_on_an_open_bound_shared_with_the_other_interval_is_outside_it() {
        // Equal lower bounds: the intersection's lower bound is closed only if both are.
        let point = Interval::point(dec!(1));
        let open_lo = iv(dec!(1), false, dec!(3), true);
        assert!(!point.intersects(&open_lo) && !open_lo.intersects(&point));
        // Equal upper bounds, the same for the upper bound.
        let point = Interval::point(dec!(3));
        let open_hi = iv(dec!(1), true, dec!(3), false);
        assert!(!point.intersects(&open_hi) && !open_hi.intersects(&point));
        // Both closed: they share the point.
        let closed = Interval::closed(dec!(1), dec!(3)).unwrap();
        assert!(point.intersects(&closed) && closed.intersects(&point));
        assert!(Interval::point(dec!(1)).intersects(&closed));
    }

    #[test]
    fn truncated_figures_meeting_at_an_open_bound_do_not_intersect() {
        // Truncated 5.08 is [5.08, 5.09); 5.09 is [5.09, 5.10): no common value.
        let a = iv(dec!(5.08), true, dec!(5.09), false);
        let b = iv(dec!(5.09), true, dec!(5.10), false);
        assert!(!a.intersects(&b) && !b.intersects(&a));
        // The same upper bound, open on both: they still overlap below it.
        let c = iv(dec!(5.085), true, dec!(5.09), false);
        assert!(a.intersects(&c) && c.intersects(&a));
    }

    #[test]
    fn display_marks_closed_bounds_with_brackets_and_open_ones_with_parentheses() {
        assert_eq!(iv(dec!(1.50), true, dec!(2), false).to_string(), "[1.5, 2)");
        assert_eq!(
            iv(dec!(-2), false, dec!(-1.0), true).to_string(),
            "(-2, -1]"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_round_trips_and_refuses_an_empty_interval() {
        let i = iv(dec!(1), true, dec!(2), false);
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(serde_json::from_str::<Interval>(&json).unwrap(), i);
        let empty = r#"{"lo":"2","hi":"1","lo_closed":true,"hi_closed":true}"#;
        assert!(serde_json::from_str::<Interval>(empty).is_err());
    }
}
