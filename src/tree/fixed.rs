//! Exact fixed-point accumulation for the rollup hot loop.

use super::{Decimal, RollupError};

/// `N` running sums as `i128` mantissas at the column scales of a [`Scales`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Accumulator<const N: usize>([i128; N]);

impl<const N: usize> Default for Accumulator<N> {
    fn default() -> Self {
        Accumulator([0; N])
    }
}

impl Accumulator<1> {
    /// An accumulator holding `mantissa` in its only column.
    pub(super) fn of(mantissa: i128) -> Accumulator<1> {
        Accumulator([mantissa])
    }
}

impl<const N: usize> Accumulator<N> {
    #[inline]
    pub(super) fn add(&mut self, column: usize, mantissa: i128) -> Result<(), RollupError> {
        let slot = &mut self.0[column];
        *slot = slot
            .checked_add(mantissa)
            .ok_or(RollupError::Overflow { column })?;
        Ok(())
    }

    pub(super) fn add_all(&mut self, other: &Accumulator<N>) -> Result<(), RollupError> {
        for (column, &m) in other.0.iter().enumerate() {
            self.add(column, m)?;
        }
        Ok(())
    }

    pub(super) fn get(&self, column: usize) -> i128 {
        self.0[column]
    }

    /// The `N` mantissas.
    pub(super) fn mantissas(&self) -> [i128; N] {
        self.0
    }
}

/// The scale of each column: the largest decimal scale seen so far. When a finer amount
/// arrives, every accumulator of that column is rescaled (at most 28 times per column).
#[derive(Clone, Copy, Debug)]
pub(super) struct Scales<const N: usize>([u32; N]);

impl<const N: usize> Default for Scales<N> {
    fn default() -> Self {
        Scales([0; N])
    }
}

/// The largest scale a [`Decimal`] can carry.
pub(super) const MAX_SCALE: u32 = 28;

pub(super) const POW10: [i128; 29] = {
    let mut t = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

impl<const N: usize> Scales<N> {
    /// The mantissa of `amount` at the column's scale, raising the scale (and rescaling the
    /// accumulators) when `amount` is finer.
    #[inline]
    pub(super) fn mantissa(
        &mut self,
        column: usize,
        amount: Decimal,
        acc: &mut [Accumulator<N>],
    ) -> Result<i128, RollupError> {
        let scale = amount.scale();
        let current = self.0[column];
        if scale == current {
            return Ok(amount.mantissa());
        }
        let overflow = RollupError::Overflow { column };
        if scale < current {
            return amount
                .mantissa()
                .checked_mul(POW10[(current - scale) as usize])
                .ok_or(overflow);
        }
        let factor = POW10[(scale - current) as usize];
        for a in acc.iter_mut() {
            a.0[column] = a.0[column].checked_mul(factor).ok_or(overflow.clone())?;
        }
        self.0[column] = scale;
        Ok(amount.mantissa())
    }

    /// The scale of every column.
    pub(super) fn as_slice(&self) -> &[u32] {
        &self.0
    }
}

/// The decimal of a mantissa at a scale (at most [`MAX_SCALE`]), for column `column`.
pub(super) fn to_decimal(
    mantissa: i128,
    scale: u32,
    column: usize,
) -> Result<Decimal, RollupError> {
    if let Ok(d) = Decimal::try_from_i128_with_scale(mantissa, scale) {
        // The sum keeps the finest scale of the column's inputs.
        return Ok(d);
    }
    // Too many digits for a Decimal at that scale: drop trailing zeros the value does
    // not need (a large sum next to a fine-scale zero), never significant digits.
    let (mut m, mut scale) = (mantissa, scale);
    while scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(m, scale).map_err(|_| RollupError::Overflow { column })
}

/// `mantissa` (at scale `from`) at the finer or equal scale `to`, checked.
pub(super) fn rescale(
    mantissa: i128,
    from: u32,
    to: u32,
    column: usize,
) -> Result<i128, RollupError> {
    mantissa
        .checked_mul(POW10[(to - from) as usize])
        .ok_or(RollupError::Overflow { column })
}
