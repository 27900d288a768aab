//! The `charter` binary and the project layer, end to end: one test
//! binary (modules below) so that an edit links one executable, not one per
//! file. Crate-level suites live in `crates/*/tests/testsuite/`.

mod amend;
mod bad_word;
mod browser;
mod check_cli;
mod cli;
mod common;
mod diff;
mod diff_pdf;
mod disclosure;
mod docx;
mod hardening;
mod help_zh;
mod import;
mod lint_config;
mod live;
mod packet;
mod project;
mod render;
mod traditional;
mod windows;
