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

/// Findings never come from text the tool inserted: an unresolved
/// reference prints as 【?id】, whose half-width “?” is not the author's.
#[test]
fn no_finding_inside_a_citation() {
    let yaml = "title: 测试章程\nbody:\n  - id: basis\n    text: 依照[[nowhere]]的规定执行。\n";
    let doc = charter_lint::process_text(std::path::Path::new("x.yaml"), yaml, None);
    let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["CH002"], "{:#?}", doc.diagnostics);
}

/// A half-width separator after a number or percentage at the end of a
/// Chinese text (`占60%;`) is flagged and fixed; 1,000 and 12:30 are not.
#[test]
fn ch020_after_a_percentage() {
    let yaml = "title: 测试章程\nbody:\n  - id: basis\n    text: 本会的任务是：\n    items:\n      - 出席人数须超过60%;\n      - 经费为1,000元，12:30开会;\n      - 占全体的一半以上。\n";
    let doc = charter_lint::process_text(std::path::Path::new("x.yaml"), yaml, None);
    let d: Vec<_> = doc.diagnostics.iter().filter(|d| d.code == "CH020").collect();
    assert_eq!(d.len(), 2, "{d:#?}");
    let file = doc.sources.file(doc.file);
    let spots: Vec<&str> =
        d.iter().flat_map(|d| d.labels.iter()).map(|l| &file.text[l.span.start..l.span.end]).collect();
    assert_eq!(spots, [";", ";"], "only the two semicolons: {spots:?}");
    assert!(d.iter().all(|d| d.fix.is_some()));
}

/// A body whose name ends with an established body's name is a different
/// body: 常务理事会 is not set up by setting up 理事会.
#[test]
fn ch013_a_standing_council_is_not_the_council() {
    let yaml = "title: 测试协会章程\nbody:\n  - id: council\n    text: 本会设会员代表大会、理事会和会长。理事会由会员代表大会选举产生。\n  - id: chair\n    text: 会长主持常务理事会的工作，并向理事会报告工作。\n";
    let doc = charter_lint::process_text(std::path::Path::new("x.yaml"), yaml, None);
    let d: Vec<_> = doc.diagnostics.iter().filter(|d| d.code == "CH013").collect();
    assert_eq!(d.len(), 1, "{:#?}", doc.diagnostics);
    assert!(d[0].message.contains("常务理事会"), "{}", d[0].message);
}
