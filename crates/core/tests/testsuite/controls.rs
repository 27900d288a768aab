//! Control characters written as YAML escapes (`"\0"`, `"\u0007"`) never
//! reach the model (issue 14): each is reported at its escape (`Y044`, an
//! error, with a fix that deletes it) and removed from the text, so that
//! even a forced build prints none.

use std::path::Path;

use charter_core::Document;
use charter_core::load::is_control;

const YAML: &str = "title: \"示例\\0章程\"\nbody:\n  - id: a\n    heading: \"总\\u0007则\"\n    text: \"本会名称为示例会\\x1b。\"\n    items:\n      - \"第一项\\a；\"\n      - \"第二\\U0000007F项\\r。\"\n  - id: b\n    note: \"备注\\v\"\n    text: \"制表\\t与换行\\n可以；\\\\0 是反斜杠和零。\"\n";

fn load(yaml: &str) -> Document {
    Document::load(Path::new("c.yaml"), yaml.as_bytes().to_vec())
}

#[test]
fn each_control_escape_is_an_error_at_the_escape_and_is_removed() {
    let doc = load(YAML);
    let found: Vec<(&str, String)> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "Y044")
        .map(|d| {
            let s = d.span().expect("located");
            (&YAML[s.start..s.end], d.message.clone())
        })
        .collect();
    let escapes: Vec<&str> = found.iter().map(|f| f.0).collect();
    assert_eq!(escapes, ["\\0", "\\u0007", "\\x1b", "\\a", "\\U0000007F", "\\r", "\\v"], "{found:?}");
    assert!(found[0].1.contains("U+0000（空字符 NUL）"), "{}", found[0].1);
    assert!(found[1].1.contains("响铃 BEL"), "{}", found[1].1);
    assert!(doc.diagnostics.iter().filter(|d| d.code.as_str() == "Y044").all(|d| d.is_error()));
    let c = doc.charter.as_ref().expect("the charter is read");
    assert_eq!(c.meta.title, "示例章程");
    let json = charter_core::export::to_json(c, &doc.numbering).expect("exports");
    assert!(!json.chars().any(is_control), "a control character reached the export");
    assert!(!json.contains("\\u0000") && !json.contains("\\u0007") && !json.contains("\\u001b"), "{json}");
    // Tab, line feed and an escaped backslash are not controls.
    assert!(json.contains("\\\\0"), "{json}");
}

#[test]
fn the_fix_deletes_the_escapes() {
    let doc = load(YAML);
    let mut edits: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "Y044")
        .flat_map(|d| d.fix.as_ref().expect("has a fix").edits.clone())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut fixed = YAML.to_string();
    for e in edits {
        fixed.replace_range(e.span.start..e.span.end, &e.replacement);
    }
    let again = load(&fixed);
    assert!(again.diagnostics.iter().all(|d| d.code.as_str() != "Y044"), "{:?}", again.diagnostics);
    assert!(fixed.contains("title: \"示例章程\""), "{fixed}");
}
