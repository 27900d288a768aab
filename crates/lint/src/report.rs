//! Machine-readable reports of a checked document: JSON (our own,
//! documented in docs/lint.md) and SARIF 2.1.0 (for code-scanning
//! services). Pure functions: the CLI decides where the text goes.

use serde::Serialize;
use serde_json::{Value, json};

use charter_core::Document;
use charter_core::diagnostic::{Diagnostic, Severity};
use charter_core::load::codes as load_codes;
use charter_core::source::{Sources, Span};

use crate as lint;

#[derive(Serialize)]
struct JsonDiag<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    file: String,
    line: usize,
    column: usize,
    labels: Vec<JsonPlace>,
    hints: &'a [String],
    fix: Option<JsonFix>,
}

#[derive(Serialize)]
struct JsonPlace {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    primary: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<String>,
}

#[derive(Serialize)]
struct JsonFix {
    message: String,
    edits: Vec<JsonPlace>,
}

fn place(sources: &Sources, span: Span) -> Option<(String, usize, usize, usize, usize)> {
    let f = sources.get(span.file)?;
    let (line, column) = f.line_col(span.start);
    let (end_line, end_column) = f.line_col(span.end);
    Some((f.path.to_string_lossy().replace('\\', "/"), line, column, end_line, end_column))
}

/// A place in the JSON report: a label (message, primary) or an edit
/// (replacement).
fn json_place(
    sources: &Sources,
    span: Span,
    label: Option<(&str, bool)>,
    replacement: Option<&str>,
) -> Option<JsonPlace> {
    let (file, line, column, end_line, end_column) = place(sources, span)?;
    Some(JsonPlace {
        file,
        line,
        column,
        end_line,
        end_column,
        message: label.map(|l| l.0.to_string()),
        primary: label.map(|l| l.1),
        replacement: replacement.map(str::to_string),
    })
}

/// The JSON report: an array of diagnostics (docs/lint.md).
pub fn json(doc: &Document, shown: &[&Diagnostic]) -> String {
    let sources = &doc.sources;
    let diagnostics = shown
        .iter()
        .map(|d| {
            let labels: Vec<JsonPlace> = d
                .labels
                .iter()
                .filter_map(|l| json_place(sources, l.span, Some((&l.message, l.primary)), None))
                .collect();
            let (file, line, column) =
                d.span().and_then(|s| place(sources, s)).map_or((String::new(), 0, 0), |(f, l, c, _, _)| (f, l, c));
            let fix = d.fix.as_ref().map(|f| JsonFix {
                message: f.message.clone(),
                edits: f.edits.iter().filter_map(|e| json_place(sources, e.span, None, Some(&e.replacement))).collect(),
            });
            JsonDiag {
                code: d.code.as_str(),
                severity: d.severity,
                message: &d.message,
                file,
                line,
                column,
                labels,
                hints: &d.hints,
                fix,
            }
        })
        .collect();
    let diagnostics: Vec<JsonDiag> = diagnostics;
    let mut s = serde_json::to_string_pretty(&diagnostics).unwrap_or_default();
    s.push('\n');
    s
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(sources: &Sources, span: Span) -> Value {
    let Some(f) = sources.get(span.file) else { return json!({}) };
    let (line, column) = f.line_col(span.start);
    let (end_line, end_column) = f.line_col(span.end.max(span.start));
    let mut r = json!({
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column.max(if end_line == line { column } else { 1 }),
    });
    let text = f.text.get(f.clamp(span.start)..f.clamp(span.end)).unwrap_or("");
    if !text.is_empty() {
        r["snippet"] = json!({ "text": text });
    }
    r
}

fn location(sources: &Sources, span: Span, message: Option<&str>) -> Value {
    let uri = sources.get(span.file).map(|f| f.path.to_string_lossy().replace('\\', "/")).unwrap_or_default();
    let mut l = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region(sources, span),
        }
    });
    if let Some(m) = message
        && !m.is_empty()
    {
        l["message"] = json!({ "text": m });
    }
    l
}

/// The SARIF 2.1.0 log: one run, every rule (lint rules and loading codes)
/// with its documentation, every finding with its locations and fixes.
/// Columns count Unicode code points (`columnKind`).
pub fn sarif(doc: &Document, shown: &[&Diagnostic]) -> String {
    let sources = &doc.sources;
    let mut rules: Vec<Value> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for r in lint::all_rules() {
        index.insert(r.code.as_str(), rules.len());
        rules.push(json!({
            "id": r.code.as_str(),
            "name": r.name,
            "shortDescription": { "text": r.summary() },
            "fullDescription": { "text": r.doc().lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n").trim() },
            "help": { "text": format!("charter explain {}", r.code) },
            "defaultConfiguration": { "level": sarif_level(r.severity()) },
            "properties": { "fixable": r.fixable },
        }));
    }
    for code in load_codes::ALL {
        index.insert(code.as_str(), rules.len());
        rules.push(json!({
            "id": code.as_str(),
            "shortDescription": { "text": code.summary() },
            "fullDescription": { "text": code.doc() },
            "help": { "text": format!("charter explain {code}") },
            "defaultConfiguration": { "level": sarif_level(code.severity()) },
        }));
    }
    let results: Vec<Value> = shown
        .iter()
        .map(|d| {
            let mut r = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
            });
            if let Some(i) = index.get(d.code.as_str()) {
                r["ruleIndex"] = json!(i);
            }
            if let Some(p) = d.labels.iter().find(|l| l.primary).or(d.labels.first()) {
                r["locations"] = json!([location(sources, p.span, Some(&p.message))]);
            }
            let related: Vec<Value> = d
                .labels
                .iter()
                .filter(|l| !l.primary)
                .enumerate()
                .map(|(i, l)| {
                    let mut v = location(sources, l.span, Some(&l.message));
                    v["id"] = json!(i + 1);
                    v
                })
                .collect();
            if !related.is_empty() {
                r["relatedLocations"] = json!(related);
            }
            if let Some(f) = &d.fix {
                let mut by_file: std::collections::BTreeMap<String, Vec<Value>> = Default::default();
                for e in &f.edits {
                    let uri = sources
                        .get(e.span.file)
                        .map(|f| f.path.to_string_lossy().replace('\\', "/"))
                        .unwrap_or_default();
                    by_file.entry(uri).or_default().push(json!({
                        "deletedRegion": region(sources, e.span),
                        "insertedContent": { "text": e.replacement },
                    }));
                }
                let changes: Vec<Value> = by_file
                    .into_iter()
                    .map(|(uri, reps)| json!({ "artifactLocation": { "uri": uri }, "replacements": reps }))
                    .collect();
                r["fixes"] = json!([{ "description": { "text": f.message }, "artifactChanges": changes }]);
            }
            if !d.hints.is_empty() {
                r["properties"] = json!({ "hints": d.hints });
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "charter",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
