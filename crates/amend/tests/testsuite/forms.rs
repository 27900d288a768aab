//! The wording of real amending decisions (全国人大常委会关于修改《…》的决定
//! and 修正案), each form on a small charter: read, applied, and the text
//! it gives checked whole.

use charter_amend::parse::parse;
use charter_amend::{FailKind, apply};

use crate::roundtrip::load;

/// Six articles in two chapters; 第二条 has three 款, its second with
/// three 项; 第四条 two 款.
const OLD: &str = "title: 测试章程\nbody:\n  - chapter: 总则\n    id: ch-1\n    body:\n      - id: a1\n        text: 本会是全院学生的群众组织。\n      - id: a2\n        paragraphs:\n          - 会员大会是本会的最高权力机构。\n          - text: 会员大会行使下列职权：\n            items:\n              - 审议工作报告；\n              - 选举主席团；\n              - 修改章程。\n          - 会员大会每年召开一次。\n      - id: a3\n        text: 主席团由五人组成，任期一年。\n  - chapter: 组织\n    id: ch-2\n    body:\n      - id: a4\n        paragraphs:\n          - 秘书处处理日常事务。\n          - 秘书处设秘书长一人。\n      - id: a5\n        text: 各部门在主席团领导下工作。\n      - id: a6\n        text: 本章程自通过之日起施行。\n";

const HEAD: &str = "（2024年6月1日学生代表大会通过）\n\n学生代表大会决定对《测试章程》作如下修改：\n\n";
const TAIL: &str =
    "\n此外，对条文顺序作相应调整。\n本决定自2024年7月1日起施行。\n《测试章程》根据本决定作相应修改，重新公布。\n";

/// The printed text after applying `items` (the decision's items, 一、…).
fn printed(items: &str) -> String {
    let text = format!("{HEAD}{items}{TAIL}");
    let d = parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let (_, old) = load("old.yaml", OLD);
    let doc = apply(&old, &d, None).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    // The YAML loads back and prints the same.
    let yaml = doc.to_yaml("test");
    let (_, back) = load("applied.yaml", &yaml);
    assert_eq!(back.printed(), doc.printed(), "{yaml}");
    doc.printed()
}

/// The lines of the printed text, for comparing.
fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

fn article(p: &str, label: &str) -> String {
    let mut out = Vec::new();
    let mut on = false;
    for l in p.lines() {
        if l.starts_with('第') && l.contains('条') && !l.contains('章') {
            on = l.starts_with(label) && l[label.len()..].chars().next().is_none_or(|c| c == '【');
        } else if l.starts_with('第') && l.contains('章') {
            on = false;
        }
        if on {
            out.push(l);
        }
    }
    out.join("\n")
}

#[test]
fn an_item_restated() {
    let p = printed("一、将第二条第二款第三项修改为：“（三）修改和解释章程。”\n");
    assert_eq!(
        article(&p, "第二条"),
        "第二条\n会员大会是本会的最高权力机构。\n会员大会行使下列职权：\n  （一）审议工作报告；\n  （二）选举主席团；\n  （三）修改和解释章程。\n会员大会每年召开一次。"
    );
    // Without 将, as the NPC often writes it; 第一款 of the article.
    let p = printed("一、第二条第一款修改为：“会员大会是本会的最高权力机关。”\n");
    assert!(p.contains("会员大会是本会的最高权力机关。"), "{p}");
}

#[test]
fn paragraphs_and_words_deleted_and_replaced() {
    let p = printed(
        "一、删去第二条第三款。\n\n二、将第四条第二款中的“秘书长一人”修改为“秘书长一人、副秘书长二人”。\n\n三、删去第三条中的“，任期一年”。\n",
    );
    assert!(!p.contains("每年召开一次"), "{p}");
    assert!(p.contains("秘书处设秘书长一人、副秘书长二人。"), "{p}");
    assert!(p.contains("主席团由五人组成。"), "{p}");
}

#[test]
fn several_word_edits_in_one_item() {
    let p = printed(
        "一、将第三条中的“五人”修改为“七人”，“一年”修改为“两年”。\n\n二、在第四条第一款中的“日常事务”后增加“和会议筹备”；删去第五条中的“在主席团领导下”。\n\n三、将第一条中的“群众组织”删去。\n",
    );
    assert!(p.contains("主席团由七人组成，任期两年。"), "{p}");
    assert!(p.contains("秘书处处理日常事务和会议筹备。"), "{p}");
    assert!(p.contains("各部门工作。"), "{p}");
    assert!(p.contains("本会是全院学生的。"), "{p}");
}

#[test]
fn paragraphs_and_items_added() {
    let p = printed(
        "一、第三条增加一款，作为第二款：“主席团成员可以连选连任。”\n\n二、第二条第二款增加一项，作为第四项：“（四）决定其他重大事项。”\n\n三、第四条增加两款，分别作为第三款、第四款：“秘书长由主席团提名。\n“秘书处对主席团负责。”\n\n四、在第一条第一款后增加一款，作为第二款：“本会接受学院团委指导。”\n",
    );
    assert_eq!(article(&p, "第一条"), "第一条\n本会是全院学生的群众组织。\n本会接受学院团委指导。");
    assert!(lines(&p).contains(&"主席团成员可以连选连任。"), "{p}");
    assert!(lines(&p).contains(&"  （四）决定其他重大事项。"), "{p}");
    assert!(article(&p, "第四条").ends_with("秘书处设秘书长一人。\n秘书长由主席团提名。\n秘书处对主席团负责。"), "{p}");
}

#[test]
fn articles_added_after_an_article() {
    let p = printed(
        "一、在第三条后增加一条，作为第四条：“主席团会议由主席召集。”\n\n二、增加两条，分别作为第七条、第八条：“第七条　各部门设部长一人。\n“第八条　部长对主席团负责。”\n",
    );
    assert_eq!(article(&p, "第四条"), "第四条\n主席团会议由主席召集。");
    assert_eq!(article(&p, "第七条"), "第七条\n各部门设部长一人。");
    assert_eq!(article(&p, "第八条"), "第八条\n部长对主席团负责。");
    assert_eq!(article(&p, "第九条"), "第九条\n本章程自通过之日起施行。");
}

#[test]
fn articles_renumbered_merged_split_and_deleted() {
    // A move written as a renumbering; a merge without 作为 (the merged
    // article stands where the first stood).
    let p = printed(
        "一、将第五条改为第四条。\n\n二、将第三条、第四条合并，修改为：“主席团由五人组成，秘书处处理日常事务。”\n",
    );
    assert_eq!(article(&p, "第三条"), "第三条\n主席团由五人组成，秘书处处理日常事务。");
    assert_eq!(article(&p, "第四条"), "第四条\n各部门在主席团领导下工作。");
    assert_eq!(article(&p, "第五条"), "第五条\n本章程自通过之日起施行。");
    // A split without 将; a list of deletions.
    // (The pieces' numbers are those of the text the decision produces.)
    let p = printed(
        "一、第四条改为两条，作为第三条、第四条，修改为：“第三条　秘书处处理日常事务。\n“第四条　秘书处设秘书长一人。”\n\n二、删去第一条、第五条。\n",
    );
    assert_eq!(article(&p, "第三条"), "第三条\n秘书处处理日常事务。");
    assert_eq!(article(&p, "第四条"), "第四条\n秘书处设秘书长一人。");
    assert_eq!(article(&p, "第五条"), "第五条\n本章程自通过之日起施行。");
    assert_eq!(article(&p, "第六条"), "");
    // A range of deletions.
    let p = printed("一、删去第三条至第五条。\n");
    assert_eq!(article(&p, "第三条"), "第三条\n本章程自通过之日起施行。");
    let p = printed("一、删去第一条至第二条、第五条。\n");
    assert_eq!(lines(&p).iter().filter(|l| l.starts_with('第') && l.ends_with('条')).count(), 3, "{p}");
}

#[test]
fn chapters_added_and_renamed() {
    let p = printed(
        "一、将第二章的章名修改为“组织机构”。\n\n二、在第二章后增加一章，作为第三章，章名为“附则”，调整后的第六条列入该章。\n",
    );
    assert!(p.contains("第二章 组织机构") && p.contains("第三章 附则\n第六条"), "{p}");
    let p = printed(
        "一、第一章的章名修改为“总纲”。\n\n二、增加一章，作为第三章：“第三章　经费\n“第七条　本会经费来源于学院拨款。\n“第八条　经费使用情况每学期公开一次。”\n",
    );
    assert!(p.contains("第一章 总纲"), "{p}");
    assert!(p.contains("第三章 经费\n第七条\n本会经费来源于学院拨款。\n第八条\n经费使用情况每学期公开一次。"), "{p}");
}

#[test]
fn the_text_named_before_its_articles() {
    // 修正案 and decisions on other texts name the text: 章程第五条,
    // 本章程第五条.
    let p =
        printed("一、将章程第五条修改为：“各部门在主席团领导下开展工作。”\n\n二、删去本章程第三条中的“，任期一年”。\n");
    assert!(p.contains("各部门在主席团领导下开展工作。") && p.contains("主席团由五人组成。"), "{p}");
}

#[test]
fn the_amendment_form() {
    // 修正案: articles 第一条、第二条… instead of items 一、二、…
    let text = "测试章程修正案\n\n（2024年6月1日学生代表大会通过）\n\n第一条　将第三条中的“五人”修改为“七人”。\n\n第二条　第六条修改为：“本章程自2024年7月1日起施行。”\n";
    let d = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(d.items.len(), 2);
    let (_, old) = load("old.yaml", OLD);
    let doc = apply(&old, &d, None).unwrap_or_else(|e| panic!("{e:?}"));
    let p = doc.printed();
    assert!(p.contains("主席团由七人组成") && p.contains("本章程自2024年7月1日起施行。"), "{p}");
}

#[test]
fn malformed_forms_are_located() {
    for (items, want) in [
        ("一、在第三条后增加一条：“主席团会议由主席召集。”\n", "作为第X条"),
        ("一、增加两条，分别作为第七条：“第七条　甲。\n“第八条　乙。”\n", "条数"),
        ("一、将第三条、第四条合并。\n", "合并"),
        ("一、删去第三条至。\n", "删去"),
    ] {
        let text = format!("{HEAD}{items}{TAIL}");
        let errs = parse(&text).expect_err(items);
        let e = &errs[0];
        assert!(e.message.contains(want) || e.hint.as_deref().is_some_and(|h| h.contains(want)), "{items}: {e:?}");
        assert!(e.range.start >= HEAD.len() && e.range.start <= HEAD.len() + items.len(), "{items}: {e:?}");
    }
    // A target beyond the text.
    let text = format!("{HEAD}一、删去第九条。\n{TAIL}");
    let d = parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let (_, old) = load("old.yaml", OLD);
    let f = apply(&old, &d, None).expect_err("no 第九条");
    assert_eq!(f[0].kind, FailKind::NoTarget);
}

#[test]
fn joined_and_consequential_clauses_and_the_title() {
    let p = printed(
        "一、将第三条中的“五人”修改为“七人”，并删去“，任期一年”。\n\n相应地将第四条第二款中的“一人”修改为“二人”。\n\n二、将第二条改为第二条，并将第三款修改为：“会员大会每学年召开一次。”\n\n三、将本章程的名称修改为“测试学生会章程”。\n",
    );
    assert!(p.starts_with("测试学生会章程\n"), "{p}");
    assert!(p.contains("主席团由七人组成。") && p.contains("秘书处设秘书长二人。"), "{p}");
    assert!(p.contains("会员大会每学年召开一次。"), "{p}");
}

/// Every prefix and every one-character deletion of decisions in the forms
/// above: read and applied without a panic, every failure inside the text.
#[test]
fn damaged_forms_never_panic() {
    let (_, old) = load("old.yaml", OLD);
    let items = [
        "一、在第三条后增加一条，作为第四条：“主席团会议由主席召集。”\n\n二、增加两条，分别作为第七条、第八条：“第七条　各部门设部长一人。\n“第八条　部长对主席团负责。”\n",
        "一、将第三条、第四条合并，修改为：“主席团由五人组成。”\n\n二、删去第一条至第二条、第五条。\n\n三、将第五条改为第四条。\n",
        "一、增加一章，作为第三章：“第三章　经费\n“第七条　本会经费来源于学院拨款。”\n\n二、在第二章后增加一章，作为第三章，章名为“附则”，调整后的第六条列入该章。\n",
        "一、将章程第三条中的“五人”修改为“七人”，并删去“，任期一年”；相应地将第四条第二款中的“一人”删去。\n",
    ];
    let mut texts: Vec<String> = items.iter().map(|i| format!("{HEAD}{i}{TAIL}")).collect();
    texts.push("测试章程修正案\n\n第一条　将第三条中的“五人”修改为“七人”。\n\n第二条　第六条修改为：“本章程自2024年7月1日起施行。”\n".to_string());
    let mut tried = 0;
    for text in &texts {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut variants: Vec<String> = bounds.iter().map(|b| text[..*b].to_string()).collect();
        for w in bounds.windows(2) {
            variants.push(format!("{}{}", &text[..w[0]], &text[w[1]..]));
        }
        for v in variants {
            tried += 1;
            match parse(&v) {
                Ok(d) => {
                    if let Err(fails) = apply(&old, &d, None) {
                        assert!(!fails.is_empty());
                    }
                }
                Err(errs) => {
                    assert!(errs.iter().all(|e| e.range.end <= v.len()), "{v}: {errs:?}");
                }
            }
        }
    }
    assert!(tried > 1000, "{tried}");
}

#[test]
fn several_quotations_and_insertions_before() {
    let p = printed(
        "一、将第三条中的“五人”、“一年”分别修改为“七人”、“两年”。\n\n二、将第四条第一款中的“处理”、“日常”修改为“办理”。\n\n三、在第五条中的“领导下”前增加“统一”；在第一条中的“群众组织”之前增加“自治”。\n",
    );
    assert!(p.contains("主席团由七人组成，任期两年。"), "{p}");
    assert!(p.contains("秘书处办理办理事务。"), "{p}");
    assert!(p.contains("各部门在主席团统一领导下工作。") && p.contains("全院学生的自治群众组织"), "{p}");
    let text = format!("{HEAD}一、将第三条中的“五人”、“一年”分别修改为“七人”。\n{TAIL}");
    let e = parse(&text).expect_err("two quotations, one replacement");
    assert!(e[0].message.contains("一一对应"), "{e:?}");
}

#[test]
fn several_paragraphs_and_items_deleted_and_inserted_numbers_refused() {
    let p = printed("一、删去第二条第二款第一项、第三项。\n\n二、删去第二条第一款和第三款。\n");
    assert_eq!(article(&p, "第二条"), "第二条\n会员大会行使下列职权：\n  （一）选举主席团；");
    let text = format!("{HEAD}一、增加一条，作为第三条之一：“主席团会议由主席召集。”\n{TAIL}");
    let e = parse(&text).expect_err("第三条之一");
    assert!(e[0].message.contains("第X条之一"), "{e:?}");
    assert_eq!(&text[e[0].range.clone()], "第三条之一", "{e:?}");
}
