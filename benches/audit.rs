//! Auditing the embedded document after it is loaded.
//!
//! `cargo bench --bench audit`.

use cn_budget::audit::{audit, AuditOptions};
use cn_budget::disclosure::{Document, DocumentFiles};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let doc = Document::embedded().expect("embedded document");
    let options = AuditOptions::default();
    let _ = cn_budget::Catalog::edition(doc.meta.edition); // index the catalog outside the timing
    c.bench_function("audit/embedded", |b| {
        b.iter(|| black_box(audit(black_box(doc), &options)).findings.len())
    });
    c.bench_function("load/embedded", |b| {
        b.iter(|| {
            black_box(DocumentFiles::embedded().parse().expect("parses"))
                .claims
                .len()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
