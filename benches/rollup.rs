//! Rollup of synthetic item rows with three amount columns up the 类/款/项 tree.
//!
//! `cargo bench --bench rollup`. Each size is measured twice: the rollup itself, and a
//! baseline that only reads the same rows once (summing one mantissa per amount), so the
//! ratio of the two medians says how close the rollup comes to one pass at memory speed.

use cn_budget::tree::Tree;
use cn_budget::{Catalog, Code, FunctionCode, Level};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rust_decimal::Decimal;

/// Deterministic rows: item codes drawn from the 2024 catalog, amounts with 2 decimals.
fn rows(n: usize) -> (Tree<FunctionCode>, Vec<(FunctionCode, [Decimal; 3])>) {
    let list = Catalog::edition(2024)
        .expect("embedded edition")
        .functional();
    let items: Vec<FunctionCode> = list
        .iter()
        .map(|e| e.code())
        .filter(|c| c.level() == Level::Item)
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let data = (0..n)
        .map(|_| {
            let code = items[(next() % items.len() as u64) as usize];
            let amounts = [(); 3].map(|_| Decimal::new((next() % 100_000_000) as i64, 2));
            (code, amounts)
        })
        .collect();
    (Tree::from_list(list), data)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("rollup");
    group.sample_size(10);
    for n in [1_000_000usize, 10_000_000] {
        let (tree, data) = rows(n);
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

criterion_group!(benches, bench);
criterion_main!(benches);
