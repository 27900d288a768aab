//! `note:` on divisions and articles: kept in the model and the JSON
//! export, never checked (a note is not charter text).

use charter_core::model::Node;

const YAML: &str = "title: 测试章程
body:
  - chapter: 总则
    id: general
    note: 这一章合并了原第一章和第二章,见说明。
    body:
      - id: name
        heading: 名称
        note: \"  原条文写作“本会”,与全文不一致;另见[[missing]]。  \"
        text: 本章程自通过之日起施行。
      - id: purpose
        text: 本会的宗旨是服务同学。
";

#[test]
fn notes_are_kept_and_never_checked() {
    let doc = charter_lint::process_str("notes.yaml", YAML);
    // Half-width commas and semicolons and an unresolved reference inside
    // the notes would each be a finding in charter text.
    assert!(doc.diagnostics.is_empty(), "{:#?}", doc.diagnostics);
    let charter = doc.charter.as_ref().expect("loads");
    let Node::Division(div) = &charter.body[0] else { panic!("a chapter") };
    assert_eq!(div.note.as_ref().map(|n| n.text.as_str()), Some("这一章合并了原第一章和第二章,见说明。"));
    let Node::Article(name) = &div.body[0] else { panic!("an article") };
    // Trimmed; the span points at the scalar in the file.
    let note = name.note.as_ref().expect("note kept");
    assert_eq!(note.text, "原条文写作“本会”,与全文不一致;另见[[missing]]。");
    let line = doc.sources.file(doc.file).line_col(note.span.start).0;
    assert_eq!(line, 9);
    let Node::Article(purpose) = &div.body[1] else { panic!("an article") };
    assert!(purpose.note.is_none());

    let json = charter_core::export::to_json(charter, &doc.numbering).expect("exports");
    assert!(json.contains("\"note\": \"这一章合并了原第一章和第二章,见说明。\""), "{json}");
    assert_eq!(json.matches("\"note\"").count(), 2, "absent notes are not exported: {json}");
}

#[test]
fn a_blank_note_is_no_note() {
    let doc =
        charter_lint::process_str("blank.yaml", "title: 测试\nbody:\n  - id: a\n    note: \"  \"\n    text: 正文。\n");
    assert!(doc.diagnostics.is_empty(), "{:#?}", doc.diagnostics);
    let Some(Node::Article(a)) = doc.charter.as_ref().map(|c| &c.body[0]) else { panic!("an article") };
    assert!(a.note.is_none());
}
