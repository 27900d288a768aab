//! How `check` grows with the charter (issue 14): generated charters of
//! 2,000–16,000 articles with 50 glossary terms (`charter generate`),
//! checked in full (load, number, resolve, every rule), next to a bare
//! parse of the same bytes: the same YAML parser (serde-saphyr) with the
//! loader's options, into a generic value (`serde_json::Value`), no spans,
//! no checks. Both start from the file's bytes, as `charter check` reads
//! them: each checks that they are UTF-8 (`check` is handed its own copy,
//! made before each run, untimed, as it owns what it loads). Prints both
//! times, their ratio (goal: within 2× at every size) and the growth
//! exponent between sizes (1.0 = linear). Each figure
//! is the median of five runs (the machine may be shared), with the CPU
//! time per run in user mode and in the kernel (the kernel's share is the
//! clearing of pages touched for the first time, which varies on a virtual
//! machine), and then the same measured as `charter check` runs: five fresh
//! processes per side, each doing it once (`--once`), the generator's
//! process subtracted.
//!
//! `--phases` adds where the time of `check` goes at each size: the
//! loader's parse into the raw structs, load (parse + conversion) and
//! numbering, resolve, the shared analyses (sites, names) and every rule.
//!
//! `cargo bench -p charter-lint --bench growth` (other sizes: `-- 1000 32000`,
//! breakdown: `-- --phases`; one run of one side for `perf stat`:
//! `-- --once check 16000`, `--once parse`, `--once raw` (the loader's
//! parse into its raw structs), `--once load` (load and number),
//! `--once none` for the generator)

use std::path::Path;
use std::time::Instant;

use charter_core::Document;
use charter_core::generate::charter_yaml;
use charter_core::load::{Parsed, parse_recovering, yaml_options};
use charter_core::raw::RawCharter;
use charter_core::resolve;
use charter_core::source::Sources;
use charter_lint::{Config, Context};

/// The binary's allocator (`src/main.rs`): what users run is measured.
#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 5;

/// The median of [`RUNS`] runs, in seconds, and what the last run returned.
fn median<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    median_of(|| (), |()| f())
}

/// [`median`] of `f` on what `input` makes before each run, untimed (the
/// bytes of a file `check` is given, as `charter check` reads them).
fn median_of<I, T>(mut input: impl FnMut() -> I, mut f: impl FnMut(I) -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut out = None;
    for _ in 0..RUNS {
        // The last run's result is dropped before the next starts (untimed):
        // each run starts from the same state, not with the last one's
        // result still held.
        drop(out.take());
        let i = input();
        let t = Instant::now();
        let v = std::hint::black_box(f(i));
        times.push(t.elapsed().as_secs_f64());
        out = Some(v);
    }
    times.sort_by(f64::total_cmp);
    (times[RUNS / 2], out.expect("RUNS > 0"))
}

/// The process's CPU time so far in user mode and in the kernel, in
/// seconds (Linux: `/proc/self/stat`, in clock ticks of 10 ms), to tell the
/// work of `check` from the kernel's clearing of the pages it touches
/// first, which on a virtual machine can be as large and varies from run
/// to run.
fn cpu_times() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let tick = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).map(|t| t / 100.0);
    Some((tick(11)?, tick(12)?))
}

/// [`median`], with the user and kernel CPU time per run (the mean over
/// the runs) when the system tells them.
fn median_cpu<I, T>(input: impl FnMut() -> I, f: impl FnMut(I) -> T) -> (f64, T, Option<(f64, f64)>) {
    let before = cpu_times();
    let (t, v) = median_of(input, f);
    let cpu = before.zip(cpu_times()).map(|((u0, s0), (u1, s1))| ((u1 - u0) / RUNS as f64, (s1 - s0) / RUNS as f64));
    (t, v, cpu)
}

/// The median wall time of [`RUNS`] fresh processes of this bench doing one
/// side once (`--once MODE N`), as `charter check` runs: its memory is new
/// to it, and nothing is freed before it exits. `None` when the bench
/// cannot start itself.
fn fresh(mode: &str, n: usize) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let status = std::process::Command::new(&exe).args(["--once", mode, &n.to_string()]).status().ok()?;
        times.push(t.elapsed().as_secs_f64());
        if !status.success() {
            return None;
        }
    }
    times.sort_by(f64::total_cmp);
    Some(times[RUNS / 2])
}

fn cpu(c: Option<(f64, f64)>) -> String {
    c.map_or(String::new(), |(u, s)| format!(" (user {}, kernel {})", ms(u), ms(s)))
}

fn ms(s: f64) -> String {
    format!("{:.0} ms", s * 1000.0)
}

/// The bare parse: a file's bytes as UTF-8 text, with the loader's YAML
/// parser and options, into a generic value.
fn bare_parse(bytes: &[u8]) -> serde_json::Value {
    let Ok(yaml) = std::str::from_utf8(bytes) else { return serde_json::Value::Null };
    serde_saphyr::from_str_with_options(yaml, yaml_options(yaml.len())).unwrap_or_default()
}

/// Where the time of `check` goes.
fn phases(yaml: &str) {
    let (raw, _) = median(|| {
        let mut sources = Sources::default();
        let id = sources.add(Path::new("big.yaml"), yaml.to_string());
        let p: Parsed<RawCharter> = parse_recovering(sources.file(id), id);
        p.value.is_some()
    });
    let (load, doc) = median(|| Document::load(Path::new("big.yaml"), yaml.as_bytes().to_vec()));
    let Some(charter) = &doc.charter else { return };
    let (number, _) = median(|| {
        let mut d = Vec::new();
        charter_core::number::number(charter, &mut d)
    });
    let (res, problems) = median(|| resolve::resolve(charter, &doc.numbering));
    let config = Config::default();
    let file = doc.sources.file(doc.file);
    // A context as `check` makes it, with room of its own for the texts.
    let with_fresh = |f: &dyn Fn(&Context) -> f64| {
        let texts = charter_lint::sites::Texts::default();
        f(&Context::new(charter, &doc.numbering, file, &problems, &config, &texts))
    };
    let (sites, _) = median(|| with_fresh(&|ctx| ctx.sites().len() as f64));
    let (names, _) = median(|| {
        with_fresh(&|ctx| {
            ctx.sites();
            let t = Instant::now();
            ctx.names();
            t.elapsed().as_secs_f64()
        })
    });
    let names = names - sites; // the sites it needs are timed above
    println!(
        "  parse into raw structs {}; load + number {} (numbering {}); resolve {}; sites {}; names {}",
        ms(raw),
        ms(load),
        ms(number),
        ms(res),
        ms(sites),
        ms(names.max(0.0))
    );
    let mut rules = Vec::new();
    for rule in charter_lint::all_rules() {
        let mut times: Vec<f64> = (0..RUNS)
            .map(|_| {
                with_fresh(&|ctx| {
                    ctx.sites();
                    ctx.names();
                    let t = Instant::now();
                    let mut found = Vec::new();
                    (rule.check)(ctx, &mut found);
                    std::hint::black_box(found);
                    t.elapsed().as_secs_f64()
                })
            })
            .collect();
        times.sort_by(f64::total_cmp);
        rules.push((times[RUNS / 2], rule.code.as_str()));
    }
    rules.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = rules.iter().map(|r| r.0).sum();
    let top: Vec<String> = rules.iter().take(8).map(|(t, c)| format!("{c} {}", ms(*t))).collect();
    println!("  rules {} in all; slowest: {}", ms(total), top.join(", "));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_phases = args.iter().any(|a| a == "--phases");
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![2_000, 4_000, 8_000, 16_000];
    }
    // `--once check|parse N`: one run of one side, for `perf stat` (counts
    // of instructions do not change with a busy machine as times do).
    if let Some(i) = args.iter().position(|a| a == "--once") {
        let n = sizes.first().copied().unwrap_or(16_000);
        let yaml = charter_yaml(n, 50);
        match args.get(i + 1).map(String::as_str) {
            Some("parse") => drop(std::hint::black_box(bare_parse(yaml.as_bytes()))),
            Some("none") => {}
            Some("raw") => {
                let mut sources = Sources::default();
                let id = sources.add(Path::new("big.yaml"), yaml.clone());
                let p: Parsed<RawCharter> = parse_recovering(sources.file(id), id);
                drop(std::hint::black_box(p));
            }
            Some("load") => drop(std::hint::black_box(Document::load_text(Path::new("big.yaml"), yaml.clone()))),
            // The file's bytes handed over, as `charter check` does (not
            // copied from a borrowed text, which the bare parse is spared).
            _ => drop(std::hint::black_box(charter_lint::process_bytes(Path::new("big.yaml"), yaml.into_bytes()))),
        }
        return;
    }
    let mut last: Option<(usize, f64)> = None;
    for n in sizes {
        let yaml = charter_yaml(n, 50);
        let (parse, _, parse_cpu) = median_cpu(|| (), |()| bare_parse(yaml.as_bytes()));
        // Both sides return what they built, dropped outside the timing (the
        // document was dropped inside it before, the parse's value never).
        let (check, doc, check_cpu) =
            median_cpu(|| yaml.clone().into_bytes(), |bytes| charter_lint::process_bytes(Path::new("big.yaml"), bytes));
        let found = doc.diagnostics.len();
        let growth = last.map_or(String::new(), |(m, s)| {
            format!(", growth exponent {:.2}", (check / s).ln() / (n as f64 / m as f64).ln())
        });
        println!(
            "check {n} articles: {}{} ({found} findings); bare parse {}{}; check/parse {:.1}×{growth}",
            ms(check),
            cpu(check_cpu),
            ms(parse),
            cpu(parse_cpu),
            check / parse
        );
        // The same in fresh processes, the generator's process subtracted.
        if let (Some(none), Some(c), Some(p)) = (fresh("none", n), fresh("check", n), fresh("parse", n)) {
            let (c, p) = ((c - none).max(1e-4), (p - none).max(1e-4));
            println!("  in fresh processes: check {}; bare parse {}; check/parse {:.1}×", ms(c), ms(p), c / p);
        }
        if show_phases {
            phases(&yaml);
        }
        last = Some((n, check));
    }
}
