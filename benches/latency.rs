//! Latency of the drafting loop (run: `cargo bench --bench latency`): from
//! writing a one-article edit to the charter file until `charter serve`
//! reports the new page version — the answer of
//! `/__charter/version?since=<stamp>`, the event the page's script reloads
//! on — for
//!
//! 1. the example charter (goal ≤ 100 ms),
//! 2. the Civil Code, 1,260 articles, imported from
//!    `../shared/data/laws/civil-code_rag4legalqa.txt` (skipped, with a
//!    message, when absent; goal ≤ 300 ms),
//! 3. a generated charter of the same size (always available; same goal).
//!
//! Each edit changes the text of the article in the middle of the file
//! (alternating two wordings), written in place with `std::fs::write`
//! (truncate and write, as most editors save); the clock starts just
//! before the write. The server is a separate process (`charter serve
//! --port 0 --no-system-fonts`), so the figure includes the file watcher's
//! batching window, reading, loading, checking and rendering the HTML,
//! and the HTTP answer. A version whose page does not yet hold the edit
//! (a round that saw the file half-written) does not count: the clock runs
//! until the page holds the new text. Before each edit the printed pages
//! of the previous one are waited for, so that each edit starts from rest;
//! their time (write → new pages version) is reported too.
//!
//! Then, in this process, typst's incremental compilation in a watcher's
//! session (`project::Session`): the PDF of the 1,260-article charter
//! built cold (a new process's first build), then rebuilt after each of
//! five one-article edits in the same session.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_charter");
const CIVIL_CODE: &str = "../shared/data/laws/civil-code_rag4legalqa.txt";

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`: do nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir().join(format!("charter-latency-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    println!("charter serve: write of a one-article edit → new page version (the reload event)\n");
    println!("{:<44} {:>8} {:>8} {:>8} {:>6}   {:>14}", "case", "median", "min", "max", "goal", "pages (median)");

    let example = std::fs::read_to_string(root.join("charter/charter.yaml")).unwrap_or_else(|e| panic!("{e}"));
    run("example charter", &tmp.join("example"), &example, 20, 100);

    let civil = Path::new(CIVIL_CODE);
    if civil.is_file() {
        let dir = tmp.join("civil");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let yaml = dir.join("imported.yaml");
        let status = Command::new(BIN)
            .args(["import", &civil.to_string_lossy(), "-o", &yaml.to_string_lossy()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success() && yaml.is_file(), "charter import of the Civil Code failed");
        let text = std::fs::read_to_string(&yaml).unwrap_or_else(|e| panic!("{e}"));
        run("Civil Code (1,260 articles, imported)", &dir, &text, 10, 300);
    } else {
        eprintln!("skipped: {CIVIL_CODE} is absent (the Civil Code case)");
    }

    let generated = charter::generate::charter_yaml(1260, 50);
    run("generated charter (1,260 articles)", &tmp.join("generated"), &generated, 10, 300);

    println!("\ntypst in a watcher's session (in process), generated charter of 1,260 articles → PDF\n");
    session_rebuilds(&tmp.join("session"), &generated);
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The PDF built cold, then rebuilt after one-article edits in one
/// session.
fn session_rebuilds(dir: &Path, yaml: &str) {
    use charter::project::output::{self, Output};
    use charter::project::{BuildRequest, Project, Session};
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("charter.yaml");
    let session = Session::new(charter::render::FontSet::embedded());
    let request = BuildRequest {
        outputs: vec![&output::Pdf as &dyn Output],
        session: Some(&session),
        force: true,
        ..BuildRequest::default()
    };
    let build = |text: &str| {
        std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
        let project = Project::open(&file).unwrap_or_else(|e| panic!("{e}"));
        let t = Instant::now();
        let outcome = project.build(&request);
        assert!(outcome.is_complete(), "{:?}", outcome.status);
        t.elapsed().as_secs_f64() * 1000.0
    };
    let cold = build(yaml);
    let (line, variants) = edit_of(yaml);
    let mut warm: Vec<f64> = (0..5).map(|i| build(&replace_line(yaml, line, &variants[i % 2].1))).collect();
    warm.sort_by(f64::total_cmp);
    println!("{:<44} {:>8.0}ms", "first build (cold)", cold);
    println!(
        "{:<44} {:>8.0}ms  (min {:.0}ms, max {:.0}ms)",
        "rebuild after a one-article edit (median)", warm[2], warm[0], warm[4]
    );
}

/// Serve `yaml` from `dir`, edit it `n` times, print the figures.
fn run(name: &str, dir: &Path, yaml: &str, n: usize, goal_ms: u128) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("charter.yaml");
    std::fs::write(&file, yaml).unwrap_or_else(|e| panic!("{e}"));
    let (edit_line, variants) = edit_of(yaml);
    let server = Server::start(dir);
    // The first page and its pages.
    let mut stamp = server.wait_for(|s| s.pages >= 1);
    let mut page_ms = Vec::new();
    let mut pages_ms = Vec::new();
    let mut extra_rounds = 0;
    for i in 0..n {
        let (marker, line) = &variants[i % 2];
        let text = replace_line(yaml, edit_line, line);
        let before = stamp.clone();
        let t0 = Instant::now();
        std::fs::write(&file, &text).unwrap_or_else(|e| panic!("{e}"));
        // The reload event that brings the edit.
        let mut seen = before.page;
        loop {
            stamp = server.wait_for(|s| s.page != seen);
            if server.page().contains(marker.as_str()) {
                break;
            }
            seen = stamp.page;
            extra_rounds += 1;
        }
        page_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        stamp = server.wait_for(|s| s.pages > before.pages);
        pages_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        // Let the watcher settle (no extra round from this save).
        std::thread::sleep(Duration::from_millis(150));
        let now = server.stamp();
        if now.page != stamp.page {
            extra_rounds += 1;
            stamp = server.wait_for(|s| s.pages > now.pages);
        }
    }
    page_ms.sort_by(f64::total_cmp);
    pages_ms.sort_by(f64::total_cmp);
    let median = |v: &[f64]| v[v.len() / 2];
    let ok = if median(&page_ms) <= goal_ms as f64 { "" } else { "  (over the goal)" };
    println!(
        "{name:<44} {:>6.1}ms {:>6.1}ms {:>6.1}ms {:>4}ms   {:>12.0}ms{ok}",
        median(&page_ms),
        page_ms[0],
        page_ms[page_ms.len() - 1],
        goal_ms,
        median(&pages_ms)
    );
    if extra_rounds > 0 {
        println!("  ({extra_rounds} extra rounds: the watcher reacted before a write was complete)");
    }
}

/// The line to edit (a text line in the middle of the file, ending in
/// 。) and its two wordings, each with a marker only it holds.
fn edit_of(yaml: &str) -> (usize, [(String, String); 2]) {
    let lines: Vec<&str> = yaml.lines().collect();
    let mid = lines.len() / 2;
    let at = (mid..lines.len())
        .chain(0..mid)
        .find(|&i| lines[i].trim_end().ends_with('。') && !lines[i].trim_start().starts_with('#'))
        .unwrap_or_else(|| panic!("no text line ending in 。"));
    let line = lines[at].trim_end();
    let body = &line[..line.len() - '。'.len_utf8()];
    let variants = ["甲", "乙"].map(|m| {
        let marker = format!("（修改稿{m}）");
        (marker.clone(), format!("{body}{marker}。"))
    });
    (at, variants)
}

fn replace_line(yaml: &str, at: usize, with: &str) -> String {
    let mut out = String::with_capacity(yaml.len() + 64);
    for (i, l) in yaml.lines().enumerate() {
        out.push_str(if i == at { with } else { l });
        out.push('\n');
    }
    out
}

/// `<page>.<pages>` of `/__charter/version`.
#[derive(Clone, Debug, Default, PartialEq)]
struct Stamp {
    page: u64,
    pages: u64,
}

impl Stamp {
    fn parse(s: &str) -> Option<Stamp> {
        let (a, b) = s.trim().split_once('.')?;
        Some(Stamp { page: a.parse().ok()?, pages: b.parse().ok()? })
    }

    fn text(&self) -> String {
        format!("{}.{}", self.page, self.pages)
    }
}

/// A `charter serve` process, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--no-system-fonts"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start charter serve: {e}"));
        let mut out = BufReader::new(child.stdout.take().unwrap_or_else(|| panic!("no stdout")));
        let mut first = String::new();
        out.read_line(&mut first).unwrap_or_else(|e| panic!("{e}"));
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let addr = first.trim().rsplit("http://").next().unwrap_or("").trim_end_matches('/').to_string();
        Server { child, addr }
    }

    fn get(&self, path: &str) -> String {
        let mut s = TcpStream::connect(&self.addr).unwrap_or_else(|e| panic!("{}: {e}", self.addr));
        let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr);
        let mut buf = String::new();
        let _ = s.read_to_string(&mut buf);
        buf.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default()
    }

    fn page(&self) -> String {
        self.get("/")
    }

    fn stamp(&self) -> Stamp {
        Stamp::parse(&self.get("/__charter/version")).unwrap_or_default()
    }

    /// Long-poll until the stamp satisfies `done` (at most two minutes).
    fn wait_for(&self, done: impl Fn(&Stamp) -> bool) -> Stamp {
        let start = Instant::now();
        let mut now = self.stamp();
        while !done(&now) {
            assert!(start.elapsed() < Duration::from_secs(120), "charter serve did not answer in time");
            let body = self.get(&format!("/__charter/version?since={}", now.text()));
            now = Stamp::parse(&body).unwrap_or(now);
        }
        now
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
