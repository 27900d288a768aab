//! Charters in Traditional script (`script: traditional`), end to end: a
//! fictional Hong Kong students' union constitution and its revised draft
//! (tests/fixtures/traditional/) through check, build (PDF with the
//! embedded fonts only, HTML, Word), export, diff, amend → apply, and
//! import of a Traditional text.

use std::path::{Path, PathBuf};

use crate::common::{articles, charter, export, pdf_text, zip_member};

const OLD: &str = "tests/fixtures/traditional/old.yaml";
const NEW: &str = "tests/fixtures/traditional/new.yaml";

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("charter-traditional-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

/// Every printed text (`plain`) under a JSON value, in order.
fn plains(v: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("plain", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => out.extend(plains(x)),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| out.extend(plains(x))),
        _ => {}
    }
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn both_drafts_check_clean() {
    for f in [OLD, NEW] {
        let (code, out, err) = charter(&["check", f, "--color", "never"]);
        assert_eq!(code, 0, "{f}: {out}{err}");
    }
}

#[test]
fn export_labels_and_citations_are_traditional() {
    let v = export(Path::new(OLD));
    assert_eq!(v["script"], "traditional");
    let arts = articles(&v);
    let labels: Vec<&str> = arts.iter().filter_map(|a| a["label"].as_str()).collect();
    assert_eq!(labels[0], "第一條");
    assert_eq!(labels[13], "第十四條");
    assert!(labels.iter().all(|l| l.ends_with('條') && !l.contains('条')), "{labels:?}");
    let chapters: Vec<&str> = v["body"].as_array().into_iter().flatten().filter_map(|c| c["label"].as_str()).collect();
    assert_eq!(chapters, ["第一章", "第二章", "第三章", "第四章", ""]);
    let plain = |i: usize| arts[i]["paragraphs"][0]["text"]["plain"].as_str().unwrap_or_default().to_string();
    // [[referendum]], [[fees]], [[general-meeting]], [[council-power]]
    // (item 3), [[name..seat]].
    assert!(plain(4).contains("依照第八條之規定") || articles(&v)[4].to_string().contains("第八條"), "{}", plain(4));
    assert!(plain(5).contains("並依第十三條繳交會費"), "{}", plain(5));
    assert!(plain(13).contains("提交第三章第一節省覽"), "{}", plain(13));
    assert!(plain(14).contains("第十條第三項所定之解釋，不得與第一條至第三條相抵觸"), "{}", plain(14));
    // The Simplified default exports no `script`.
    assert!(export(Path::new("charter/charter.yaml")).get("script").is_none());
}

/// The PDF with the embedded fonts only: every Traditional character has a
/// glyph (no R001), and the generated words are Traditional.
#[test]
fn pdf_html_and_word_print_traditional_words() {
    let dir = tmp("build");
    let dir_s = dir.to_string_lossy().into_owned();
    let (code, out, err) =
        charter(&["build", OLD, "-o", &dir_s, "--format", "pdf,html,docx", "--no-system-fonts", "--color", "never"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("R001") && !out.contains("R001"), "{out}{err}");
    let text = pdf_text(&dir.join("old.pdf"));
    for want in ["目錄", "第一章總則", "第一條名稱", "第三章組織", "第一節全民大會", "第十六條生效", "附則", "（草案）"]
    {
        assert!(text.contains(want), "PDF lacks {want}: {text}");
    }
    assert!(!text.contains("第一条") && !text.contains("目录") && !text.contains("第一节"), "{text}");
    let html = read(&dir.join("old.html"));
    assert!(html.contains(r#"<html lang="zh-Hant">"#), "{html}");
    assert!(html.contains(">目錄</h2>"), "{html}");
    assert!(html.contains("第十四條") && !html.contains("第十四条"));
    let docx = charter::import::import_bytes(
        Path::new("old.docx"),
        &std::fs::read(dir.join("old.docx")).unwrap_or_else(|e| panic!("{e}")),
        Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let yaml = docx.yaml.unwrap_or_default();
    // Word's text reads back as a Traditional charter.
    assert!(yaml.contains("script: traditional"), "{yaml}");
    // And Word is told the language: 繁體中文 (zh-TW), not zh-CN.
    let member = |name: &str| zip_member(&dir.join("old.docx"), name);
    let styles = member("word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="zh-TW""#) && !styles.contains("zh-CN"), "{styles}");
    assert!(member("docProps/core.xml").contains("<dc:language>zh-TW</dc:language>"));
}

/// The 修改对照表 (PDF and web page), the congress packet (PDF and Word)
/// and the 修改说明 print their fixed words in the charter's script:
/// 修改對照表, 修改後, 說明, 目錄, 審議 — not the Simplified forms.
#[test]
fn table_packet_and_statement_words_are_traditional() {
    let dir = tmp("packet");
    let d = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let run = |args: &[&str]| {
        let (code, out, err) = charter(args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    };
    run(&["diff", OLD, NEW, "--format", "pdf", "-o", &d("diff.pdf"), "--no-system-fonts"]);
    run(&["diff", OLD, NEW, "--format", "html", "-o", &d("diff.html")]);
    run(&["packet", OLD, NEW, "-o", &d("packet.pdf"), "--no-system-fonts"]);
    run(&["packet", OLD, NEW, "--format", "docx", "-o", &d("packet.docx")]);
    let docx = {
        let s = zip_member(&dir.join("packet.docx"), "word/document.xml");
        // Runs joined, so that a word split over runs is found.
        s.split("<w:t")
            .filter_map(|t| t.split_once('>').map(|(_, r)| r.split("</w:t>").next().unwrap_or("")))
            .collect::<String>()
    };
    let html = read(&dir.join("diff.html"));
    assert!(html.contains(r#"<html lang="zh-Hant">"#), "{html}");
    let docs = [
        ("diff.pdf", pdf_text(&dir.join("diff.pdf"))),
        ("diff.html", html),
        ("packet.pdf", pdf_text(&dir.join("packet.pdf"))),
        ("packet.docx", docx),
    ];
    for (name, text) in &docs {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains("修改對照") && flat.contains("修改後"), "{name}: {flat}");
        for simplified in
            ["修改对照", "修改后", "说明", "条文", "序号", "删除", "仅序号", "核对", "审议", "待补充", "目录"]
        {
            assert!(!flat.contains(simplified), "{name} prints {simplified}: {flat}");
        }
        // The legend quotes in the script's marks (the web page has none).
        if *name != "diff.html" {
            assert!(flat.contains("「……」表示未修改"), "{name}: {flat}");
            assert!(!flat.contains("“……”"), "{name}: {flat}");
        }
    }
}

#[test]
fn diff_labels_follow_the_script() {
    let (code, out, err) = charter(&["diff", OLD, NEW, "--color", "never"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(out.contains("第二條  修改"), "{out}");
    assert!(out.contains("原第十二條  删除"), "{out}");
    assert!(out.contains("第六條引用的第九條的内容已修改"), "{out}");
    assert!(!out.contains("第二条"), "{out}");
}

/// amend writes the decision in Traditional with 「」; apply reads it back
/// and reproduces the revised draft.
#[test]
fn amend_then_apply_round_trip() {
    let dec = tmp("decision.txt");
    let dec_s = dec.to_string_lossy().into_owned();
    let (code, _, err) = charter(&["amend", OLD, NEW, "--body", "香港示例大學學生會全民大會", "-o", &dec_s]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("A020"), "{err}");
    let text = read(&dec);
    assert!(text.starts_with("關於修改《香港示例大學學生會會章》的決定\n"), "{text}");
    assert!(text.contains("（2025年3月12日香港示例大學學生會全民大會通過）"), "{text}");
    assert!(text.contains("香港示例大學學生會全民大會決定對《香港示例大學學生會會章》作如下修改："), "{text}");
    assert!(text.contains("將第二條中的「文化及康樂活動」修改為「文化、體育及康樂活動」。"), "{text}");
    assert!(text.contains("增加一條，作為第四條：「【會徽】"), "{text}");
    assert!(text.contains("刪去第十二條。"), "{text}");
    assert!(text.contains("此外，對條文順序和條文中引用的條文序號作相應調整。"), "{text}");
    assert!(!text.contains(['“', '”', '条', '为']), "{text}");

    let out = tmp("adopted.yaml");
    let out_s = out.to_string_lossy().into_owned();
    let (code, stdout, err) = charter(&["apply", OLD, &dec_s, "-o", &out_s]);
    assert_eq!(code, 0, "{stdout}{err}");
    let yaml = read(&out);
    assert!(yaml.contains("\nscript: traditional\n"), "{yaml}");
    assert!(
        yaml.contains("根據2025年3月12日香港示例大學學生會全民大會《關於修改〈香港示例大學學生會會章〉的決定》修正"),
        "{yaml}"
    );
    // The adopted text prints as the revised draft.
    let (a, b) = (export(&out), export(Path::new(NEW)));
    assert_eq!(articles(&a).len(), articles(&b).len());
    for (x, y) in articles(&a).iter().zip(articles(&b).iter()) {
        assert_eq!(x["label"], y["label"]);
        assert_eq!(plains(&x["paragraphs"]), plains(&y["paragraphs"]), "{}", x["label"]);
    }
}

/// A hand-written decision: Traditional wording with “” quotes, and
/// Simplified wording on a Traditional charter, both apply; a quotation's
/// nested 『』 become the charter's 「」.
#[test]
fn apply_reads_either_script_and_either_quotes() {
    let decisions = [
        "關於修改《香港示例大學學生會會章》的決定\n\n全民大會決定對《香港示例大學學生會會章》作如下修改：\n\n\
         一、將第十三條中的“一百元”修改為“一百五十元”。\n\n二、將第一條修改為：「本會定名為『香港示例大學學生會』。」\n",
        "关于修改《香港示例大學學生會會章》的决定\n\n全民大会决定对《香港示例大學學生會會章》作如下修改：\n\n\
         一、将第十三条中的“一百元”修改为“一百五十元”。\n\n二、将第一条修改为：“本會定名為「香港示例大學學生會」。”\n",
    ];
    for (k, d) in decisions.iter().enumerate() {
        let dec = tmp(&format!("hand-{k}.txt"));
        std::fs::write(&dec, d).unwrap_or_else(|e| panic!("{e}"));
        let out = tmp(&format!("hand-{k}.yaml"));
        let (dec_s, out_s) = (dec.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
        let (code, stdout, err) = charter(&["apply", OLD, &dec_s, "-o", &out_s, "--color", "never"]);
        assert_eq!(code, 0, "{k}: {stdout}{err}");
        let arts = articles(&export(&out));
        let plain = |i: usize| arts[i]["paragraphs"][0]["text"]["plain"].as_str().unwrap_or_default().to_string();
        assert_eq!(plain(0), "本會定名為「香港示例大學學生會」。", "{k}");
        assert!(plain(12).contains("港幣一百五十元"), "{k}: {}", plain(12));
    }
    // A decision error points into the text as written (same offsets).
    let bad = tmp("bad.txt");
    std::fs::write(
        &bad,
        "全民大會決定對《香港示例大學學生會會章》作如下修改：\n\n一、將第十三條中的「一百元」修改為「一百五十元\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = charter(&["apply", OLD, &bad.to_string_lossy(), "--color", "never"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("將第十三條中的「一百元」修改為「一百五十元"), "the source line as written: {err}");
}

#[test]
fn import_of_a_traditional_text_sets_the_script() {
    let out = tmp("imported.yaml");
    let out_s = out.to_string_lossy().into_owned();
    let (code, _, err) =
        charter(&["import", "tests/fixtures/import/traditional.txt", "-o", &out_s, "--color", "never"]);
    assert!(code == 0 || code == 1, "{err}");
    let yaml = read(&out);
    assert!(yaml.contains("\nscript: traditional"), "{yaml}");
    let v = export(&out);
    assert_eq!(v["script"], "traditional");
    assert_eq!(articles(&v)[0]["label"], "第一條");
    // A Simplified text gets no `script`.
    let s = tmp("imported-simplified.yaml");
    let s_s = s.to_string_lossy().into_owned();
    let (code, _, err) = charter(&["import", "tests/fixtures/import/gb18030.txt", "-o", &s_s, "--color", "never"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(!read(&s).contains("script:"));
}

/// The checker on a Traditional charter: a hand-typed 第十三條 is a
/// citation (CH006, fixed to [[fees]]), “” quotes are the wrong ones
/// (CH024, fixed to 「」).
#[test]
fn checker_reads_traditional_citations_and_quotes() {
    let src = read(Path::new(OLD))
        .replace("並依[[fees]]繳交會費", "並依第十三條繳交會費")
        .replace("以下簡稱「本會」", "以下簡稱“本會”");
    let f = tmp("lint.yaml");
    std::fs::write(&f, &src).unwrap_or_else(|e| panic!("{e}"));
    let f_s = f.to_string_lossy().into_owned();
    let (code, out, err) = charter(&["check", &f_s, "--color", "never"]);
    let all = format!("{out}{err}");
    assert!(code == 0 || code == 1, "{all}");
    assert!(all.contains("CH006") && all.contains("手写的序号“第十三條”"), "{all}");
    assert!(all.contains("CH024") && all.contains("改为直角引号「」"), "{all}");
    let (code, out, err) = charter(&["check", &f_s, "--fix", "--color", "never"]);
    assert!(code == 0 || code == 1, "{out}{err}");
    let fixed = read(&f);
    assert!(fixed.contains("並依[[fees]]繳交會費"), "{fixed}");
    assert!(fixed.contains("以下簡稱「本會」"), "{fixed}");
}

/// The decision's PDF and web page declare its script: keywords
/// 修改決定 (in the PDF's metadata, written as UTF-8 XMP) and
/// `lang="zh-Hant"`.
#[test]
fn decision_documents_declare_the_script() {
    let dir = tmp("decision-docs");
    let d = |name: &str| dir.join(name).to_string_lossy().into_owned();
    for (format, name) in [("pdf", "decision.pdf"), ("html", "decision.html")] {
        let (code, out, err) = charter(&["amend", OLD, NEW, "--format", format, "-o", &d(name), "--no-system-fonts"]);
        assert_eq!(code, 0, "{format}: {out}{err}");
    }
    let pdf = std::fs::read(dir.join("decision.pdf")).expect("pdf");
    let has = |needle: &str| pdf.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(has("修改決定") && !has("修改决定"), "the PDF's keywords are not in Traditional");
    let html = read(&dir.join("decision.html"));
    assert!(html.contains(r#"<html lang="zh-Hant">"#), "{html}");
}
