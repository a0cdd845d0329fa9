//! Reading real PDFs into pages: the largest corpus 决算 (3.6 MB, 25 pages) and the 31-page
//! 佛山 one. The whole read and audit of a document has a budget of 50 ms.
//!
//! `cargo bench --bench pdf`.

use cn_budget::ingest::pdf::read;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const PUTUO: &[u8] = include_bytes!("../tests/fixtures/corpus/shanghai-putuo-caizhengju-2024.pdf");
const FOSHAN: &[u8] =
    include_bytes!("../tests/fixtures/corpus/guangdong-foshan-guidao-jiaotong-2019.pdf");

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf");
    group.sample_size(30);
    for (name, bytes) in [
        ("putuo-caizhengju-25p-3.6MB", PUTUO),
        ("foshan-31p", FOSHAN),
    ] {
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
