//! The inline Markdown and `[[…]]` reference parser: no panic; the plain
//! text maps back into the raw text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let (text, _) = charter_core::text::Text::parse(s.to_string(), charter_core::source::Span::default());
    let plain = text.plain_with(&|_| "第一条".to_string());
    for (i, _) in plain.text.char_indices() {
        assert!(plain.to_raw(i) <= text.raw.len());
    }
});
