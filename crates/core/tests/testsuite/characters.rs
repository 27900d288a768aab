//! Characters copied in from Word or the web (Y041 invisible, Y042 Kangxi
//! radicals, Y043 a full-width space at a line's start): each kind is
//! reported once, at its first occurrence, in file order.

use std::path::Path;

use charter_core::Document;

fn found(yaml: &str) -> Vec<(String, String)> {
    let doc = Document::load(Path::new("c.yaml"), yaml.as_bytes().to_vec());
    doc.diagnostics
        .iter()
        .filter(|d| matches!(d.code.as_str(), "Y041" | "Y042" | "Y043"))
        .map(|d| {
            let s = d.span().expect("located");
            (d.code.as_str().to_string(), yaml[s.start..s.end].to_string())
        })
        .collect()
}

#[test]
fn first_of_each_kind_in_file_order() {
    // A full-width space inside a line is not an indent; the one after the
    // line break and two spaces is. Quotes, dashes and full-width commas
    // share the lead bytes of the characters looked for and are not found.
    let yaml = "title: 示例“章程”——\u{3000}草案\nbody:\n  - id: a\n    text: |\n  \u{3000}\u{3000}本会\u{2F00}\u{2F08}名称，为\u{200B}示例\u{00A0}会\u{FEFF}。\n";
    let got = found(yaml);
    let codes: Vec<(&str, &str)> = got.iter().map(|(c, s)| (c.as_str(), s.as_str())).collect();
    assert_eq!(codes, [("Y043", "\u{3000}"), ("Y042", "\u{2F00}"), ("Y041", "\u{200B}")]);
}

#[test]
fn each_invisible_character_is_found_alone() {
    for c in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00A0}', '\u{00AD}'] {
        let yaml = format!("title: “示例”，章程{c}\nbody:\n  - id: a\n    text: 本会。\n");
        assert_eq!(found(&yaml), [("Y041".to_string(), c.to_string())], "U+{:04X}", c as u32);
    }
    for c in ['\u{2E80}', '\u{2EFF}', '\u{2FA7}', '\u{2FDF}'] {
        let yaml = format!("title: 示例章程{c}\nbody:\n  - id: a\n    text: 本会。\n");
        assert_eq!(found(&yaml), [("Y042".to_string(), c.to_string())], "U+{:04X}", c as u32);
    }
    let clean = "title: 示例章程\nbody:\n  - id: a\n    text: “本会”——《章程》，…；（一）、。\n";
    assert!(found(clean).is_empty());
}
