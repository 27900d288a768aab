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

const COMMENTED: &str = "# 文件开头的说明\ntitle: 测试章程\nterms:\n  # 本会的机构\n  - name: 主席团\n    kind: body\nbody:\n  # 第一章的说明\n  - chapter: 总则  # 章名待定\n    id: ch-1\n    body:\n      # 第一条：会员的权利\n      - id: a1  # 原第一条\n        paragraphs:\n          # 第一款\n          - 本会会员享有选举权和被选举权。\n          - |  \n            会员有权参加本会活动。\n      # 将被删去的条文\n      - id: a2\n        text: 会员大会每年召开一次。  # 会期\n      - id: a3\n        text: |\n          本章程自通过之日起施行。 # 不是注释\n";

#[test]
fn comments_stay_on_surviving_nodes() {
    let (_, old) = load("old.yaml", COMMENTED);
    let doc = charter_core::Document::load(std::path::Path::new("old.yaml"), COMMENTED.as_bytes().to_vec());
    let old = old.with_comments(doc.charter.as_ref().expect("charter"), COMMENTED);
    let decision = "学生代表大会决定对《测试章程》作如下修改：\n\n一、将第一条第二款修改为：“会员有权参加本会组织的各项活动。”\n\n二、删去第二条。\n";
    let d = parse(decision).unwrap_or_else(|e| panic!("{e:?}"));
    let yaml = apply(&old, &d, None).unwrap_or_else(|e| panic!("{e:?}")).to_yaml("由测试生成");
    for kept in [
        "# 文件开头的说明",
        "# 第一章的说明",
        "# 章名待定",
        "# 第一条：会员的权利",
        "# 原第一条",
        "# 第一款",
        "# 本会的机构",
    ] {
        assert!(yaml.contains(kept), "{kept} lost:\n{yaml}");
    }
    assert!(!yaml.contains("将被删去") && !yaml.contains("会期"), "the deleted article's comments go:\n{yaml}");
    assert!(!yaml.contains("# 不是注释\n") || yaml.contains("施行。 # 不是注释"), "{yaml}");
    // Each comment stands with its node, and the YAML loads back.
    let at = |s: &str| yaml.find(s).unwrap_or(usize::MAX);
    assert!(at("# 第一条：会员的权利") < at("- id: a1") && at("- id: a1  # 原第一条") < usize::MAX, "{yaml}");
    assert!(at("# 第一款") < at("本会会员享有") && at("# 第一章的说明") < at("- chapter:"), "{yaml}");
    let (_, back) = load("applied.yaml", &yaml);
    assert!(back.printed().contains("会员有权参加本会组织的各项活动。"), "{yaml}");
}

/// After adoption: （草案） goes, `history` gets the 修正 line, the date is
/// the decision's; the rest of the metadata stays.
#[test]
fn adoption_writes_the_history_line() {
    let old = "title: 测试章程\nstatus: 草案\ndate: 2021-11-24\nhistory:\n  - 2020年5月1日第一次学生代表大会通过\nbody:\n  - id: a1\n    text: 本会是学生组织。\n";
    let decision = "（2021年12月1日第二次学生代表大会第一次会议通过）\n\n第二次学生代表大会第一次会议决定对《测试章程》作如下修改：\n\n一、将第一条修改为：“本会是全院学生的群众组织。”\n";
    let (_, d0) = load("old.yaml", old);
    let d = parse(decision).unwrap_or_else(|e| panic!("{e:?}"));
    let mut doc = apply(&d0, &d, None).unwrap_or_else(|e| panic!("{e:?}"));
    charter_amend::adopt(&mut doc, &d);
    let yaml = doc.to_yaml("test");
    let (_, back) = load("adopted.yaml", &yaml);
    assert_eq!(back.status, None, "{yaml}");
    assert_eq!(back.date.as_deref(), Some("2021-12-01"), "{yaml}");
    let h: Vec<&str> = back.history.iter().map(|h| h.printed.as_str()).collect();
    assert_eq!(
        h,
        [
            "2020年5月1日第一次学生代表大会通过",
            "根据2021年12月1日第二次学生代表大会第一次会议《关于修改〈测试章程〉的决定》修正"
        ],
        "{yaml}"
    );
}
