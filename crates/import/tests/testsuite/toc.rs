//! Tables of contents: the one Word generates (a TOC field, with or
//! without a 目录 line above it, or a content control marked as one) and
//! typed ones with page numbers after a tab or a leader. The structure comes
//! from the body; the entries are compared with it without their page
//! numbers.

use std::path::Path;

use charter_import::{Options, import_bytes};

use crate::support::stored_zip;

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A TOC entry as Word writes it: a hyperlink to the heading's bookmark,
/// the title, a tab and a PAGEREF field whose result is the page number.
fn entry(title: &str, page: u32, begin_toc: bool, end_toc: bool) -> String {
    let fld = |t: &str| format!("<w:r><w:fldChar w:fldCharType=\"{t}\"/></w:r>");
    let mut p = String::from("<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr>");
    if begin_toc {
        p += &fld("begin");
        p += "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r>";
        p += &fld("separate");
    }
    p += &format!(
        "<w:hyperlink w:anchor=\"_Toc{page}\"><w:r><w:t>{title}</w:t></w:r><w:r><w:tab/></w:r>{}<w:r><w:instrText xml:space=\"preserve\"> PAGEREF _Toc{page} \\h </w:instrText></w:r>{}<w:r><w:t>{page}</w:t></w:r>{}</w:hyperlink>",
        fld("begin"),
        fld("separate"),
        fld("end")
    );
    if end_toc {
        p += &fld("end");
    }
    p + "</w:p>"
}

fn body() -> String {
    [
        para("第一章　总则"),
        para("第一条　本会名称为示例大学学生会。"),
        para("第二条　本会依照第三条的规定开展工作。"),
        para("第二章　会员"),
        para("第三条　本校学生均为会员。"),
        para("第三章　附则"),
        para("第四条　本章程自通过之日起施行。"),
    ]
    .concat()
}

fn import_doc(inner: &str) -> charter_import::Import {
    let doc = format!("<w:document xmlns:w=\"w\"><w:body>{inner}</w:body></w:document>");
    let bytes = stored_zip(&[("word/document.xml", doc.as_bytes())]);
    import_bytes(Path::new("toc.docx"), &bytes, Options::default()).expect("import")
}

fn chapters(imp: &charter_import::Import) -> Vec<String> {
    let yaml = imp.yaml.as_deref().expect("a charter");
    yaml.lines().filter_map(|l| l.trim().strip_prefix("- chapter: ").map(str::to_string)).collect()
}

fn codes(imp: &charter_import::Import) -> Vec<&str> {
    imp.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn toc(titles: &[&str]) -> String {
    let n = titles.len();
    titles.iter().enumerate().map(|(i, t)| entry(t, i as u32 + 1, i == 0, i + 1 == n)).collect()
}

#[test]
fn a_word_toc_field_without_a_title_line_is_not_taken_for_chapters() {
    let imp =
        import_doc(&(para("示例大学学生会章程") + &toc(&["第一章　总则", "第二章　会员", "第三章　附则"]) + &body()));
    assert_eq!(chapters(&imp), ["总则", "会员", "附则"], "{:?}", imp.yaml);
    let yaml = imp.yaml.as_deref().expect("a charter");
    assert!(yaml.contains("title: 示例大学学生会章程"), "{yaml}");
    // Skipped with a note, no mismatch reported, no numbering complaint.
    assert_eq!(codes(&imp), ["I011"], "{:?}", imp.diagnostics);
}

#[test]
fn a_word_toc_field_under_a_title_line_is_compared_without_page_numbers() {
    let imp = import_doc(
        &(para("示例大学学生会章程")
            + &para("目　录")
            + &toc(&["第一章　总则", "第二章　会员", "第三章　附则"])
            + &body()),
    );
    assert_eq!(chapters(&imp), ["总则", "会员", "附则"]);
    assert_eq!(codes(&imp), ["I011"], "{:?}", imp.diagnostics);
}

#[test]
fn a_stale_word_toc_is_reported() {
    // The body renamed 会员 to 成员 after the TOC was last updated.
    let imp =
        import_doc(&(para("示例大学学生会章程") + &toc(&["第一章　总则", "第二章　成员", "第三章　附则"]) + &body()));
    assert_eq!(chapters(&imp), ["总则", "会员", "附则"]);
    let stale = imp.diagnostics.iter().find(|d| d.code.as_str() == "I015").expect("I015");
    assert!(stale.message.contains("成员") && stale.message.contains("会员"), "{}", stale.message);
    // The page number is not part of what is quoted.
    assert!(!stale.message.contains("成员\t") && !stale.message.contains("成员2"), "{}", stale.message);
}

#[test]
fn a_toc_content_control_holds_its_own_title() {
    let sdt = format!(
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{}{}</w:sdtContent></w:sdt>",
        para("目录"),
        toc(&["第一章　总则", "第二章　会员", "第三章　附则"])
    );
    let imp = import_doc(&(para("示例大学学生会章程") + &sdt + &body()));
    assert_eq!(chapters(&imp), ["总则", "会员", "附则"]);
    assert_eq!(codes(&imp), ["I011"], "{:?}", imp.diagnostics);
}

#[test]
fn typed_tables_of_contents_with_page_numbers() {
    for lead in ["\t", "……", " ........ ", "　", "．．．．"] {
        let text = format!(
            "示例大学学生会章程\n目录\n第一章 总则{lead}1\n第二章 会员{lead}2\n第三章 附则{lead}3\n第一章 总则\n第一条 本会名称为示例大学学生会。\n第二章 会员\n第二条 本校学生均为会员。\n第三章 附则\n第三条 本章程自通过之日起施行。\n"
        );
        let imp = import_bytes(Path::new("toc.txt"), text.as_bytes(), Options::default()).expect("import");
        assert_eq!(chapters(&imp), ["总则", "会员", "附则"], "leader {lead:?}");
        assert_eq!(codes(&imp), ["I011"], "leader {lead:?}: {:?}", imp.diagnostics);
    }
}

#[test]
fn a_title_ending_in_a_number_is_not_a_page_number() {
    // “第二章 2021年修订” in the TOC matches the body: digits glued to the
    // title are the title's.
    let text = "示例章程\n目录\n第一章 总则 1\n第二章 2021年修订 2\n第一章 总则\n第一条 本会名称为示例会。\n第二章 2021年修订\n第二条 本章程修订。\n";
    let imp = import_bytes(Path::new("toc.txt"), text.as_bytes(), Options::default()).expect("import");
    assert_eq!(chapters(&imp), ["总则", "2021年修订"]);
    assert_eq!(codes(&imp), ["I011"], "{:?}", imp.diagnostics);
}

#[test]
fn a_toc_of_chapters_only_is_compared_with_the_chapters() {
    // The 目录 lists chapters; the body also has sections (节): no mismatch.
    let text = "示例章程\n目录\n第一章 总则……1\n第二章 组织机构……2\n第一章 总则\n第一条 本会名称为示例会。\n第二章 组织机构\n第一节 代表大会\n第二条 代表大会每年召开一次。\n第二节 委员会\n第三条 委员会执行代表大会的决议。\n";
    let imp = import_bytes(Path::new("toc.txt"), text.as_bytes(), Options::default()).expect("import");
    assert_eq!(chapters(&imp), ["总则", "组织机构"]);
    assert_eq!(codes(&imp), ["I011"], "{:?}", imp.diagnostics);
    // A chapter missing from it is still reported.
    let stale = text.replace("第二章 组织机构……2\n", "");
    let imp = import_bytes(Path::new("toc.txt"), stale.as_bytes(), Options::default()).expect("import");
    assert!(codes(&imp).contains(&"I015"), "{:?}", imp.diagnostics);
}
