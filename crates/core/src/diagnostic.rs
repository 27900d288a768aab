//! The one type for everything a user wrote wrong, and its rendering.
//!
//! Diagnostics are collected, never thrown: every pass returns all it found.
//! Tool failures (unreadable files, bad arguments) are [`crate::ToolError`].

use std::collections::BTreeMap;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::source::{Sources, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// The Chinese name printed to users.
    pub fn name_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A place in the source the diagnostic points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// The primary label is where the problem is; others give context.
    pub primary: bool,
}

/// Which pass reports a code. Each origin owns one registry of codes
/// (declared with [`declare_codes!`] or, for lint rules, `declare_rule!`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Reading the YAML (`Y…`, `charter_core::load::codes`).
    Load,
    /// The checker's rules (`CH…`, `charter_lint::rules`).
    Lint,
    /// Importing text, Markdown, Word (`I…`, `charter_import::codes`).
    Import,
    /// Rendering (`R…`, `charter_render::codes`).
    Render,
    /// Amendment decisions (`A…`, `charter_amend::codes`).
    Amend,
    /// The reform disclosure (`D…`, `charter_disclosure::codes`): reading
    /// `disclosure.yaml`, the computed self-assessment, the reform rules and
    /// the checks against the charter.
    Disclosure,
}

/// A code as its registry declares it: the text, where it comes from, the
/// severity it is reported with, and the documentation `charter explain`
/// prints.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: &'static str,
    pub origin: Origin,
    pub severity: Severity,
    pub doc: &'static str,
}

/// A diagnostic code: a handle to its registry entry. It compares and
/// prints as its text (`Y003`, `CH001`).
#[derive(Clone, Copy)]
pub struct Code(&'static CodeInfo);

impl Code {
    pub const fn new(info: &'static CodeInfo) -> Code {
        Code(info)
    }

    pub fn as_str(self) -> &'static str {
        self.0.code
    }

    pub fn origin(self) -> Origin {
        self.0.origin
    }

    /// The severity the registry reports it with (lint rules: before
    /// `lint.yaml` changes it).
    pub fn severity(self) -> Severity {
        self.0.severity
    }

    pub fn doc(self) -> &'static str {
        self.0.doc
    }

    /// The first paragraph of the documentation.
    pub fn summary(self) -> &'static str {
        let doc = self.0.doc.trim_start();
        doc.split("\n\n").next().unwrap_or(doc).trim()
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.0.code == other.0.code
    }
}

impl Eq for Code {}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.0.code == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0.code == *other
    }
}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.code.hash(state);
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.0.code.cmp(other.0.code)
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.code)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.code)
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.code)
    }
}

/// Declare a registry of codes: one constant per code (named by its code),
/// with its severity and documentation, and `ALL`, every code in order.
///
/// ```ignore
/// declare_codes! { Load;
///     Y001 = Error, "文件不是 UTF-8 编码。\n\n……";
/// }
/// ```
#[macro_export]
macro_rules! declare_codes {
    ($origin:ident; $($name:ident = $sev:ident, $doc:expr;)*) => {
        $(
            pub const $name: $crate::diagnostic::Code = $crate::diagnostic::Code::new(&$crate::diagnostic::CodeInfo {
                code: stringify!($name),
                origin: $crate::diagnostic::Origin::$origin,
                severity: $crate::diagnostic::Severity::$sev,
                doc: $doc,
            });
        )*
        /// Every code of this registry, in the order declared.
        pub const ALL: &[$crate::diagnostic::Code] = &[$($name),*];
    };
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code from its origin's registry, e.g. `Y003` (loading) or
    /// `CH001` (lint rule).
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub hints: Vec<String>,
    /// A safe, mechanical correction, applied by `check --fix`.
    pub fix: Option<Fix>,
}

/// A correction: text edits to the source, applied together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, e.g. 把“,”改为“，”.
    pub message: String,
    pub edits: Vec<Edit>,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Diagnostic {
    /// A diagnostic with the code's severity, as its registry declares it.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: Vec::new(),
            hints: Vec::new(),
            fix: None,
        }
    }

    /// Add the primary label.
    pub fn at(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into(), primary: true });
        self
    }

    /// Add a secondary label.
    pub fn also(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into(), primary: false });
        self
    }

    pub fn with_fix(mut self, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix { message: message.into(), edits });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// The primary span, if any.
    pub fn span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).or(self.labels.first()).map(|l| l.span)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// An error reading the YAML itself (not a finding of the checker).
    pub fn is_load_error(&self) -> bool {
        self.is_error() && self.code.origin() == Origin::Load
    }
}

/// Sort diagnostics by file and position (stable for equal positions), so
/// output is deterministic and reads top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.span().map(|s| (s.file, s.start)));
}

/// Render one diagnostic in the human format: header, the source lines with
/// carets, hints.
pub fn render(diag: &Diagnostic, sources: &Sources, color: bool) -> String {
    let level = match diag.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::NOTE,
    }
    .with_name(Some(diag.severity.name_zh()));

    // Group labels by file, and within a file into runs of nearby lines;
    // each run becomes one snippet holding just its lines. Labels far apart
    // (two names a thousand lines apart) are separate snippets: one snippet
    // spanning the lines between would cost their length to render, for
    // every finding.
    let mut by_file: BTreeMap<_, Vec<_>> = BTreeMap::new();
    // A finding with thousands of places (CH023 over a long text) shows the
    // first ones: the snippet renderer's work grows with places × lines,
    // and nobody reads ten thousand carets. JSON and SARIF keep them all.
    let primary = diag.labels.iter().position(|l| l.primary);
    let shown: Vec<&Label> = diag
        .labels
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            // Its rank among the other labels; the primary one always shows.
            let rank = *i - usize::from(primary.is_some_and(|p| p < *i));
            Some(*i) == primary || rank + usize::from(primary.is_some()) < MAX_RENDERED_LABELS
        })
        .map(|(_, l)| l)
        .collect();
    let hidden = diag.labels.len() - shown.len();
    for l in shown {
        if sources.get(l.span.file).is_some() {
            by_file.entry(l.span.file).or_default().push(l);
        }
    }
    let title = level.clone().primary_title(diag.message.as_str()).id(diag.code.as_str());
    let mut snippets = Vec::new();
    let mut owned_paths = Vec::new();
    let mut runs: Vec<(crate::FileId, Vec<&Label>)> = Vec::new();
    for (file, labels) in &mut by_file {
        let f = sources.file(*file);
        labels.sort_by_key(|l| l.span.start);
        let mut last_line: Option<usize> = None;
        for l in labels.iter() {
            let line = f.line_index(f.clamp(l.span.start));
            match runs.last_mut() {
                Some((rf, run)) if *rf == *file && last_line.is_some_and(|e| line <= e + RUN_GAP_LINES) => run.push(l),
                _ => runs.push((*file, vec![l])),
            }
            let end_line = f.line_index(f.clamp(l.span.end));
            last_line = Some(last_line.map_or(end_line, |e| e.max(end_line)));
        }
    }
    // The run with the primary label first: its place is the one after
    // “-->”, where an editor jumps.
    if let Some(p) = runs.iter().position(|(_, run)| run.iter().any(|l| l.primary)) {
        let primary_run = runs.remove(p);
        runs.insert(0, primary_run);
    }
    for (file, labels) in &runs {
        let f = sources.file(*file);
        let first = labels.iter().map(|l| f.clamp(l.span.start)).min().unwrap_or(0);
        let last = labels.iter().map(|l| f.clamp(l.span.end)).max().unwrap_or(0);
        let start_line = f.line_index(first);
        let slice_start = line_start_of(&f.text, first);
        let slice_end = f.text[last..].find('\n').map_or(f.text.len(), |i| last + i);
        owned_paths.push((
            *file,
            start_line,
            slice_start,
            slice_end,
            labels
                .iter()
                .map(|l| {
                    let s = f.clamp(l.span.start).max(slice_start) - slice_start;
                    let e = f.clamp(l.span.end).min(slice_end).max(f.clamp(l.span.start)) - slice_start;
                    (s, e, l.message.clone(), l.primary)
                })
                .collect::<Vec<_>>(),
        ));
    }
    for (file, start_line, s, e, labels) in &owned_paths {
        let f = sources.file(*file);
        let mut snippet = Snippet::source(&f.text[*s..*e])
            .line_start(start_line + 1)
            .path(f.path.to_string_lossy().into_owned())
            .fold(true);
        for (ls, le, msg, primary) in labels {
            let kind = if *primary { AnnotationKind::Primary } else { AnnotationKind::Context };
            // A zero-width span still gets one caret.
            let le = if le <= ls { next_char_end(&f.text[*s..*e], *ls) } else { *le };
            snippet = snippet.annotation(kind.span(*ls..le).label(msg.as_str()));
        }
        snippets.push(snippet);
    }
    let mut group: Group<'_> = title.elements(snippets);
    let more = format!("另有 {hidden} 处没有列出；用 --format json 可以看到全部位置");
    if hidden > 0 {
        group = group.element(Level::NOTE.with_name(Some("注")).message(more.as_str()));
    }
    for h in &diag.hints {
        group = group.element(Level::HELP.with_name(Some("提示")).message(h.as_str()));
    }
    let fix_note = diag.fix.as_ref().map(|f| format!("{}（charter check --fix 可自动修复）", f.message));
    if let Some(note) = &fix_note {
        group = group.element(Level::HELP.with_name(Some("修复")).message(note.as_str()));
    }
    let renderer = if color { Renderer::styled() } else { Renderer::plain() }.decor_style(DecorStyle::Ascii);
    renderer.render(&[group])
}

/// Labels more than this many lines after the previous ones of a finding
/// start a snippet of their own. With at most [`MAX_RENDERED_LABELS`]
/// labels shown, a snippet then never holds more than their product of
/// lines, however far apart the places are.
const RUN_GAP_LINES: usize = 50;

/// The most places one finding shows in the human format.
pub const MAX_RENDERED_LABELS: usize = 50;

fn line_start_of(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

fn next_char_end(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// One line per diagnostic with its severity, as rustc's and ruff's short
/// formats: `file:line:col: 警告[CH013]: 消息`. Control characters from the
/// charter are shown escaped, so a heading cannot drive the terminal.
pub fn render_line(diag: &Diagnostic, sources: &Sources) -> String {
    let place = diag.span().map_or_else(String::new, |s| format!("{}: ", sources.describe(s)));
    escape_controls(&format!("{place}{}[{}]: {}", diag.severity.name_zh(), diag.code, diag.message)).into_owned()
}

/// One line per diagnostic: `file:line:col: CODE 消息`. Control
/// characters from the charter (ESC, BEL, a line break in a path) are
/// shown escaped, so a heading cannot drive the user's terminal.
pub fn render_short(diag: &Diagnostic, sources: &Sources) -> String {
    let place = diag.span().map_or_else(String::new, |s| format!("{}: ", sources.describe(s)));
    escape_controls(&format!("{place}{} {}", diag.code, diag.message)).into_owned()
}

/// `s` with every control character (C0, DEL, C1) written as `\u{1b}`:
/// for any text output that reaches a terminal.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
