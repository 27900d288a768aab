//! charter: a drafting toolchain for Chinese charters (章程) and statutes.
//!
//! This crate is the front end of the workspace: it owns the file system
//! ([`project`], [`fsutil`]) and re-exports the phase crates under short
//! names, in the order the pipeline runs:
//!
//! 1. [`charter_core`]: YAML → checked model → numbering → references →
//!    export ([`load`], [`model`], [`number`], [`resolve`], [`export`]);
//! 2. [`lint`] (`charter-lint`): the checker's rules, fixes, reports;
//! 3. [`import`] (`charter-import`): text, Markdown, Word → YAML, and the
//!    plain-text layout back ([`export_text`]);
//! 4. [`diff`] (`charter-diff`): two drafts compared article by article;
//! 5. [`render`] (`charter-render`): PDF (typst), HTML (minijinja);
//!    [`docx`] (`charter-docx`): Word documents, the diff as tracked changes.
//!
//! [`process`] reads a charter (and its `lint.yaml`) from disk and runs
//! steps 1–2.

use std::path::{Path, PathBuf};

pub use charter_amend as amend;
pub use charter_core::{
    Charter, Diagnostic, Document, FileId, Numbering, Severity, Sources, Span, ToolError, anchor, date, diagnostic,
    error, export, generate, id, load, model, number, numerals, outline, raw, resolve, source, suggest, text,
};
pub use charter_diff as diff;
pub use charter_disclosure as disclosure;
pub use charter_docx as docx;
pub use charter_import as import;
pub use charter_import::text_out as export_text;
pub use charter_lint as lint;
pub use charter_lint::{process_bytes, process_str, process_text, report};
pub use charter_render as render;

pub mod explain;
pub mod fsutil;
pub mod project;

/// Where the checker's configuration comes from.
#[derive(Clone, Copy, Debug, Default)]
pub enum ConfigChoice<'a> {
    /// `lint.yaml` next to the charter (or in its parent folder), if any.
    #[default]
    Discover,
    /// This file.
    File(&'a Path),
    /// None: built-in defaults.
    Defaults,
}

/// Load, number, resolve and check the charter at `path` (a file, or a
/// folder holding `charter.yaml`), with the configuration found next to it.
pub fn process(path: &Path) -> Result<Document, ToolError> {
    process_with(path, ConfigChoice::Discover)
}

/// Like [`process`], choosing the configuration.
pub fn process_with(path: &Path, config: ConfigChoice) -> Result<Document, ToolError> {
    let file = project::resolve_path(path)?;
    project::load_checked(&file, config).map(|(doc, _)| doc)
}

/// The configuration file's path and text for a charter file.
pub fn read_config(charter_file: &Path, choice: ConfigChoice) -> Result<Option<(PathBuf, String)>, ToolError> {
    let path = match choice {
        ConfigChoice::Defaults => return Ok(None),
        ConfigChoice::File(p) => p.to_path_buf(),
        ConfigChoice::Discover => match project::discover_config(charter_file) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|e| ToolError::Read { path: path.clone(), source: e })?;
    Ok(Some((path, text)))
}

/// A disclosure checked against its charter: one [`Document`] whose
/// sources hold both files (so a diagnostic can point into both), the
/// disclosure, and every diagnostic about it.
#[derive(Debug)]
pub struct DisclosureRun {
    /// The charter, loaded, numbered and checked (its own findings are in
    /// `charter.diagnostics`); the sources also hold the disclosure file.
    pub charter: Document,
    pub file: FileId,
    pub disclosure: Option<disclosure::Disclosure>,
    /// Loading the disclosure and the checks (`Y…`, `D…`), sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl DisclosureRun {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
            || self.charter.diagnostics.iter().any(Diagnostic::is_load_error)
    }
}

/// Read the disclosure at `path` (a file, or a folder holding
/// `disclosure.yaml`) and its charter; load, compute and check both.
pub fn process_disclosure(path: &Path) -> Result<DisclosureRun, ToolError> {
    let file = project::resolve_disclosure(path)?;
    let bytes = project::read(&file)?;
    let mut sources = Sources::default();
    let loaded = disclosure::load_bytes(&file, bytes, &mut sources);
    let named = loaded.disclosure.as_ref().and_then(|d| d.charter.as_ref()).map(|c| c.text.clone());
    let charter_file = project::disclosure_charter(&file, named.as_deref());
    if !charter_file.is_file() {
        return Err(ToolError::DisclosureCharterMissing { path: charter_file });
    }
    let config = read_config(&charter_file, ConfigChoice::Discover)?;
    let charter_bytes = project::read(&charter_file)?;
    let charter_loaded = load::load_bytes(&charter_file, charter_bytes, &mut sources);
    let mut doc = Document::from_loaded(sources, charter_loaded);
    lint::check_document(&mut doc, config);
    let mut diagnostics = loaded.diagnostics;
    if let Some(d) = &loaded.disclosure {
        let charter_ref = doc.charter.as_ref().map(|c| disclosure::CharterRef {
            charter: c,
            numbering: &doc.numbering,
            file: doc.sources.file(doc.file),
        });
        diagnostics.extend(disclosure::check(d, charter_ref));
    }
    diagnostic::sort(&mut diagnostics);
    Ok(DisclosureRun { charter: doc, file: loaded.file, disclosure: loaded.disclosure, diagnostics })
}
