//! No input may make the loader panic: truncations, deletions and
//! insertions of YAML-significant characters into the example charter.

use std::panic;

fn no_panic(name: &str, text: &str) {
    let result = panic::catch_unwind(|| {
        let doc = charter_lint::process_str(name, text);
        for d in &doc.diagnostics {
            let _ = charter_core::diagnostic::render(d, &doc.sources, false);
        }
        if let Some(c) = &doc.charter {
            assert!(charter_core::export::to_json(c, &doc.numbering).is_ok());
            let _ = charter_core::outline::outline(c, &doc.numbering);
        }
    });
    assert!(result.is_ok(), "panic on {name}:\n{text}");
}

fn example() -> String {
    std::fs::read_to_string(crate::root().join("charter/charter.yaml")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn truncations() {
    let text = example();
    let mut cut = 0;
    while cut < text.len() {
        if text.is_char_boundary(cut) {
            no_panic(&format!("truncated at {cut}"), &text[..cut]);
        }
        cut += 211;
    }
}

#[test]
fn line_deletions_and_insertions() {
    let text = example();
    let lines: Vec<&str> = text.lines().collect();
    let inserts = ["#", ": ", "[[", "]]", "&a ", "*a", "\t", "- ", "|", "{", "\"", "'", "\u{3000}", "[[x..", "*"];
    for i in (0..lines.len()).step_by(7) {
        let mut v = lines.clone();
        v.remove(i);
        no_panic(&format!("line {i} deleted"), &v.join("\n"));
        let ins = inserts[i % inserts.len()];
        let mut w: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        let l = &mut w[i];
        let at = l.char_indices().nth(l.chars().count() / 2).map_or(l.len(), |(b, _)| b);
        l.insert_str(at, ins);
        no_panic(&format!("{ins:?} inserted in line {i}"), &w.join("\n"));
    }
}

#[test]
fn odd_documents() {
    for text in [
        "",
        "---",
        "~",
        "[]",
        "title: []",
        "body: 文字",
        "body:\n  - 文字",
        "body:\n  - {}",
        "body:\n  - id: a\n    paragraphs: []",
        "body:\n  - id: a\n    items: []",
        "title: x\nbody:\n  - id: a\n    text: '[[a..a]]'",
        "title: x\nbody:\n  - id: a\n    inserted: true\n    text: 甲",
        "title: x\nbody:\n  - id: a\n    repealed: true\n  - id: b\n    text: '[[a]]'",
        "\u{feff}title: x\r\nbody:\r\n  - id: a\r\n    text: 甲\r\n",
    ] {
        no_panic(text, text);
    }
}

/// Text already in memory with a byte-order mark loads as the same text
/// without it (`process_text` does not go through the bytes' path): the
/// same findings at the same lines and columns.
#[test]
fn byte_order_mark_in_text_is_dropped() {
    let text = "title: 测试章程\nbody:\n  - id: a\n    text: 本会名称为测试会,地址在这里\n";
    let found = |t: &str| {
        let doc = charter_lint::process_text(std::path::Path::new("c.yaml"), t, None);
        let file = doc.sources.file(doc.file);
        assert!(!file.text.starts_with('\u{feff}'));
        doc.diagnostics
            .iter()
            .map(|d| (d.code.as_str().to_string(), d.span().map(|s| file.line_col(s.start))))
            .collect::<Vec<_>>()
    };
    let plain = found(text);
    assert!(plain.iter().any(|(c, _)| c == "CH020"), "{plain:?}");
    assert_eq!(found(&format!("\u{feff}{text}")), plain);
}
