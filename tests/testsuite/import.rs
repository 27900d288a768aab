//! `charter import`: the seed, the real statutes, round trips, Word,
//! encodings and malformed inputs.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use charter::import::{IBlock, Imported, Options, from_charter, import_bytes};
use charter::numerals::{item_label, subitem_label};
use charter::project::import_file;

const SEED: &str = "../shared/seeds/000_7f14a45780cf1baa.txt";
const LAWS: &str = "../shared/data/laws";

use crate::common::charter;

fn import(path: &Path) -> charter::import::Import {
    import_file(path, Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("charter-import-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The import's YAML loads back, without errors, to the same structure.
fn assert_loads_back(imp: &charter::import::Import, what: &str) -> Imported {
    let yaml = imp.yaml.as_deref().unwrap_or_else(|| panic!("{what}: no YAML"));
    let doc = charter::process_str("imported.yaml", yaml);
    let errors: Vec<String> = doc
        .diagnostics
        .iter()
        .filter(|d| d.is_load_error())
        .map(|d| charter::diagnostic::render_short(d, &doc.sources))
        .collect();
    assert!(errors.is_empty(), "{what}: the YAML does not load back:\n{}", errors.join("\n"));
    let loaded = from_charter(doc.charter.as_ref().unwrap(), &doc.numbering);
    let imported = imp.charter.clone().unwrap();
    assert_eq!(loaded, imported.without_notes(), "{what}: loaded structure differs from the imported one");
    imported
}

fn codes(imp: &charter::import::Import) -> Vec<&'static str> {
    imp.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

// ----- the seed -----

#[test]
fn seed_charter_part() {
    let path = Path::new(SEED);
    if !path.exists() {
        eprintln!("SKIP seed_charter_part: {SEED} is absent");
        return;
    }
    let imp = import(path);
    let c = assert_loads_back(&imp, "seed");
    assert_eq!(c.title, "哈尔滨音乐学院学生会章程");
    assert_eq!(c.status.as_deref(), Some("草案"));
    let n = c.counts();
    assert_eq!((n.chapters, n.sections, n.articles), (7, 2, 35));
    // Both sections are in 第四章.
    let ch4 = c.divisions().into_iter().filter(|d| d.level == charter::model::Level::Chapter).nth(3).unwrap();
    let sections: Vec<&str> = ch4
        .body
        .iter()
        .filter_map(|n| match n {
            charter::import::INode::Division(d) => Some(d.title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(sections, ["主席团", "院学生会各部门"]);
    // The skipped （五） of 第二十一条 is reported at its line and column.
    let d = imp.diagnostics.iter().find(|d| d.code == "I030").unwrap_or_else(|| panic!("{:?}", codes(&imp)));
    assert!(d.message.contains("第二十一条") && d.message.contains("缺（五）"), "{}", d.message);
    let place = imp.sources.describe(d.span().unwrap());
    let line = std::fs::read_to_string(path).unwrap().lines().position(|l| l.starts_with("(六) 对学院党委")).unwrap();
    assert!(place.ends_with(&format!(":{}:1", line + 1)), "{place}");
    // The repair is also a comment in the YAML, where the item is.
    let yaml = imp.yaml.as_deref().unwrap();
    let comment = format!("# 导入：第二十一条的项号从（四）跳到（六），缺（五）（原稿第 {} 行）\n", line + 1);
    let at = yaml.find(&comment).unwrap_or_else(|| panic!("{yaml}"));
    assert!(yaml[at..].lines().nth(2).is_some_and(|l| l.trim() == "对学院党委、团委、学生会负责。"));
    // What is not the charter is skipped and said so; nothing else is wrong.
    assert_eq!(codes(&imp), ["I010", "I030", "I010"]);
    let rendered: String = imp
        .diagnostics
        .iter()
        .map(|d| charter::diagnostic::render(d, &imp.sources, false) + "\n")
        .collect::<String>()
        .replace(SEED, "SEED");
    insta::assert_snapshot!("seed_diagnostics", rendered);
}

/// The seed imports to the hand transcription in charter/charter.yaml,
/// text for text (that file's terms, ids and comments aside).
#[test]
fn seed_matches_the_example_transcription() {
    let path = Path::new(SEED);
    if !path.exists() {
        eprintln!("SKIP seed_matches_the_example_transcription: {SEED} is absent");
        return;
    }
    let imported = import(path).charter.unwrap().without_ids();
    let doc = charter::process(Path::new("charter/charter.yaml")).unwrap();
    let example = from_charter(doc.charter.as_ref().unwrap(), &doc.numbering).without_ids();
    let (a, b) = (imported.articles(), example.articles());
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "article {}", i + 1);
    }
    assert_eq!(imported.body, example.body);
}

// ----- the statutes -----

/// An independent, deliberately simple reading of a statute: each article's
/// text as printed (labels of items included), whitespace removed.
fn reference_articles(text: &str, markdown: bool) -> Vec<(String, String)> {
    let text = text.replace('\r', "");
    let mut lines: Vec<&str> = text.lines().collect();
    if markdown {
        let start = lines.iter().position(|l| l.contains("INFO END")).map_or(0, |i| i + 1);
        lines.drain(..start);
    } else {
        // Skip the table of contents: the body starts at the second "第一编".
        let starts: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim_start_matches('\u{3000}').starts_with("第一编"))
            .map(|(i, _)| i)
            .collect();
        lines.drain(..starts[1]);
    }
    let squash =
        |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '\u{200B}' && *c != '\u{FEFF}').collect::<String>();
    let mut out: Vec<(String, String)> = Vec::new();
    for l in lines {
        let mut t = squash(l);
        // Item labels are computed by the tool in the standard full-width
        // form; a source typing (一) gets （一）. The text is compared as is.
        if let Some(rest) = t.strip_prefix('(')
            && let Some((n, after)) = rest.split_once(')')
            && !n.is_empty()
            && n.chars().all(|c| "一二三四五六七八九十".contains(c))
        {
            t = format!("（{n}）{after}");
        }
        if t.is_empty() || l.starts_with('#') || l.starts_with("<!--") || t == "附则" {
            continue;
        }
        let label_end = t.find('条').filter(|&i| {
            t.starts_with('第') && t[3..i].chars().all(|c| "一二三四五六七八九十百千零".contains(c)) && i > 3
        });
        // An article line has a space after 第X条 in the source.
        let spaced = l
            .trim_start_matches(['\u{3000}', ' '])
            .split_once('条')
            .is_some_and(|(_, r)| r.starts_with(['\u{3000}', ' ']));
        match label_end {
            Some(i) if spaced => out.push((t[..i + '条'.len_utf8()].to_string(), t[i + '条'.len_utf8()..].to_string())),
            _ if !markdown
                && (t.starts_with('第')
                    && (t.contains('编') || t.contains('章') || t.contains('节'))
                    && t.len() < 100) => {}
            _ => {
                if let Some(last) = out.last_mut() {
                    last.1.push_str(&t);
                }
            }
        }
    }
    out
}

/// An imported article as printed, whitespace removed.
fn printed(a: &charter::import::IArticle) -> String {
    fn block(b: &IBlock, s: &mut String, depth: usize) {
        for (i, it) in b.items.iter().enumerate() {
            s.push_str(&if depth == 0 { item_label(i as u32 + 1) } else { subitem_label(i as u32 + 1) });
            s.push_str(&it.text);
            block(it, s, depth + 1);
        }
    }
    let mut s = a.heading.clone().unwrap_or_default();
    for p in &a.paragraphs {
        s.push_str(&p.text);
        block(p, &mut s, 0);
    }
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn statutes_import_with_their_counts_and_exact_text() {
    let dir = Path::new(LAWS);
    if !dir.exists() {
        eprintln!("SKIP statutes_import_with_their_counts_and_exact_text: {LAWS} is absent");
        return;
    }
    // (file, 编 incl. 附则, 分编, 章, 节, 条)
    let table = [
        ("civil-code_rag4legalqa.txt", 8, 8, 84, 37, 1260),
        ("lifafa-2015_lawrefbook.md", 0, 0, 6, 7, 105),
        ("lifafa-2023_lawrefbook.md", 0, 0, 6, 7, 120),
        ("gongsifa-2018_lawrefbook.md", 0, 0, 13, 11, 218),
        ("gongsifa-2023_lawrefbook.md", 0, 0, 15, 9, 266),
        ("gonghuifa-2021_lawrefbook.md", 0, 0, 7, 0, 58),
        ("shetuan-tiaoli-2016_lawrefbook.md", 0, 0, 7, 0, 37),
        ("xianfa-2018_lawrefbook.md", 0, 0, 4, 8, 143),
    ];
    for (name, parts, subparts, chapters, sections, articles) in table {
        let path = dir.join(name);
        let imp = import(&path);
        let c = assert_loads_back(&imp, name);
        let n = c.counts();
        assert_eq!(
            (n.parts, n.subparts, n.chapters, n.sections, n.articles),
            (parts, subparts, chapters, sections, articles),
            "{name}"
        );
        // No anomaly in a published statute.
        let warnings: Vec<String> = imp
            .diagnostics
            .iter()
            .filter(|d| d.severity != charter::Severity::Info)
            .map(|d| charter::diagnostic::render_short(d, &imp.sources))
            .collect();
        assert!(warnings.is_empty(), "{name}:\n{}", warnings.join("\n"));
        // Every article's text, character for character.
        let source = std::fs::read_to_string(&path).unwrap();
        let reference = reference_articles(&source, name.ends_with(".md"));
        let got = c.articles();
        assert_eq!(reference.len(), got.len(), "{name}: reference reading found {} articles", reference.len());
        for (k, ((label, text), a)) in reference.iter().zip(&got).enumerate() {
            assert_eq!(&printed(a), text, "{name}: {label} (article {})", k + 1);
        }
    }
    // The civil code: 7 numbered 编 and the unnumbered 附则; the 宪法's 序言.
    let civil = import(&dir.join("civil-code_rag4legalqa.txt")).charter.unwrap();
    let last = civil.divisions().into_iter().rfind(|d| d.level == charter::model::Level::Part).unwrap();
    assert!(last.unnumbered && last.title == "附则" && last.id == "fuze");
    assert_eq!(civil.history, ["2020年5月28日第十三届全国人民代表大会第三次会议通过"]);
    let xianfa = import(&dir.join("xianfa-2018_lawrefbook.md")).charter.unwrap();
    assert!(xianfa.preamble.len() >= 10, "{}", xianfa.preamble.len());
    assert!(xianfa.preamble[0].starts_with("中国是世界上历史最悠久的国家之一"));
    assert!(printed(xianfa.articles()[0]).starts_with("中华人民共和国是工人阶级领导的"));
}

#[test]
fn amendment_decision_is_not_a_charter() {
    let path = Path::new(LAWS).join("lifafa-2023-amendment-decision_whthomas.md");
    if !path.exists() {
        eprintln!("SKIP amendment_decision_is_not_a_charter: {LAWS} is absent");
        return;
    }
    let (code, stdout, stderr) = charter(&["import", "--color", "never", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("I004"), "{stderr}");
}

// ----- round trips -----

/// export --format text, then import: the same charter (ids, terms and —
/// without an issuer to sign with it — the date are not part of the text
/// layout).
#[test]
fn text_export_round_trip() {
    let path = "charter/charter.yaml";
    let doc = charter::process(Path::new(path)).unwrap();
    let c = doc.charter.as_ref().unwrap();
    let text = charter::export_text::to_text(c, &doc.numbering);
    let imp = import_bytes(Path::new("exported.txt"), text.as_bytes(), Options::default()).unwrap();
    let warnings: Vec<&str> =
        imp.diagnostics.iter().filter(|d| d.severity != charter::Severity::Info).map(|d| d.message.as_str()).collect();
    assert!(warnings.is_empty(), "{path}: {warnings:?}");
    let back = assert_loads_back(&imp, path).without_ids();
    assert_eq!(back, from_charter(c, &doc.numbering).without_ids().as_printed(), "{path}");
    // A generated charter with paragraphs, items and references.
    let yaml = charter::generate::charter_yaml(300, 5);
    let doc = charter::process_str("gen.yaml", &yaml);
    let c = doc.charter.as_ref().unwrap();
    let text = charter::export_text::to_text(c, &doc.numbering);
    let imp = import_bytes(Path::new("gen.txt"), text.as_bytes(), Options::default()).unwrap();
    let back = assert_loads_back(&imp, "generated").without_ids();
    assert_eq!(back, from_charter(c, &doc.numbering).without_ids().as_printed());
}

#[test]
fn text_export_of_the_cli() {
    let (code, stdout, _) = charter(&["export", "--format", "text", "charter/"]);
    assert_eq!(code, 1); // the example keeps the seed's defects
    assert!(stdout.starts_with("哈尔滨音乐学院学生会章程\n（草案）\n"), "{stdout}");
    assert!(stdout.contains("\n第一章\u{3000}总则\n"));
    assert!(stdout.contains("\u{3000}\u{3000}第二条\u{3000}本会的性质\n"));
    assert!(stdout.contains("\u{3000}\u{3000}（五）对学院党委、团委、学生会负责。\n"));
}

/// Inserted and repealed articles, sub-items, headings in 【】, a preamble
/// and an unnumbered 附则 survive export and import.
#[test]
fn rare_structures_round_trip() {
    let yaml = "title: 示例\nstatus: 修订草案\ndate: 2021-11-24\nissuer: |\n  示例会\n  示例大学团委\nhistory:\n  - 2021年11月24日通过\npreamble:\n  - |\n    为了……，制定本章程。\nbody:\n  - chapter: 总则\n    id: g\n    body:\n      - id: a\n        heading: 名称、住所\n        text: |\n          本会名称为示例会。\n      - id: b\n        inserted: true\n        text: |\n          插入的一条。\n      - id: c\n        repealed: true\n      - id: d\n        text: |\n          本会设下列机构：\n        items:\n          - text: |\n              主席团，包括：\n            items:\n              - |\n                主席；\n              - |\n                3名副主席。\n          - |\n            秘书处。\n      - id: e\n        paragraphs:\n          - |\n            第一款。\n          - |\n            第十条规定的人员，不受此限。\n  - chapter: 附则\n    id: f\n    unnumbered: true\n    body:\n      - id: z\n        text: |\n          本章程自通过之日起施行。\n";
    let doc = charter::process_str("rare.yaml", yaml);
    assert!(!doc.has_errors(), "{:?}", doc.diagnostics);
    let c = doc.charter.as_ref().unwrap();
    let text = charter::export_text::to_text(c, &doc.numbering);
    assert!(text.contains("第一条之一\u{3000}插入的一条。"), "{text}");
    assert!(text.contains("第二条\u{3000}（删去）"), "{text}");
    assert!(text.contains("第一条\u{3000}【名称、住所】"), "{text}");
    assert!(text.contains("2. 3名副主席。"), "{text}");
    assert!(text.ends_with("\n\n示例会\n示例大学团委\n2021年11月24日\n"), "the signature: {text}");
    let imp = import_bytes(Path::new("rare.txt"), text.as_bytes(), Options::default()).unwrap();
    let back = assert_loads_back(&imp, "rare").without_ids();
    assert_eq!(back, from_charter(c, &doc.numbering).without_ids(), "{text}");
    let ids: Vec<String> = imp.charter.unwrap().articles().iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids, ["art-1", "art-1-1", "art-2", "art-3", "art-4", "art-5"]);
}

// ----- Word -----

#[test]
fn docx_with_automatic_numbering() {
    let path = Path::new("tests/fixtures/import/charter.docx");
    let imp = import(path);
    assert_eq!(imp.format, charter::import::InputFormat::Docx);
    let c = assert_loads_back(&imp, "docx");
    assert_eq!(c.title, "示例大学学生会章程");
    assert_eq!(c.status.as_deref(), Some("草案"));
    let n = c.counts();
    assert_eq!((n.chapters, n.sections, n.articles), (3, 2, 8));
    let arts = c.articles();
    // 第二条 has a heading and items numbered by Word (（一）…（三）).
    assert_eq!(arts[1].heading.as_deref(), Some("本会的宗旨"));
    assert_eq!(arts[1].paragraphs[0].items.len(), 3);
    // Sub-items numbered by Word as 1. 2.
    assert_eq!(arts[3].paragraphs[0].items[0].items.len(), 2);
    // A typed (not automatic) article number among automatic ones.
    assert!(arts.iter().all(|a| !a.paragraphs.is_empty()));
    assert!(codes(&imp).contains(&"I014"), "{:?}", codes(&imp));
    // Word's second list restarts at （一） in 第五条.
    assert_eq!(arts[4].paragraphs[0].items[0].text, "组织学术活动；");
    // The fixture holds one tracked deletion (w:del): reported, not silent.
    assert!(codes(&imp).contains(&"I016"), "{:?}", codes(&imp));
    let warnings: Vec<&str> = imp
        .diagnostics
        .iter()
        .filter(|d| d.severity != charter::Severity::Info && d.code.as_str() != "I016")
        .map(|d| d.message.as_str())
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
}

// ----- encodings -----

#[test]
fn encodings_are_detected() {
    let utf8 = import(Path::new("tests/fixtures/import/gb18030.utf8.txt")).charter.unwrap();
    for name in ["gb18030.txt", "utf16le-bom.txt"] {
        let imp = import(&Path::new("tests/fixtures/import").join(name));
        assert_eq!(imp.charter.as_ref().unwrap(), &utf8, "{name}");
    }
    let gb = import(Path::new("tests/fixtures/import/gb18030.txt"));
    assert_eq!(gb.encoding, "GB18030");
    assert!(codes(&gb).contains(&"I001"));
    let n = utf8.counts();
    assert_eq!((n.chapters, n.articles), (2, 5));
}

/// CRLF, U+3000 indents, zero-width characters, page numbers, hard wraps,
/// a table of contents, Arabic article numbers, 一、 items, a wrapped
/// cross-reference and sub-items in one messy file.
#[test]
fn messy_text() {
    let imp = import(Path::new("tests/fixtures/import/messy.txt"));
    let c = assert_loads_back(&imp, "messy");
    assert_eq!(c.title, "示例协会章程");
    let n = c.counts();
    assert_eq!((n.chapters, n.articles), (3, 8), "{c:#?}");
    let arts = c.articles();
    assert_eq!(arts[0].paragraphs[0].text, "为了规范本会的组织和活动，依据有关法律法规和第五条的规定，制定本章程。");
    assert_eq!(arts[2].paragraphs[0].items.len(), 3);
    assert_eq!(arts[2].paragraphs[0].items[2].items.len(), 2);
    assert_eq!(arts[3].paragraphs.len(), 2);
    let all: String = arts.iter().map(|a| printed(a)).collect();
    assert!(!all.contains('\u{200B}') && !all.contains("- 2 -"));
    let mut c = codes(&imp);
    c.sort_unstable();
    assert_eq!(c, ["I011", "I012", "I051"], "{:#?}", imp.diagnostics);
}

/// Traditional script with Arabic numbers, run-on PDF text and Markdown
/// headings in a .txt file: each imports and its YAML loads back to the
/// same structure, notes on both versions of a repeated article included.
#[test]
fn fidelity_fixtures_load_back() {
    for (name, chapters, articles) in
        [("traditional.txt", 3, 9), ("pdf-runon.txt", 3, 7), ("markdown-in-text.txt", 2, 3)]
    {
        let imp = import(&Path::new("tests/fixtures/import").join(name));
        let c = assert_loads_back(&imp, name);
        let n = c.counts();
        assert_eq!((n.chapters, n.articles), (chapters, articles), "{name}");
    }
    let imp = import(Path::new("tests/fixtures/import/traditional.txt"));
    let yaml = imp.yaml.unwrap();
    assert!(yaml.contains("第 37 行和第 40 行），这是第一次") && yaml.contains("这是第二次"), "{yaml}");
    assert!(yaml.contains("id: art-4-1") && yaml.contains("本會定名為"), "{yaml}");
}

// ----- malformed inputs and the command line -----

#[test]
fn malformed_inputs_are_clear_errors() {
    let bin = tmp("program.bin");
    std::fs::write(&bin, [0x7F, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]).unwrap();
    let (code, stdout, stderr) = charter(&["import", bin.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty() && stderr.contains("不是文本文件"), "{stderr}");

    let empty = tmp("empty.txt");
    std::fs::write(&empty, "\r\n \u{3000}\n").unwrap();
    let (code, stdout, stderr) = charter(&["import", "--color", "never", empty.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty() && stderr.contains("错误[I003]: 文件是空的"), "{stderr}");

    let notice = tmp("notice.txt");
    std::fs::write(&notice, "关于召开学生代表大会的通知\n\n各系学生会：\n定于下周召开大会。\n").unwrap();
    let (code, _, stderr) = charter(&["import", "--color", "never", notice.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("错误[I004]") && stderr.contains("notice.txt:1:1"), "{stderr}");

    let (code, _, stderr) = charter(&["import", "does-not-exist.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("无法读取") && stderr.contains("文件不存在"), "{stderr}");

    let fake = tmp("fake.docx");
    std::fs::write(&fake, "plain text").unwrap();
    let (code, _, stderr) = charter(&["import", fake.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains(".docx"), "{stderr}");

    let (code, _, stderr) = charter(&["import", "--encoding", "klingon", "charter/charter.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("不认识的编码"), "{stderr}");
}

/// Where the data of member `name` lies in a ZIP file (from its local
/// header, found through the central directory).
fn member_data(zip: &[u8], name: &str) -> std::ops::Range<usize> {
    let u16_at = |at: usize| u16::from_le_bytes([zip[at], zip[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes([zip[at], zip[at + 1], zip[at + 2], zip[at + 3]]) as usize;
    let central = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    let mut at = central;
    loop {
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02", "{name} not in the archive");
        let name_len = u16_at(at + 28);
        if &zip[at + 46..at + 46 + name_len] == name.as_bytes() {
            let (size, local) = (u32_at(at + 20), u32_at(at + 42));
            let start = local + 30 + u16_at(local + 26) + u16_at(local + 28);
            return start..start + size;
        }
        at += 46 + name_len + u16_at(at + 30) + u16_at(at + 32);
    }
}

/// A .docx damaged in transit: every single changed byte of the document's
/// compressed data is refused (by inflate or by the CRC-32 check) or
/// changes nothing (padding bits after the last deflate block), never
/// imported as different text; the CLI says so in Chinese and exits 2.
#[test]
fn corrupted_docx_is_a_clear_error() {
    let good = std::fs::read("tests/fixtures/import/charter.docx").unwrap();
    let data = member_data(&good, "word/document.xml");
    let expected = import_bytes(Path::new("bad.docx"), &good, Options::default()).unwrap().yaml;
    let mut crc_errors = 0;
    for at in data.clone() {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        match import_bytes(Path::new("bad.docx"), &bad, Options::default()) {
            Ok(imp) => assert_eq!(imp.yaml, expected, "byte {at} changed, yet the .docx was imported differently"),
            Err(e) => {
                let m = e.to_string();
                assert!(m.contains("word/document.xml 已损坏"), "byte {at}: {m}");
                crc_errors += usize::from(m.contains("CRC"));
            }
        }
    }
    // Inflate alone lets many changes through: the CRC is what catches them.
    assert!(crc_errors > 0, "no corruption reached the CRC check");

    let mut bad = good.clone();
    bad[data.start + data.len() / 2] ^= 0x20;
    let path = tmp("corrupt.docx");
    std::fs::write(&path, &bad).unwrap();
    let (code, stdout, stderr) = charter(&["import", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("corrupt.docx") && stderr.contains("word/document.xml 已损坏"), "{stderr}");
}

#[test]
fn output_file_is_written_once_and_checks() {
    let out = tmp("out/charter.yaml");
    let _ = std::fs::remove_file(&out);
    let src = "tests/fixtures/import/messy.txt";
    let (code, stdout, stderr) = charter(&["import", src, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("已导入《示例协会章程》") && stderr.contains("已写入"), "{stderr}");
    let yaml = std::fs::read_to_string(&out).unwrap();
    // The editor's schema line first (no schema near a temp folder: the
    // fallback name next to the file), then where the charter came from.
    assert!(yaml.starts_with("# yaml-language-server: $schema="), "{yaml}");
    assert!(
        yaml.lines().nth(1).unwrap().starts_with("# 由 charter import 从 messy.txt 导入（纯文本，UTF-8）。"),
        "{yaml}"
    );
    let (code, stdout, _) = charter(&["check", "--color", "never", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    // No silent overwrite.
    let (code, _, stderr) = charter(&["import", src, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--force"), "{stderr}");
    let (code, _, _) = charter(&["import", src, "-o", out.to_str().unwrap(), "--force"]);
    assert_eq!(code, 0);
    // Deterministic: the same input gives the same bytes.
    let (_, a, _) = charter(&["import", src]);
    let (_, b, _) = charter(&["import", src]);
    assert_eq!(a, b);
    // Printed in the repository, the schema line finds docs/; the rest is
    // the same as the file's.
    assert!(a.starts_with("# yaml-language-server: $schema=docs/charter.schema.json\n"), "{a}");
    let body = |s: &str| s.split_once('\n').map(|(_, rest)| rest.to_string());
    assert_eq!(body(&a), body(&yaml));
}

#[test]
fn explain_knows_import_codes() {
    let (code, stdout, _) = charter(&["explain", "I030"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("项号不连续"), "{stdout}");
}

/// No input may panic: every truncation of the fixtures, random byte
/// changes, lines deleted, and hostile numbers.
#[test]
fn no_input_panics() {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for name in ["messy.txt", "gb18030.txt", "utf16le-bom.txt", "charter.docx"] {
        inputs.push((name.into(), std::fs::read(Path::new("tests/fixtures/import").join(name)).unwrap()));
    }
    let mut seed: u64 = 0x1234_5678;
    let mut rand = move |m: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m.max(1)
    };
    for (name, bytes) in &inputs {
        let path = PathBuf::from(name);
        for cut in (0..bytes.len()).step_by(7) {
            let _ = import_bytes(&path, &bytes[..cut], Options::default());
        }
        for _ in 0..200 {
            let mut b = bytes.clone();
            for _ in 0..1 + rand(4) {
                let i = rand(b.len());
                b[i] = rand(256) as u8;
            }
            let _ = import_bytes(&path, &b, Options::default());
        }
    }
    let text = String::from_utf8(inputs[0].1.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for skip in 0..lines.len() {
        let t: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, l)| *l).collect();
        let imp = import_bytes(Path::new("x.txt"), t.join("\n").as_bytes(), Options::default()).unwrap();
        if let Some(yaml) = &imp.yaml {
            assert_loads_back(&imp, &format!("messy.txt without line {}", skip + 1));
            assert!(!yaml.is_empty());
        }
    }
    for hostile in [
        "章程\n第4294967295条　甲。\n第4294967296条　乙。\n（四十二亿）丙\n",
        "章程\n第一条\n第一条\n第一条\n",
        "第一条",
        "附则\n附则\n第一章\n第一节\n第一编\n第一条　甲。\n（一）\n1.\n①\n",
        "目录\n第一章 总则\n第一章 总则\n",
        "# \n## 第一章\n### \n第一条 \\* \\\n",
    ] {
        for format in [charter::import::InputFormat::Text, charter::import::InputFormat::Markdown] {
            let imp = import_bytes(
                Path::new("h.txt"),
                hostile.as_bytes(),
                Options { format: Some(format), ..Options::default() },
            )
            .unwrap();
            if imp.yaml.is_some() {
                assert_loads_back(&imp, hostile);
            }
        }
    }
}

#[test]
fn internal_citations_become_references_unless_kept() {
    let src = tmp("citations.txt");
    std::fs::create_dir_all(src.parent().unwrap()).unwrap();
    std::fs::write(
        &src,
        "示例协会章程\n\n第一条 本会名称为示例协会。\n\n第二条 会员享有下列权利：\n（一）选举权；\n（二）被选举权。\n\n第三条 会员行使第二条第二项规定的权利，依照第一条的规定。\n\n本条第一款的规定适用于新会员。\n",
    )
    .unwrap();
    let (code, yaml, stderr) = charter(&["import", src.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    // The cited item and paragraph got ids; the citations are references.
    assert!(yaml.contains("- id: art-2-i2"), "{yaml}");
    assert!(yaml.contains("- id: art-3-p1"), "{yaml}");
    assert!(yaml.contains("会员行使[[art-2-i2]]规定的权利，依照[[art-1]]的规定。"), "{yaml}");
    assert!(yaml.contains("[[art-3-p1]]的规定适用于新会员"), "{yaml}");
    assert!(stderr.contains("3 处条文引用改为了 [[id]] 引用"), "{stderr}");
    // The printed text is what the source says.
    let out = tmp("citations.yaml");
    std::fs::write(&out, &yaml).unwrap();
    let (code, text, _) = charter(&["export", "--format", "text", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(text.contains("会员行使第二条第二项规定的权利，依照第一条的规定。"), "{text}");
    assert!(text.contains("本条第一款的规定适用于新会员。"), "{text}");
    // --keep-citations keeps the text as written.
    let (code, kept, stderr) = charter(&["import", "--keep-citations", src.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(kept.contains("会员行使第二条第二项规定的权利，依照第一条的规定。"), "{kept}");
    assert!(!kept.contains("[[") && !stderr.contains("条文引用改为"), "{kept}");
}
