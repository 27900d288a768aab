//! A block scalar (`|`, `>`) keeps its lines as written: a line in it that
//! looks like a key, a list item or a comment is text, not a slip. The same
//! lines in a plain scalar are what YAML silently folds or cuts (Y035, Y040).

use std::path::Path;

use charter_core::Document;

fn codes(yaml: &str) -> Vec<String> {
    let doc = Document::load(Path::new("c.yaml"), yaml.as_bytes().to_vec());
    doc.diagnostics.iter().map(|d| d.code.as_str().to_string()).filter(|c| c == "Y035" || c == "Y040").collect()
}

#[test]
fn lines_of_a_block_scalar_are_text() {
    for header in ["|", ">", "|-", ">+", "|2", "| # 说明"] {
        let yaml = format!(
            "title: 测试章程\nbody:\n  - id: a\n    text: {header}\n      本会名称为测试会，\n      - 这是续行。\n  - id: b\n    text: {header}\n      本会地址\n      heading：在这里 # 不是注释\n"
        );
        assert_eq!(codes(&yaml), Vec::<String>::new(), "header {header:?}");
    }
}

#[test]
fn the_same_lines_in_a_plain_scalar_are_reported() {
    let list = "title: 测试章程\nbody:\n  - id: a\n    text: 本会名称为测试会，\n      - 这是续行。\n";
    assert_eq!(codes(list), ["Y035"]);
    let key = "title: 测试章程\nbody:\n  - id: b\n    text: 本会地址\n      heading：在这里。\n";
    assert_eq!(codes(key), ["Y035"]);
    let comment = "title: 测试章程\nbody:\n  - id: c\n    text: 本会地址在这里 # 不是注释\n";
    assert_eq!(codes(comment), ["Y040"]);
}
