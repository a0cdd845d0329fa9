//! Time grows linearly with the input: reading (cutting into tables and narrative) layout
//! text of 0.4, 1.6 and 6.4 MB (a 25-page document repeated) and typing what was read
//! (`assemble`), pdfplumber JSON of 625, 2,500 and 10,000 pages, and a table of 4,000,
//! 16,000 and 64,000 rows printed 50 to a page. Each step is four times the one before, so
//! linear growth shows as medians four times apart.
//!
//! `cargo bench --bench bounds` (the 100 MB text and the million-row table are read by the
//! `#[ignore]`d tests of `tests/bounds.rs`).

use cn_budget::ingest::{assemble, split};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};

#[path = "bounds/input.rs"]
mod input;

fn bench(c: &mut Criterion) {
    let _ = cn_budget::Catalog::edition(2024); // index the catalog outside the timing
    let mut group = c.benchmark_group("bounds");
    group.sample_size(10);
    for k in [1usize, 4, 16] {
        let text = input::layout_text(k * 400_000);
        let kb = text.len() / 1000;
        group.bench_with_input(
            BenchmarkId::new("layout_text_split_KB", kb),
            &text,
            |b, t| b.iter(|| split(black_box(t)).map(|r| r.tables.len())),
        );
        let raw = split(&text).expect("text");
        group.bench_with_input(
            BenchmarkId::new("layout_text_assemble_KB", kb),
            &raw,
            |b, r| b.iter(|| assemble(black_box(r)).map(|i| i.problems.len())),
        );
    }
    for pages in [625usize, 2_500, 10_000] {
        let json = input::plumber_json(pages);
        group.bench_with_input(
            BenchmarkId::new("plumber_json_pages", pages),
            &json,
            |b, j| b.iter(|| split(black_box(j)).map(|r| r.tables.len())),
        );
    }
    for rows in [4_000usize, 16_000, 64_000] {
        let text = input::table(rows, 50);
        group.bench_with_input(BenchmarkId::new("table_rows", rows), &text, |b, t| {
            b.iter(|| split(black_box(t)).map(|r| r.tables.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
