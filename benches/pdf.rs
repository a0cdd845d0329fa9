//! Reading real PDFs into pages: the largest corpus 决算 (3.6 MB, 25 pages) and the 31-page
//! 佛山 one. The whole read and audit of a document has a budget of 50 ms.
//!
//! `cargo bench --bench pdf`.

use cn_budget::ingest::pdf::read;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// The corpus is kept out of the packaged crate: read it at run time.
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/");

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf");
    group.sample_size(30);
    for (name, file) in [
        (
            "putuo-caizhengju-25p-3.6MB",
            "shanghai-putuo-caizhengju-2024.pdf",
        ),
        ("foshan-31p", "guangdong-foshan-guidao-jiaotong-2019.pdf"),
    ] {
        let bytes = std::fs::read(format!("{CORPUS}{file}")).expect("corpus file");
        let bytes = bytes.as_slice();
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(read(black_box(bytes)).expect("reads"))
                    .pages
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
