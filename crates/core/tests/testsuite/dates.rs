//! The charter's `date:` is checked by the calendar (`Y028`).

use std::path::Path;

use charter_core::Document;

fn date_errors(date: &str) -> Vec<String> {
    let yaml = format!("title: 测试章程\ndate: {date}\nbody:\n  - id: a1\n    text: 第一条。\n");
    let doc = Document::load(Path::new("charter.yaml"), yaml.into_bytes());
    doc.diagnostics.iter().filter(|d| d.code == "Y028").map(|d| d.message.clone()).collect()
}

#[test]
fn valid_dates_load() {
    for d in ["2021-11-24", "2024-02-29", "2000-02-29"] {
        assert!(date_errors(d).is_empty(), "{d}: {:?}", date_errors(d));
    }
}

#[test]
fn impossible_dates_are_y028() {
    for d in ["2023-02-29", "1900-02-29", "2021-04-31", "2021-13-01", "2021-11", "2021-1-2"] {
        let errs = date_errors(d);
        assert_eq!(errs.len(), 1, "{d}: {errs:?}");
        assert!(errs[0].contains(d), "{errs:?}");
    }
}
