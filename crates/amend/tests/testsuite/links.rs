//! `[[id]]` references in the texts a decision restates or adds: the
//! decision prints them (第三条第二款), `apply` makes them references again
//! in the numbering of the text it produces, so that they follow later
//! renumbering. The round trip (`roundtrip::roundtrip`) compares every
//! text's references with NEW's.

use crate::keep::applied;
use crate::roundtrip::roundtrip;

const OLD: &str = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会是学生组织。\n  - id: a2\n    paragraphs:\n      - id: a2-p1\n        text: 会员大会每年召开一次。\n      - id: a2-p2\n        text: 会员大会由主席团召集，校代会期间除外。\n  - id: a3\n    text: 主席团依照[[a2-p2]]召集会议，依照[[a1]]开展工作。\n  - id: a4\n    text: 主席团由五人组成，校代会选举产生。\n  - id: a5\n    text: 本章程自通过之日起施行，[[a3]]另有规定的除外。\n";

#[test]
fn restated_and_added_articles_keep_their_references() {
    // An article added before 第二条 renumbers everything after it; 第三条
    // is restated with a list and a range; an added article cites others.
    let new = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会是学生组织。\n  - id: new\n    text: 本会接受学院团委指导，依照[[a2..a3]]和[[a5]]开展活动。\n  - id: a2\n    paragraphs:\n      - id: a2-p1\n        text: 会员大会每年召开一次。\n      - id: a2-p2\n        text: 会员大会由主席团召集，校代会期间除外。\n  - id: a3\n    text: 主席团每学期依照[[a2-p2]]召集会议，依照[[a1, new, a4]]开展工作，并向本章程[[a2]]规定的会员大会报告。\n  - id: a4\n    text: 主席团由五人组成，校代会选举产生。\n  - id: a5\n    text: 本章程自通过之日起施行，[[a3]]另有规定的除外。\n";
    let text = roundtrip(OLD, new);
    assert!(text.contains("第三条第二款"), "the decision prints the citations in the new numbering:\n{text}");
    let (_, yaml) = applied(OLD, &text);
    assert!(yaml.contains("依照[[a2-p2]]召集会议"), "{yaml}");
    assert!(yaml.contains("依照[[a1, art-2, a4]]开展工作"), "a list is one reference: {yaml}");
    assert!(yaml.contains("本章程[[a2]]规定"), "{yaml}");
    assert!(yaml.contains("依照[[a2..a3]]和[[a5]]开展活动"), "a range: {yaml}");
    // Unchanged texts keep their source.
    assert!(yaml.contains("[[a3]]另有规定的除外"), "{yaml}");
}

/// A text with references changed by a replacement throughout: its
/// citations are in the old numbering, and come back as the same targets.
#[test]
fn a_replacement_throughout_keeps_references() {
    let new = OLD
        .replace("校代会", "学代会")
        .replace("  - id: a2\n", "  - id: new\n    text: 本会接受学院团委指导。\n  - id: a2\n")
        .replace("依照[[a1]]开展工作。", "依照[[a1]]开展工作，校代会闭会期间除外。")
        .replace("依照[[a1]]开展工作，校代会", "依照[[a1]]开展工作，学代会");
    let text = roundtrip(OLD, &new);
    assert!(text.contains("将本章程中的“校代会”修改为“学代会”"), "{text}");
}

/// Citations of other texts, and citations whose target has no id, stay
/// plain; a charter without references gets none.
#[test]
fn other_texts_and_plain_charters_stay_plain() {
    let new = OLD.replace(
        "主席团依照[[a2-p2]]召集会议，依照[[a1]]开展工作。",
        "主席团依照《宪法》第三条、宪法第五条和[[a4]]召集会议。",
    );
    let text = roundtrip(OLD, &new);
    let (_, yaml) = applied(OLD, &text);
    assert!(yaml.contains("依照《宪法》第三条、宪法第五条和[[a4]]召集会议"), "{yaml}");
    let plain = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会是学生组织。\n  - id: a2\n    text: 会员大会每年召开一次。\n  - id: a3\n    text: 主席团依照第二条召集会议。\n";
    let new = plain.replace("依照第二条召集会议", "依照第一条和第二条召集会议");
    let text = roundtrip(plain, &new);
    let (_, yaml) = applied(plain, &text);
    assert!(!yaml.contains("[["), "{yaml}");
}
