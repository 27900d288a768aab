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
    // Known source errors only: the 2015 transcription has half-width
    // colons where the law has “：” (9 places), and the transcription of the
    // decision's item 40(一) lost the “、” of 后增加“、国家监察委员会” (2).
    let known = |p: &str| p.ends_with("[: → ：]") || p.ends_with("中央军事委员会[ → 、]");
    let unknown: Vec<&String> = places.iter().filter(|p| !known(p)).collect();
    assert!(unknown.is_empty(), "differences other than the known source errors: {unknown:#?}");

    // Our items against the official 40.
    let (same_target, same_wording) = agreement(&d, &ours_parsed);
    eprintln!(
        "agreement with the official decision: {same_target} of {} official items have an item of ours with the same \
         operation on the same articles, {same_wording} the same wording; ours has {} items",
        d.items.len(),
        ours_parsed.items.len()
    );
    assert!(same_target >= 30, "{same_target}");
}

/// What an item does, for comparing two decisions: the old articles it
/// touches and the new numbers it adds (a replacement throughout is its
/// pair; a list of the same word edit is that pair too).
fn keys(it: &charter_amend::Item) -> std::collections::BTreeSet<String> {
    use charter_amend::decision::{Edit, Op};
    let mut k = std::collections::BTreeSet::new();
    for op in &it.ops {
        match op {
            Op::Edit { article, edits, .. } => match edits.as_slice() {
                [Edit::Words { from, to, .. }] if to.contains(from.as_str()) && to.len() > from.len() * 2 => {
                    k.insert(format!("global {from}→{to}"));
                }
                _ => {
                    k.insert(format!("article {article}"));
                }
            },
            Op::Delete { article } | Op::Move { article, .. } | Op::Split { article, .. } => {
                k.insert(format!("article {article}"));
            }
            Op::Merge { articles, .. } => k.extend(articles.iter().map(|a| format!("article {a}"))),
            Op::Compose { takes, number, .. } => match takes.first() {
                Some((a, _)) => {
                    k.extend(takes.iter().map(|(a, _)| format!("article {a}")).chain([format!("article {a}")]))
                }
                None => {
                    k.insert(format!("add {number}"));
                }
            },
            Op::Add { number, .. } => {
                k.insert(format!("add {number}"));
            }
            Op::Global { from, to } => {
                k.insert(format!("global {from}→{to}"));
            }
            other => {
                k.insert(format!("{other:?}"));
            }
        }
    }
    k
}

/// (official items whose operation and articles one of ours has, those of
/// them worded the same).
fn agreement(official: &charter_amend::Decision, ours: &charter_amend::Decision) -> (usize, usize) {
    let our_keys: std::collections::BTreeSet<String> = ours.items.iter().flat_map(keys).collect();
    let norm = |s: String| s.replace(['"', '“', '”', '\'', '‘', '’'], "").replace(char::is_whitespace, "");
    let our_words: std::collections::BTreeSet<String> = ours
        .items
        .iter()
        .flat_map(|i| i.ops.iter().map(|op| norm(charter_amend::decision::render_op_in(op, "本法"))))
        .collect();
    let (mut target, mut wording) = (0, 0);
    for it in &official.items {
        let k = keys(it);
        if !k.is_empty() && k.is_subset(&our_keys) {
            target += 1;
            if it.ops.iter().all(|op| our_words.contains(&norm(charter_amend::decision::render_op_in(op, "本法")))) {
                wording += 1;
            }
        }
    }
    (target, wording)
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
