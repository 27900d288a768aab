//! Half-width punctuation made full-width throughout: one item in words
//! (将本章程中的半角标点符号统一修改为相应的全角标点符号), read and applied back;
//! chosen only when applying it gives NEW exactly.

use charter_amend::parse::parse;

use crate::keep::applied;
use crate::roundtrip::roundtrip;

const SUMMARY: &str = "将本章程中的半角标点符号统一修改为相应的全角标点符号。";

/// Half-width marks in the text lines of every third article (and the
/// items of every fifth), as a hasty drafter types them.
fn with_halfwidth(yaml: &str) -> String {
    let mut out = String::new();
    let mut article = 0;
    for l in yaml.lines() {
        if l.trim_start().starts_with("- id: art-") && !l.contains("-p2") {
            article += 1;
        }
        let text_line = !l.trim_start().starts_with("- id:")
            && !l.contains(':')
            && (l.contains('，') || l.contains('；') || l.contains('：') || l.contains('、'));
        if text_line && article % 3 == 0 {
            out.push_str(&l.replace('，', ", ").replace('；', ";"));
        } else {
            out.push_str(l);
        }
        out.push('\n');
    }
    out
}

#[test]
fn generated_halfwidth_punctuation_is_one_item() {
    let base = charter_core::generate::charter_yaml(90, 8);
    let old = with_halfwidth(&base);
    assert!(old.contains(", ") && old.contains(';'), "the generated text has half-width marks");
    for (percent, seed) in [(0, 1), (10, 3), (30, 5)] {
        let new = charter_core::generate::perturb(&base, percent, seed);
        let text = roundtrip(&old, &new);
        assert_eq!(text.matches(SUMMARY).count(), 1, "{percent}% seed {seed}:\n{text}");
        assert!(!text.contains("“, ”") && !text.contains("“;”") && !text.contains(",”修改为"), "{text}");
    }
}

const OLD: &str = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会经费 3.5 万元, 由主席团管理(见 http://example.org/rules.html);\n  - id: a2\n    text: 本会的英文名称为“Student Union, Music College”, 简称学生会.\n  - id: a3\n    text: 会员大会每年召开一次, 由主席团召集:必要时可以提前召开!\n  - id: a4\n    text: 选举于 12:30 开始, 共1,000人参加.\n";

/// Numbers (3.5, 12:30, 1,000), addresses and Latin text keep their
/// marks; only Chinese punctuation changes, and the item says so.
#[test]
fn numbers_addresses_and_latin_text_are_not_normalised() {
    let new = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会经费 3.5 万元，由主席团管理（见 http://example.org/rules.html）；\n  - id: a2\n    text: 本会的英文名称为“Student Union, Music College”，简称学生会。\n  - id: a3\n    text: 会员大会每年召开一次，由主席团召集：必要时可以提前召开！\n  - id: a4\n    text: 选举于 12:30 开始，共1,000人参加。\n";
    let text = roundtrip(OLD, new);
    assert!(text.contains(SUMMARY), "{text}");
    assert!(text.contains("一、") && !text.contains("二、"), "one item: {text}");
}

/// NEW keeps a half-width mark the normalisation would change: no
/// summary item (it would not give NEW), explicit items instead.
#[test]
fn a_kept_halfwidth_mark_falls_back_to_explicit_items() {
    let new = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会经费 3.5 万元，由主席团管理（见 http://example.org/rules.html）；\n  - id: a2\n    text: 本会的英文名称为“Student Union, Music College”，简称学生会。\n  - id: a3\n    text: 会员大会每年召开一次, 由主席团召集：必要时可以提前召开！\n  - id: a4\n    text: 选举于 12:30 开始，共1,000人参加。\n";
    let text = roundtrip(OLD, new);
    assert!(!text.contains("半角标点符号"), "{text}");
}

/// The wording as a secretariat may write it, with or without 统一 and
/// 相应的; applied to the text, and an error when there is nothing to do.
#[test]
fn hand_written_summary_item_applies() {
    for wording in [
        "将本章程中的半角标点符号统一修改为相应的全角标点符号。",
        "将本章程中的半角标点符号修改为全角标点符号。",
        "将本章程中的半角标点统一改为全角标点。",
    ] {
        let decision = format!("学生代表大会决定对《测试章程》作如下修改：\n\n一、{wording}\n");
        let (doc, _) = applied(OLD, &decision);
        let printed = doc.printed();
        assert!(printed.contains("本会经费 3.5 万元，由主席团管理（见 http://example.org/rules.html）；"), "{printed}");
        assert!(printed.contains("“Student Union, Music College”，简称学生会。"), "{printed}");
        assert!(printed.contains("选举于 12:30 开始，共1,000人参加。"), "{printed}");
    }
    let full = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会是学生组织。\n";
    let d = parse(&format!("学生代表大会决定对《测试章程》作如下修改：\n\n一、{SUMMARY}\n"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let (_, old) = crate::roundtrip::load("old.yaml", full);
    let fails = charter_amend::apply(&old, &d, None).expect_err("nothing to normalise");
    assert_eq!(fails[0].kind, charter_amend::FailKind::NotFound, "{fails:?}");
}
