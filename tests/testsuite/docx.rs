//! `build --format docx`, `diff --format docx` and importing a tracked
//! .docx, through the binary. The document's XML is checked in
//! crates/docx/tests/testsuite; here: files, paths, options, exit codes.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use super::common::{charter, read};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("charter-docx-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn build_docx_writes_a_word_document_byte_identical_on_rebuild() {
    let d = tmp("build");
    let out = d.to_str().unwrap();
    let (code, stdout, stderr) = charter(&["build", "charter/drafts/revised.yaml", "--format", "docx", "-o", out]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("revised.docx"), "{stdout}");
    assert!(!d.join("revised.pdf").exists(), "only the asked format is written");
    let first = read(&d.join("revised.docx"));
    assert!(first.starts_with(b"PK\x03\x04"));
    let (code, _, _) = charter(&["build", "charter/drafts/revised.yaml", "--format", "docx", "-o", out]);
    assert_eq!(code, 0);
    assert_eq!(first, read(&d.join("revised.docx")), "rebuild differs");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn diff_docx_author_option_and_import_both_ways() {
    let d = tmp("diff");
    let file = d.join("修订稿.docx");
    let f = file.to_str().unwrap();
    let (code, stdout, stderr) = charter(&[
        "diff",
        "charter/charter.yaml",
        "charter/drafts/revised.yaml",
        "--format",
        "docx",
        "--author",
        "起草组",
        "-o",
        f,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("修订稿.docx"), "{stdout}");
    let bytes = read(&file);
    let (code, accepted, stderr) = charter(&["import", f]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("I016") && stderr.contains("全部接受"), "{stderr}");
    let (code, rejected, stderr) = charter(&["import", f, "--reject-changes"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("全部拒绝"), "{stderr}");
    assert_ne!(accepted, rejected);
    // Same drafts, default author: only the author differs.
    let (code, _, _) =
        charter(&["diff", "charter/charter.yaml", "charter/drafts/revised.yaml", "--format", "docx", "-o", f]);
    assert_eq!(code, 0);
    assert_ne!(bytes, read(&file), "--author changes the document");
    let _ = std::fs::remove_dir_all(&d);
}
