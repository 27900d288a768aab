//! The wording of word edits: quotations are phrases (never fragments of
//! characters or words), and scattered edits become a restatement.

use charter_amend::decision::{Edit, Op};
use charter_amend::doc::{Art, Block};
use charter_amend::write::{is_delimiter, is_phrase_boundary, term_ranges};
use charter_amend::{Decision, Doc, Meta, write};

use crate::roundtrip::{load, root, roundtrip};

fn decision(old_yaml: &str, new_yaml: &str) -> (Doc, Decision) {
    let (od, old) = load("old.yaml", old_yaml);
    let (nd, new) = load("new.yaml", new_yaml);
    let diff = charter_diff::diff(
        &charter_diff::Draft { name: "o".into(), charter: od.charter.as_ref().expect("o"), numbering: &od.numbering },
        &charter_diff::Draft { name: "n".into(), charter: nd.charter.as_ref().expect("n"), numbering: &nd.numbering },
    );
    let w = write(&old, &new, &diff, &Meta::default());
    (old, w.decision)
}

fn block_texts(b: &Block, out: &mut Vec<String>) {
    out.push(b.text.printed.clone());
    for i in &b.items {
        block_texts(i, out);
    }
}

fn texts(a: &Art) -> Vec<String> {
    let mut out: Vec<String> = a.heading.iter().map(|h| h.printed.clone()).collect();
    for p in &a.paragraphs {
        block_texts(p, &mut out);
    }
    out
}

/// Every quoted old text of a word edit holds a word, and starts and ends
/// at a phrase boundary where it stands in the old article.
fn check_phrases(old: &Doc, d: &Decision) -> usize {
    let terms: Vec<Vec<char>> = old
        .terms
        .iter()
        .flat_map(|t| std::iter::once(&t.name).chain(&t.short).chain(&t.wrong))
        .map(|n| n.chars().collect())
        .collect();
    let mut checked = 0;
    for it in &d.items {
        for op in &it.ops {
            let Op::Edit { article, edits, .. } = op else { continue };
            let a = &old.articles[*article as usize - 1];
            for e in edits {
                let Edit::Words { from, to, .. } = e else { continue };
                assert!(from.chars().any(|c| !is_delimiter(c)), "item {}: only punctuation quoted: “{from}”", it.no);
                assert!(
                    to.is_empty() || to.chars().any(|c| !is_delimiter(c)),
                    "item {}: only punctuation quoted: “{to}”",
                    it.no
                );
                let t = texts(a).into_iter().find(|t| t.contains(from.as_str()));
                let Some(t) = t else { continue }; // quotes text an earlier edit wrote
                let chars: Vec<char> = t.chars().collect();
                let start = t[..t.find(from.as_str()).unwrap_or(0)].chars().count();
                let end = start + from.chars().count();
                let inside = term_ranges(&chars, &terms);
                assert!(
                    is_phrase_boundary(&chars, start, &inside) && is_phrase_boundary(&chars, end, &inside),
                    "item {}: “{from}” cuts a word in “{t}”",
                    it.no
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn generated_word_edits_are_phrases() {
    let base = charter_core::generate::charter_yaml(120, 20);
    let mut checked = 0;
    for (percent, seed) in [(10, 1), (30, 2), (50, 3), (20, 9)] {
        let revised = charter_core::generate::perturb(&base, percent, seed);
        let (old, d) = decision(&base, &revised);
        checked += check_phrases(&old, &d);
    }
    assert!(checked > 0, "no word edits were generated");
}

#[test]
fn example_pair_quotes_phrases() {
    let old = std::fs::read_to_string(root().join("charter/charter.yaml")).expect("example");
    let new = std::fs::read_to_string(root().join("charter/drafts/revised.yaml")).expect("revised");
    let (od, d) = decision(&old, &new);
    assert!(check_phrases(&od, &d) >= 5);
    let text = d.to_text();
    // Four bracket changes in 第一条: restated, not four fragments.
    assert!(text.contains("一、将第一条修改为：“为指导和规范我院学生会（以下简称"), "{text}");
    assert!(!text.contains("“(以”"), "{text}");
    // A wrong glossary form is quoted whole.
    assert!(text.contains("“学习纪检部”修改为“学习纪律部”"), "{text}");
}

const OLD: &str = "title: 测试章程\nbody:\n  - id: a1\n    text: 本会会员享有选举权和被选举权，有权参加本会组织的各项活动，有权对本会工作提出批评和建议。\n  - id: a2\n    text: 会员大会每年召开一次，由主席团召集，主席团认为必要时可以临时召开。\n";

#[test]
fn one_small_edit_quotes_its_phrase() {
    let new = OLD.replace("各项活动", "各类活动");
    let text = roundtrip(OLD, &new);
    // From the function word 的 to the comma: the phrase, not “项”.
    assert!(text.contains("将第一条中的“各项活动”修改为“各类活动”"), "{text}");
}

#[test]
fn scattered_edits_restate_the_paragraph() {
    let new = OLD.replace("每年", "每学年").replace("由主席团", "由学生委员会").replace("必要时", "确有必要时");
    let text = roundtrip(OLD, &new);
    assert!(text.contains("将第二条修改为：“会员大会每学年召开一次"), "{text}");
    assert!(!text.contains("中的"), "{text}");
}
