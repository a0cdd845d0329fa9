//! Rollup of synthetic item rows with three amount columns up the 类/款/项 tree.
//!
//! `cargo bench --bench rollup`. Two groups over the same generated data
//! (`benches/support/synthetic.rs`, shared with `examples/scale.rs` and `benches/compare.py`):
//!
//! - `rollup`: rows as `(FunctionCode, [Decimal; 3])` through [`Tree::rollup`], beside
//!   `read_once`, a pass that only reads the same rows;
//! - `columnar`: a `u32` code column and three `i64` columns of 分 through
//!   [`Tree::rollup_columns`] on 1 and 2 threads, beside `read_columns`, a single-threaded
//!   pass that only reads and sums the same columns (the memory-speed floor);
//! - `lineitems_csv` (feature `csv`): 1 M rows of CSV text (`synthetic::write_csv`: the same
//!   项 and amounts with a 部门 economic 款, 45 MB) through `lineitems::csv::rollup_csv` on
//!   one thread, as a plain rollup (`rollup`) and as the functional × economic crosstab
//!   (`crosstab`), in the same run so that their ratio is measured on the same machine load.

#[path = "support/synthetic.rs"]
mod synthetic;

use cn_budget::tree::{FixedColumn, Tree};
use cn_budget::{Catalog, FunctionCode};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rust_decimal::Decimal;

const SIZES: [usize; 2] = [1_000_000, 10_000_000];

fn tree() -> Tree<FunctionCode> {
    Tree::from_list(
        Catalog::edition(2024)
            .expect("embedded edition")
            .functional(),
    )
}

/// The synthetic columns as rows of typed codes and decimals.
fn rows(data: &synthetic::Columns) -> Vec<(FunctionCode, [Decimal; 3])> {
    (0..data.codes.len())
        .map(|i| {
            let code = FunctionCode::try_from(data.codes[i]).expect("a 2024 项");
            (code, [0, 1, 2].map(|c| Decimal::new(data.amounts[c][i], 2)))
        })
        .collect()
}

fn by_rows(c: &mut Criterion) {
    let tree = tree();
    let mut group = c.benchmark_group("rollup");
    group.sample_size(10);
    for n in SIZES {
        let data = rows(&synthetic::columns(n));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("read_once", n), &data, |b, data| {
            b.iter(|| {
                let mut s = 0i128;
                for (code, amounts) in data.iter() {
                    s = s.wrapping_add(code.value() as i128);
                    for a in amounts {
                        s = s.wrapping_add(a.mantissa());
                    }
                }
                black_box(s)
            })
        });
        group.bench_with_input(BenchmarkId::new("rollup", n), &data, |b, data| {
            b.iter(|| black_box(tree.rollup(data).expect("codes from the tree")).rows())
        });
    }
    group.finish();
}

fn by_columns(c: &mut Criterion) {
    let tree = tree();
    let mut group = c.benchmark_group("columnar");
    group.sample_size(10);
    for n in SIZES {
        let data = synthetic::columns(n);
        let columns = data
            .amounts
            .each_ref()
            .map(|values| FixedColumn::I64 { values, scale: 2 });
        group.throughput(Throughput::Bytes((n * (4 + 3 * 8)) as u64));
        group.bench_function(BenchmarkId::new("read_columns", n), |b| {
            b.iter(|| {
                let mut s: i128 = data.codes.iter().map(|&c| i128::from(c)).sum();
                for column in &data.amounts {
                    s += column.iter().map(|&v| i128::from(v)).sum::<i128>();
                }
                black_box(s)
            })
        });
        for threads in [1, 2] {
            group.bench_function(BenchmarkId::new(format!("rollup_{threads}t"), n), |b| {
                b.iter(|| {
                    let r = tree.rollup_columns(&data.codes, &columns, threads);
                    black_box(r.expect("codes from the tree")).rows()
                })
            });
        }
    }
    group.finish();
}

#[cfg(feature = "csv")]
fn csv_line_items(c: &mut Criterion) {
    use cn_budget::lineitems::{csv::rollup_csv, ColumnSpec};
    use cn_budget::EconomicScheme;
    let n = 1_000_000;
    let mut text = Vec::new();
    synthetic::write_csv(n, &mut text).expect("writing to memory");
    let mut group = c.benchmark_group("lineitems_csv");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    let specs = [
        ("rollup", ColumnSpec::default()),
        (
            "crosstab",
            ColumnSpec::default().economic(EconomicScheme::Department),
        ),
    ];
    for (name, spec) in specs {
        group.bench_function(BenchmarkId::new(name, n), |b| {
            b.iter(|| black_box(rollup_csv(text.as_slice(), &spec, 1).expect("valid rows")))
        });
    }
    group.finish();
}

#[cfg(not(feature = "csv"))]
fn csv_line_items(_: &mut Criterion) {}

criterion_group!(benches, by_rows, by_columns, csv_line_items);
criterion_main!(benches);
