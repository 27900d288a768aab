//! charter-core: the charter model and the front half of the pipeline.
//!
//! 1. [`load`]: YAML → raw structs with positions ([`raw`]) → checked model
//!    ([`model`]), with a [`Diagnostic`] for every mistake;
//! 2. [`number`]: Chinese numbering of every division, article, paragraph
//!    and item (numbers are computed, never stored);
//! 3. [`resolve`]: every `[[id]]` cross-reference against the numbering;
//! 4. output that needs nothing but the model: [`outline`], [`export`].
//!
//! [`walk`] is the one walker of the model's tree ([`walk::Visitor`]).
//!
//! Architecture invariant: this crate builds without typst, minijinja,
//! clap or any file-format crate beyond YAML, and it never touches the file
//! system: callers (the `charter` project) read bytes and this crate turns
//! them into a [`Document`].

use std::path::Path;

pub mod anchor;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod generate;
pub mod id;
pub mod load;
pub mod model;
pub mod number;
pub mod numerals;
pub mod outline;
pub mod punct;
pub mod raw;
pub mod resolve;
pub mod script;
mod slips;
pub mod source;
pub mod suggest;
pub mod text;
pub mod walk;
pub mod yaml_text;

pub use diagnostic::{Diagnostic, Severity};
pub use error::ToolError;
pub use model::Charter;
pub use number::Numbering;
pub use source::{FileId, Sources, Span};

/// A charter file after loading and numbering: the sources (for messages),
/// the model, the numbering and every diagnostic found so far. The checker
/// (`charter-lint`) adds its findings to the same list.
#[derive(Debug)]
pub struct Document {
    pub sources: Sources,
    pub file: FileId,
    /// None when the YAML could not be read at all.
    pub charter: Option<Charter>,
    pub numbering: Numbering,
    /// Everything found, sorted by position once the last pass has run.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// Load and number a file's bytes read elsewhere; `name` is what
    /// messages call the file.
    pub fn load(name: &Path, bytes: Vec<u8>) -> Document {
        let mut sources = Sources::default();
        let loaded = load::load_bytes(name, bytes, &mut sources);
        Document::from_loaded(sources, loaded)
    }

    /// [`Document::load`] for text already in memory (not validated again).
    pub fn load_text(name: &Path, text: String) -> Document {
        let mut sources = Sources::default();
        let loaded = load::load_text(name, text, &mut sources);
        Document::from_loaded(sources, loaded)
    }

    /// Number what [`load::load_bytes`] produced.
    pub fn from_loaded(sources: Sources, loaded: load::Loaded) -> Document {
        let mut diagnostics = loaded.diagnostics;
        let numbering = match &loaded.charter {
            Some(charter) => number::number(charter, &mut diagnostics),
            None => Numbering::default(),
        };
        Document { sources, file: loaded.file, charter: loaded.charter, numbering, diagnostics }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}
