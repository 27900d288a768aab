//! One fixture per rule (`tests/fixtures/lint/chNNN_name.yaml`, or
//! `chNNN_name_cases.yaml` where the plain name is taken by
//! tests/rule_fixtures.rs): every article or division whose id starts with
//! `flag-` must be reported by the rule, and every finding of the rule must
//! lie in one; nodes named `ok-…` are the cases it must leave alone. A
//! fixture may have a configuration in `tests/fixtures/lint/config/`. The
//! rendered findings are snapshots in tests/rule_fixtures.rs; here, for
//! fixable rules, the diff of `--fix` is a snapshot, and the fixed text must
//! load, no longer show the fixed findings, and not change when fixed again.

use std::path::{Path, PathBuf};

use charter_core::{Diagnostic, Document};
use charter_lint::Rule;

fn fixture_dir() -> PathBuf {
    crate::root().join("tests/fixtures/lint")
}

/// `chNNN_name_cases.yaml` where the plain `chNNN_name.yaml` has another
/// layout (tests/rule_fixtures.rs), else `chNNN_name.yaml`.
fn fixture_for(rule: &Rule) -> PathBuf {
    let stem = format!("{}_{}", rule.code.as_str().to_ascii_lowercase(), rule.name.replace('-', "_"));
    let cases = fixture_dir().join(format!("{stem}_cases.yaml"));
    if cases.is_file() { cases } else { fixture_dir().join(format!("{stem}.yaml")) }
}

/// A fixture's configuration: `config/<same name>` (outside the fixture
/// folder's top level, so that it is never taken for a charter).
fn config_for(path: &Path) -> Option<(PathBuf, String)> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let text = std::fs::read_to_string(fixture_dir().join("config").join(&name)).ok()?;
    Some((PathBuf::from(format!("tests/fixtures/lint/config/{name}")), text))
}

fn display_name(path: &Path) -> PathBuf {
    PathBuf::from(format!("tests/fixtures/lint/{}", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()))
}

fn run(path: &Path, text: &str) -> Document {
    charter_lint::process_text(&display_name(path), text, config_for(path))
}

/// Like [`run`], keeping only the findings of one rule (so that `--fix`
/// applies only its fixes).
fn run_only(path: &Path, text: &str, code: &str) -> Document {
    let mut doc = run(path, text);
    doc.diagnostics.retain(|d| d.code == code || (d.code.origin() == charter_core::diagnostic::Origin::Load));
    doc
}

/// The id of the node holding a line (1-based): the nearest `id:` at or
/// above it, or the one just below a division key.
fn node_at(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let id_of = |l: &str| {
        let t = l.trim_start().trim_start_matches("- ");
        t.strip_prefix("id: ").map(|s| s.trim().to_string())
    };
    let here = lines.get(line - 1).copied().unwrap_or("");
    let t = here.trim_start().trim_start_matches("- ");
    if ["chapter:", "section:", "part:", "subpart:"].iter().any(|k| t.starts_with(k))
        && let Some(id) = lines[line..].iter().find_map(|l| id_of(l))
    {
        return id;
    }
    lines[..line].iter().rev().find_map(|l| id_of(l)).unwrap_or_default()
}

fn check_fixture(rule: &'static Rule) {
    let path = fixture_for(rule);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = run(&path, &text);
    let errors: Vec<&Diagnostic> =
        doc.diagnostics.iter().filter(|d| d.code.origin() == charter_core::diagnostic::Origin::Load).collect();
    assert!(errors.is_empty(), "{}: loading problems {:?}", path.display(), errors);
    let mine: Vec<&Diagnostic> = doc.diagnostics.iter().filter(|d| d.code == rule.code).collect();
    let file = doc.sources.file(doc.file);
    // Every primary position is in a flag- node.
    for d in &mine {
        let span = d.span().unwrap_or_else(|| panic!("{} without a position", d.code));
        let node = node_at(&text, file.line_col(span.start).0);
        assert!(node.starts_with("flag-"), "{}: {} reported in `{node}`: {}", rule.code, rule.name, d.message);
    }
    // Every flag- node is reported (primary or secondary label).
    let reported: Vec<String> =
        mine.iter().flat_map(|d| d.labels.iter().map(|l| node_at(&text, file.line_col(l.span.start).0))).collect();
    for line in text.lines() {
        let t = line.trim_start().trim_start_matches("- ");
        if let Some(id) = t.strip_prefix("id: flag-") {
            let id = format!("flag-{}", id.trim());
            let inner = reported.iter().any(|r| r == &id || r.starts_with(&format!("{id}-")));
            assert!(inner, "{}: {} did not report `{id}`", rule.code, rule.name);
        }
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // Fixes: apply, reload, and the fixed findings are gone.
    if mine.iter().any(|d| d.fix.is_some()) {
        assert!(rule.fixable, "{} offers fixes but is not marked fixable", rule.code);
        let outcome = charter_lint::fix::fix_text(&text, &|t| run_only(&path, t, rule.code.as_str()));
        assert_eq!(outcome.refused, 0, "{}: a fix was refused", rule.code);
        let after = run(&path, &outcome.text);
        assert!(after.charter.is_some(), "{}: fixed text does not load", rule.code);
        let y_errors = after.diagnostics.iter().filter(|d| d.is_load_error()).count();
        assert_eq!(y_errors, 0, "{}: fixed text has loading errors", rule.code);
        let left = after.diagnostics.iter().filter(|d| d.code == rule.code && d.fix.is_some()).count();
        assert_eq!(left, 0, "{}: fixable findings remain after --fix", rule.code);
        // Idempotent: fixing again changes nothing.
        let again = charter_lint::fix::fix_text(&outcome.text, &|t| run_only(&path, t, rule.code.as_str()));
        assert_eq!(again.text, outcome.text, "{}: --fix is not idempotent", rule.code);
        let diff = charter_lint::fix::unified_diff(&display_name(&path).to_string_lossy(), &text, &outcome.text);
        insta::assert_snapshot!(format!("{stem}.fix"), diff);
    }
}

macro_rules! fixtures {
    ($($name:ident => $rule:path),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_fixture(&$rule);
            }
        )*

        /// Every rule has a test above.
        #[test]
        fn every_rule_has_a_fixture_test() {
            let tested: Vec<&str> = vec![$($rule.code.as_str()),*];
            for r in charter_lint::all_rules() {
                assert!(tested.contains(&r.code.as_str()), "{} has no fixture test", r.code);
                assert!(fixture_for(r).is_file(), "missing fixture {}", fixture_for(r).display());
            }
        }
    };
}

use charter_lint::rules as r;

fixtures! {
    ch001 => r::DUPLICATE_HEADING,
    ch002 => r::UNRESOLVED_REFERENCE,
    ch003 => r::DUPLICATE_DIVISION_TITLE,
    ch004 => r::REPEALED_REFERENCE,
    ch005 => r::SELF_REFERENCE,
    ch006 => r::HARDCODED_CITATION,
    ch007 => r::WRONG_TERM,
    ch008 => r::ABBREVIATION_BEFORE_DEFINITION,
    ch009 => r::ABBREVIATION_REDEFINED,
    ch010 => r::ABBREVIATION_CONFLICT,
    ch011 => r::FULL_NAME_AFTER_ABBREVIATION,
    ch012 => r::NEAR_DUPLICATE_NAME,
    ch013 => r::UNDEFINED_NAME,
    ch014 => r::COUNT_MISMATCH,
    ch015 => r::INCONSISTENT_QUANTITY,
    ch016 => r::EMPTY_DIVISION,
    ch017 => r::SUBDIVISION_STRUCTURE,
    ch018 => r::SINGLE_ITEM_LIST,
    ch019 => r::ITEMS_WITHOUT_LEAD_IN,
    ch020 => r::HALFWIDTH_PUNCTUATION,
    ch021 => r::HYPHEN_RANGE,
    ch022 => r::LATIN_WORD,
    ch023 => r::STRAY_SPACE,
    ch024 => r::MIXED_QUOTES,
    ch025 => r::TITLE_VARIANT,
    ch026 => r::MANUAL_NUMBERING,
    ch027 => r::CONFUSABLE_WORD,
    ch028 => r::TEXT_ENDING,
    ch029 => r::UNUSED_ALLOW,
}

/// docs/lint.md lists every rule with its code, name and options.
#[test]
fn docs_list_every_rule() {
    let doc = std::fs::read_to_string(crate::root().join("docs/lint.md")).unwrap_or_else(|e| panic!("{e}"));
    for r in charter_lint::all_rules() {
        let sev = match r.severity() {
            charter_core::Severity::Error => "error",
            charter_core::Severity::Warning => "warning",
            charter_core::Severity::Info => "info",
        };
        let row = doc.lines().find(|l| l.starts_with(&format!("| {} | {} | {sev} |", r.code, r.name)));
        let row = row.unwrap_or_else(|| panic!("docs/lint.md has no row `| {} | {} | {sev} |`", r.code, r.name));
        assert_eq!(row.contains("| fix |"), r.fixable, "{}: fix column disagrees", r.code);
        for o in r.options {
            assert!(
                doc.contains(&format!("| {} | `{}` |", r.code, o.name)),
                "{}: option {} undocumented",
                r.code,
                o.name
            );
        }
    }
}
