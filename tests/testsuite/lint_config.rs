//! The checker's configuration (`lint.yaml`) and `allow:` suppressions.

use std::path::{Path, PathBuf};

use charter::{Document, Severity};

const CHARTER: &str = "title: 测试学生会章程
body:
  - id: basis
    text: |
      会员在遇到困难时, 有权请求本会的帮助。
  - id: other
    text: |
      加强与兄弟院校的交流 and 联系。
";

fn check(charter: &str, config: Option<&str>) -> Document {
    charter::process_text(
        Path::new("charter.yaml"),
        charter,
        config.map(|c| (PathBuf::from("lint.yaml"), c.to_string())),
    )
}

fn codes(doc: &Document) -> Vec<(&'static str, Severity)> {
    doc.diagnostics.iter().map(|d| (d.code.as_str(), d.severity)).collect()
}

fn place(doc: &Document, code: &str) -> String {
    let d = doc.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("no {code}: {:?}", codes(doc)));
    doc.sources.describe(d.span().unwrap_or_default())
}

#[test]
fn defaults() {
    let doc = check(CHARTER, None);
    assert_eq!(codes(&doc), vec![("CH020", Severity::Warning), ("CH022", Severity::Warning)]);
}

#[test]
fn rules_off_and_severities() {
    let doc = check(CHARTER, Some("rules:\n  CH020: off\n  latin-word: error\n"));
    assert_eq!(codes(&doc), vec![("CH022", Severity::Error)]);
    assert!(doc.has_errors());
    let doc = check(CHARTER, Some("rules:\n  CH022:\n    level: info\n"));
    assert_eq!(codes(&doc), vec![("CH020", Severity::Warning), ("CH022", Severity::Info)]);
}

#[test]
fn unknown_rule_is_an_error_with_its_place() {
    let doc = check(CHARTER, Some("rules:\n  CH020: off\n  CH99: off\n"));
    assert_eq!(place(&doc, "Y050"), "lint.yaml:3:3");
    assert!(doc.has_errors());
    let d = doc.diagnostics.iter().find(|d| d.code == "Y050").unwrap_or_else(|| panic!());
    assert!(d.message.contains("CH99"));
}

#[test]
fn unknown_option_and_bad_values() {
    let doc = check(CHARTER, Some("rules:\n  CH013:\n    outsid: [校团委]\n"));
    assert_eq!(place(&doc, "Y051"), "lint.yaml:3:5");
    assert!(doc.diagnostics.iter().any(|d| d.hints.iter().any(|h| h.contains("outside"))));
    let doc = check(CHARTER, Some("rules:\n  CH013:\n    outside: 3\n"));
    assert_eq!(place(&doc, "Y052"), "lint.yaml:3:14");
    let doc = check(CHARTER, Some("rules:\n  CH020: loud\n"));
    assert_eq!(place(&doc, "Y052"), "lint.yaml:2:10");
    let doc = check(CHARTER, Some("rule:\n  CH020: off\n"));
    assert_eq!(place(&doc, "Y051"), "lint.yaml:1:1");
    let doc = check(CHARTER, Some("rules: [CH020\n"));
    assert!(doc.diagnostics.iter().any(|d| d.code == "Y052"));
}

#[test]
fn options_extend_the_defaults() {
    let text = "title: 测试学生会章程
body:
  - id: a
    text: |
      本会配合校学生会开展工作，接受学院团委的指导。
";
    let doc = check(text, None);
    assert!(doc.diagnostics.iter().any(|d| d.code == "CH013" && d.message.contains("校学生会")));
    let doc = check(text, Some("rules:\n  CH013:\n    outside: [校学生会]\n"));
    assert!(!doc.diagnostics.iter().any(|d| d.code == "CH013"), "{:?}", codes(&doc));
}

#[test]
fn number_option() {
    let text = "title: 测试学生会章程
body:
  - id: a
    text: |
      本会设有综合事务部、学习纪律部。
  - id: b
    text: |
      学习纪检部负责学术活动。
";
    assert!(check(text, None).diagnostics.iter().any(|d| d.code == "CH012"));
    let doc = check(text, Some("rules:\n  CH012:\n    max-difference: 0\n"));
    assert!(!doc.diagnostics.iter().any(|d| d.code == "CH012"), "{:?}", codes(&doc));
    let doc = check(text, Some("rules:\n  CH012:\n    max-difference: [1]\n"));
    assert_eq!(place(&doc, "Y052"), "lint.yaml:3:21");
}

#[test]
fn allow_suppresses_in_its_node_only() {
    let text = CHARTER.replace("  - id: basis\n", "  - id: basis\n    allow: [CH020]\n");
    let doc = check(&text, None);
    assert_eq!(codes(&doc), vec![("CH022", Severity::Warning)]);
    // By rule name, on an item mapping.
    let text = "title: 测试学生会章程
body:
  - id: a
    text: |
      本会的任务是：
    items:
      - text: |
          加强交流 and 联系；
        allow: [latin-word]
      - 加强交流 and 联系。
";
    let doc = check(text, None);
    let found: Vec<String> =
        doc.diagnostics.iter().map(|d| doc.sources.describe(d.span().unwrap_or_default())).collect();
    assert_eq!(codes(&doc), vec![("CH022", Severity::Warning)], "{found:?}");
    assert!(found[0].starts_with("charter.yaml:10:"));
}

#[test]
fn allow_on_a_division_covers_its_articles() {
    let text = "title: 测试学生会章程
body:
  - chapter: 总则
    id: general
    allow: [CH020, CH022]
    body:
      - id: basis
        text: |
          会员在遇到困难时, 有权请求本会的帮助。
      - id: other
        text: |
          加强与兄弟院校的交流 and 联系。
";
    assert_eq!(codes(&check(text, None)), vec![]);
}

#[test]
fn unknown_and_unused_allow() {
    let text = CHARTER.replace("  - id: basis\n", "  - id: basis\n    allow: [CH020, CH900, CH001]\n");
    let doc = check(&text, None);
    assert_eq!(place(&doc, "Y033"), "charter.yaml:4:20");
    assert_eq!(place(&doc, "CH029"), "charter.yaml:4:27");
    // A rule turned off does not make its allow unused.
    let doc = check(&text, Some("rules:\n  CH001: off\n"));
    assert!(!doc.diagnostics.iter().any(|d| d.code == "CH029"));
}

#[test]
fn config_file_is_found_next_to_the_charter() {
    let dir = std::env::temp_dir().join(format!("charter-config-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("drafts")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("charter.yaml"), CHARTER).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("drafts/v2.yaml"), CHARTER).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("lint.yaml"), "rules:\n  CH020: off\n").unwrap_or_else(|e| panic!("{e}"));
    let doc = charter::process(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(codes(&doc), vec![("CH022", Severity::Warning)]);
    // A draft in a subfolder uses the project's configuration.
    let doc = charter::process(&dir.join("drafts/v2.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(codes(&doc), vec![("CH022", Severity::Warning)]);
    let doc = charter::process_with(&dir, charter::ConfigChoice::Defaults).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(codes(&doc).len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}
