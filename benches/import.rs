//! Benchmarks of `charter import`: the Civil Code (when
//! `../shared/data/laws/` is present) at 1×, 2× and 4× its size, the copies
//! renamed apart (编 and 条 renumbered so that the result is one long
//! statute, not a repetition), and generated charters exported as text at
//! 1,000, 2,000 and 4,000 articles (always available).
//!
//! Run: `cargo bench --bench import`.

use std::hint::black_box;
use std::path::Path;

use charter::import::{Options, import_bytes};
use charter::numerals::{parse, to_chinese};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const CIVIL_CODE: &str = "../shared/data/laws/civil-code_rag4legalqa.txt";

/// `k` copies of the Civil Code's body after the first, each with its 编
/// and 条 numbers shifted past the previous copy's.
fn renamed_copies(text: &str, k: u32) -> String {
    let text = text.replace('\r', "");
    let lines: Vec<&str> = text.lines().collect();
    // The body starts at the second "第一编" (the first is in the 目录).
    let body_start = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start_matches('\u{3000}').starts_with("第一编"))
        .nth(1)
        .map_or(0, |(i, _)| i);
    let mut out = text.clone();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for copy in 1..k {
        for l in &lines[body_start..] {
            let indent = &l[..l.len() - l.trim_start_matches('\u{3000}').len()];
            let t = &l[indent.len()..];
            let renamed = t.strip_prefix('第').and_then(|rest| {
                let end = rest.find(['条', '编'])?;
                let n = parse(&rest[..end])?;
                let word = &rest[end..end + 3];
                let shift = if word == "条" { 1260 } else { 7 };
                Some(format!("第{}{}", to_chinese(n + copy * shift), &rest[end..]))
            });
            out.push_str(indent);
            out.push_str(renamed.as_deref().unwrap_or(t));
            out.push('\n');
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    g.sample_size(20);
    match std::fs::read_to_string(CIVIL_CODE) {
        Ok(text) => {
            for k in [1, 2, 4] {
                let input = renamed_copies(&text, k);
                g.throughput(Throughput::Bytes(input.len() as u64));
                g.bench_function(format!("civil code {k}x ({} KB)", input.len() / 1024), |b| {
                    b.iter(|| {
                        let imp = import_bytes(Path::new("civil.txt"), black_box(input.as_bytes()), Options::default());
                        black_box(imp.map(|i| i.yaml.map_or(0, |y| y.len())).unwrap_or(0))
                    })
                });
            }
        }
        Err(_) => eprintln!("SKIP civil code benchmarks: {CIVIL_CODE} is absent"),
    }
    for n in [1000, 2000, 4000] {
        let doc = charter::process_str("gen.yaml", &charter::generate::charter_yaml(n, 0));
        let Some(ch) = &doc.charter else { continue };
        let input = charter::export_text::to_text(ch, &doc.numbering);
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(format!("generated {n} articles as text"), |b| {
            b.iter(|| {
                let imp = import_bytes(Path::new("gen.txt"), black_box(input.as_bytes()), Options::default());
                black_box(imp.map(|i| i.yaml.map_or(0, |y| y.len())).unwrap_or(0))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
