//! charter: a drafting toolchain for Chinese charters (章程) and statutes.
//!
//! The pipeline, in the order it runs:
//!
//! 1. [`load`]: YAML → raw structs with positions ([`raw`]) → checked model
//!    ([`model`]), with a [`Diagnostic`] for every mistake;
//! 2. [`number`]: Chinese numbering of every division, article, paragraph
//!    and item (numbers are computed, never stored);
//! 3. [`resolve`]: every `[[id]]` cross-reference against the numbering;
//! 4. [`lint`]: the checker's rules;
//! 5. output: [`outline`], [`export`], [`export_text`], [`render`] (PDF and
//!    HTML), and [`diff`] between two drafts.
//!
//! [`import`] goes the other way: an existing charter in plain text,
//! Markdown or Word becomes YAML.
//!
//! [`process`] runs steps 1–4 for one file.

use std::path::{Path, PathBuf};

pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod explain;
pub mod export;
pub mod export_text;
pub mod fsutil;
pub mod generate;
pub mod import;
pub mod lint;
pub mod load;
pub mod model;
pub mod number;
pub mod numerals;
pub mod outline;
pub mod raw;
pub mod render;
pub mod report;
pub mod resolve;
pub mod source;
pub mod suggest;
pub mod text;

pub use diagnostic::{Diagnostic, Severity};
pub use error::ToolError;
pub use model::Charter;
pub use number::Numbering;
pub use source::{FileId, Sources, Span};

/// A charter file after the whole front half of the pipeline.
#[derive(Debug)]
pub struct Document {
    pub sources: Sources,
    pub file: FileId,
    /// None when the YAML could not be read at all.
    pub charter: Option<Charter>,
    pub numbering: Numbering,
    /// Everything found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

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
    let file = load::resolve_path(path)?;
    let config = read_config(&file, config)?;
    let bytes = std::fs::read(&file).map_err(|e| ToolError::Read { path: file.clone(), source: e })?;
    let mut sources = Sources::default();
    let loaded = load::load_bytes(&file, bytes, &mut sources);
    Ok(process_loaded(sources, loaded, config))
}

/// The configuration file's path and text for a charter file.
pub fn read_config(charter_file: &Path, choice: ConfigChoice) -> Result<Option<(PathBuf, String)>, ToolError> {
    let path = match choice {
        ConfigChoice::Defaults => return Ok(None),
        ConfigChoice::File(p) => p.to_path_buf(),
        ConfigChoice::Discover => match lint::config::discover(charter_file) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|e| ToolError::Read { path: path.clone(), source: e })?;
    Ok(Some((path, text)))
}

/// Load, number, resolve and check YAML text already in memory, with the
/// built-in configuration.
pub fn process_str(name: &str, text: &str) -> Document {
    process_bytes(Path::new(name), text.as_bytes().to_vec())
}

/// Load, number, resolve and check a file's bytes read elsewhere (e.g. from
/// a git revision); `name` is what messages call the file.
pub fn process_bytes(name: &Path, bytes: Vec<u8>) -> Document {
    let mut sources = Sources::default();
    let loaded = load::load_bytes(name, bytes, &mut sources);
    process_loaded(sources, loaded, None)
}

/// Load, number, resolve and check YAML text already in memory, with a
/// configuration given as (path, text).
pub fn process_text(path: &Path, text: &str, config: Option<(PathBuf, String)>) -> Document {
    let mut sources = Sources::default();
    let loaded = load::load_bytes(path, text.as_bytes().to_vec(), &mut sources);
    process_loaded(sources, loaded, config)
}

fn process_loaded(mut sources: Sources, loaded: load::Loaded, config: Option<(PathBuf, String)>) -> Document {
    let mut diagnostics = loaded.diagnostics;
    let config = match config {
        Some((path, text)) => {
            let (c, d) = lint::Config::from_text(&mut sources, path, text);
            diagnostics.extend(d);
            c
        }
        None => lint::Config::default(),
    };
    let mut numbering = Numbering::default();
    if let Some(charter) = &loaded.charter {
        numbering = number::number(charter, &mut diagnostics);
        let ref_problems = resolve::resolve(charter, &numbering);
        let ctx = lint::Context::new(charter, &numbering, sources.file(loaded.file), &ref_problems, &config);
        diagnostics.extend(lint::check(&ctx));
    }
    diagnostic::sort(&mut diagnostics);
    Document { sources, file: loaded.file, charter: loaded.charter, numbering, diagnostics }
}
