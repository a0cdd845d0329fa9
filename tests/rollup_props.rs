//! Property tests of `Tree::rollup` and `Crosstab::build` against naive oracles.

use cn_budget::strategies::{economic_code, function_code, item_code};
use cn_budget::tree::{Crosstab, RollupError, Tree};
use cn_budget::{Code, EconomicCode, FunctionCode, Level};
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::collections::BTreeMap;
use std::sync::LazyLock;

fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::with_cases(256)
    }
}

fn f(s: &str) -> FunctionCode {
    s.parse().unwrap()
}

fn e(s: &str) -> EconomicCode {
    s.parse().unwrap()
}

const CLASSES: [u32; 4] = [201, 205, 208, 299];
const SECTIONS: u32 = 3;
const ITEMS: u32 = 4;

/// Functional codes of every level from a small pool, so that rows share parents.
fn dense_code() -> impl Strategy<Value = FunctionCode> {
    (
        prop::sample::select(CLASSES.to_vec()),
        1u32..=SECTIONS,
        1u32..=ITEMS,
        1usize..=3,
    )
        .prop_map(|(class, section, item, depth)| {
            let v = match depth {
                1 => class,
                2 => class * 100 + section,
                _ => (class * 100 + section) * 100 + item,
            };
            FunctionCode::try_from(v).unwrap()
        })
}

/// 项 codes from a small pool.
fn dense_item() -> impl Strategy<Value = FunctionCode> {
    (
        prop::sample::select(CLASSES.to_vec()),
        1u32..=SECTIONS,
        1u32..=ITEMS,
    )
        .prop_map(|(class, section, item)| {
            FunctionCode::try_from((class * 100 + section) * 100 + item).unwrap()
        })
}

/// Economic 款 and 类 codes from a small pool (both schemes).
fn dense_economic() -> impl Strategy<Value = EconomicCode> {
    (
        prop::sample::select(vec![301u32, 302, 399, 501, 599]),
        1u32..=3,
        any::<bool>(),
    )
        .prop_map(|(class, section, deep)| {
            EconomicCode::try_from(if deep { class * 100 + section } else { class }).unwrap()
        })
}

/// An amount with 0 to 8 decimals, small enough that naive `Decimal` sums stay exact.
fn amount() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000_000i64..=1_000_000_000_000, 0u32..=8).prop_map(|(m, s)| Decimal::new(m, s))
}

/// The amount as an integer multiple of 10⁻⁸ (exact for scales up to 8).
fn at_scale_8(d: Decimal) -> i128 {
    d.mantissa() * 10i128.pow(8 - d.scale())
}

/// Every code that [`dense_code`] can produce, with its ancestors.
///
/// Building a functional tree allocates a lookup table over the whole key space (tens of
/// milliseconds in a debug build), so most properties share this one tree; nodes without
/// rows must then total zero.
static UNIVERSE: LazyLock<Tree<FunctionCode>> = LazyLock::new(|| {
    let mut codes = Vec::new();
    for class in CLASSES {
        for section in 1..=SECTIONS {
            for item in 1..=ITEMS {
                codes.push(FunctionCode::try_from((class * 100 + section) * 100 + item).unwrap());
            }
        }
    }
    Tree::from_codes(codes)
});

/// For every code and each of its ancestors, the sum of the rows at or below it.
fn naive<const N: usize>(
    rows: &[(FunctionCode, [Decimal; N])],
) -> BTreeMap<FunctionCode, [Decimal; N]> {
    let mut sums: BTreeMap<FunctionCode, [Decimal; N]> = BTreeMap::new();
    for (code, amounts) in rows {
        for node in std::iter::once(*code).chain(code.ancestors()) {
            let slot = sums.entry(node).or_insert([Decimal::ZERO; N]);
            for (s, a) in slot.iter_mut().zip(amounts) {
                *s += *a;
            }
        }
    }
    sums
}

fn grand<const N: usize>(rows: &[(FunctionCode, [Decimal; N])]) -> [Decimal; N] {
    let mut total = [Decimal::ZERO; N];
    for (_, amounts) in rows {
        for (t, a) in total.iter_mut().zip(amounts) {
            *t += *a;
        }
    }
    total
}

/// Every node of a rollup over [`UNIVERSE`] and the grand total, printed (so that scales
/// count too).
fn printed<const N: usize>(rows: &[(FunctionCode, [Decimal; N])]) -> Vec<String> {
    let rollup = UNIVERSE.rollup(rows).unwrap();
    rollup
        .iter()
        .map(|(c, t)| format!("{c}: {t:?}"))
        .chain([format!("grand: {:?}", rollup.grand_total())])
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rollup_equals_naive_sums(rows in prop::collection::vec((dense_code(), [amount(), amount()]), 0..40)) {
        let rollup = UNIVERSE.rollup(&rows).unwrap();
        let expected = naive(&rows);
        let zero = [Decimal::ZERO; 2];
        prop_assert_eq!(rollup.iter().count(), UNIVERSE.len());
        for (code, totals) in rollup.iter() {
            prop_assert_eq!(totals, expected.get(&code).unwrap_or(&zero), "node {}", code);
        }
        prop_assert_eq!(rollup.grand_total(), &grand(&rows));
        prop_assert_eq!(rollup.rows(), rows.len());
        // The grand total is also the sum over the 类.
        let mut by_class = [Decimal::ZERO; 2];
        for (_, t) in rollup.at_level(Level::Class) {
            by_class[0] += t[0];
            by_class[1] += t[1];
        }
        prop_assert_eq!(&by_class, rollup.grand_total());
    }

    #[test]
    fn rollup_is_exact_at_mixed_scales(rows in prop::collection::vec((dense_code(), [amount()]), 1..40)) {
        // Oracle in plain integers at 10⁻⁸, independent of Decimal arithmetic.
        let mut sums: BTreeMap<FunctionCode, i128> = BTreeMap::new();
        for (code, [a]) in &rows {
            for node in std::iter::once(*code).chain(code.ancestors()) {
                *sums.entry(node).or_default() += at_scale_8(*a);
            }
        }
        let max_scale = rows.iter().map(|r| r.1[0].scale()).max().unwrap();
        let rollup = UNIVERSE.rollup(&rows).unwrap();
        for (code, [total]) in rollup.iter() {
            prop_assert_eq!(at_scale_8(*total), sums.get(&code).copied().unwrap_or(0), "node {}", code);
            // No digits are invented or dropped: the scale is the finest input scale.
            prop_assert_eq!(total.scale(), max_scale);
        }
        let grand: i128 = rows.iter().map(|r| at_scale_8(r.1[0])).sum();
        prop_assert_eq!(at_scale_8(rollup.grand_total()[0]), grand);
    }

    #[test]
    fn row_order_never_matters(
        (rows, shuffled) in prop::collection::vec((dense_code(), [amount(), amount(), amount()]), 0..30)
            .prop_flat_map(|rows| (Just(rows.clone()), Just(rows).prop_shuffle()))
    ) {
        prop_assert_eq!(printed(&rows), printed(&shuffled));
    }

    #[test]
    fn rolling_up_a_rollup_changes_nothing(rows in prop::collection::vec((dense_item(), [amount(), amount()]), 1..30)) {
        let first = UNIVERSE.rollup(&rows).unwrap();
        // The 项 totals (duplicates merged) rolled up again.
        let items = first.at_level(Level::Item);
        prop_assert_eq!(items.len(), CLASSES.len() * (SECTIONS * ITEMS) as usize);
        let second = UNIVERSE.rollup(&items).unwrap();
        for (code, t) in first.iter() {
            prop_assert_eq!(second.get(code), Some(t), "node {}", code);
        }
        prop_assert_eq!(second.grand_total(), first.grand_total());
        // Only the 项 that have rows, as a caller would feed them back.
        let touched: Vec<_> = items.iter().copied().filter(|(c, _)| rows.iter().any(|r| r.0 == *c)).collect();
        let again = UNIVERSE.rollup(&touched).unwrap();
        for (code, t) in first.iter() {
            prop_assert_eq!(again.get(code), Some(t), "node {}", code);
        }
        // The 款 totals rolled up again give the same 款, 类 and grand totals.
        let sections = first.at_level(Level::Section);
        let third = UNIVERSE.rollup(&sections).unwrap();
        prop_assert_eq!(third.at_level(Level::Section), sections);
        prop_assert_eq!(third.at_level(Level::Class), first.at_level(Level::Class));
        prop_assert_eq!(third.grand_total(), first.grand_total());
        // And so do the 类 totals themselves.
        let classes = first.at_level(Level::Class);
        let fourth = UNIVERSE.rollup(&classes).unwrap();
        prop_assert_eq!(fourth.grand_total(), first.grand_total());
    }

    #[test]
    fn crosstab_equals_naive_and_rollups(
        data in prop::collection::vec(
            (dense_item(), prop_oneof![3 => dense_economic(), 1 => economic_code()], amount()),
            0..30)
    ) {
        let functions = &*UNIVERSE;
        let economics = Tree::from_codes(data.iter().map(|r| r.1));
        let table = Crosstab::build(functions, &economics, &data).unwrap();
        check_crosstab(functions, &economics, &table, &data)?;
    }

    #[test]
    fn crosstab_ignores_data_order(
        (data, shuffled) in prop::collection::vec((dense_item(), dense_economic(), amount()), 0..25)
            .prop_flat_map(|d| (Just(d.clone()), Just(d).prop_shuffle()))
    ) {
        let functions = &*UNIVERSE;
        let economics = Tree::from_codes(data.iter().map(|r| r.1));
        let a = Crosstab::build(functions, &economics, &data).unwrap();
        let b = Crosstab::build(functions, &economics, &shuffled).unwrap();
        for &r in functions.codes() {
            for &k in economics.codes() {
                prop_assert_eq!(
                    a.get(r, k).map(|d| d.to_string()),
                    b.get(r, k).map(|d| d.to_string())
                );
            }
        }
        prop_assert_eq!(a.grand_total().to_string(), b.grand_total().to_string());
    }
}

/// Checks every cell, row total, column total and the grand total of a cross-tabulation
/// against naive sums and against one-way rollups.
fn check_crosstab(
    functions: &Tree<FunctionCode>,
    economics: &Tree<EconomicCode>,
    table: &Crosstab<'_, FunctionCode, EconomicCode>,
    data: &[(FunctionCode, EconomicCode, Decimal)],
) -> Result<(), TestCaseError> {
    for &r in functions.codes() {
        for &k in economics.codes() {
            let expected: Decimal = data
                .iter()
                .filter(|(rc, kc, _)| r.contains(*rc) && k.contains(*kc))
                .map(|d| d.2)
                .sum();
            prop_assert_eq!(table.get(r, k), Some(expected), "cell {} × {}", r, k);
        }
    }
    // Row totals are the rollup of the data by row code, column totals by column code.
    let by_row: Vec<(FunctionCode, [Decimal; 1])> = data.iter().map(|d| (d.0, [d.2])).collect();
    let by_column: Vec<(EconomicCode, [Decimal; 1])> = data.iter().map(|d| (d.1, [d.2])).collect();
    let rows = functions.rollup(&by_row).unwrap();
    let columns = economics.rollup(&by_column).unwrap();
    for (r, [t]) in rows.iter() {
        prop_assert_eq!(table.row_total(r), Some(*t), "row {}", r);
    }
    for (k, [t]) in columns.iter() {
        prop_assert_eq!(table.column_total(k), Some(*t), "column {}", k);
    }
    let grand: Decimal = data.iter().map(|d| d.2).sum();
    prop_assert_eq!(table.grand_total(), grand);
    prop_assert_eq!(rows.grand_total()[0], grand);
    prop_assert_eq!(columns.grand_total()[0], grand);
    Ok(())
}

proptest! {
    // Each case builds fresh functional trees (a debug build spends tens of milliseconds on
    // each), so fewer cases.
    #![proptest_config(Config { failure_persistence: None, ..Config::with_cases(24) })]

    #[test]
    fn fresh_tree_holds_the_rows_codes_and_ancestors(
        rows in prop::collection::vec((prop_oneof![dense_code(), function_code()], [amount(), amount()]), 0..40),
        extra in prop::collection::vec(function_code(), 0..10),
    ) {
        let tree = Tree::from_codes(rows.iter().map(|r| r.0));
        let rollup = tree.rollup(&rows).unwrap();
        let expected = naive(&rows);
        let nodes: Vec<FunctionCode> = rollup.iter().map(|(c, _)| c).collect();
        prop_assert_eq!(nodes, expected.keys().copied().collect::<Vec<_>>());
        for (code, sums) in &expected {
            prop_assert_eq!(rollup.get(*code), Some(sums), "node {}", code);
        }
        prop_assert_eq!(rollup.grand_total(), &grand(&rows));
        // A larger tree changes no total: nodes without rows total zero.
        let big = Tree::from_codes(rows.iter().map(|r| r.0).chain(extra.iter().copied()));
        let b = big.rollup(&rows).unwrap();
        for (code, t) in b.iter() {
            match expected.get(&code) {
                Some(sums) => prop_assert_eq!(t, sums),
                None => prop_assert!(t.iter().all(|d| d.is_zero()), "{} has no rows", code),
            }
        }
        prop_assert_eq!(b.grand_total(), rollup.grand_total());
    }

    #[test]
    fn crosstab_of_wide_codes(
        data in prop::collection::vec((item_code(), economic_code(), amount()), 0..20)
    ) {
        let functions = Tree::from_codes(data.iter().map(|r| r.0));
        let economics = Tree::from_codes(data.iter().map(|r| r.1));
        let table = Crosstab::build(&functions, &economics, &data).unwrap();
        check_crosstab(&functions, &economics, &table, &data)?;
    }
}

#[test]
fn mixed_scales_are_exact() {
    let rows = [
        (f("2010101"), [dec!(0.1)]),
        (f("2010101"), [dec!(0.00000001)]),
        (f("2010102"), [dec!(1000000000000000)]),
        (f("2010102"), [dec!(-0.3)]),
        (f("20101"), [dec!(0.2)]),
    ];
    let rollup = UNIVERSE.rollup(&rows).unwrap();
    assert_eq!(rollup.get(f("2010101")), Some(&[dec!(0.10000001)]));
    assert_eq!(rollup.get(f("2010102")), Some(&[dec!(999999999999999.7)]));
    assert_eq!(
        rollup.get(f("20101")),
        Some(&[dec!(1000000000000000.00000001)])
    );
    assert_eq!(
        rollup.get(f("201")),
        Some(&[dec!(1000000000000000.00000001)])
    );
    assert_eq!(
        rollup.grand_total()[0].to_string(),
        "1000000000000000.00000001"
    );
    // 0.1 + 0.2 - 0.3 is exactly zero, unlike in binary floating point.
    let rows = [
        (f("2080101"), [dec!(0.1)]),
        (f("2080102"), [dec!(0.2)]),
        (f("2080103"), [dec!(-0.3)]),
    ];
    assert!(UNIVERSE.rollup(&rows).unwrap().grand_total()[0].is_zero());
}

#[test]
fn unknown_code_is_an_error_with_its_row() {
    let tree = Tree::from_codes([f("2010601")]);
    let rows = [(f("2010601"), [dec!(1)]), (f("2010602"), [dec!(2)])];
    assert_eq!(
        tree.rollup(&rows).unwrap_err(),
        RollupError::UnknownCode {
            row: 1,
            code: "2010602".into()
        }
    );
    let economics = Tree::from_codes([e("30101")]);
    let data = [(f("2010601"), e("30201"), dec!(1))];
    assert!(matches!(
        Crosstab::build(&tree, &economics, &data),
        Err(RollupError::UnknownCode { row: 0, .. })
    ));
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let rows = [
        (f("2010601"), [Decimal::MAX]),
        (f("2010602"), [Decimal::MAX]),
    ];
    let tree = Tree::from_codes(rows.iter().map(|r| r.0));
    assert!(matches!(
        tree.rollup(&rows),
        Err(RollupError::Overflow { column: 0 })
    ));
}
