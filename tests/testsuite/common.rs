//! Helpers shared by the integration tests: running the binary, reading
//! PDFs (`render.rs`, `diff_pdf.rs`).

#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

use serde_json::Value;

pub fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// One member of a zip package (a .docx) as text.
pub fn zip_member(path: &Path, name: &str) -> String {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(read(path))).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut s = String::new();
    let mut f = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    std::io::Read::read_to_string(&mut f, &mut s).unwrap_or_else(|e| panic!("{name}: {e}"));
    s
}

/// Text without any whitespace (typst adds spaces between Chinese and Latin
/// text, line breaks fall anywhere).
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The PDF's text layer, squashed, with the page numbers (— 1 —) removed
/// so that a paragraph running over a page break reads continuously.
pub fn pdf_text(pdf: &Path) -> String {
    let text = pdf_extract::extract_text_from_mem(&read(pdf)).unwrap_or_else(|e| panic!("pdf-extract: {e}"));
    let s = squash(&text);
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find('—') {
        out.push_str(&rest[..i]);
        let after = &rest[i + '—'.len_utf8()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && after[digits..].starts_with('—') {
            rest = &after[digits + '—'.len_utf8()..];
        } else {
            out.push('—');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The export of a charter, as JSON (what the templates receive).
pub fn export(path: &Path) -> Value {
    let doc = charter::process(path).unwrap_or_else(|e| panic!("{e}"));
    let c = doc.charter.unwrap_or_else(|| panic!("{} does not load", path.display()));
    serde_json::to_value(charter::export::export(&c, &doc.numbering)).unwrap()
}

pub fn articles(v: &Value) -> Vec<Value> {
    fn walk(nodes: &Value, out: &mut Vec<Value>) {
        for n in nodes.as_array().into_iter().flatten() {
            if n["kind"] == "article" {
                out.push(n.clone());
            } else {
                walk(&n["children"], out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&v["body"], &mut out);
    out
}

/// Run the `charter` binary with `args`; returns (exit code, stdout, stderr).
/// `NO_COLOR` is removed so that tests control colour explicitly.
pub fn charter(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap_or_else(|e| panic!("cannot run charter: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
