//! Following a loading diagnostic's fix (the edit its hint describes) makes
//! the file load better, never worse: fewer loading errors, and the
//! diagnostic itself gone. Runs over every file in tests/fixtures/bad/.

use std::path::{Path, PathBuf};

use charter_core::Document;
use charter_core::diagnostic::Diagnostic;

fn bad_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bad")
}

fn load(name: &str, text: &str) -> Document {
    Document::load(Path::new(name), text.as_bytes().to_vec())
}

/// (no model at all, loading errors, all loading diagnostics): lower is better.
fn quality(doc: &Document) -> (bool, usize, usize) {
    let load = |d: &&Diagnostic| d.code.as_str().starts_with('Y');
    let errors = doc.diagnostics.iter().filter(load).filter(|d| d.is_error()).count();
    (doc.charter.is_none(), errors, doc.diagnostics.iter().filter(load).count())
}

fn apply(text: &str, d: &Diagnostic) -> String {
    let mut edits: Vec<_> = d.fix.as_ref().map(|f| f.edits.clone()).unwrap_or_default();
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.start..e.span.end, &e.replacement);
    }
    out
}

/// Deeply nested fixtures need more than a test thread's default stack.
fn with_stack(f: fn()) {
    std::thread::Builder::new().stack_size(64 << 20).spawn(f).expect("thread").join().expect("test thread");
}

#[test]
fn following_a_fix_never_makes_a_file_load_worse() {
    with_stack(follow_fixes);
}

fn follow_fixes() {
    let mut names: Vec<String> = std::fs::read_dir(bad_dir())
        .expect("tests/fixtures/bad")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut fixed = Vec::new();
    for name in &names {
        let bytes = std::fs::read(bad_dir().join(name)).expect("fixture");
        let Ok(text) = String::from_utf8(bytes) else { continue };
        let doc = load(name, &text);
        let before = quality(&doc);
        for d in doc.diagnostics.iter().filter(|d| d.fix.is_some() && d.code.as_str().starts_with('Y')) {
            let line = doc.sources.file(doc.file).line_col(d.span().map_or(0, |s| s.start)).0;
            let after_text = apply(&text, d);
            let after = load(name, &after_text);
            let q = quality(&after);
            assert!(q <= before, "{name}:{line}: following {} made it worse: {before:?} → {q:?}\n{after_text}", d.code);
            assert!(q < before, "{name}:{line}: following {} changed nothing: {before:?}\n{after_text}", d.code);
            let same = |e: &&Diagnostic| {
                e.code == d.code && after.sources.file(after.file).line_col(e.span().map_or(0, |s| s.start)).0 == line
            };
            assert!(
                !after.diagnostics.iter().any(|e| same(&e)),
                "{name}:{line}: {} is still there after its fix",
                d.code
            );
            fixed.push(format!("{name} {}", d.code));
        }
    }
    // The slips this suite is about all carry a fix (the test above cannot
    // pass by finding none).
    for expected in [
        "indent_key_too_far.yaml Y003",
        "indent_key_too_little.yaml Y003",
        "indent_list_item.yaml Y003",
        "fullwidth_colon_after_key.yaml Y002",
        "missing_colon_after_key.yaml Y002",
        "swallowed_list_item.yaml Y035",
        "number_as_list_item.yaml Y011",
        "misspelt_division_key.yaml Y010",
        "unknown_key.yaml Y010",
    ] {
        assert!(fixed.iter().any(|f| f == expected), "no fix for {expected}; fixes: {fixed:?}");
    }
}

/// One mistake, one error: a number where a list item's text belongs keeps
/// the item (no follow-on about a one-item list), and a misspelt division
/// key keeps the division (no "article with a body and no text").
#[test]
fn one_mistake_one_error() {
    for (name, code) in [("number_as_list_item.yaml", "Y011"), ("misspelt_division_key.yaml", "Y010")] {
        let text = std::fs::read_to_string(bad_dir().join(name)).expect("fixture");
        let doc = load(name, &text);
        let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, [code], "{name}");
    }
    let text = std::fs::read_to_string(bad_dir().join("number_as_list_item.yaml")).expect("fixture");
    let doc = load("x", &text);
    let charter = doc.charter.as_ref().expect("a model");
    let ex = serde_json::to_value(charter_core::export::export(charter, &doc.numbering)).expect("json");
    // The fixture's history holds 2021.11 too: look at the list's items.
    let items = &ex["body"][0]["paragraphs"][0]["items"];
    let texts: Vec<&str> =
        items.as_array().expect("items").iter().filter_map(|i| i["text"]["plain"].as_str()).collect();
    assert_eq!(texts, ["服务同学；", "2021.11"], "the item is kept as written: {items}");
    // Also when the item is not the file's last line.
    let text = "title: 测试章程\nbody:\n  - id: tasks\n    text: 本会的任务是：\n    items:\n      - 2021.11\n      - 服务同学。\n";
    let doc = load("y", text);
    let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["Y011"]);
    assert_eq!(doc.numbering.counts.items, 2, "both items kept");
}
