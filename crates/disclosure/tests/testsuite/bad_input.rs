//! Bad input in disclosure.yaml: every mistake a located Chinese message.
//! Fixtures: tests/fixtures/disclosure/bad/*.yaml; snapshots of the
//! rendered diagnostics.

use super::{codes, rendered, root, run};

fn fixture(name: &str) -> super::Run {
    run(&root().join("tests/fixtures/disclosure/bad").join(name), None)
}

#[test]
fn rank_format() {
    let r = fixture("rank_format.yaml");
    assert_eq!(codes(&r), ["D003", "D003", "D004"]);
    let out = rendered(&r);
    assert!(out.contains("学习成绩排名“16/”的格式不对"), "{out}");
    assert!(out.contains("rank_format.yaml:13:13"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn unknown_department() {
    let r = fixture("unknown_department.yaml");
    assert_eq!(codes(&r), ["D006", "D007"]);
    let out = rendered(&r);
    assert!(out.contains("工作部门“学习纪检部”不存在"), "{out}");
    assert!(out.contains("您是不是想写“学习纪律部”"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn bad_date() {
    let r = fixture("bad_date.yaml");
    assert_eq!(codes(&r), ["D002", "D002"]);
    let out = rendered(&r);
    assert!(out.contains("“2021.11”不是日期"), "{out}");
    assert!(out.contains("“2021-11-31”不是日期"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn yaml_mistakes_are_all_reported() {
    let r = fixture("yaml_mistakes.yaml");
    let c = codes(&r);
    assert!(c.contains(&"Y010"), "{c:?}");
    assert!(c.contains(&"D004"), "{c:?}");
    assert!(c.contains(&"D005"), "{c:?}");
    let out = rendered(&r);
    assert!(out.contains("您是不是想写“organisation”"), "{out}");
    assert!(out.contains("您是不是想写“staff-limit”"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn hand_answers_against_the_data() {
    let r = fixture("mismatch.yaml");
    let c = codes(&r);
    assert!(c.contains(&"D010"), "{c:?}");
    assert!(c.contains(&"D011"), "{c:?}");
    assert!(c.contains(&"D009"), "{c:?}");
    let out = rendered(&r);
    assert!(out.contains("校级自评第 1 项手填为“是”，按数据应为“否”"), "{out}");
    assert!(out.contains("第 1 行（王五）的政治面貌是“群众”"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn no_input_panics() {
    for text in ["", "[]", "title: [", "staff: 3", "staff:\n  rows: [1, 2]", "date: 99999-99", "\u{feff}title: x"] {
        let dir = std::env::temp_dir().join(format!("charter-disclosure-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let p = dir.join("d.yaml");
        std::fs::write(&p, text).ok();
        let r = run(&p, None);
        assert!(r.diagnostics.iter().any(|d| d.is_error()), "{text:?} gave no error");
    }
}
