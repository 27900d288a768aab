//! Whole-process benchmarks of `charter build` (run: `cargo bench --bench render`).
//!
//! 1. the example charter to PDF;
//! 2. a generated 1,260-article charter (the Civil Code's size) to PDF, side
//!    by side with the same content written directly as typst markup and
//!    compiled by typst as a library with the same fonts (this program
//!    re-runs itself with `--compile-markup` for that), and the ratio;
//! 3. the same charter to HTML.
//!
//! Each figure is the fastest of several runs of a separate process; peak
//! memory (maximum resident set size) comes from GNU time (`/usr/bin/time`,
//! Debian package `time`) when it is installed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use charter::render::{FontOptions, FontSet, Template, pdf};

const BIN: &str = env!("CARGO_BIN_EXE_charter");
const ARTICLES: usize = 1260;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--compile-markup") {
        compile_markup(Path::new(&args[2]), Path::new(&args[3]));
        return;
    }
    // `cargo test --benches` runs bench targets without `--bench`: do nothing.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir().join(format!("charter-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap_or_else(|e| panic!("{e}"));

    println!("charter build, whole process, best of N runs (wall time, peak RSS)\n");
    let example = root.join("charter/charter.yaml");
    let out = tmp.join("example");
    let ex = measure(5, &[BIN, "build", s(&example), "--force", "--format", "pdf", "-o", s(&out)]);
    println!("{:<52} {}", "example (35 articles) → PDF", ex);

    let yaml = charter::generate::charter_yaml(ARTICLES, 50);
    let big = tmp.join("big.yaml");
    std::fs::write(&big, &yaml).unwrap_or_else(|e| panic!("{e}"));
    let markup = tmp.join("big.typ");
    std::fs::write(&markup, markup_of(&yaml)).unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.join("big");
    let this = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut charter_runs = Vec::new();
    let mut markup_runs = Vec::new();
    // Interleaved, so that both see the same machine load.
    for _ in 0..3 {
        charter_runs.push(measure(1, &[BIN, "build", s(&big), "--force", "--format", "pdf", "-o", s(&out)]));
        markup_runs.push(measure(1, &[s(&this), "--compile-markup", s(&markup), s(&tmp.join("markup.pdf"))]));
    }
    let c = best(&charter_runs);
    let m = best(&markup_runs);
    let pages = pdf_pages(&out.join("big.pdf"));
    println!("{:<52} {}", format!("{ARTICLES} articles → PDF ({pages} pages), charter build"), c);
    println!("{:<52} {}", format!("{ARTICLES} articles as typst markup → PDF (same fonts)"), m);
    println!("{:<52} {:.2}×", "ratio charter build / markup", c.secs / m.secs);
    let html = measure(5, &[BIN, "build", s(&big), "--force", "--format", "html", "-o", s(&out)]);
    println!("{:<52} {}", format!("{ARTICLES} articles → HTML"), html);
    let _ = std::fs::remove_dir_all(&tmp);
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_else(|| panic!("non-UTF-8 path {}", p.display()))
}

#[derive(Clone, Copy)]
struct Figure {
    secs: f64,
    rss_mb: Option<f64>,
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:>8.3} s", self.secs)?;
        match self.rss_mb {
            Some(m) => write!(f, "  {m:>6.1} MB"),
            None => write!(f, "  (peak memory: install GNU time)"),
        }
    }
}

fn best(v: &[Figure]) -> Figure {
    let mut b = v[0];
    for f in v {
        if f.secs < b.secs {
            b = *f;
        }
    }
    b
}

/// Run a command `n` times; the fastest run, with its peak memory.
fn measure(n: usize, cmd: &[&str]) -> Figure {
    let gnu_time = Path::new("/usr/bin/time").exists();
    let rss_file = std::env::temp_dir().join(format!("charter-bench-rss-{}", std::process::id()));
    let mut runs = Vec::new();
    for _ in 0..n {
        let mut c = if gnu_time {
            let mut c = Command::new("/usr/bin/time");
            c.args(["-f", "%M", "-o", s(&rss_file)]).args(cmd);
            c
        } else {
            let mut c = Command::new(cmd[0]);
            c.args(&cmd[1..]);
            c
        };
        let t = Instant::now();
        let o = c.output().unwrap_or_else(|e| panic!("{}: {e}", cmd[0]));
        let secs = t.elapsed().as_secs_f64();
        assert!(o.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&o.stderr));
        let rss_mb = std::fs::read_to_string(&rss_file)
            .ok()
            .and_then(|t| t.trim().lines().last().and_then(|l| l.trim().parse::<f64>().ok()))
            .map(|kb| kb / 1024.0);
        runs.push(Figure { secs, rss_mb });
    }
    let _ = std::fs::remove_file(&rss_file);
    best(&runs)
}

fn pdf_pages(p: &Path) -> usize {
    let bytes = std::fs::read(p).unwrap_or_default();
    lopdf::Document::load_mem(&bytes).map(|d| d.get_pages().len()).unwrap_or(0)
}

/// The baseline: compile a typst file with typst as a library and the same
/// fonts `charter build` uses (system fonts and the embedded ones).
fn compile_markup(src: &Path, out: &Path) {
    let fonts = FontSet::load(&FontOptions { system: true, dirs: Vec::new() });
    let template = Template {
        name: src.display().to_string(),
        source: std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{e}")),
        dir: None,
    };
    let settings = pdf::PdfSettings::default();
    let pdf = pdf::compile(&template, &[], &fonts, &settings)
        .unwrap_or_else(|r| panic!("markup does not compile: {:?}", r.diagnostics));
    std::fs::write(out, pdf.bytes).unwrap_or_else(|e| panic!("{e}"));
}

/// Escape text for typst markup: a backslash before every ASCII symbol.
fn esc(t: &str) -> String {
    let mut o = String::with_capacity(t.len());
    for c in t.chars() {
        if c.is_ascii_punctuation() {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// The generated charter written by hand as typst markup: the same page,
/// fonts, sizes, headings (chapters, sections and article bookmarks),
/// table of contents, paragraphs and items as the built-in template.
fn markup_of(yaml: &str) -> String {
    let doc = charter::process_str("big.yaml", yaml);
    let c = doc.charter.unwrap_or_else(|| panic!("generated charter does not load"));
    let ex = serde_json::to_value(charter::export::export(&c, &doc.numbering)).expect("the export serialises");
    let fonts = FontSet::load(&FontOptions { system: true, dirs: Vec::new() }).resolve();
    let list = |v: &[String]| format!("({})", v.iter().map(|f| format!("\"{f}\",")).collect::<String>());
    let mut m = String::new();
    let _ = write!(
        m,
        r#"#let gap = (225mm - 22 * 15.75pt) / 21
#set document(title: "{title}", date: datetime(year: 2026, month: 1, day: 1))
#set text(lang: "zh", region: "cn", font: {body}, size: 15.75pt, top-edge: 0.88em, bottom-edge: -0.12em)
#set par(justify: true, leading: gap, spacing: gap, first-line-indent: (amount: 2em, all: true))
#set page(paper: "a4", margin: (inside: 28mm, outside: 26mm, top: 37mm, bottom: 35mm), binding: left)
#show heading: set text(font: {heading}, size: 15.75pt, weight: "regular")
#show heading.where(level: 3): it => box(it.body)
#show heading: it => if it.level == 3 {{ box(it.body) }} else {{ block(sticky: true, width: 100%, above: 2 * gap + 15.75pt, below: gap, align(center, it.body)) }}
#align(center, text(font: {title_f}, size: 22pt, weight: "bold")[{title}])
#pagebreak(to: "odd")
#outline(title: none, depth: 2)
#pagebreak(to: "odd")
#set page(footer: context align(center, text(font: {song}, size: 14pt)[— #counter(page).display() —]), footer-descent: 7mm)
#counter(page).update(1)
"#,
        title = esc(ex["title"].as_str().unwrap_or_default()),
        body = list(&fonts.body),
        heading = list(&fonts.heading),
        title_f = list(&fonts.title),
        song = list(&fonts.song),
    );
    fn node(n: &serde_json::Value, m: &mut String) {
        let kind = n["kind"].as_str().unwrap_or_default();
        if kind == "article" {
            let id = n["id"].as_str().unwrap_or_default();
            let label = n["label"].as_str().unwrap_or_default();
            let head = n["heading"]["plain"].as_str().map(|h| format!("　{}", esc(h))).unwrap_or_default();
            let mark = format!("#heading(level: 3, outlined: false, bookmarked: true)[{label}{head}]<{id}>");
            let mut first = true;
            for p in n["paragraphs"].as_array().into_iter().flatten() {
                let text = esc(p["text"]["plain"].as_str().unwrap_or_default());
                if first && head.is_empty() {
                    let _ = writeln!(m, "{mark}　{text}\n");
                } else if first {
                    let _ = writeln!(m, "#block(sticky: true)[{mark}]\n\n{text}\n");
                } else {
                    let _ = writeln!(m, "{text}\n");
                }
                first = false;
                for it in p["items"].as_array().into_iter().flatten() {
                    let _ = writeln!(
                        m,
                        "{}{}\n",
                        it["label"].as_str().unwrap_or_default(),
                        esc(it["text"]["plain"].as_str().unwrap_or_default())
                    );
                }
            }
        } else {
            let level = if kind == "section" { 2 } else { 1 };
            let _ = writeln!(
                m,
                "#heading(level: {level})[{}　{}]<{}>\n",
                n["label"].as_str().unwrap_or_default(),
                esc(n["title"].as_str().unwrap_or_default()),
                n["id"].as_str().unwrap_or_default()
            );
            for c in n["children"].as_array().into_iter().flatten() {
                node(c, m);
            }
        }
    }
    for n in ex["body"].as_array().into_iter().flatten() {
        node(n, &mut m);
    }
    m
}
