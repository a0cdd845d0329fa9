//! Functional × economic cross-tabulation, from rows or from columns.

use super::columnar::{accumulate, validate, FixedColumn};
use super::fixed::{to_decimal, Accumulator, Scales};
use super::{PartialCrosstab, RollupError, Tree, NONE};
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
        let cells = acc.iter().map(|a| a.get(0)).collect();
        Crosstab::finish(rows, columns, cells, scales.as_slice()[0])
    }

    /// Cross-tabulates a column of row code values (e.g. functional 项, `2010601`) and a
    /// column of column code values (e.g. economic 款, `30101`) with one fixed-point amount
    /// column, on up to `threads` threads, by the same path as [`Tree::rollup_columns`]
    /// (direct-indexed lookups, blocks, exact integer sums). Memory:
    /// `(row nodes + 1) × (column nodes + 1) × 24` bytes per thread.
    ///
    /// ```
    /// use cn_budget::tree::{Crosstab, FixedColumn, RollupError, Tree};
    /// use cn_budget::{Catalog, EconomicCode, FunctionCode};
    /// use rust_decimal_macros::dec;
    /// let edition = Catalog::edition(2024)?;
    /// let functions = Tree::from_list(edition.functional());
    /// let economics = Tree::from_list(edition.economic());
    /// let (f, e) = ([2010601_u32, 2010601, 2010650], [30101_u32, 30201, 30101]);
    /// let cents = [55375_i64, 2040, 10000];
    /// let amount = FixedColumn::I64 { values: &cents, scale: 2 };
    /// let table = Crosstab::from_columns(&functions, &economics, &f, &e, amount, 2)?;
    /// assert_eq!(table.get("20106".parse()?, "301".parse()?), Some(dec!(653.75)));
    /// assert_eq!(table.grand_total(), dec!(674.15));
    /// let err = Crosstab::from_columns(&functions, &economics, &f, &[30101, 30100, 30101], amount, 1);
    /// assert_eq!(err.unwrap_err(), RollupError::UnknownCode { row: 1, code: "30100".into() });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_columns(
        rows: &'t Tree<R>,
        columns: &'t Tree<K>,
        row_codes: &[u32],
        column_codes: &[u32],
        amount: FixedColumn<'_>,
        threads: usize,
    ) -> Result<Crosstab<'t, R, K>, RollupError> {
        let (sums, stride) = cell_sums(rows, columns, row_codes, column_codes, amount, threads)?;
        let width = columns.len();
        let mut cells = vec![0i128; rows.len() * width];
        for (r, out) in cells.chunks_exact_mut(width.max(1)).enumerate() {
            if width > 0 {
                out.copy_from_slice(&sums.columns[0][r * stride..r * stride + width]);
            }
        }
        Crosstab::finish(rows, columns, cells, amount.scale())
    }

    /// Like [`Crosstab::from_columns`], but keeps the result as a mergeable, serializable
    /// [`PartialCrosstab`] of the pairs of codes that had rows.
    ///
    /// ```
    /// use cn_budget::tree::{Crosstab, FixedColumn, Tree};
    /// use cn_budget::{EconomicCode, FunctionCode};
    /// let functions = Tree::from_codes(["2010601".parse::<FunctionCode>()?]);
    /// let economics = Tree::from_codes(["30101".parse::<EconomicCode>()?]);
    /// let cents = [1_i64, 2];
    /// let amount = FixedColumn::I64 { values: &cents, scale: 2 };
    /// let p = Crosstab::partial_columns(&functions, &economics, &[2010601, 2010601], &[30101, 30101], amount, 1)?;
    /// assert_eq!(p.iter().map(|(_, _, n, s)| (n, s)).collect::<Vec<_>>(), [(2, 3)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn partial_columns(
        rows: &Tree<R>,
        columns: &Tree<K>,
        row_codes: &[u32],
        column_codes: &[u32],
        amount: FixedColumn<'_>,
        threads: usize,
    ) -> Result<PartialCrosstab<R, K>, RollupError> {
        let (sums, stride) = cell_sums(rows, columns, row_codes, column_codes, amount, threads)?;
        let entries = (0..rows.len()).flat_map(|r| {
            let sums = &sums;
            (0..columns.len()).filter_map(move |k| {
                let cell = r * stride + k;
                (sums.counts[cell] > 0).then(|| {
                    (
                        rows.codes[r],
                        columns.codes[k],
                        sums.counts[cell],
                        sums.columns[0][cell],
                    )
                })
            })
        });
        PartialCrosstab::from_entries(amount.scale(), row_codes.len() as u64, entries)
    }

    /// The crosstab from each cell's own sums (`rows × columns` mantissas at `scale`):
    /// rolls the cells up along both trees and adds the margins.
    pub(super) fn finish(
        rows: &'t Tree<R>,
        columns: &'t Tree<K>,
        cells: Vec<i128>,
        scale: u32,
    ) -> Result<Crosstab<'t, R, K>, RollupError> {
        let width = columns.len();
        let mut acc: Vec<Accumulator<1>> = cells.iter().map(|&m| Accumulator::of(m)).collect();
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
            v.iter().map(|a| to_decimal(a.get(0), scale, 0)).collect()
        };
        Ok(Crosstab {
            rows,
            columns,
            cells: convert(&acc)?,
            row_totals: convert(&row_acc)?,
            column_totals: convert(&column_acc)?,
            grand_total: to_decimal(grand.get(0), scale, 0)?,
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

/// The sums of every cell `(row node, column node)` of the rows, with a sentinel row and
/// column for codes outside the trees; returns them and the row stride (`columns + 1`).
fn cell_sums<R: Code, K: Code>(
    rows: &Tree<R>,
    columns: &Tree<K>,
    row_codes: &[u32],
    column_codes: &[u32],
    amount: FixedColumn<'_>,
    threads: usize,
) -> Result<(super::columnar::Sums, usize), RollupError> {
    if column_codes.len() != row_codes.len() {
        return Err(RollupError::CodeColumnLength {
            expected: row_codes.len(),
            found: column_codes.len(),
        });
    }
    validate(row_codes.len(), &[amount])?;
    let (ri, ki) = (rows.values(), columns.values());
    let stride = ki.sentinel() as usize + 1;
    let cells = (ri.sentinel() as usize + 1) * stride;
    let result = accumulate(row_codes.len(), cells, &[amount], threads, |range, out| {
        let pairs = row_codes[range.clone()].iter().zip(&column_codes[range]);
        for (o, (&r, &k)) in out.iter_mut().zip(pairs) {
            *o = ri.node(r) * stride as u32 + ki.node(k);
        }
    });
    let unknown = || {
        row_codes
            .iter()
            .zip(column_codes)
            .enumerate()
            .find_map(|(row, (&r, &k))| {
                let code = if ri.node(r) == ri.sentinel() {
                    r
                } else if ki.node(k) == ki.sentinel() {
                    k
                } else {
                    return None;
                };
                Some(RollupError::UnknownCode {
                    row,
                    code: code.to_string(),
                })
            })
    };
    match result {
        Err(e) => Err(unknown().unwrap_or(e)),
        Ok(sums) => match unknown_counted(&sums.counts, stride)
            .then(unknown)
            .flatten()
        {
            Some(e) => Err(e),
            None => Ok((sums, stride)),
        },
    }
}

/// Whether any row fell in the sentinel row or the sentinel column.
fn unknown_counted(counts: &[u64], stride: usize) -> bool {
    let last_row = &counts[counts.len() - stride..];
    last_row.iter().any(|&n| n > 0) || counts.chunks_exact(stride).any(|r| r[stride - 1] > 0)
}
