//! Every lint rule has a fixture `tests/fixtures/lint/<code>_*.yaml` with
//! cases it must flag and cases it must not; its rendered output is a
//! snapshot.

fn fixture_for(code: &str) -> Option<std::path::PathBuf> {
    let prefix = code.to_ascii_lowercase();
    let mut found: Vec<_> = std::fs::read_dir(crate::root().join("tests/fixtures/lint"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&format!("{prefix}_"))))
        .collect();
    found.sort();
    found
        .into_iter()
        .next()
        .and_then(|p| p.file_name().map(|n| std::path::PathBuf::from("tests/fixtures/lint").join(n)))
}

#[test]
fn every_rule_has_a_fixture_and_a_snapshot() {
    for rule in charter_lint::all_rules() {
        let path = fixture_for(rule.code.as_str()).unwrap_or_else(|| panic!("no fixture for {}", rule.code));
        let doc = crate::check_root(&path.to_string_lossy());
        let mine: Vec<_> = doc.diagnostics.iter().filter(|d| d.code == rule.code).collect();
        assert!(!mine.is_empty(), "{}: the fixture must have cases the rule flags", rule.code);
        let rendered: String =
            mine.iter().map(|d| charter_core::diagnostic::render(d, &doc.sources, false) + "\n\n").collect();
        insta::assert_snapshot!(format!("rule__{}", rule.code), rendered);
    }
}

#[test]
fn ch001_flags_only_the_duplicates() {
    let doc = crate::check_root("tests/fixtures/lint/ch001_duplicate_heading.yaml");
    let d: Vec<_> = doc.diagnostics.iter().filter(|d| d.code == "CH001").collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].labels.len(), 2);
    assert!(d[0].message.contains("第二条和第四条"), "{}", d[0].message);
}

#[test]
fn ch002_flags_only_the_bad_references() {
    let doc = crate::check_root("tests/fixtures/lint/ch002_unresolved_reference.yaml");
    let d: Vec<_> = doc.diagnostics.iter().filter(|d| d.code == "CH002").collect();
    assert_eq!(d.len(), 3, "{d:#?}");
    assert!(d[0].hints.iter().any(|h| h.contains("basis")));
    // All three are on the third article's line.
    let line = |d: &charter_core::Diagnostic| doc.sources.describe(d.span().unwrap_or_default());
    assert!(d.iter().all(|x| line(x).contains(":16:")), "{:?}", d.iter().map(|x| line(x)).collect::<Vec<_>>());
}
