//! Gaps too large for the exact in-order pairing (more than 40,000 old ×
//! new articles) are paired from candidates found through shared bigrams,
//! not by scoring every pair (issue 14): the pairing must still find each
//! article's revision. Timing is in `benches/growth.rs`.

use std::path::Path;

use charter_core::Document;
use charter_core::generate::charter_yaml;
use charter_diff::{ArticleChange, Diff, Draft};

/// Rename every article id and rewrite every line of text with `f`.
fn rewrite(yaml: &str, f: impl Fn(&str, usize) -> String) -> String {
    let mut out = String::new();
    for (k, l) in yaml.lines().enumerate() {
        let t = l.trim_start();
        let pad = &l[..l.len() - t.len()];
        if t.starts_with("- id: art-") || t.starts_with("id: art-") {
            out.push_str(&l.replace("art-", "rev-"));
        } else if !t.is_empty() && !t.ends_with('|') && !t.ends_with(':') && !t.contains(": ") {
            out.push_str(pad);
            out.push_str(&f(&t.replace("[[art-", "[[rev-"), k));
        } else {
            out.push_str(l);
        }
        out.push('\n');
    }
    out
}

fn diff(old: &str, new: &str) -> Diff {
    let o = Document::load(Path::new("old.yaml"), old.as_bytes().to_vec());
    let n = Document::load(Path::new("new.yaml"), new.as_bytes().to_vec());
    assert!(!o.has_errors() && !n.has_errors(), "{:?} {:?}", o.diagnostics.first(), n.diagnostics.first());
    let od = Draft { name: "old".into(), charter: o.charter.as_ref().expect("old loads"), numbering: &o.numbering };
    let nd = Draft { name: "new".into(), charter: n.charter.as_ref().expect("new loads"), numbering: &n.numbering };
    charter_diff::diff(&od, &nd)
}

#[test]
fn a_large_gap_pairs_every_article_with_its_revision() {
    // 400 × 400 articles, no id shared, no text equal: one gap of 160,000
    // cells. The texts come from a dozen phrases, so every article is as
    // similar to a twelfth of the others as to its own revision: only the
    // place decides, as in the exact pairing.
    let old = charter_yaml(400, 1);
    let new = rewrite(&old, |t, _| format!("经修订，{t}"));
    let d = diff(&old, &new);
    assert_eq!(d.summary.modified, 400, "{:?}", d.summary);
    assert_eq!((d.summary.added, d.summary.deleted, d.summary.moved), (0, 0, 0));
    for a in &d.articles {
        assert_eq!(a.op, ArticleChange::Modified);
        assert_eq!(a.old[0].number, a.new[0].number, "article {} paired with {}", a.old[0].id, a.new[0].id);
        assert_eq!(a.old[0].id.replace("art-", "rev-"), a.new[0].id);
    }
}

#[test]
fn in_a_large_gap_unrelated_articles_stay_apart() {
    // Every text replaced by one that shares nothing with the old ones.
    let old = charter_yaml(300, 1);
    let new = rewrite(&old, |_, k| format!("甲乙丙丁戊己庚辛壬癸{k}子丑寅卯辰巳午未申酉戌亥"));
    let d = diff(&old, &new);
    for a in d.articles.iter().filter(|a| a.op == ArticleChange::Modified) {
        // Only articles with a heading (第N号事项, kept) may pair, and only
        // with the article that has the same heading.
        assert_eq!(a.old[0].number, a.new[0].number, "{a:?}");
    }
    assert_eq!(d.summary.added, d.summary.deleted);
    assert!(d.summary.added >= 200, "{:?}", d.summary);
}

#[test]
fn a_large_gap_finds_a_split_near_its_place() {
    // 300 × 300 rewritten articles; article 150 split in two in the new
    // draft (its text, then an added sentence as its own article).
    let old = charter_yaml(300, 1);
    let mut new = rewrite(&old, |t, _| format!("经修订，{t}"));
    let at = new.find("- id: rev-150\n").expect("article 150");
    let indent = new[..at].rsplit('\n').next().unwrap_or_default().to_string();
    let piece = format!(
        "- id: rev-150-b\n{indent}  text: |\n{indent}    本会依照章程开展工作，接受全体会员监督，主席团应当定期向学生代表大会报告工作。\n{indent}"
    );
    new.insert_str(at, &piece);
    let d = diff(&old, &new);
    assert_eq!(d.summary.added + d.summary.split, 1, "{:?}", d.summary);
    assert_eq!(d.summary.deleted, 0, "{:?}", d.summary);
}
