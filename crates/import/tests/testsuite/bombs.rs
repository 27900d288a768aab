//! Inputs crafted to make the importer generate far more text than they
//! hold (a .docx numbering bomb) are refused quickly with a Chinese message.

use std::path::Path;

use charter_import::{Options, import_bytes};

use crate::support::numbered_docx;

/// The error text of an import that must be refused.
fn refused(bytes: &[u8]) -> String {
    match import_bytes(Path::new("bomb.docx"), bytes, Options::default()) {
        Ok(imp) => panic!("a numbering bomb was imported: {} bytes of YAML", imp.yaml.map_or(0, |y| y.len())),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_shared_reproducer_is_refused() {
    let path = Path::new("/work/shared/repro/docx-numbering-bomb.docx");
    let Ok(bytes) = std::fs::read(path) else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            (format!("skipped: {} is absent", path.display()) + "\n").as_bytes(),
        );
        return;
    };
    let msg = refused(&bytes);
    assert!(msg.contains("自动编号"), "{msg}");
}

#[test]
fn one_huge_label_is_refused() {
    // `%2` repeated: every label is 200 × 385 letters.
    let text = "%2".repeat(200);
    let mut paras = Vec::new();
    for _ in 0..20 {
        paras.push((0, "第一条的正文。"));
        paras.push((1, "项。"));
    }
    let msg = refused(&numbered_docx(&text, "upperLetter", 10_000, &paras));
    assert!(msg.contains("超过 256 字节"), "{msg}");
    assert!(msg.contains("无法导入 bomb.docx"), "{msg}");
}

#[test]
fn many_labels_under_the_cap_exceed_the_budget() {
    // Each label stays under the cap (about 250 bytes), but the labels
    // together outgrow the document: refused by the budget, not the cap.
    let text = format!("{}%2", "长".repeat(80));
    let paras: Vec<(u8, &str)> = (0..2_000).map(|_| (1, "x")).collect();
    let msg = refused(&numbered_docx(&text, "decimal", 1, &paras));
    assert!(msg.contains("超过了文档本身的大小"), "{msg}");
}

#[test]
fn long_but_real_labels_still_import() {
    // upperLetter near its maximum and multi-level labels are fine.
    let paras = [(0, "本会名称为示例会。"), (1, "甲项；"), (1, "乙项。"), (0, "本会设理事会。")];
    let bytes = numbered_docx("（%2）", "upperLetter", 500, &paras);
    let imp = import_bytes(Path::new("ok.docx"), &bytes, Options::default())
        .unwrap_or_else(|e| panic!("a real numbering was refused: {e}"));
    let text = &imp.sources.file(imp.file).text;
    assert!(text.contains("第一条 本会名称为示例会。"), "{text}");
    assert!(text.contains(&format!("（{}）", "F".repeat(20))), "{text}");
}
