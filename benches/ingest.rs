//! A whole document from its file to the audit report: read (PDF, layout text or pdfplumber
//! JSON), cut into tables and claims, typed, audited. The budget for a 30-page PDF is 50 ms.
//!
//! `cargo bench --bench ingest`.

use cn_budget::audit::{audit, AuditOptions};
use cn_budget::ingest::ingest_bytes;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus/");

fn bench(c: &mut Criterion) {
    let options = AuditOptions::default();
    let _ = cn_budget::Catalog::edition(2024); // index the catalogs outside the timing
    let _ = cn_budget::Catalog::edition(2019);
    let mut group = c.benchmark_group("read_and_audit");
    group.sample_size(30);
    for (name, file) in [
        (
            "foshan-31p.pdf",
            "guangdong-foshan-guidao-jiaotong-2019.pdf",
        ),
        (
            "putuo-caizhengju-25p-3.6MB.pdf",
            "shanghai-putuo-caizhengju-2024.pdf",
        ),
        (
            "putuo-caizhengju.layout.txt",
            "shanghai-putuo-caizhengju-2024.layout.txt",
        ),
        (
            "putuo-caizhengju.plumber.json",
            "shanghai-putuo-caizhengju-2024.plumber.json",
        ),
    ] {
        let bytes = std::fs::read(format!("{CORPUS}{file}")).expect("corpus file");
        group.bench_function(name, |b| {
            b.iter(|| {
                let ingested = ingest_bytes(black_box(&bytes));
                ingested
                    .map(|i| audit(&i.document, &options).findings.len())
                    .unwrap_or(0)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
