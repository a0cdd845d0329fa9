//! Property tests of the rounding-aware checks on honestly rounded tables, and unit tests of
//! the comparisons and the structural pre-conditions.

use cn_budget::check::{
    compare_equal, compare_le, compare_sum, Blocker, CheckResult, Outcome, Row, Table, Verdict,
};
use cn_budget::strategies::{rounded_table, RoundedTable};
use cn_budget::{Amount, Code, FunctionCode, Rounding, Unit};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;

fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::with_cases(256)
    }
}

const STRATEGIES: [RoundingStrategy; 3] = [
    RoundingStrategy::MidpointAwayFromZero,
    RoundingStrategy::MidpointNearestEven,
    RoundingStrategy::ToZero,
];

fn any_table() -> impl Strategy<Value = RoundedTable> {
    prop::sample::select(STRATEGIES.to_vec()).prop_flat_map(rounded_table)
}

fn wan(s: &str) -> Amount {
    Amount::parse(s, Unit::TenThousandYuan).unwrap()
}

fn cell(s: &str) -> Option<Amount> {
    Some(wan(s))
}

fn f(s: &str) -> FunctionCode {
    s.parse().unwrap()
}

fn inconsistent(results: &[CheckResult]) -> Vec<&CheckResult> {
    results
        .iter()
        .filter(|r| r.verdict() == Some(Verdict::Inconsistent))
        .collect()
}

/// All the checks a [`RoundedTable`] supports.
fn all_checks(t: &RoundedTable, table: &Table<FunctionCode>) -> Vec<CheckResult> {
    let mut results = table.check_hierarchy(t.rounding());
    if let Some(parts) = t.identity_parts() {
        results.extend(table.check_row_identity("row.subtotal", 0, &parts, t.rounding()));
    }
    results
}

/// A table with the same name, columns and total as `t.table`, and these rows.
fn with_rows(t: &RoundedTable, rows: &[Row<FunctionCode>]) -> Table<FunctionCode> {
    let mut table = Table::new(t.table.name(), t.table.columns().iter().cloned());
    for r in rows {
        table
            .push(r.code, r.name.as_deref(), r.cells.clone())
            .unwrap();
    }
    table.set_total(t.table.total().unwrap().to_vec()).unwrap();
    table
}

/// An order-independent fingerprint of a list of results.
fn fingerprint(results: &[CheckResult]) -> Vec<String> {
    let mut v: Vec<String> = results.iter().map(|r| format!("{r:?}")).collect();
    v.sort();
    v
}

/// Honest tables: every printed figure is its true value rounded, so no check may fail, and
/// every parent, the 合计 row and every row identity are actually checked.
fn assert_honest(t: &RoundedTable) -> Result<(), TestCaseError> {
    let rounding = t.rounding();
    // The strategy itself: each true value lies in the interval its printed figure stands for.
    for (code, truth) in &t.truth {
        for (c, x) in truth.iter().enumerate() {
            let printed = RoundedTable::amount(t.printed[code][c]);
            prop_assert!(
                printed.interval(rounding).unwrap().contains(*x),
                "{} {}",
                code,
                x
            );
        }
    }
    let hierarchy = t.table.check_hierarchy(rounding);
    for r in &hierarchy {
        prop_assert!(
            matches!(r.verdict(), Some(Verdict::Exact | Verdict::WithinRounding)),
            "{:?}",
            r
        );
        let c = r.comparison().unwrap();
        prop_assert_eq!(c.difference.is_zero(), c.verdict == Verdict::Exact);
        if rounding == Rounding::Nearest {
            // Symmetric intervals: consistent iff |difference| ≤ tolerance.
            prop_assert!(
                c.difference.abs() <= c.tolerance || c.tolerance.is_zero(),
                "{:?}",
                c
            );
        }
    }
    let parents = t.truth.keys().filter(|c| !t.children(Some(**c)).is_empty());
    let expected = (parents.count() + 1) * t.columns();
    prop_assert_eq!(hierarchy.len(), expected);
    if let Some(parts) = t.identity_parts() {
        let rows = t
            .table
            .check_row_identity("row.subtotal", 0, &parts, rounding);
        prop_assert_eq!(rows.len(), t.truth.len() + 1);
        for r in &rows {
            prop_assert!(r.verdict().is_some_and(Verdict::is_consistent), "{:?}", r);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn half_up_tables_are_consistent(t in rounded_table(RoundingStrategy::MidpointAwayFromZero)) {
        prop_assert_eq!(t.rounding(), Rounding::Nearest);
        assert_honest(&t)?;
    }

    #[test]
    fn half_even_tables_are_consistent(t in rounded_table(RoundingStrategy::MidpointNearestEven)) {
        prop_assert_eq!(t.rounding(), Rounding::Nearest);
        assert_honest(&t)?;
    }

    #[test]
    fn truncated_tables_are_consistent(t in rounded_table(RoundingStrategy::ToZero)) {
        prop_assert_eq!(t.rounding(), Rounding::Truncation);
        assert_honest(&t)?;
    }

    /// Moving one printed figure by more than any rounding can explain is caught, and only
    /// where that figure is used.
    #[test]
    fn one_perturbed_cell_is_caught_where_it_is(
        t in any_table(),
        which in any::<Index>(),
        column in any::<Index>(),
        up in any::<bool>(),
    ) {
        let rows = t.table.rows();
        let target = which.index(rows.len() + 1); // rows.len() is the 合计 row
        let column = column.index(t.columns());
        // The check that uses the figure as a part: its parent's (or, for a 类, the 合计's),
        // with n parts; for the 合计 row, the total check itself, with the 类 as parts.
        let (code, parent, n) = if target == rows.len() {
            (None, "合计".to_owned(), t.children(None).len())
        } else {
            let code = rows[target].code;
            let parent = code.parent();
            let label = parent.map_or("合计".to_owned(), |p| p.to_string());
            (Some(code), label, t.children(parent).len())
        };
        let n = i64::try_from(n).unwrap();
        // Honest differences are within (n + 1)·0.005 (nearest) or below (n + 1)·0.01
        // (truncation, where a printed 0.00 stands for (−0.01, 0.01)). A shift of more than
        // twice that is outside the tolerance whatever the honest difference was.
        let steps = match t.rounding() {
            Rounding::Nearest => n + 2,
            _ => 2 * n + 2,
        };
        let delta = Decimal::new(if up { steps } else { -steps }, 2);
        let mut table_rows = rows.to_vec();
        let mut total = t.table.total().unwrap().to_vec();
        let slot = match code {
            Some(_) => &mut table_rows[target].cells[column],
            None => &mut total[column],
        };
        let old = slot.unwrap();
        *slot = Some(RoundedTable::amount(old.value() + delta));
        let mut table = with_rows(&t, &table_rows);
        table.set_total(total).unwrap();

        let results = all_checks(&t, &table);
        let heading = &t.table.columns()[column];
        let bad = inconsistent(&results);
        prop_assert!(
            bad.iter().any(|r| r.location.code.as_deref() == Some(parent.as_str())
                && r.location.column.as_ref() == Some(heading)
                && r.rule.starts_with("hierarchy.")),
            "no inconsistency at {} for a shift of {} at {:?}: {:#?}", parent, delta, code, results
        );
        let own = code.map_or("合计".to_owned(), |c| c.to_string());
        for r in &bad {
            let at = r.location.code.as_deref().unwrap();
            prop_assert!(at == own || at == parent, "inconsistency elsewhere: {:?}", r);
            if r.rule.starts_with("hierarchy.") {
                prop_assert_eq!(r.location.column.as_ref(), Some(heading));
            } else {
                prop_assert_eq!(at, own.as_str());
            }
        }
        // Nothing is blocked: the table has no structural problem.
        prop_assert!(results.iter().all(|r| r.verdict().is_some()));
    }

    /// Row order changes no result, whatever the table: honest or not, with missing parents
    /// and duplicate rows.
    #[test]
    fn row_order_changes_no_result(
        (t, drops, dups, shift, order) in any_table().prop_flat_map(|t| {
            let n = t.table.rows().len();
            (
                Just(t),
                prop::collection::vec(any::<Index>(), 0..3),
                prop::collection::vec(any::<Index>(), 0..2),
                prop::option::of((any::<Index>(), -300i64..=300)),
                Just((0..n + 2).collect::<Vec<usize>>()).prop_shuffle(),
            )
        })
    ) {
        let mut rows = t.table.rows().to_vec();
        if let Some((i, cents)) = shift {
            let i = i.index(rows.len());
            let old = rows[i].cells[0].unwrap();
            rows[i].cells[0] = Some(RoundedTable::amount(old.value() + Decimal::new(cents, 2)));
        }
        for d in &dups {
            let copy = rows[d.index(rows.len())].clone();
            rows.push(copy);
        }
        for d in &drops {
            if rows.len() > 1 {
                rows.remove(d.index(rows.len()));
            }
        }
        let shuffled: Vec<Row<FunctionCode>> =
            order.iter().filter(|&&i| i < rows.len()).map(|&i| rows[i].clone()).collect();
        prop_assert_eq!(shuffled.len(), rows.len());
        let a = all_checks(&t, &with_rows(&t, &rows));
        let b = all_checks(&t, &with_rows(&t, &shuffled));
        prop_assert_eq!(fingerprint(&a), fingerprint(&b));
        // Each duplicated code is reported once.
        let dup_reports = a.iter().filter(|r| r.rule == "structure.duplicate_row").count();
        let mut codes: Vec<_> = rows.iter().map(|r| r.code).collect();
        codes.sort();
        let mut distinct = codes.clone();
        distinct.dedup();
        let duplicated = distinct
            .iter()
            .filter(|c| codes.iter().filter(|d| d == c).count() > 1)
            .count();
        prop_assert_eq!(dup_reports, duplicated);
    }

    /// Two honest printings of one true value, at different precisions or units, agree.
    #[test]
    fn honest_duplicates_agree(
        strategy in prop::sample::select(STRATEGIES.to_vec()),
        mantissa in -10_000_000_000i64..=10_000_000_000,
        scale in 4u32..=6,
        coarse in 0u32..=1,
    ) {
        let x = Decimal::new(mantissa, scale);
        let rounding = cn_budget::strategies::rounding_for(strategy).unwrap();
        let fine = Amount::new(x.round_dp_with_strategy(2, strategy), 2, Unit::TenThousandYuan).unwrap();
        let rough = Amount::new(x.round_dp_with_strategy(coarse, strategy), coarse as i32, Unit::TenThousandYuan).unwrap();
        let yuan = Amount::new((x * dec!(10000)).round_dp_with_strategy(0, strategy), 0, Unit::Yuan).unwrap();
        for (a, b) in [(&fine, &rough), (&rough, &fine), (&fine, &yuan), (&yuan, &fine), (&rough, &yuan)] {
            let c = compare_equal(a, b, rounding).unwrap();
            prop_assert!(c.verdict.is_consistent(), "{} vs {}: {:?}", a, b, c);
        }
        // Same precision and unit: one quantity printed twice must be identical.
        let other = Amount::new(fine.value() + dec!(0.01), 2, Unit::TenThousandYuan).unwrap();
        prop_assert_eq!(compare_equal(&fine, &fine, rounding).unwrap().verdict, Verdict::Exact);
        prop_assert_eq!(compare_equal(&fine, &other, rounding).unwrap().verdict, Verdict::Inconsistent);
    }

    /// `a ≤ b` for true values: the printed figures never contradict it; printed figures in
    /// order are `Exact`; far apart they are `Inconsistent`.
    #[test]
    fn compare_le_is_sound(
        strategy in prop::sample::select(STRATEGIES.to_vec()),
        x in -1_000_000_000i64..=1_000_000_000,
        gap in 0i64..=1_000_000,
    ) {
        let rounding = cn_budget::strategies::rounding_for(strategy).unwrap();
        let lo = Decimal::new(x, 5);
        let hi = Decimal::new(x + gap, 5);
        let print = |v: Decimal| RoundedTable::amount(v.round_dp_with_strategy(2, strategy));
        let c = compare_le(&print(lo), &print(hi), rounding).unwrap();
        prop_assert!(c.verdict.is_consistent(), "{} ≤ {}: {:?}", lo, hi, c);
        prop_assert_eq!(c.verdict, Verdict::Exact); // all three strategies are monotone
        // Printed more than two units apart in the wrong order: impossible.
        let a = RoundedTable::amount(print(hi).value() + dec!(0.03));
        let c = compare_le(&a, &print(hi), rounding).unwrap();
        prop_assert_eq!(c.verdict, Verdict::Inconsistent);
    }
}

#[test]
fn compare_le_examples() {
    let n = Rounding::Nearest;
    let t = Rounding::Truncation;
    assert_eq!(
        compare_le(&wan("0.61"), &wan("0.61"), n).unwrap().verdict,
        Verdict::Exact
    );
    assert_eq!(
        compare_le(&wan("0.60"), &wan("0.61"), n).unwrap().verdict,
        Verdict::Exact
    );
    // 0.62 ≤ 0.61 can hold with true values 0.615 each.
    let c = compare_le(&wan("0.62"), &wan("0.61"), n).unwrap();
    assert_eq!(c.verdict, Verdict::WithinRounding);
    assert_eq!(c.difference, dec!(0.01));
    assert_eq!(c.tolerance, dec!(0.01));
    assert_eq!(
        compare_le(&wan("0.63"), &wan("0.61"), n).unwrap().verdict,
        Verdict::Inconsistent
    );
    // Truncated: 0.62 stands for [0.62, 0.63), 0.61 for [0.61, 0.62): equality is excluded.
    assert_eq!(
        compare_le(&wan("0.62"), &wan("0.61"), t).unwrap().verdict,
        Verdict::Inconsistent
    );
    // Truncated negatives: -0.61 stands for (-0.62, -0.61], -0.62 for (-0.63, -0.62].
    assert_eq!(
        compare_le(&wan("-0.61"), &wan("-0.62"), t).unwrap().verdict,
        Verdict::Inconsistent
    );
    // Truncated zero stands for (-0.01, 0.01): 0.00 ≤ -0.00 can hold, 0.01 ≤ 0.00 cannot.
    assert_eq!(
        compare_le(&wan("0.00"), &wan("-0.00"), t).unwrap().verdict,
        Verdict::Exact
    );
    assert_eq!(
        compare_le(&wan("0.01"), &wan("0.00"), t).unwrap().verdict,
        Verdict::Inconsistent
    );
    let tiny = |v: Decimal| Amount::exact(v, Unit::TenThousandYuan);
    for v in [dec!(-0.009), dec!(0.009)] {
        assert_eq!(
            compare_equal(&wan("0.00"), &tiny(v), t).unwrap().verdict,
            Verdict::WithinRounding
        );
    }
    assert_eq!(
        compare_equal(&wan("0.00"), &tiny(dec!(0.01)), t)
            .unwrap()
            .verdict,
        Verdict::Inconsistent
    );
    // Across units: 1.00 万元 ≤ 9,950 元 can hold (0.995 万元 ≤ 0.99505 万元).
    let yuan = |s: &str| Amount::parse(s, Unit::Yuan).unwrap();
    assert_eq!(
        compare_le(&wan("1.00"), &yuan("9950"), n).unwrap().verdict,
        Verdict::WithinRounding
    );
    assert_eq!(
        compare_le(&wan("1.00"), &yuan("9940"), n).unwrap().verdict,
        Verdict::Inconsistent
    );
}

#[test]
fn compare_equal_examples() {
    let n = Rounding::Nearest;
    let v = |a: &str, b: &str| compare_equal(&wan(a), &wan(b), n).unwrap().verdict;
    assert_eq!(v("84.3", "84.30"), Verdict::Exact);
    assert_eq!(v("3613.57", "3613.56"), Verdict::Inconsistent);
    // Different precisions: 1.0 stands for [0.95, 1.05].
    assert_eq!(v("1.0", "1.04"), Verdict::WithinRounding);
    assert_eq!(v("1.0", "1.05"), Verdict::WithinRounding);
    assert_eq!(v("1.0", "1.06"), Verdict::Inconsistent);
    assert_eq!(v("1.04", "1.0"), Verdict::WithinRounding);
    let yuan = |s: &str| Amount::parse(s, Unit::Yuan).unwrap();
    let c = compare_equal(&wan("1.00"), &yuan("10000"), n).unwrap();
    assert_eq!(c.verdict, Verdict::Exact);
    assert_eq!(
        compare_equal(&wan("1.00"), &yuan("10049"), n)
            .unwrap()
            .verdict,
        Verdict::WithinRounding
    );
    assert_eq!(
        compare_equal(&wan("1.00"), &yuan("10051"), n)
            .unwrap()
            .verdict,
        Verdict::Inconsistent
    );
    // An exact figure against a printed one.
    let exact = Amount::exact(dec!(1.004), Unit::TenThousandYuan);
    assert_eq!(
        compare_equal(&wan("1.00"), &exact, n).unwrap().verdict,
        Verdict::WithinRounding
    );
    let exact = Amount::exact(dec!(1.006), Unit::TenThousandYuan);
    assert_eq!(
        compare_equal(&wan("1.00"), &exact, n).unwrap().verdict,
        Verdict::Inconsistent
    );
}

#[test]
fn compare_sum_tolerance_is_n_plus_one_half_units() {
    let parts = [wan("1.00"), wan("2.00"), wan("3.00")];
    let c = compare_sum(
        &wan("6.02"),
        parts.iter().map(|a| (1, a)),
        Rounding::Nearest,
    )
    .unwrap();
    assert_eq!(c.tolerance, dec!(0.02));
    assert_eq!(c.terms, 3);
    assert_eq!(c.verdict, Verdict::WithinRounding);
    let c = compare_sum(
        &wan("6.03"),
        parts.iter().map(|a| (1, a)),
        Rounding::Nearest,
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Inconsistent);
    // Weights: 6.00 − 1.00 = 5.00.
    let c = compare_sum(
        &wan("5.00"),
        [(1, &wan("6.00")), (-1, &wan("1.00"))],
        Rounding::Nearest,
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::Exact);
    // No parts: the computed value is exactly zero.
    let c = compare_sum(&wan("0.00"), [], Rounding::Nearest).unwrap();
    assert_eq!(c.verdict, Verdict::Exact);
    let c = compare_sum(&wan("0.01"), [], Rounding::Nearest).unwrap();
    assert_eq!(c.verdict, Verdict::Inconsistent);
}

#[test]
fn excess_digits_block_instead_of_failing() {
    let bad = Amount::new(dec!(1.234), 2, Unit::TenThousandYuan).unwrap();
    assert!(bad.has_excess_digits());
    assert!(!wan("1.23").has_excess_digits());
    assert!(!Amount::new(dec!(1.230), 2, Unit::TenThousandYuan)
        .unwrap()
        .has_excess_digits());
    assert!(!Amount::new(dec!(1200), -2, Unit::Yuan)
        .unwrap()
        .has_excess_digits());
    assert!(Amount::new(dec!(1250), -2, Unit::Yuan)
        .unwrap()
        .has_excess_digits());
    let expected = Blocker::ExcessDigits {
        value: dec!(1.234),
        decimals: 2,
    };
    for (a, b) in [(&bad, &wan("1.23")), (&wan("1.23"), &bad)] {
        assert_eq!(
            compare_equal(a, b, Rounding::Nearest).unwrap_err(),
            expected
        );
        assert_eq!(compare_le(a, b, Rounding::Nearest).unwrap_err(), expected);
    }
    // In a table: the check that uses the figure is blocked, the others still run.
    let mut t: Table<FunctionCode> = Table::new("公开02表", ["金额"]);
    t.push(f("201"), None, vec![cell("10.00")]).unwrap();
    t.push(f("20106"), None, vec![Some(bad)]).unwrap();
    t.push(f("2010601"), None, vec![cell("1.23")]).unwrap();
    t.push(f("205"), None, vec![cell("3.00")]).unwrap();
    t.push(f("20502"), None, vec![cell("3.50")]).unwrap();
    let results = t.check_hierarchy(Rounding::Nearest);
    let blocked: Vec<_> = results
        .iter()
        .filter(|r| r.outcome == Outcome::Blocked(expected.clone()))
        .map(|r| r.location.code.as_deref().unwrap())
        .collect();
    assert_eq!(blocked, ["201", "20106"]);
    let bad = inconsistent(&results);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].location.code.as_deref(), Some("205"));
}

#[test]
fn duplicate_rows_block_dependents_without_cascade() {
    let mut t: Table<FunctionCode> = Table::new("公开02表", ["金额"]);
    t.push(f("201"), None, vec![cell("10.00")]).unwrap();
    t.push(f("20106"), None, vec![cell("10.00")]).unwrap();
    t.push(f("2010601"), None, vec![cell("4.00")]).unwrap();
    t.push(f("2010601"), None, vec![cell("4.00")]).unwrap(); // printed twice
    t.push(f("2010602"), None, vec![cell("6.00")]).unwrap();
    t.push(f("208"), None, vec![cell("1.00")]).unwrap();
    t.push(f("20805"), None, vec![cell("1.50")]).unwrap(); // a real error elsewhere
    t.set_total(vec![cell("11.00")]).unwrap();
    let results = t.check_hierarchy(Rounding::Nearest);
    let dups: Vec<_> = results
        .iter()
        .filter(|r| r.rule == "structure.duplicate_row")
        .collect();
    assert_eq!(dups.len(), 1, "{results:#?}");
    assert_eq!(dups[0].location.code.as_deref(), Some("2010601"));
    assert_eq!(
        dups[0].outcome,
        Outcome::Blocked(Blocker::DuplicateRow {
            code: "2010601".into(),
            count: 2
        })
    );
    // The parent of the duplicate is not checked (4 + 4 + 6 ≠ 10 would be a cascade).
    assert!(!results
        .iter()
        .any(|r| r.location.code.as_deref() == Some("20106")));
    // Checks that do not use the duplicate still run: 201 = 20106, 合计 = 201 + 208, and
    // the genuine error at 208.
    let compared: Vec<_> = results
        .iter()
        .filter_map(|r| Some((r.location.code.as_deref()?, r.verdict()?)))
        .collect();
    assert_eq!(
        compared,
        [
            ("201", Verdict::Exact),
            ("208", Verdict::Inconsistent),
            ("合计", Verdict::Exact)
        ]
    );

    // A duplicated 类 blocks the 合计 check.
    let mut t: Table<FunctionCode> = Table::new("公开02表", ["金额"]);
    t.push(f("201"), None, vec![cell("10.00")]).unwrap();
    t.push(f("201"), None, vec![cell("10.00")]).unwrap();
    t.set_total(vec![cell("10.00")]).unwrap();
    let results = t.check_hierarchy(Rounding::Nearest);
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(results[0].rule, "structure.duplicate_row");
}

#[test]
fn missing_parent_rows_are_reported_and_block_the_ancestor() {
    let mut t: Table<FunctionCode> = Table::new("公开02表", ["金额"]);
    t.push(f("201"), None, vec![cell("10.00")]).unwrap();
    // 20106 has no row: 2010601 and 2010602 cannot be summed into 201.
    t.push(f("2010601"), None, vec![cell("4.00")]).unwrap();
    t.push(f("2010602"), None, vec![cell("5.00")]).unwrap();
    t.push(f("20107"), None, vec![cell("1.00")]).unwrap();
    t.set_total(vec![cell("10.00")]).unwrap();
    let results = t.check_hierarchy(Rounding::Nearest);
    let missing: Vec<_> = results
        .iter()
        .filter(|r| r.rule == "structure.missing_parent")
        .collect();
    assert_eq!(missing.len(), 2, "{results:#?}");
    assert_eq!(
        missing[0].outcome,
        Outcome::Blocked(Blocker::MissingParentRow {
            code: "2010601".into(),
            parent: "20106".into()
        })
    );
    // 201 = 20107 alone would be "inconsistent"; it is skipped instead.
    assert!(!results.iter().any(|r| r.rule == "hierarchy.children"));
    // The 合计 still checks against the 类.
    let total: Vec<_> = results
        .iter()
        .filter(|r| r.rule == "hierarchy.total")
        .collect();
    assert_eq!(total.len(), 1);
    assert_eq!(total[0].verdict(), Some(Verdict::Exact));

    // Without its 类, the 合计 cannot be checked.
    let mut t: Table<FunctionCode> = Table::new("公开02表", ["金额"]);
    t.push(f("20106"), None, vec![cell("4.00")]).unwrap();
    t.push(f("2010601"), None, vec![cell("4.00")]).unwrap();
    t.push(f("205"), None, vec![cell("1.00")]).unwrap();
    t.set_total(vec![cell("9.00")]).unwrap();
    let results = t.check_hierarchy(Rounding::Nearest);
    let rules: Vec<_> = results.iter().map(|r| r.rule.as_ref()).collect();
    assert_eq!(rules, ["structure.missing_parent", "hierarchy.children"]);
    assert_eq!(results[1].verdict(), Some(Verdict::Exact));
}

#[test]
fn blank_cells_are_not_zeros() {
    let mut t: Table<FunctionCode> = Table::new("公开05表", ["合计", "基本支出", "项目支出"]);
    t.push(
        f("2010601"),
        None,
        vec![cell("39.59"), cell("39.56"), cell("0.03")],
    )
    .unwrap();
    t.push(f("2010602"), None, vec![cell("5.00"), None, cell("5.00")])
        .unwrap();
    t.push(f("2010603"), None, vec![None, cell("1.00"), None])
        .unwrap();
    t.push(f("2010604"), None, vec![cell("2.00"), None, None])
        .unwrap();
    let results = t.check_row_identity("row.subtotal", 0, &[(1, 1), (1, 2)], Rounding::Nearest);
    let codes: Vec<_> = results
        .iter()
        .map(|r| (r.location.code.as_deref().unwrap(), r.verdict().unwrap()))
        .collect();
    // A blank total or all-blank parts: nothing to check.
    assert_eq!(
        codes,
        [("2010601", Verdict::Exact), ("2010602", Verdict::Exact)]
    );
}

/// `Comparison::tolerance` is documented as "the largest |difference| the rounding of the
/// figures can explain". Under truncation a printed figure stands for `[v, v + 0.01)`, so the
/// differences that rounding explains are one-sided and reach `n · 0.01`, beyond the
/// symmetric `(n + 1) · 0.005` reported: four 项 of 1.009 print 1.00 each, their exact sum
/// 4.036 prints 4.03, and the check says 尾差 with a difference of 0.03 above the reported
/// tolerance of 0.025.
#[test]
fn truncation_tolerance_covers_the_differences_it_accepts() {
    let parts = [wan("1.00"), wan("1.00"), wan("1.00"), wan("1.00")];
    let c = compare_sum(
        &wan("4.03"),
        parts.iter().map(|a| (1, a)),
        Rounding::Truncation,
    )
    .unwrap();
    assert_eq!(c.verdict, Verdict::WithinRounding);
    assert!(
        c.difference.abs() <= c.tolerance,
        "difference {} beyond tolerance {} yet {:?}",
        c.difference,
        c.tolerance,
        c.verdict
    );
}
