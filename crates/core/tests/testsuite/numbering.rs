//! Numbering and citation rendering on a charter that uses every level.

use charter_core::export::{ExInline, ExNode, export};

const YAML: &str = r#"
title: 测试章程
body:
  - part: 总则
    id: p1
    body:
      - chapter: 一般规定
        id: c1
        body:
          - id: a1
            text: 第一条。
          - id: a2
            paragraphs:
              - 第一款。
              - id: a2-p2
                text: 第二款：
                items:
                  - 第一项；
                  - id: a2-p2-i2
                    text: 第二项：
                    items:
                      - 第一目；
                      - id: a2-sub2
                        text: 第二目。
          - id: a2-1
            inserted: true
            text: 插入的条，见[[a2-p2]]和[[a2-p2-i2]]。
          - id: a3
            text: 本会的任务：
            items:
              - 甲；
              - id: a3-i2
                text: 乙，见[[a3-i2]]。
  - part: 分则
    id: p2
    body:
      - chapter: 机构
        id: c2
        body:
          - section: 主席团
            id: s1
            body:
              - id: a4
                text: |
                  依照[[a1]]，见[[a1, a3, a4]]、[[a1..a3]]、[[a2-p2-i2]]、[[a2-sub2]]。
              - id: a5
                repealed: true
          - section: 部门
            id: s2
            body:
              - id: a6
                text: 见[[c2]]、[[s2]]、[[p2]]、[[a2-p2..a2-p2-i2]]、[[a3-i2]]。
"#;

fn refs(doc: &charter_core::Document, article: &str) -> Vec<String> {
    let ex = export(doc.charter.as_ref().unwrap_or_else(|| panic!("no charter")), &doc.numbering);
    fn find<'a>(nodes: &'a [ExNode], id: &str) -> Option<&'a charter_core::export::ExArticle> {
        nodes.iter().find_map(|n| match n {
            ExNode::Article(a) if a.id == id => Some(a),
            ExNode::Part(d) | ExNode::Subpart(d) | ExNode::Chapter(d) | ExNode::Section(d) => find(&d.children, id),
            _ => None,
        })
    }
    let a = find(&ex.body, article).unwrap_or_else(|| panic!("no {article}"));
    let mut out = Vec::new();
    for p in &a.paragraphs {
        let mut all = vec![&p.text];
        all.extend(p.items.iter().map(|i| &i.text));
        for t in all {
            for i in &t.inlines {
                if let ExInline::Ref { text, .. } = i {
                    out.push(text.clone());
                }
            }
        }
    }
    out
}

#[test]
fn numbers_and_citations() {
    let doc = charter_core::Document::load(std::path::Path::new("t.yaml"), YAML.as_bytes().to_vec());
    let errors: Vec<_> = doc.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let n = &doc.numbering;
    let label = |id: &str| n.article(id).map(|a| a.label()).unwrap_or_default();
    assert_eq!(label("a1"), "第一条");
    assert_eq!(label("a2-1"), "第二条之一");
    assert_eq!(label("a3"), "第三条");
    assert_eq!(label("a6"), "第六条");
    assert_eq!(n.counts.repealed, 1);
    assert_eq!(n.counts.parts, 2);
    assert_eq!(n.counts.chapters, 2);

    assert_eq!(refs(&doc, "a2-1"), ["第二条第二款", "第二条第二款第二项"]);
    // An item cited from its own one-paragraph article.
    assert_eq!(refs(&doc, "a3"), ["本条第二项"]);
    assert_eq!(
        refs(&doc, "a4"),
        ["第一条", "第一条、第三条和本条", "第一条至第三条", "第二条第二款第二项", "第二条第二款第二项第二目"]
    );
    // Chapters restart in every 编: the second 编's chapter is 第一章.
    assert_eq!(
        refs(&doc, "a6"),
        ["第二编第一章", "第二编第一章第二节", "第二编", "第二条第二款至第二项", "第三条第二项"]
    );
}

#[test]
fn outline_lists_every_level() {
    let doc = charter_core::Document::load(std::path::Path::new("t.yaml"), YAML.as_bytes().to_vec());
    let c = doc.charter.as_ref().unwrap_or_else(|| panic!("no charter"));
    let o = charter_core::outline::outline(c, &doc.numbering);
    assert!(o.contains("第一编 总则\n  第一章 一般规定\n    第一条\n    第二条\n    第二条之一\n    第三条\n"), "{o}");
    assert!(o.contains("第二编 分则\n  第一章 机构\n    第一节 主席团\n      第四条\n      第五条 （删去）"), "{o}");
    assert!(o.contains("共 2 编，2 章，2 节，7 条（其中 1 条已删去）"), "{o}");
}
