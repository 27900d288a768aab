//! The 修改说明's skeleton (`statement`): a charter without chapters is one
//! group; chapter renames and deletions are entries of their chapter; the
//! reason comes from the lookup (the new draft's notes) and a note without
//! a full stop gets one; punctuation-only changes go to one sentence; the
//! intro counts.

use std::collections::HashMap;
use std::path::Path;

use charter_core::Document;
use charter_diff::statement::statement;
use charter_diff::{Draft, diff};

fn load(yaml: &str) -> Document {
    let d = Document::load(Path::new("x.yaml"), yaml.as_bytes().to_vec());
    assert!(d.charter.is_some(), "{:?}", d.diagnostics);
    d
}

fn compare(old: &str, new: &str, notes: &[(&str, &str)]) -> charter_diff::statement::Statement {
    let (o, n) = (load(old), load(new));
    let d = diff(
        &Draft { name: "old".into(), charter: o.charter.as_ref().expect("old"), numbering: &o.numbering },
        &Draft { name: "new".into(), charter: n.charter.as_ref().expect("new"), numbering: &n.numbering },
    );
    let notes: HashMap<String, String> = notes.iter().map(|(i, n)| (i.to_string(), n.to_string())).collect();
    statement(&d, &|id| notes.get(id).cloned())
}

const FLAT_OLD: &str = "title: 测试章程\nbody:\n  - id: x\n    text: 本会会徽由全体会员大会确定，并在本会的官方网站上公布。\n  - id: a\n    text: 本会名称为测试会。\n  - id: b\n    text: 本会设主席一人,副主席二人。\n  - id: c\n    text: 本会经费由学校拨付。\n  - id: d\n    text: 本章程自通过之日起施行。\n";
const FLAT_NEW: &str = "title: 测试章程\nbody:\n  - id: a\n    text: 本会名称为测试学生会。\n  - id: b\n    text: 本会设主席一人，副主席二人。\n  - id: c\n    text: 本会经费由学校拨付。\n  - id: d\n    text: 本章程自通过之日起施行。\n  - id: e\n    heading: 会员\n    text: 凡本校在读学生，承认本章程的，均为本会会员。\n";

#[test]
fn a_charter_without_chapters_is_one_group_with_reasons_and_placeholders() {
    let s = compare(FLAT_OLD, FLAT_NEW, &[("e", "原章程没有规定会员")]);
    assert_eq!(s.heading, "关于《测试章程》修改的说明");
    assert_eq!(s.groups.len(), 1);
    assert_eq!(s.groups[0].heading, "");
    let texts: Vec<(&str, Option<&str>)> =
        s.groups[0].entries.iter().map(|e| (e.text.as_str(), e.reason.as_deref())).collect();
    assert_eq!(
        texts,
        [
            ("删去原第一条", None),
            ("修改原第二条（现第一条）", None),
            ("新增第五条（会员）", Some("原章程没有规定会员。"))
        ],
        "{s:#?}"
    );
    assert_eq!(s.missing, 2);
    // 第二条 only changed a comma: one sentence, not an entry.
    assert_eq!(s.minor, "此外，对原第三条的标点符号和格式作了规范。");
    assert!(s.intro.contains("新增1条、删去1条、修改2条，修改后共5条（修改前5条）"), "{}", s.intro);
}

#[test]
fn chapter_changes_are_entries_of_their_chapter_in_order() {
    let old = "title: 测试章程\nbody:\n  - chapter: 总则\n    id: general\n    body:\n      - id: a\n        text: 本会名称为测试会。\n  - chapter: 组织\n    id: org\n    body:\n      - id: b\n        text: 本会设主席一人。\n  - chapter: 其他\n    id: misc\n    body:\n      - id: c\n        text: 本章程自通过之日起施行。\n";
    let new = "title: 测试章程\nbody:\n  - chapter: 总则\n    id: general\n    body:\n      - id: a\n        text: 本会名称为测试学生会。\n  - chapter: 组织机构\n    id: org\n    note: 章名与内容相符。\n    body:\n      - id: b\n        text: 本会设主席一人。\n  - chapter: 其他\n    id: misc\n    body:\n      - id: c\n        text: 本章程自学生代表大会通过之日起施行。\n";
    let s = compare(old, new, &[("org", "章名与内容相符。")]);
    let headings: Vec<&str> = s.groups.iter().map(|g| g.heading.as_str()).collect();
    assert_eq!(headings, ["第一章\u{3000}总则", "第二章\u{3000}组织机构", "第三章\u{3000}其他"], "{s:#?}");
    let org = &s.groups[1].entries;
    assert_eq!(org.len(), 1, "{org:#?}");
    assert_eq!(org[0].kind, "division_renamed");
    assert_eq!(org[0].text, "将第二章的章名“组织”修改为“组织机构”");
    assert_eq!(org[0].reason.as_deref(), Some("章名与内容相符。"));
    assert_eq!(s.missing, 2);
}
