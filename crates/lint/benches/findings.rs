//! Many findings in one text: positions must cost O(1) each, not a scan of
//! the text (issue 14: 20,000 unresolved references in one article took
//! over a minute). One article holds `n` unresolved `[[…]]` (CH002) and `n`
//! half-width commas (CH020); the bench runs load + every rule, and the
//! short rendering of every finding (file:line:col). It prints the time at
//! each size and the growth exponent between sizes (1.0 = linear).
//!
//! `cargo bench -p charter-lint --bench findings`

use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};

/// A charter whose one article has `n` unresolved references and `n`
/// half-width commas, all on one line of the YAML.
fn charter(n: usize) -> String {
    let mut text = String::with_capacity(n * 24);
    for i in 0..n {
        text.push_str(&format!("见[[missing-{i}]],"));
    }
    format!("title: 示例章程\nbody:\n  - id: a\n    text: \"{text}\"\n")
}

fn run(yaml: &str) -> usize {
    let doc = charter_lint::process_text(Path::new("many.yaml"), yaml, None);
    doc.diagnostics.iter().map(|d| charter_core::diagnostic::render_short(d, &doc.sources).len()).sum()
}

fn findings(c: &mut Criterion) {
    let mut last: Option<(usize, f64)> = None;
    for n in [2_500, 5_000, 10_000, 20_000] {
        let yaml = charter(n);
        let t = Instant::now();
        let out = run(&yaml);
        let secs = t.elapsed().as_secs_f64();
        let growth = last.map_or(String::new(), |(m, s)| {
            format!(", growth exponent {:.2}", (secs / s).ln() / (n as f64 / m as f64).ln())
        });
        println!("findings: {} findings in one text: {secs:.3} s ({out} bytes of output){growth}", 2 * n);
        last = Some((n, secs));
    }
    let yaml = charter(10_000);
    let mut g = c.benchmark_group("findings");
    g.sample_size(10);
    g.bench_function("check 20,000 findings in one text", |b| b.iter(|| run(std::hint::black_box(&yaml))));
    g.finish();
}

criterion_group!(benches, findings);
criterion_main!(benches);
