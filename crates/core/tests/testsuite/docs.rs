//! The Chinese format specification (docs/章程格式.md) is kept in sync with
//! the English one (docs/charter-format.md).

use std::collections::BTreeSet;
use std::path::PathBuf;

fn doc(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys in the first column of every table whose header is `| key |`
/// (English) or `| 键 |` (Chinese).
fn table_keys(text: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut in_key_table = false;
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if !line.starts_with('|') || cells.len() < 3 {
            in_key_table = false;
            continue;
        }
        if cells[1] == "key" || cells[1] == "键" {
            in_key_table = true;
            continue;
        }
        if in_key_table && let Some(k) = cells[1].strip_prefix('`').and_then(|c| c.strip_suffix('`')) {
            keys.insert(k.to_string());
        }
    }
    keys
}

/// Every word of the key summary (the code block after the heading).
fn summary_block(text: &str, heading: &str) -> String {
    let after = text.split(heading).nth(1).unwrap_or_else(|| panic!("no heading {heading}"));
    after.split("```").nth(1).unwrap_or_default().trim().to_string()
}

#[test]
fn every_key_of_the_english_spec_is_in_the_chinese_one() {
    let en = doc("charter-format.md");
    let zh = doc("章程格式.md");
    let en_keys = table_keys(&en);
    assert!(en_keys.len() >= 20, "the English spec's key tables were not found: {en_keys:?}");
    let zh_keys = table_keys(&zh);
    let missing: Vec<_> = en_keys.difference(&zh_keys).collect();
    assert!(missing.is_empty(), "keys in docs/charter-format.md's tables missing from docs/章程格式.md's: {missing:?}");
    let extra: Vec<_> = zh_keys.difference(&en_keys).collect();
    assert!(extra.is_empty(), "keys in docs/章程格式.md not in docs/charter-format.md: {extra:?}");
}

#[test]
fn the_key_summaries_are_identical() {
    let en = summary_block(&doc("charter-format.md"), "## Key summary");
    let zh = summary_block(&doc("章程格式.md"), "## 键名一览");
    assert!(en.contains("article:"), "English key summary not found");
    assert_eq!(en, zh, "docs/章程格式.md's 键名一览 differs from docs/charter-format.md's Key summary");
}
