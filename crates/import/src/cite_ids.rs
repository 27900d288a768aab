//! Ids for the paragraphs and items that the document's own citations
//! point at (本条第二款, 第十五条第一款第三项, 第二十条第二项), so that
//! `charter import` can turn those citations into `[[id]]` references.
//!
//! Only articles get ids from the text's numbering; a paragraph or item gets
//! one here when some citation names it. Giving an id to a block that a
//! citation only seems to name (a citation of another law) costs nothing:
//! ids are never printed.

use std::collections::{BTreeSet, HashMap};

use charter_core::numerals;

use crate::{IArticle, IBlock, INode, Imported};

/// A cited place: (article index, paragraph number, item number), numbers
/// from 1; paragraph 0 means "the article's only paragraph".
type Target = (usize, u32, Option<u32>);

/// Give ids to every cited paragraph and item of `c`.
pub fn assign(c: &mut Imported) {
    let mut articles: Vec<&mut IArticle> = Vec::new();
    collect(&mut c.body, &mut articles);
    // Article number (and 之N) → index, from the ids the importer gave:
    // art-21, art-21-1.
    let mut by_number: HashMap<(u32, u32), usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(n) = number_of(&a.id) {
            by_number.entry(n).or_insert(i);
        }
    }
    let mut wanted: BTreeSet<Target> = BTreeSet::new();
    for (i, a) in articles.iter().enumerate() {
        for p in &a.paragraphs {
            scan(&p.text, i, &by_number, &mut wanted);
            for it in &p.items {
                scan(&it.text, i, &by_number, &mut wanted);
            }
        }
    }
    for (ai, para, item) in wanted {
        let a = &mut articles[ai];
        let single = a.paragraphs.len() == 1;
        let pi = if para == 0 { if single { 1 } else { continue } } else { para };
        let art_id = a.id.clone();
        let Some(p) = a.paragraphs.get_mut(pi as usize - 1) else { continue };
        match item {
            None => set_id(p, format!("{art_id}-p{pi}")),
            Some(k) => {
                let Some(it) = p.items.get_mut(k as usize - 1) else { continue };
                let id = if single { format!("{art_id}-i{k}") } else { format!("{art_id}-p{pi}-i{k}") };
                set_id(it, id);
            }
        }
    }
}

fn set_id(b: &mut IBlock, id: String) {
    if b.id.is_none() {
        b.id = Some(id);
    }
}

fn collect<'a>(nodes: &'a mut [INode], out: &mut Vec<&'a mut IArticle>) {
    for n in nodes {
        match n {
            INode::Division(d) => collect(&mut d.body, out),
            INode::Article(a) => out.push(a),
        }
    }
}

/// `art-21` → (21, 0); `art-21-1` → (21, 1).
fn number_of(id: &str) -> Option<(u32, u32)> {
    let rest = id.strip_prefix("art-")?;
    let mut parts = rest.split('-');
    let n = parts.next()?.parse().ok()?;
    let sub = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    parts.next().is_none().then_some((n, sub))
}

/// A Chinese numeral at the start of `s` and the bytes it takes.
fn numeral(s: &str) -> Option<(u32, usize)> {
    let len: usize =
        s.chars().take_while(|c| "〇零一二三四五六七八九十百千万两萬兩".contains(*c)).map(char::len_utf8).sum();
    if len == 0 {
        return None;
    }
    numerals::parse(&s[..len]).map(|n| (n, len))
}

/// `第N<unit>` at the start of `s`: (N, bytes).
fn ordinal(s: &str, unit: char) -> Option<(u32, usize)> {
    let rest = s.strip_prefix('第')?;
    let (n, len) = numeral(rest)?;
    rest[len..].starts_with(unit).then_some((n, '第'.len_utf8() + len + unit.len_utf8()))
}

/// Every citation of a paragraph or item in `text` (of article `here`).
fn scan(text: &str, here: usize, by_number: &HashMap<(u32, u32), usize>, out: &mut BTreeSet<Target>) {
    // 第十條第二款, 本條 in Traditional script read as 第十条第二款, 本条.
    let text = &*charter_core::script::simplify(text);
    for (at, _) in text.match_indices('第') {
        let s = &text[at..];
        // 第X条(之一)第Y款(第Z项) / 第X条第Z项
        if let Some((n, len)) = ordinal(s, '条') {
            let mut rest = &s[len..];
            let mut sub = 0;
            if let Some(r) = rest.strip_prefix('之')
                && let Some((k, l)) = numeral(r)
            {
                sub = k;
                rest = &r[l..];
            }
            let Some(&ai) = by_number.get(&(n, sub)) else { continue };
            tail(rest, ai, out);
            continue;
        }
        // 前条第Y款 / 前条第Z项 (the article before), 本条第Y款 and a bare
        // 第Y款 (this article); 第X条第Y款 was taken above.
        let before = &text[..at];
        if before.ends_with("前条") {
            if let Some(prev) = here.checked_sub(1) {
                tail(s, prev, out);
            }
        } else if ordinal(s, '款').is_some() && (!before.ends_with('条') || before.ends_with("本条")) {
            tail(s, here, out);
        }
    }
}

/// After an article: 第Y款(第Z项) or 第Z项 (its only paragraph).
fn tail(rest: &str, ai: usize, out: &mut BTreeSet<Target>) {
    if let Some((p, len)) = ordinal(rest, '款') {
        let after = &rest[len..];
        match ordinal(after, '项') {
            Some((k, _)) => out.insert((ai, p, Some(k))),
            None => out.insert((ai, p, None)),
        };
    } else if let Some((k, _)) = ordinal(rest, '项') {
        out.insert((ai, 0, Some(k)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, paragraphs: Vec<IBlock>) -> INode {
        INode::Article(IArticle {
            id: id.into(),
            heading: None,
            paragraphs,
            repealed: false,
            inserted: false,
            note: None,
            drafter_note: None,
        })
    }

    fn with_items(text: &str, items: &[&str]) -> IBlock {
        IBlock { items: items.iter().map(|t| IBlock::new(*t)).collect(), ..IBlock::new(text) }
    }

    #[test]
    fn cited_paragraphs_and_items_get_ids() {
        let mut c = Imported {
            body: vec![
                article("art-1", vec![with_items("有下列情形之一的：", &["甲；", "乙。"])]),
                article("art-2", vec![IBlock::new("第一款。"), IBlock::new("依照本条第一款和第一条第二项的规定。")]),
                article("art-3", vec![IBlock::new("适用第二条第二款；第九十九条第一款不存在。")]),
                article("art-4", vec![with_items("有下列情形之一的：", &["甲；", "乙。"])]),
                article("art-5", vec![IBlock::new("前条第一项规定的情形。")]),
            ],
            ..Imported::default()
        };
        assign(&mut c);
        let INode::Article(a1) = &c.body[0] else { panic!() };
        assert_eq!(a1.paragraphs[0].id, None);
        assert_eq!(a1.paragraphs[0].items[1].id.as_deref(), Some("art-1-i2"));
        assert_eq!(a1.paragraphs[0].items[0].id, None);
        let INode::Article(a2) = &c.body[1] else { panic!() };
        assert_eq!(a2.paragraphs[0].id.as_deref(), Some("art-2-p1"));
        assert_eq!(a2.paragraphs[1].id.as_deref(), Some("art-2-p2"));
        let INode::Article(a4) = &c.body[3] else { panic!() };
        assert_eq!(a4.paragraphs[0].items[0].id.as_deref(), Some("art-4-i1"));
    }

    #[test]
    fn numbers_of_ids() {
        assert_eq!(number_of("art-21"), Some((21, 0)));
        assert_eq!(number_of("art-21-1"), Some((21, 1)));
        assert_eq!(number_of("ch-2"), None);
    }
}
