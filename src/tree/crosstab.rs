use super::fixed::{Accumulator, Scales};
use super::{RollupError, Tree, NONE};
use crate::Code;
use rust_decimal::Decimal;

/// A two-way table of amounts, e.g. functional × economic, rolled up along both trees.
///
/// Cell `(r, k)` holds the sum over all rows whose row code lies under `r` and whose column
/// code lies under `k`, so every 类/款/项 × 类/款 combination can be read directly.
///
/// ```
/// use cn_budget::{tree::{Crosstab, Tree}, EconomicCode, FunctionCode};
/// use rust_decimal_macros::dec;
/// let f = |s: &str| s.parse::<FunctionCode>().unwrap();
/// let e = |s: &str| s.parse::<EconomicCode>().unwrap();
/// let rows = [
///     (f("2010601"), e("30101"), dec!(553.75)),
///     (f("2010601"), e("30201"), dec!(20.40)),
///     (f("2010650"), e("30101"), dec!(100.00)),
/// ];
/// let functions = Tree::from_codes(rows.iter().map(|r| r.0));
/// let economics = Tree::from_codes(rows.iter().map(|r| r.1));
/// let table = Crosstab::build(&functions, &economics, &rows)?;
/// assert_eq!(table.get(f("20106"), e("301")), Some(dec!(653.75)));
/// assert_eq!(table.row_total(f("2010601")), Some(dec!(574.15)));
/// assert_eq!(table.column_total(e("302")), Some(dec!(20.40)));
/// assert_eq!(table.grand_total(), dec!(674.15));
/// # Ok::<(), cn_budget::tree::RollupError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Crosstab<'t, R, K> {
    rows: &'t Tree<R>,
    columns: &'t Tree<K>,
    cells: Vec<Decimal>,
    row_totals: Vec<Decimal>,
    column_totals: Vec<Decimal>,
    grand_total: Decimal,
}

impl<'t, R: Code, K: Code> Crosstab<'t, R, K> {
    /// Cross-tabulates `(row code, column code, amount)` triples and rolls the result up
    /// along both trees. O(rows + row nodes × column nodes).
    pub fn build(
        rows: &'t Tree<R>,
        columns: &'t Tree<K>,
        data: &[(R, K, Decimal)],
    ) -> Result<Crosstab<'t, R, K>, RollupError> {
        let width = columns.len();
        let mut acc = vec![Accumulator::<1>::default(); rows.len() * width];
        let mut scales = Scales::<1>::default();
        for (i, (r, k, amount)) in data.iter().enumerate() {
            let unknown = |code: String| RollupError::UnknownCode { row: i, code };
            let ri = rows.node(*r).ok_or_else(|| unknown(r.to_string()))?.index();
            let ki = columns
                .node(*k)
                .ok_or_else(|| unknown(k.to_string()))?
                .index();
            let m = scales.mantissa(0, *amount, &mut acc)?;
            acc[ri * width + ki].add(0, m)?;
        }
        for r in (0..rows.len()).rev() {
            let p = rows.parent[r];
            if p != NONE {
                for k in 0..width {
                    let v = acc[r * width + k];
                    acc[p as usize * width + k].add_all(&v)?;
                }
            }
        }
        for k in (0..width).rev() {
            let p = columns.parent[k];
            if p != NONE {
                for r in 0..rows.len() {
                    let v = acc[r * width + k];
                    acc[r * width + p as usize].add_all(&v)?;
                }
            }
        }
        let mut row_acc = vec![Accumulator::<1>::default(); rows.len()];
        let mut column_acc = vec![Accumulator::<1>::default(); width];
        let mut grand = Accumulator::<1>::default();
        for r in 0..rows.len() {
            for k in 0..width {
                let v = acc[r * width + k];
                if columns.parent[k] == NONE {
                    row_acc[r].add_all(&v)?;
                    if rows.parent[r] == NONE {
                        grand.add_all(&v)?;
                    }
                }
                if rows.parent[r] == NONE {
                    column_acc[k].add_all(&v)?;
                }
            }
        }
        let convert = |v: &[Accumulator<1>]| -> Result<Vec<Decimal>, RollupError> {
            v.iter().map(|a| scales.decimal(0, a.get(0))).collect()
        };
        Ok(Crosstab {
            rows,
            columns,
            cells: convert(&acc)?,
            row_totals: convert(&row_acc)?,
            column_totals: convert(&column_acc)?,
            grand_total: scales.decimal(0, grand.get(0))?,
        })
    }

    /// The amount under row code `r` and column code `k`, if both trees hold them.
    pub fn get(&self, r: R, k: K) -> Option<Decimal> {
        let ri = self.rows.node(r)?.index();
        let ki = self.columns.node(k)?.index();
        Some(self.cells[ri * self.columns.len() + ki])
    }

    /// The total of a row code over all columns.
    pub fn row_total(&self, r: R) -> Option<Decimal> {
        Some(self.row_totals[self.rows.node(r)?.index()])
    }

    /// The total of a column code over all rows.
    pub fn column_total(&self, k: K) -> Option<Decimal> {
        Some(self.column_totals[self.columns.node(k)?.index()])
    }

    /// The total of everything.
    pub fn grand_total(&self) -> Decimal {
        self.grand_total
    }
}
