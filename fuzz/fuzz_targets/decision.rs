//! The decision parser and `apply`: any text as a decision applied to the
//! example charter, no panic; every failure is located inside the decision
//! text; a successful apply gives YAML that loads back without errors.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use charter_core::source::FileId;
use libfuzzer_sys::fuzz_target;

fn old() -> &'static charter_amend::Doc {
    static OLD: OnceLock<charter_amend::Doc> = OnceLock::new();
    OLD.get_or_init(|| {
        let src = include_str!("../../charter/charter.yaml");
        let doc = charter_core::Document::load(Path::new("charter.yaml"), src.as_bytes().to_vec());
        let c = doc.charter.as_ref().expect("the example charter loads");
        charter_amend::Doc::from_charter(c, &doc.numbering).with_comments(c, src)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = FileId::default();
    let decision = match charter_amend::read_decision(file, text) {
        Ok(d) => d,
        Err(diags) => {
            assert!(!diags.is_empty(), "a rejected decision says why");
            return;
        }
    };
    match charter_amend::apply(old(), &decision, None) {
        Ok(new) => {
            let yaml = new.to_yaml("");
            let back = charter_core::Document::load(Path::new("new.yaml"), yaml.into_bytes());
            assert!(back.charter.is_some(), "applied YAML does not load");
        }
        Err(fails) => {
            assert!(!fails.is_empty(), "a failed apply says why");
            for d in charter_amend::failure_diagnostics(&decision, file, &fails) {
                for l in &d.labels {
                    assert!(l.span.end <= text.len(), "a failure points outside the decision");
                }
            }
        }
    }
});
