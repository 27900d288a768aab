//! The one walker of the model: document order, context, skipping.

use charter_core::model::{Article, Block, Division};
use charter_core::walk::{self, BlockAt, Flow, Visitor};

const YAML: &str = r#"
title: 测试章程
preamble:
  - text: 序言：
    items:
      - 序言的项。
body:
  - part: 总则
    id: p1
    body:
      - chapter: 一般规定
        id: c1
        body:
          - id: a1
            heading: 宗旨
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
                      - 第二目。
  - part: 分则
    id: p2
    body:
      - chapter: 机构
        id: c2
        body:
          - id: a3
            repealed: true
      - id: a4
        text: 最后一条。
"#;

/// Every visit as one line: kind, id or text, and context.
#[derive(Default)]
struct Trace {
    lines: Vec<String>,
    skip: Option<&'static str>,
}

impl<'a> Visitor<'a> for Trace {
    fn division(&mut self, d: &'a Division, parents: &[&'a Division]) -> Flow {
        self.lines.push(format!("division {} depth {}", d.id, parents.len()));
        if self.skip == Some(d.id.as_str()) { Flow::Skip } else { Flow::Descend }
    }

    fn leave_division(&mut self, d: &'a Division, parents: &[&'a Division]) {
        self.lines.push(format!("leave {} depth {}", d.id, parents.len()));
    }

    fn article(&mut self, a: &'a Article, parents: &[&'a Division]) {
        let around: Vec<&str> = parents.iter().map(|d| d.id.as_str()).collect();
        self.lines.push(format!("article {} in {}", a.id, around.join("/")));
    }

    fn block(&mut self, b: &'a Block, at: BlockAt<'a>) {
        let article = at.article.map_or("-", |a| a.id.as_str());
        self.lines.push(format!(
            "{:?} {} of {article} {}/{} {:?} {}",
            at.level,
            b.text.raw.trim(),
            at.index,
            at.siblings,
            at.path,
            b.id.as_deref().unwrap_or("")
        ));
    }
}

fn charter() -> charter_core::Charter {
    let doc = charter_core::Document::load(std::path::Path::new("t.yaml"), YAML.as_bytes().to_vec());
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    doc.charter.unwrap_or_else(|| panic!("no charter"))
}

#[test]
fn visits_in_document_order_with_context() {
    let c = charter();
    let mut t = Trace::default();
    walk::walk(&c, &mut t);
    let expected = [
        "Paragraph 序言： of - 0/1 [1, 0, 0] ",
        "Item 序言的项。 of - 0/1 [1, 1, 0] ",
        "division p1 depth 0",
        "division c1 depth 1",
        "article a1 in p1/c1",
        "Paragraph 第一条。 of a1 0/1 [1, 0, 0] ",
        "article a2 in p1/c1",
        "Paragraph 第一款。 of a2 0/2 [1, 0, 0] ",
        "Paragraph 第二款： of a2 1/2 [2, 0, 0] a2-p2",
        "Item 第一项； of a2 0/2 [2, 1, 0] ",
        "Item 第二项： of a2 1/2 [2, 2, 0] a2-p2-i2",
        "SubItem 第一目； of a2 0/2 [2, 2, 1] ",
        "SubItem 第二目。 of a2 1/2 [2, 2, 2] ",
        "leave c1 depth 1",
        "leave p1 depth 0",
        "division p2 depth 0",
        "division c2 depth 1",
        "article a3 in p2/c2",
        "leave c2 depth 1",
        "article a4 in p2",
        "Paragraph 最后一条。 of a4 0/1 [1, 0, 0] ",
        "leave p2 depth 0",
    ];
    assert_eq!(t.lines, expected);
}

#[test]
fn skip_passes_over_a_division() {
    let c = charter();
    let mut t = Trace { skip: Some("p1"), ..Trace::default() };
    walk::walk_nodes(&c.body, &mut t);
    assert_eq!(t.lines[0], "division p1 depth 0");
    assert_eq!(t.lines[1], "division p2 depth 0");
    assert!(!t.lines.iter().any(|l| l.contains("a1") || l.contains("leave p1")));
}

#[test]
fn charter_helpers_follow_the_walk() {
    let c = charter();
    let ids: Vec<&str> = c.articles().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a1", "a2", "a3", "a4"]);
    let ids: Vec<&str> = c.divisions().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["p1", "c1", "p2", "c2"]);
    let texts: Vec<(&str, &str)> =
        c.texts().iter().map(|(a, t)| (a.map_or("-", |a| a.id.as_str()), t.raw.trim())).collect();
    assert_eq!(texts[..3], [("-", "序言："), ("-", "序言的项。"), ("a1", "宗旨")]);
    assert_eq!(texts.len(), 11);
    let mut n = 0;
    walk::for_each_block(None, &c.articles()[1].paragraphs, |_, _| n += 1);
    assert_eq!(n, 6);
}
