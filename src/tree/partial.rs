//! Mergeable partial results: the exact sums of the rows' own codes (before rolling up),
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

use super::fixed::{rescale, MAX_SCALE};
use super::{Crosstab, Rollup, RollupError, Tree};
use crate::Code;

/// The shared body of both partials: sorted unique keys, a row count and `width`
/// mantissas per key.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Sparse<K> {
    scales: Vec<u32>,
    rows: u64,
    keys: Vec<K>,
    counts: Vec<u64>,
    /// `keys.len() × scales.len()`, row major.
    sums: Vec<i128>,
}

impl<K: Ord + Copy> Sparse<K> {
    fn from_entries(
        scales: Vec<u32>,
        rows: u64,
        entries: impl IntoIterator<Item = (K, u64, Vec<i128>)>,
    ) -> Result<Sparse<K>, RollupError> {
        if let Some((column, &scale)) = scales.iter().enumerate().find(|(_, &s)| s > MAX_SCALE) {
            return Err(RollupError::Scale { column, scale });
        }
        let width = scales.len();
        let mut entries: Vec<(K, u64, Vec<i128>)> = entries.into_iter().collect();
        if entries.iter().any(|e| e.2.len() != width) {
            return Err(RollupError::InvalidPartial {
                what: "an entry's number of sums differs from the number of scales",
            });
        }
        entries.sort_by_key(|e| e.0);
        let mut out = Sparse {
            scales,
            rows,
            keys: Vec::with_capacity(entries.len()),
            counts: Vec::with_capacity(entries.len()),
            sums: Vec::with_capacity(entries.len() * width),
        };
        let mut counted: u64 = 0;
        for (key, count, sums) in entries {
            counted = counted
                .checked_add(count)
                .ok_or(RollupError::InvalidPartial {
                    what: "the row counts overflow",
                })?;
            if out.keys.last() == Some(&key) {
                let last = out.counts.len() - 1;
                out.counts[last] += count;
                add_into(&mut out.sums[last * width..], &sums)?;
            } else {
                out.keys.push(key);
                out.counts.push(count);
                out.sums.extend_from_slice(&sums);
            }
        }
        if counted != out.rows {
            return Err(RollupError::InvalidPartial {
                what: "the entries' row counts do not add up to the partial's rows",
            });
        }
        Ok(out)
    }

    fn width(&self) -> usize {
        self.scales.len()
    }

    fn entry(&self, i: usize) -> (K, u64, &[i128]) {
        let w = self.width();
        (self.keys[i], self.counts[i], &self.sums[i * w..(i + 1) * w])
    }

    fn iter(&self) -> impl Iterator<Item = (K, u64, &[i128])> + '_ {
        (0..self.keys.len()).map(|i| self.entry(i))
    }

    /// The mantissas of entry `i` at the scales `to` (each at least the partial's own).
    fn sums_at(&self, i: usize, to: &[u32]) -> Result<Vec<i128>, RollupError> {
        let (_, _, sums) = self.entry(i);
        sums.iter()
            .zip(self.scales.iter().zip(to))
            .enumerate()
            .map(|(column, (&m, (&from, &to)))| rescale(m, from, to, column))
            .collect()
    }

    fn merge(&mut self, other: &Sparse<K>) -> Result<(), RollupError> {
        if other.width() != self.width() {
            return Err(RollupError::Width {
                expected: self.width(),
                found: other.width(),
            });
        }
        let scales: Vec<u32> = self
            .scales
            .iter()
            .zip(&other.scales)
            .map(|(&a, &b)| a.max(b))
            .collect();
        let rows = self
            .rows
            .checked_add(other.rows)
            .ok_or(RollupError::InvalidPartial {
                what: "the row counts overflow",
            })?;
        let mut merged = Sparse {
            scales: scales.clone(),
            rows,
            keys: Vec::with_capacity(self.keys.len().max(other.keys.len())),
            counts: Vec::new(),
            sums: Vec::new(),
        };
        let (mut i, mut j) = (0, 0);
        while i < self.keys.len() || j < other.keys.len() {
            let take_self =
                j == other.keys.len() || (i < self.keys.len() && self.keys[i] <= other.keys[j]);
            let take_other =
                i == self.keys.len() || (j < other.keys.len() && other.keys[j] <= self.keys[i]);
            let mut sums = vec![0i128; scales.len()];
            let (mut key, mut count) = (None, 0u64);
            if take_self {
                add_into(&mut sums, &self.sums_at(i, &scales)?)?;
                key = Some(self.keys[i]);
                count += self.counts[i];
                i += 1;
            }
            if take_other {
                add_into(&mut sums, &other.sums_at(j, &scales)?)?;
                key = Some(other.keys[j]);
                count += other.counts[j];
                j += 1;
            }
            merged.keys.extend(key);
            merged.counts.push(count);
            merged.sums.extend(sums);
        }
        *self = merged;
        Ok(())
    }
}

/// `into[c] += from[c]`, checked.
fn add_into(into: &mut [i128], from: &[i128]) -> Result<(), RollupError> {
    for (column, (t, &f)) in into.iter_mut().zip(from).enumerate() {
        *t = t.checked_add(f).ok_or(RollupError::Overflow { column })?;
    }
    Ok(())
}

/// A mergeable, serializable partial rollup: per code that had rows, the row count and the
/// exact sums of its own rows, one `i128` mantissa per amount column. See
/// [the module docs](self) for a worked example across machines.
///
/// ```
/// use cn_budget::tree::{FixedColumn, PartialRollup, Tree};
/// use cn_budget::FunctionCode;
/// use rust_decimal_macros::dec;
/// let tree = Tree::from_codes(["2010601", "2010602"].map(|s| s.parse::<FunctionCode>().unwrap()));
/// let (codes, cents) = ([2010601_u32, 2010602, 2010601], [100_i64, 200, 300]);
/// // Any split of the rows, merged, equals the whole.
/// let part = |r: std::ops::Range<usize>| {
///     tree.partial_columns(&codes[r.clone()], &[FixedColumn::I64 { values: &cents[r], scale: 2 }], 1)
/// };
/// let mut merged = part(0..1)?;
/// merged.merge(&part(1..3)?)?;
/// assert_eq!(merged, part(0..3)?);
/// assert_eq!(merged.finish(&tree)?.get("20106".parse()?), Some(&[dec!(6.00)][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartialRollup<C>(Sparse<C>);

impl<C: Code> PartialRollup<C> {
    /// A partial with no rows and these column scales (the identity of [`Self::merge`]).
    ///
    /// ```
    /// use cn_budget::tree::PartialRollup;
    /// use cn_budget::FunctionCode;
    /// let empty = PartialRollup::<FunctionCode>::empty(vec![2, 2])?;
    /// assert_eq!((empty.width(), empty.rows(), empty.len()), (2, 0, 0));
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn empty(scales: Vec<u32>) -> Result<PartialRollup<C>, RollupError> {
        Self::from_entries(scales, 0, [])
    }

    /// A partial from its entries `(code, rows, sums)` (e.g. read back from Arrow IPC):
    /// sums are mantissas at `scales`, one per column; repeated codes are added; the row
    /// counts must add up to `rows`.
    ///
    /// ```
    /// use cn_budget::tree::{PartialRollup, RollupError};
    /// use cn_budget::FunctionCode;
    /// let code: FunctionCode = "2010601".parse()?;
    /// let p = PartialRollup::from_entries(vec![2], 3, [(code, 1, vec![5]), (code, 2, vec![7])])?;
    /// assert_eq!(p.iter().next(), Some((code, 3, &[12_i128][..])));
    /// let bad = PartialRollup::from_entries(vec![2], 3, [(code, 1, vec![5, 6])]);
    /// assert!(matches!(bad, Err(RollupError::InvalidPartial { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_entries(
        scales: Vec<u32>,
        rows: u64,
        entries: impl IntoIterator<Item = (C, u64, Vec<i128>)>,
    ) -> Result<PartialRollup<C>, RollupError> {
        Sparse::from_entries(scales, rows, entries).map(PartialRollup)
    }

    /// The number of amount columns.
    ///
    /// ```
    /// use cn_budget::{tree::PartialRollup, EconomicCode};
    /// assert_eq!(PartialRollup::<EconomicCode>::empty(vec![2, 0, 2])?.width(), 3);
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn width(&self) -> usize {
        self.0.width()
    }

    /// The scale of each amount column (after merging: the finest of the parts).
    ///
    /// ```
    /// use cn_budget::{tree::PartialRollup, FunctionCode};
    /// let mut p = PartialRollup::<FunctionCode>::empty(vec![2, 0])?;
    /// p.merge(&PartialRollup::empty(vec![0, 4])?)?;
    /// assert_eq!(p.scales(), &[2, 4]);
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn scales(&self) -> &[u32] {
        &self.0.scales
    }

    /// The number of rows summed.
    ///
    /// ```
    /// use cn_budget::{tree::PartialRollup, FunctionCode};
    /// let code: FunctionCode = "201".parse()?;
    /// assert_eq!(PartialRollup::from_entries(vec![0], 4, [(code, 4, vec![1])])?.rows(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self) -> u64 {
        self.0.rows
    }

    /// The number of distinct codes.
    ///
    /// ```
    /// use cn_budget::{tree::PartialRollup, FunctionCode};
    /// assert_eq!(PartialRollup::<FunctionCode>::empty(vec![2])?.len(), 0);
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn len(&self) -> usize {
        self.0.keys.len()
    }

    /// Whether no code had rows.
    ///
    /// ```
    /// use cn_budget::{tree::PartialRollup, FunctionCode};
    /// assert!(PartialRollup::<FunctionCode>::empty(vec![2])?.is_empty());
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.keys.is_empty()
    }

    /// Every code with its row count and its sums (mantissas at [`Self::scales`]), in code
    /// order.
    ///
    /// ```
    /// use cn_budget::{tree::PartialRollup, FunctionCode};
    /// let code: FunctionCode = "2010601".parse()?;
    /// let p = PartialRollup::from_entries(vec![2, 2], 2, [(code, 2, vec![150, -3])])?;
    /// for (c, rows, sums) in p.iter() {
    ///     assert_eq!((c, rows, sums), (code, 2, &[150_i128, -3][..]));
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (C, u64, &[i128])> + '_ {
        self.0.iter()
    }

    /// Adds `other` into `self`, exactly. Associative and commutative; the scales become
    /// the finer of the two per column.
    ///
    /// ```
    /// use cn_budget::{tree::{PartialRollup, RollupError}, FunctionCode};
    /// let a: FunctionCode = "2010601".parse()?;
    /// let b: FunctionCode = "2010602".parse()?;
    /// let mut p = PartialRollup::from_entries(vec![2], 1, [(a, 1, vec![150])])?;
    /// p.merge(&PartialRollup::from_entries(vec![3], 2, [(a, 1, vec![1]), (b, 1, vec![5])])?)?;
    /// let got: Vec<_> = p.iter().map(|(c, n, s)| (c, n, s[0])).collect();
    /// assert_eq!(got, [(a, 2, 1501), (b, 1, 5)]);
    /// let two = PartialRollup::<FunctionCode>::empty(vec![2, 2])?;
    /// assert_eq!(p.merge(&two), Err(RollupError::Width { expected: 1, found: 2 }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &PartialRollup<C>) -> Result<(), RollupError> {
        self.0.merge(&other.0)
    }

    /// The exact rollup of the partial over `tree`; a code the tree does not hold is
    /// [`RollupError::NotInTree`].
    ///
    /// ```
    /// use cn_budget::{tree::{PartialRollup, RollupError, Tree}, FunctionCode};
    /// use rust_decimal_macros::dec;
    /// let code: FunctionCode = "2010601".parse()?;
    /// let p = PartialRollup::from_entries(vec![2], 1, [(code, 1, vec![188752])])?;
    /// let tree = Tree::from_codes([code]);
    /// assert_eq!(p.finish(&tree)?.get("201".parse()?), Some(&[dec!(1887.52)][..]));
    /// let other = Tree::from_codes(["2080501".parse::<FunctionCode>()?]);
    /// assert_eq!(p.finish(&other).unwrap_err(), RollupError::NotInTree { code: "2010601".into() });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finish<'t>(&self, tree: &'t Tree<C>) -> Result<Rollup<'t, C>, RollupError> {
        let width = self.width();
        let mut flat = vec![0i128; tree.len() * width];
        for (code, _, sums) in self.iter() {
            let node = tree.node(code).ok_or_else(|| RollupError::NotInTree {
                code: code.to_string(),
            })?;
            flat[node.index() * width..(node.index() + 1) * width].copy_from_slice(sums);
        }
        let rows = usize::try_from(self.rows()).map_err(|_| RollupError::InvalidPartial {
            what: "more rows than this machine can count",
        })?;
        tree.finish(flat, self.scales(), rows)
    }
}

/// A mergeable, serializable partial crosstab: per pair (row code, column code) that had
/// rows, the row count and the exact sum of its amounts (one column).
///
/// ```
/// use cn_budget::tree::{Crosstab, FixedColumn, PartialCrosstab, Tree};
/// use cn_budget::{EconomicCode, FunctionCode};
/// use rust_decimal_macros::dec;
/// let functions = Tree::from_codes(["2010601", "2080501"].map(|s| s.parse::<FunctionCode>().unwrap()));
/// let economics = Tree::from_codes(["30101", "30201"].map(|s| s.parse::<EconomicCode>().unwrap()));
/// let (f, e, cents) = ([2010601_u32, 2010601, 2080501], [30101_u32, 30201, 30101], [55375_i64, 2040, 10000]);
/// let part = |r: std::ops::Range<usize>| {
///     let amount = FixedColumn::I64 { values: &cents[r.clone()], scale: 2 };
///     Crosstab::partial_columns(&functions, &economics, &f[r.clone()], &e[r], amount, 1)
/// };
/// let mut merged: PartialCrosstab<FunctionCode, EconomicCode> = part(0..2)?;
/// merged.merge(&part(2..3)?)?;
/// let table = merged.finish(&functions, &economics)?;
/// assert_eq!(table.get("201".parse()?, "301".parse()?), Some(dec!(553.75)));
/// assert_eq!(table.grand_total(), dec!(674.15));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartialCrosstab<R, K>(Sparse<(R, K)>);

impl<R: Code, K: Code> PartialCrosstab<R, K> {
    /// A partial crosstab from its entries `(row code, column code, rows, sum)`, the sum a
    /// mantissa at `scale`; repeated pairs are added; the counts must add up to `rows`.
    ///
    /// ```
    /// use cn_budget::tree::PartialCrosstab;
    /// use cn_budget::{EconomicCode, FunctionCode};
    /// let (f, e): (FunctionCode, EconomicCode) = ("2010601".parse()?, "30101".parse()?);
    /// let p = PartialCrosstab::from_entries(2, 2, [(f, e, 1, 5), (f, e, 1, 7)])?;
    /// assert_eq!(p.iter().collect::<Vec<_>>(), [(f, e, 2, 12)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_entries(
        scale: u32,
        rows: u64,
        entries: impl IntoIterator<Item = (R, K, u64, i128)>,
    ) -> Result<PartialCrosstab<R, K>, RollupError> {
        let entries = entries.into_iter().map(|(r, k, n, s)| ((r, k), n, vec![s]));
        Sparse::from_entries(vec![scale], rows, entries).map(PartialCrosstab)
    }

    /// The scale of the sums.
    ///
    /// ```
    /// use cn_budget::{tree::PartialCrosstab, EconomicCode, FunctionCode};
    /// let p = PartialCrosstab::<FunctionCode, EconomicCode>::from_entries(2, 0, [])?;
    /// assert_eq!(p.scale(), 2);
    /// # Ok::<(), cn_budget::tree::RollupError>(())
    /// ```
    pub fn scale(&self) -> u32 {
        self.0.scales[0]
    }

    /// The number of rows summed.
    ///
    /// ```
    /// use cn_budget::{tree::PartialCrosstab, EconomicCode, FunctionCode};
    /// let (f, e): (FunctionCode, EconomicCode) = ("201".parse()?, "301".parse()?);
    /// assert_eq!(PartialCrosstab::from_entries(0, 3, [(f, e, 3, 9)])?.rows(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self) -> u64 {
        self.0.rows
    }

    /// Every pair with its row count and sum (a mantissa at [`Self::scale`]), in order.
    ///
    /// ```
    /// use cn_budget::{tree::PartialCrosstab, EconomicCode, FunctionCode};
    /// let (f, e): (FunctionCode, EconomicCode) = ("201".parse()?, "301".parse()?);
    /// let p = PartialCrosstab::from_entries(0, 3, [(f, e, 3, 9)])?;
    /// assert_eq!(p.iter().next(), Some((f, e, 3, 9)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (R, K, u64, i128)> + '_ {
        self.0.iter().map(|((r, k), n, s)| (r, k, n, s[0]))
    }

    /// Adds `other` into `self`, exactly (associative and commutative).
    ///
    /// ```
    /// use cn_budget::{tree::PartialCrosstab, EconomicCode, FunctionCode};
    /// let (f, e): (FunctionCode, EconomicCode) = ("201".parse()?, "301".parse()?);
    /// let mut p = PartialCrosstab::from_entries(2, 1, [(f, e, 1, 9)])?;
    /// p.merge(&PartialCrosstab::from_entries(0, 1, [(f, e, 1, 1)])?)?;
    /// assert_eq!(p.iter().next(), Some((f, e, 2, 109)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &PartialCrosstab<R, K>) -> Result<(), RollupError> {
        self.0.merge(&other.0)
    }

    /// The exact crosstab over the two trees; a code neither tree holds is
    /// [`RollupError::NotInTree`].
    ///
    /// ```
    /// use cn_budget::tree::{PartialCrosstab, Tree};
    /// use cn_budget::{EconomicCode, FunctionCode};
    /// use rust_decimal_macros::dec;
    /// let (f, e): (FunctionCode, EconomicCode) = ("2010601".parse()?, "30101".parse()?);
    /// let p = PartialCrosstab::from_entries(2, 1, [(f, e, 1, 55375)])?;
    /// let (rows, columns) = (Tree::from_codes([f]), Tree::from_codes([e]));
    /// assert_eq!(p.finish(&rows, &columns)?.get("201".parse()?, "301".parse()?), Some(dec!(553.75)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finish<'t>(
        &self,
        rows: &'t Tree<R>,
        columns: &'t Tree<K>,
    ) -> Result<Crosstab<'t, R, K>, RollupError> {
        let width = columns.len();
        let mut cells = vec![0i128; rows.len() * width];
        for (r, k, _, sum) in self.iter() {
            let missing = |code: String| RollupError::NotInTree { code };
            let ri = rows.node(r).ok_or_else(|| missing(r.to_string()))?.index();
            let ki = columns
                .node(k)
                .ok_or_else(|| missing(k.to_string()))?
                .index();
            cells[ri * width + ki] = sum;
        }
        Crosstab::finish(rows, columns, cells, self.scale())
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    //! The serialized form: scales, rows and entries with mantissas as strings.
    use super::{PartialCrosstab, PartialRollup, RollupError, Sparse};
    use crate::Code;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// An `i128` written as its decimal digits.
    struct Text(i128);

    impl Serialize for Text {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&self.0)
        }
    }

    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = String::deserialize(d)?;
            s.parse()
                .map(Text)
                .map_err(|_| D::Error::custom(format!("{s:?} is not a 128-bit integer")))
        }
    }

    #[derive(Serialize, Deserialize)]
    struct Entry<C> {
        code: C,
        rows: u64,
        sums: Vec<Text>,
    }

    #[derive(Serialize, Deserialize)]
    struct PairEntry<R, K> {
        row: R,
        column: K,
        rows: u64,
        sum: Text,
    }

    #[derive(Serialize, Deserialize)]
    struct Form<E> {
        scales: Vec<u32>,
        rows: u64,
        entries: Vec<E>,
    }

    fn checked<T, E: serde::de::Error>(r: Result<T, RollupError>) -> Result<T, E> {
        r.map_err(E::custom)
    }

    impl<C: Code + Serialize> Serialize for PartialRollup<C> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Form {
                scales: self.0.scales.clone(),
                rows: self.0.rows,
                entries: self
                    .iter()
                    .map(|(code, rows, sums)| Entry {
                        code,
                        rows,
                        sums: sums.iter().map(|&m| Text(m)).collect(),
                    })
                    .collect(),
            }
            .serialize(s)
        }
    }

    impl<'de, C: Code + Deserialize<'de>> Deserialize<'de> for PartialRollup<C> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let form = Form::<Entry<C>>::deserialize(d)?;
            let entries = form
                .entries
                .into_iter()
                .map(|e| (e.code, e.rows, e.sums.into_iter().map(|t| t.0).collect()));
            checked(Sparse::from_entries(form.scales, form.rows, entries).map(PartialRollup))
        }
    }

    impl<R: Code + Serialize, K: Code + Serialize> Serialize for PartialCrosstab<R, K> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Form {
                scales: self.0.scales.clone(),
                rows: self.0.rows,
                entries: self
                    .iter()
                    .map(|(row, column, rows, sum)| PairEntry {
                        row,
                        column,
                        rows,
                        sum: Text(sum),
                    })
                    .collect(),
            }
            .serialize(s)
        }
    }

    impl<'de, R: Code + Deserialize<'de>, K: Code + Deserialize<'de>> Deserialize<'de>
        for PartialCrosstab<R, K>
    {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let form = Form::<PairEntry<R, K>>::deserialize(d)?;
            if form.scales.len() != 1 {
                return Err(D::Error::custom("a partial crosstab has exactly one scale"));
            }
            let entries = form
                .entries
                .into_iter()
                .map(|e| ((e.row, e.column), e.rows, vec![e.sum.0]));
            checked(Sparse::from_entries(form.scales, form.rows, entries).map(PartialCrosstab))
        }
    }
}
