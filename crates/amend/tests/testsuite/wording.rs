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
    // Word edits quote the text as the replacements throughout leave it.
    let globals: std::collections::BTreeSet<usize> =
        d.items.iter().filter(|i| matches!(i.ops.as_slice(), [Op::Global { .. }])).map(|i| i.no).collect();
    let old = &charter_amend::apply(old, d, Some(&globals)).unwrap_or_else(|e| panic!("{e:?}"));
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
                    "item {}: “{from}” cuts a word in “{t}” ({start}..{end}; terms {:?})",
                    it.no,
                    inside.iter().filter(|r| r.0 <= end && r.1 >= start).collect::<Vec<_>>()
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
    // Bracket changes: no fragments like “(以”; half-width punctuation
    // made full-width throughout (“, ” “(” “,” “;” and the brackets closing
    // them) is one item in words, and no mark is an item of its own.
    assert!(!text.contains("“(以”"), "{text}");
    assert!(text.contains("将本章程中的半角标点符号统一修改为相应的全角标点符号。"), "{text}");
    for mark in [",", ";", "(", ")", ":"] {
        assert!(!text.contains(&format!("{mark}”修改为")), "{mark}: {text}");
    }
    // A wrong glossary form is quoted whole; corrected in two articles it
    // is one item.
    assert!(text.contains("“学习纪检部”修改为“学习纪律部”"), "{text}");
    assert!(text.contains("将本章程中的“校代会”修改为“学代会”。"), "{text}");
    // No quotation runs over the end of a sentence: 第二十七条 is restated.
    assert!(text.contains("将第二十七条修改为："), "{text}");
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

/// A term changed throughout by an insertion (or a deletion) is one item
/// quoting the whole term, whatever else changes in those articles.
#[test]
fn term_changed_throughout_by_insertion_is_one_item() {
    let old = "title: 测试章程\nbody:\n  - id: a1\n    text: 法律委员会由会员大会选举产生。\n  - id: a2\n    text: 议案由法律委员会审议，审议结果向会员大会报告。\n  - id: a3\n    text: 会员大会闭会期间，法律委员会和秘书处处理日常事务。\n  - id: a4\n    text: 秘书处设秘书长一人。\n";
    let new = old.replace("法律委员会", "宪法和法律委员会").replace("秘书长一人", "秘书长一人、副秘书长二人");
    let text = roundtrip(old, &new);
    assert!(text.contains("将本章程中的“法律委员会”修改为“宪法和法律委员会”。"), "{text}");
    assert_eq!(text.matches("宪法和").count(), 1, "{text}");
    // A deletion throughout: the term before it is quoted whole.
    let new2 = old.replace("会员大会", "大会");
    let text2 = roundtrip(old, &new2);
    assert!(text2.contains("将本章程中的“会员大会”修改为“大会”。"), "{text2}");
    assert_eq!(text2.matches("修改为").count(), 1, "{text2}");
}

/// A text that is a law calls itself 本法; a restated article that already
/// has the new term is not changed again by the replacement throughout.
#[test]
fn replacement_throughout_spares_restated_text() {
    let old = "title: 测试法\nbody:\n  - id: a1\n    text: 法律委员会统一审议法律案。\n  - id: a2\n    text: 法律委员会审议法律案时，可以邀请有关的专门委员会的成员列席会议。\n  - id: a3\n    text: 法律委员会应当听取各方面的意见。\n";
    let new = old.replace("法律委员会", "宪法和法律委员会").replace(
        "统一审议法律案。",
        "根据各代表团和有关的专门委员会的审议意见，对法律案进行统一审议，向主席团提出审议结果报告。",
    );
    let text = roundtrip(old, &new);
    assert!(text.contains("将本法中的“法律委员会”修改为“宪法和法律委员会”。"), "{text}");
}

/// A citation written as `[[id]]` that only prints another number after
/// renumbering is no item (it follows by itself).
#[test]
fn renumbered_references_are_no_items() {
    let base = charter_core::generate::charter_yaml(200, 10);
    let revised = charter_core::generate::perturb(&base, 5, 1);
    let text = roundtrip(&base, &revised);
    assert!(!text.contains("其中的“依照第"), "{text}");
}
