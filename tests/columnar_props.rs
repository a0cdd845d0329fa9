//! Property tests of the columnar paths: `Tree::rollup_columns` and `Crosstab::from_columns`
//! against the row paths (`Tree::rollup`, `Crosstab::build`), for any number of threads,
//! and of the mergeable partials: merging the partials of any split of the rows, in any
//! order, equals the partial (and the rollup) of the whole.

use cn_budget::tree::{Crosstab, FixedColumn, PartialCrosstab, PartialRollup, RollupError, Tree};
use cn_budget::{EconomicCode, FunctionCode};
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;

fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::with_cases(128)
    }
}

/// Functional code values of every level from a small pool, so that rows share parents.
fn function_value() -> impl Strategy<Value = u32> {
    (
        prop::sample::select(vec![201u32, 205, 208]),
        1u32..=3,
        1u32..=3,
        1usize..=3,
    )
        .prop_map(|(class, section, item, depth)| match depth {
            1 => class,
            2 => class * 100 + section,
            _ => (class * 100 + section) * 100 + item,
        })
}

/// Economic code values (both schemes, 类 and 款).
fn economic_value() -> impl Strategy<Value = u32> {
    (
        prop::sample::select(vec![301u32, 302, 501]),
        1u32..=3,
        any::<bool>(),
    )
        .prop_map(|(class, section, deep)| if deep { class * 100 + section } else { class })
}

/// Rows of (function code, economic code, three i64 mantissas of any size).
fn rows() -> impl Strategy<Value = Vec<(u32, u32, [i64; 3])>> {
    prop::collection::vec(
        (function_value(), economic_value(), any::<[i64; 3]>()),
        0..300,
    )
}

fn function_tree(rows: &[(u32, u32, [i64; 3])]) -> Tree<FunctionCode> {
    Tree::from_codes(rows.iter().map(|r| FunctionCode::try_from(r.0).unwrap()))
}

fn economic_tree(rows: &[(u32, u32, [i64; 3])]) -> Tree<EconomicCode> {
    Tree::from_codes(rows.iter().map(|r| EconomicCode::try_from(r.1).unwrap()))
}

struct Columns {
    functions: Vec<u32>,
    economics: Vec<u32>,
    amounts: [Vec<i64>; 3],
}

fn columns(rows: &[(u32, u32, [i64; 3])]) -> Columns {
    Columns {
        functions: rows.iter().map(|r| r.0).collect(),
        economics: rows.iter().map(|r| r.1).collect(),
        amounts: [0, 1, 2].map(|c| rows.iter().map(|r| r.2[c]).collect()),
    }
}

/// Column `c` at scale `scales[c]`, restricted to `range`.
fn fixed<'a>(
    c: &'a Columns,
    scales: [u32; 3],
    range: std::ops::Range<usize>,
) -> Vec<FixedColumn<'a>> {
    (0..3)
        .map(|i| FixedColumn::I64 {
            values: &c.amounts[i][range.clone()],
            scale: scales[i],
        })
        .collect()
}

/// Cut points splitting `0..n` into consecutive ranges.
fn ranges(n: usize, cuts: &[prop::sample::Index]) -> Vec<std::ops::Range<usize>> {
    let mut points: Vec<usize> = cuts.iter().map(|i| i.index(n + 1)).collect();
    points.extend([0, n]);
    points.sort_unstable();
    points.windows(2).map(|w| w[0]..w[1]).collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn columnar_rollup_equals_the_row_rollup_for_any_threads(
        rows in rows(), scales in [0u32..=4, 0u32..=4, 0u32..=4], threads in 1usize..=4,
    ) {
        let tree = function_tree(&rows);
        let c = columns(&rows);
        let by_rows: Vec<(FunctionCode, [Decimal; 3])> = rows
            .iter()
            .map(|r| (FunctionCode::try_from(r.0).unwrap(), [0, 1, 2].map(|i| Decimal::new(r.2[i], scales[i]))))
            .collect();
        let expected = tree.rollup(&by_rows).unwrap();
        let got = tree.rollup_columns(&c.functions, &fixed(&c, scales, 0..rows.len()), threads).unwrap();
        prop_assert_eq!(got.rows(), rows.len());
        prop_assert_eq!(got.grand_total(), &expected.grand_total()[..]);
        for ((gc, g), (ec, e)) in got.iter().zip(expected.iter()) {
            prop_assert_eq!(gc, ec);
            prop_assert_eq!(g, &e[..]);
        }
    }

    #[test]
    fn merged_partials_of_any_split_equal_the_whole(
        rows in rows(),
        scales in [0u32..=4, 0u32..=4, 0u32..=4],
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        reversed in any::<bool>(),
        threads in 1usize..=3,
    ) {
        let tree = function_tree(&rows);
        let c = columns(&rows);
        let whole = tree.partial_columns(&c.functions, &fixed(&c, scales, 0..rows.len()), 1).unwrap();
        let mut parts: Vec<PartialRollup<FunctionCode>> = ranges(rows.len(), &cuts)
            .into_iter()
            .map(|r| tree.partial_columns(&c.functions[r.clone()], &fixed(&c, scales, r), threads).unwrap())
            .collect();
        if reversed {
            parts.reverse();
        }
        // Merge as a balanced tree of merges (another association than left to right).
        while parts.len() > 1 {
            let mut next = Vec::new();
            for pair in parts.chunks(2) {
                let mut a = pair[0].clone();
                if let Some(b) = pair.get(1) {
                    a.merge(b).unwrap();
                }
                next.push(a);
            }
            parts = next;
        }
        let merged = parts.pop().unwrap();
        prop_assert_eq!(&merged, &whole);
        let finished = merged.finish(&tree).unwrap();
        let direct = tree.rollup_columns(&c.functions, &fixed(&c, scales, 0..rows.len()), 2).unwrap();
        prop_assert!(finished.iter().eq(direct.iter()));
        prop_assert_eq!(finished.grand_total(), direct.grand_total());
        // Serialized and read back, a partial is the same.
        let json = serde_json::to_string(&merged).unwrap();
        let back: PartialRollup<FunctionCode> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, merged);
    }

    #[test]
    fn merging_partials_of_different_scales_rescales_exactly(
        rows in rows(), cut in any::<prop::sample::Index>(), low in 0u32..=2, extra in 1u32..=3,
    ) {
        // The same rows at scale `low` in one part and at `low + extra` (mantissas × 10^extra)
        // in the other: the merged partial equals the whole at the finer scale.
        let tree = function_tree(&rows);
        let c = columns(&rows);
        let k = cut.index(rows.len() + 1);
        let factor = 10i64.pow(extra);
        let small: Vec<i64> = c.amounts[0].iter().map(|v| v / factor).collect();
        let fine: Vec<i64> = small.iter().map(|v| v * factor).collect();
        let coarse = tree.partial_columns(&c.functions[..k], &[FixedColumn::I64 { values: &small[..k], scale: low }], 1).unwrap();
        let mut merged = tree.partial_columns(&c.functions[k..], &[FixedColumn::I64 { values: &fine[k..], scale: low + extra }], 1).unwrap();
        merged.merge(&coarse).unwrap();
        let whole = tree.partial_columns(&c.functions, &[FixedColumn::I64 { values: &fine, scale: low + extra }], 1).unwrap();
        prop_assert_eq!(merged, whole);
    }

    #[test]
    fn columnar_crosstab_equals_the_row_crosstab_and_its_partials_merge(
        rows in rows(), scale in 0u32..=4, cut in any::<prop::sample::Index>(), threads in 1usize..=3,
    ) {
        let functions = function_tree(&rows);
        let economics = economic_tree(&rows);
        let c = columns(&rows);
        let triples: Vec<(FunctionCode, EconomicCode, Decimal)> = rows
            .iter()
            .map(|r| (FunctionCode::try_from(r.0).unwrap(), EconomicCode::try_from(r.1).unwrap(), Decimal::new(r.2[0], scale)))
            .collect();
        let expected = Crosstab::build(&functions, &economics, &triples).unwrap();
        let amount = |r: std::ops::Range<usize>| FixedColumn::I64 { values: &c.amounts[0][r], scale };
        let n = rows.len();
        let got = Crosstab::from_columns(&functions, &economics, &c.functions, &c.economics, amount(0..n), threads).unwrap();
        prop_assert_eq!(got.grand_total(), expected.grand_total());
        for &f in functions.codes() {
            prop_assert_eq!(got.row_total(f), expected.row_total(f));
            for &e in economics.codes() {
                prop_assert_eq!(got.get(f, e), expected.get(f, e));
            }
        }
        for &e in economics.codes() {
            prop_assert_eq!(got.column_total(e), expected.column_total(e));
        }
        let k = cut.index(n + 1);
        let part = |r: std::ops::Range<usize>| {
            Crosstab::partial_columns(&functions, &economics, &c.functions[r.clone()], &c.economics[r.clone()], amount(r), threads).unwrap()
        };
        let mut merged: PartialCrosstab<FunctionCode, EconomicCode> = part(k..n);
        merged.merge(&part(0..k)).unwrap();
        prop_assert_eq!(&merged, &part(0..n));
        let json = serde_json::to_string(&merged).unwrap();
        let back: PartialCrosstab<FunctionCode, EconomicCode> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &merged);
        prop_assert_eq!(merged.finish(&functions, &economics).unwrap().grand_total(), expected.grand_total());
    }

    #[test]
    fn the_first_unknown_code_is_named_whatever_the_threads(
        rows in rows(), at in any::<prop::sample::Index>(), threads in 1usize..=4,
    ) {
        prop_assume!(!rows.is_empty());
        let tree = function_tree(&rows);
        let mut c = columns(&rows);
        let row = at.index(rows.len());
        c.functions[row] = 2999999; // a valid-looking code no row has
        let err = tree.rollup_columns(&c.functions, &fixed(&c, [2, 2, 2], 0..rows.len()), threads).unwrap_err();
        prop_assert_eq!(err, RollupError::UnknownCode { row, code: "2999999".into() });
    }
}

#[test]
fn i128_columns_are_checked_and_lengths_and_scales_validated() {
    let tree = Tree::from_codes(["2010601".parse::<FunctionCode>().unwrap()]);
    let big = [i128::MAX, 1];
    let err = tree
        .rollup_columns(
            &[2010601, 2010601],
            &[FixedColumn::I128 {
                values: &big,
                scale: 0,
            }],
            1,
        )
        .unwrap_err();
    assert_eq!(err, RollupError::Overflow { column: 0 });
    // Beyond a decimal's 96 bits, but within i128: an overflow at the decimal edge.
    let wide = [1_i128 << 100];
    let err = tree
        .rollup_columns(
            &[2010601],
            &[FixedColumn::I128 {
                values: &wide,
                scale: 0,
            }],
            1,
        )
        .unwrap_err();
    assert_eq!(err, RollupError::Overflow { column: 0 });
    let short = [1_i64];
    let err = tree
        .rollup_columns(
            &[2010601, 2010601],
            &[FixedColumn::I64 {
                values: &short,
                scale: 2,
            }],
            1,
        )
        .unwrap_err();
    assert_eq!(
        err,
        RollupError::LengthMismatch {
            column: 0,
            expected: 2,
            found: 1
        }
    );
    let err = tree
        .rollup_columns(
            &[2010601],
            &[FixedColumn::I64 {
                values: &short,
                scale: 29,
            }],
            1,
        )
        .unwrap_err();
    assert_eq!(
        err,
        RollupError::Scale {
            column: 0,
            scale: 29
        }
    );
}

#[test]
fn a_malformed_serialized_partial_is_an_error() {
    for json in [
        r#"{"scales":[2],"rows":2,"entries":[{"code":"2010601","rows":1,"sums":["5"]}]}"#,
        r#"{"scales":[2],"rows":1,"entries":[{"code":"2010601","rows":1,"sums":["5","6"]}]}"#,
        r#"{"scales":[40],"rows":0,"entries":[]}"#,
        r#"{"scales":[2],"rows":1,"entries":[{"code":"2010601","rows":1,"sums":["x"]}]}"#,
    ] {
        assert!(
            serde_json::from_str::<PartialRollup<FunctionCode>>(json).is_err(),
            "{json}"
        );
    }
}

#[test]
fn many_threads_give_the_single_threaded_result_on_a_large_input() {
    // Large enough that the rows are really cut between threads (small inputs stay on one).
    let pool: Vec<u32> = (1..=3)
        .flat_map(|s| (1..=4).map(move |i| (20100 + s) * 100 + i))
        .chain([201, 20102, 208, 20801, 2080101])
        .collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let n = 400_000;
    let codes: Vec<u32> = (0..n)
        .map(|_| pool[(next() % pool.len() as u64) as usize])
        .collect();
    let a: Vec<i64> = (0..n).map(|_| next() as i64).collect();
    let b: Vec<i128> = (0..n).map(|_| i128::from(next() as i64) << 20).collect();
    let economics: Vec<u32> = (0..n).map(|i| [30101, 302, 50101][i % 3]).collect();
    let columns = [
        FixedColumn::I64 {
            values: &a,
            scale: 2,
        },
        FixedColumn::I128 {
            values: &b,
            scale: 6,
        },
    ];
    let tree = Tree::from_codes(pool.iter().map(|&v| FunctionCode::try_from(v).unwrap()));
    let one = tree.rollup_columns(&codes, &columns, 1).unwrap();
    let partial = tree.partial_columns(&codes, &columns, 1).unwrap();
    let economic =
        Tree::from_codes([30101u32, 302, 50101].map(|v| EconomicCode::try_from(v).unwrap()));
    let amount = columns[0];
    let table = Crosstab::partial_columns(&tree, &economic, &codes, &economics, amount, 1).unwrap();
    for threads in [2, 3, 7] {
        let many = tree.rollup_columns(&codes, &columns, threads).unwrap();
        assert!(many.iter().eq(one.iter()), "{threads} threads");
        assert_eq!(many.grand_total(), one.grand_total());
        assert_eq!(
            tree.partial_columns(&codes, &columns, threads).unwrap(),
            partial
        );
        let t = Crosstab::partial_columns(&tree, &economic, &codes, &economics, amount, threads);
        assert_eq!(t.unwrap(), table);
    }
    // The oracle: plain sums of the rows under 201.
    let under_201: i128 = codes
        .iter()
        .zip(&a)
        .filter(|(c, _)| c.to_string().starts_with("201"))
        .map(|(_, &v)| i128::from(v))
        .sum();
    let got = one.get("201".parse().unwrap()).unwrap()[0];
    assert_eq!(got, Decimal::from_i128_with_scale(under_201, 2));
    // An unknown code late in the input is found by whichever thread holds it.
    let mut bad = codes.clone();
    bad[n - 3] = 2010105;
    let err = tree.rollup_columns(&bad, &columns, 3).unwrap_err();
    assert_eq!(
        err,
        RollupError::UnknownCode {
            row: n - 3,
            code: "2010105".into()
        }
    );
}
