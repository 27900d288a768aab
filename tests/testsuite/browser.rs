//! `charter serve` in a real browser: headless Chromium (Debian's
//! `chromium` package) loads the preview, the test edits a heading in the
//! YAML, and the page changes by itself (its script's reload), then the
//! printed-pages view shows the pages. Skipped, with a message, when
//! Chromium is not installed.
//!
//! The browser is driven through the DevTools protocol over
//! `--remote-debugging-pipe` (JSON messages ended by NUL on file
//! descriptors 3 and 4), wired to two named pipes by `sh`: no WebSocket
//! client, no new dependency.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::live::{charter_yaml, get, serve, temp, wait_until};

/// The Chromium binary, if installed.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// A headless Chromium and its DevTools pipe.
struct Browser {
    child: Child,
    to: std::fs::File,
    from: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
}

impl Browser {
    fn launch(chromium: &Path, dir: &Path) -> Browser {
        let (cmds, events) = (dir.join("cdp-in"), dir.join("cdp-out"));
        for fifo in [&cmds, &events] {
            let ok = Command::new("mkfifo").arg(fifo).status().is_ok_and(|s| s.success());
            assert!(ok, "mkfifo {}", fifo.display());
        }
        let profile = dir.join("profile");
        let child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<"$CDP_IN" 4>"$CDP_OUT""#)
            .arg(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-pipe",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .env("CDP_IN", &cmds)
            .env("CDP_OUT", &events)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The shell opens the commands pipe first, then the events pipe.
        let to = std::fs::OpenOptions::new().write(true).open(&cmds).unwrap();
        let from = std::fs::File::open(&events).unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(from);
            let mut buf = Vec::new();
            while r.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                buf.pop_if(|b| *b == 0);
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(v).is_err()
                {
                    break;
                }
                buf.clear();
            }
        });
        Browser { child, to, from: rx, next_id: 0, session: None }
    }

    /// Send a command (to the attached page, if any) and wait for its
    /// result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self.from.recv_timeout(left).unwrap_or_else(|_| panic!("no answer from Chromium to {method}"));
            if v["id"] == json!(id) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// Open `url` in a new tab and attach to it.
    fn open(&mut self, url: &str) {
        let target = self.call("Target.createTarget", json!({ "url": url }));
        let attached = self.call("Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true }));
        self.session = attached["sessionId"].as_str().map(str::to_string);
        assert!(self.session.is_some(), "{attached}");
    }

    /// Evaluate `expression` in the page; its value (null while the page
    /// is being replaced).
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call("Runtime.evaluate", json!({ "expression": expression, "returnByValue": true }));
        r["result"]["value"].clone()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_page_in_chromium_reloads_by_itself_after_a_save() {
    let Some(chromium) = chromium() else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            concat!("skipped: chromium is not installed (apt-get install chromium)", "\n").as_bytes(),
        );
        return;
    };
    let dir = temp("browser");
    let file = dir.join("charter.yaml");
    std::fs::write(&file, charter_yaml("本会的名称为甲乙协会。")).unwrap();
    let (_server, addr) = serve(&dir);
    wait_until("the first preview", || get(&addr, "/").contains("甲乙协会"));

    let mut browser = Browser::launch(&chromium, &dir);
    browser.open(&format!("http://{addr}/"));
    let loaded = "document.readyState === 'complete' && !!document.getElementById('charter-bar') \
                  && document.body.innerText.includes('总则')";
    wait_until("the page in Chromium", || browser.eval(loaded) == json!(true));
    // A mark that lives only as long as this document: a reload drops it.
    browser.eval("window.charterTestMark = 1");

    // Edit the chapter's heading in the YAML.
    std::fs::write(&file, charter_yaml("本会的名称为甲乙协会。").replace("chapter: 总则", "chapter: 一般规定"))
        .unwrap();
    let reloaded = "typeof window.charterTestMark === 'undefined' && document.readyState === 'complete' \
                    && document.body.innerText.includes('一般规定') && !document.body.innerText.includes('总则')";
    wait_until("the page to reload with the new heading", || browser.eval(reloaded) == json!(true));

    // The printed pages: switch the view, and see the first page drawn.
    browser.eval("document.querySelector('#charter-bar button[data-view=pages]').click()");
    let drawn = "document.documentElement.classList.contains('charter-view-pages') \
                 && Array.from(document.querySelectorAll('#charter-pages img')).some(i => i.complete && i.naturalWidth > 0)";
    wait_until("the pages view with a drawn page", || browser.eval(drawn) == json!(true));
    // The choice survives the next reload.
    browser.eval("window.charterTestMark = 2");
    std::fs::write(&file, charter_yaml("本会的名称为丙丁协会。")).unwrap();
    let kept = "typeof window.charterTestMark === 'undefined' && document.readyState === 'complete' \
                && document.documentElement.classList.contains('charter-view-pages') \
                && document.documentElement.innerHTML.includes('丙丁协会')";
    wait_until("the reload in the pages view", || browser.eval(kept) == json!(true));
    drop(browser);
    let _ = std::fs::remove_dir_all(&dir);
}
