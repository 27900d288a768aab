//! The congress packet as .docx: its parts as Heading 1, the contents as a
//! TOC field, the 修改对照表 as a Word table with its marks, the sections
//! and their page numbers; byte-identical on rebuild; LibreOffice lays it
//! out where installed.

use charter_core::Document;
use charter_diff::Draft;
use charter_docx::{Formal, Options, Packet};

use crate::docx::{convert, load, part, soffice, unzip, well_formed};

/// The packet of two drafts, with a decision of two paragraphs.
fn packet_of(old: &Document, new: &Document) -> (Vec<u8>, charter_diff::table::Table) {
    let (oc, nc) = (old.charter.as_ref().expect("old"), new.charter.as_ref().expect("new"));
    let d = charter_diff::diff(
        &Draft { name: "old".into(), charter: oc, numbering: &old.numbering },
        &Draft { name: "new".into(), charter: nc, numbering: &new.numbering },
    );
    let statement = charter_diff::statement::statement(&d, &|_| None);
    let table = charter_diff::table::table(&d);
    let heading = format!("关于修改《{}》的决定", d.new.title);
    let paragraphs = vec!["学生代表大会决定对本章程作如下修改：".to_string(), "一、将第一条修改为：……".to_string()];
    let p = Packet {
        title: &d.new.title,
        meeting: "学生代表大会",
        date_text: Some("2021年12月1日"),
        decision: Formal { title: &heading, subtitle: None, paragraphs: &paragraphs, date: Some("2021-12-01") },
        statement: &statement,
        table: &table,
        charter: nc,
        numbering: &new.numbering,
    };
    (charter_docx::packet(&p, &Options::default()).expect("package"), table)
}

fn example() -> (Document, Document) {
    (load("charter/charter.yaml"), load("charter/drafts/revised.yaml"))
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn the_packet_is_byte_identical_on_rebuild_and_well_formed() {
    let (old, new) = example();
    let (a, _) = packet_of(&old, &new);
    let (b, _) = packet_of(&old, &new);
    assert!(a == b, "two builds differ");
    for (name, data) in unzip(&a) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed(std::str::from_utf8(&data).expect("utf-8"), &name);
        }
    }
}

#[test]
fn parts_are_heading_1_and_the_contents_a_toc_field() {
    let (old, new) = example();
    let (bytes, table) = packet_of(&old, &new);
    let doc = part(&bytes, "word/document.xml");
    // Four parts, each one Heading 1; the new text's chapters Heading 2.
    assert_eq!(count(&doc, "<w:pStyle w:val=\"Heading1\"/>"), 4, "parts");
    let chapters = new.charter.as_ref().map_or(0, |c| c.divisions().len());
    assert!(chapters > 0);
    assert!(count(&doc, "<w:pStyle w:val=\"Heading2\"/>") >= 1, "chapters");
    // The TOC field, dirty (Word updates it), over levels 1–2; its cached
    // entries link to the headings' bookmarks, one per heading.
    assert_eq!(count(&doc, " TOC \\o \"1-2\" \\h \\z \\u "), 1, "TOC field");
    assert!(doc.contains("w:fldCharType=\"begin\" w:dirty=\"true\""));
    let headings = count(&doc, "<w:pStyle w:val=\"Heading1\"/>") + count(&doc, "<w:pStyle w:val=\"Heading2\"/>");
    assert_eq!(count(&doc, "<w:hyperlink w:anchor=\"_Toc"), headings);
    assert_eq!(count(&doc, "<w:bookmarkStart "), headings);
    // The parts in the PDF's order, the decision's title broken before 《.
    let titles: Vec<String> = doc
        .split("<w:pStyle w:val=\"Heading1\"/>")
        .skip(1)
        .map(|p| {
            let p = &p[..p.find("</w:p>").unwrap_or(0)];
            p.split("<w:t xml:space=\"preserve\">").skip(1).map(|t| &t[..t.find("</w:t>").unwrap_or(0)]).collect()
        })
        .collect();
    let t = table.title.clone();
    assert_eq!(
        titles,
        [format!("关于修改《{t}》的决定"), format!("关于《{t}》修改的说明"), format!("《{t}》修改对照表"), t.clone()]
    );
    assert!(doc.contains("关于修改</w:t><w:br/><w:t xml:space=\"preserve\">《"), "title broken before 《");
    // Styles: Heading 1 is a part's title, the TOC levels are Word's own.
    let styles = part(&bytes, "word/styles.xml");
    for id in ["Heading1", "Heading2", "TOC1", "TOC2", "TableText", "Inserted", "Deleted", "Placeholder"] {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "style {id}");
    }
    assert!(styles.contains("<w:name w:val=\"toc 1\"/>"));
}

#[test]
fn sections_give_one_page_number_sequence_from_the_decision() {
    let (old, new) = example();
    let (bytes, _) = packet_of(&old, &new);
    let doc = part(&bytes, "word/document.xml");
    let sects: Vec<&str> = doc.split("<w:sectPr>").skip(1).map(|s| &s[..s.find("</w:sectPr>").unwrap_or(0)]).collect();
    // cover + contents | decision | statement | table | new text
    assert_eq!(sects.len(), 5, "{sects:#?}");
    assert!(!sects[0].contains("footerReference"), "the cover has no page number");
    assert!(sects[1..].iter().all(|s| s.contains("rIdFooterOdd") && s.contains("rIdFooterEven")));
    assert!(sects[1].contains("<w:pgNumType w:start=\"1\"/>"), "numbers start at the decision");
    assert_eq!(doc.matches("<w:pgNumType").count(), 1, "one sequence");
    assert!(sects[3].contains("w:orient=\"landscape\""), "the table is landscape");
    assert_eq!(doc.matches("w:orient=\"landscape\"").count(), 1);
    let footer = part(&bytes, "word/footer1.xml");
    assert!(footer.contains("— ") && footer.contains(" PAGE "));
}

#[test]
fn the_comparison_table_is_a_word_table_with_the_changes_marked() {
    let (old, new) = example();
    let (bytes, table) = packet_of(&old, &new);
    let doc = part(&bytes, "word/document.xml");
    assert_eq!(count(&doc, "<w:tbl>"), 1);
    let tbl = &doc[doc.find("<w:tbl>").unwrap_or(0)..doc.find("</w:tbl>").unwrap_or(0)];
    // A header row repeated on each page, then one row per change.
    assert_eq!(count(tbl, "<w:tr>"), table.rows.len() + 1);
    assert_eq!(count(tbl, "<w:tblHeader/>"), 1);
    for h in ["序号", "修改前条文", "修改后条文", "说明"] {
        assert!(tbl.contains(&format!(">{h}<")), "header {h}");
    }
    assert_eq!(count(tbl, "<w:gridCol "), 4);
    // Every inserted and deleted span of the table data is marked.
    let spans = |op: charter_diff::SegOp| {
        table
            .rows
            .iter()
            .flat_map(|r| r.old.iter().chain(&r.new))
            .flat_map(|p| &p.paras)
            .flat_map(|q| &q.spans)
            .filter(move |s| s.op == op)
            .count()
    };
    let (ins, del) = (spans(charter_diff::SegOp::Insert), spans(charter_diff::SegOp::Delete));
    assert!(ins > 0 && del > 0, "the example has insertions and deletions");
    let marked = count(tbl, "<w:rStyle w:val=\"Inserted\"/>") + count(tbl, "<w:rStyle w:val=\"InsertedHeading\"/>");
    assert!(marked > 0 && marked <= ins, "{marked} inserted runs for {ins} spans");
    let struck = count(tbl, "<w:rStyle w:val=\"Deleted\"/>");
    assert!(struck > 0 && struck <= del, "{struck} deleted runs for {del} spans");
    // Marks, not tracked revisions: the packet has nothing to accept.
    assert!(!doc.contains("<w:ins ") && !doc.contains("<w:del "));
    // The text of every cell is there: the first changed article's new text.
    let first_new = table.rows.iter().flat_map(|r| &r.new).flat_map(|p| &p.paras).flat_map(|q| &q.spans).next();
    if let Some(s) = first_new {
        let plain: String = s.text.chars().take(6).collect();
        assert!(tbl.contains(&plain), "{plain}");
    }
}

#[test]
fn libreoffice_lays_out_the_packet() {
    let Some(bin) = soffice() else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            concat!("skipped: LibreOffice (soffice) is not installed", "\n").as_bytes(),
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("charter-docx-packet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (old, new) = example();
    let file = dir.join("packet.docx");
    std::fs::write(&file, packet_of(&old, &new).0).expect("write");
    convert(bin, &dir, "pdf", &file);
    let pdf =
        std::fs::read(file.with_extension("pdf")).expect("LibreOffice wrote no PDF (it could not load the .docx)");
    assert!(pdf.starts_with(b"%PDF") && pdf.len() > 50_000, "empty PDF");
    // Laid out to many pages: cover, contents, four parts.
    let pages = pdf.windows(10).filter(|w| w == b"/Type/Page" || w == b"/Type /Pag").count();
    assert!(pages >= 10, "{pages} pages");
    let _ = std::fs::remove_dir_all(&dir);
}
