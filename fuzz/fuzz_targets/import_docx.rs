//! Import of .docx bytes (ZIP, XML, Word numbering): no panic, bounded
//! work (the numbering budget), and a result that loads back.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = charter_import::Options { format: Some(charter_import::InputFormat::Docx), ..Default::default() };
    let Ok(imp) = charter_import::import_bytes(Path::new("fuzz.docx"), data, options) else { return };
    if let Some(yaml) = imp.yaml {
        let doc = charter_core::Document::load(Path::new("back.yaml"), yaml.clone().into_bytes());
        assert!(!doc.diagnostics.iter().any(|d| d.is_load_error()), "import does not load back:\n{yaml}");
    }
});
