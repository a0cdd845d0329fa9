//! The shape of one node's amounts in a [`super::Rollup`].

use rust_decimal::Decimal;

mod sealed {
    pub trait Sealed {}
    impl<const N: usize> Sealed for [rust_decimal::Decimal; N] {}
    impl Sealed for [rust_decimal::Decimal] {}
}

/// How a [`super::Rollup`] shows one node's amounts: `[Decimal; N]` when the number of
/// columns is known at compile time ([`super::Tree::rollup`]), `[Decimal]` when it is known
/// only at run time ([`super::Tree::rollup_columns`]). Sealed: these are the only two.
///
/// ```
/// use cn_budget::{tree::{FixedColumn, Tree}, FunctionCode};
/// use rust_decimal_macros::dec;
/// let code: FunctionCode = "2010601".parse()?;
/// let tree = Tree::from_codes([code]);
/// // Compile-time width: a node's totals are an array.
/// let rows = [(code, [dec!(1.25)])];
/// let by_rows = tree.rollup(&rows)?;
/// let fixed: &[rust_decimal::Decimal; 1] = by_rows.grand_total();
/// assert_eq!(fixed, &[dec!(1.25)]);
/// // Run-time width: a slice, with the same values.
/// let cents = [125_i64];
/// let rollup = tree.rollup_columns(&[2010601], &[FixedColumn::I64 { values: &cents, scale: 2 }], 1)?;
/// let slice: &[rust_decimal::Decimal] = rollup.grand_total();
/// assert_eq!(slice, fixed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Amounts: sealed::Sealed {
    /// This shape over `width` totals (the rollup always passes its own width).
    #[doc(hidden)]
    fn view(totals: &[Decimal]) -> &Self;
}

impl<const N: usize> Amounts for [Decimal; N] {
    fn view(totals: &[Decimal]) -> &Self {
        totals.try_into().expect("a rollup of N columns")
    }
}

impl Amounts for [Decimal] {
    fn view(totals: &[Decimal]) -> &Self {
        totals
    }
}
