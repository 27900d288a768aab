//! `check --fix`: a fix never makes a file load worse.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fn load_errors(text: &str) -> (bool, usize) {
    let doc = charter_lint::process_text(Path::new("fuzz.yaml"), text, None);
    (doc.charter.is_none(), doc.diagnostics.iter().filter(|d| d.is_load_error()).count())
}

fuzz_target!(|s: &str| {
    let run = |t: &str| charter_lint::process_text(Path::new("fuzz.yaml"), t, None);
    let outcome = charter_lint::fix::fix_text(s, &run);
    assert!(load_errors(&outcome.text) <= load_errors(s), "a fix made the file load worse");
});
