//! The Word output read back from its XML: the package, the styles and
//! page, and — for the diff — that accepting every revision gives the new
//! draft's document and rejecting every one the old draft's.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use charter_core::Document;
use charter_diff::Draft;
use charter_docx::{Options, Side};
use quick_xml::Reader;
use quick_xml::events::Event;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(crate) fn load(rel: &str) -> Document {
    let path = root().join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Document::load(&path, bytes);
    assert!(doc.charter.is_some(), "{rel} does not load");
    doc
}

/// The entries of a ZIP, read through its central directory.
pub(crate) fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
    let eocd = bytes.len() - 22;
    assert_eq!(u32_at(eocd), 0x0605_4b50, "no end of central directory");
    let (count, mut at) = (u16_at(eocd + 10), u32_at(eocd + 16));
    let mut out = BTreeMap::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50);
        let (method, crc, csize, usize_) = (u16_at(at + 10), u32_at(at + 16), u32_at(at + 20), u32_at(at + 24));
        let (nlen, elen, clen, off) = (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32), u32_at(at + 42));
        let name = String::from_utf8(bytes[at + 46..at + 46 + nlen].to_vec()).expect("utf-8 name");
        let data_at = off + 30 + u16_at(off + 26) + u16_at(off + 28);
        let raw = &bytes[data_at..data_at + csize];
        let data =
            if method == 8 { miniz_oxide::inflate::decompress_to_vec(raw).expect("inflate") } else { raw.to_vec() };
        assert_eq!(data.len(), usize_, "{name}: size");
        assert_eq!(crc32(&data) as usize, crc, "{name}: CRC");
        out.insert(name, data);
        at += 46 + nlen + elen + clen;
    }
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

pub(crate) fn part(docx: &[u8], name: &str) -> String {
    String::from_utf8(unzip(docx).remove(name).unwrap_or_else(|| panic!("no {name}"))).expect("utf-8")
}

/// Every part is well-formed XML.
pub(crate) fn well_formed(xml: &str, name: &str) {
    let mut r = Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed: {e}"),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Accept,
    Reject,
}

/// The paragraphs of document.xml with every revision accepted or
/// rejected, computed from the XML alone: text inside w:ins/w:moveTo is
/// dropped on reject, inside w:del/w:moveFrom on accept; a paragraph whose
/// mark is removed runs on into the next one. Each paragraph as
/// (style, text).
fn resolve(xml: &str, mode: Mode) -> Vec<(String, String)> {
    resolve_marked(xml, mode, false)
}

/// As [`resolve`]; with `marks`, each change of character style in a
/// paragraph's text is marked `[Strong]`, `[Emphasis]`, `[ArticleNumber]`
/// or `[]` (none), so that formatting is compared too.
fn resolve_marked(xml: &str, mode: Mode, marks: bool) -> Vec<(String, String)> {
    let mut run_style = String::new();
    let mut last_style = String::new();
    let mut r = Reader::from_str(xml);
    let mut open: Vec<bool> = Vec::new(); // per enclosing revision: added?
    let mut in_text = false;
    let mut in_ppr = false;
    let mut in_mark = false;
    let mut paras: Vec<(String, String, Option<bool>)> = Vec::new();
    let mut cur: Option<(String, String, Option<bool>)> = None;
    let keep = |added: bool| added == (mode == Mode::Accept);
    loop {
        let ev = r.read_event().expect("xml");
        match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if matches!(e.name().as_ref(), "w:p") => {
                let _ = e;
                cur = Some((String::new(), String::new(), None));
                last_style.clear();
            }
            Event::Start(e) if e.name().as_ref() == "w:r" => run_style.clear(),
            Event::Start(e) => match e.name().as_ref() {
                "w:ins" | "w:moveTo" => open.push(true),
                "w:del" | "w:moveFrom" => open.push(false),
                "w:t" | "w:delText" => in_text = true,
                "w:pPr" => in_ppr = true,
                "w:rPr" if in_ppr => in_mark = true,
                _ => {}
            },
            Event::Empty(e) => {
                let n = e.name();
                let name = n.as_ref();
                if name == "w:rStyle" && !in_ppr {
                    let v = e.attributes().flatten().find(|a| a.key.as_ref() == "w:val").expect("val");
                    run_style = v.value.to_string();
                }
                if name == "w:pStyle" && in_ppr {
                    let v = e.attributes().flatten().find(|a| a.key.as_ref() == "w:val").expect("val");
                    if let Some(c) = &mut cur {
                        c.0 = v.value.to_string();
                    }
                }
                if in_mark && let Some(c) = &mut cur {
                    match name {
                        "w:ins" | "w:moveTo" => c.2 = Some(true),
                        "w:del" | "w:moveFrom" => c.2 = Some(false),
                        _ => {}
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:ins" | "w:moveTo" | "w:del" | "w:moveFrom" => {
                    open.pop();
                }
                "w:t" | "w:delText" => in_text = false,
                "w:rPr" => in_mark = false,
                "w:pPr" => in_ppr = false,
                "w:p" => paras.extend(cur.take()),
                _ => {}
            },
            Event::Text(t) if in_text && open.iter().all(|&a| keep(a)) => {
                if let Some(c) = &mut cur {
                    if marks && run_style != last_style {
                        c.1.push_str(&format!("[{run_style}]"));
                        last_style.clone_from(&run_style);
                    }
                    c.1.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_text && open.iter().all(|&a| keep(a)) => {
                if let Some(c) = &mut cur {
                    let s = match g.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        other => panic!("entity {other}"),
                    };
                    c.1.push_str(s);
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let mut carry = String::new();
    for (style, text, mark) in paras {
        let text = std::mem::take(&mut carry) + &text;
        match mark {
            Some(added) if !keep(added) => carry = text,
            _ => out.push((style, text)),
        }
    }
    assert!(carry.is_empty(), "text left after the last paragraph: {carry}");
    out
}

fn build(doc: &Document) -> Vec<u8> {
    charter_docx::charter(doc.charter.as_ref().expect("charter"), &doc.numbering, &Options::default()).expect("package")
}

fn diff_docx(old: &Document, new: &Document, options: &Options) -> Vec<u8> {
    let (oc, nc) = (old.charter.as_ref().expect("old"), new.charter.as_ref().expect("new"));
    let d = charter_diff::diff(
        &Draft { name: "old".into(), charter: oc, numbering: &old.numbering },
        &Draft { name: "new".into(), charter: nc, numbering: &new.numbering },
    );
    charter_docx::diff(
        &d,
        &Side { charter: oc, numbering: &old.numbering },
        &Side { charter: nc, numbering: &new.numbering },
        options,
    )
    .expect("package")
}

/// The pairs to compare: the example's two drafts and every diff fixture.
fn pairs() -> Vec<(String, String)> {
    let mut v = vec![("charter/charter.yaml".to_string(), "charter/drafts/revised.yaml".to_string())];
    let dir = root().join("tests/fixtures/diff");
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("fixtures").flatten().map(|e| e.file_name()).collect();
    names.sort();
    for n in names {
        let n = n.to_string_lossy();
        v.push((format!("tests/fixtures/diff/{n}/old.yaml"), format!("tests/fixtures/diff/{n}/new.yaml")));
    }
    assert!(v.len() >= 8, "diff fixtures missing");
    v
}

#[test]
fn accept_all_gives_new_and_reject_all_gives_old() {
    for (o, n) in pairs() {
        let (old, new) = (load(&o), load(&n));
        let tracked = part(&diff_docx(&old, &new, &Options::default()), "word/document.xml");
        well_formed(&tracked, "document.xml");
        let built_new = resolve(&part(&build(&new), "word/document.xml"), Mode::Accept);
        let built_old = resolve(&part(&build(&old), "word/document.xml"), Mode::Accept);
        let text = |v: &[(String, String)]| v.iter().map(|p| p.1.clone()).collect::<Vec<_>>();
        assert_eq!(text(&resolve(&tracked, Mode::Accept)), text(&built_new), "{n}: accept all ≠ NEW");
        assert_eq!(text(&resolve(&tracked, Mode::Reject)), text(&built_old), "{o}: reject all ≠ OLD");
        if o != n {
            assert!(
                ["<w:ins ", "<w:del ", "<w:moveTo "].iter().any(|t| tracked.contains(t)),
                "{n}: no revision at all"
            );
        }
    }
}

/// Bold and 楷体 survive the diff document as they are in `build`: the
/// tracked document, accepted or rejected, has the same character styles
/// at the same characters as each draft built alone (every diff fixture;
/// `emphasis` has bold and italic in kept, deleted, inserted and moved
/// text, items and the preamble).
#[test]
fn character_styles_are_kept_as_build_keeps_them() {
    for (o, n) in pairs() {
        let (old, new) = (load(&o), load(&n));
        let tracked = part(&diff_docx(&old, &new, &Options::default()), "word/document.xml");
        let built = |d: &Document| resolve_marked(&part(&build(d), "word/document.xml"), Mode::Accept, true);
        let text = |v: Vec<(String, String)>| v.into_iter().map(|p| p.1).collect::<Vec<_>>();
        assert_eq!(text(resolve_marked(&tracked, Mode::Accept, true)), text(built(&new)), "{n}: accept all");
        assert_eq!(text(resolve_marked(&tracked, Mode::Reject, true)), text(built(&old)), "{o}: reject all");
    }
    // The fixture does hold styles inside revisions.
    let (old, new) = (load("tests/fixtures/diff/emphasis/old.yaml"), load("tests/fixtures/diff/emphasis/new.yaml"));
    let xml = part(&diff_docx(&old, &new, &Options::default()), "word/document.xml");
    for tag in ["w:ins", "w:del", "w:moveTo", "w:moveFrom"] {
        let styled = xml
            .split(&format!("<{tag} "))
            .skip(1)
            .filter_map(|x| x.split(&format!("</{tag}>")).next())
            .any(|x| x.contains("w:val=\"Strong\"") || x.contains("w:val=\"Emphasis\""));
        assert!(styled, "no styled run inside {tag}");
    }
}

#[test]
fn changes_are_marked_at_the_characters_the_diff_found() {
    // modify: a few characters of an article change, the rest is not marked.
    let (old, new) = (load("tests/fixtures/diff/modify/old.yaml"), load("tests/fixtures/diff/modify/new.yaml"));
    let xml = part(&diff_docx(&old, &new, &Options::default()), "word/document.xml");
    let accepted = resolve(&xml, Mode::Accept);
    let rejected = resolve(&xml, Mode::Reject);
    assert_ne!(accepted, rejected);
    // Some paragraph holds both kept text and a deletion: the edit is
    // inside it, not a deleted and re-inserted article.
    let inline = xml.split("<w:p>").filter(|p| p.contains("<w:del ") && p.contains("</w:pPr><w:r>")).count();
    assert!(inline > 0, "no paragraph with an inline edit");
    let del_chars: usize =
        between(&xml, "<w:delText xml:space=\"preserve\">", "</w:delText>").map(|s| s.chars().count()).sum();
    let total: usize = rejected.iter().map(|p| p.1.chars().count()).sum();
    assert!(del_chars > 0 && del_chars * 4 < total, "deleted {del_chars} of {total} characters");
}

fn between<'a>(s: &'a str, a: &'a str, b: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    s.split(a).skip(1).filter_map(move |x| x.split(b).next())
}

#[test]
fn moved_articles_are_word_moves() {
    let (old, new) = (load("tests/fixtures/diff/move/old.yaml"), load("tests/fixtures/diff/move/new.yaml"));
    let xml = part(&diff_docx(&old, &new, &Options::default()), "word/document.xml");
    assert!(xml.contains("<w:moveFrom "), "no moveFrom");
    assert!(xml.contains("<w:moveTo "), "no moveTo");
    // Each range start has its end, with the same id, and the names pair up.
    for kind in ["moveFrom", "moveTo"] {
        let (s, e) = (format!("<w:{kind}RangeStart w:id=\""), format!("<w:{kind}RangeEnd w:id=\""));
        let starts: Vec<&str> = between(&xml, &s, "\"").collect();
        let ends: Vec<&str> = between(&xml, &e, "\"").collect();
        assert!(!starts.is_empty());
        assert_eq!(starts, ends, "{kind} ranges");
    }
    let names = |k: &str| -> Vec<String> {
        xml.split(&format!("<w:{k}RangeStart "))
            .skip(1)
            .filter_map(|s| s.split("w:name=\"").nth(1)?.split('"').next().map(String::from))
            .collect()
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(names("moveFrom")), sorted(names("moveTo")));
}

/// The text inside each move range of `kind` (moveFrom/moveTo), XML and all.
fn ranges<'a>(xml: &'a str, kind: &str) -> Vec<&'a str> {
    let (s, e) = (format!("<w:{kind}RangeStart "), format!("<w:{kind}RangeEnd "));
    xml.split(s.as_str()).skip(1).filter_map(|r| r.split(e.as_str()).next()).collect()
}

#[test]
fn a_moved_article_that_also_changed_shows_its_edits_inside_the_move() {
    // `principles` moves from chapter 1 to chapter 2 and is reworded
    // (本会实行民主集中制。→ 本会的组织原则是民主集中制。).
    let (old, new) = (load("tests/fixtures/diff/move/old.yaml"), load("tests/fixtures/diff/move/new.yaml"));
    let xml = part(&diff_docx(&old, &new, &Options::default()), "word/document.xml");
    let text = |r: &str, tag: &str| -> String {
        r.split(&format!("<w:{tag} ")).skip(1).filter_map(|x| x.split(&format!("</w:{tag}>")).next()).collect()
    };
    let from = ranges(&xml, "moveFrom");
    let to = ranges(&xml, "moveTo");
    let src = from.iter().find(|r| r.contains("民主集中制")).expect("the old place is a move source");
    let dst = to.iter().find(|r| r.contains("民主集中制")).expect("the new place is a move destination");
    // Shared text moves; the old wording is deleted at the old place, the
    // new wording inserted at the new place.
    assert!(text(src, "moveFrom").contains("民主集中制"), "{src}");
    assert!(text(src, "del").contains("实行"), "{src}");
    assert!(!src.contains("<w:ins "), "{src}");
    assert!(text(dst, "moveTo").contains("民主集中制"), "{dst}");
    assert!(text(dst, "ins").contains("的组织原则是"), "{dst}");
    assert!(!dst.contains("<w:del "), "{dst}");
    // The article number changed with the move: old number at the old
    // place, new number at the new place.
    let label = |d: &Document| {
        let ex = charter_core::export::export(d.charter.as_ref().expect("charter"), &d.numbering);
        fn find(nodes: &[charter_core::export::ExNode]) -> Option<String> {
            nodes.iter().find_map(|n| match n {
                charter_core::export::ExNode::Article(a) if a.id == "principles" => Some(a.label.clone()),
                charter_core::export::ExNode::Article(_) => None,
                charter_core::export::ExNode::Part(d)
                | charter_core::export::ExNode::Subpart(d)
                | charter_core::export::ExNode::Chapter(d)
                | charter_core::export::ExNode::Section(d) => find(&d.children),
            })
        }
        find(&ex.body).expect("principles")
    };
    let (ol, nl) = (label(&old), label(&new));
    assert_ne!(ol, nl);
    let resolved_old = resolve(&xml, Mode::Reject);
    let resolved_new = resolve(&xml, Mode::Accept);
    assert!(resolved_old.iter().any(|p| p.1.starts_with(&ol) && p.1.contains("实行民主集中制")));
    assert!(resolved_new.iter().any(|p| p.1.starts_with(&nl) && p.1.contains("的组织原则是民主集中制")));
}

#[test]
fn revision_ids_are_unique_and_author_and_date_come_from_options_and_draft() {
    let (old, new) = (load("charter/charter.yaml"), load("charter/drafts/revised.yaml"));
    let options = Options { author: "起草组<一>".into(), ..Options::default() };
    let xml = part(&diff_docx(&old, &new, &options), "word/document.xml");
    let mut seen = HashSet::new();
    for tag in ["<w:ins ", "<w:del ", "<w:moveFrom ", "<w:moveTo ", "<w:moveFromRangeStart ", "<w:moveToRangeStart "] {
        for id in xml.split(tag).skip(1).filter_map(|s| s.strip_prefix("w:id=\"")?.split('"').next()) {
            assert!(seen.insert(id.to_string()), "revision id {id} twice");
        }
    }
    assert!(!seen.is_empty());
    assert!(xml.contains("w:author=\"起草组&lt;一&gt;\""));
    assert!(!xml.contains("w:author=\"秘书处\""));
    let date = new.charter.as_ref().and_then(|c| c.meta.date.clone()).expect("the revised draft has a date");
    let dates: HashSet<&str> = between(&xml, "w:date=\"", "\"").collect();
    assert_eq!(dates, HashSet::from([format!("{date}T00:00:00Z").as_str()]));
}

#[test]
fn output_is_byte_identical_on_rebuild() {
    let (old, new) = (load("charter/charter.yaml"), load("charter/drafts/revised.yaml"));
    assert_eq!(build(&new), build(&new));
    let o = Options::default();
    assert_eq!(diff_docx(&old, &new, &o), diff_docx(&old, &new, &o));
}

#[test]
fn package_has_styles_page_and_footer() {
    let doc = load("charter/charter.yaml");
    let bytes = build(&doc);
    let parts = unzip(&bytes);
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ] {
        let xml = String::from_utf8(parts[name].clone()).expect("utf-8");
        well_formed(&xml, name);
    }
    let document = part(&bytes, "word/document.xml");
    let styles = part(&bytes, "word/styles.xml");
    // A4, GB/T 9704 margins, odd and even footers.
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(document.contains("w:top=\"2098\"") && document.contains("w:left=\"1587\""));
    // Numbers are text, never Word's automatic numbering.
    assert!(!document.contains("w:numPr"));
    let paras = resolve(&document, Mode::Accept);
    assert!(paras.iter().any(|p| p.1.starts_with("第一条　")));
    assert!(paras.iter().any(|p| p.1.starts_with("（一）")));
    // Real styles: chapters are Heading 1 (navigation pane, TOC field),
    // body 仿宋, article numbers 黑体 through a character style.
    let chapters: Vec<_> = paras.iter().filter(|p| p.0 == "Heading1").collect();
    assert!(chapters.len() >= 3 && chapters[0].1.starts_with("第一章　"), "{chapters:?}");
    assert!(styles.contains("<w:name w:val=\"heading 1\"/>") && styles.contains("<w:outlineLvl w:val=\"0\"/>"));
    assert!(styles.contains("w:eastAsia=\"仿宋\""));
    assert!(styles.contains("w:styleId=\"ArticleNumber\""));
    assert!(document.contains("<w:rStyle w:val=\"ArticleNumber\"/>"));
    assert_eq!(paras[0].0, "Title");
    let footer = part(&bytes, "word/footer1.xml");
    assert!(footer.contains(" PAGE ") && footer.contains("— ") && footer.contains(" —"));
    // No direct formatting in the body: no run properties but styles.
    assert!(!document.contains("<w:rFonts") && !document.contains("<w:sz "));
}

#[test]
fn fonts_given_are_named_in_the_styles() {
    let doc = load("charter/charter.yaml");
    let fonts = charter_docx::Fonts { body: "Noto Serif CJK SC".into(), ..charter_docx::Fonts::default() };
    let bytes = charter_docx::charter(
        doc.charter.as_ref().expect("charter"),
        &doc.numbering,
        &Options { fonts, ..Options::default() },
    )
    .expect("package");
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"Noto Serif CJK SC\""));
    assert!(styles.contains("w:eastAsia=\"黑体\""));
}

#[test]
fn import_reads_the_tracked_document_as_either_draft() {
    use charter_import::{Options as ImportOptions, Revisions, import_bytes};
    let (old, new) = (load("charter/charter.yaml"), load("charter/drafts/revised.yaml"));
    let tracked = diff_docx(&old, &new, &Options::default());
    let yaml = |bytes: &[u8], revisions| {
        let imp = import_bytes(Path::new("x.docx"), bytes, ImportOptions { revisions, ..ImportOptions::default() })
            .expect("import");
        (imp.yaml.expect("a charter"), imp.diagnostics)
    };
    let (accepted, diags) = yaml(&tracked, Revisions::Accept);
    let (rejected, rdiags) = yaml(&tracked, Revisions::Reject);
    assert_eq!(accepted, yaml(&build(&new), Revisions::Accept).0);
    // Comments are not revisions: rejecting every change keeps the new
    // draft's notes (Word comments), which import as `note:`.
    let without_notes =
        |y: &str| y.lines().filter(|l| !l.trim_start().starts_with("note: ")).collect::<Vec<_>>().join("\n");
    assert!(rejected.contains("note: "), "the example's new draft has a note");
    assert_eq!(without_notes(&rejected), without_notes(&yaml(&build(&old), Revisions::Accept).0));
    let note = diags.iter().find(|d| d.code.as_str() == "I016").expect("I016 reported");
    assert!(note.message.contains("插入") && note.message.contains("全部接受"), "{}", note.message);
    assert!(rdiags.iter().any(|d| d.code.as_str() == "I016" && d.message.contains("全部拒绝")));
    // A document without revisions says nothing about them.
    assert!(!yaml(&build(&new), Revisions::Accept).1.iter().any(|d| d.code.as_str() == "I016"));
}

/// LibreOffice, when installed (`soffice` on PATH).
pub(crate) fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"]
        .into_iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
}

pub(crate) fn convert(bin: &str, dir: &Path, to: &str, file: &Path) {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = std::process::Command::new(bin)
        .args([profile.as_str(), "--headless", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("run soffice");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn libreoffice_opens_both_and_keeps_the_revisions() {
    let Some(bin) = soffice() else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            concat!("skipped: LibreOffice (soffice) is not installed", "\n").as_bytes(),
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("charter-docx-lo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("rt")).expect("temp dir");
    let (old, new) = (load("charter/charter.yaml"), load("charter/drafts/revised.yaml"));
    let (charter, tracked) = (dir.join("charter.docx"), dir.join("diff.docx"));
    std::fs::write(&charter, build(&new)).expect("write");
    std::fs::write(&tracked, diff_docx(&old, &new, &Options::default())).expect("write");
    // Both open without complaint and lay out to pages.
    for f in [&charter, &tracked] {
        convert(bin, &dir, "pdf", f);
        let pdf = std::fs::read(f.with_extension("pdf")).expect("LibreOffice wrote no PDF");
        assert!(pdf.starts_with(b"%PDF") && pdf.len() > 10_000, "{}: empty PDF", f.display());
    }
    // Saved again by LibreOffice, the revisions still accept to NEW and
    // reject to OLD: LibreOffice read every one of them (the move fixture
    // has an article moved and reworded: edits inside a move).
    let moved = (load("tests/fixtures/diff/move/old.yaml"), load("tests/fixtures/diff/move/new.yaml"));
    let moved_file = dir.join("moved.docx");
    std::fs::write(&moved_file, diff_docx(&moved.0, &moved.1, &Options::default())).expect("write");
    // The emphasis fixture: styles and comments (notes) in revisions.
    let styled = (load("tests/fixtures/diff/emphasis/old.yaml"), load("tests/fixtures/diff/emphasis/new.yaml"));
    let styled_file = dir.join("styled.docx");
    std::fs::write(&styled_file, diff_docx(&styled.0, &styled.1, &Options::default())).expect("write");
    for (file, old, new) in
        [(&tracked, &old, &new), (&moved_file, &moved.0, &moved.1), (&styled_file, &styled.0, &styled.1)]
    {
        convert(bin, &dir.join("rt"), "docx:MS Word 2007 XML", file);
        let name = file.file_name().expect("name");
        let xml = part(&std::fs::read(dir.join("rt").join(name)).expect("round trip"), "word/document.xml");
        let text = |v: Vec<(String, String)>| v.into_iter().map(|p| p.1).filter(|t| !t.is_empty()).collect::<Vec<_>>();
        let built = |d: &Document| text(resolve(&part(&build(d), "word/document.xml"), Mode::Accept));
        assert_eq!(text(resolve(&xml, Mode::Accept)), built(new), "LibreOffice: accept all ≠ NEW ({name:?})");
        assert_eq!(text(resolve(&xml, Mode::Reject)), built(old), "LibreOffice: reject all ≠ OLD ({name:?})");
        if file == &styled_file {
            // LibreOffice kept the comments too.
            let saved = std::fs::read(dir.join("rt").join(name)).expect("round trip");
            let kept = comments(&saved);
            assert_eq!(kept.len(), 3, "LibreOffice comments: {kept:?}");
            // …and they import as the notes of their articles.
            let imp = charter_import::import_bytes(Path::new("lo.docx"), &saved, Default::default()).expect("import");
            let yaml = imp.yaml.expect("a charter");
            assert_eq!(yaml.matches("note:").count(), 3, "{yaml}");
            assert!(yaml.contains("note: 移至组织机构一章，并改写。"), "{yaml}");
        }
    }
    // CHARTER_DOCX_KEEP=1 keeps the files to look at (pdftoppm the PDFs).
    if std::env::var_os("CHARTER_DOCX_KEEP").is_some() {
        eprintln!("kept: {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The comments of a document: id → (author, text with lines joined by
/// '\n'); and, per id, the text the comment's range covers (accepted).
fn comments(docx: &[u8]) -> BTreeMap<String, (String, String)> {
    let Some(xml) = unzip(docx).remove("word/comments.xml") else { return BTreeMap::new() };
    let xml = String::from_utf8(xml).expect("utf-8");
    well_formed(&xml, "comments.xml");
    let mut out = BTreeMap::new();
    for c in xml.split("<w:comment ").skip(1) {
        let attr =
            |name: &str| c.split(&format!("{name}=\"")).nth(1).and_then(|x| x.split('"').next()).map(String::from);
        let text: Vec<String> = between(c, "<w:t xml:space=\"preserve\">", "</w:t>").map(String::from).collect();
        out.insert(attr("w:id").expect("id"), (attr("w:author").expect("author"), text.join("\n")));
    }
    out
}

/// The text inside comment `id`'s range in document.xml (every w:t).
fn commented(document: &str, id: &str) -> String {
    let range = document
        .split(&format!("<w:commentRangeStart w:id=\"{id}\"/>"))
        .nth(1)
        .and_then(|r| r.split(&format!("<w:commentRangeEnd w:id=\"{id}\"/>")).next())
        .unwrap_or_else(|| panic!("no range for comment {id}"));
    assert!(document.contains(&format!("<w:commentReference w:id=\"{id}\"/>")), "comment {id} has no reference");
    between(range, "<w:t xml:space=\"preserve\">", "</w:t>").collect()
}

#[test]
fn notes_of_changed_nodes_are_comments_in_the_diff() {
    let (old, new) = (load("tests/fixtures/diff/emphasis/old.yaml"), load("tests/fixtures/diff/emphasis/new.yaml"));
    let bytes = diff_docx(&old, &new, &Options { author: "起草组".into(), ..Options::default() });
    let document = part(&bytes, "word/document.xml");
    let c = comments(&bytes);
    let texts: HashSet<&str> = c.values().map(|(_, t)| t.as_str()).collect();
    // Added (intro), modified (nature, two lines), moved and changed
    // (principles); not the renumbered `name` nor the unchanged chapter.
    assert_eq!(
        texts,
        HashSet::from([
            "新增立章依据。",
            "“全校学生”改为“全体学生”，与学生会组织改革方案一致。\n增加“自治”二字。",
            "移至组织机构一章，并改写。",
        ]),
        "{c:?}"
    );
    assert!(c.values().all(|(a, _)| a == "起草组"));
    for (id, (_, text)) in &c {
        let covered = commented(&document, id);
        let expect = if text.starts_with("新增") {
            "依照"
        } else if text.starts_with("移至") {
            "组织原则"
        } else {
            "全体学生"
        };
        assert!(covered.contains(expect), "comment {id} covers {covered}");
    }
    let types = part(&bytes, "[Content_Types].xml");
    assert!(types.contains("/word/comments.xml"));
    assert!(part(&bytes, "word/_rels/document.xml.rels").contains("Target=\"comments.xml\""));
    // Comments add no text: accept and reject still give the drafts.
    let text = |v: Vec<(String, String)>| v.into_iter().map(|p| p.1).collect::<Vec<_>>();
    assert_eq!(
        text(resolve(&document, Mode::Accept)),
        text(resolve(&part(&build(&new), "word/document.xml"), Mode::Accept))
    );
}

#[test]
fn build_shows_every_note_as_a_comment_and_no_notes_no_comments() {
    let new = load("tests/fixtures/diff/emphasis/new.yaml");
    let bytes = build(&new);
    let c = comments(&bytes);
    assert_eq!(c.len(), 5, "{c:?}");
    assert!(c.values().all(|(a, _)| a == charter_docx::DEFAULT_AUTHOR));
    let document = part(&bytes, "word/document.xml");
    let chapter =
        c.iter().find(|(_, (_, t))| t.starts_with("本章未改")).map(|(id, _)| id.clone()).expect("chapter note");
    assert_eq!(commented(&document, &chapter), "第二章　组织机构");
    let name = c.iter().find(|(_, (_, t))| t.starts_with("名称未改")).map(|(id, _)| id.clone()).expect("note");
    assert!(commented(&document, &name).contains("本会名称为"));
    // The comment styles exist; a charter without notes has no comments part.
    assert!(part(&bytes, "word/styles.xml").contains("w:styleId=\"CommentText\""));
    let plain = build(&load("tests/fixtures/diff/emphasis/old.yaml"));
    assert!(!unzip(&plain).contains_key("word/comments.xml"));
    assert!(!part(&plain, "[Content_Types].xml").contains("comments"));
}

/// Word comments come back as notes: build --format docx → import gives
/// `note:` on the same articles and divisions (and the same structure and
/// text), in the YAML that loads back.
#[test]
fn build_then_import_keeps_the_notes() {
    use charter_import::{Options as ImportOptions, from_charter, import_bytes};
    for rel in ["tests/fixtures/diff/emphasis/new.yaml", "charter/charter.yaml"] {
        let doc = load(rel);
        let imp = import_bytes(Path::new("x.docx"), &build(&doc), ImportOptions::default()).expect("import");
        let yaml = imp.yaml.expect("a charter");
        let back = Document::load(Path::new("back.yaml"), yaml.clone().into_bytes());
        let (c, n) = (back.charter.as_ref().expect("loads"), &back.numbering);
        let orig = from_charter(doc.charter.as_ref().expect("charter"), &doc.numbering).without_ids().as_printed();
        assert_eq!(from_charter(c, n).without_ids(), orig, "{rel}: {yaml}");
        if rel.contains("emphasis") {
            assert!(yaml.contains("note: |\n"), "{yaml}");
            assert!(yaml.contains("    note: 本章未改（不应成为批注）。"), "{yaml}");
            let notes = c.articles().into_iter().filter(|a| a.note.is_some()).count();
            assert_eq!(notes, 4);
        }
    }
}

/// A formal document (the amendment decision) uses the charter's styles
/// and page: Title, the adoption line in 制定和修改经过 (centred 楷体), the
/// body in Normal; no revisions, no comments.
#[test]
fn formal_documents_use_the_charters_styles() {
    let paragraphs = vec!["学生代表大会决定对《章程》作如下修改：".to_string(), "一、将第一条修改为：“甲”".to_string()];
    let f = charter_docx::Formal {
        title: "关于修改《章程》的决定",
        subtitle: Some("（2024年1月1日学生代表大会通过）"),
        paragraphs: &paragraphs,
        date: Some("2024-01-01"),
    };
    let bytes = charter_docx::formal(&f, &Options::default()).expect("package");
    let document = part(&bytes, "word/document.xml");
    well_formed(&document, "document.xml");
    let paras = resolve(&document, Mode::Accept);
    let styles: Vec<&str> = paras.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(styles, ["Title", "History", "Normal", "Normal"]);
    assert_eq!(paras[3].1, "一、将第一条修改为：“甲”");
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(part(&bytes, "docProps/core.xml").contains("2024-01-01T00:00:00Z"));
    assert!(!document.contains("<w:ins ") && !unzip(&bytes).contains_key("word/comments.xml"));
    assert_eq!(bytes, charter_docx::formal(&f, &Options::default()).expect("package"));
}

/// A charter as a secretariat makes it in Word (python-docx from Word's own
/// template: automatic numbering in numbering.xml, chapters numbered by the
/// Heading 1 style, a reviewer's tracked changes and comments; generated by
/// tests/fixtures/import/make_word_charter.py): import → YAML → build
/// --format docx → import gives the same YAML text, with the changes
/// accepted and with them rejected.
#[test]
fn a_word_made_charter_round_trips_through_build() {
    use charter_import::{Options as ImportOptions, Revisions, import_bytes};
    let bytes = std::fs::read(root().join("tests/fixtures/import/word-charter.docx")).expect("fixture");
    let name = Path::new("word-charter.docx");
    let import = |bytes: &[u8], revisions| {
        let imp = import_bytes(name, bytes, ImportOptions { revisions, ..ImportOptions::default() }).expect("import");
        assert!(!imp.has_errors(), "{:?}", imp.diagnostics);
        imp.yaml.expect("a charter")
    };
    for mode in [Revisions::Accept, Revisions::Reject] {
        let first = import(&bytes, mode);
        let doc = Document::load(Path::new("word-charter.yaml"), first.clone().into_bytes());
        assert!(doc.diagnostics.iter().all(|d| !d.is_error()), "{mode:?}: {first}");
        let again = import(&build(&doc), Revisions::Accept);
        assert_eq!(again, first, "{mode:?}: the YAML changed through build --format docx");
        // What the fixture holds arrived: numbering, history, the notes,
        // the reviewer's changes (or the original text when rejected).
        assert!(first.contains("  - chapter: 组织机构\n    id: ch-3\n    note: 本章按学生会改革要求调整。"), "{first}");
        assert!(first.contains("note: 任期问题请主席团再议。"), "{first}");
        assert!(first.contains("history:\n  - 2023年11月20日"), "{first}");
        let accepted = mode == Revisions::Accept;
        assert_eq!(first.contains("可以连选连任"), accepted);
        assert_eq!(first.contains("会员可以自愿退会"), accepted);
        assert_eq!(first.contains("学生联合会"), !accepted);
        assert_eq!(first.contains("加强与兄弟院校学生组织的交流"), !accepted);
        let articles = doc.charter.as_ref().map_or(0, |c| c.articles().len());
        assert_eq!(articles, if accepted { 15 } else { 14 });
    }
}

/// A chapter both drafts have, whose first article in the new draft is new,
/// keeps one unchanged heading (not an inserted and a deleted copy). Over
/// every fixture: no heading text is both a wholly inserted and a wholly
/// deleted paragraph.
#[test]
fn a_kept_chapter_opening_with_a_new_article_has_one_heading() {
    for (o, n) in pairs() {
        let (old, new) = (load(&o), load(&n));
        let xml = part(&diff_docx(&old, &new, &Options::default()), "word/document.xml");
        let whole = |tag: &str| -> HashSet<String> {
            xml.split("<w:p>")
                .filter(|p| p.contains("<w:pStyle w:val=\"Heading") && p.contains(&format!("<w:rPr><{tag} ")))
                .map(|p| between(p, "xml:space=\"preserve\">", "</").collect::<String>())
                .collect()
        };
        let (ins, del) = (whole("w:ins"), whole("w:del"));
        assert!(ins.is_disjoint(&del), "{n}: headings both inserted and deleted: {:?}", ins.intersection(&del));
    }
    let (old, new) = (load("tests/fixtures/diff/emphasis/old.yaml"), load("tests/fixtures/diff/emphasis/new.yaml"));
    let xml = part(&diff_docx(&old, &new, &Options::default()), "word/document.xml");
    let headings: Vec<&str> = xml.split("<w:p>").filter(|p| p.contains("第一章　总则")).collect();
    assert_eq!(headings.len(), 1, "{headings:?}");
    assert!(!headings[0].contains("<w:ins ") && !headings[0].contains("<w:del "), "{}", headings[0]);
}

#[test]
fn notes_of_renamed_and_added_divisions_are_comments_on_their_headings() {
    let old = Document::load(
        Path::new("old.yaml"),
        "title: 测试章程\nbody:\n  - chapter: 总则\n    id: general\n    body:\n      - id: a\n        text: 本会名称为测试会。\n"
            .as_bytes()
            .to_vec(),
    );
    let new = Document::load(
        Path::new("new.yaml"),
        "title: 测试章程\nbody:\n  - chapter: 一般规定\n    id: general\n    note: 章名改为一般规定。\n    body:\n      - id: a\n        text: 本会名称为测试会。\n  - chapter: 附则\n    id: end\n    note: 新增附则一章。\n    body:\n      - id: b\n        text: 本章程自通过之日起施行。\n"
            .as_bytes()
            .to_vec(),
    );
    assert!(old.charter.is_some() && new.charter.is_some());
    let bytes = diff_docx(&old, &new, &Options::default());
    let document = part(&bytes, "word/document.xml");
    let c = comments(&bytes);
    let by_text = |t: &str| c.iter().find(|(_, (_, x))| x == t).map(|(id, _)| id.clone()).expect(t);
    assert_eq!(c.len(), 2, "{c:?}");
    // The renamed heading: its range holds the old and the new title.
    let renamed = commented(&document, &by_text("章名改为一般规定。"));
    assert!(renamed.contains("一般规定") && renamed.starts_with("第一章"), "{renamed}");
    assert_eq!(commented(&document, &by_text("新增附则一章。")), "第二章　附则");
}

/// The closing signature (issuer, then the date in Chinese) ends the
/// document in the right-aligned 落款 style; no issuer, no signature.
#[test]
fn the_signature_ends_the_document() {
    let yaml = "title: 某某协会章程\ndate: 2021-11-24\nissuer: |\n  某某协会理事会\n  某某大学团委\nbody:\n  - id: a\n    text: 本章程由理事会负责解释。\n";
    let doc = Document::load(Path::new("sig.yaml"), yaml.as_bytes().to_vec());
    let bytes = build(&doc);
    let paras = resolve(&part(&bytes, "word/document.xml"), Mode::Accept);
    let tail: Vec<(&str, &str)> = paras.iter().rev().take(3).rev().map(|(s, t)| (s.as_str(), t.as_str())).collect();
    assert_eq!(tail, [("Signature", "某某协会理事会"), ("Signature", "某某大学团委"), ("Signature", "2021年11月24日")]);
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"Signature\"") && styles.contains("<w:jc w:val=\"right\"/>"), "{styles}");
    let plain = build(&load("charter/charter.yaml"));
    let paras = resolve(&part(&plain, "word/document.xml"), Mode::Accept);
    assert!(!paras.iter().any(|p| p.0 == "Signature"), "the example has no issuer");
}
