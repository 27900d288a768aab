//! The checker on a generated 2,000-article charter with a 50-entry
//! glossary (`charter generate --articles 2000 --terms 50`): load, number,
//! resolve and every lint rule. The whole-process figure (under 100 ms in
//! release) is measured with `/usr/bin/time charter check`; this bench
//! tracks the library part.

use criterion::{Criterion, criterion_group, criterion_main};

fn check(c: &mut Criterion) {
    let yaml = charter::generate::charter_yaml(2000, 50);
    c.bench_function("check 2000 articles, 50 terms", |b| {
        b.iter(|| charter::process_str("big.yaml", std::hint::black_box(&yaml)).diagnostics.len())
    });
    let example =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/charter/charter.yaml")).unwrap_or_default();
    c.bench_function("check the example charter", |b| {
        b.iter(|| charter::process_str("charter.yaml", std::hint::black_box(&example)).diagnostics.len())
    });
}

criterion_group!(benches, check);
criterion_main!(benches);
