//! Import of text and Markdown: no panic, and what is written loads back
//! without loading errors.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.txt", "fuzz.md"] {
        let Ok(imp) = charter_import::import_bytes(Path::new(name), data, charter_import::Options::default()) else {
            continue;
        };
        if let Some(yaml) = imp.yaml {
            let doc = charter_core::Document::load(Path::new("back.yaml"), yaml.clone().into_bytes());
            assert!(
                doc.charter.is_some() && !doc.diagnostics.iter().any(|d| d.is_load_error()),
                "import does not load back:\n{yaml}"
            );
        }
    }
});
