//! Citations written as plain text (本法第八条, 本条第二款 — as in imported
//! statutes, where they are not `[[id]]` references) follow the new
//! numbering after a decision is applied: 此外，对条文顺序和条文中引用的条文
//! 序号作相应调整.

use std::collections::HashMap;

use charter_core::numerals;
use charter_core::script::{Script, simplified};

/// Where the old articles and 款 went: old article → new article, and
/// (old article, old 款) → (new article, new 款).
#[derive(Default, Debug)]
pub struct Moves {
    pub articles: HashMap<u32, u32>,
    pub paragraphs: HashMap<(u32, u32), (u32, u32)>,
}

const NUM: &str = "零〇一二两兩三四五六七八九十百千";

/// 第八 → (8, chars consumed after 第…) when followed by `unit`.
fn cited(chars: &[char], i: usize, unit: char) -> Option<(u32, usize)> {
    if chars.get(i) != Some(&'第') {
        return None;
    }
    let len = chars[i + 1..].iter().take_while(|c| NUM.contains(**c)).count();
    if len == 0 || chars.get(i + 1 + len) != Some(&unit) {
        return None;
    }
    let s: String = chars[i + 1..i + 1 + len].iter().collect();
    Some((numerals::parse(&s)?, len + 2))
}

/// Renumber the citations of the text itself (`me`: 本法, 本章程) in `text`,
/// which stands in old article `this` (None for a new one) now numbered
/// `here`. None when nothing changes. Citations of other texts (宪法第…条,
/// 《…》第…条) and bare 第X条 without 本法 before it or its list are kept.
pub fn renumber(text: &str, me: &str, this: Option<u32>, here: u32, moves: &Moves) -> Option<String> {
    // Matched in Simplified (本會章第八條 reads as 本会章第八条), written
    // back as the text has it.
    let orig: Vec<char> = text.chars().collect();
    let chars: Vec<char> = orig.iter().map(|&c| simplified(c)).collect();
    let me: Vec<char> = me.chars().map(simplified).collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Inside a list of citations of this text (本法第八条、第九条和第十条).
    let mut ours = false;
    // Inside 本条…: the 款 are this article's.
    let mut this_article = false;
    let mut changed = false;
    while i < chars.len() {
        if chars[i..].starts_with(&me) {
            out.extend(&orig[i..i + me.len()]);
            i += me.len();
            ours = true;
            this_article = false;
            continue;
        }
        if chars[i..].starts_with(&['本', '条']) {
            out.extend(&orig[i..i + 2]);
            i += 2;
            ours = false;
            this_article = true;
            continue;
        }
        if ours && let Some((n, len)) = cited(&chars, i, '条') {
            i += len;
            let para = cited(&chars, i, '款');
            let (a, p) = match para.and_then(|(p, _)| moves.paragraphs.get(&(n, p))) {
                Some(&(a, p)) => (a, para.map(|_| p)),
                None => (moves.articles.get(&n).copied().unwrap_or(n), para.map(|(p, _)| p)),
            };
            if let Some((_, l)) = para {
                i += l;
            }
            let s = match p {
                Some(p) => format!("第{}条第{}款", numerals::to_chinese(a), numerals::to_chinese(p)),
                None => format!("第{}条", numerals::to_chinese(a)),
            };
            let was: String = orig[i - len - para.map_or(0, |x| x.1)..i].iter().collect();
            let s = if was.contains('條') { Script::Traditional.words(&s).into_owned() } else { s };
            changed |= s != was;
            out.push_str(&s);
            continue;
        }
        if this_article && let Some((p, len)) = cited(&chars, i, '款') {
            let moved = this.and_then(|t| moves.paragraphs.get(&(t, p))).filter(|(a, _)| *a == here);
            let q = moved.map_or(p, |(_, q)| *q);
            changed |= q != p;
            out.push_str(&format!("第{}款", numerals::to_chinese(q)));
            i += len;
            continue;
        }
        let c = chars[i];
        // A list goes on over 、和及或至 (或者, 以及); anything else ends it.
        if !"、和及或者至以".contains(c) {
            ours = false;
            this_article = false;
        }
        out.push(orig[i]);
        i += 1;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_citations_follow_the_new_numbers() {
        let mut moves = Moves::default();
        moves.articles.insert(8, 9);
        moves.articles.insert(13, 12);
        let t = "依本會章第八條及第十三條之規定；本條第二款亦同。";
        assert_eq!(
            renumber(t, "本會章", Some(20), 20, &moves).as_deref(),
            Some("依本會章第九條及第十二條之規定；本條第二款亦同。")
        );
        // Simplified as before.
        assert_eq!(
            renumber("依照本章程第八条的规定", "本章程", None, 1, &moves).as_deref(),
            Some("依照本章程第九条的规定")
        );
    }
}
