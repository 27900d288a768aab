//! The closing signature (落款) after the last article becomes the
//! charter's `issuer` and `date`, never text of the last article.

use std::path::Path;

use charter_core::Document;
use charter_import::{IBlock, INode, Imported, InputFormat, Options, import_bytes};

use crate::support::stored_zip;

fn import(name: &str, bytes: &[u8]) -> charter_import::Import {
    import_bytes(Path::new(name), bytes, Options::default()).expect("imports")
}

fn last_paragraphs(c: &Imported) -> Vec<String> {
    fn last(nodes: &[INode]) -> Option<&[IBlock]> {
        match nodes.last()? {
            INode::Article(a) => Some(&a.paragraphs),
            INode::Division(d) => last(&d.body),
        }
    }
    last(&c.body).unwrap_or_default().iter().map(|p| p.text.clone()).collect()
}

const ARTICLES: &str = "某某协会章程\n\n第一条　本会名称为某某协会。\n\n第二条　本章程由理事会负责解释。\n";

/// The import's YAML loads back with the signature as metadata.
fn loads_back(yaml: &str, issuer: Option<&str>, date: &str) {
    let doc = Document::load(Path::new("back.yaml"), yaml.as_bytes().to_vec());
    let errors: Vec<&str> = doc.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{yaml}");
    let meta = &doc.charter.as_ref().expect("a charter").meta;
    assert_eq!(meta.issuer.as_deref(), issuer, "{yaml}");
    assert_eq!(meta.date.as_deref(), Some(date), "{yaml}");
}

#[test]
fn a_right_aligned_signature_in_text_is_metadata() {
    for (signature, issuer, date) in [
        // Body above the date, right-aligned with spaces, 〇 in the year.
        (
            "\n\n                              某某协会理事会\n                          二〇二一年十一月二十四日\n",
            "某某协会理事会",
            "2021-11-24",
        ),
        // 零 for zero, and ideographic spaces.
        ("\n　　　　　　　　某某协会\n　　　　　　二零二一年十一月四日\n", "某某协会", "2021-11-04"),
        // Date first, then the body; Arabic digits.
        ("\n2021年11月24日\n某某协会\n", "某某协会", "2021-11-24"),
        // Two issuing bodies; a page number after them.
        ("\n某某协会\n某某大学团委\n2021-11-24\n\n- 3 -\n", "某某协会\n某某大学团委", "2021-11-24"),
    ] {
        let text = format!("{ARTICLES}{signature}");
        let imp = import("sig.txt", text.as_bytes());
        let c = imp.charter.as_ref().expect("a charter");
        assert_eq!(last_paragraphs(c), ["本章程由理事会负责解释。"], "{signature:?}");
        assert_eq!((c.issuer.as_deref(), c.date.as_deref()), (Some(issuer), Some(date)), "{signature:?}");
        let notes: Vec<&str> = imp.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(notes.contains(&"I018"), "the import says what it did: {notes:?}");
        loads_back(imp.yaml.as_deref().expect("yaml"), Some(issuer), date);
    }
}

#[test]
fn a_date_alone_at_the_end_is_the_date() {
    let imp = import("sig.txt", format!("{ARTICLES}\n2021年11月24日\n").as_bytes());
    let c = imp.charter.as_ref().expect("a charter");
    assert_eq!(last_paragraphs(c), ["本章程由理事会负责解释。"]);
    assert_eq!((c.issuer.as_deref(), c.date.as_deref()), (None, Some("2021-11-24")));
}

#[test]
fn text_that_is_not_a_signature_stays_in_the_article() {
    for (tail, kept) in [
        // A short closing paragraph without a date.
        ("本会地址设在某某市\n", "本会地址设在某某市"),
        // A date inside a sentence.
        ("本章程自2021年11月24日起施行。\n", "本章程自2021年11月24日起施行。"),
        // A body line and a date, with more text after them.
        ("某某协会\n2021年11月24日\n本章程由理事会负责解释和修改，未尽事宜另行规定。\n", "某某协会"),
    ] {
        let imp = import("tail.txt", format!("{ARTICLES}{tail}").as_bytes());
        let c = imp.charter.as_ref().expect("a charter");
        assert!(last_paragraphs(c).iter().any(|p| p.contains(kept)), "{tail:?}: {:?}", last_paragraphs(c));
        assert_eq!(c.issuer, None, "{tail:?}");
        assert!(!imp.diagnostics.iter().any(|d| d.code.as_str() == "I018"), "{tail:?}");
    }
}

/// A Word file: right-aligned paragraphs (w:jc right) after the last article.
#[test]
fn a_right_aligned_signature_in_word_is_metadata() {
    let para = |text: &str, right: bool| {
        let jc = if right { r#"<w:pPr><w:jc w:val="right"/></w:pPr>"# } else { "" };
        format!("<w:p>{jc}<w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    let mut doc = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w"><w:body>"#);
    for (t, right) in [
        ("某某协会章程", false),
        ("第一条　本会名称为某某协会。", false),
        ("第二条　本章程由理事会负责解释。", false),
        ("", false),
        ("某某协会理事会", true),
        ("二〇二一年十一月二十四日", true),
    ] {
        doc.push_str(&para(t, right));
    }
    doc.push_str("</w:body></w:document>");
    let bytes = stored_zip(&[("word/document.xml", doc.as_bytes())]);
    let imp = import("sig.docx", &bytes);
    assert_eq!(imp.format, InputFormat::Docx);
    let c = imp.charter.as_ref().expect("a charter");
    assert_eq!(last_paragraphs(c), ["本章程由理事会负责解释。"]);
    assert_eq!((c.issuer.as_deref(), c.date.as_deref()), (Some("某某协会理事会"), Some("2021-11-24")));
    let yaml = imp.yaml.as_deref().expect("yaml");
    assert!(yaml.contains("issuer: 某某协会理事会  # 取自原文的落款"), "{yaml}");
    loads_back(yaml, Some("某某协会理事会"), "2021-11-24");
}
