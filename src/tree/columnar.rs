//! The columnar rollup and its kernel; documented in [the tree module](super).

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

    /// The rows `range` of the column.
    #[cfg(any(feature = "csv", feature = "arrow"))]
    pub(crate) fn slice(&self, range: Range<usize>) -> FixedColumn<'_> {
        match *self {
            FixedColumn::I64 { values, scale } => FixedColumn::I64 {
                values: &values[range],
                scale,
            },
            FixedColumn::I128 { values, scale } => FixedColumn::I128 {
                values: &values[range],
                scale,
            },
        }
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

/// Rows looked up per block: the cell indices of a block stay in L1.
pub(super) const BLOCK: usize = 1024;
/// Fewer rows than this per thread are not worth a thread.
pub(crate) const MIN_ROWS_PER_THREAD: usize = 1 << 16;
/// Up to this many `i64` columns get a fused loop specialised for their number.
const FUSED_MAX: usize = 4;

/// Per cell (including the sentinel cells): the row count, then one sum per amount column,
/// row major with a stride of `width + 1`, so that one row's updates share a cache line.
pub(super) struct Sums {
    width: usize,
    cells: Vec<i128>,
}

impl Sums {
    fn new(cells: usize, width: usize) -> Sums {
        Sums {
            width,
            cells: vec![0; cells * (width + 1)],
        }
    }

    /// The number of rows in `cell`.
    pub(super) fn count(&self, cell: usize) -> u64 {
        // At most the number of rows, so it fits.
        self.cells[cell * (self.width + 1)] as u64
    }

    /// The sums of `cell`, one per amount column.
    pub(super) fn sums(&self, cell: usize) -> &[i128] {
        let base = cell * (self.width + 1) + 1;
        &self.cells[base..base + self.width]
    }
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
    let stride = amounts.len() + 1;
    for part in parts {
        let part = part?;
        for (i, (t, &p)) in total.cells.iter_mut().zip(&part.cells).enumerate() {
            // Slot 0 of a cell is its count; the others are columns 0, 1, …
            let column = (i % stride).saturating_sub(1);
            *t = t.checked_add(p).ok_or(RollupError::Overflow { column })?;
        }
    }
    Ok(total)
}

/// One thread's pass over `range`: per block, the cells are looked up first, then the
/// amounts are added, in one fused loop when every column is `i64` (the common case), else
/// column by column.
fn kernel<F>(
    range: Range<usize>,
    cells: usize,
    amounts: &[FixedColumn<'_>],
    index: &F,
) -> Result<Sums, RollupError>
where
    F: Fn(Range<usize>, &mut [u32]),
{
    let width = amounts.len();
    let mut sums = Sums::new(cells, width);
    let fused = fusable(amounts);
    let mut block = [0u32; BLOCK];
    let mut start = range.start;
    while start < range.end {
        let end = (start + BLOCK).min(range.end);
        let idx = &mut block[..end - start];
        index(start..end, idx);
        add_block(&mut sums.cells, idx, fused.as_deref(), amounts, start)?;
        start = end;
    }
    Ok(sums)
}

/// The columns as `i64` slices when every one is `i64` and there are at most [`FUSED_MAX`]:
/// the input of the fused loop.
pub(super) fn fusable<'a>(amounts: &[FixedColumn<'a>]) -> Option<Vec<&'a [i64]>> {
    let i64s: Option<Vec<&[i64]>> = amounts
        .iter()
        .map(|a| match *a {
            FixedColumn::I64 { values, .. } => Some(values),
            FixedColumn::I128 { .. } => None,
        })
        .collect();
    i64s.filter(|c| c.len() <= FUSED_MAX)
}

/// Adds the rows `start..start + idx.len()` into the cells `idx` (stride `columns + 1`,
/// count first): by the fused loop for the `fused` columns (see [`fusable`]), else column by
/// column with checked adds.
pub(super) fn add_block(
    acc: &mut [i128],
    idx: &[u32],
    fused: Option<&[&[i64]]>,
    amounts: &[FixedColumn<'_>],
    start: usize,
) -> Result<(), RollupError> {
    match fused {
        Some([]) => fused_i64::<0>(acc, idx, [], start),
        Some(&[a]) => fused_i64::<1>(acc, idx, [a], start),
        Some(&[a, b]) => fused_i64::<2>(acc, idx, [a, b], start),
        Some(&[a, b, c]) => fused_i64::<3>(acc, idx, [a, b, c], start),
        Some(&[a, b, c, d]) => fused_i64::<4>(acc, idx, [a, b, c, d], start),
        _ => by_column(acc, idx, amounts, start)?,
    }
    Ok(())
}

/// Adds the rows `start..start + idx.len()` of `W` `i64` columns into their cells (stride
/// `W + 1`, count first). Cannot overflow: see the module docs (fewer than 2⁶⁴ addends
/// below 2⁶³ in magnitude).
#[inline(always)]
fn fused_i64<const W: usize>(acc: &mut [i128], idx: &[u32], columns: [&[i64]; W], start: usize) {
    let columns = columns.map(|c| &c[start..start + idx.len()]);
    for (k, &cell) in idx.iter().enumerate() {
        let base = cell as usize * (W + 1);
        let slot = &mut acc[base..base + W + 1];
        slot[0] += 1;
        for j in 0..W {
            slot[j + 1] += i128::from(columns[j][k]);
        }
    }
}

/// The general path: any number of columns, every add checked (so that it can also add
/// into sums that are already large, as the running sums of many batches).
fn by_column(
    acc: &mut [i128],
    idx: &[u32],
    amounts: &[FixedColumn<'_>],
    start: usize,
) -> Result<(), RollupError> {
    let stride = amounts.len() + 1;
    let rows = start..start + idx.len();
    for &cell in idx {
        acc[cell as usize * stride] += 1;
    }
    for (column, amount) in amounts.iter().enumerate() {
        let slot = |cell: u32| cell as usize * stride + column + 1;
        match *amount {
            FixedColumn::I64 { values, .. } => {
                for (&cell, &v) in idx.iter().zip(&values[rows.clone()]) {
                    let a = &mut acc[slot(cell)];
                    *a = a
                        .checked_add(i128::from(v))
                        .ok_or(RollupError::Overflow { column })?;
                }
            }
            FixedColumn::I128 { values, .. } => {
                for (&cell, &v) in idx.iter().zip(&values[rows.clone()]) {
                    let a = &mut acc[slot(cell)];
                    *a = a.checked_add(v).ok_or(RollupError::Overflow { column })?;
                }
            }
        }
    }
    Ok(())
}

impl<C: Code> Tree<C> {
    /// Rolls up a column of code values and any number of fixed-point amount columns, on
    /// up to `threads` threads (1 is single-threaded; the result is the same for any
    /// number). Codes may sit at any level (`2010601`, `20106`, `201`); each row counts for
    /// its node and every ancestor. See [the tree module docs](super) for the memory model and
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
        let flat = (0..self.len())
            .flat_map(|node| sums.sums(node).iter().copied())
            .collect();
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
            .filter(|&node| sums.count(node) > 0)
            .map(|node| (self.codes[node], sums.count(node), sums.sums(node).to_vec()));
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
            Ok(sums) if sums.count(sentinel as usize) > 0 => match unknown() {
                Some(e) => Err(e),
                None => Ok(sums),
            },
            Ok(sums) => Ok(sums),
        }
    }
}
