//! The YAML loader and the checker: any bytes, no panic; every diagnostic
//! renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = charter_lint::process_bytes(std::path::Path::new("fuzz.yaml"), data.to_vec());
    for d in &doc.diagnostics {
        let _ = charter_core::diagnostic::render_short(d, &doc.sources);
    }
});
