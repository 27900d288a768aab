//! `charter check`: output formats, `--fix`, `--diff`, exit codes, and
//! `charter rules` / `charter explain` covering every rule.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CHARTER: &str = "# 注释保持不变
title: 测试学生会章程
body:
  - id: basis
    text: |
      会员在遇到困难时, 有权请求本会的帮助。
  - id: other   # 行尾注释
    text: 加强与兄弟院校的交流 and 联系。
  - id: dup
    heading: 职权
    text: \"本会负责日常工作。\"
  - id: dup2
    heading: 职权
    text: '会员协助本会工作。'
";

fn charter(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn project(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("charter-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("charter.yaml"), CHARTER).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn short_format_is_one_line_per_finding() {
    let dir = project("short");
    let o = charter(&["check", "charter.yaml", "--format", "short"], &dir);
    assert_eq!(o.status.code(), Some(1), "duplicate heading is an error");
    insta::assert_snapshot!(stdout(&o), @r"
    charter.yaml:6:15: 警告[CH020]: 中文里用了半角标点“,”
    charter.yaml:8:21: 警告[CH022]: 中文句子里夹着英文单词
    charter.yaml:10:14: 错误[CH001]: 第三条和第四条的条标题都是“职权”
    ");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn human_format_shows_every_place_and_the_fix() {
    let dir = project("human");
    let o = charter(&["check", "charter.yaml"], &dir);
    let s = stdout(&o);
    assert!(s.contains("第三条的标题") && s.contains("第四条的标题"), "{s}");
    assert!(s.contains("修复: 改为全角标点（charter check --fix 可自动修复）"), "{s}");
    assert!(s.contains("发现 1 个错误、2 个警告。其中 2 个可以用 charter check --fix 自动修复。"), "{s}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_format() {
    let dir = project("json");
    let o = charter(&["check", "charter.yaml", "--format", "json"], &dir);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let list = v.as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 3);
    assert_eq!(list.iter().filter(|d| d["fix"].is_object()).count(), 2);
    assert!(list[2]["fix"].is_null());
    let d = &v[0];
    assert_eq!(d["code"], "CH020");
    assert_eq!(d["severity"], "warning");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(6), Some(15)));
    assert_eq!(d["fix"]["edits"][0]["replacement"], "，");
    assert_eq!(d["fix"]["edits"][0]["column"], 15);
    assert_eq!(d["fix"]["edits"][0]["end_column"], 17);
    assert_eq!(v[2]["labels"].as_array().map(Vec::len), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sarif_format() {
    let dir = project("sarif");
    let o = charter(&["check", "charter.yaml", "--format", "sarif"], &dir);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "charter");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
    for r in charter::lint::all_rules() {
        assert!(rules.iter().any(|x| x["id"] == r.code.as_str()), "{} missing from SARIF rules", r.code);
    }
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 3);
    let first = &results[0];
    assert_eq!(first["ruleId"], "CH020");
    assert_eq!(first["level"], "warning");
    let idx = first["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
    assert_eq!(rules[idx]["id"], "CH020");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(6), Some(15)));
    assert_eq!(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "charter.yaml");
    assert_eq!(first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"], "，");
    assert_eq!(results[2]["relatedLocations"].as_array().map(Vec::len), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_shows_and_does_not_write() {
    let dir = project("diff");
    let o = charter(&["check", "charter.yaml", "--diff"], &dir);
    assert_eq!(o.status.code(), Some(1), "there are fixes to apply");
    insta::assert_snapshot!(stdout(&o), @r#"
    --- charter.yaml
    +++ charter.yaml
    @@ -3,9 +3,9 @@
     body:
       - id: basis
         text: |
    -      会员在遇到困难时, 有权请求本会的帮助。
    +      会员在遇到困难时，有权请求本会的帮助。
       - id: other   # 行尾注释
    -    text: 加强与兄弟院校的交流 and 联系。
    +    text: 加强与兄弟院校的交流和联系。
       - id: dup
         heading: 职权
         text: "本会负责日常工作。"
    "#);
    assert_eq!(std::fs::read_to_string(dir.join("charter.yaml")).unwrap_or_default(), CHARTER, "--diff must not write");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_writes_minimal_edits_and_reports_what_remains() {
    let dir = project("fix");
    let o = charter(&["check", "charter.yaml", "--fix", "--format", "short"], &dir);
    assert_eq!(o.status.code(), Some(1), "the duplicate heading remains");
    assert_eq!(stdout(&o), "charter.yaml:10:14: 错误[CH001]: 第三条和第四条的条标题都是“职权”\n");
    let after = std::fs::read_to_string(dir.join("charter.yaml")).unwrap_or_default();
    let expected = CHARTER.replace("困难时, 有权", "困难时，有权").replace("交流 and 联系", "交流和联系");
    assert_eq!(after, expected, "only the two mistakes changed, comments and quoting kept");
    // No temporary file is left behind.
    let files = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(files, 1);
    // Nothing left to fix.
    let o = charter(&["check", "charter.yaml", "--diff"], &dir);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_keeps_a_byte_order_mark_and_crlf_line_ends() {
    let dir = project("bom");
    let crlf = format!("\u{feff}{}", CHARTER.replace('\n', "\r\n"));
    std::fs::write(dir.join("charter.yaml"), &crlf).unwrap_or_else(|e| panic!("{e}"));
    let o = charter(&["check", "charter.yaml", "--fix", "--format", "short"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let after = std::fs::read_to_string(dir.join("charter.yaml")).unwrap_or_default();
    let expected = crlf.replace("困难时, 有权", "困难时，有权").replace("交流 and 联系", "交流和联系");
    assert_eq!(after, expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_flag() {
    let dir = project("config");
    std::fs::write(dir.join("strict.yaml"), "rules:\n  CH022: error\n  CH001: off\n").unwrap_or_else(|e| panic!("{e}"));
    let o = charter(&["check", "charter.yaml", "--config", "strict.yaml", "--format", "short"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(!stdout(&o).contains("CH001"));
    let o = charter(&["check", "charter.yaml", "--config", "missing.yaml"], &dir);
    assert_eq!(o.status.code(), Some(2), "an unreadable configuration is a tool failure");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_and_explain_cover_every_rule() {
    let dir = std::env::temp_dir();
    let o = charter(&["rules"], &dir);
    let list = stdout(&o);
    for r in charter::lint::all_rules() {
        assert!(list.contains(r.code.as_str()) && list.contains(r.name), "{} missing from charter rules", r.code);
        let o = charter(&["explain", r.code.as_str()], &dir);
        assert_eq!(o.status.code(), Some(0));
        let doc = stdout(&o);
        for heading in ["## 它查什么", "## 为什么", "## 例子", "## 应当写成"] {
            assert!(doc.contains(heading), "{}: no {heading}", r.code);
        }
        for opt in r.options {
            assert!(doc.contains(opt.name), "{}: option {} undocumented", r.code, opt.name);
        }
        let by_name = charter(&["explain", r.name], &dir);
        assert_eq!(stdout(&by_name), doc);
    }
    for code in ["Y033", "Y050", "Y051", "Y052"] {
        assert_eq!(charter(&["explain", code], &dir).status.code(), Some(0), "{code}");
    }
}

#[test]
fn every_registered_code_is_unique_prefixed_and_explained() {
    use charter::diagnostic::Origin;
    let mut seen = std::collections::BTreeSet::new();
    let lint_codes = charter::lint::all_rules().iter().map(|r| r.code);
    for code in charter::explain::registries().chain(lint_codes) {
        assert!(seen.insert(code.as_str()), "{code} is declared twice");
        let prefix = match code.origin() {
            Origin::Load => "Y",
            Origin::Lint => "CH",
            Origin::Import => "I",
            Origin::Render => "R",
            Origin::Amend => "A",
            Origin::Disclosure => "D",
        };
        let digits = &code.as_str()[prefix.len().min(code.as_str().len())..];
        assert!(
            code.as_str().starts_with(prefix) && digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()),
            "{code}: origin {:?} wants {prefix}NNN",
            code.origin()
        );
        assert!(!code.summary().is_empty(), "{code} has no documentation");
        let explained = charter::explain::explain(code.as_str()).unwrap_or_default();
        assert!(explained.contains(code.summary()), "{code}: explain does not print its doc");
    }
}

#[test]
fn severity_comes_from_the_registry() {
    // An empty chapter is a warning (Y034), an empty article an error (Y023):
    // the registry, not the call site, decides.
    let doc = charter::process_str(
        "t.yaml",
        "title: 章程\nbody:\n  - chapter: 总则\n    id: general\n    body: []\n  - id: a1\n    text: 本会名称。\n",
    );
    let d = doc.diagnostics.iter().find(|d| d.code == "Y034").unwrap_or_else(|| panic!("{:?}", doc.diagnostics));
    assert_eq!(d.severity, charter::Severity::Warning);
    assert_eq!(d.severity, charter::load::codes::Y034.severity());
    assert!(d.span().is_some());
    let doc = charter::process_str("t.yaml", "title: 章程\nbody:\n  - id: a1\n");
    assert!(doc.diagnostics.iter().any(|d| d.code == "Y023" && d.is_error() && d.is_load_error()));
}

#[test]
fn inside_the_project_folder_the_default_is_charter_yaml() {
    let dir = project("inside");
    let o = charter(&["check", "--format", "short"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).starts_with("charter.yaml:"), "{}", stdout(&o));
    let o = charter(&["outline"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("第四条"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}
