//! [`proptest`] strategies for property tests: valid codes, and honestly rounded tables whose
//! every printed figure is the rounding of an exact "true" amount.
//!
//! Enabled by the `proptest` feature. The strategies generate only structurally valid codes
//! (they need not exist in any catalog edition) and small trees, so that shrinking stays fast.
//!
//! ```
//! use cn_budget::check::Verdict;
//! use cn_budget::strategies::rounded_table;
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//! use rust_decimal::RoundingStrategy;
//!
//! let mut runner = TestRunner::deterministic();
//! let strategy = rounded_table(RoundingStrategy::MidpointAwayFromZero);
//! for _ in 0..16 {
//!     let t = strategy.new_tree(&mut runner).unwrap().current();
//!     let results = t.table.check_hierarchy(t.rounding());
//!     assert!(results.iter().all(|r| r.verdict() != Some(Verdict::Inconsistent)));
//! }
//! ```

use crate::check::Table;
use crate::{Amount, Code, EconomicCode, FunctionCode, Rounding, Unit};
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::{BTreeMap, BTreeSet};

/// A valid two-digit segment: `01` … `99`.
fn segment() -> impl Strategy<Value = u32> {
    1u32..=99
}

/// Valid functional codes (支出功能分类) of every level: 类 `2xx`, 款 `2xxxx` and 项
/// `2xxxxxx`, with no `00` segment.
///
/// ```
/// use cn_budget::strategies::function_code;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let code = function_code().new_tree(&mut runner).unwrap().current();
/// assert_eq!(code.to_string().parse::<cn_budget::FunctionCode>(), Ok(code));
/// ```
pub fn function_code() -> impl Strategy<Value = FunctionCode> {
    (segment(), segment(), segment(), 1usize..=3).prop_map(|(class, section, item, depth)| {
        let value = match depth {
            1 => 200 + class,
            2 => (200 + class) * 100 + section,
            _ => ((200 + class) * 100 + section) * 100 + item,
        };
        FunctionCode::try_from(value).expect("generated functional code is valid")
    })
}

/// Valid 项 codes: seven-digit functional codes, the level that carries amounts in
/// 部门决算 tables.
///
/// ```
/// use cn_budget::{strategies::item_code, Code, Level};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let code = item_code().new_tree(&mut runner).unwrap().current();
/// assert_eq!(code.level(), Level::Item);
/// ```
pub fn item_code() -> impl Strategy<Value = FunctionCode> {
    (segment(), segment(), segment()).prop_map(|(class, section, item)| {
        FunctionCode::try_from(((200 + class) * 100 + section) * 100 + item)
            .expect("generated item code is valid")
    })
}

/// Valid economic codes (支出经济分类) of both schemes and both levels: 部门 `3xx`/`3xxxx`
/// and 政府 `5xx`/`5xxxx`.
///
/// ```
/// use cn_budget::strategies::economic_code;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let code = economic_code().new_tree(&mut runner).unwrap().current();
/// assert_eq!(code.to_string().parse::<cn_budget::EconomicCode>(), Ok(code));
/// ```
pub fn economic_code() -> impl Strategy<Value = EconomicCode> {
    (
        prop_oneof![Just(300u32), Just(500u32)],
        segment(),
        segment(),
        any::<bool>(),
    )
        .prop_map(|(base, class, section, deep)| {
            let value = if deep {
                (base + class) * 100 + section
            } else {
                base + class
            };
            EconomicCode::try_from(value).expect("generated economic code is valid")
        })
}

/// The [`Rounding`] convention under which figures rounded with `strategy` must be read, if
/// the crate models it: every `Midpoint*` strategy is [`Rounding::Nearest`] (the tie
/// direction is not assumed) and `ToZero` is [`Rounding::Truncation`]; directed roundings
/// such as `AwayFromZero` have no counterpart.
///
/// ```
/// use cn_budget::{strategies::rounding_for, Rounding};
/// use rust_decimal::RoundingStrategy;
/// assert_eq!(rounding_for(RoundingStrategy::MidpointNearestEven), Some(Rounding::Nearest));
/// assert_eq!(rounding_for(RoundingStrategy::ToZero), Some(Rounding::Truncation));
/// assert_eq!(rounding_for(RoundingStrategy::AwayFromZero), None);
/// ```
pub fn rounding_for(strategy: RoundingStrategy) -> Option<Rounding> {
    match strategy {
        RoundingStrategy::MidpointNearestEven
        | RoundingStrategy::MidpointAwayFromZero
        | RoundingStrategy::MidpointTowardZero => Some(Rounding::Nearest),
        RoundingStrategy::ToZero => Some(Rounding::Truncation),
        _ => None,
    }
}

/// The headings of the amount columns of a [`RoundedTable`] with `n` columns (1 to 3).
const HEADINGS: [&str; 3] = ["本年支出合计", "基本支出", "项目支出"];

/// The printed precision of a [`RoundedTable`]: 2 decimals of 万元.
///
/// ```
/// use cn_budget::strategies::{rounded_table, DECIMALS};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use rust_decimal::RoundingStrategy;
/// let mut runner = TestRunner::deterministic();
/// let t = rounded_table(RoundingStrategy::MidpointNearestEven).new_tree(&mut runner).unwrap().current();
/// for row in t.table.rows() {
///     for cell in row.cells.iter().flatten() {
///         assert_eq!(cell.decimals(), DECIMALS as i32);
///         assert_eq!(cell.value().round_dp(DECIMALS), cell.value());
///     }
/// }
/// ```
pub const DECIMALS: u32 = 2;

/// A small honestly rounded table and the exact values behind it; see [`rounded_table`].
///
/// Every node of the tree (项, their 款 and 类) has a row, in code order. The exact value of
/// a 款 or 类 is the exact sum of its children's, the 合计 row holds the exact sum of the
/// 类, and with two or more columns column 0 holds the exact sum of the other columns on
/// every row. Each printed figure is its exact value rounded to [`DECIMALS`] decimals with
/// [`RoundedTable::strategy`], so every identity holds within rounding.
///
/// ```
/// use cn_budget::check::Verdict;
/// use cn_budget::strategies::rounded_table;
/// use cn_budget::{Code, Level, Rounding};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use rust_decimal::RoundingStrategy;
/// let mut runner = TestRunner::deterministic();
/// let strategy = rounded_table(RoundingStrategy::ToZero);
/// for _ in 0..8 {
///     let t = strategy.new_tree(&mut runner).unwrap().current();
///     assert_eq!(t.rounding(), Rounding::Truncation);
///     assert!((1..=3).contains(&t.columns()));
///     // The 类 rows, and under each the 款 rows, as in the table.
///     let classes = t.children(None);
///     assert!(!classes.is_empty() && classes.iter().all(|c| c.level() == Level::Class));
///     for class in &classes {
///         assert!(t.children(Some(*class)).iter().all(|c| c.parent() == Some(*class)));
///     }
///     // Column 0 = column 1 + column 2 … on every row, within rounding.
///     match t.identity_parts() {
///         None => assert_eq!(t.columns(), 1),
///         Some(parts) => {
///             assert_eq!(parts.len(), t.columns() - 1);
///             let results = t.table.check_row_identity("row.total", 0, &parts, t.rounding());
///             assert_eq!(results.len(), t.table.rows().len() + 1);
///             assert!(results.iter().all(|r| r.verdict() != Some(Verdict::Inconsistent)));
///         }
///     }
/// }
/// ```
#[derive(Clone, Debug)]
pub struct RoundedTable {
    /// The printed table (公开表 style, unit 万元), rows in code order, with a 合计 row.
    pub table: Table<FunctionCode>,
    /// The exact value of every code and column, before rounding.
    pub truth: BTreeMap<FunctionCode, Vec<Decimal>>,
    /// The exact value of the 合计 row.
    pub truth_total: Vec<Decimal>,
    /// The printed value of every code and column (as in [`RoundedTable::table`]).
    pub printed: BTreeMap<FunctionCode, Vec<Decimal>>,
    /// The printed value of the 合计 row.
    pub printed_total: Vec<Decimal>,
    /// How the exact values were rounded.
    pub strategy: RoundingStrategy,
}

impl RoundedTable {
    /// The number of amount columns (1 to 3).
    pub fn columns(&self) -> usize {
        self.truth_total.len()
    }

    /// The [`Rounding`] under which the table must be checked.
    pub fn rounding(&self) -> Rounding {
        rounding_for(self.strategy).expect("rounded_table only accepts supported strategies")
    }

    /// The weighted parts of the row identity `column 0 = column 1 + column 2 …`, for
    /// [`Table::check_row_identity`] with total column 0; `None` for a one-column table.
    pub fn identity_parts(&self) -> Option<Vec<(i32, usize)>> {
        (self.columns() > 1).then(|| (1..self.columns()).map(|c| (1, c)).collect())
    }

    /// The codes of the table whose parent is `parent` (`None`: the 类), in code order.
    pub fn children(&self, parent: Option<FunctionCode>) -> Vec<FunctionCode> {
        self.truth
            .keys()
            .copied()
            .filter(|c| c.parent() == parent)
            .collect()
    }

    /// The printed amount of a cell, as in the table.
    ///
    /// ```
    /// use cn_budget::strategies::RoundedTable;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(RoundedTable::amount(dec!(1.5)).to_string(), "1.50 万元");
    /// assert_eq!(RoundedTable::amount(dec!(-0.01)).decimals(), 2);
    /// ```
    pub fn amount(value: Decimal) -> Amount {
        Amount::new(value, DECIMALS as i32, Unit::TenThousandYuan)
            .expect("two decimals are in range")
    }
}

/// One exact amount in 万元 with 4 to 6 decimals, mostly non-negative, biased towards the
/// values where rounding conventions differ (exact midpoints and their neighbours).
fn true_amount() -> impl Strategy<Value = Decimal> {
    (4u32..=6)
        .prop_flat_map(|scale| {
            let cents = prop_oneof![
                6 => 0i64..=1_000_000,
                2 => 0i64..=100,
                1 => -100i64..=0,
                1 => -100_000i64..=-1,
            ];
            let tail = 10i64.pow(scale - DECIMALS);
            (Just(scale), cents, 0u8..6, 0..tail)
        })
        .prop_map(|(scale, cents, kind, raw)| {
            let unit = 10i64.pow(scale - DECIMALS);
            let half = unit / 2;
            let tail = match kind {
                0 => 0,
                1 => half,
                2 => half - 1,
                3 => half + 1,
                _ => raw,
            };
            Decimal::new(cents * unit + tail, scale)
        })
}

/// Honestly rounded tables: a small tree of 1 to 12 项 under at most 3 类 and 3 款 segments,
/// each 项 with exact amounts of 4 to 6 decimals (some negative, many on rounding
/// midpoints), the exact 款, 类 and 合计 totals, and 1 to 3 columns, all printed with 2
/// decimals by rounding the exact values with `strategy`.
///
/// # Panics
/// If `strategy` has no [`Rounding`] counterpart (see [`rounding_for`]).
///
/// ```
/// use cn_budget::strategies::rounded_table;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use rust_decimal::RoundingStrategy;
/// let mut runner = TestRunner::deterministic();
/// let t = rounded_table(RoundingStrategy::ToZero).new_tree(&mut runner).unwrap().current();
/// assert_eq!(t.table.rows().len(), t.truth.len());
/// assert!(t.table.total().is_some());
/// ```
pub fn rounded_table(strategy: RoundingStrategy) -> impl Strategy<Value = RoundedTable> {
    assert!(
        rounding_for(strategy).is_some(),
        "rounded_table: {strategy:?} has no Rounding counterpart"
    );
    let pools = (
        prop::collection::btree_set(segment(), 1..=3),
        prop::collection::btree_set(segment(), 1..=3),
        prop::collection::btree_set(segment(), 1..=4),
        1usize..=3,
    );
    pools
        .prop_flat_map(|(classes, sections, items, columns)| {
            let pick = |s: BTreeSet<u32>| prop::sample::select(s.into_iter().collect::<Vec<_>>());
            let code = (pick(classes), pick(sections), pick(items)).prop_map(|(c, s, i)| {
                FunctionCode::try_from(((200 + c) * 100 + s) * 100 + i)
                    .expect("generated item code is valid")
            });
            let base = if columns > 1 { columns - 1 } else { 1 };
            let amounts = prop::collection::vec(true_amount(), base);
            (
                Just(columns),
                prop::collection::btree_map(code, amounts, 1..=12),
            )
        })
        .prop_map(move |(columns, items)| build(strategy, columns, items))
}

/// Builds the table from exact 项 amounts (one per base column).
fn build(
    strategy: RoundingStrategy,
    columns: usize,
    items: BTreeMap<FunctionCode, Vec<Decimal>>,
) -> RoundedTable {
    let with_total_column = |base: Vec<Decimal>| -> Vec<Decimal> {
        if columns == 1 {
            base
        } else {
            std::iter::once(base.iter().copied().sum())
                .chain(base)
                .collect()
        }
    };
    let mut truth: BTreeMap<FunctionCode, Vec<Decimal>> = BTreeMap::new();
    let mut truth_total = vec![Decimal::ZERO; columns];
    for (code, base) in items {
        let values = with_total_column(base);
        for node in std::iter::once(code).chain(code.ancestors()) {
            let slot = truth
                .entry(node)
                .or_insert_with(|| vec![Decimal::ZERO; columns]);
            for (s, v) in slot.iter_mut().zip(&values) {
                *s += *v;
            }
        }
        for (s, v) in truth_total.iter_mut().zip(&values) {
            *s += *v;
        }
    }
    let round = |v: &Vec<Decimal>| -> Vec<Decimal> {
        v.iter()
            .map(|x| x.round_dp_with_strategy(DECIMALS, strategy))
            .collect()
    };
    let printed: BTreeMap<FunctionCode, Vec<Decimal>> =
        truth.iter().map(|(c, v)| (*c, round(v))).collect();
    let printed_total = round(&truth_total);
    let cells = |v: &[Decimal]| -> Vec<Option<Amount>> {
        v.iter().map(|x| Some(RoundedTable::amount(*x))).collect()
    };
    let mut table = Table::new("公开05表", HEADINGS[..columns].iter().copied());
    for (code, values) in &printed {
        table
            .push(*code, None, cells(values))
            .expect("one cell per column");
    }
    table
        .set_total(cells(&printed_total))
        .expect("one cell per column");
    RoundedTable {
        table,
        truth,
        truth_total,
        printed,
        printed_total,
        strategy,
    }
}
