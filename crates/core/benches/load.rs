//! How loading grows with the file (issue 14), on generated charters
//! (`charter generate`):
//!
//! - 50 misspelt keys (`txt:` for `text:`) in 2,000–16,000 articles: the
//!   loader used to re-parse the whole file for each (16,000 articles:
//!   2.4 s) and to give up after 50;
//! - a misspelt key in every 100th article (the number of mistakes grows
//!   with the file);
//! - clean files of 12,500–100,000 articles (the YAML node budget grows
//!   with the file, so 100,000 articles load);
//! - one article of 2,000–16,000 项 with a misspelt key in every 40th
//!   (and in a 目 of every 40th), alone and followed by a syntax error
//!   (a bad escape): the loader used to re-parse the whole article for
//!   each mistake, and the whole file when a syntax error followed.
//!
//! Prints load + numbering time at each size and the growth exponent
//! between sizes (1.0 = linear).
//!
//! `cargo bench -p charter-core --bench load`

use std::path::Path;
use std::time::Instant;

use charter_core::Document;
use charter_core::generate::charter_yaml;

/// Misspell `text:` in every `every`-th article, at most `max` times.
fn misspelt(yaml: &str, every: usize, max: usize) -> (String, usize) {
    let (mut seen, mut done) = (0, 0);
    let mut out = String::with_capacity(yaml.len());
    for l in yaml.lines() {
        let t = l.trim_start();
        if t.starts_with("text: |") && !l.contains("p2") {
            seen += 1;
            if seen % every == 0 && done < max {
                done += 1;
                out.push_str(&l.replacen("text:", "txt:", 1));
                out.push('\n');
                continue;
            }
        }
        out.push_str(l);
        out.push('\n');
    }
    (out, done)
}

/// One article with `n` 项, a misspelt key in every 40th 项 and in a 目
/// of every 40th; `tail` appended.
fn long_article(n: usize, tail: &str) -> (String, usize) {
    let mut s = String::from("title: 一条很长的章程\nbody:\n  - id: art-1\n    text: 本会设下列机构：\n    items:\n");
    let mut mistakes = 0;
    for k in 0..n {
        match k % 40 {
            0 => {
                mistakes += 1;
                s.push_str(&format!("      - id: item-{k}\n        txt: 第{k}项负责本会的日常工作；\n"));
            }
            20 => {
                mistakes += 1;
                s.push_str(&format!(
                    "      - id: item-{k}\n        text: 第{k}项：\n        items:\n          - id: sub-{k}\n            txet: 目；\n          - 目二；\n"
                ));
            }
            _ => s.push_str(&format!("      - 第{k}项负责本会的日常工作；\n")),
        }
    }
    s.push_str(tail);
    (s, mistakes)
}

/// One article whose text is a plain (unquoted) scalar over `n` lines, each
/// continuation line with a space inside (the swallowed-key check reads
/// every line).
fn plain_lines(n: usize) -> (String, usize) {
    let mut s = String::from("title: 测试章程\nbody:\n  - id: art-1\n    text: 第一行文字\n");
    for k in 0..n {
        s.push_str(&format!("      续行文字第{k}行 也有空格\n"));
    }
    (s, 0)
}

fn series(label: &str, sizes: &[usize], make: impl Fn(usize) -> (String, usize)) {
    let mut last: Option<(usize, f64)> = None;
    for &n in sizes {
        let (yaml, mistakes) = make(n);
        let t = Instant::now();
        let doc = Document::load(Path::new("big.yaml"), yaml.into_bytes());
        let secs = t.elapsed().as_secs_f64();
        let y010 = doc.diagnostics.iter().filter(|d| d.code.as_str() == "Y010").count();
        let unit = if label.contains("lines") {
            "lines"
        } else if label.contains("项") {
            "项"
        } else {
            "articles"
        };
        let errors = doc.diagnostics.iter().filter(|d| d.is_error()).count();
        let growth = last.map_or(String::new(), |(m, s)| {
            format!(", growth exponent {:.2}", (secs / s).ln() / (n as f64 / m as f64).ln())
        });
        println!(
            "load {label}, {n} {unit}: {:.0} ms ({y010} of {mistakes} mistakes reported, {} errors, charter {}){growth}",
            secs * 1000.0,
            errors,
            if doc.charter.is_some() { "read" } else { "not read" }
        );
        last = Some((n, secs));
    }
}

fn main() {
    let small = [2_000, 4_000, 8_000, 16_000];
    series("with 50 misspelt keys", &small, |n| misspelt(&charter_yaml(n, 1), n / 50, 50));
    series("with a misspelt key every 100 articles", &small, |n| misspelt(&charter_yaml(n, 1), 100, usize::MAX));
    series("clean", &[12_500, 25_000, 50_000, 100_000], |n| (charter_yaml(n, 1), 0));
    // Here n counts 项 in one article, not articles.
    series("of one article, two misspelt keys every 40 项", &small, |n| long_article(n, ""));
    series("of one article, two misspelt keys every 40 项, then a bad escape", &small, |n| {
        long_article(n, "  - id: art-2\n    text: \"\\q\"\n")
    });
    // Here n counts the lines of one plain text.
    series("of one plain text over n lines", &[5_000, 10_000, 20_000, 40_000], plain_lines);
}
