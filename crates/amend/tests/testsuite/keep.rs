//! What `apply` keeps of OLD besides the text: notes (and comments) on the
//! nodes that survive.

use charter_amend::{Doc, apply, parse::parse};

use crate::roundtrip::load;

const NOTED: &str = "title: 测试章程\nbody:\n  - chapter: 总则\n    id: ch-1\n    note: 总则一章不改\n    body:\n      - id: a1\n        note: 会员的权利\n        text: 本会会员享有选举权和被选举权。\n      - id: a2\n        note: 将被删去\n        text: 会员大会每年召开一次。\n      - id: a3\n        text: 本章程自通过之日起施行。\n";

pub fn applied(old_yaml: &str, decision: &str) -> (Doc, String) {
    let (_, old) = load("old.yaml", old_yaml);
    let d = parse(decision).unwrap_or_else(|e| panic!("{e:?}"));
    let doc = apply(&old, &d, None).unwrap_or_else(|e| panic!("{e:?}"));
    let yaml = doc.to_yaml("test");
    (doc, yaml)
}

const DECISION: &str = "学生代表大会决定对《测试章程》作如下修改：\n\n一、将第一条修改为：“本会会员享有选举权、被选举权和表决权。”\n\n二、删去第二条。\n\n三、增加一条，作为第二条：“会员大会每学年召开一次。”\n";

#[test]
fn notes_stay_on_surviving_nodes() {
    let (_, yaml) = applied(NOTED, DECISION);
    let (_, back) = load("applied.yaml", &yaml);
    assert!(back.printed().contains("选举权、被选举权和表决权"), "{yaml}");
    let a1 = back.articles.iter().find(|a| a.id == "a1").expect("a1 kept");
    assert_eq!(a1.note.as_deref(), Some("会员的权利"), "{yaml}");
    assert!(!yaml.contains("将被删去"), "the deleted article's note goes: {yaml}");
    assert_eq!(back.division("ch-1").and_then(|d| d.note.as_deref()), Some("总则一章不改"), "{yaml}");
    let added = &back.articles[1];
    assert_eq!(added.note, None, "{yaml}");
}
