//! `charter disclosure`: the reform disclosure end to end — exit codes,
//! located messages on bad input, the PDF's and the HTML's content, name
//! masking, determinism.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use crate::common::{charter, pdf_text, read};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("charter-disclosure-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A project folder with the example charter and `disclosure` as its
/// disclosure.yaml.
fn project(test: &str, disclosure: &Path) -> PathBuf {
    let d = scratch(test);
    std::fs::copy(root().join("charter/charter.yaml"), d.join("charter.yaml")).unwrap();
    std::fs::copy(disclosure, d.join("disclosure.yaml")).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_example_is_refused_without_force_and_reports_the_seeds_contradictions() {
    let out = scratch("refused");
    let (code, stdout, stderr) =
        charter(&["disclosure", "charter", "-o", s(&out), "--color", "never", "--no-system-fonts"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("D010") && stderr.contains("校级自评第 10 项手填为“是”，按数据应为“否”"), "{stderr}");
    assert!(stderr.contains("D020"), "{stderr}");
    assert!(stderr.contains("没有生成文件"), "{stderr}");
    assert!(std::fs::read_dir(&out).unwrap().next().is_none(), "files written despite errors");
}

#[test]
fn check_only() {
    let (code, stdout, stderr) = charter(&["disclosure", "charter", "--check", "--color", "never"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("改革情况公开："), "{stderr}");
}

#[test]
fn forced_pdf_and_html_in_the_forms_order_with_tables() {
    let out = scratch("forced");
    let (code, stdout, stderr) =
        charter(&["disclosure", "charter", "--force", "-o", s(&out), "--color", "never", "--no-system-fonts"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let html = String::from_utf8(read(&out.join("disclosure.html"))).unwrap();
    let headings = [
        "一、改革自评表",
        "二、《哈尔滨音乐学院学生会章程》（草案）",
        "三、校级组织工作机构组织架构图",
        "四、校级组织工作人员名单",
        "五、校级组织主席团成员候选人产生办法及选举办法",
        "六、校级学生（研究生）代表大会召开情况",
        "七、校级学生（研究生）代表大会代表产生办法",
        "八、校团委指导学生会主要责任人",
    ];
    let mut at = 0;
    for h in headings {
        let i = html[at..].find(h).unwrap_or_else(|| panic!("{h} missing or out of order"));
        at += i;
    }
    assert!(html.contains("<table class=\"school\">") && html.contains("<table class=\"roster\">"));
    assert!(html.contains("<svg") && html.contains("综合事务部</text>"));
    assert!(html.contains("第二十九条") && html.contains("马怡佳"));
    assert!(html.contains("class=\"disagree\""));
    let text = pdf_text(&out.join("disclosure.pdf"));
    let mut at = 0;
    for h in headings {
        let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
        let i = text[at..].find(&h).unwrap_or_else(|| panic!("PDF: {h} missing or out of order"));
        at += i;
    }
    assert!(text.contains("佟若源") && text.contains("16/33") && text.contains("人工填写"), "{text}");
    assert!(text.contains("第2行（佟若源）排名16/33，即前48.5%"), "{text}");
    assert!(text.contains("文艺体育部"), "the chart's boxes");
}

#[test]
fn masked_names_in_the_html_only() {
    let out = scratch("masked");
    let (code, _, stderr) = charter(&[
        "disclosure",
        "charter",
        "--force",
        "--mask-names",
        "-o",
        s(&out),
        "--color",
        "never",
        "--no-system-fonts",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let html = String::from_utf8(read(&out.join("disclosure.html"))).unwrap();
    assert!(html.contains("马**") && html.contains("于**"));
    for name in ["马怡佳", "佟若源", "李安文", "唐浩栋", "孟欣", "王一龙", "杨涵", "史仟伊", "于博瀛"]
    {
        assert!(!html.contains(name), "{name} in the masked HTML");
    }
    assert!(pdf_text(&out.join("disclosure.pdf")).contains("马怡佳"));
}

#[test]
fn deterministic() {
    let a = scratch("det-a");
    let b = scratch("det-b");
    for o in [&a, &b] {
        let (code, _, stderr) =
            charter(&["disclosure", "charter", "--force", "-o", s(o), "--color", "never", "--no-system-fonts"]);
        assert_eq!(code, 0, "{stderr}");
    }
    assert_eq!(read(&a.join("disclosure.pdf")), read(&b.join("disclosure.pdf")));
    assert_eq!(read(&a.join("disclosure.html")), read(&b.join("disclosure.html")));
}

#[test]
fn bad_input_is_located_and_exits_1() {
    for (case, expect) in [
        ("rank_format", "disclosure.yaml:13:13"),
        ("unknown_department", "工作部门“学习纪检部”不存在"),
        ("bad_date", "“2021.11”不是日期"),
    ] {
        let p = project(case, &root().join(format!("tests/fixtures/disclosure/bad/{case}.yaml")));
        let (code, _, stderr) = charter(&["disclosure", s(&p), "--check", "--color", "never"]);
        assert_eq!(code, 1, "{case}: {stderr}");
        assert!(stderr.contains(expect), "{case}: {stderr}");
    }
}

#[test]
fn no_charter_is_a_tool_error() {
    let d = scratch("nocharter");
    std::fs::copy(root().join("tests/fixtures/disclosure/bad/bad_date.yaml"), d.join("disclosure.yaml")).unwrap();
    let (code, _, stderr) = charter(&["disclosure", s(&d), "--check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("找不到改革情况公开所附的章程"), "{stderr}");
}

#[test]
fn schema_for_editors() {
    let (code, stdout, _) = charter(&["schema", "--disclosure"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["title"], "charter 改革情况公开文件");
    assert_eq!(stdout, String::from_utf8(read(&root().join("docs/disclosure.schema.json"))).unwrap());
}
