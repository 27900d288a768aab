//! Machine-readable reports of a checked document: JSON (our own,
//! documented in docs/lint.md) and SARIF 2.1.0 (for code-scanning
//! services). Pure functions: the CLI decides where the text goes.

use serde::Serialize;

use charter_core::Document;
use charter_core::diagnostic::{Diagnostic, Severity};
use charter_core::error::{ToolError, to_json_pretty};
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
pub fn json(doc: &Document, shown: &[&Diagnostic]) -> Result<String, ToolError> {
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
    to_json_pretty("检查报告（JSON）", &diagnostics)
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The subset of SARIF 2.1.0 that `charter` writes, typed. Fields are
/// declared in alphabetical order: the report has always listed keys
/// sorted, and the bytes must not change.
mod sarif {
    use serde::Serialize;

    #[derive(Serialize)]
    pub struct Log<'a> {
        #[serde(rename = "$schema")]
        pub schema: &'static str,
        pub runs: Vec<Run<'a>>,
        pub version: &'static str,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Run<'a> {
        pub column_kind: &'static str,
        pub results: Vec<Result<'a>>,
        pub tool: Tool<'a>,
    }

    #[derive(Serialize)]
    pub struct Tool<'a> {
        pub driver: Driver<'a>,
    }

    #[derive(Serialize)]
    pub struct Driver<'a> {
        pub name: &'static str,
        pub rules: Vec<Rule<'a>>,
        pub version: &'static str,
    }

    #[derive(Serialize)]
    pub struct Text<'a> {
        pub text: std::borrow::Cow<'a, str>,
    }

    impl<'a> Text<'a> {
        pub fn new(text: impl Into<std::borrow::Cow<'a, str>>) -> Self {
            Text { text: text.into() }
        }
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Rule<'a> {
        pub default_configuration: Configuration,
        pub full_description: Text<'a>,
        pub help: Text<'a>,
        pub id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub name: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub properties: Option<RuleProperties>,
        pub short_description: Text<'a>,
    }

    #[derive(Serialize)]
    pub struct Configuration {
        pub level: &'static str,
    }

    #[derive(Serialize)]
    pub struct RuleProperties {
        pub fixable: bool,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Result<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub fixes: Option<[Fix<'a>; 1]>,
        pub level: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub locations: Option<[Location<'a>; 1]>,
        pub message: Text<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub properties: Option<ResultProperties<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub related_locations: Vec<Location<'a>>,
        pub rule_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub rule_index: Option<usize>,
    }

    #[derive(Serialize)]
    pub struct ResultProperties<'a> {
        pub hints: &'a [String],
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Location<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub message: Option<Text<'a>>,
        pub physical_location: PhysicalLocation<'a>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PhysicalLocation<'a> {
        pub artifact_location: ArtifactLocation,
        pub region: Region<'a>,
    }

    #[derive(Serialize)]
    pub struct ArtifactLocation {
        pub uri: String,
    }

    /// Empty (`{}`) when the span's file is unknown.
    #[derive(Serialize, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Region<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub end_column: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub end_line: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub snippet: Option<Text<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub start_column: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub start_line: Option<usize>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Fix<'a> {
        pub artifact_changes: Vec<ArtifactChange<'a>>,
        pub description: Text<'a>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ArtifactChange<'a> {
        pub artifact_location: ArtifactLocation,
        pub replacements: Vec<Replacement<'a>>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Replacement<'a> {
        pub deleted_region: Region<'a>,
        pub inserted_content: Text<'a>,
    }
}

fn uri(sources: &Sources, span: Span) -> String {
    sources.get(span.file).map(|f| f.path.to_string_lossy().replace('\\', "/")).unwrap_or_default()
}

fn region(sources: &Sources, span: Span) -> sarif::Region<'_> {
    let Some(f) = sources.get(span.file) else { return sarif::Region::default() };
    let (line, column) = f.line_col(span.start);
    let (end_line, end_column) = f.line_col(span.end.max(span.start));
    let text = f.text.get(f.clamp(span.start)..f.clamp(span.end)).unwrap_or("");
    sarif::Region {
        end_column: Some(end_column.max(if end_line == line { column } else { 1 })),
        end_line: Some(end_line),
        snippet: (!text.is_empty()).then(|| sarif::Text::new(text)),
        start_column: Some(column),
        start_line: Some(line),
    }
}

fn location<'a>(sources: &'a Sources, span: Span, message: &'a str, id: Option<usize>) -> sarif::Location<'a> {
    sarif::Location {
        id,
        message: (!message.is_empty()).then(|| sarif::Text::new(message)),
        physical_location: sarif::PhysicalLocation {
            artifact_location: sarif::ArtifactLocation { uri: uri(sources, span) },
            region: region(sources, span),
        },
    }
}

/// The SARIF 2.1.0 log: one run, every rule (lint rules and loading codes)
/// with its documentation, every finding with its locations and fixes.
/// Columns count Unicode code points (`columnKind`).
pub fn sarif(doc: &Document, shown: &[&Diagnostic]) -> Result<String, ToolError> {
    let sources = &doc.sources;
    let mut rules: Vec<sarif::Rule> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for r in lint::all_rules() {
        index.insert(r.code.as_str(), rules.len());
        let full = r.doc().lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n");
        rules.push(sarif::Rule {
            default_configuration: sarif::Configuration { level: sarif_level(r.severity()) },
            full_description: sarif::Text::new(full.trim().to_string()),
            help: sarif::Text::new(format!("charter explain {}", r.code)),
            id: r.code.as_str(),
            name: Some(r.name),
            properties: Some(sarif::RuleProperties { fixable: r.fixable }),
            short_description: sarif::Text::new(r.summary()),
        });
    }
    for code in load_codes::ALL {
        index.insert(code.as_str(), rules.len());
        rules.push(sarif::Rule {
            default_configuration: sarif::Configuration { level: sarif_level(code.severity()) },
            full_description: sarif::Text::new(code.doc()),
            help: sarif::Text::new(format!("charter explain {code}")),
            id: code.as_str(),
            name: None,
            properties: None,
            short_description: sarif::Text::new(code.summary()),
        });
    }
    let results = shown
        .iter()
        .map(|d| {
            let fixes = d.fix.as_ref().map(|f| {
                let mut by_file: std::collections::BTreeMap<String, Vec<sarif::Replacement>> = Default::default();
                for e in &f.edits {
                    by_file.entry(uri(sources, e.span)).or_default().push(sarif::Replacement {
                        deleted_region: region(sources, e.span),
                        inserted_content: sarif::Text::new(e.replacement.as_str()),
                    });
                }
                let artifact_changes = by_file
                    .into_iter()
                    .map(|(uri, replacements)| sarif::ArtifactChange {
                        artifact_location: sarif::ArtifactLocation { uri },
                        replacements,
                    })
                    .collect();
                [sarif::Fix { artifact_changes, description: sarif::Text::new(f.message.as_str()) }]
            });
            sarif::Result {
                fixes,
                level: sarif_level(d.severity),
                locations: d
                    .labels
                    .iter()
                    .find(|l| l.primary)
                    .or(d.labels.first())
                    .map(|p| [location(sources, p.span, &p.message, None)]),
                message: sarif::Text::new(d.message.as_str()),
                properties: (!d.hints.is_empty()).then_some(sarif::ResultProperties { hints: &d.hints }),
                related_locations: d
                    .labels
                    .iter()
                    .filter(|l| !l.primary)
                    .enumerate()
                    .map(|(i, l)| location(sources, l.span, &l.message, Some(i + 1)))
                    .collect(),
                rule_id: d.code.as_str(),
                rule_index: index.get(d.code.as_str()).copied(),
            }
        })
        .collect();
    let log = sarif::Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: vec![sarif::Run {
            column_kind: "unicodeCodePoints",
            results,
            tool: sarif::Tool { driver: sarif::Driver { name: "charter", rules, version: env!("CARGO_PKG_VERSION") } },
        }],
        version: "2.1.0",
    };
    to_json_pretty("检查报告（SARIF）", &log)
}
