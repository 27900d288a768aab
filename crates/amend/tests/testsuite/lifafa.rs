//! 立法法 2015 → 2023 against the official decision of 2023-03-13. Skipped,
//! with a message, when ../shared/data is absent. Figures are printed.

use std::path::Path;

use charter_amend::apply;
use charter_amend::parse::{parse, parse_lenient};

use crate::roundtrip::{load, root, roundtrip};

fn import(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let imp = charter_import::import_bytes(path, &bytes, charter_import::Options::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    imp.yaml.unwrap_or_else(|| panic!("{}: no charter", path.display()))
}

#[test]
fn lifafa_2015_to_2023() {
    let laws = root().join("../shared/data/laws");
    if !laws.is_dir() {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            (format!("skipped: {} is absent", laws.display()) + "\n").as_bytes(),
        );
        return;
    }
    let old_yaml = import(&laws.join("lifafa-2015_lawrefbook.md"));
    let new_yaml = import(&laws.join("lifafa-2023_lawrefbook.md"));
    let ours = roundtrip(&old_yaml, &new_yaml);
    let added: Vec<&str> =
        ours.lines().filter_map(|l| l.split("增加一条，作为").nth(1)).filter_map(|r| r.split('：').next()).collect();
    assert_eq!(
        added,
        [
            "第八条",
            "第九条",
            "第五十五条",
            "第六十八条",
            "第七十条",
            "第七十一条",
            "第七十九条",
            "第八十三条",
            "第九十条",
            "第一百一十一条",
            "第一百一十五条",
            "第一百一十六条",
            "第一百一十八条"
        ],
        "{ours}"
    );
    assert!(ours.contains("将第三条改为两条，作为第三条、第四条"), "{ours}");
    assert!(ours.contains("将第七十二条改为两条，作为第八十条、第八十一条"), "{ours}");
    // 法律委员会 → 宪法和法律委员会 (an insertion before the term in many
    // articles): one item, as in the official decision.
    assert_eq!(ours.matches("将本法中的“法律委员会”修改为“宪法和法律委员会”。").count(), 1, "{ours}");
    let ours_parsed = parse(&ours).unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!("立法法: our decision has {} items (the official one 40)", ours_parsed.items.len());
    println!("{ours}");

    // The official decision: which items we read, and what applying them gives.
    let official = std::fs::read_to_string(laws.join("lifafa-2023-amendment-decision_whthomas.md")).unwrap_or_default();
    let (d, errs) = parse_lenient(&official).unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!("official decision: {} items read, {} not read:", d.items.len(), errs.len());
    for e in &errs {
        let line = official[..e.range.start].matches('\n').count() + 1;
        eprintln!("  line {line}: {} {}", e.code.as_str(), e.message);
    }
    assert!(errs.is_empty(), "every item of the official decision is read");
    assert_eq!(d.items.len(), 40);
    let (_, old) = load("2015.yaml", &old_yaml);
    let (_, new) = load("2023.yaml", &new_yaml);
    let doc = apply(&old, &d, None).unwrap_or_else(|f| panic!("official decision: {} failures: {f:?}", f.len()));
    let (got, want) = (doc.printed(), new.printed());
    let (chars, places) = char_difference(&got, &want);
    eprintln!(
        "official decision (40 items) applied to the 2015 text: {chars} characters differ from the 2023 text, in {} places",
        places.len()
    );
    for p in &places {
        eprintln!("  {p}");
    }
    assert_eq!(got.lines().count(), want.lines().count(), "the same articles, divisions and 款");
}

/// Characters inserted or deleted between two texts, and the places
/// (“got → want” with context).
fn char_difference(got: &str, want: &str) -> (usize, Vec<String>) {
    let d = similar::TextDiff::from_chars(got, want);
    let mut n = 0;
    let mut places = Vec::new();
    for op in d.ops() {
        let (tag, o, w) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        let g: String = got.chars().skip(o.start).take(o.len()).collect();
        let x: String = want.chars().skip(w.start).take(w.len()).collect();
        n += o.len().max(w.len());
        let before: String = got.chars().skip(o.start.saturating_sub(12)).take(o.start.min(12)).collect();
        places.push(format!("…{before}[{g} → {x}]"));
    }
    (n, places)
}
