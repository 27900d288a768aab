//! Voting item by item: an item that quotes text only a rejected item
//! writes depends on it (A013, both item numbers), not “not found” (A011).

use std::collections::BTreeSet;

use charter_amend::parse::parse;
use charter_amend::{FailKind, apply};

use crate::roundtrip::load;

const OLD: &str = "title: 测试章程\nbody:\n  - id: a1\n    text: 校代会每年召开一次，由主席团召集。\n  - id: a2\n    text: 校代会闭会期间，学生委员会执行校代会的决议。\n  - id: a3\n    text: 会员大会每年召开一次, 由主席团召集.\n  - id: a4\n    text: 本章程由学生代表大会负责解释。\n";

fn failures(decision: &str, adopt: &[usize]) -> Vec<charter_amend::Failure> {
    let (_, old) = load("old.yaml", OLD);
    let d = parse(decision).unwrap_or_else(|e| panic!("{e:?}"));
    let sel: BTreeSet<usize> = adopt.iter().copied().collect();
    match apply(&old, &d, Some(&sel)) {
        Ok(_) => Vec::new(),
        Err(f) => f,
    }
}

const DECISION: &str = "学生代表大会决定对《测试章程》作如下修改：\n\n一、将第一条中的“学代会每年”修改为“学代会每学年”。\n\n二、将第四条中的“学生代表大会”修改为“学代会”。\n\n三、将本章程中的“校代会”修改为“学代会”。\n\n四、将第二条中的“执行学代会的决议”修改为“执行学代会的决议和决定”。\n\n五、将本章程中的半角标点符号统一修改为相应的全角标点符号。\n\n六、将第三条中的“一次，由主席团”修改为“一次，由学生委员会”。\n";

#[test]
fn all_adopted_apply() {
    assert!(failures(DECISION, &[1, 2, 3, 4, 5, 6]).is_empty());
}

#[test]
fn an_item_quoting_what_a_rejected_replacement_writes_depends_on_it() {
    let f = failures(DECISION, &[1, 2, 4, 5, 6]);
    let deps: Vec<(usize, FailKind)> = f.iter().map(|f| (f.item, f.kind)).collect();
    // Items 1 and 4 quote 学代会, which only item 3 writes.
    assert!(deps.contains(&(1, FailKind::Dependency)) && deps.contains(&(4, FailKind::Dependency)), "{f:?}");
    let one = f.iter().find(|f| f.item == 1).expect("item 1");
    assert!(one.message.contains("第一项") && one.message.contains("第三项"), "{}", one.message);
    assert!(one.hint.as_deref().is_some_and(|h| h.contains("第三项")), "{one:?}");
    assert!(!f.iter().any(|f| f.kind == FailKind::NotFound), "{f:?}");
}

#[test]
fn an_item_quoting_full_width_punctuation_depends_on_the_punctuation_item() {
    let f = failures(DECISION, &[1, 2, 3, 4, 6]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].item, f[0].kind), (6, FailKind::Dependency), "{f:?}");
    assert!(f[0].message.contains("第五项"), "{}", f[0].message);
}

#[test]
fn text_found_nowhere_is_still_not_found() {
    let d = "学生代表大会决定对《测试章程》作如下修改：\n\n一、将本章程中的“校代会”修改为“学代会”。\n\n二、将第一条中的“研究生会”修改为“研究生代表大会”。\n";
    let f = failures(d, &[2]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].kind, FailKind::NotFound, "{f:?}");
}
