//! The one integration-test binary of charter-disclosure.

#![allow(clippy::unwrap_used)]

mod bad_input;
mod example;

use std::path::{Path, PathBuf};

use charter_core::diagnostic::{self, Diagnostic};
use charter_core::load;
use charter_core::source::Sources;
use charter_core::{Document, number};
use charter_disclosure::{CharterRef, Disclosure};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A disclosure (and, if given, its charter) loaded into one set of
/// sources, checked.
#[derive(Debug)]
pub struct Run {
    pub sources: Sources,
    pub disclosure: Option<Disclosure>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(disclosure: &Path, charter: Option<&Path>) -> Run {
    let mut sources = Sources::default();
    let bytes = std::fs::read(disclosure).unwrap_or_else(|e| panic!("{}: {e}", disclosure.display()));
    let name = disclosure.strip_prefix(root()).unwrap_or(disclosure).to_path_buf();
    let loaded = charter_disclosure::load_bytes(&name, bytes, &mut sources);
    let mut diagnostics = loaded.diagnostics;
    let doc = charter.map(|c| {
        let bytes = std::fs::read(c).unwrap_or_else(|e| panic!("{}: {e}", c.display()));
        let cname = c.strip_prefix(root()).unwrap_or(c).to_path_buf();
        let l = load::load_bytes(&cname, bytes, &mut sources);
        let mut diags = l.diagnostics.clone();
        let numbering = l.charter.as_ref().map(|ch| number::number(ch, &mut diags)).unwrap_or_default();
        (l.charter, numbering, l.file)
    });
    if let Some(d) = &loaded.disclosure {
        let r = doc
            .as_ref()
            .and_then(|(c, n, f)| c.as_ref().map(|c| CharterRef { charter: c, numbering: n, file: sources.file(*f) }));
        diagnostics.extend(charter_disclosure::check(d, r));
    }
    diagnostic::sort(&mut diagnostics);
    let _ = Document::load; // the same pipeline as Document, with shared sources
    Run { sources, disclosure: loaded.disclosure, diagnostics }
}

pub fn rendered(r: &Run) -> String {
    r.diagnostics.iter().map(|d| diagnostic::render(d, &r.sources, false)).collect::<Vec<_>>().join("\n")
}

pub fn codes(r: &Run) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.code.as_str()).collect()
}
