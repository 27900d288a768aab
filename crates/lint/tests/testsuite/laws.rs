//! False positives on well-drafted law: the checker over the statutes in
//! `../shared/data/laws/`, imported as `charter import` does it (internal
//! citations become `[[id]]` references) in memory. Prints the findings per
//! 100 articles per rule; fails when a rule is noisy or all rules together
//! exceed 5 per 100 articles. Skips (with a message) when the folder is
//! absent.

use std::collections::BTreeMap;
use std::path::Path;

/// Rules whose findings on statutes are expected, with the reason.
const EXPECTED: &[(&str, &str)] = &[];

/// The most findings per 100 articles all rules together may have.
const MAX_TOTAL_PER_100: f64 = 5.0;

/// The most findings per 100 articles a rule may have on statutes.
const MAX_PER_100: f64 = 1.0;

#[test]
fn quiet_on_statutes() {
    let dir = crate::root().join("../shared/data/laws");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            (format!("skipped: {} is absent", dir.display()) + "\n").as_bytes(),
        );
        return;
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let mut per_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut total_articles = 0;
    for path in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.contains("amendment") {
            continue; // a decision amending a law, not a statute
        }
        let Ok(imported) = charter_import::import_bytes(
            &path,
            &std::fs::read(&path).unwrap_or_default(),
            charter_import::Options::default(),
        ) else {
            continue;
        };
        let Some(yaml) = imported.yaml else { continue };
        let yaml = charter_lint::fix::link_citations(Path::new(&name), &yaml).text;
        // For inspection: CHARTER_LAWS_DUMP=/tmp/laws writes the YAML there
        // (never into the repository).
        if let Some(out) = std::env::var_os("CHARTER_LAWS_DUMP") {
            let out = Path::new(&out);
            let _ = std::fs::create_dir_all(out);
            let _ = std::fs::write(out.join(format!("{name}.yaml")), &yaml);
        }
        let doc = charter_lint::process_str(&name, &yaml);
        let articles = doc.numbering.counts.articles;
        let load_errors: Vec<_> = doc.diagnostics.iter().filter(|d| d.is_load_error()).collect();
        assert!(
            load_errors.is_empty(),
            "{name}: the converted YAML does not load: {:?}",
            load_errors.iter().map(|d| (&d.code, &d.message)).collect::<Vec<_>>()
        );
        let mut here: BTreeMap<&'static str, usize> = BTreeMap::new();
        for d in &doc.diagnostics {
            *here.entry(d.code.as_str()).or_default() += 1;
            *per_rule.entry(d.code.as_str()).or_default() += 1;
        }
        total_articles += articles;
        println!("{name}: {articles} articles, findings {here:?}");
    }
    if total_articles == 0 {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            (format!("skipped: no statutes found in {}", dir.display()) + "\n").as_bytes(),
        );
        return;
    }
    println!("\nfindings per 100 articles ({total_articles} articles):");
    let mut noisy = Vec::new();
    for (code, n) in &per_rule {
        let rate = *n as f64 * 100.0 / total_articles as f64;
        let expected = EXPECTED.iter().find(|(c, _)| c == code);
        println!(
            "  {code}: {n} ({rate:.2}){}",
            expected.map_or(String::new(), |(_, why)| format!(" — expected: {why}"))
        );
        if rate > MAX_PER_100 && expected.is_none() {
            noisy.push(format!("{code} {rate:.2}"));
        }
    }
    let total: usize = per_rule.values().sum();
    let total_rate = total as f64 * 100.0 / total_articles as f64;
    println!("  all rules: {total} ({total_rate:.2})");
    assert!(noisy.is_empty(), "rules noisy on statutes (per 100 articles): {noisy:?}");
    assert!(total_rate <= MAX_TOTAL_PER_100, "{total_rate:.2} findings per 100 articles on statutes");
}

/// Replacing the statutes' hand-written citations by references (CH006
/// `--fix`) leaves the printed text identical, character for character.
#[test]
fn citation_fixes_keep_the_printed_text() {
    let dir = crate::root().join("../shared/data/laws");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            (format!("skipped: {} is absent", dir.display()) + "\n").as_bytes(),
        );
        return;
    };
    let only_ch006: String = charter_lint::all_rules()
        .iter()
        .filter(|r| r.code != "CH006")
        .map(|r| format!("  {}: off\n", r.code))
        .collect();
    let config = Some((std::path::PathBuf::from("lint.yaml"), format!("rules:\n{only_ch006}")));
    let mut fixed = 0;
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.contains("amendment") {
            continue;
        }
        let Ok(imported) = charter_import::import_bytes(
            &path,
            &std::fs::read(&path).unwrap_or_default(),
            charter_import::Options::default(),
        ) else {
            continue;
        };
        let Some(yaml) = imported.yaml else { continue };
        let p = Path::new(&name);
        let run = |t: &str| charter_lint::process_text(p, t, config.clone());
        let before = run(&yaml);
        let outcome = charter_lint::fix::fix_text(&yaml, &run);
        let after = run(&outcome.text);
        let text =
            |d: &charter_core::Document| d.charter.as_ref().map(|c| charter_import::text_out::to_text(c, &d.numbering));
        assert_eq!(text(&before), text(&after), "{name}: the printed text changed");
        assert!(after.diagnostics.iter().all(|d| !d.is_load_error()), "{name}");
        fixed += outcome.applied.len();
    }
    println!("{fixed} citations replaced by references, printed text unchanged");
}
