//! Articles made of 款 of old ones (the 立法法 2023 decision's items 24, 32
//! and 33), read and applied on a small charter.

use crate::keep::applied;

const OLD: &str = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会是学生组织。\n  - id: a2\n    paragraphs:\n      - 会员大会每年召开一次。\n      - 会员大会由主席团召集。\n      - 会员大会依照本条第二款召开。\n  - id: a3\n    paragraphs:\n      - 主席团由五人组成。\n      - 主席团每月开会一次。\n      - 主席团对会员大会负责。\n  - id: a4\n    text: 本章程自通过之日起施行。\n";

#[test]
fn paragraphs_shared_out_among_articles() {
    let decision = "学生代表大会决定对《测试章程》作如下修改：\n\n一、将第二条改为两条，第一款作为第二条；第二款作为第三条第一款，修改为：“会员大会由主席团召集并主持”；第三款分别作为第三条第二款。\n\n二、将第三条第一款、第二款改为第四条，修改为：“主席团由七人组成。\n“主席团每两周开会一次。”\n\n三、增加一条，作为第五条，将第三条第三款修改后作为本条第一款：“主席团对会员大会负责，接受会员监督。”\n\n增加一款，作为第五条第二款：“主席团每学期向会员大会报告工作。”\n";
    let (doc, yaml) = applied(OLD, decision);
    let printed = doc.printed();
    let want = "测试章程\n第一条\n本会是学生组织。\n第二条\n会员大会每年召开一次。\n第三条\n会员大会由主席团召集并主持。\n会员大会依照本条第一款召开。\n第四条\n主席团由七人组成。\n主席团每两周开会一次。\n第五条\n主席团对会员大会负责，接受会员监督。\n主席团每学期向会员大会报告工作。\n第六条\n本章程自通过之日起施行。\n";
    assert_eq!(printed, want, "{yaml}");
    // The first 款 keeps the old article's id; the others are new.
    assert_eq!(doc.articles[1].id, "a2");
    assert_eq!(doc.articles[3].id, "a3");
    assert!(doc.articles[2].id.starts_with("art-"), "{yaml}");
}

/// Plain-text citations of the text itself follow the new numbers; those
/// of other texts, and those an item quotes, do not.
#[test]
fn plain_citations_follow_the_renumbering() {
    let old = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会是学生组织。\n  - id: a2\n    text: 会员大会每年召开一次。\n  - id: a3\n    text: 主席团依照本章程第二条、第四条和《宪法》第三条召集会员大会。\n  - id: a4\n    text: 主席团由五人组成。\n";
    let decision = "学生代表大会决定对《测试章程》作如下修改：\n\n一、增加一条，作为第二条：“本会接受学院团委指导。”\n";
    let (doc, yaml) = applied(old, decision);
    assert!(doc.printed().contains("主席团依照本章程第三条、第五条和《宪法》第三条召集会员大会。"), "{yaml}");
}
