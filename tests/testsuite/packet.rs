//! The congress's printed documents: `charter amend --format pdf|html` (the
//! decision after GB/T 9704) and `charter packet` (cover, contents, the
//! decision, the 修改说明, the 修改对照表 and the new text in one PDF). The
//! PDFs' text layer (`pdf-extract`) on the example pair: the title, every
//! item, the 说明's chapters, the placeholder and the example's note, the
//! parts in order under one page sequence; byte-identical runs; a
//! project's own template and module; default file names; exit codes
//! (missing glyph, unreadable draft, bad date) with nothing written.
//!
//! Every run uses `--no-system-fonts`: what a machine without any Chinese
//! font sees.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{pdf_text, read, squash, zip_member};

const BIN: &str = env!("CARGO_BIN_EXE_charter");
const OLD: &str = "charter/charter.yaml";
const NEW: &str = "charter/drafts/revised.yaml";
const BODY: &str = "哈尔滨音乐学院第二次学生代表大会第一次会议";
const TITLE: &str = "哈尔滨音乐学院学生会章程";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder for one test.
fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("charter-packet-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `charter ARGS… --no-system-fonts --color never`, run in `cwd`.
fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let o = Command::new(BIN)
        .current_dir(cwd)
        .args(args)
        .args(["--no-system-fonts", "--color", "never"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn ok(r: Run) -> Run {
    assert_eq!(r.code, 0, "failed:\n{}\n{}", r.stdout, r.stderr);
    r
}

/// The decision's items as `charter amend --format json` writes them.
fn items() -> Vec<Value> {
    let o = Command::new(BIN).current_dir(root()).args(["amend", OLD, NEW, "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["items"].as_array().unwrap().clone()
}

fn chinese(n: usize) -> String {
    charter::numerals::to_chinese(n as u32)
}

#[test]
fn the_decision_pdf_has_the_title_the_date_line_every_item_and_the_closing() {
    let dir = scratch("decision");
    let out = dir.join("d.pdf");
    let r = ok(run_in(&root(), &["amend", OLD, NEW, "--format", "pdf", "--body", BODY, "-o", out.to_str().unwrap()]));
    assert!(r.stdout.contains("页"), "{}", r.stdout);
    let text = pdf_text(&out);
    assert!(text.starts_with(&format!("关于修改《{TITLE}》的决定")), "{text}");
    assert!(text.contains(&format!("（2021年12月1日{BODY}通过）")), "{text}");
    assert!(text.contains(&format!("{BODY}决定对《{TITLE}》作如下修改：")), "{text}");
    let items = items();
    assert!(items.len() > 10, "{}", items.len());
    // Every item's number, in order, each once at the start of its item.
    let mut at = 0;
    for k in 1..=items.len() {
        let label = format!("{}、", chinese(k));
        let found = text[at..].find(&label).unwrap_or_else(|| panic!("item {label} missing or out of order"));
        at += found + label.len();
    }
    // A multi-paragraph quotation: the split's two articles.
    assert!(text.contains("将第二十八条改为两条，作为第二十八条、第二十九条，修改为：“第二十八条"), "{text}");
    assert!(text.contains("增加一条，作为第三十五条：“【本会的经费】"), "{text}");
    assert!(
        text.ends_with(&format!(
            "此外，对条文顺序和条文中引用的条文序号作相应调整。《{TITLE}》根据本决定作相应修改，重新公布。"
        )),
        "{text}"
    );
}

#[test]
fn the_decision_html_is_one_escaped_page_with_every_item() {
    let r = ok(run_in(&root(), &["amend", OLD, NEW, "--format", "html", "--body", "<b>代表大会</b>"]));
    let html = r.stdout;
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(html.contains(&format!("<title>关于修改《{TITLE}》的决定</title>")), "{html}");
    assert!(html.contains("&lt;b&gt;代表大会&lt;"), "the body is escaped: {html}");
    assert!(!html.contains("<b>代表大会"), "{html}");
    let n = items().len();
    assert!(html.contains(&format!("id=\"item-{n}\"")) && !html.contains(&format!("id=\"item-{}\"", n + 1)));
    assert!(html.contains("重新公布。"), "{html}");
}

#[test]
fn the_packet_has_every_part_in_order_under_one_page_sequence() {
    let dir = scratch("packet");
    let out = dir.join("p.pdf");
    let r = ok(run_in(&root(), &["packet", OLD, NEW, "--body", BODY, "-o", out.to_str().unwrap()]));
    assert!(r.stdout.contains("大会文件"), "{}", r.stdout);
    let raw = pdf_extract::extract_text_from_mem(&read(&out)).unwrap();
    let text = pdf_text(&out);
    // Cover.
    assert!(text.starts_with(&format!("《{TITLE}》修改草案（提请{BODY}审议）目录")), "{text}");
    // The parts, in order, after the contents that lists them with pages.
    let parts = [
        format!("关于修改《{TITLE}》的决定（草案）{BODY}决定对"),
        format!("关于《{TITLE}》修改的说明《{TITLE}》修改草案共"),
        format!("《{TITLE}》修改对照表修改前："),
        format!("{TITLE}（修订草案）第一章总则第一条"),
    ];
    let mut at = text.find("目录").unwrap() + "目录".len();
    let contents = &text[at..];
    assert!(contents.contains(&format!("关于修改《{TITLE}》的决定（草案）")), "{contents}");
    assert!(contents.contains("第七章经费"), "the new text's chapters are in the contents: {contents}");
    for p in &parts {
        let found = text[at..].find(p.as_str()).unwrap_or_else(|| panic!("part missing or out of order: {p}\n{text}"));
        at += found + p.len();
    }
    // The last article of the new text closes the packet.
    assert!(text.contains("第三十七条"), "{text}");
    // The 说明: chapters as headings, the placeholder, the example's note.
    assert!(text.contains("一、第一章总则（一）修改第二条（本会的性质）。【修改理由待补充】"), "{text}");
    assert!(text.contains("修改第二十一条（主席职权）。原标题“主席团职权”与上一条相同"), "{text}");
    assert!(text.contains("将原第二十八条拆分为第二十八条、第二十九条。"), "{text}");
    assert!(text.contains("新增第三十五条（本会的经费）。"), "{text}");
    assert!(text.contains("的标点符号和格式作了规范。"), "{text}");
    // One page sequence from the decision on: — 1 — … — N —, in order,
    // skipping only the blank page a part may leave before the next one
    // starts on a right-hand page; the last number counts every page
    // after the cover and the contents (each with its blank back).
    let numbers: Vec<u32> = squash(&raw).split('—').filter_map(|s| s.parse().ok()).collect();
    assert_eq!(numbers.first(), Some(&1), "{numbers:?}");
    assert!(numbers.windows(2).all(|w| w[1] == w[0] + 1 || w[1] == w[0] + 2), "{numbers:?}");
    assert!(numbers.windows(2).any(|w| w[1] == w[0] + 2), "a blank page is unnumbered: {numbers:?}");
    // 已生成 p.pdf（大会文件：…，34 页）
    let pages: usize =
        r.stdout.rsplit('，').next().and_then(|s| s.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert_eq!(numbers.last().map(|&n| n as usize + 4), Some(pages), "{numbers:?}");
}

#[test]
fn decision_and_packet_are_byte_identical_between_runs() {
    let dir = scratch("det");
    for (cmd, extra) in [("amend", &["--format", "pdf"][..]), ("packet", &[][..])] {
        let (a, b) = (dir.join(format!("{cmd}-a.pdf")), dir.join(format!("{cmd}-b.pdf")));
        for p in [&a, &b] {
            let mut args = vec![cmd, OLD, NEW, "-o", p.to_str().unwrap()];
            args.extend(extra);
            ok(run_in(&root(), &args));
        }
        assert!(read(&a) == read(&b), "{cmd}: two runs differ");
        let bytes = read(&a);
        let raw = String::from_utf8_lossy(&bytes);
        assert!(raw.contains("D:20211201"), "{cmd}: the date is the new draft's");
    }
}

#[test]
fn default_files_are_out_amend_and_out_packet() {
    let dir = scratch("default");
    let (old, new) = (root().join(OLD), root().join(NEW));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let r = ok(run_in(&dir, &["amend", old, new, "--format", "pdf"]));
    assert!(dir.join("out/amend-charter-revised.pdf").is_file(), "{}", r.stdout);
    let r = ok(run_in(&dir, &["packet", old, new, "--quiet"]));
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(dir.join("out/packet-charter-revised.pdf").is_file());
}

/// The visible text of WordprocessingML, runs joined, paragraphs on lines.
fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    for p in xml.split("</w:p>") {
        for t in p.split("<w:t xml:space=\"preserve\">").skip(1) {
            out.push_str(&t[..t.find("</w:t>").unwrap_or(0)]);
        }
        out.push('\n');
    }
    out.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[test]
fn the_packet_as_docx_has_every_part_byte_identical_between_runs() {
    let dir = scratch("docx");
    let (old, new) = (root().join(OLD), root().join(NEW));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let r = ok(run_in(&dir, &["packet", old, new, "--format", "docx", "--body", BODY]));
    let file = dir.join("out/packet-charter-revised.docx");
    assert!(file.is_file(), "{}", r.stdout);
    assert!(r.stdout.contains("Word 文档"), "{}", r.stdout);
    let again = dir.join("again.docx");
    ok(run_in(&dir, &["packet", old, new, "--format", "docx", "--body", BODY, "-o", "again.docx"]));
    assert!(read(&file) == read(&again), "two runs differ");
    let text = docx_text(&zip_member(&file, "word/document.xml"));
    // The cover names the meeting; the decision's every item is there,
    // as `amend` words it; the 说明 has the example's reason and the
    // placeholder elsewhere; the table and the new text follow.
    assert!(text.contains(&format!("（提请{BODY}审议）")), "{text}");
    // Each part's heading is the last place its title occurs (the cover
    // and the contents name it before).
    let at = |s: &str| text.rfind(s).unwrap_or_else(|| panic!("no {s} in {text}"));
    let (statement, table) = (at(&format!("关于《{TITLE}》修改的说明")), at(&format!("《{TITLE}》修改对照表")));
    let decision = &text[at("作如下修改")..statement];
    let mut from = 0;
    let n = items().len();
    for k in 1..=n {
        let label = format!("\n{}、", chinese(k));
        from += 1 + decision[from..].find(&label).unwrap_or_else(|| panic!("item {label} missing or out of order"));
    }
    assert!(!decision.contains(&format!("\n{}、", chinese(n + 1))));
    let said = &text[statement..table];
    assert!(said.contains("【修改理由待补充】"), "{said}");
    assert!(at("作如下修改") < statement && statement < table);
    assert!(at("第一章") > table, "the new text comes last");
    // Unreadable drafts: exit 1 and nothing written, as for the PDF.
    std::fs::write(dir.join("bad.yaml"), "title: [\n").unwrap();
    let r = run_in(&dir, &["packet", "bad.yaml", new, "--format", "docx", "-o", "p.docx"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!dir.join("p.docx").exists());
}

/// A project's own decision.typ replaces the built-in one; its own
/// decision-text.typ module is used by the packet too.
#[test]
fn a_projects_own_template_and_module_are_used() {
    let dir = scratch("project");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::copy(root().join(OLD), dir.join("old.yaml")).unwrap();
    std::fs::copy(root().join(NEW), dir.join("new.yaml")).unwrap();
    std::fs::write(
        dir.join("templates/decision.typ"),
        "#let d = json(\"/decision.json\")\n#set text(font: json(\"/build.json\").fonts.body)\n自定义决定模板：#str(d.items.len())项，#d.schema\n",
    )
    .unwrap();
    let r = ok(run_in(&dir, &["amend", "old.yaml", "new.yaml", "--format", "pdf", "-o", "d.pdf"]));
    let text = pdf_text(&dir.join("d.pdf"));
    assert_eq!(text, format!("自定义决定模板：{}项，charter-decision-page/1", items().len()), "{}", r.stdout);
    std::fs::write(
        dir.join("templates/decision-text.typ"),
        "#let decision-text(d, fonts, draft: false, title: none) = [本会自定义的决定部分]\n",
    )
    .unwrap();
    ok(run_in(&dir, &["packet", "old.yaml", "new.yaml", "-o", "p.pdf"]));
    let text = pdf_text(&dir.join("p.pdf"));
    assert!(text.contains("本会自定义的决定部分"), "{text}");
    assert!(!text.contains("作如下修改"), "{text}");
    assert!(text.contains("修改对照表"), "the other parts stay: {text}");
}

#[test]
fn a_broken_packet_template_is_exit_2_and_writes_nothing() {
    let dir = scratch("broken");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::copy(root().join(OLD), dir.join("old.yaml")).unwrap();
    std::fs::copy(root().join(NEW), dir.join("new.yaml")).unwrap();
    std::fs::write(dir.join("templates/packet.typ"), "#let p = json(\"/packet.json\")\n#p.nowhere\n").unwrap();
    let r = run_in(&dir, &["packet", "old.yaml", "new.yaml", "-o", "p.pdf"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("R010") && r.stderr.contains("templates/packet.typ:2:"), "{}", r.stderr);
    assert!(!dir.join("p.pdf").exists());
}

#[test]
fn a_missing_glyph_is_exit_1_located_and_writes_nothing() {
    let dir = scratch("glyph");
    let case = root().join("tests/fixtures/diff-pdf/glyph");
    let (old, new) = (case.join("old.yaml"), case.join("new.yaml"));
    for args in [&["amend", "--format", "pdf"][..], &["packet"][..]] {
        let mut a = args.to_vec();
        a.extend([old.to_str().unwrap(), new.to_str().unwrap(), "-o", "x.pdf"]);
        let r = run_in(&dir, &a);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("R001") && r.stderr.contains("new.yaml:"), "{}", r.stderr);
        assert!(!dir.join("x.pdf").exists(), "{args:?}");
    }
    // A character only in --body points nowhere but is still refused.
    let r =
        run_in(&root(), &["packet", OLD, NEW, "--body", "𠀀学生代表大会", "-o", dir.join("y.pdf").to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("--body"), "{}", r.stderr);
    assert!(!dir.join("y.pdf").exists());
}

#[test]
fn unreadable_drafts_and_bad_dates() {
    let dir = scratch("bad");
    std::fs::write(dir.join("bad.yaml"), "title: [\n").unwrap();
    let new = root().join(NEW);
    let r = run_in(&dir, &["packet", "bad.yaml", new.to_str().unwrap(), "-o", "p.pdf"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("bad.yaml"), "{}", r.stderr);
    assert!(!dir.join("p.pdf").exists());
    let r = run_in(&root(), &["packet", OLD, NEW, "--date", "2021-13-40", "-o", dir.join("q.pdf").to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--date"), "{}", r.stderr);
    let r = run_in(&root(), &["packet", OLD, "no/such.yaml", "-o", dir.join("q.pdf").to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!dir.join("q.pdf").exists());
}

/// The 修改说明 as data, on the example pair: chapters in the new draft's
/// order, the note as the reason, a placeholder counted for the rest,
/// punctuation-only articles in one sentence.
#[test]
fn the_statement_groups_changes_by_chapter_with_notes() {
    use charter::project::diff::{Comparison, Source};
    let (o, n) = Source::pair(Some(&root().join(OLD)), Some(&root().join(NEW)), None).unwrap();
    let cmp = Comparison::open(o, n).unwrap();
    let d = cmp.diff().unwrap();
    let s = cmp.statement(&d);
    let headings: Vec<&str> = s.groups.iter().map(|g| g.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "第一章\u{3000}总则",
            "第三章\u{3000}院级学生代表大会",
            "第四章\u{3000}学院学生委员会",
            "第五章\u{3000}院学生会与系学生会",
            "第七章\u{3000}经费",
            "第八章\u{3000}附则"
        ]
    );
    let entries: Vec<_> = s.groups.iter().flat_map(|g| &g.entries).collect();
    let with_note: Vec<_> = entries.iter().filter(|e| e.reason.is_some()).collect();
    assert_eq!(with_note.len(), 1);
    assert_eq!(with_note[0].text, "修改第二十一条（主席职权）");
    assert_eq!(s.missing, entries.len() - 1);
    assert!(entries.iter().any(|e| e.kind == "split" && e.text == "将原第二十八条拆分为第二十八条、第二十九条"));
    assert!(entries.iter().any(|e| e.kind == "division_added" && e.text == "新增第七章“经费”"));
    assert!(entries.iter().any(|e| e.text == "修改原第三十四条（现第三十六条）"), "{entries:#?}");
    assert!(s.minor.starts_with("此外，对原第一条、"), "{}", s.minor);
    // Punctuation-only articles are not listed one by one.
    assert!(!entries.iter().any(|e| e.text.starts_with("修改第一条")), "{entries:#?}");
}
