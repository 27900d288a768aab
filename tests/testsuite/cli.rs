//! The binary run on fixtures: exit codes and rendered diagnostics.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::charter;

/// Every malformed input: its rendered diagnostics (snapshot) and exit code.
#[test]
fn malformed_inputs() {
    let warnings_only = ["comment_trap", "lookalike_characters", "swallowed_list_item"];
    let mut names: Vec<String> = std::fs::read_dir("tests/fixtures/bad")
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "only {} malformed fixtures", names.len());
    for name in names {
        let path = format!("tests/fixtures/bad/{name}");
        let (code, stdout, stderr) = charter(&["check", "--color", "never", &path]);
        let stem = name.trim_end_matches(".yaml");
        let expected = if warnings_only.contains(&stem) { 0 } else { 1 };
        assert_eq!(code, expected, "{name}: exit code\n{stdout}{stderr}");
        assert!(!stderr.contains("panicked"), "{name} panicked: {stderr}");
        assert!(stdout.contains(&path), "{name}: the message must name the file\n{stdout}");
        insta::assert_snapshot!(format!("bad__{stem}"), format!("exit: {code}\n{stdout}"));
    }
}

#[test]
fn example_outline_counts() {
    let (code, stdout, stderr) = charter(&["outline", "--color", "never", "charter/"]);
    // The example keeps the seed's defects: the outline is printed, the
    // diagnostics only summarised in one line (charter check lists them).
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("发现 2 个错误") && stderr.contains("charter check"), "{stderr}");
    assert!(!stdout.contains("错误["), "{stdout}");
    assert!(stdout.contains("共 7 章，2 节，35 条"), "{stdout}");
    assert!(stdout.contains("第四章 学院学生委员会"));
    assert!(stdout.contains("  第一节 主席团"));
    assert!(stdout.contains("第三十五条"));
    assert!(!stdout.contains("第三十六条"));
}

#[test]
fn example_check_reports_duplicate_heading() {
    let (code, stdout, _) = charter(&["check", "--color", "never", "charter/"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("错误[CH001]: 第二十条和第二十一条的条标题都是“主席团职权”"), "{stdout}");
    // One diagnostic pointing at both headings.
    assert!(stdout.contains("第二十条的标题") && stdout.contains("第二十一条的标题"));
    assert_eq!(stdout.matches("[CH001]").count(), 1);
}

#[test]
fn short_and_json_formats() {
    let (code, stdout, _) = charter(&["check", "--format", "short", "charter/"]);
    assert_eq!(code, 1);
    let line = stdout.lines().find(|l| l.contains("CH001")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.starts_with("charter/charter.yaml:"), "{line}");
    let (_, stdout, _) = charter(&["check", "--format", "json", "charter/"]);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let first = v.as_array().and_then(|a| a.iter().find(|d| d["code"] == "CH001")).cloned().unwrap_or_default();
    assert_eq!(first["severity"], "error");
    assert_eq!(first["labels"].as_array().map(Vec::len), Some(2));
    assert!(first["line"].as_u64().unwrap_or(0) > 0);
}

#[test]
fn export_json_is_numbered_and_versioned() {
    let (code, stdout, _) = charter(&["export", "--format", "json", "--quiet", "charter/"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["schema"], "charter-export/1");
    assert_eq!(v["counts"]["articles"], 35);
    assert_eq!(v["counts"]["chapters"], 7);
    assert_eq!(v["counts"]["sections"], 2);
    assert_eq!(v["body"][0]["label"], "第一章");
    assert_eq!(v["body"][0]["children"][0]["label"], "第一条");
    let ch4 = &v["body"][3];
    assert_eq!(ch4["label"], "第四章");
    let section = ch4["children"].as_array().and_then(|c| c.iter().find(|n| n["kind"] == "section")).cloned();
    assert_eq!(section.map(|s| s["label"].clone()), Some(serde_json::json!("第一节")));
}

#[test]
fn tool_failures_exit_2() {
    let (code, _, stderr) = charter(&["check", "no/such/charter"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("找不到章程"), "{stderr}");
    let (code, _, stderr) = charter(&["check", "tests"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, _) = charter(&["check", "--no-such-flag"]);
    assert_eq!(code, 2);
    let (code, _, _) = charter(&["frobnicate"]);
    assert_eq!(code, 2);
    let (code, _, stderr) = charter(&["explain", "XX999"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("XX999"));
    let (code, stdout, _) = charter(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("check"));
}

#[test]
fn explain_and_rules() {
    let (code, stdout, _) = charter(&["explain", "CH001"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("## 它查什么"), "{stdout}");
    assert!(stdout.contains("主席团职权"));
    let (code, stdout, _) = charter(&["explain", "y010"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("未知的键"));
    let (code, stdout, _) = charter(&["rules"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("CH001") && stdout.contains("CH002"));
}

#[test]
fn quiet_hides_warnings_and_summary() {
    let (code, stdout, _) = charter(&["check", "--quiet", "tests/fixtures/bad/comment_trap.yaml"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "");
}

#[test]
fn color_follows_flag_and_no_color() {
    let (_, plain, _) = charter(&["check", "--color", "never", "charter/"]);
    assert!(!plain.contains('\u{1b}'));
    let (_, colored, _) = charter(&["check", "--color", "always", "charter/"]);
    assert!(colored.contains('\u{1b}'));
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["check", "charter/"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn broken_pipe_exits_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["generate", "--articles", "3000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn generated_charter_is_clean() {
    let yaml = charter::generate::charter_yaml(300, 10);
    let doc = charter::process_str("gen.yaml", &yaml);
    let errors: Vec<_> = doc.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(doc.numbering.counts.articles, 300);
    assert!(Path::new("charter/charter.yaml").exists());
}

#[test]
fn committed_json_schema_is_current() {
    let (code, stdout, _) = charter(&["schema"]);
    assert_eq!(code, 0);
    let committed = std::fs::read_to_string("docs/charter.schema.json").unwrap_or_default();
    assert!(
        stdout == committed,
        "docs/charter.schema.json is stale: run `cargo run -- schema > docs/charter.schema.json`"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["$defs"]["RawNode"]["additionalProperties"], false);
    assert!(v["$defs"]["RawNode"]["properties"]["heading"]["description"].as_str().unwrap_or("").contains("条标题"));
}
