//! Which article or division a position in the file belongs to (the
//! preview places diagnostics there).

#![allow(clippy::unwrap_used)]

use charter_core::Document;
use charter_core::anchor::Anchors;

const YAML: &str = "title: 测试章程
preamble:
  - 序言的文字。
body:
  - chapter: 总则
    id: c1
    body:
      - id: a1
        heading: 宗旨
        text: 第一条的文字。
      - id: a2
        paragraphs:
          - 第二条第一款。
          - text: 第二条第二款：
            items:
              - 第二条的项。
  - chapter: 附则
    id: c2
    body:
      - id: a3
        text: 第三条的文字。
glossary:
  - name: 术语在正文之后
";

#[test]
fn positions_map_to_the_innermost_article_or_division() {
    let doc = Document::load(std::path::Path::new("x.yaml"), YAML.as_bytes().to_vec());
    let anchors = Anchors::new(doc.charter.as_ref().unwrap());
    let at = |needle: &str| anchors.at(YAML.find(needle).unwrap()).map(str::to_string);
    assert_eq!(at("测试章程"), None, "the title is before the body");
    assert_eq!(at("序言的文字"), None, "the preamble belongs to no article");
    assert_eq!(at("总则"), Some("c1".into()), "a chapter's title is the chapter's");
    assert_eq!(at("宗旨"), Some("a1".into()));
    assert_eq!(at("第一条的文字"), Some("a1".into()));
    assert_eq!(at("第二条第一款"), Some("a2".into()));
    assert_eq!(at("第二条的项"), Some("a2".into()), "an item is its article's");
    assert_eq!(at("附则"), Some("c2".into()));
    assert_eq!(at("第三条的文字"), Some("a3".into()));
    assert_eq!(at("术语在正文之后"), None, "what follows the body belongs to no article");
}
