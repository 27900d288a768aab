//! Many findings in one text: positions must cost O(1) each, not a scan of
//! the text (issue 14: 20,000 unresolved references in one article took
//! over a minute). One article holds `n` unresolved `[[…]]` (CH002) and `n`
//! half-width commas (CH020); the bench runs load + every rule, and the
//! short rendering of every finding (file:line:col). It prints the time at
//! each size and the growth exponent between sizes (1.0 = linear).
//!
//! A second series: thousands of distinct names, near-duplicates of each
//! other in groups, every finding rendered in the human format.
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

/// A charter of `n` articles, each naming a different 委员会, in pairs of
/// near-duplicates: the qualifier is a four-character code word of a
/// Reed–Solomon code over 97 characters (a, b, a+b, a+2b mod 97: two code
/// words differ in at least three places) and a fifth character, 岚 or 峦.
/// So each name has exactly one near-duplicate, and the findings grow
/// linearly with the names.
fn names_charter(n: usize) -> String {
    const P: usize = 97;
    // Ideographs from U+5000 on, every seventh, but those the name finder
    // treats specially (stop characters, contrasting pairs, heads' last
    // characters).
    const SPECIAL: &str = "的是在由与及或向对把被将从按给于并受使让即之所凡每着等为以也都均不应须可已未要请就如若则而但且又还再到至比当这那此您你他她它们个院系校省市县区镇乡村班级年党团正副总分男女上下前后左右内外东西南北中大小初高新旧老甲乙丙丁一二三四五六七八九十本国会委部处室组心席长任记事支入公关光加";
    let han: Vec<char> =
        (0..).filter_map(|i| char::from_u32(0x5000 + 7 * i)).filter(|c| !SPECIAL.contains(*c)).take(P).collect();
    let mut s = String::from("title: 名称测试章程\nbody:\n  - chapter: 总则\n    id: ch\n    body:\n");
    for i in 0..n.min(2 * P * P) {
        let (a, b) = ((i / 2) % P, (i / 2 / P) % P);
        let q: String = [han[a], han[b], han[(a + b) % P], han[(a + 2 * b) % P], if i % 2 == 0 { '岚' } else { '峦' }]
            .iter()
            .collect();
        s.push_str(&format!("      - id: a{i}\n        text: {q}委员会负责有关工作。\n"));
    }
    s
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
    // Many distinct names, near-duplicates of each other in groups, each
    // finding rendered in full: near-duplicate candidates were every pair
    // of names with the same head and length, the undefined-name rule
    // compared each name with every established one and with every
    // near-duplicate, and one snippet spanned all lines between two places.
    let mut last: Option<(usize, f64)> = None;
    for n in [1_000, 2_000, 4_000, 8_000] {
        let yaml = names_charter(n);
        let t = Instant::now();
        let doc = charter_lint::process_text(Path::new("names.yaml"), &yaml, None);
        let out: usize =
            doc.diagnostics.iter().map(|d| charter_core::diagnostic::render(d, &doc.sources, false).len()).sum();
        let secs = t.elapsed().as_secs_f64();
        let growth = last.map_or(String::new(), |(m, s)| {
            format!(", growth exponent {:.2}", (secs / s).ln() / (n as f64 / m as f64).ln())
        });
        println!(
            "findings: {n} distinct names, {} findings rendered in full: {secs:.3} s ({out} bytes){growth}",
            doc.diagnostics.len()
        );
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
