//! The aggregation tree: roll item amounts up to 款, 类 and the grand total, and
//! cross-tabulate functional × economic codes.
//!
//! A [`Tree`] holds a set of codes with all their ancestors, in code order, with dense node
//! indices. [`Tree::rollup`] makes one pass over the rows (a direct-indexed lookup per row,
//! no hashing, no string work) and one bottom-up pass over the nodes, summing exactly in
//! fixed-point integers: O(rows + nodes).
//!
//! ```
//! use cn_budget::{tree::Tree, FunctionCode};
//! use rust_decimal_macros::dec;
//! let code = |s: &str| s.parse::<FunctionCode>().unwrap();
//! let rows = [
//!     (code("2010601"), [dec!(1887.52)]),
//!     (code("2010602"), [dec!(343.26)]),
//!     (code("2080501"), [dec!(83.76)]),
//! ];
//! let tree = Tree::from_codes(rows.iter().map(|r| r.0));
//! let rollup = tree.rollup(&rows)?;
//! assert_eq!(rollup.get(code("20106")), Some(&[dec!(2230.78)]));
//! assert_eq!(rollup.get(code("201")), Some(&[dec!(2230.78)]));
//! assert_eq!(rollup.grand_total(), &[dec!(2314.54)]);
//! # Ok::<(), cn_budget::tree::RollupError>(())
//! ```
//!
//! ## Columnar input
//!
//! [`Tree::rollup_columns`] (and [`Crosstab::from_columns`]) take a column of code values and
//! any number of fixed-point amount columns and sum them up the tree in one pass over the
//! rows, on one or several threads.
//!
//! The input is borrowed as it lies in memory (an Arrow `UInt32`/`Int64`/`Decimal128`
//! buffer, a slice of a memory-mapped file): codes as their printed value read as an
//! integer (`2010601`, `20106`, `201`; `30101`, `501`), amounts as [`FixedColumn`]s of exact
//! integers at a declared scale (`123456` at scale 2 is 1234.56). Nothing per row is stored;
//! the memory used is `(nodes + 1) × (columns + 1) × 16` bytes per thread (a count and one
//! `i128` per column for each node: 98 KB for the 1,535 nodes of the 2024 functional tree
//! and three columns), whatever the number of rows.
//!
//! How it goes fast, and stays exact:
//! - **No hashing, no branch per row for lookup**: a direct-indexed table from the code
//!   value to its node (built once per [`Tree`]); values not in the tree clamp to a sentinel
//!   node that is accumulated like any other and checked once at the end (only then, on
//!   the error path, are the rows scanned again to name the first unknown row).
//! - **Blocks and a fused loop**: the node indices of a block of 1024 rows are looked up
//!   first; then each row's count and amounts are added to its node's accumulators, which
//!   lie side by side (64 bytes for three columns). For up to four `i64` columns the
//!   loop is specialised for their number; other inputs (`i128` columns, more columns) are
//!   added column by column, the column's type decided once per block, not per cell.
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
//!
//! ## Mergeable partials across machines
//!
//! [`PartialRollup`] and [`PartialCrosstab`] are the exact sums of the rows' own codes (before rolling up),
//! owned and serializable, so that work split across threads, processes or machines can be
//! combined by any map-reduce engine and finished against a tree at the end.
//!
//! A partial holds, per code (or per pair of codes for a crosstab) that had rows: the
//! number of rows and one `i128` mantissa per amount column at the column's scale. Merging
//! adds them exactly (rescaling to the finer scale when two partials differ), so it is
//! associative and commutative: any split of the rows, merged in any order, gives the
//! partial of the whole. With the `serde` feature a partial serializes as
//! `{"scales": [2, 2], "rows": 3, "entries": [{"code": "2010601", "rows": 2, "sums": ["105", "7"]}, …]}`
//! (mantissas as strings, since many JSON readers lose digits beyond 2⁵³).
//!
//! A national job split over machines (each province's line items rolled up where they
//! lie, the partials shipped as JSON and merged centrally):
//!
//! ```
//! use cn_budget::tree::{FixedColumn, PartialRollup, Tree};
//! use cn_budget::{Catalog, FunctionCode};
//! use rust_decimal_macros::dec;
//! let tree = Tree::from_list(Catalog::edition(2024)?.functional());
//! // Machine 1 and machine 2 each hold some rows (codes, 分).
//! let province_a = (vec![2010601_u32, 2080501], vec![188752_i64, 8376]);
//! let province_b = (vec![2010601_u32, 2010602], vec![100_i64, 34326]);
//! let mut shipped = Vec::new();
//! for (codes, cents) in [&province_a, &province_b] {
//!     let partial = tree.partial_columns(codes, &[FixedColumn::I64 { values: cents, scale: 2 }], 2)?;
//!     shipped.push(serde_json::to_string(&partial)?);
//! }
//! // The reducer merges whatever arrives, in any order, and finishes once.
//! let mut total: PartialRollup<FunctionCode> = serde_json::from_str(&shipped[1])?;
//! total.merge(&serde_json::from_str(&shipped[0])?)?;
//! let rollup = total.finish(&tree)?;
//! assert_eq!(rollup.rows(), 4);
//! assert_eq!(rollup.get("20106".parse()?), Some(&[dec!(2231.78)][..]));
//! assert_eq!(rollup.grand_total(), &[dec!(2315.54)][..]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amounts;
mod columnar;
mod crosstab;
mod fixed;
mod partial;
#[cfg(any(feature = "csv", feature = "arrow"))]
mod running;
mod values;

pub use amounts::Amounts;
pub use columnar::FixedColumn;
#[cfg(any(feature = "csv", feature = "arrow"))]
pub(crate) use columnar::MIN_ROWS_PER_THREAD;
pub use crosstab::Crosstab;
pub use partial::{PartialCrosstab, PartialRollup};
#[cfg(any(feature = "csv", feature = "arrow"))]
pub(crate) use running::RunningSums;

use crate::catalog::CodeList;
use crate::codes::CodeKey;
use crate::{Code, Level};
use fixed::Accumulator;
use rust_decimal::Decimal;
use std::marker::PhantomData;
use std::sync::OnceLock;
use values::ValueIndex;

const NONE: u32 = u32::MAX;

/// A node index into a [`Tree`].
///
/// ```
/// use cn_budget::{tree::Tree, FunctionCode};
/// let tree = Tree::from_codes(["2010601".parse::<FunctionCode>()?]);
/// let node = tree.node("20106".parse()?).unwrap();
/// assert_eq!(tree.code(node).to_string(), "20106");
/// # Ok::<(), cn_budget::codes::ParseCodeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The index of the node in [`Tree::codes`].
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// let tree = Tree::from_codes(["2010601".parse::<FunctionCode>()?, "2080505".parse()?]);
    /// let node = tree.node("208".parse()?).unwrap();
    /// assert_eq!(node.index(), 3); // 201, 20106, 2010601, 208, …
    /// assert_eq!(tree.codes()[node.index()].to_string(), "208");
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A rollup or cross-tabulation failed. Check outcomes are never errors; these are
/// problems with the input itself.
///
/// ```
/// use cn_budget::{tree::{Tree, RollupError}, FunctionCode};
/// use rust_decimal::Decimal;
/// let tree = Tree::from_codes(["2010601".parse::<FunctionCode>()?]);
/// let err = tree.rollup(&[("2080501".parse::<FunctionCode>()?, [Decimal::ONE])]).unwrap_err();
/// assert_eq!(err, RollupError::UnknownCode { row: 0, code: "2080501".into() });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RollupError {
    /// A row's code is not in the tree.
    #[error("row {row}: code {code} is not in the tree")]
    UnknownCode {
        /// The 0-based row index.
        row: usize,
        /// The code.
        code: String,
    },
    /// A sum does not fit a decimal (beyond about 7.9·10²⁸ at the rows' scale), or a
    /// 128-bit fixed-point sum overflows.
    #[error("column {column}: the sum overflows a decimal")]
    Overflow {
        /// The 0-based column index.
        column: usize,
    },
    /// An amount column does not have one value per code.
    #[error("amount column {column} has {found} values for {expected} codes")]
    LengthMismatch {
        /// The 0-based column index.
        column: usize,
        /// The number of codes (rows).
        expected: usize,
        /// The number of values in the column.
        found: usize,
    },
    /// The two code columns of a crosstab differ in length.
    #[error("the column code column has {found} values for {expected} row codes")]
    CodeColumnLength {
        /// The number of row codes.
        expected: usize,
        /// The number of column codes.
        found: usize,
    },
    /// A column's declared scale is beyond what a decimal can carry (28).
    #[error("amount column {column}: scale {scale} is beyond 28")]
    Scale {
        /// The 0-based column index.
        column: usize,
        /// The declared scale.
        scale: u32,
    },
    /// Two partial results with different numbers of amount columns cannot be merged.
    #[error(
        "a partial result with {found} amount columns cannot be merged into one with {expected}"
    )]
    Width {
        /// The number of columns of the partial merged into.
        expected: usize,
        /// The number of columns of the other partial.
        found: usize,
    },
    /// A code of a partial result is not in the tree it is finished against.
    #[error("code {code} of the partial result is not in the tree")]
    NotInTree {
        /// The code.
        code: String,
    },
    /// A partial result read from outside (serde, Arrow IPC) is not well formed.
    #[error("malformed partial result: {what}")]
    InvalidPartial {
        /// What is wrong.
        what: &'static str,
    },
}

/// A set of codes closed under "parent of", in code order, with dense indices.
///
/// Building it adds every missing ancestor; duplicates are merged. A lookup table indexed by
/// the code's dense key makes [`Tree::node`] a single array read.
///
/// ```
/// use cn_budget::{tree::Tree, EconomicCode};
/// let code = |s: &str| s.parse::<EconomicCode>().unwrap();
/// let tree = Tree::from_codes([code("30201"), code("30101"), code("30201"), code("30102")]);
/// let codes: Vec<String> = tree.codes().iter().map(|c| c.to_string()).collect();
/// assert_eq!(codes, ["301", "30101", "30102", "302", "30201"]);
/// let wage = tree.node(code("30101")).unwrap();
/// assert_eq!(tree.parent(wage).map(|p| tree.code(p)), Some(code("301")));
/// ```
#[derive(Clone, Debug)]
pub struct Tree<C> {
    codes: Vec<C>,
    parent: Vec<u32>,
    lookup: Vec<u32>,
    /// Node by the code's printed value, built on the first columnar call.
    values: OnceLock<ValueIndex>,
}

impl<C: Code> Tree<C> {
    /// A tree of these codes and all their ancestors.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// let tree = Tree::from_codes(["2010601".parse::<FunctionCode>()?]);
    /// assert_eq!(tree.len(), 3); // 201, 20106, 2010601
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    pub fn from_codes(codes: impl IntoIterator<Item = C>) -> Tree<C> {
        let mut lookup = vec![NONE; C::key_space()];
        let mut all = Vec::new();
        for code in codes {
            let mut next = Some(code);
            while let Some(c) = next {
                let slot = &mut lookup[c.dense_key()];
                if *slot != NONE {
                    break;
                }
                *slot = 0;
                all.push(c);
                next = c.parent();
            }
        }
        all.sort_unstable();
        for (i, c) in all.iter().enumerate() {
            lookup[c.dense_key()] = i as u32;
        }
        let parent = all
            .iter()
            .map(|c| c.parent().map_or(NONE, |p| lookup[p.dense_key()]))
            .collect();
        Tree {
            codes: all,
            parent,
            lookup,
            values: OnceLock::new(),
        }
    }

    /// A tree of every code of a catalog list.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, Catalog};
    /// let list = Catalog::edition(2024)?.functional();
    /// assert_eq!(Tree::from_list(list).len(), list.len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_list(list: &CodeList<C>) -> Tree<C> {
        Tree::from_codes(list.iter().map(|e| e.code()))
    }

    /// The number of nodes.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// let codes = ["2010601", "2010602", "2080505"].map(|s| s.parse::<FunctionCode>().unwrap());
    /// // Three items, two 款 and two 类.
    /// assert_eq!(Tree::from_codes(codes).len(), 7);
    /// ```
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the tree has no nodes.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, EconomicCode};
    /// assert!(Tree::<EconomicCode>::from_codes([]).is_empty());
    /// assert!(!Tree::from_codes(["30101".parse::<EconomicCode>()?]).is_empty());
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Every code, in code order (parents before children).
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// let tree = Tree::from_codes(["2080505", "2010601"].map(|s| s.parse::<FunctionCode>().unwrap()));
    /// let codes: Vec<String> = tree.codes().iter().map(|c| c.to_string()).collect();
    /// assert_eq!(codes, ["201", "20106", "2010601", "208", "20805", "2080505"]);
    /// ```
    pub fn codes(&self) -> &[C] {
        &self.codes
    }

    /// The node of a code, if the tree holds it.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// let tree = Tree::from_codes(["2010601".parse::<FunctionCode>()?]);
    /// assert!(tree.node("201".parse()?).is_some()); // ancestors are added
    /// assert!(tree.node("2010602".parse()?).is_none());
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    #[inline]
    pub fn node(&self, code: C) -> Option<NodeId> {
        match self.lookup[code.dense_key()] {
            NONE => None,
            i => Some(NodeId(i)),
        }
    }

    /// The code of a node.
    ///
    /// # Panics
    /// If `node` comes from another tree and is out of range.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// let tree = Tree::from_codes(["2010601".parse::<FunctionCode>()?]);
    /// let item = tree.node("2010601".parse()?).unwrap();
    /// assert_eq!(tree.code(item).to_string(), "2010601");
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    pub fn code(&self, node: NodeId) -> C {
        self.codes[node.index()]
    }

    /// The parent node, or `None` for a 类.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// let tree = Tree::from_codes(["2010601".parse::<FunctionCode>()?]);
    /// let item = tree.node("2010601".parse()?).unwrap();
    /// let section = tree.parent(item).unwrap();
    /// assert_eq!(tree.code(section).to_string(), "20106");
    /// let class = tree.parent(section).unwrap();
    /// assert_eq!(tree.parent(class), None);
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    pub fn parent(&self, node: NodeId) -> Option<NodeId> {
        match self.parent[node.index()] {
            NONE => None,
            p => Some(NodeId(p)),
        }
    }

    /// The direct children of a code that the tree holds, in code order.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// let tree = Tree::from_codes(["2010601", "2010602", "20199"].map(|s| s.parse::<FunctionCode>().unwrap()));
    /// let kids: Vec<String> = tree.children("201".parse()?).map(|c| c.to_string()).collect();
    /// assert_eq!(kids, ["20106", "20199"]);
    /// # Ok::<(), cn_budget::codes::ParseCodeError>(())
    /// ```
    pub fn children(&self, code: C) -> impl Iterator<Item = C> + '_ {
        let start = self.node(code).map_or(self.codes.len(), |n| n.index() + 1);
        self.codes[start..]
            .iter()
            .copied()
            .take_while(move |c| code.contains(*c))
            .filter(move |c| c.parent() == Some(code))
    }

    /// Sums `N` amount columns of item rows up the tree in one pass.
    ///
    /// A row may sit at any level; its amounts count for its node and every ancestor.
    /// Arithmetic is exact (fixed-point `i128` at the largest scale seen in each column).
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// use rust_decimal_macros::dec;
    /// let code = |s: &str| s.parse::<FunctionCode>().unwrap();
    /// // Two columns (本年支出合计, 基本支出); one row sits at a 款 directly.
    /// let rows = [
    ///     (code("2010601"), [dec!(1887.52), dec!(1887.52)]),
    ///     (code("2010602"), [dec!(343.26), dec!(0)]),
    ///     (code("20199"), [dec!(0.1), dec!(0.1)]),
    /// ];
    /// let tree = Tree::from_codes(rows.iter().map(|r| r.0));
    /// let rollup = tree.rollup(&rows)?;
    /// assert_eq!(rollup.get(code("201")), Some(&[dec!(2230.88), dec!(1887.62)]));
    /// assert_eq!(rollup.get(code("20199")), Some(&[dec!(0.1), dec!(0.1)]));
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn rollup<const N: usize>(
        &self,
        rows: &[(C, [Decimal; N])],
    ) -> Result<Rollup<'_, C, [Decimal; N]>, RollupError> {
        let mut acc: Vec<Accumulator<N>> = vec![Accumulator::default(); self.codes.len()];
        let mut scales = fixed::Scales::<N>::default();
        for (row, (code, amounts)) in rows.iter().enumerate() {
            let slot = self.lookup[code.dense_key()];
            if slot == NONE {
                return Err(RollupError::UnknownCode {
                    row,
                    code: code.to_string(),
                });
            }
            for (column, amount) in amounts.iter().enumerate() {
                let m = scales.mantissa(column, *amount, &mut acc)?;
                acc[slot as usize].add(column, m)?;
            }
        }
        let sums = acc.iter().flat_map(|a| a.mantissas()).collect();
        self.finish(sums, scales.as_slice(), rows.len())
    }

    /// The node index of every code value, built once per tree.
    fn values(&self) -> &ValueIndex {
        self.values
            .get_or_init(|| ValueIndex::new(self.codes.iter().map(|c| c.as_u32())))
    }

    /// The exact result from each node's own sums (`nodes × scales.len()` mantissas, row
    /// major): adds every node into its parent, children first, then sums the 类.
    fn finish<A: Amounts + ?Sized>(
        &self,
        mut sums: Vec<i128>,
        scales: &[u32],
        rows: usize,
    ) -> Result<Rollup<'_, C, A>, RollupError> {
        let width = scales.len();
        debug_assert_eq!(sums.len(), self.codes.len() * width);
        let mut grand = vec![0i128; width];
        for node in (0..self.codes.len()).rev() {
            // A parent sorts before its children: it lies in `head`, the node in `tail`.
            let (head, tail) = sums.split_at_mut(node * width);
            let target = match self.parent[node] {
                NONE => &mut grand[..],
                p => &mut head[p as usize * width..(p as usize + 1) * width],
            };
            for (column, (t, &child)) in target.iter_mut().zip(&tail[..width]).enumerate() {
                *t = t
                    .checked_add(child)
                    .ok_or(RollupError::Overflow { column })?;
            }
        }
        let decimals = |values: &[i128]| -> Result<Vec<Decimal>, RollupError> {
            values
                .iter()
                .enumerate()
                .map(|(i, &m)| {
                    let column = i % width.max(1);
                    fixed::to_decimal(m, scales[column], column)
                })
                .collect()
        };
        Ok(Rollup {
            tree: self,
            width,
            totals: decimals(&sums)?,
            grand_total: decimals(&grand)?,
            rows,
            shape: PhantomData,
        })
    }
}

/// The exact result of a rollup: the totals of every node and the grand total, as
/// [`Decimal`]s at the finest scale of each column's inputs.
///
/// `A` is the shape of one node's amounts: `[Decimal; N]` from [`Tree::rollup`] (the number
/// of columns known at compile time), `[Decimal]` from [`Tree::rollup_columns`] and
/// [`PartialRollup::finish`] (the number of columns known at run time, e.g. from an Arrow
/// schema). The type is the same; only the view of a node's amounts differs.
///
/// ```
/// use cn_budget::{tree::Tree, EconomicCode, Level};
/// use rust_decimal_macros::dec;
/// let code = |s: &str| s.parse::<EconomicCode>().unwrap();
/// let rows = [(code("30101"), [dec!(553.75)]), (code("30102"), [dec!(120.00)]), (code("30201"), [dec!(20.40)])];
/// let tree = Tree::from_codes(rows.iter().map(|r| r.0));
/// let rollup = tree.rollup(&rows)?;
/// assert_eq!(rollup.get(code("301")), Some(&[dec!(673.75)]));
/// assert_eq!(rollup.grand_total(), &[dec!(694.15)]);
/// assert_eq!(rollup.at_level(Level::Class).len(), 2);
/// # Ok::<(), cn_budget::tree::RollupError>(())
/// ```
pub struct Rollup<'t, C, A: ?Sized = [Decimal]> {
    tree: &'t Tree<C>,
    width: usize,
    /// `tree.len() × width` totals, row major.
    totals: Vec<Decimal>,
    grand_total: Vec<Decimal>,
    rows: usize,
    shape: PhantomData<fn() -> Box<A>>,
}

impl<C, A: ?Sized> Clone for Rollup<'_, C, A> {
    fn clone(&self) -> Self {
        Rollup {
            tree: self.tree,
            width: self.width,
            totals: self.totals.clone(),
            grand_total: self.grand_total.clone(),
            rows: self.rows,
            shape: PhantomData,
        }
    }
}

impl<C: Code, A: ?Sized> std::fmt::Debug for Rollup<'_, C, A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rollup")
            .field("nodes", &self.tree.len())
            .field("width", &self.width)
            .field("rows", &self.rows)
            .field("grand_total", &self.grand_total)
            .finish()
    }
}

impl<C: Code, A: Amounts + ?Sized> Rollup<'_, C, A> {
    /// The totals of a code (its own rows plus all its descendants'), if the tree holds it.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// use rust_decimal_macros::dec;
    /// let code = |s: &str| s.parse::<FunctionCode>().unwrap();
    /// // A 款 with its own row and a row below it.
    /// let rows = [(code("20106"), [dec!(10)]), (code("2010601"), [dec!(1887.52)])];
    /// let tree = Tree::from_codes(rows.iter().map(|r| r.0));
    /// let rollup = tree.rollup(&rows)?;
    /// assert_eq!(rollup.get(code("20106")), Some(&[dec!(1897.52)]));
    /// assert_eq!(rollup.get(code("2010601")), Some(&[dec!(1887.52)]));
    /// assert_eq!(rollup.get(code("208")), None); // not in the tree
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn get(&self, code: C) -> Option<&A> {
        self.tree.node(code).map(|n| self.node_totals(n.index()))
    }

    fn node_totals(&self, node: usize) -> &A {
        A::view(&self.totals[node * self.width..(node + 1) * self.width])
    }

    /// The sum over all 类.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// use rust_decimal_macros::dec;
    /// let code = |s: &str| s.parse::<FunctionCode>().unwrap();
    /// let rows = [(code("2010601"), [dec!(1887.52)]), (code("2080505"), [dec!(-0.5)])];
    /// let tree = Tree::from_codes(rows.iter().map(|r| r.0));
    /// assert_eq!(tree.rollup(&rows)?.grand_total(), &[dec!(1887.02)]);
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn grand_total(&self) -> &A {
        A::view(&self.grand_total)
    }

    /// How many rows were rolled up.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode};
    /// use rust_decimal::Decimal;
    /// let code: FunctionCode = "2010601".parse()?;
    /// let rows = [(code, [Decimal::ONE]), (code, [Decimal::TWO])];
    /// let tree = Tree::from_codes([code]);
    /// let rollup = tree.rollup(&rows)?;
    /// assert_eq!(rollup.rows(), 2);
    /// assert_eq!(rollup.get(code), Some(&[Decimal::from(3)]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The number of amount columns.
    ///
    /// ```
    /// use cn_budget::{tree::{FixedColumn, Tree}, FunctionCode};
    /// let tree = Tree::from_codes(["2010601".parse::<FunctionCode>()?]);
    /// let (a, b) = ([150_i64, 250], [1_i64, 2]);
    /// let columns = [FixedColumn::I64 { values: &a, scale: 2 }, FixedColumn::I64 { values: &b, scale: 0 }];
    /// let rollup = tree.rollup_columns(&[2010601, 2010601], &columns, 1)?;
    /// assert_eq!(rollup.width(), 2);
    /// assert_eq!(tree.rollup(&[("2010601".parse::<FunctionCode>()?, [rust_decimal::Decimal::ONE])])?.width(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn width(&self) -> usize {
        self.width
    }

    /// Every node with its totals, in code order.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, Code, FunctionCode, Level};
    /// use rust_decimal::Decimal;
    /// let rows = [("2010601".parse::<FunctionCode>()?, [Decimal::ONE])];
    /// let tree = Tree::from_codes(rows.iter().map(|r| r.0));
    /// let rollup = tree.rollup(&rows)?;
    /// let classes: Vec<_> = rollup.iter().filter(|(c, _)| c.level() == Level::Class).collect();
    /// assert_eq!(classes.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (C, &A)> + '_ {
        self.tree
            .codes
            .iter()
            .enumerate()
            .map(|(node, c)| (*c, self.node_totals(node)))
    }

    /// The nodes at one level with their totals, as rows that can be rolled up again.
    ///
    /// ```
    /// use cn_budget::{tree::Tree, FunctionCode, Level};
    /// use rust_decimal_macros::dec;
    /// let code = |s: &str| s.parse::<FunctionCode>().unwrap();
    /// let rows = [
    ///     (code("2010601"), [dec!(1887.52)]),
    ///     (code("2010602"), [dec!(343.26)]),
    ///     (code("2010101"), [dec!(1.00)]),
    /// ];
    /// let tree = Tree::from_codes(rows.iter().map(|r| r.0));
    /// let sections = tree.rollup(&rows)?.at_level(Level::Section);
    /// assert_eq!(sections, [(code("20101"), [dec!(1.00)]), (code("20106"), [dec!(2230.78)])]);
    /// // Rolling the 款 up again gives the same 类 totals.
    /// let again = Tree::from_codes(sections.iter().map(|r| r.0));
    /// assert_eq!(again.rollup(&sections)?.get(code("201")), Some(&[dec!(2231.78)]));
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn at_level(&self, level: Level) -> Vec<(C, A::Owned)>
    where
        A: ToOwned,
    {
        self.iter()
            .filter(|(c, _)| c.level() == level)
            .map(|(c, t)| (c, t.to_owned()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FunctionCode;

    #[test]
    fn a_large_sum_at_a_fine_scale_still_fits() {
        let code: FunctionCode = "2010601".parse().unwrap();
        let rows = [
            (code, [Decimal::from(1_000_000)]),
            (
                code,
                ["0.5000000000000000000000000000".parse::<Decimal>().unwrap()],
            ),
        ];
        let tree = Tree::from_codes([code]);
        let rollup = tree.rollup(&rows).expect("no overflow");
        assert_eq!(
            rollup.grand_total()[0],
            "1000000.5".parse::<Decimal>().unwrap()
        );
    }
}
