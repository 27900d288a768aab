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

fn load(rel: &str) -> Document {
    let path = root().join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Document::load(&path, bytes);
    assert!(doc.charter.is_some(), "{rel} does not load");
    doc
}

/// The entries of a ZIP, read through its central directory.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
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

fn part(docx: &[u8], name: &str) -> String {
    String::from_utf8(unzip(docx).remove(name).unwrap_or_else(|| panic!("no {name}"))).expect("utf-8")
}

/// Every part is well-formed XML.
fn well_formed(xml: &str, name: &str) {
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
            }
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
    charter_docx::charter(doc.charter.as_ref().expect("charter"), &doc.numbering, &Options::default())
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
    );
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
    assert_eq!(rejected, yaml(&build(&old), Revisions::Accept).0);
    let note = diags.iter().find(|d| d.code.as_str() == "I016").expect("I016 reported");
    assert!(note.message.contains("插入") && note.message.contains("全部接受"), "{}", note.message);
    assert!(rdiags.iter().any(|d| d.code.as_str() == "I016" && d.message.contains("全部拒绝")));
    // A document without revisions says nothing about them.
    assert!(!yaml(&build(&new), Revisions::Accept).1.iter().any(|d| d.code.as_str() == "I016"));
}

/// LibreOffice, when installed (`soffice` on PATH).
fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"]
        .into_iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
}

fn convert(bin: &str, dir: &Path, to: &str, file: &Path) {
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
    // reject to OLD: LibreOffice read every one of them.
    convert(bin, &dir.join("rt"), "docx:MS Word 2007 XML", &tracked);
    let xml = part(&std::fs::read(dir.join("rt/diff.docx")).expect("round trip"), "word/document.xml");
    let text = |v: Vec<(String, String)>| v.into_iter().map(|p| p.1).filter(|t| !t.is_empty()).collect::<Vec<_>>();
    let built = |d: &Document| text(resolve(&part(&build(d), "word/document.xml"), Mode::Accept));
    assert_eq!(text(resolve(&xml, Mode::Accept)), built(&new), "LibreOffice: accept all ≠ NEW");
    assert_eq!(text(resolve(&xml, Mode::Reject)), built(&old), "LibreOffice: reject all ≠ OLD");
    // CHARTER_DOCX_KEEP=1 keeps the files to look at (pdftoppm the PDFs).
    if std::env::var_os("CHARTER_DOCX_KEEP").is_some() {
        eprintln!("kept: {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
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
