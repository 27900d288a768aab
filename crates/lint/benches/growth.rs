//! How `check` grows with the charter (issue 14): generated charters of
//! 2,000–16,000 articles with 50 glossary terms (`charter generate`),
//! checked in full (load, number, resolve, every rule), next to a bare
//! parse of the same YAML into the raw structs. Prints both times, their
//! ratio (goal: within 2× at every size) and the growth exponent between
//! sizes (1.0 = linear).
//!
//! `cargo bench -p charter-lint --bench growth` (other sizes: `-- 1000 32000`)

use std::path::Path;
use std::time::Instant;

use charter_core::generate::charter_yaml;
use charter_core::load::{Parsed, parse_recovering};
use charter_core::raw::RawCharter;
use charter_core::source::Sources;

/// The best of three runs, in seconds.
fn best(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut out = (f64::MAX, 0);
    for _ in 0..3 {
        let t = Instant::now();
        let n = f();
        out = (out.0.min(t.elapsed().as_secs_f64()), n);
    }
    out
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![2_000, 4_000, 8_000, 16_000];
    }
    let mut last: Option<(usize, f64)> = None;
    for n in sizes {
        let yaml = charter_yaml(n, 50);
        let (parse, _) = best(|| {
            let mut sources = Sources::default();
            let id = sources.add(Path::new("big.yaml"), yaml.clone());
            let p: Parsed<RawCharter> = parse_recovering(sources.file(id), id);
            p.diagnostics.len()
        });
        let (check, found) = best(|| charter_lint::process_text(Path::new("big.yaml"), &yaml, None).diagnostics.len());
        let growth = last.map_or(String::new(), |(m, s)| {
            format!(", growth exponent {:.2}", (check / s).ln() / (n as f64 / m as f64).ln())
        });
        println!(
            "check {n} articles: {:.0} ms ({found} findings); bare parse {:.0} ms; check/parse {:.1}×{growth}",
            check * 1000.0,
            parse * 1000.0,
            check / parse
        );
        last = Some((n, check));
    }
}
