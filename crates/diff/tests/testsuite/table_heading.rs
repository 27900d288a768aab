//! The 修改对照表's data marks a change inside an article heading: the
//! deleted characters on the old side, the inserted ones on the new side.

use std::path::Path;

use charter_core::Document;
use charter_diff::table::{ParaKind, table};
use charter_diff::{Draft, SegOp, diff};

fn doc(heading: &str) -> Document {
    let yaml = format!(
        "title: 测试章程\nbody:\n  - id: a\n    text: 第一条正文。\n  - id: powers\n    heading: {heading}\n    text: 主席团履行下列职权。\n"
    );
    Document::load(Path::new("x.yaml"), yaml.into_bytes())
}

/// A side's heading as (operation, text) runs.
type Spans = Vec<(SegOp, String)>;

fn heading_spans(old: &str, new: &str) -> (Spans, Spans) {
    let (o, n) = (doc(old), doc(new));
    let d = diff(
        &Draft { name: "old".into(), charter: o.charter.as_ref().expect("old"), numbering: &o.numbering },
        &Draft { name: "new".into(), charter: n.charter.as_ref().expect("new"), numbering: &n.numbering },
    );
    let t = table(&d);
    let row = t.rows.iter().find(|r| r.op == "modified").unwrap_or_else(|| panic!("no modified row: {t:#?}"));
    let side = |pieces: &[charter_diff::table::Piece]| {
        pieces
            .iter()
            .flat_map(|p| p.paras.iter())
            .find(|q| q.kind == ParaKind::Heading)
            .map(|q| q.spans.iter().map(|s| (s.op, s.text.clone())).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("no heading paragraph: {row:#?}"))
    };
    (side(&row.old), side(&row.new))
}

#[test]
fn a_deletion_in_a_heading_is_marked() {
    let (old, new) = heading_spans("主席团职权", "主席职权");
    assert!(old.contains(&(SegOp::Delete, "团".to_string())), "{old:?}");
    assert!(new.iter().all(|(op, _)| *op == SegOp::Equal), "{new:?}");
    assert_eq!(new.iter().map(|(_, t)| t.as_str()).collect::<String>(), "主席职权");
}

#[test]
fn an_insertion_in_a_heading_is_marked() {
    let (old, new) = heading_spans("主席职权", "主席团职权");
    assert!(new.contains(&(SegOp::Insert, "团".to_string())), "{new:?}");
    assert!(old.iter().all(|(op, _)| *op == SegOp::Equal), "{old:?}");
}
