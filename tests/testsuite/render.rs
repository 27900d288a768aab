//! `charter build`: the PDF (typst) and the HTML page, run through the
//! binary on the example charter and the fixtures in `fixtures/render/`.
//!
//! Every build uses `--no-system-fonts`, so the tests see what a machine
//! without any Chinese font sees (the embedded fonts only) and give the same
//! bytes everywhere. The PDF's text layer is read with the `pdf-extract`
//! crate and its bookmarks and links with `lopdf`: no external tool.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{articles, export, pdf_text, read, squash};

const BIN: &str = env!("CARGO_BIN_EXE_charter");
const EXAMPLE: &str = "charter/charter.yaml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/render").join(name)
}

/// A fresh, empty output folder for one test.
fn out_dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("charter-render-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn build(path: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(root()).arg("build").arg(path).arg("-o").arg(out).arg("--no-system-fonts").args(extra);
    cmd.env("NO_COLOR", "1");
    let o = cmd.output().unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn build_ok(path: &Path, out: &Path, extra: &[&str]) -> Run {
    let r = build(path, out, extra);
    assert_eq!(r.code, 0, "build failed:\n{}\n{}", r.stdout, r.stderr);
    r
}

fn items_text(items: &Value, out: &mut Vec<String>) {
    for it in items.as_array().into_iter().flatten() {
        out.push(format!("{}{}", it["label"].as_str().unwrap(), it["text"]["plain"].as_str().unwrap()));
        items_text(&it["items"], out);
    }
}

/// Everything an article prints: number, heading, paragraphs, items.
fn article_texts(a: &Value) -> Vec<String> {
    let mut out = vec![a["label"].as_str().unwrap().to_string()];
    if let Some(h) = a["heading"]["plain"].as_str() {
        out.push(h.to_string());
    }
    for p in a["paragraphs"].as_array().into_iter().flatten() {
        let t = p["text"]["plain"].as_str().unwrap();
        if !t.is_empty() {
            out.push(t.to_string());
        }
        items_text(&p["items"], &mut out);
    }
    out
}

fn bookmarks(pdf: &Path) -> Vec<(usize, String)> {
    let doc = lopdf::Document::load_mem(&read(pdf)).unwrap_or_else(|e| panic!("lopdf: {e}"));
    let toc = doc.get_toc().unwrap_or_else(|e| panic!("no bookmarks: {e}"));
    toc.toc.into_iter().map(|t| (t.level, t.title)).collect()
}

/// Targets of the link annotations: named destinations, or "page N" for
/// explicit ones.
fn link_targets(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load_mem(&read(pdf)).unwrap();
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        for annot in doc.get_page_annotations(page).unwrap_or_default() {
            let is_link = annot.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|n| n == b"Link");
            if !is_link {
                continue;
            }
            let dest = annot
                .get(b"Dest")
                .ok()
                .or_else(|| annot.get(b"A").ok().and_then(|a| a.as_dict().ok()).and_then(|a| a.get(b"D").ok()));
            out.push(match dest {
                Some(lopdf::Object::String(s, _)) => String::from_utf8_lossy(s).into_owned(),
                Some(lopdf::Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
                Some(_) => "page".to_string(),
                None => "none".to_string(),
            });
        }
    }
    out
}

fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_string()
        })
        .collect()
}

#[test]
fn example_pdf_has_every_article_and_its_text() {
    let out = out_dir("example");
    let r = build_ok(Path::new(EXAMPLE), &out, &["--force"]);
    assert!(r.stdout.contains("charter.pdf"), "{}", r.stdout);
    // Font families are resolved before compiling: typst warns of nothing.
    assert!(!r.stderr.contains("R011"), "{}", r.stderr);
    let text = pdf_text(&out.join("charter.pdf"));
    let ex = export(&root().join(EXAMPLE));
    let arts = articles(&ex);
    assert_eq!(arts.len(), 35);
    for n in 1..=35u32 {
        let label = format!("第{}条", charter::numerals::to_chinese(n));
        assert!(text.contains(&label), "{label} is missing from the PDF");
    }
    for a in &arts {
        for t in article_texts(a) {
            assert!(text.contains(&squash(&t)), "{}: “{t}” is missing from the PDF", a["label"]);
        }
    }
    assert!(text.contains(&squash(ex["title"].as_str().unwrap())));
    assert!(text.contains("目录"));
    // The example keeps the seed's defects: forced, the cover says so.
    let has_errors = charter::process(&root().join(EXAMPLE)).unwrap().has_errors();
    assert_eq!(text.contains("未通过检查"), has_errors);
}

#[test]
fn example_pdf_has_bookmarks_for_chapters_sections_and_articles() {
    let out = out_dir("bookmarks");
    build_ok(Path::new(EXAMPLE), &out, &["--force", "--format", "pdf"]);
    assert!(!out.join("charter.html").exists());
    let marks = bookmarks(&out.join("charter.pdf"));
    let titles: Vec<&str> = marks.iter().map(|(_, t)| t.as_str()).collect();
    for want in ["第一章　总则", "第四章　学院学生委员会", "第一节　主席团", "第七章　附则", "第一条", "第三十五条"]
    {
        assert!(titles.iter().any(|t| t.starts_with(want)), "no bookmark {want}: {titles:?}");
    }
    assert!(titles.contains(&"第二条　本会的性质"), "{titles:?}");
    let article_marks = titles.iter().filter(|t| t.starts_with('第') && t.contains('条')).count();
    assert_eq!(article_marks, 35);
    // Articles nest under their chapter.
    let ch1 = marks.iter().find(|(_, t)| t == "第一章　总则").unwrap().0;
    let a1 = marks.iter().find(|(_, t)| t == "第一条").unwrap().0;
    assert!(a1 > ch1);
}

#[test]
fn example_html_has_an_anchor_per_article_and_working_links() {
    let out = out_dir("html");
    build_ok(Path::new(EXAMPLE), &out, &["--force", "--format", "html"]);
    assert!(!out.join("charter.pdf").exists());
    let html = String::from_utf8(read(&out.join("charter.html"))).unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">"));
    let ids: BTreeSet<String> = attr_values(&html, "id").into_iter().collect();
    let ex = export(&root().join(EXAMPLE));
    for a in articles(&ex) {
        assert!(ids.contains(a["id"].as_str().unwrap()), "no anchor for {}", a["id"]);
        for t in article_texts(&a) {
            assert!(html.contains(&t), "“{t}” is missing from the page");
        }
    }
    let hrefs = attr_values(&html, "href");
    assert!(hrefs.len() > 35);
    for h in &hrefs {
        let target = h.strip_prefix('#').unwrap_or_else(|| panic!("external link {h}"));
        assert!(ids.contains(target), "link to #{target} has no target");
    }
    // Self-contained: no external resources, no script.
    for bad in ["<script", "<link", "src=", "http://", "https://", "@import"] {
        assert!(!html.contains(bad), "the page contains {bad}");
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("name=\"viewport\""));
}

#[test]
fn cross_references_are_links_in_pdf_and_html() {
    let out = out_dir("refs");
    // A short charter, printed full so that it has a table of contents.
    build_ok(&fixture("refs.yaml"), &out, &["--layout", "full"]);
    let ex = export(&fixture("refs.yaml"));
    // Every citation with a target, e.g. 第一条 in 第一条、第二条和第三条.
    let mut cited = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if m.get("type").and_then(Value::as_str) == Some("ref") {
                    for p in m["parts"].as_array().unwrap() {
                        if let Some(t) = p["target"].as_str() {
                            out.push(t.to_string());
                        }
                    }
                }
                m.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(&ex["body"], &mut cited);
    assert_eq!(cited.len(), 11, "{cited:?}");

    let links = link_targets(&out.join("refs.pdf"));
    // The table of contents links to each division, the text to each citation.
    assert_eq!(links.len(), 3 + cited.len(), "{links:?}");
    for id in ["duties", "basis", "members", "general", "council"] {
        assert!(links.iter().any(|l| l == id), "no link to {id}: {links:?}");
    }
    let text = pdf_text(&out.join("refs.pdf"));
    assert!(text.contains("见第一条、第二条和本条。"));
    assert!(text.contains("任期适用第一条至第三条。"));
    assert!(text.contains("第六条（删去）"));

    let html = String::from_utf8(read(&out.join("refs.html"))).unwrap();
    let ids: BTreeSet<String> = attr_values(&html, "id").into_iter().collect();
    for id in &cited {
        assert!(html.contains(&format!("<a href=\"#{id}\">")), "no link to #{id}");
        assert!(ids.contains(id), "no anchor {id}");
    }
    assert!(html.contains("<em>平等</em>") && html.contains("<strong>章程</strong>"));
}

#[test]
fn typst_markup_in_the_charter_prints_literally() {
    let out = out_dir("inject-typst");
    build_ok(&fixture("injection.yaml"), &out, &["--format", "pdf"]);
    let text = pdf_text(&out.join("injection.pdf"));
    let ex = export(&fixture("injection.yaml"));
    let mut expected = vec![ex["title"].as_str().unwrap().to_string(), ex["status"].as_str().unwrap().to_string()];
    expected.push(ex["body"][0]["title"].as_str().unwrap().to_string());
    for a in articles(&ex) {
        expected.extend(article_texts(&a));
    }
    for t in &expected {
        assert!(text.contains(&squash(t)), "“{t}” did not print literally:\n{text}");
    }
    for s in ["#set", "$x^2$", "@ref", "<lbl>", "//注释", "=等号", "\\与", "[方括号]", "#{1+1}", "*与下划线_"]
    {
        assert!(text.contains(s), "{s} is missing:\n{text}");
    }
}

#[test]
fn html_escapes_all_user_text() {
    let out = out_dir("inject-html");
    build_ok(&fixture("injection.yaml"), &out, &["--format", "html"]);
    let html = String::from_utf8(read(&out.join("injection.html"))).unwrap();
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(!html.contains("<b>"));
    assert!(!html.contains("</section><"));
    assert!(html.contains("&lt;script&gt;alert(1)"));
    assert!(html.contains("（&lt;b&gt;草案"));
    assert!(html.contains("1 &lt; 2 &gt; 0"));
    assert!(html.contains("a &amp;&amp; b"));
    assert!(html.contains("&quot;引号&quot;"));
    assert!(html.contains("&lt;/p&gt; 的文字"));
}

#[test]
fn raw_html_in_text_is_refused_and_never_emitted() {
    let dir = out_dir("raw-html-src");
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("c.yaml");
    std::fs::write(&src, "title: 章程\nbody:\n  - id: a\n    text: |\n      正文<script>alert(1)</script>结束。\n")
        .unwrap();
    let out = out_dir("raw-html");
    let r = build(&src, &out, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("Y027"));
    assert!(!out.exists());
    build_ok(&src, &out, &["--force"]);
    let html = String::from_utf8(read(&out.join("c.html"))).unwrap();
    assert!(!html.to_lowercase().contains("<script"));
}

#[test]
fn a_character_without_glyph_is_an_error_at_its_place() {
    let out = out_dir("glyph");
    let r = build(&fixture("missing_glyph.yaml"), &out, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("R001"), "{}", r.stderr);
    assert!(r.stderr.contains("“𠀀”（U+20000）"), "{}", r.stderr);
    assert!(r.stderr.contains("missing_glyph.yaml:8:17"), "{}", r.stderr);
    assert!(!out.exists(), "nothing is written");
    // HTML alone needs no fonts of ours: the reader's browser has its own.
    build_ok(&fixture("missing_glyph.yaml"), &out, &["--format", "html"]);
}

#[test]
fn builds_are_byte_identical() {
    let a = out_dir("det-a");
    let b = out_dir("det-b");
    for out in [&a, &b] {
        build_ok(Path::new(EXAMPLE), out, &["--force", "--watermark"]);
    }
    for f in ["charter.pdf", "charter.html"] {
        assert!(read(&a.join(f)) == read(&b.join(f)), "{f} differs between two builds");
    }
}

#[test]
fn refuses_a_charter_with_errors_unless_forced() {
    if !charter::process(&root().join(EXAMPLE)).unwrap().has_errors() {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            concat!("skipped: the example charter has no errors any more", "\n").as_bytes(),
        );
        return;
    }
    let out = out_dir("refuse");
    let r = build(Path::new(EXAMPLE), &out, &[]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert!(r.stderr.contains("错误["), "the errors are printed: {}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn a_clean_charter_builds_without_force_and_says_nothing_of_checks() {
    let out = out_dir("clean");
    build_ok(&fixture("refs.yaml"), &out, &[]);
    let text = pdf_text(&out.join("refs.pdf"));
    assert!(!text.contains("未通过检查"));
    assert!(text.contains("（修订草案）"));
    assert!(text.contains("（2020年5月4日第一次会员大会通过）"));
}

#[test]
fn a_projects_templates_override_the_built_in_ones() {
    let out = out_dir("project");
    build_ok(&fixture("project"), &out, &[]);
    let text = pdf_text(&out.join("charter.pdf"));
    assert!(text.contains("项目模板标记"), "{text}");
    assert!(text.contains("第一条本章程只有一条。"), "{text}");
    let html = String::from_utf8(read(&out.join("charter.html"))).unwrap();
    assert!(html.contains("项目网页模板：自定义模板章程"));
}

#[test]
fn a_broken_template_is_reported_in_the_template() {
    let out = out_dir("broken");
    let r = build(&fixture("broken"), &out, &["--format", "pdf"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("R010"), "{}", r.stderr);
    assert!(r.stderr.contains("templates/charter.typ:2:"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn pdf_a_2b() {
    let out = out_dir("pdfa");
    build_ok(&fixture("refs.yaml"), &out, &["--format", "pdf", "--pdf-standard", "a-2b"]);
    let bytes = read(&out.join("refs.pdf"));
    let has = |s: &[u8]| bytes.windows(s.len()).any(|w| w == s);
    assert!(has(b"pdfaid:part"), "no PDF/A identification");
    assert!(has(b"/StructTreeRoot"), "not tagged");
}

#[test]
fn metadata_title_language_and_date() {
    let out = out_dir("meta");
    build_ok(&fixture("refs.yaml"), &out, &["--format", "pdf"]);
    let doc = lopdf::Document::load_mem(&read(&out.join("refs.pdf"))).unwrap();
    let info = doc.trailer.get(b"Info").and_then(|o| o.as_reference()).unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, "引用测试章程（修订草案）");
    let date = lopdf::decode_text_string(info.get(b"CreationDate").unwrap()).unwrap();
    assert!(date.starts_with("D:20240315"), "{date}");
    let catalog = doc.catalog().unwrap();
    let lang = lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap();
    assert_eq!(lang, "zh-CN");
}

#[test]
fn font_path_that_does_not_exist_is_a_tool_error() {
    let out = out_dir("fontpath");
    let r = build(&fixture("refs.yaml"), &out, &["--font-path", "/no/such/folder"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("字体文件夹不存在"));
}

#[test]
fn font_path_fonts_come_first_and_replace_the_embedded_family() {
    let o = Command::new(BIN)
        .current_dir(root())
        .args(["build", "--list-fonts", "--no-system-fonts", "--font-path", "fonts"])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    // The fonts folder holds the same families as the embedded fonts: the
    // files found there are used and the embedded copies left out.
    assert!(s.contains("找到 3 个字体"), "{s}");
    assert!(s.contains("fonts/NotoSerifCJKsc-Regular.subset.otf"), "{s}");
    assert!(!s.contains("内置字体"), "{s}");
    assert!(s.contains("正文（仿宋）：Noto Serif CJK SC"), "{s}");
    assert!(s.contains("强调（楷体）：（无）"), "{s}");
}

#[test]
fn parts_subparts_and_inserted_articles_nest_in_the_bookmarks() {
    let out = out_dir("parts");
    build_ok(&fixture("parts.yaml"), &out, &["--format", "pdf"]);
    let marks = bookmarks(&out.join("parts.pdf"));
    let level =
        |t: &str| marks.iter().find(|(_, m)| m == t).map(|(l, _)| *l).unwrap_or_else(|| panic!("no {t}: {marks:?}"));
    assert!(level("第一编　总则") < level("第一章　基本规定"));
    assert!(level("第一章　基本规定") < level("第一条之一"));
    assert!(level("第一分编　通则") < level("第一节　第一部分"));
    assert!(level("第一节　第一部分") < level("第三条"));
    let text = pdf_text(&out.join("parts.pdf"));
    assert!(text.contains("第一条之一插入的条文，见第二条。"), "{text}");
    assert!(text.contains("第三条（删去）"));
    assert!(text.contains("附则第四条"));
}

#[test]
fn a_broken_html_template_is_reported_and_nothing_is_written() {
    let out = out_dir("broken-html");
    let r = build(&fixture("broken_html"), &out, &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("R020"), "{}", r.stderr);
    assert!(r.stderr.contains("templates/charter.html.j2:"), "{}", r.stderr);
    // The PDF rendered fine, but nothing is written when any output fails.
    assert!(!out.exists());
}

/// Full-width punctuation is kept full width by a box per mark (with a
/// word joiner before it, so it never starts a line): the text layer still
/// reads as written, with no joiner leaking into it.
#[test]
fn full_width_punctuation_reads_as_written() {
    let out = out_dir("punct");
    build_ok(Path::new("charter/drafts/revised.yaml"), &out, &["--force", "--format", "pdf"]);
    let text = pdf_text(&out.join("revised.pdf"));
    for s in ["章程建设，推动学生会组织制度化规范化发展，依据", "行使民主权利、参与学校治理和监督的组织形式。"]
    {
        assert!(text.contains(s), "“{s}” is missing:\n{text}");
    }
    assert!(!text.contains('\u{2060}'), "a word joiner in the text layer");
}

/// The closing signature: issuer lines, then the date, after the last
/// article — in the PDF and in the HTML page.
#[test]
fn the_signature_prints_after_the_last_article() {
    let dir = out_dir("signature");
    std::fs::create_dir_all(&dir).unwrap();
    let yaml = dir.join("sig.yaml");
    std::fs::write(
        &yaml,
        "title: 某某协会章程\ndate: 2021-11-24\nissuer: |\n  某某协会理事会\n  某某大学团委\nbody:\n  - id: a\n    text: 本章程由理事会负责解释。\n",
    )
    .unwrap();
    let out = dir.join("out");
    build_ok(&yaml, &out, &[]);
    let text = pdf_text(&out.join("sig.pdf"));
    assert!(text.ends_with("本章程由理事会负责解释。某某协会理事会某某大学团委2021年11月24日"), "{text}");
    let html = std::fs::read_to_string(out.join("sig.html")).unwrap();
    let sig = html.split("<div class=\"signature\">").nth(1).unwrap_or_default();
    assert!(sig.starts_with("\n<p>某某协会理事会</p>\n<p>某某大学团委</p>\n<p>2021年11月24日</p>"), "{html}");
    // Without an issuer, no signature (the example has a date only).
    let ex = std::fs::read_to_string(root().join("tests/fixtures/render/../../../charter/charter.yaml")).unwrap();
    assert!(!ex.contains("issuer:"));
}

/// The HTML table of contents: number and title in their own boxes, so a
/// wrapped title lines up after its number (a hanging indent); titles and
/// history lines wrap in balanced lines.
#[test]
fn html_toc_has_a_hanging_indent() {
    let out = out_dir("toc");
    build_ok(Path::new(EXAMPLE), &out, &["--force", "--format", "html"]);
    let html = std::fs::read_to_string(out.join("charter.html")).unwrap();
    assert!(html.contains("<span class=\"n\">第一章</span><span>总则</span></a>"), "{html}");
    assert!(html.contains("nav.toc a .n { flex: none;") && html.contains("h1, .history { text-wrap: balance; }"));
}

/// A charter of `articles` articles in three chapters, `extra` lines added
/// to its top level.
fn chaptered(articles: usize, extra: &str) -> String {
    let mut y = format!("title: 某某市摄影家协会章程\nstatus: 草案\n{extra}body:\n");
    for a in 0..articles {
        if a % 6 == 0 {
            y.push_str(&format!("  - id: ch{a}\n    chapter: 第{}部分\n    body:\n", a / 6 + 1));
        }
        y.push_str(&format!("      - id: a{a}\n        text: 本会依照章程开展工作，接受全体会员监督。\n"));
    }
    y
}

/// The page count `build` reports: 已生成 …（N 页）.
fn pages(stdout: &str) -> usize {
    let at = stdout.find("页）").unwrap_or_else(|| panic!("no page count: {stdout}"));
    let digits: String =
        stdout[..at].chars().rev().skip_while(|c| *c == ' ').take_while(char::is_ascii_digit).collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

/// Up to 20 articles print short (no cover, no table of contents, no blank
/// pages); more print full; `layout:` in the file and `--layout` (which
/// wins) choose either way.
#[test]
fn short_charters_print_without_cover_and_contents() {
    let dir = out_dir("layout");
    std::fs::create_dir_all(&dir).unwrap();
    let run = |name: &str, yaml: &str, extra: &[&str]| {
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, yaml).unwrap();
        let out = dir.join(name);
        let mut args = vec!["--format", "pdf"];
        args.extend_from_slice(extra);
        let r = build_ok(&path, &out, &args);
        (pages(&r.stdout), pdf_text(&out.join(format!("{name}.pdf"))))
    };
    let (short, text) = run("seventeen", &chaptered(17, ""), &[]);
    assert!(!text.contains("目录"), "a short charter has no table of contents");
    // The title once (no cover), on page 1 with the text.
    assert_eq!(text.matches("某某市摄影家协会章程").count(), 1, "{text}");
    let (full, text) = run("seventeen-full", &chaptered(17, ""), &["--layout", "full"]);
    assert!(text.contains("目录") && text.matches("某某市摄影家协会章程").count() == 2, "{text}");
    // Cover, blank, contents, blank, then the text: four pages more.
    assert_eq!(full, short + 4, "short {short} pages, full {full}");
    assert!(short <= 2, "17 short articles: {short} pages");
    let (_, text) = run("in-file", &chaptered(17, "layout: full\n"), &[]);
    assert!(text.contains("目录"), "layout: full in the file");
    let (_, text) = run("flag-wins", &chaptered(17, "layout: full\n"), &["--layout", "short"]);
    assert!(!text.contains("目录"), "--layout short wins over the file");
    let (_, text) = run("long", &chaptered(21, ""), &[]);
    assert!(text.contains("目录"), "21 articles print full");
    let (_, text) = run("long-short", &chaptered(21, "layout: short\n"), &[]);
    assert!(!text.contains("目录"), "layout: short in the file");
    // A layout the loader does not know is an error with the two names.
    let path = dir.join("bad.yaml");
    std::fs::write(&path, chaptered(3, "layout: shrot\n")).unwrap();
    let r = build(&path, &dir.join("bad"), &[]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("Y036") && r.stderr.contains("“short”"), "{}", r.stderr);
}
