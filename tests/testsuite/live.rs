//! The drafting loop: `charter watch` rebuilding on every save (atomic
//! saves and a briefly empty file included), `charter init` making a
//! project that checks and builds, shell completions and the man page.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::charter;

pub fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("charter-live-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small charter whose only article says `text`.
pub fn charter_yaml(text: &str) -> String {
    format!(
        "title: 测试协会章程\nbody:\n  - chapter: 总则\n    id: general\n    body:\n      - id: first\n        text: |\n          {text}\n"
    )
}

/// Kills the watcher when the test ends, however it ends.
pub struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Wait (at most two minutes: a cold debug build of the PDF is slow) until
/// `f` holds.
pub fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(120), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn html(out: &Path) -> String {
    std::fs::read_to_string(out.join("charter.html")).unwrap_or_default()
}

#[test]
fn watch_rebuilds_on_every_save_and_keeps_the_last_good_output() {
    let dir = temp("watch");
    let file = dir.join("charter.yaml");
    let out = dir.join("out");
    std::fs::write(&file, charter_yaml("本会的名称为甲乙协会。")).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["watch", "--no-system-fonts", "-o"])
        .arg(&out)
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _guard = Watching(child);
    wait_until("the first build", || html(&out).contains("甲乙协会") && out.join("charter.pdf").is_file());

    // A plain save.
    std::fs::write(&file, charter_yaml("本会的名称为丙丁协会。")).unwrap();
    wait_until("the rebuild after a save", || html(&out).contains("丙丁协会"));

    // An editor's atomic save: the file is deleted, then a new one renamed
    // into its place.
    std::fs::remove_file(&file).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let tmp = dir.join("charter.yaml.swp");
    std::fs::write(&tmp, charter_yaml("本会的名称为戊己协会。")).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    wait_until("the rebuild after an atomic save", || html(&out).contains("戊己协会"));

    // A briefly empty file: the last good output stays.
    std::fs::write(&file, "").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(html(&out).contains("戊己协会"), "an empty charter must not replace the last good output");

    // And the next good save is built again.
    std::fs::write(&file, charter_yaml("本会的名称为庚辛协会。")).unwrap();
    wait_until("the rebuild after the empty file", || html(&out).contains("庚辛协会"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn watch_of_a_missing_charter_is_a_tool_error() {
    let dir = temp("watch-missing");
    let (code, _, err) = charter(&["watch", dir.join("nothing.yaml").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("找不到章程"), "{err}");
}

#[test]
fn init_makes_a_project_that_checks_and_builds() {
    let dir = temp("init");
    let (code, _, err) = charter(&["init", dir.to_str().unwrap(), "--name", "某某市摄影家协会"]);
    assert_eq!(code, 0, "{err}");
    let yaml = std::fs::read_to_string(dir.join("charter/charter.yaml")).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema=../charter.schema.json\n"));
    assert!(yaml.contains("  - name: 某某市摄影家协会\n"), "{yaml}");
    for chapter in ["总则", "会员", "组织机构", "附则"] {
        assert!(yaml.contains(&format!("- chapter: {chapter}\n")), "{chapter}");
    }
    assert!(std::fs::read_to_string(dir.join(".gitignore")).unwrap().contains("out/"));
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".vscode/settings.json")).unwrap()).unwrap();
    assert!(settings["yaml.schemas"]["./charter.schema.json"].is_array());
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("charter.schema.json")).unwrap()).unwrap();
    assert!(schema["properties"]["body"].is_object());

    let charter_dir = dir.join("charter");
    let (code, stdout, err) = charter(&["check", "--color", "never", charter_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(!stdout.contains("warning") && !stdout.contains("警告"), "the skeleton has findings:\n{stdout}");
    let out = dir.join("out");
    let (code, _, err) =
        charter(&["build", "--no-system-fonts", "-o", out.to_str().unwrap(), charter_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(html(&out).contains("某某市摄影家协会"));

    // A second init refuses and changes nothing.
    std::fs::write(dir.join("charter/charter.yaml"), "title: 改过的\n").unwrap();
    let (code, _, err) = charter(&["init", dir.to_str().unwrap(), "--name", "别的协会"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("已经存在") && err.contains("不会覆盖"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("charter/charter.yaml")).unwrap(), "title: 改过的\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn init_of_a_student_union_checks_clean() {
    let dir = temp("init-su");
    let (code, _, err) =
        charter(&["init", dir.to_str().unwrap(), "--name", "某某大学学生会", "--kind", "student-union"]);
    assert_eq!(code, 0, "{err}");
    let (code, stdout, err) = charter(&["check", "--color", "never", dir.join("charter").to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(!stdout.contains("警告"), "{stdout}");
    assert!(std::fs::read_to_string(dir.join("charter/charter.yaml")).unwrap().contains("学生代表大会"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, stdout, err) = charter(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for sub in ["watch", "init", "build", "check"] {
            assert!(stdout.contains(sub), "{shell} completions lack {sub}");
        }
    }
    let (code, man, _) = charter(&["manpage"]);
    assert_eq!(code, 0);
    assert!(man.starts_with(".ie") || man.contains(".TH charter"), "{}", &man[..man.len().min(200)]);
    assert!(man.contains("watch"));
}

/// `GET path` from the preview server; the body.
pub fn get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(addr) else { return String::new() };
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let mut buf = String::new();
    let _ = s.read_to_string(&mut buf);
    buf
}

/// The body of an HTTP response.
fn body(response: &str) -> String {
    response.split_once("\r\n\r\n").map_or("", |(_, b)| b).trim().to_string()
}

/// `charter serve` on a free port for `dir`: the guard and the address.
pub fn serve(dir: &Path) -> (Watching, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["serve", "--port", "0", "--no-system-fonts"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let guard = Watching(child);
    let mut first = String::new();
    let mut reader = std::io::BufReader::new(stdout);
    reader.read_line(&mut first).unwrap();
    // Keep reading: the server's progress lines must not hit a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let url = first.trim().strip_prefix("预览地址：").unwrap_or_else(|| panic!("{first}")).to_string();
    let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    assert!(addr.starts_with("127.0.0.1:"), "binds the loopback address only: {addr}");
    (guard, addr)
}

#[test]
fn serve_shows_the_preview_updates_it_and_keeps_the_last_good_page() {
    let dir = temp("serve");
    let file = dir.join("charter.yaml");
    std::fs::write(&file, charter_yaml("本会的名称为甲乙协会。")).unwrap();
    let (_guard, addr) = serve(&dir);
    wait_until("the first preview", || get(&addr, "/").contains("甲乙协会"));
    let page = get(&addr, "/");
    assert!(page.contains("/__charter/version"), "the page reloads itself");
    assert!(page.contains("data-view=\"pages\""), "the page has the switch to the printed pages");

    // The printed pages, typeset after the page, as SVG images.
    wait_until("the pages view", || get(&addr, "/__charter/pages").contains("/__charter/pages/1.svg"));
    let svg = get(&addr, "/__charter/pages/1.svg");
    assert!(svg.contains("Content-Type: image/svg+xml") && svg.contains("<svg"), "{}", &svg[..svg.len().min(300)]);
    let stamp = body(&get(&addr, "/__charter/version"));
    let (_, pages_version) = stamp.split_once('.').unwrap();

    // The version request with `since` waits for the change (the reload
    // event), here a save.
    let waiting = {
        let (addr, stamp) = (addr.clone(), stamp.clone());
        std::thread::spawn(move || body(&get(&addr, &format!("/__charter/version?since={stamp}"))))
    };
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&file, charter_yaml("本会的名称为丙丁协会。")).unwrap();
    let changed = waiting.join().unwrap();
    assert_ne!(changed, stamp, "the waiting version request answered without a change");
    wait_until("the updated preview", || get(&addr, "/").contains("丙丁协会"));
    wait_until("the updated pages", || {
        let now = body(&get(&addr, "/__charter/version"));
        now.split_once('.').is_some_and(|(_, p)| p != pages_version)
    });
    assert!(get(&addr, "/__charter/pages/1.svg").contains("<svg"));

    // A file saved empty: the last good page stays, the problem above it.
    std::fs::write(&file, "").unwrap();
    wait_until("the problems on the page", || get(&addr, "/").contains("Y020"));
    let page = get(&addr, "/");
    assert!(page.contains("丙丁协会") && page.contains("Y020"), "{page}");

    // Nothing but the page is served.
    for path in
        ["/charter.yaml", "/../charter.yaml", "/etc/passwd", "/__charter/pages/0.svg", "/__charter/pages/99.svg"]
    {
        assert!(get(&addr, path).starts_with("HTTP/1.1 404"), "{path}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn serve_shows_each_problem_beside_its_article() {
    let dir = temp("serve-notes");
    let file = dir.join("charter.yaml");
    // A half-width comma in the article (CH020), and one in the title,
    // which belongs to no article.
    let yaml = charter_yaml("本会的名称为甲乙协会,住所在某市。").replace("测试协会章程", "测试协会章程,草案");
    std::fs::write(&file, &yaml).unwrap();
    let (_guard, addr) = serve(&dir);
    wait_until("the first preview", || get(&addr, "/").contains("甲乙协会"));
    let page = get(&addr, "/");
    let chapter = page.find("id=\"general\"").unwrap();
    let article = page.find("<article id=\"first\"").unwrap();
    let note = page.find("class=\"charter-note charter-warning\"").unwrap_or_else(|| panic!("no note: {page}"));
    assert!(chapter < note && note < article, "the note is not just before its article");
    let line = yaml.lines().position(|l| l.contains("甲乙协会")).unwrap() + 1;
    let at = format!("charter.yaml:{line}:");
    assert!(page[note..article].contains("CH020") && page[note..article].contains(&at), "{}", &page[note..article]);
    // The title's problem stays in the box at the top, open.
    let top = page.find("<details id=\"charter-problems\" open>").unwrap_or_else(|| panic!("{page}"));
    assert!(top < chapter && page[top..chapter].contains("charter.yaml:1:"), "{}", &page[top..chapter]);
    let _ = std::fs::remove_dir_all(&dir);
}
