//! Recovery from YAML mistakes (issue 14): the loader checks the items of
//! `body` and `terms` one by one (and, in an article with a mistake, its
//! 款, 项 and 目 one by one) instead of re-parsing the whole file for each
//! mistake. That must report exactly what the whole-file recovery reports,
//! and stop (saying so) only past 1,000 mistakes. Timing is in
//! `benches/load.rs`.

use std::path::{Path, PathBuf};

use charter_core::Document;
use charter_core::generate::charter_yaml;
use charter_core::load::{Parsed, parse_recovering, parse_recovering_lists};
use charter_core::raw::RawCharter;
use charter_core::source::Sources;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

/// What each recovery makes of a text: diagnostics (debug form), blanked
/// lines, whether a value came out.
fn both(text: &str) -> (String, String) {
    let mut sources = Sources::default();
    let id = sources.add(Path::new("x.yaml"), text.to_string());
    let file = sources.file(id);
    let show = |p: Parsed<RawCharter>| format!("{:#?}\n{:?}\n{}", p.diagnostics, p.blanked, p.value.is_some());
    (show(parse_recovering_lists(file, id, &["body", "terms"])), show(parse_recovering(file, id)))
}

/// A generated charter with mistakes of every recoverable kind, at
/// article, item, division and glossary level.
fn with_mistakes(articles: usize, every: usize) -> String {
    let yaml = charter_yaml(articles, 3);
    let mut out = String::new();
    for (k, line) in yaml.lines().enumerate() {
        let l = if k % every == 0 {
            match k / every % 7 {
                0 => line.replacen("text:", "txt:", 1),
                1 => line.replacen("heading:", "headng:", 1),
                2 => line.replacen("chapter:", "chaptre:", 1),
                3 => line.replacen("short: [委员会", "short: 委员会[", 1),
                4 => line.replacen("heading: 第", "heading:\n", 1),
                5 => line.replacen("- id: art-", "- id: art-x\n    id: art-", 1),
                _ => line.replacen("kind: body", "knd: body", 1),
            }
        } else {
            line.to_string()
        };
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// One article with `n` 项, many of them with a mistake of a recoverable
/// kind (misspelt key, wrong type, duplicate key; in the 项 and in their
/// 目), a second article whose 款 have mistakes, an article-level mistake
/// after the list, and `tail` appended at the end (a syntax error, say).
pub fn long_article(n: usize, tail: &str) -> String {
    let mut s = String::from("title: 一条很长的章程\nbody:\n  - id: art-1\n    text: 本会设下列机构：\n    items:\n");
    for k in 0..n {
        match k % 6 {
            0 => s.push_str(&format!("      - id: item-{k}\n        txt: 第{k}项；\n")),
            1 => s.push_str(&format!("      - 第{k}项；\n")),
            2 => s.push_str(&format!(
                "      - id: item-{k}\n        text: 第{k}项：\n        items:\n          - id: sub-{k}\n            txet: 目；\n          - 目二；\n"
            )),
            3 => s.push_str(&format!("      - id: item-{k}\n        text: [第{k}项]\n")),
            4 => s.push_str(&format!("      - id: item-{k}\n        text: 第{k}项；\n        text: 重复；\n")),
            _ => s.push_str(&format!("      - id: item-{k}\n        text: 第{k}项；\n")),
        }
    }
    s.push_str("    headng: 机构\n  - id: art-2\n    paragraphs:\n");
    for k in 0..n / 4 {
        if k % 2 == 0 {
            s.push_str(&format!("      - id: p-{k}\n        txt: 第{k}款。\n"));
        } else {
            s.push_str(&format!("      - 第{k}款。\n"));
        }
    }
    s.push_str(tail);
    s
}

#[test]
fn item_by_item_recovery_reports_what_whole_file_recovery_reports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    files.sort();
    assert!(files.len() > 40, "fixtures not found under {}", root.display());
    let mut texts: Vec<(String, String)> =
        files.iter().filter_map(|f| Some((f.display().to_string(), std::fs::read_to_string(f).ok()?))).collect();
    for every in [3, 5, 11, 17] {
        texts.push((format!("generated, a mistake every {every} lines"), with_mistakes(120, every)));
    }
    // Mistakes inside one article's 项 and 目 and 款; then a syntax error
    // (a bad escape, a tab) inside the list or after it, or a duplicate
    // key that the skeleton reads past.
    texts.push(("one long article".into(), long_article(60, "")));
    texts.push(("one long article, then a bad escape".into(), long_article(60, "  - id: art-3\n    text: \"\\q\"\n")));
    let tab = long_article(60, "").replacen("      - id: item-30\n", "      - id: item-30\n\t  text: x\n", 1);
    texts.push(("one long article with a tab inside".into(), tab));
    let dup = long_article(60, "  - id: art-3\n    text: 甲。\nbody:\n  - id: art-4\n    txt: 乙。\n");
    texts.push(("one long article, then body twice".into(), dup));
    let mut with_errors = 0;
    for (name, text) in &texts {
        // Deeply nested fixtures need more stack than a test thread has
        // in a debug build (the whole-file parse alone does).
        let t = text.clone();
        let (items, whole) = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || both(&t))
            .and_then(|h| h.join().map_err(|_| std::io::Error::other("panicked")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(items, whole, "{name}: the two recoveries differ");
        with_errors += usize::from(whole.contains("Y01"));
    }
    assert!(with_errors >= 15, "only {with_errors} cases exercise recovery");
}

#[test]
fn a_long_article_with_hundreds_of_mistakes_reports_each_once() {
    // 900 项 in one article: 150 misspelt keys in the 项, 150 in their 目,
    // 150 wrong types, 150 duplicate keys; 225 款 of which 113 misspelt;
    // one article-level key. All reported, in file order, each once.
    let text = long_article(900, "");
    let doc = Document::load(Path::new("long.yaml"), text.clone().into_bytes());
    let count = |code: &str| doc.diagnostics.iter().filter(|d| d.code.as_str() == code).count();
    assert_eq!(count("Y010"), 150 + 150 + 113 + 1, "{:#?}", &doc.diagnostics[..3]);
    assert_eq!(count("Y011"), 150);
    assert_eq!(count("Y013"), 150);
    assert_eq!(count("Y017"), 0);
    let lines: Vec<usize> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with("Y01"))
        .filter_map(|d| d.span())
        .map(|s| doc.sources.file(doc.file).line_col(s.start).0)
        .collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "not in file order, or reported twice");
    // Each mistake where it stands: the misspelt key of the first 项 on
    // line 7, `headng` after the list.
    let first = &doc.diagnostics.iter().find(|d| d.code.as_str() == "Y010").expect("Y010");
    assert_eq!(doc.sources.describe(first.span().expect("span")), "long.yaml:7:9");
    assert!(first.message.contains("txt"), "{}", first.message);
    let headng = text.find("headng").expect("headng");
    assert!(
        doc.diagnostics.iter().any(|d| d.span().is_some_and(|s| s.start == headng) && d.message.contains("headng"))
    );
    assert!(doc.charter.is_some());
}

#[test]
fn more_than_fifty_mistakes_are_all_reported() {
    // 2,000 articles, 200 misspelt `text:` keys: every one reported (the
    // loader used to stop at 50 without saying so), the charter read.
    let yaml = charter_yaml(2000, 1);
    let mut n = 0;
    let text: String = yaml
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("text: |") && n < 200 && !l.contains("p2") {
                n += 1;
                l.replacen("text:", "txt:", 1) + "\n"
            } else {
                l.to_string() + "\n"
            }
        })
        .collect();
    let doc = Document::load(Path::new("many.yaml"), text.into_bytes());
    let y010 = doc.diagnostics.iter().filter(|d| d.code.as_str() == "Y010").count();
    assert_eq!(y010, 200);
    assert!(doc.diagnostics.iter().all(|d| d.code.as_str() != "Y017"));
    assert!(doc.charter.is_some());
}

#[test]
fn past_a_thousand_mistakes_the_loader_says_it_stopped() {
    let yaml = charter_yaml(1500, 1);
    let text = yaml.replace("text: |", "txt: |");
    let doc = Document::load(Path::new("many.yaml"), text.into_bytes());
    let y010 = doc.diagnostics.iter().filter(|d| d.code.as_str() == "Y010").count();
    let y017: Vec<_> = doc.diagnostics.iter().filter(|d| d.code.as_str() == "Y017").collect();
    assert_eq!(y010, 1000);
    assert_eq!(y017.len(), 1, "{:?}", doc.diagnostics.last());
    assert!(y017[0].message.contains("超过 1000 处"), "{}", y017[0].message);
    assert!(doc.charter.is_none());
}
