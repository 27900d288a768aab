//! Printed citations back to `[[id]]` references. A decision quotes texts
//! as printed (第十条, 本条第二款), so a restated or added article — and a
//! text a replacement throughout changed — comes back from `apply` as plain
//! text. In a charter that cites by reference, each such citation becomes
//! the reference that prints it in the text being produced: the numbers of
//! the new order, as the texts an item writes use them (`PText::edited`).
//! A citation becomes a reference only when the reference prints exactly
//! the same text (`charter_core::number::Numbering::cite_one`'s forms), and
//! only when its target has an id; citations of other texts (《宪法》第三条,
//! 宪法第三条) stay plain.

use charter_core::numerals::{parse as parse_numeral, to_chinese};
use charter_core::yaml_text::escape_markdown;

use crate::doc::{Art, Block, Doc, PText};

/// A place of the produced text: article (1-based position), 款, 项, 目
/// (0: not this deep).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    article: u32,
    para: u32,
    item: u32,
    sub: u32,
}

/// The ids of the produced text, by position.
struct Ids<'a> {
    articles: Vec<(&'a str, &'a [Block])>,
}

impl Ids<'_> {
    fn id(&self, p: Place) -> Option<&str> {
        let (id, paras) = *self.articles.get(p.article.checked_sub(1)? as usize)?;
        if p.para == 0 {
            return Some(id);
        }
        let b = paras.get(p.para as usize - 1)?;
        if p.item == 0 {
            return b.id.as_deref();
        }
        let i = b.items.get(p.item as usize - 1)?;
        if p.sub == 0 {
            return i.id.as_deref();
        }
        i.items.get(p.sub as usize - 1)?.id.as_deref()
    }

    fn paragraphs(&self, article: u32) -> usize {
        self.articles.get(article as usize - 1).map_or(0, |a| a.1.len())
    }

    /// How a reference to `p` prints in article `here` (`cite_one`).
    fn cite(&self, p: Place, here: u32) -> String {
        let mut s = if p.article == here { "本条".to_string() } else { format!("第{}条", to_chinese(p.article)) };
        if p.para == 0 {
            return s;
        }
        let paragraphs = self.paragraphs(p.article);
        if paragraphs <= 1 && p.item == 0 {
            return s;
        }
        if paragraphs > 1 {
            s.push_str(&format!("第{}款", to_chinese(p.para)));
        }
        if p.item > 0 {
            s.push_str(&format!("第{}项", to_chinese(p.item)));
        }
        if p.sub > 0 {
            s.push_str(&format!("第{}目", to_chinese(p.sub)));
        }
        s
    }
}

const NUM: &str = "零〇一二两三四五六七八九十百千";

/// 第八条 at char `i`: (unit, number, chars consumed).
fn segment(chars: &[char], i: usize) -> Option<(char, u32, usize)> {
    if chars.get(i) != Some(&'第') {
        return None;
    }
    let len = chars[i + 1..].iter().take_while(|c| NUM.contains(**c)).count();
    let unit = *chars.get(i + 1 + len)?;
    if len == 0 || !"条款项目".contains(unit) {
        return None;
    }
    let n = parse_numeral(&chars[i + 1..i + 1 + len].iter().collect::<String>())?;
    Some((unit, n, len + 2))
}

/// The segments of a citation at `i` (第十条第二款第三项, 本条第二款, or a
/// tail 第三项 after 至): [(unit, number)] and chars consumed; 本条 is
/// (条, 0).
fn segments(chars: &[char], i: usize) -> (Vec<(char, u32)>, usize) {
    let mut out = Vec::new();
    let mut k = i;
    if chars[k..].starts_with(&['本', '条']) {
        out.push(('条', 0));
        k += 2;
    }
    const ORDER: &str = "条款项目";
    while let Some((u, n, len)) = segment(chars, k) {
        let rank = ORDER.find(u);
        if out.last().is_some_and(|(l, _)| ORDER.find(*l) >= rank) {
            break;
        }
        out.push((u, n));
        k += len;
    }
    (out, k - i)
}

/// Segments (beginning with 条) → a place; `here` stands for 本条.
fn place(segs: &[(char, u32)], here: u32) -> Option<Place> {
    let (&('条', a), rest) = segs.split_first()? else { return None };
    let mut p = Place { article: if a == 0 { here } else { a }, para: 0, item: 0, sub: 0 };
    for &(u, n) in rest {
        match u {
            '款' => p.para = n,
            '项' => p.item = n,
            '目' => p.sub = n,
            _ => return None,
        }
    }
    if p.item > 0 && p.para == 0 {
        p.para = 1;
    }
    if p.sub > 0 && p.item == 0 {
        return None;
    }
    Some(p)
}

/// Whether a citation at char `i` cites another text: after 》 or after a
/// document's name (宪法第三条, 《…》第三条), unless that name is the
/// text's own (本章程第五条).
fn cites_other(chars: &[char], i: usize) -> bool {
    const KINDS: [&str; 12] =
        ["章程", "条例", "办法", "规定", "细则", "规则", "准则", "守则", "规程", "决定", "纲要", "法"];
    let before: String = chars[i.saturating_sub(8)..i].iter().collect();
    if before.ends_with('》') {
        return true;
    }
    KINDS.iter().any(|k| before.ends_with(k) && !before.ends_with(&format!("本{k}")))
}

/// The source form of `printed` with its citations as references, or None
/// when it has none.
fn relink(printed: &str, here: u32, ids: &Ids) -> Option<String> {
    let chars: Vec<char> = printed.chars().collect();
    let mut out = String::new();
    let mut plain = String::new();
    let mut linked = false;
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == '第' || chars[i..].starts_with(&['本', '条']);
        if !starts || cites_other(&chars, i) {
            plain.push(chars[i]);
            i += 1;
            continue;
        }
        // A citation, a list (A、B和C) or a range (A至B).
        let Some((targets, range, len)) = group(&chars, i, here, ids) else {
            plain.push(chars[i]);
            i += 1;
            continue;
        };
        out.push_str(&escape_markdown(&plain));
        plain.clear();
        let sep = if range { ".." } else { ", " };
        out.push_str(&format!("[[{}]]", targets.join(sep)));
        linked = true;
        i += len;
    }
    out.push_str(&escape_markdown(&plain));
    linked.then_some(out)
}

/// One linkable citation at `i`: its place and chars consumed.
fn one(chars: &[char], i: usize, here: u32, ids: &Ids) -> Option<(Place, usize)> {
    let (segs, len) = segments(chars, i);
    let p = place(&segs, here)?;
    // Only what a reference prints: the exact text, and an id to cite.
    let text: String = chars[i..i + len].iter().collect();
    if ids.id(p).is_none() || ids.cite(p, here) != text || text == "本条" {
        return None;
    }
    Some((p, len))
}

/// A citation at `i` with the list or range it opens: the target ids,
/// whether a range, chars consumed.
fn group(chars: &[char], i: usize, here: u32, ids: &Ids) -> Option<(Vec<String>, bool, usize)> {
    let (first, len) = one(chars, i, here, ids)?;
    let id = |p: Place| ids.id(p).map(str::to_string);
    // A range: 第十条至第十五条 · 第二十条第一项至第三项 (the second end
    // without the parts it shares with the first).
    if chars.get(i + len) == Some(&'至') {
        let j = i + len + 1;
        let (tail, tlen) = segments(chars, j);
        if let Some(&(u, _)) = tail.first() {
            let full = cite_segments(&ids.cite(first, here));
            let keep = full.iter().take_while(|(fu, _)| *fu != u).count();
            let mut segs: Vec<(char, u32)> = full[..keep].to_vec();
            segs.extend(&tail);
            if let Some(second) = place(&segs, here)
                && let (Some(a), Some(b)) = (id(first), id(second))
                && second != first
                && range_text(&ids.cite(first, here), &ids.cite(second, here))
                    == chars[i..j + tlen].iter().collect::<String>()
            {
                return Some((vec![a, b], true, j + tlen - i));
            }
        }
    }
    // A list: A、B和C (cite_list's form).
    let mut places = vec![first];
    let mut end = i + len;
    let mut k = end;
    loop {
        match chars.get(k) {
            Some('、') => {
                let Some((p, l)) = one(chars, k + 1, here, ids) else { break };
                places.push(p);
                k += 1 + l;
            }
            Some('和') => {
                if let Some((p, l)) = one(chars, k + 1, here, ids) {
                    places.push(p);
                    end = k + 1 + l;
                }
                break;
            }
            _ => break,
        }
    }
    if end == i + len {
        // Only a list closed by 和 is one reference; else each citation
        // is its own.
        places.truncate(1);
        end = i + len;
    }
    let targets: Vec<String> = places.iter().map(|p| id(*p)).collect::<Option<_>>()?;
    Some((targets, false, end - i))
}

/// 第二十条第一项 → [(条,20), (项,1)] (本条 → (条, 0)).
fn cite_segments(s: &str) -> Vec<(char, u32)> {
    let chars: Vec<char> = s.chars().collect();
    segments(&chars, 0).0
}

/// `cite_range`'s text: the second end without the leading parts it shares
/// with the first (at least its last part kept).
fn range_text(a: &str, b: &str) -> String {
    fn parts(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        for c in s.chars() {
            cur.push(c);
            if "编章节条款项目".contains(c) {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }
    let (fa, sb) = (parts(a), parts(b));
    let shared = fa.iter().zip(&sb).take_while(|(x, y)| x == y).count().min(sb.len().saturating_sub(1));
    format!("{a}至{}", sb[shared..].concat())
}

/// Which numbering a text's printed citations are in.
#[derive(Clone, Copy)]
enum Numbering {
    /// Written by an item: the produced order (article `here`).
    New(u32),
    /// OLD's text changed by a replacement throughout: the old order
    /// (old article `here`).
    Old(u32),
}

fn relink_text(t: &mut PText, at: Option<Numbering>, new: &Ids, old: &Ids) {
    if t.raw.is_some() {
        return;
    }
    let (here, ids) = match at {
        Some(Numbering::New(h)) if t.edited => (h, new),
        Some(Numbering::Old(h)) if t.linked && !t.edited => (h, old),
        _ => return,
    };
    if let Some(raw) = relink(&t.printed, here, ids) {
        t.raw = Some(raw);
    }
}

fn relink_block(b: &mut Block, new_at: u32, old_at: Option<u32>, new: &Ids, old: &Ids) {
    for at in [Some(Numbering::New(new_at)), old_at.map(Numbering::Old)] {
        relink_text(&mut b.text, at, new, old);
    }
    for i in &mut b.items {
        relink_block(i, new_at, old_at, new, old);
    }
}

/// Whether a charter cites by reference: one of its texts has `[[id]]`.
pub fn uses_references(d: &Doc) -> bool {
    fn block(b: &Block) -> bool {
        b.text.linked || b.items.iter().any(block)
    }
    d.articles.iter().any(|a| a.heading.as_ref().is_some_and(|h| h.linked) || a.paragraphs.iter().any(block))
}

fn ids_of(arts: &[Art]) -> Vec<(String, Vec<Block>)> {
    arts.iter().map(|a| (a.id.clone(), a.paragraphs.iter().map(shape).collect())).collect()
}

/// The printed citations of the texts an item wrote (in the produced
/// order `arts`) or a replacement throughout changed (in OLD's order,
/// `old`), as references.
pub fn relink_articles(arts: &mut [Art], old: &[Art]) {
    // Ids and structure first (read-only), then the texts.
    let (new_shapes, old_shapes) = (ids_of(arts), ids_of(old));
    let new_ids = Ids { articles: new_shapes.iter().map(|(id, ps)| (id.as_str(), ps.as_slice())).collect() };
    let old_ids = Ids { articles: old_shapes.iter().map(|(id, ps)| (id.as_str(), ps.as_slice())).collect() };
    let old_pos: std::collections::HashMap<&str, u32> =
        old.iter().enumerate().map(|(k, a)| (a.id.as_str(), k as u32 + 1)).collect();
    for (k, a) in arts.iter_mut().enumerate() {
        let here = k as u32 + 1;
        let was = old_pos.get(a.id.as_str()).copied();
        if let Some(h) = &mut a.heading {
            for at in [Some(Numbering::New(here)), was.map(Numbering::Old)] {
                relink_text(h, at, &new_ids, &old_ids);
            }
        }
        for p in &mut a.paragraphs {
            relink_block(p, here, was, &new_ids, &old_ids);
        }
    }
}

/// A block's ids and structure, without its texts.
fn shape(b: &Block) -> Block {
    Block {
        id: b.id.clone(),
        text: PText::new(String::new()),
        items: b.items.iter().map(shape).collect(),
        comments: Default::default(),
    }
}
