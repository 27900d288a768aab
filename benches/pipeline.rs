//! Benchmarks of the front half of the pipeline (load → number → resolve →
//! check) on generated charters and, when `../shared/data/laws/` is present,
//! nothing else yet (statutes need the importer).
//!
//! Run: `cargo bench --bench pipeline`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for n in [35, 2000] {
        let yaml = charter::generate::charter_yaml(n, 50);
        // Issue 2's figure: the front half without the checker's rules.
        c.bench_function(&format!("load+number+resolve {n} articles"), |b| {
            b.iter(|| {
                let mut sources = charter::Sources::default();
                let loaded = charter::load::load_bytes(
                    std::path::Path::new("gen.yaml"),
                    black_box(yaml.as_bytes().to_vec()),
                    &mut sources,
                );
                let mut diags = Vec::new();
                let charter = loaded.charter.as_ref().map(|c| (c, charter::number::number(c, &mut diags)));
                let problems = charter.as_ref().map(|(c, n)| charter::resolve::resolve(c, n).len());
                black_box((charter.map(|(_, n)| n.counts.articles), problems))
            })
        });
        c.bench_function(&format!("load+number+resolve+check {n} articles"), |b| {
            b.iter(|| {
                let doc = charter::process_str("gen.yaml", black_box(&yaml));
                black_box(doc.numbering.counts.articles)
            })
        });
    }
    let example = std::fs::read_to_string("charter/charter.yaml").unwrap_or_default();
    c.bench_function("example charter (35 articles)", |b| {
        b.iter(|| black_box(charter::process_str("charter.yaml", black_box(&example)).diagnostics.len()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
