//! The disclosure loader and its checks against the example charter: any
//! bytes, no panic; every diagnostic renders.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn charter() -> &'static charter_core::Document {
    static DOC: OnceLock<charter_core::Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let src = include_str!("../../charter/charter.yaml");
        charter_core::Document::load(Path::new("charter.yaml"), src.as_bytes().to_vec())
    })
}

fuzz_target!(|data: &[u8]| {
    let doc = charter();
    let mut sources = doc.sources.clone();
    let loaded = charter_disclosure::load_bytes(Path::new("disclosure.yaml"), data.to_vec(), &mut sources);
    let mut diags = loaded.diagnostics;
    if let Some(d) = &loaded.disclosure {
        let charter = match (&doc.charter, sources.get(doc.file)) {
            (Some(c), Some(file)) => Some(charter_disclosure::CharterRef { charter: c, numbering: &doc.numbering, file }),
            _ => None,
        };
        diags.extend(charter_disclosure::check(d, charter));
    }
    for d in &diags {
        let _ = charter_core::diagnostic::render_short(d, &sources);
    }
});
