//! The diff of a draft with itself is empty.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = charter_core::Document::load(Path::new("fuzz.yaml"), data.to_vec());
    let Some(charter) = &doc.charter else { return };
    let a = charter_diff::Draft { name: "a".into(), charter, numbering: &doc.numbering };
    let b = charter_diff::Draft { name: "b".into(), charter, numbering: &doc.numbering };
    let d = charter_diff::diff(&a, &b);
    assert!(d.summary.identical, "a draft differs from itself");
});
