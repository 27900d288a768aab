//! Alignment of heavily rewritten articles against a known truth: the
//! example charter (as the text layout, imported back so that ids are
//! positional, as for any imported draft) revised by rewriting, deleting
//! and swapping articles.

use std::path::Path;

use charter_core::Document;
use charter_diff::{ArticleChange, Diff, Draft};

const FILLER: &str = "本会应当依照民主集中制的原则组织开展各项活动并定期向全体会员报告工作情况接受监督";

fn example_text() -> String {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../charter/charter.yaml"));
    let doc = Document::load(Path::new("charter.yaml"), std::fs::read(path).unwrap_or_default());
    let c = doc.charter.as_ref().unwrap_or_else(|| panic!("the example charter loads"));
    charter_import::text_out::to_text(c, &doc.numbering)
}

/// The text layout cut into a head (title, preamble …) and one chunk of
/// lines per article, chapter and section headings kept with the article
/// that follows them.
fn chunks(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut head = Vec::new();
    let mut arts: Vec<Vec<String>> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim_start_matches('　');
        let is_article = t.starts_with('第') && t.split('　').next().is_some_and(|n| n.ends_with('条'));
        let is_division =
            line.starts_with('第') && line.split('　').next().is_some_and(|n| n.ends_with('章') || n.ends_with('节'));
        if is_article {
            let mut chunk = std::mem::take(&mut pending);
            chunk.push(line.to_string());
            arts.push(chunk);
        } else if is_division {
            pending.push(line.to_string());
        } else if let Some(last) = arts.last_mut() {
            if pending.is_empty() {
                last.push(line.to_string());
            } else {
                pending.push(line.to_string());
            }
        } else {
            head.push(line.to_string());
        }
    }
    if let Some(last) = arts.last_mut() {
        last.extend(pending);
    }
    (head, arts)
}

/// Keep the first `keep` of every text line's characters (after the
/// article number) and rewrite the rest.
fn rewrite(chunk: &[String], keep: f64) -> Vec<String> {
    chunk
        .iter()
        .map(|line| {
            let indent = "　".repeat(line.chars().take_while(|c| *c == '　').count());
            let l = line.trim_start_matches('　');
            let (label, body) = match l.split_once('　') {
                Some((n, b)) if n.ends_with('条') => (format!("{n}　"), b.to_string()),
                _ if l.starts_with('第') => return line.clone(),
                _ => (String::new(), l.to_string()),
            };
            let chars: Vec<char> = body.chars().collect();
            if chars.len() < 4 {
                return line.clone();
            }
            let k = ((chars.len() as f64) * keep).round() as usize;
            let filler: String = FILLER.chars().cycle().take(chars.len() - k).collect();
            format!("{indent}{label}{}{filler}。", chars[..k].iter().collect::<String>())
        })
        .collect()
}

/// Renumber article labels in order (the text layout prints numbers; the
/// importer reads them).
fn join(head: &[String], arts: &[Vec<String>]) -> String {
    let mut out: Vec<String> = head.to_vec();
    for (i, a) in arts.iter().enumerate() {
        for line in a {
            let indent = "　".repeat(line.chars().take_while(|c| *c == '　').count());
            match line.trim_start_matches('　').split_once('　') {
                Some((n, rest)) if n.starts_with('第') && n.ends_with('条') => {
                    out.push(format!("{indent}第{}条　{rest}", charter_core::numerals::to_chinese(i as u32 + 1)));
                }
                _ => out.push(line.clone()),
            }
        }
    }
    out.join("\n") + "\n"
}

fn import(text: &str, name: &str) -> Document {
    let imp = charter_import::import_bytes(Path::new(name), text.as_bytes(), charter_import::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let yaml = imp.yaml.unwrap_or_else(|| panic!("{name}: nothing imported"));
    Document::load(Path::new(name), yaml.into_bytes())
}

fn diff(old: &str, new: &str) -> Diff {
    let (o, n) = (import(old, "old.txt"), import(new, "new.txt"));
    let od =
        Draft { name: "old".into(), charter: o.charter.as_ref().unwrap_or_else(|| panic!()), numbering: &o.numbering };
    let nd =
        Draft { name: "new".into(), charter: n.charter.as_ref().unwrap_or_else(|| panic!()), numbering: &n.numbering };
    charter_diff::diff(&od, &nd)
}

/// (old number, new number) of every article operation, 0 for none.
fn ops(d: &Diff) -> Vec<(ArticleChange, Vec<u32>, Vec<u32>, bool)> {
    d.articles
        .iter()
        .filter(|a| a.op != ArticleChange::Unchanged && a.op != ArticleChange::Renumbered)
        .map(|a| {
            (a.op, a.old.iter().map(|x| x.number).collect(), a.new.iter().map(|x| x.number).collect(), a.uncertain)
        })
        .collect()
}

#[test]
fn a_rewritten_and_renumbered_article_is_one_article() {
    let text = example_text();
    let (head, mut arts) = chunks(&text);
    assert_eq!(arts.len(), 35);
    let old = join(&head, &arts);
    // Old 第十二条 rewritten to a fifth of its wording, and old 第五条 deleted:
    // it is now 第十一条.
    arts[11] = rewrite(&arts[11], 0.2);
    arts.remove(4);
    let d = diff(&old, &join(&head, &arts));
    let found = ops(&d);
    assert_eq!(d.summary.deleted, 1, "{found:?}");
    assert_eq!(d.summary.added, 0, "{found:?}");
    assert_eq!(d.summary.split + d.summary.merged, 0, "{found:?}");
    assert!(found.iter().any(|(op, o, n, _)| *op == ArticleChange::Deleted && o == &[5] && n.is_empty()), "{found:?}");
    assert!(found.iter().any(|(op, o, n, _)| *op == ArticleChange::Modified && o == &[12] && n == &[11]), "{found:?}");
}

#[test]
fn rewritten_neighbours_that_swapped_are_two_moves_not_splits() {
    let text = example_text();
    let (head, mut arts) = chunks(&text);
    let old = join(&head, &arts);
    // Old 第十四条 and 第十五条 change places, both rewritten to half.
    let a = rewrite(&arts[13], 0.5);
    let b = rewrite(&arts[14], 0.5);
    arts[13] = b;
    arts[14] = a;
    let d = diff(&old, &join(&head, &arts));
    let found = ops(&d);
    assert_eq!(d.summary.split + d.summary.merged, 0, "{found:?}");
    assert_eq!(d.summary.added + d.summary.deleted, 0, "{found:?}");
    assert!(found.iter().any(|(_, o, n, _)| o == &[14] && n == &[15]), "{found:?}");
    assert!(found.iter().any(|(_, o, n, _)| o == &[15] && n == &[14]), "{found:?}");
}

#[test]
fn an_article_replaced_by_unrelated_text_is_deleted_and_added() {
    let text = example_text();
    let (head, mut arts) = chunks(&text);
    let old = join(&head, &arts);
    // Old 第二十五条 (now the 24th, after old 第五条 is deleted) says
    // something else entirely: not a rewrite, a replacement.
    arts[24] = vec!["　　第二十五条　天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳。".to_string()];
    arts.remove(4);
    let d = diff(&old, &join(&head, &arts));
    let found = ops(&d);
    assert_eq!((d.summary.deleted, d.summary.added), (2, 1), "{found:?}");
    assert!(found.iter().any(|(op, o, _, _)| *op == ArticleChange::Deleted && o == &[25]), "{found:?}");
    assert!(found.iter().any(|(op, _, n, _)| *op == ArticleChange::Added && n == &[24]), "{found:?}");
}

#[test]
fn a_match_made_on_position_is_marked_uncertain() {
    let text = example_text();
    let (head, mut arts) = chunks(&text);
    let old = join(&head, &arts);
    arts[11] = rewrite(&arts[11], 0.2);
    arts.remove(4);
    let d = diff(&old, &join(&head, &arts));
    let op = d.articles.iter().find(|a| a.old.first().is_some_and(|x| x.number == 12)).unwrap_or_else(|| panic!());
    assert_eq!(op.op, ArticleChange::Modified);
    assert!(op.uncertain, "a fifth of the wording kept: paired on position");
    let json = charter_diff::to_json(&d);
    // Only uncertain operations carry the flag.
    assert_eq!(json.matches("\"uncertain\": true").count(), 1);
    assert!(!json.contains("\"uncertain\": false"));
}
