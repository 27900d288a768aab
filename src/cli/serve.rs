//! `charter serve`: the HTML preview on localhost, rebuilt on every save
//! and reloaded by the page itself, with a view of the printed pages.
//!
//! The watch loop of `charter watch` renders the HTML output in memory and
//! publishes it at once (a new page version); a second thread then
//! typesets the printed pages as SVG images in the watch's long-lived
//! render session (a new pages version), always the latest project only.
//! A charter with errors (a YAML that does not load, a file saved empty)
//! keeps the last good page and pages, its problems shown over them. A
//! small std-only HTTP server answers `GET /` (the page, with the problems,
//! the view switch and the reload script inserted), `GET /__charter/version`
//! (`<page>.<pages>`; with `?since=<that>` it waits until it changes: the
//! page's reload event), `GET /__charter/pages` (the pages view's HTML) and
//! `GET /__charter/pages/<n>.svg`. Nothing else: no file of the project or
//! outside it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use clap::Args;

use super::typeset::FontArgs;
use super::watch::watch_loop;
use super::{CmdResult, Failure, Global, out};
use charter::ToolError;
use charter::diagnostic::{self, Origin};
use charter::project::output::{self, Output};
use charter::project::{BuildFailure, BuildOutcome, BuildRequest, BuildStatus, OpenOptions, Project, Session};
use charter::render::FontSet;

use charter::anchor::Anchors;
use charter::{Diagnostic, Severity, Sources};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 章程文件，或含有 charter.yaml 的文件夹
    #[arg(default_value = "charter")]
    pub path: PathBuf,
    /// 端口（0 表示任选一个空闲端口）
    #[arg(long, default_value_t = 4545)]
    pub port: u16,
    /// 监听的地址；默认只有本机能访问
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// 启动后用浏览器打开预览
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// What the server shows.
#[derive(Debug, Default)]
struct Page {
    /// The last HTML that rendered.
    html: Option<String>,
    /// The latest round's problems that belong to no article (or that
    /// the page cannot place), as plain text (empty: none).
    problems: String,
    /// The latest round's problems beside their articles.
    notes: Vec<Note>,
    /// How many problems of each severity (`2 个错误、3 个警告`).
    summary: String,
    /// Changes whenever the page does.
    version: u64,
    /// The last printed pages that rendered, as SVG images.
    pages: Vec<String>,
    /// Why the latest pages could not be typeset (empty: they were).
    pages_problem: String,
    /// Changes whenever the pages do.
    pages_version: u64,
}

impl Page {
    /// What `/__charter/version` reports.
    fn stamp(&self) -> String {
        format!("{}.{}", self.version, self.pages_version)
    }
}

/// The page and the signal that it changed (for the waiting version
/// requests).
#[derive(Debug, Default)]
struct Shared {
    page: Mutex<Page>,
    changed: Condvar,
}

impl Shared {
    fn update(&self, f: impl FnOnce(&mut Page)) {
        if let Ok(mut p) = self.page.lock() {
            f(&mut p);
        }
        self.changed.notify_all();
    }
}

/// How long a `?since=` version request waits before answering anyway.
const LONG_POLL: Duration = Duration::from_secs(25);

pub fn run(args: &ServeArgs, global: &Global) -> CmdResult {
    let font_options = args.fonts.options()?;
    let listener = TcpListener::bind((args.host.as_str(), args.port)).map_err(|e| ToolError::Watch {
        reason: format!("无法在 {}:{} 上提供预览：{e}", args.host, args.port),
    })?;
    let addr = listener.local_addr().map_err(|e| ToolError::Watch { reason: e.to_string() })?;
    let url = format!("http://{addr}/");
    out(&format!("预览地址：{url}\n"))?;
    let shared = Arc::new(Shared::default());
    let server = Arc::clone(&shared);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let shared = Arc::clone(&server);
            std::thread::spawn(move || answer(stream, &shared));
        }
    });
    if args.open {
        open_browser(&url);
    }
    let session = Arc::new(Session::new(FontSet::load(&font_options)));
    let pages = pages_worker(Arc::clone(&shared), Arc::clone(&session), global.quiet);
    let options = OpenOptions { fonts: font_options, ..OpenOptions::default() };
    let request = BuildRequest {
        outputs: vec![&output::Html as &dyn Output],
        session: Some(&session),
        // A preview shows a charter with errors too (its cover says so),
        // its problems beside it.
        force: true,
        ..BuildRequest::default()
    };
    watch_loop(&args.path, &options, |round, opened| {
        let (html, problems, notes, summary, project) = match opened {
            // A charter that does not load (a YAML error, a file saved
            // empty) keeps the last good page and pages: only its errors
            // are shown.
            Ok(project) if project.document().diagnostics.iter().any(|d| d.is_load_error()) => {
                let sources = &project.document().sources;
                let errors: Vec<&Diagnostic> = project.document().diagnostics.iter().filter(|d| d.is_error()).collect();
                let mut problems = render_all(errors.iter().copied(), sources);
                problems.push_str(UNREADABLE);
                eprint!("{problems}");
                (None, problems, Vec::new(), summary(errors.into_iter()), None)
            }
            Ok(project) => {
                let outcome = project.build(&request);
                let shown = outcome.diagnostics.iter().filter(|d| d.is_error() || !global.quiet);
                let summary = summary(shown);
                let (html, problems, notes) = page_of(&project, outcome, global);
                (html, problems, notes, summary, Some(project))
            }
            Err(e) => {
                eprintln!("{e}");
                (None, format!("{e}\n"), Vec::new(), "章程无法打开".to_string(), None)
            }
        };
        shared.update(|p| {
            if let Some(h) = html {
                p.html = Some(String::from_utf8_lossy(&h).into_owned());
            }
            p.problems = problems;
            p.notes = notes;
            p.summary = summary;
            p.version = round;
        });
        if let Some(project) = project {
            // The pages follow in their own thread; a closed channel means
            // that thread ended, and the preview goes on without pages.
            let _ = pages.send(project);
        }
        if !global.quiet {
            out(&format!("已更新预览（第 {round} 次）：{url}\n"))?;
        }
        Ok::<(), Failure>(())
    })
}

/// A diagnostic shown beside the article (or division) it concerns.
#[derive(Debug)]
struct Note {
    /// The article's id: its anchor in the HTML.
    anchor: String,
    /// The note's HTML.
    html: String,
    /// One line for the list at the top (plain text).
    line: String,
}

/// The HTML of a build, the problems to show at the top (those that belong
/// to no article), and those to show beside their articles. Every problem
/// is printed to the terminal too.
fn page_of(project: &Project, outcome: BuildOutcome, global: &Global) -> (Option<Vec<u8>>, String, Vec<Note>) {
    let doc = project.document();
    let sources = &doc.sources;
    let anchors = doc.charter.as_ref().map(Anchors::new).unwrap_or_default();
    let mut problems = String::new();
    let mut notes = Vec::new();
    for d in outcome.diagnostics.iter().filter(|d| d.is_error() || !global.quiet) {
        let text = format!("{}\n\n", diagnostic::render(d, sources, false));
        eprint!("{text}");
        match d.span().filter(|s| s.file == doc.file).and_then(|s| anchors.at(s.start)) {
            Some(anchor) => notes.push(note(anchor, d, sources)),
            None => problems.push_str(&text),
        }
    }
    let failure = match outcome.status {
        BuildStatus::Rendered => None,
        BuildStatus::Unreadable | BuildStatus::Refused => Some(UNREADABLE.to_string()),
        BuildStatus::Failed(f) => Some(failure_text(&f)),
    };
    if let Some(f) = failure {
        eprint!("{f}");
        problems.push_str(&f);
        return (None, problems, notes);
    }
    (outcome.rendered.into_iter().next().map(|f| f.bytes), problems, notes)
}

/// The note of `d` at `anchor`: severity, code, message, `file:line:col`,
/// hints and fix.
fn note(anchor: &str, d: &Diagnostic, sources: &Sources) -> Note {
    let class = match d.severity {
        Severity::Error => "charter-error",
        Severity::Warning => "charter-warning",
        Severity::Info => "charter-info",
    };
    let head = format!("{}[{}]", d.severity.name_zh(), d.code.as_str());
    let at = d.span().map(|s| sources.describe(s)).unwrap_or_default();
    let mut html = format!(
        "<div class=\"charter-note {class}\" role=\"note\"><div><b>{}</b> {}</div><div class=\"charter-note-loc\">{}</div>",
        escape(&head),
        escape(&d.message),
        escape(&at)
    );
    for h in &d.hints {
        html.push_str(&format!("<div>提示：{}</div>", escape(h)));
    }
    if let Some(f) = &d.fix {
        html.push_str(&format!("<div>修复：{}（charter check --fix）</div>", escape(&f.message)));
    }
    html.push_str("</div>");
    Note { anchor: anchor.to_string(), html, line: format!("{head} {} {at}", d.message) }
}

/// `2 个错误、3 个警告、1 个提示` (only the severities present).
fn summary<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) -> String {
    let mut n = [0usize; 3];
    for d in diagnostics {
        n[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .zip(n)
        .filter(|(_, k)| *k > 0)
        .map(|(s, k)| format!("{k} 个{}", s.name_zh()))
        .collect();
    parts.join("、")
}

const UNREADABLE: &str = "章程无法读取；下面是上一次能读取时的预览。\n";

/// Diagnostics as plain text, one after the other.
fn render_all<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>, sources: &Sources) -> String {
    diagnostics.map(|d| format!("{}\n\n", diagnostic::render(d, sources, false))).collect()
}

fn failure_text(f: &BuildFailure) -> String {
    match f {
        BuildFailure::Template(report) => report
            .diagnostics
            .iter()
            .map(|d| format!("{}\n\n", diagnostic::render(d, &report.sources, false)))
            .collect(),
        BuildFailure::Tool(e) => format!("{e}\n"),
    }
}

/// The thread that typesets the printed pages of each project it is sent,
/// skipping to the latest when several are waiting.
fn pages_worker(shared: Arc<Shared>, session: Arc<Session>, quiet: bool) -> mpsc::Sender<Project> {
    let (tx, rx) = mpsc::channel::<Project>();
    std::thread::spawn(move || {
        let request = BuildRequest {
            outputs: vec![&output::SvgPages as &dyn Output],
            session: Some(&session),
            force: true,
            ..BuildRequest::default()
        };
        while let Ok(mut project) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                project = newer;
            }
            let outcome = project.build(&request);
            let sources = &project.document().sources;
            // The page lists the charter's own problems; the glyph check
            // (R001) runs only for the pages.
            let mut problem: String = outcome
                .diagnostics
                .iter()
                .filter(|d| d.is_error() && d.code.origin() == Origin::Render)
                .map(|d| format!("{}\n\n", diagnostic::render(d, sources, false)))
                .collect();
            match &outcome.status {
                BuildStatus::Rendered => {}
                BuildStatus::Unreadable | BuildStatus::Refused => {
                    problem.push_str("章程无法读取，没有重新排版；下面是上一次的页面。\n");
                }
                BuildStatus::Failed(f) => {
                    problem.push_str(&format!("{}排版失败；下面是上一次的页面。\n", failure_text(f)));
                }
            }
            if !quiet && !problem.is_empty() {
                eprint!("{problem}");
            }
            let rendered = if outcome.is_complete() { outcome.rendered.into_iter().next() } else { None };
            shared.update(|p| {
                if let Some(f) = rendered {
                    p.pages = f.parts.into_iter().map(|b| String::from_utf8_lossy(&b).into_owned()).collect();
                }
                p.pages_problem = problem;
                p.pages_version += 1;
            });
        }
    });
    tx
}

/// Answer one request: `GET /` (the page), `/__charter/version`,
/// `/__charter/pages`, `/__charter/pages/<n>.svg`, anything else 404.
fn answer(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    // Skip the headers.
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = first.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    const HTML: &str = "text/html; charset=utf-8";
    const TEXT: &str = "text/plain; charset=utf-8";
    let (status, kind, body) = match (method, path) {
        ("GET", "/" | "/index.html") => {
            let Ok(p) = shared.page.lock() else { return };
            ("200 OK", HTML, compose(&p))
        }
        ("GET", "/__charter/version") => {
            let since = query.split('&').find_map(|kv| kv.strip_prefix("since="));
            ("200 OK", TEXT, wait_for_change(shared, since))
        }
        ("GET", "/__charter/pages") => {
            let Ok(p) = shared.page.lock() else { return };
            ("200 OK", HTML, pages_view(&p))
        }
        ("GET", _) => match page_number(path).and_then(|n| shared.page.lock().ok()?.pages.get(n - 1).cloned()) {
            Some(svg) => ("200 OK", "image/svg+xml", svg),
            None => ("404 Not Found", TEXT, "预览只有一个页面：/\n".to_string()),
        },
        _ => ("405 Method Not Allowed", TEXT, "只支持 GET\n".to_string()),
    };
    let mut stream = reader.into_inner().into_inner();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes()));
}

/// The version stamp; with `since`, once it differs from `since` (or after
/// [`LONG_POLL`]).
fn wait_for_change(shared: &Shared, since: Option<&str>) -> String {
    let Ok(mut p) = shared.page.lock() else { return String::new() };
    let Some(since) = since else { return p.stamp() };
    let deadline = Instant::now() + LONG_POLL;
    while p.stamp() == since {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        p = match shared.changed.wait_timeout(p, left) {
            Ok((p, _)) => p,
            Err(_) => return String::new(),
        };
    }
    p.stamp()
}

/// `n` of `/__charter/pages/<n>.svg` (from 1).
fn page_number(path: &str) -> Option<usize> {
    let n: usize = path.strip_prefix("/__charter/pages/")?.strip_suffix(".svg")?.parse().ok()?;
    (n >= 1).then_some(n)
}

/// The pages view: one image per page, their problem above them.
fn pages_view(p: &Page) -> String {
    let mut s = String::new();
    if !p.pages_problem.is_empty() {
        s.push_str("<pre class=\"charter-pages-problem\">");
        s.push_str(&escape(&p.pages_problem));
        s.push_str("</pre>");
    }
    if p.pages.is_empty() {
        s.push_str(if p.pages_version == 0 {
            "<p>正在排版……</p>"
        } else {
            "<p>还没有排好的页面。</p>"
        });
    }
    for (i, svg) in p.pages.iter().enumerate() {
        let (w, h) = svg_size(svg).unwrap_or((595.0, 842.0));
        // typst's SVG sizes are in points; 1 pt = 4/3 CSS px.
        s.push_str(&format!(
            "<img src=\"/__charter/pages/{n}.svg?v={v}\" width=\"{w:.0}\" height=\"{h:.0}\" loading=\"lazy\" alt=\"第 {n} 页\">",
            n = i + 1,
            v = p.pages_version,
            w = w * 4.0 / 3.0,
            h = h * 4.0 / 3.0,
        ));
    }
    s
}

/// The width and height of an SVG image from its `viewBox`.
fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let at = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let rest = &svg[at..];
    let v: Vec<f64> = rest[..rest.find('"')?].split_whitespace().filter_map(|x| x.parse().ok()).collect();
    match v[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
        _ => None,
    }
}

/// The preview's own style: the view switch and the pages view.
const STYLE: &str = "<style>\
html{scroll-padding-top:3.5rem}\
#charter-bar{position:fixed;top:4px;right:8px;z-index:10000;display:flex;font:14px/1.2 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.25);border-radius:6px;overflow:hidden}\
#charter-bar button{font:inherit;border:0;background:#fff;color:#222;padding:5px 12px;cursor:pointer}\
#charter-bar button+button{border-left:1px solid #ccc}\
#charter-bar button[aria-pressed=true]{background:#333;color:#fff}\
#charter-pages{display:none;background:#e6e6e6;padding:48px 8px 24px;min-height:100vh}\
html.charter-view-pages #charter-pages{display:block}\
html.charter-view-pages body>:not(#charter-bar):not(#charter-pages):not(#charter-problems):not(script):not(style){display:none!important}\
#charter-problems{position:sticky;top:0;z-index:9999;background:#fff4f4;border-bottom:2px solid #b00;padding:6px 12px;max-height:45vh;overflow:auto;font:14px/1.5 system-ui,sans-serif;color:#222}\
#charter-problems summary{cursor:pointer;font-weight:bold;padding-right:10em;min-height:24px}\
#charter-problems .charter-quiet{font-weight:normal;color:#555}\
#charter-problems pre{white-space:pre-wrap;font-size:13px;margin:6px 0 0}\
.charter-note-list{margin:6px 0 0;padding-left:2em;font-size:13px}\
.charter-notes{margin:.5rem 0}\
.charter-note{font:14px/1.5 system-ui,sans-serif;text-indent:0;text-align:left;margin:.25rem 0;padding:.35rem .6rem;border-left:4px solid #b00;background:#fff4f4;color:#222;border-radius:0 4px 4px 0;overflow-wrap:anywhere}\
.charter-note.charter-warning{border-color:#c77700;background:#fff8e6}\
.charter-note.charter-info{border-color:#4a6fa5;background:#eef3fa}\
.charter-note-loc{font-family:monospace;font-size:12px;color:#555}\
#charter-pages img{display:block;margin:0 auto 16px;max-width:100%;height:auto;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.3)}\
.charter-pages-problem{max-width:794px;margin:0 auto 16px;white-space:pre-wrap;background:#fff4f4;border:1px solid #b00;padding:8px;font-size:13px}\
</style>";

/// The script: the view switch (kept across reloads) and the reload on a
/// new version (long polling: the server answers when it changes).
const SCRIPT: &str = r##"<script>(function(){
var d=document.documentElement,v="@V@";
var q=/[?&]view=(html|pages)/.exec(location.search);
function view(m){if(q&&q[1]!==m){history.replaceState(null,"",location.pathname+location.hash);q=null}d.classList.toggle("charter-view-pages",m==="pages");try{sessionStorage.setItem("charter-view",m)}catch(e){}
var b=document.querySelectorAll("#charter-bar button");for(var i=0;i<b.length;i++){b[i].setAttribute("aria-pressed",b[i].dataset.view===m?"true":"false")}}
var m="html";try{m=sessionStorage.getItem("charter-view")||"html"}catch(e){}if(q){m=q[1]}
d.classList.toggle("charter-view-pages",m==="pages");
document.addEventListener("DOMContentLoaded",function(){view(m);var b=document.querySelectorAll("#charter-bar button");for(var i=0;i<b.length;i++){b[i].addEventListener("click",function(){view(this.dataset.view)})}});
function pages(){fetch("/__charter/pages",{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){var e=document.getElementById("charter-pages");if(e){e.innerHTML=t}})}
function poll(){fetch("/__charter/version?since="+v,{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){t=t.trim();
if(t&&t!==v){if(t.split(".")[0]!==v.split(".")[0]){location.reload();return}v=t;pages()}poll()}).catch(function(){setTimeout(poll,1000)})}
poll()})();</script>"##;

/// The page: the last good HTML with the preview's style, script, view
/// switch, problems and pages view inserted after `<body…>`.
fn compose(p: &Page) -> String {
    let mut inserted = String::from(STYLE);
    inserted.push_str(&SCRIPT.replace("@V@", &p.stamp()));
    inserted.push_str(
        "<div id=\"charter-bar\" role=\"group\" aria-label=\"预览方式\"><button type=\"button\" data-view=\"html\" aria-pressed=\"true\">网页</button><button type=\"button\" data-view=\"pages\" aria-pressed=\"false\">打印页面</button></div>",
    );
    inserted.push_str(&problems_box(p));
    inserted.push_str("<div id=\"charter-pages\">");
    inserted.push_str(&pages_view(p));
    inserted.push_str("</div>");
    let html = p.html.as_deref().unwrap_or(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>charter 预览</title></head><body><p>还没有可以显示的预览。</p></body></html>",
    );
    let (html, placed) = with_notes(html, &p.notes);
    if placed < p.notes.len() {
        // Some articles are not on the page (a template without their ids,
        // or the last good page kept): their notes join the box at the top.
        inserted = inserted.replace("@UNPLACED@", &unplaced(&html, &p.notes));
    } else {
        inserted = inserted.replace("@UNPLACED@", "");
    }
    match html.find("<body").and_then(|i| html[i..].find('>').map(|j| i + j + 1)) {
        Some(at) => format!("{}{inserted}{}", &html[..at], &html[at..]),
        None => format!("{inserted}{html}"),
    }
}

/// The box at the top: a summary line (open when something is not beside
/// an article), the problems that belong to no article, and a list of
/// links to the notes beside the articles.
fn problems_box(p: &Page) -> String {
    if p.problems.is_empty() && p.notes.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "<details id=\"charter-problems\"{}><summary>{}{}</summary>",
        if p.problems.is_empty() { "" } else { " open" },
        if p.summary.is_empty() { "charter 发现的问题".to_string() } else { escape(&p.summary) },
        if p.notes.is_empty() { "" } else { "<span class=\"charter-quiet\">（标在相关条文旁）</span>" }
    );
    if !p.problems.is_empty() {
        s.push_str("<pre>");
        s.push_str(&escape(&p.problems));
        s.push_str("</pre>");
    }
    s.push_str("@UNPLACED@");
    if !p.notes.is_empty() {
        s.push_str("<ol class=\"charter-note-list\">");
        for n in &p.notes {
            s.push_str(&format!("<li><a href=\"#{}\">{}</a></li>", escape(&n.anchor), escape(&n.line)));
        }
        s.push_str("</ol>");
    }
    s.push_str("</details>");
    s
}

/// The notes whose anchors `html` lacks, for the box at the top.
fn unplaced(html: &str, notes: &[Note]) -> String {
    let ids = id_positions(html);
    notes.iter().filter(|n| !ids.contains_key(n.anchor.as_str())).map(|n| n.html.as_str()).collect()
}

/// Where each `id="…"` attribute's element starts in `html` (one pass).
fn id_positions(html: &str) -> HashMap<&str, usize> {
    let mut ids = HashMap::new();
    for (i, _) in html.match_indices(" id=\"") {
        let rest = &html[i + 5..];
        let Some(end) = rest.find('"') else { continue };
        if let Some(tag) = html[..i].rfind('<') {
            ids.entry(&rest[..end]).or_insert(tag);
        }
    }
    ids
}

/// `html` with each note inserted just before the element carrying its
/// anchor's id (notes of one anchor together, in order); and how many were
/// placed.
fn with_notes(html: &str, notes: &[Note]) -> (String, usize) {
    let ids = id_positions(html);
    let mut at: Vec<(usize, usize)> =
        notes.iter().enumerate().filter_map(|(k, n)| ids.get(n.anchor.as_str()).map(|&pos| (pos, k))).collect();
    at.sort_unstable();
    let mut out = String::with_capacity(html.len() + at.len() * 300);
    let mut last = 0;
    let mut group: Option<usize> = None;
    for &(pos, k) in &at {
        if group != Some(pos) {
            if group.is_some() {
                out.push_str("</div>");
            }
            out.push_str(&html[last..pos]);
            last = pos;
            out.push_str("<div class=\"charter-notes\">");
            group = Some(pos);
        }
        out.push_str(&notes[k].html);
    }
    if group.is_some() {
        out.push_str("</div>");
    }
    out.push_str(&html[last..]);
    (out, at.len())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Open `url` in the default browser; failing to is only a message.
fn open_browser(url: &str) {
    let spawned = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if spawned.is_err() {
        eprintln!("无法打开浏览器；请手动打开 {url}");
    }
}
