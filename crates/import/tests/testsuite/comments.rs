//! Word comments (批注) become the drafter's notes (`note:`) of the article
//! or division they are anchored in; others become YAML comments.

use std::path::Path;

use charter_import::{Options, import_bytes};

use crate::support::stored_zip;

fn para(text: &str, extra: &str) -> String {
    format!("<w:p>{extra}<w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn comments_become_notes_of_their_article_or_heading() {
    let c = |id: u32| format!("<w:commentRangeStart w:id=\"{id}\"/>");
    let body = [
        para("示例协会章程", &c(0)),
        para("第一章　总则", &c(1)),
        para("第一条　本会名称为示例协会。", ""),
        // A range opened between paragraphs belongs to the next one.
        c(2),
        para("第二条　本会的宗旨是：", ""),
        // A comment with only a reference (no range), mid-article.
        "<w:p><w:r><w:t>（一）团结会员；</w:t></w:r><w:r><w:commentReference w:id=\"3\"/></w:r></w:p>".to_string(),
        para("（二）服务社会。", &c(4)),
        para("第三条　本会设理事会。", ""),
    ]
    .concat();
    let doc = format!("<w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>");
    let comment = |id: u32, ps: &[&str]| {
        let ps: String = ps.iter().map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>")).collect();
        format!("<w:comment w:id=\"{id}\" w:author=\"甲\">{ps}</w:comment>")
    };
    let comments = format!(
        "<w:comments xmlns:w=\"w\">{}{}{}{}{}</w:comments>",
        comment(0, &["标题请再斟酌。"]),
        comment(1, &["本章结构调整。"]),
        comment(2, &["宗旨改写：", "  与登记材料一致。"]),
        comment(3, &["“团结”一词 # 可议: 保留"]),
        comment(4, &[""]),
    );
    let bytes = stored_zip(&[("word/document.xml", doc.as_bytes()), ("word/comments.xml", comments.as_bytes())]);
    let imp = import_bytes(Path::new("c.docx"), &bytes, Options::default()).expect("import");
    let note = imp.diagnostics.iter().find(|d| d.code.as_str() == "I017").expect("I017");
    assert!(note.message.contains("4 条批注") && note.message.contains("其中 1 条不在任何条"), "{}", note.message);
    let yaml = imp.yaml.expect("a charter");
    // The title's comment is a YAML comment at the top.
    assert!(yaml.contains("# Word 批注（不在任何条上）：标题请再斟酌。"), "{yaml}");
    // The chapter's comment is the chapter's note.
    assert!(yaml.contains("  - chapter: 总则\n    id: ch-1\n    note: 本章结构调整。\n"), "{yaml}");
    // Article 2 collects both of its comments, in order; the empty one is dropped.
    assert!(
        yaml.contains("      - id: art-2\n        note: |\n          宗旨改写：\n          与登记材料一致。\n          “团结”一词 # 可议: 保留\n"),
        "{yaml}"
    );
    assert_eq!(yaml.matches("note:").count(), 2, "{yaml}");
    // It loads, with the notes.
    let mut sources = charter_core::source::Sources::default();
    let loaded = charter_core::load::load_bytes(Path::new("c.yaml"), yaml.clone().into_bytes(), &mut sources);
    let charter = loaded.charter.expect("loads");
    let art2 = charter.articles().into_iter().find(|a| a.id == "art-2").expect("art-2");
    assert_eq!(
        art2.note.as_ref().map(|n| n.text.as_str()),
        Some("宗旨改写：\n与登记材料一致。\n“团结”一词 # 可议: 保留")
    );
}
