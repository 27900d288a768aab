//! charter-lint's integration tests (one binary). Paths in messages and
//! snapshots are relative to the repository root, as the CLI shows them.

use std::path::{Path, PathBuf};

mod example_charter;
mod laws;
mod lint_robustness;
mod lint_rules;
mod notes;
mod robustness;
mod rule_fixtures;

/// The repository root (fixtures, the example charter, docs).
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A file under the repository root, read as text.
pub fn read_root(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Check a file under the repository root with the built-in configuration,
/// naming it by its path relative to the root.
pub fn check_root(rel: &str) -> charter_core::Document {
    charter_lint::process_text(&PathBuf::from(rel), &read_root(rel), None)
}
