//! The columnar rollup: a column of code values and any number of fixed-point amount
//! columns, summed up the tree at memory speed, on one or several threads.
//!
//! The input is borrowed as it lies in memory (an Arrow `UInt32`/`Int64`/`Decimal128`
//! buffer, a slice of a memory-mapped file): codes as their printed value read as an
//! integer (`2010601`, `20106`, `201`; `30101`, `501`), amounts as [`FixedColumn`]s of exact
//! integers at a declared scale (`123456` at scale 2 is 1234.56). Nothing per row is stored;
//! the memory used is `(nodes + 1) × (columns × 16 + 8)` bytes per thread.
//!
//! How it goes fast, and stays exact:
//! - **No hashing, no branch per row for lookup**: a direct-indexed table from the code
//!   value to its node (built once per [`Tree`]); values not in the tree clamp to a sentinel
//!   node that is accumulated like any other and checked once at the end (only then, on
//!   the error path, are the rows scanned again to name the first unknown row).
//! - **Vectorised blocks**: the node indices of a block of 1024 rows are looked up first,
//!   then each amount column is added in its own tight loop, so the column's type (`i64`
//!   or `i128`) is decided once per block, not per cell.
//! - **Overflow**: `i64` amounts are summed into `i128` accumulators: a sum of fewer than
//!   2⁶⁴ values each below 2⁶³ in magnitude is below 2¹²⁷, so it cannot overflow (a slice
//!   cannot hold 2⁶⁴ rows). `i128` amounts use checked adds and report
//!   [`RollupError::Overflow`]. Merging threads and propagating up the tree use checked
//!   adds too; converting to [`rust_decimal::Decimal`] at the end reports a total beyond
//!   about 7.9·10²⁸ at the column's scale.
//! - **Threads**: the rows are cut into `threads` contiguous ranges, each summed into its
//!   own accumulators with [`std::thread::scope`]; the partial sums are then added. Integer
//!   addition is associative, so the result is identical for any number of threads.
//!
//! ```
//! use cn_budget::tree::{FixedColumn, Tree};
//! use cn_budget::{Catalog, Code, Level};
//! use rust_decimal_macros::dec;
//! let tree = Tree::from_list(Catalog::edition(2024)?.functional());
//! let codes = [2010601_u32, 2010602, 2080501, 2010601];
//! let paid = [188752_i64, 34326, 8376, 100]; // 分, scale 2
//! let staff = [3_i64, 1, 0, 1];              // head count, scale 0
//! let columns = [
//!     FixedColumn::I64 { values: &paid, scale: 2 },
//!     FixedColumn::I64 { values: &staff, scale: 0 },
//! ];
//! let rollup = tree.rollup_columns(&codes, &columns, 2)?;
//! assert_eq!(rollup.get("20106".parse()?), Some(&[dec!(2231.78), dec!(5)][..]));
//! assert_eq!(rollup.grand_total(), &[dec!(2315.54), dec!(5)][..]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::fixed::MAX_SCALE;
use super::{Rollup, RollupError, Tree};
use crate::Code;
use std::ops::Range;

/// One amount column as exact fixed-point integers: `values[i] / 10^scale` is row `i`'s
/// amount. Borrowed, so Arrow `Int64` and `Decimal128` buffers are used without copying.
///
/// ```
/// use cn_budget::tree::FixedColumn;
/// let cents = [123456_i64, -5];
/// let column = FixedColumn::I64 { values: &cents, scale: 2 }; // 1234.56 and -0.05
/// assert_eq!((column.len(), column.scale()), (2, 2));
/// let wide = [10_i128.pow(30)];
/// assert_eq!(FixedColumn::I128 { values: &wide, scale: 4 }.len(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixedColumn<'a> {
    /// 64-bit mantissas (e.g. 分 in an `i64`, Arrow `Int64` with a declared scale).
    I64 {
        /// One mantissa per row.
        values: &'a [i64],
        /// The number of decimals (at most 28).
        scale: u32,
    },
    /// 128-bit mantissas (e.g. Arrow `Decimal128(p, s)`, or sums beyond `i64`).
    I128 {
        /// One mantissa per row.
        values: &'a [i128],
        /// The number of decimals (at most 28).
        scale: u32,
    },
}

impl FixedColumn<'_> {
    /// The number of values.
    ///
    /// ```
    /// use cn_budget::tree::FixedColumn;
    /// assert_eq!(FixedColumn::I64 { values: &[1, 2, 3], scale: 0 }.len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        match self {
            FixedColumn::I64 { values, .. } => values.len(),
            FixedColumn::I128 { values, .. } => values.len(),
        }
    }

    /// Whether the column has no values.
    ///
    /// ```
    /// use cn_budget::tree::FixedColumn;
    /// assert!(FixedColumn::I128 { values: &[], scale: 2 }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The declared scale (number of decimals).
    ///
    /// ```
    /// use cn_budget::tree::FixedColumn;
    /// assert_eq!(FixedColumn::I64 { values: &[], scale: 2 }.scale(), 2);
    /// ```
    pub fn scale(&self) -> u32 {
        match *self {
            FixedColumn::I64 { scale, .. } | FixedColumn::I128 { scale, .. } => scale,
        }
    }
}

/// Rows looked up and added per block: the node indices of a block stay in L1.
const BLOCK: usize = 1024;
/// Fewer rows than this per thread are not worth a thread.
const MIN_ROWS_PER_THREAD: usize = 1 << 16;

/// Per-cell row counts and per-column sums (column major), cells including the sentinel(s).
pub(super) struct Sums {
    pub(super) counts: Vec<u64>,
    pub(super) columns: Vec<Vec<i128>>,
}

/// Checks that every amount column has `rows` values and a scale a decimal can carry.
pub(super) fn validate(rows: usize, amounts: &[FixedColumn<'_>]) -> Result<(), RollupError> {
    for (column, a) in amounts.iter().enumerate() {
        if a.len() != rows {
            return Err(RollupError::LengthMismatch {
                column,
                expected: rows,
                found: a.len(),
            });
        }
        if a.scale() > MAX_SCALE {
            return Err(RollupError::Scale {
                column,
                scale: a.scale(),
            });
        }
    }
    Ok(())
}

/// Sums `amounts` into `cells` cells on up to `threads` threads; `index` writes the cell of
/// each row of a range into its output slice.
pub(super) fn accumulate<F>(
    rows: usize,
    cells: usize,
    amounts: &[FixedColumn<'_>],
    threads: usize,
    index: F,
) -> Result<Sums, RollupError>
where
    F: Fn(Range<usize>, &mut [u32]) + Sync,
{
    let threads = threads.clamp(1, rows.div_ceil(MIN_ROWS_PER_THREAD).max(1));
    if threads == 1 {
        return kernel(0..rows, cells, amounts, &index);
    }
    let chunk = rows.div_ceil(threads);
    let ranges: Vec<Range<usize>> = (0..threads)
        .map(|t| (t * chunk).min(rows)..((t + 1) * chunk).min(rows))
        .collect();
    let parts: Vec<Result<Sums, RollupError>> = std::thread::scope(|scope| {
        let index = &index;
        let handles: Vec<_> = ranges[1..]
            .iter()
            .map(|r| {
                let r = r.clone();
                scope.spawn(move || kernel(r, cells, amounts, index))
            })
            .collect();
        let mut parts = vec![kernel(ranges[0].clone(), cells, amounts, index)];
        parts.extend(handles.into_iter().map(|h| match h.join() {
            Ok(part) => part,
            Err(panic) => std::panic::resume_unwind(panic),
        }));
        parts
    });
    let mut parts = parts.into_iter();
    let mut total = parts.next().expect("at least one thread")?;
    for part in parts {
        let part = part?;
        for (t, p) in total.counts.iter_mut().zip(&part.counts) {
            *t += p;
        }
        for (column, (t, p)) in total.columns.iter_mut().zip(&part.columns).enumerate() {
            for (t, &p) in t.iter_mut().zip(p) {
                *t = t.checked_add(p).ok_or(RollupError::Overflow { column })?;
            }
        }
    }
    Ok(total)
}

/// One thread's pass over `range`.
fn kernel<F>(
    range: Range<usize>,
    cells: usize,
    amounts: &[FixedColumn<'_>],
    index: &F,
) -> Result<Sums, RollupError>
where
    F: Fn(Range<usize>, &mut [u32]),
{
    let mut counts = vec![0u64; cells];
    let mut columns = vec![vec![0i128; cells]; amounts.len()];
    let mut block = [0u32; BLOCK];
    let mut start = range.start;
    while start < range.end {
        let end = (start + BLOCK).min(range.end);
        let idx = &mut block[..end - start];
        index(start..end, idx);
        for &i in idx.iter() {
            counts[i as usize] += 1;
        }
        for (column, (amount, acc)) in amounts.iter().zip(columns.iter_mut()).enumerate() {
            match *amount {
                FixedColumn::I64 { values, .. } => add_i64(acc, idx, &values[start..end]),
                FixedColumn::I128 { values, .. } => {
                    add_i128(acc, idx, &values[start..end], column)?
                }
            }
        }
        start = end;
    }
    Ok(Sums { counts, columns })
}

/// Cannot overflow: see the module docs (fewer than 2⁶⁴ addends below 2⁶³).
#[inline]
fn add_i64(acc: &mut [i128], idx: &[u32], values: &[i64]) {
    for (&i, &v) in idx.iter().zip(values) {
        acc[i as usize] += i128::from(v);
    }
}

#[inline]
fn add_i128(
    acc: &mut [i128],
    idx: &[u32],
    values: &[i128],
    column: usize,
) -> Result<(), RollupError> {
    for (&i, &v) in idx.iter().zip(values) {
        let a = &mut acc[i as usize];
        *a = a.checked_add(v).ok_or(RollupError::Overflow { column })?;
    }
    Ok(())
}

impl<C: Code> Tree<C> {
    /// Rolls up a column of code values and any number of fixed-point amount columns, on
    /// up to `threads` threads (1 is single-threaded; the result is the same for any
    /// number). Codes may sit at any level (`2010601`, `20106`, `201`); each row counts for
    /// its node and every ancestor. See [the module docs](self) for the memory model and
    /// how overflow is ruled out.
    ///
    /// Errors: a column whose length differs from the codes'
    /// ([`RollupError::LengthMismatch`]), a scale beyond 28 ([`RollupError::Scale`]), the
    /// first row whose code is not in the tree ([`RollupError::UnknownCode`]), a total
    /// that overflows ([`RollupError::Overflow`]).
    ///
    /// ```
    /// use cn_budget::tree::{FixedColumn, RollupError, Tree};
    /// use cn_budget::EconomicCode;
    /// use rust_decimal_macros::dec;
    /// let tree = Tree::from_codes(["30101", "30102", "30201"].map(|s| s.parse::<EconomicCode>().unwrap()));
    /// let cents = [55375_i64, 12000, 2040];
    /// let column = [FixedColumn::I64 { values: &cents, scale: 2 }];
    /// let rollup = tree.rollup_columns(&[30101, 30102, 30201], &column, 1)?;
    /// assert_eq!(rollup.get("301".parse()?), Some(&[dec!(673.75)][..]));
    /// // A code outside the tree is named with its row.
    /// let err = tree.rollup_columns(&[30101, 30199, 30201], &column, 1).unwrap_err();
    /// assert_eq!(err, RollupError::UnknownCode { row: 1, code: "30199".into() });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rollup_columns(
        &self,
        codes: &[u32],
        amounts: &[FixedColumn<'_>],
        threads: usize,
    ) -> Result<Rollup<'_, C>, RollupError> {
        let sums = self.node_sums(codes, amounts, threads)?;
        let width = amounts.len();
        let mut flat = vec![0i128; self.len() * width];
        for (column, values) in sums.columns.iter().enumerate() {
            for (node, &v) in values[..self.len()].iter().enumerate() {
                flat[node * width + column] = v;
            }
        }
        let scales: Vec<u32> = amounts.iter().map(FixedColumn::scale).collect();
        self.finish(flat, &scales, codes.len())
    }

    /// Like [`Tree::rollup_columns`], but keeps the result as a mergeable, serializable
    /// [`super::PartialRollup`] of the rows' own codes (before rolling up), for work split
    /// across threads, processes or machines.
    ///
    /// ```
    /// use cn_budget::tree::{FixedColumn, Tree};
    /// use cn_budget::FunctionCode;
    /// let tree = Tree::from_codes(["2010601", "2080501"].map(|s| s.parse::<FunctionCode>().unwrap()));
    /// let cents = [100_i64, 250, 5];
    /// let partial = tree.partial_columns(&[2010601, 2080501, 2010601], &[FixedColumn::I64 { values: &cents, scale: 2 }], 1)?;
    /// let entries: Vec<(String, u64, Vec<i128>)> =
    ///     partial.iter().map(|(c, n, s)| (c.to_string(), n, s.to_vec())).collect();
    /// assert_eq!(entries, [("2010601".into(), 2, vec![105]), ("2080501".into(), 1, vec![250])]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn partial_columns(
        &self,
        codes: &[u32],
        amounts: &[FixedColumn<'_>],
        threads: usize,
    ) -> Result<super::PartialRollup<C>, RollupError> {
        let sums = self.node_sums(codes, amounts, threads)?;
        let scales: Vec<u32> = amounts.iter().map(FixedColumn::scale).collect();
        let entries = (0..self.len())
            .filter(|&node| sums.counts[node] > 0)
            .map(|node| {
                let row: Vec<i128> = sums.columns.iter().map(|c| c[node]).collect();
                (self.codes[node], sums.counts[node], row)
            });
        super::PartialRollup::from_entries(scales, codes.len() as u64, entries)
    }

    /// The sums of every node's own rows (plus the sentinel's, which must be empty).
    fn node_sums(
        &self,
        codes: &[u32],
        amounts: &[FixedColumn<'_>],
        threads: usize,
    ) -> Result<Sums, RollupError> {
        validate(codes.len(), amounts)?;
        let index = self.values();
        let sentinel = index.sentinel();
        let result = accumulate(
            codes.len(),
            sentinel as usize + 1,
            amounts,
            threads,
            |range, out| {
                for (o, &c) in out.iter_mut().zip(&codes[range]) {
                    *o = index.node(c);
                }
            },
        );
        let unknown = || {
            codes
                .iter()
                .position(|&c| index.node(c) == sentinel)
                .map(|row| RollupError::UnknownCode {
                    row,
                    code: codes[row].to_string(),
                })
        };
        match result {
            // An overflow can come from rows of unknown codes, which are the first error.
            Err(e) => Err(unknown().unwrap_or(e)),
            Ok(sums) if sums.counts[sentinel as usize] > 0 => match unknown() {
                Some(e) => Err(e),
                None => Ok(sums),
            },
            Ok(sums) => Ok(sums),
        }
    }
}
