//! `charter serve`: the HTML preview on localhost, rebuilt on every save
//! and reloaded by the page itself.
//!
//! The watch loop of `charter watch` renders the HTML output in memory;
//! a charter with errors (a YAML that does not load, a file saved empty)
//! keeps the last good page, its problems shown above it. A small std-only HTTP server answers `GET /` with the last
//! good page, the problems of the latest round inserted at the top and a
//! script that polls `GET /__charter/version` and reloads when it changes.
//! Nothing else is served: no file of the project or outside it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Args;

use super::watch::watch_loop;
use super::{CmdResult, Failure, Global, out};
use charter::ToolError;
use charter::diagnostic;
use charter::project::output::{self, Output};
use charter::project::{BuildFailure, BuildRequest, BuildStatus, OpenOptions};

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
}

/// What the server shows.
#[derive(Debug, Default)]
struct Page {
    /// The last HTML that rendered.
    html: Option<String>,
    /// The latest round's problems, as plain text (empty: none).
    problems: String,
    /// Changes whenever the page does.
    version: u64,
}

pub fn run(args: &ServeArgs, global: &Global) -> CmdResult {
    let listener = TcpListener::bind((args.host.as_str(), args.port)).map_err(|e| ToolError::Watch {
        reason: format!("无法在 {}:{} 上提供预览：{e}", args.host, args.port),
    })?;
    let addr = listener.local_addr().map_err(|e| ToolError::Watch { reason: e.to_string() })?;
    let url = format!("http://{addr}/");
    out(&format!("预览地址：{url}\n"))?;
    let page = Arc::new(Mutex::new(Page::default()));
    let shared = Arc::clone(&page);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let page = Arc::clone(&shared);
            std::thread::spawn(move || answer(stream, &page));
        }
    });
    if args.open {
        open_browser(&url);
    }
    let options = OpenOptions::default();
    let request = BuildRequest { outputs: vec![&output::Html as &dyn Output], ..BuildRequest::default() };
    watch_loop(&args.path, &options, |round, opened| {
        let (html, problems) = match opened {
            Ok(project) => {
                let outcome = project.build(&request);
                let sources = &project.document().sources;
                let mut problems: String = outcome
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error() || !global.quiet)
                    .map(|d| format!("{}\n\n", diagnostic::render(d, sources, false)))
                    .collect();
                let html = match outcome.status {
                    BuildStatus::Rendered => outcome.rendered.into_iter().next().map(|f| f.bytes),
                    BuildStatus::Unreadable | BuildStatus::Refused => {
                        problems.push_str("章程有错误；下面是上一次没有错误时的预览。\n");
                        None
                    }
                    BuildStatus::Failed(BuildFailure::Template(report)) => {
                        for d in &report.diagnostics {
                            problems.push_str(&format!("{}\n\n", diagnostic::render(d, &report.sources, false)));
                        }
                        None
                    }
                    BuildStatus::Failed(BuildFailure::Tool(e)) => {
                        problems.push_str(&format!("{e}\n"));
                        None
                    }
                };
                (html, problems)
            }
            Err(e) => (None, format!("{e}\n")),
        };
        eprint!("{problems}");
        let mut p = page.lock().map_err(|_| ToolError::Watch { reason: "预览服务出错".to_string() })?;
        if let Some(h) = html {
            p.html = Some(String::from_utf8_lossy(&h).into_owned());
        }
        p.problems = problems;
        p.version = round;
        drop(p);
        if !global.quiet {
            out(&format!("已更新预览（第 {round} 次）：{url}\n"))?;
        }
        Ok::<(), Failure>(())
    })
}

/// Answer one request: `GET /` (the page), `GET /__charter/version`,
/// anything else 404.
fn answer(stream: TcpStream, page: &Mutex<Page>) {
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
    let path = target.split('?').next().unwrap_or("");
    let (status, kind, body) = match (method, path) {
        ("GET", "/" | "/index.html") => {
            let Ok(p) = page.lock() else { return };
            ("200 OK", "text/html; charset=utf-8", compose(&p))
        }
        ("GET", "/__charter/version") => {
            let Ok(p) = page.lock() else { return };
            ("200 OK", "text/plain; charset=utf-8", p.version.to_string())
        }
        ("GET", _) => ("404 Not Found", "text/plain; charset=utf-8", "预览只有一个页面：/\n".to_string()),
        _ => ("405 Method Not Allowed", "text/plain; charset=utf-8", "只支持 GET\n".to_string()),
    };
    let mut stream = reader.into_inner().into_inner();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes()));
}

/// The page: the last good HTML with the problems and the reload script
/// inserted after `<body…>`.
fn compose(p: &Page) -> String {
    let mut inserted = format!(
        "<script>(function(){{var v=\"{}\";setInterval(function(){{fetch(\"/__charter/version\",{{cache:\"no-store\"}}).then(function(r){{return r.text()}}).then(function(t){{if(t!==v){{location.reload()}}}}).catch(function(){{}})}},500)}})();</script>",
        p.version
    );
    if !p.problems.is_empty() {
        inserted.push_str(
            "<div id=\"charter-problems\" style=\"position:sticky;top:0;z-index:9999;background:#fff4f4;border-bottom:2px solid #b00;padding:8px 12px;max-height:45vh;overflow:auto;font-family:monospace\"><strong>charter 发现的问题</strong><pre style=\"white-space:pre-wrap;font-size:13px;margin:6px 0 0\">",
        );
        inserted.push_str(&escape(&p.problems));
        inserted.push_str("</pre></div>");
    }
    let html = p.html.as_deref().unwrap_or(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>charter 预览</title></head><body><p>还没有可以显示的预览。</p></body></html>",
    );
    match html.find("<body").and_then(|i| html[i..].find('>').map(|j| i + j + 1)) {
        Some(at) => format!("{}{inserted}{}", &html[..at], &html[at..]),
        None => format!("{inserted}{html}"),
    }
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
