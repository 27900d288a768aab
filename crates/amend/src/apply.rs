//! Applying a decision to a draft: all selected items, or nothing.

use std::collections::{BTreeMap, BTreeSet};

use charter_core::model::Level;
use charter_core::numerals::to_chinese;

use crate::decision::{Addr, Decision, Edit, Op, Part, QArt, QBlock};
use crate::doc::{Art, Block, Div, Doc, PText};

/// Why an item could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The item (1-based), 0 for the decision as a whole.
    pub item: usize,
    pub kind: FailKind,
    pub message: String,
    pub hint: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailKind {
    /// A target (article, 款, 项, chapter) that does not exist.
    NoTarget,
    /// Quoted old text not found in its target.
    NotFound,
    /// Two selected items touch the same article or 款.
    Conflict,
    /// An item depends on one that is not selected.
    Dependency,
    /// New numbers that do not fit together.
    Numbering,
    /// `--adopt` names an item the decision does not have.
    NoItem,
}

fn fail(item: usize, kind: FailKind, message: impl Into<String>) -> Failure {
    Failure { item, kind, message: message.into(), hint: None }
}

fn art_label(k: u32) -> String {
    format!("第{}条", to_chinese(k))
}

pub(crate) fn qblock_to_block(q: &QBlock) -> Block {
    Block {
        id: None,
        text: PText::new(q.text.clone()),
        items: q.items.iter().map(qblock_to_block).collect(),
        comments: Default::default(),
    }
}

pub(crate) fn block_to_qblock(b: &Block) -> QBlock {
    QBlock { text: b.text.printed.clone(), items: b.items.iter().map(block_to_qblock).collect() }
}

pub(crate) fn art_to_qart(a: &Art) -> QArt {
    QArt {
        heading: a.heading.as_ref().map(|h| h.printed.clone()),
        paragraphs: a.paragraphs.iter().map(block_to_qblock).collect(),
    }
}

/// A restated article: its heading and 款 from the quotation; the 款 and
/// 项 keep the ids of those they replace, place by place, so that
/// references to them still resolve (`keep_ids`; not for the further
/// pieces of a split, which are new articles).
fn set_from_qart(a: &mut Art, q: &QArt, keep_ids: bool) {
    a.heading = q.heading.as_ref().map(|h| PText::new(h.clone()));
    let mut paragraphs: Vec<Block> = q.paragraphs.iter().map(qblock_to_block).collect();
    if keep_ids {
        carry_ids(&a.paragraphs, &mut paragraphs);
    }
    a.paragraphs = paragraphs;
}

fn carry_ids(old: &[Block], new: &mut [Block]) {
    for (o, n) in old.iter().zip(new.iter_mut()) {
        n.id.clone_from(&o.id);
        carry_ids(&o.items, &mut n.items);
    }
}

fn block_mut<'a>(a: &'a mut Art, at: &Addr) -> Option<&'a mut Block> {
    let p = a.paragraphs.get_mut(at.para.checked_sub(1)? as usize)?;
    if at.item == 0 {
        return Some(p);
    }
    let i = p.items.get_mut(at.item.checked_sub(1)? as usize)?;
    if at.sub == 0 {
        return Some(i);
    }
    i.items.get_mut(at.sub.checked_sub(1)? as usize)
}

/// Replace every `from` in the texts of a block (and its items); returns
/// how many were replaced.
fn replace_in_block(b: &mut Block, from: &str, to: &str) -> usize {
    let mut n = b.text.printed.matches(from).count();
    if n > 0 {
        let s = b.text.printed.replace(from, to);
        b.text.edit(s);
    }
    for i in &mut b.items {
        n += replace_in_block(i, from, to);
    }
    n
}

fn replace_in_article(a: &mut Art, from: &str, to: &str) -> usize {
    let mut n = 0;
    if let Some(h) = &mut a.heading {
        let k = h.printed.matches(from).count();
        if k > 0 {
            let s = h.printed.replace(from, to);
            h.edit(s);
            n += k;
        }
    }
    for p in &mut a.paragraphs {
        n += replace_in_block(p, from, to);
    }
    n
}

/// A restated 款 or 项 quoted without its closing mark (the NPC's texts
/// quote “（二）……职权” for an item ending in ；) keeps the old one.
pub(crate) fn keep_end(new: &str, old: &str) -> String {
    const ENDS: &str = "。；：，！？";
    let ends = |s: &str| s.chars().next_back().is_some_and(|c| ENDS.contains(c));
    match old.chars().next_back() {
        Some(c) if !new.is_empty() && !ends(new) && ends(old) => format!("{new}{c}"),
        _ => new.to_string(),
    }
}

/// Replace every occurrence of the `(from, to)` pairs at once — leftmost
/// first, the longest `from` at a place — so that one replacement's
/// output is never replaced again (“法律委员会和” → “宪法和法律委员会、”
/// beside “法律委员会” → “宪法和法律委员会”). Counts the places each pair
/// replaced; None when nothing changed.
pub(crate) fn replace_all(text: &str, pairs: &[(String, String)], counts: &mut [usize]) -> Option<String> {
    let mut out = String::new();
    let mut i = 0;
    let mut changed = false;
    while i < text.len() {
        let rest = &text[i..];
        let mut best: Option<usize> = None;
        for (k, (from, _)) in pairs.iter().enumerate() {
            if !from.is_empty() && rest.starts_with(from.as_str()) && best.is_none_or(|b| from.len() > pairs[b].0.len())
            {
                best = Some(k);
            }
        }
        if let Some(k) = best {
            out.push_str(&pairs[k].1);
            i += pairs[k].0.len();
            counts[k] += 1;
            changed = true;
            continue;
        }
        let c = rest.chars().next().map_or(1, char::len_utf8);
        out.push_str(&rest[..c]);
        i += c;
    }
    changed.then_some(out)
}

fn replace_all_block(b: &mut Block, pairs: &[(String, String)], counts: &mut [usize]) {
    if let Some(s) = replace_all(&b.text.printed, pairs, counts) {
        b.text.set(s);
    }
    for i in &mut b.items {
        replace_all_block(i, pairs, counts);
    }
}

/// Replacements throughout (将本章程中的“A”修改为“B”) in the headings and
/// texts of `articles`, all at once; how many places each pair replaced.
pub(crate) fn replace_throughout(articles: &mut [Art], pairs: &[(String, String)]) -> Vec<usize> {
    let mut counts = vec![0; pairs.len()];
    for a in articles {
        if let Some(h) = &mut a.heading
            && let Some(s) = replace_all(&h.printed, pairs, &mut counts)
        {
            h.set(s);
        }
        for p in &mut a.paragraphs {
            replace_all_block(p, pairs, &mut counts);
        }
    }
    counts
}

fn full_width_text(t: &mut PText) -> usize {
    match charter_core::punct::to_full_width(&t.printed) {
        Some(s) => {
            t.set(s);
            1
        }
        None => 0,
    }
}

fn full_width_block(b: &mut Block) -> usize {
    full_width_text(&mut b.text) + b.items.iter_mut().map(full_width_block).sum::<usize>()
}

/// 将本章程中的半角标点符号统一修改为相应的全角标点符号 in the headings and
/// texts of `articles`; how many texts changed.
pub(crate) fn full_width_throughout(articles: &mut [Art]) -> usize {
    let mut n = 0;
    for a in articles {
        if let Some(h) = &mut a.heading {
            n += full_width_text(h);
        }
        n += a.paragraphs.iter_mut().map(full_width_block).sum::<usize>();
    }
    n
}

/// Apply the edits of one item to an article (old numbering `label`).
pub(crate) fn apply_edits(a: &mut Art, edits: &[Edit], label: &str) -> Result<(), (FailKind, String)> {
    let mut deletes: Vec<Addr> = Vec::new();
    let mut adds: Vec<(Addr, &QBlock)> = Vec::new();
    for e in edits {
        match e {
            Edit::Whole { article } => set_from_qart(a, article, true),
            Edit::Heading { text } => match &mut a.heading {
                Some(h) => h.edit(text.clone()),
                None => a.heading = Some(PText::new(text.clone())),
            },
            Edit::Block { at, block } => {
                let Some(b) = block_mut(a, at) else {
                    return Err((FailKind::NoTarget, format!("{label}没有{}", at.label())));
                };
                let text = keep_end(&block.text, &b.text.printed);
                b.text.edit(text);
                if !block.items.is_empty() {
                    let mut items: Vec<Block> = block.items.iter().map(qblock_to_block).collect();
                    carry_ids(&b.items, &mut items);
                    b.items = items;
                }
            }
            Edit::Words { at, from, to } => {
                if from.is_empty() {
                    return Err((FailKind::NotFound, "要修改的文字是空的".to_string()));
                }
                let n = match at {
                    None => replace_in_article(a, from, to),
                    Some(at) => {
                        let Some(b) = block_mut(a, at) else {
                            return Err((FailKind::NoTarget, format!("{label}没有{}", at.label())));
                        };
                        replace_in_block(b, from, to)
                    }
                };
                if n == 0 {
                    let place = at.map(|x| x.label()).unwrap_or_default();
                    return Err((FailKind::NotFound, format!("{label}{place}中没有“{from}”")));
                }
            }
            Edit::DeleteBlock { at } => {
                if block_mut(a, at).is_none() {
                    return Err((FailKind::NoTarget, format!("{label}没有{}", at.label())));
                }
                deletes.push(*at);
            }
            Edit::AddBlock { at, block } => adds.push((*at, block)),
        }
    }
    deletes.sort();
    for at in deletes.iter().rev() {
        let p = at.para as usize - 1;
        if at.item == 0 {
            a.paragraphs.remove(p);
        } else if at.sub == 0 {
            a.paragraphs[p].items.remove(at.item as usize - 1);
        } else {
            a.paragraphs[p].items[at.item as usize - 1].items.remove(at.sub as usize - 1);
        }
    }
    adds.sort_by_key(|(at, _)| *at);
    for (at, q) in adds {
        let b = qblock_to_block(q);
        let bad = || (FailKind::NoTarget, format!("{label}不能增加{}：前面缺少相应的款项", at.label()));
        let p = at.para.checked_sub(1).ok_or_else(bad)? as usize;
        if at.item == 0 {
            if p > a.paragraphs.len() {
                return Err(bad());
            }
            a.paragraphs.insert(p, b);
        } else {
            let para = a.paragraphs.get_mut(p).ok_or_else(bad)?;
            let i = at.item as usize - 1;
            if at.sub == 0 {
                if i > para.items.len() {
                    return Err(bad());
                }
                para.items.insert(i, b);
            } else {
                let item = para.items.get_mut(i).ok_or_else(bad)?;
                let s = at.sub as usize - 1;
                if s > item.items.len() {
                    return Err(bad());
                }
                item.items.insert(s, b);
            }
        }
    }
    Ok(())
}

/// The first rejected item after which `works` holds: `works` gets a
/// function applying that item to articles (returning whether it changed
/// them) — its replacements throughout, its punctuation, and its edits of
/// old article `article`. For an item whose quoted old text is not found:
/// found after a rejected item, it depends on that item.
fn rejected_enabler(
    d: &Decision,
    adopted: &dyn Fn(usize) -> bool,
    article: u32,
    works: impl Fn(&mut dyn FnMut(&mut [Art]) -> bool) -> bool,
) -> Option<usize> {
    d.items.iter().filter(|r| !adopted(r.no)).find_map(|r| {
        let relevant = r.ops.iter().any(|op| match op {
            Op::Global { .. } | Op::Punctuation => true,
            Op::Edit { article: a, .. } => *a == article,
            _ => false,
        });
        if !relevant {
            return None;
        }
        let mut apply_rejected = |arts: &mut [Art]| -> bool {
            let mut changed = false;
            for op in &r.ops {
                match op {
                    Op::Global { from, to } => {
                        changed |= replace_throughout(arts, &[(from.clone(), to.clone())])[0] > 0;
                    }
                    Op::Punctuation => changed |= full_width_throughout(arts) > 0,
                    Op::Edit { article: a, edits, .. } if *a == article && arts.len() == 1 => {
                        changed |= apply_edits(&mut arts[0], edits, "").is_ok();
                    }
                    _ => {}
                }
            }
            changed
        };
        works(&mut apply_rejected).then_some(r.no)
    })
}

/// Item `item` quotes text that rejected item `on` writes: A013.
fn dependency(item: usize, on: usize, not_found: &str) -> Failure {
    let (a, b) = (to_chinese(item as u32), to_chinese(on as u32));
    Failure {
        item,
        kind: FailKind::Dependency,
        message: format!("第{a}项依赖于未通过的第{b}项：{not_found}，这段文字是第{b}项修改后才有的"),
        hint: Some(format!("同时通过第{b}项，或者不通过第{a}项")),
    }
}

/// Where an article of the new text comes from: the old article (its
/// number) and, per 款, the old (article, 款).
#[derive(Clone, Debug, Default)]
struct Origin {
    article: Option<u32>,
    paragraphs: Vec<Option<(u32, u32)>>,
}

fn renumber_block(b: &mut Block, me: &str, this: Option<u32>, here: u32, moves: &crate::cite::Moves) {
    if b.text.cites_old_numbers()
        && let Some(s) = crate::cite::renumber(&b.text.printed, me, this, here, moves)
    {
        b.text.set(s);
    }
    for i in &mut b.items {
        renumber_block(i, me, this, here, moves);
    }
}

/// The plain-text citations of an article, in the new numbering (本条 in a
/// 款 means the old article that 款 comes from).
fn renumber_article(a: &mut Art, me: &str, origin: &Origin, here: u32, moves: &crate::cite::Moves) {
    if let Some(h) = &mut a.heading
        && h.cites_old_numbers()
        && let Some(s) = crate::cite::renumber(&h.printed, me, origin.article, here, moves)
    {
        h.set(s);
    }
    for (k, p) in a.paragraphs.iter_mut().enumerate() {
        let this = origin.paragraphs.get(k).copied().flatten().map(|x| x.0).or(origin.article);
        renumber_block(p, me, this, here, moves);
    }
}

/// What stands at one place of the new text.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Slot {
    /// An old article (index).
    Old(usize),
    /// An article added by item `item`, operation `op`.
    Added { item: usize, op: usize },
    /// Piece `piece` of a split of old article `old`.
    Piece { item: usize, op: usize, old: usize, piece: usize },
    /// A merge of old articles.
    Merged { item: usize, op: usize, olds: Vec<usize> },
    /// An article composed of 款 of old ones.
    Composed { item: usize, op: usize },
}

fn fresh_id(taken: &mut BTreeSet<String>, base: &str) -> String {
    if taken.insert(base.to_string()) {
        return base.to_string();
    }
    let mut k = 2;
    loop {
        let c = format!("{base}-{k}");
        if taken.insert(c.clone()) {
            return c;
        }
        k += 1;
    }
}

/// Old division labels → ids (第四章, 第四章第一节).
fn old_division(old: &Doc, level: Level, parent: Option<u32>, number: u32) -> Option<String> {
    let want = match parent {
        Some(p) => format!("第{}章第{}{}", to_chinese(p), to_chinese(number), level.word()),
        None => format!("第{}{}", to_chinese(number), level.word()),
    };
    old.division_labels()
        .into_iter()
        .find(|(id, l)| *l == want && old.division(id).is_some_and(|d| d.level == level))
        .map(|(id, _)| id)
}

/// Apply the items of `d` selected by `adopt` (all when None) to `old`.
pub fn apply(old: &Doc, d: &Decision, adopt: Option<&BTreeSet<usize>>) -> Result<Doc, Vec<Failure>> {
    let mut fails = Vec::new();
    if let Some(sel) = adopt {
        for k in sel {
            if !d.items.iter().any(|i| i.no == *k) {
                fails.push(fail(0, FailKind::NoItem, format!("决定中没有第{}项", to_chinese(*k as u32))));
            }
        }
    }
    let adopted = |no: usize| adopt.is_none_or(|s| s.contains(&no));
    let count = old.articles.len() as u32;
    let check_art = |item: usize, k: u32, fails: &mut Vec<Failure>| -> bool {
        if k == 0 || k > count {
            let mut f = fail(item, FailKind::NoTarget, format!("{}不存在：修改前的章程只有{}条", art_label(k), count));
            f.hint = Some("修改现有条文时用修改前的条号；新增的条文用“增加一条，作为第X条”".to_string());
            fails.push(f);
            false
        } else {
            true
        }
    };

    // Conflicts: two adopted items touching the same old article (or 款).
    let mut touched: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    let mut added_numbers: BTreeMap<u32, usize> = BTreeMap::new();
    for it in &d.items {
        for op in &it.ops {
            if let Op::Add { number, .. } = op {
                added_numbers.insert(*number, it.no);
            }
        }
    }
    for it in d.items.iter().filter(|i| adopted(i.no)) {
        let mut keys: Vec<(u32, u32)> = Vec::new();
        for op in &it.ops {
            match op {
                Op::Edit { article, edits, .. } => {
                    for e in edits {
                        let para = match e {
                            Edit::Block { at, .. } | Edit::DeleteBlock { at } => at.para,
                            Edit::Words { at: Some(at), .. } => at.para,
                            _ => 0,
                        };
                        keys.push((*article, para));
                    }
                }
                Op::Delete { article } | Op::Move { article, .. } | Op::Split { article, .. } => {
                    keys.push((*article, 0))
                }
                Op::Merge { articles, .. } => keys.extend(articles.iter().map(|a| (*a, 0))),
                Op::Compose { takes, .. } => keys.extend(takes.iter().copied()),
                _ => {}
            }
        }
        keys.sort();
        keys.dedup();
        for (a, p) in keys {
            // Only this article's entries (not a scan of all: no quadratic cost).
            let clash = touched
                .range((a, 0)..=(a, u32::MAX))
                .find(|((_, p2), no)| **no != it.no && (p == 0 || *p2 == 0 || *p2 == p));
            if let Some((_, other)) = clash {
                let mut f = fail(
                    it.no,
                    FailKind::Conflict,
                    format!(
                        "第{}项与第{}项都修改{}",
                        to_chinese(it.no as u32),
                        to_chinese(*other as u32),
                        art_label(a)
                    ),
                );
                f.hint = Some("把两项合成一项，或只表决通过其中一项".to_string());
                fails.push(f);
            } else {
                touched.insert((a, p), it.no);
            }
        }
    }

    // Replacements throughout first, on the old text (the other items
    // quote the text as they leave it).
    let mut arts: Vec<Art> = old.articles.clone();
    // The punctuation normalised first (a replacement throughout quotes
    // the text as it leaves it).
    for it in d.items.iter().filter(|i| adopted(i.no)) {
        if it.ops.contains(&Op::Punctuation) && full_width_throughout(&mut arts) == 0 {
            let mut f = fail(it.no, FailKind::NotFound, "章程中没有需要改为全角的半角标点符号");
            f.hint = Some("删去这一项".to_string());
            fails.push(f);
        }
    }
    let mut globals: Vec<(usize, (String, String))> = Vec::new();
    for it in d.items.iter().filter(|i| adopted(i.no)) {
        for op in &it.ops {
            if let Op::Global { from, to } = op {
                globals.push((it.no, (from.clone(), to.clone())));
            }
        }
    }
    if !globals.is_empty() {
        let pairs: Vec<(String, String)> = globals.iter().map(|(_, p)| p.clone()).collect();
        let counts = replace_throughout(&mut arts, &pairs);
        for ((no, (from, _)), n) in globals.iter().zip(counts) {
            if n == 0 {
                fails.push(fail(*no, FailKind::NotFound, format!("章程中没有“{from}”")));
            }
        }
    }
    // Per old article: edits.
    let mut deleted = vec![false; arts.len()];
    let mut claims: BTreeMap<u32, (usize, Slot)> = BTreeMap::new();
    let mut claimed_old = vec![false; arts.len()];
    // Old 款 taken into composed articles: article index → 款 indexes.
    let mut taken: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut claim = |k: u32, item: usize, slot: Slot, fails: &mut Vec<Failure>| {
        if let Some((other, _)) = claims.get(&k) {
            fails.push(fail(
                item,
                FailKind::Numbering,
                format!("{}已由第{}项使用", art_label(k), to_chinese(*other as u32)),
            ));
        } else {
            claims.insert(k, (item, slot));
        }
    };
    for it in &d.items {
        let on = adopted(it.no);
        for (oi, op) in it.ops.iter().enumerate() {
            match op {
                Op::Edit { article, edits, .. } => {
                    if !on {
                        continue;
                    }
                    if *article > count {
                        if let Some(adder) = added_numbers.get(article).filter(|n| !adopted(**n)) {
                            fails.push(fail(
                                it.no,
                                FailKind::Dependency,
                                format!(
                                    "第{}项修改的{}是第{}项新增的条文，而第{}项未通过",
                                    to_chinese(it.no as u32),
                                    art_label(*article),
                                    to_chinese(*adder as u32),
                                    to_chinese(*adder as u32)
                                ),
                            ));
                            continue;
                        }
                    }
                    if !check_art(it.no, *article, &mut fails) {
                        continue;
                    }
                    let idx = *article as usize - 1;
                    let before = arts[idx].clone();
                    if let Err((kind, m)) = apply_edits(&mut arts[idx], edits, &art_label(*article)) {
                        let enabler = (kind == FailKind::NotFound)
                            .then(|| {
                                rejected_enabler(d, &adopted, *article, |rejected| {
                                    let mut a = before.clone();
                                    let changed = rejected(std::slice::from_mut(&mut a));
                                    changed && apply_edits(&mut a, edits, "").is_ok()
                                })
                            })
                            .flatten();
                        match enabler {
                            Some(r) => fails.push(dependency(it.no, r, &m)),
                            None => fails.push(fail(it.no, kind, m)),
                        }
                    }
                }
                Op::Delete { article } => {
                    if on && check_art(it.no, *article, &mut fails) {
                        deleted[*article as usize - 1] = true;
                    }
                }
                Op::Add { number, .. } => claim(*number, it.no, Slot::Added { item: it.no, op: oi }, &mut fails),
                Op::Move { article, number } => {
                    if check_art(it.no, *article, &mut fails) {
                        let idx = *article as usize - 1;
                        if on {
                            claimed_old[idx] = true;
                            claim(*number, it.no, Slot::Old(idx), &mut fails);
                        }
                    }
                }
                Op::Split { article, numbers, pieces } => {
                    if numbers.len() != pieces.len() {
                        fails.push(fail(it.no, FailKind::Numbering, "拆分后的条数与引文中的条数不一致"));
                        continue;
                    }
                    if check_art(it.no, *article, &mut fails) {
                        let idx = *article as usize - 1;
                        claimed_old[idx] = true;
                        for (p, k) in numbers.iter().enumerate() {
                            claim(*k, it.no, Slot::Piece { item: it.no, op: oi, old: idx, piece: p }, &mut fails);
                        }
                    }
                }
                Op::Compose { number, takes, parts } => {
                    let mut good = true;
                    for (a, p) in takes.iter().copied().chain(parts.iter().filter_map(|p| match p {
                        Part::Old { article, para } => Some((*article, *para)),
                        Part::New { .. } => None,
                    })) {
                        if !check_art(it.no, a, &mut fails) {
                            good = false;
                        } else if p == 0 || p as usize > old.articles[a as usize - 1].paragraphs.len() {
                            fails.push(fail(
                                it.no,
                                FailKind::NoTarget,
                                format!("{}没有第{}款", art_label(a), to_chinese(p)),
                            ));
                            good = false;
                        }
                    }
                    if good && on {
                        for (a, p) in takes {
                            taken.entry(*a as usize - 1).or_default().insert(*p as usize - 1);
                        }
                    }
                    claim(*number, it.no, Slot::Composed { item: it.no, op: oi }, &mut fails);
                }
                Op::Merge { articles, number, .. } => {
                    if articles.iter().all(|a| check_art(it.no, *a, &mut fails)) {
                        let olds: Vec<usize> = articles.iter().map(|a| *a as usize - 1).collect();
                        for o in &olds {
                            claimed_old[*o] = true;
                        }
                        claim(*number, it.no, Slot::Merged { item: it.no, op: oi, olds }, &mut fails);
                    }
                }
                _ => {}
            }
        }
    }
    if !fails.is_empty() {
        return Err(fails);
    }
    // An article whose 款 were all taken is gone.
    for (i, ps) in &taken {
        if ps.len() >= old.articles[*i].paragraphs.len() {
            claimed_old[*i] = true;
        }
    }

    // The full order (every item), then what the adopted items give.
    let mut queue = (0..arts.len()).filter(|i| !claimed_old[*i] && !deleted[*i]);
    let mut full: Vec<Slot> = Vec::new();
    let total = claims.keys().next_back().copied().unwrap_or(0) as usize + arts.len();
    let mut k = 1u32;
    while full.len() < total {
        if let Some((_, s)) = claims.remove(&k) {
            full.push(s);
        } else if let Some(i) = queue.next() {
            full.push(Slot::Old(i));
        } else if claims.is_empty() {
            break;
        } else {
            let (first, (item, _)) = claims.iter().next().map(|(k, v)| (*k, v.clone())).unwrap_or_default_pair();
            fails.push(fail(
                item,
                FailKind::Numbering,
                format!("{}之前的条文不够：按本决定调整后只有{}条", art_label(first), full.len()),
            ));
            return Err(fails);
        }
        k += 1;
    }
    // Division membership by the full order (new numbers).
    let mut div_of: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new(); // position → (item, op)
    for it in d.items.iter().filter(|i| adopted(i.no)) {
        for (oi, op) in it.ops.iter().enumerate() {
            if let Op::DivisionAdd { first, last, .. } = op {
                if *first == 0 || *last < *first || *last as usize > full.len() {
                    fails.push(fail(
                        it.no,
                        FailKind::NoTarget,
                        format!("调整后的章程没有{}至{}", art_label(*first), art_label(*last)),
                    ));
                    continue;
                }
                for p in *first..=*last {
                    div_of.entry(p as usize - 1).or_default().push((it.no, oi));
                }
            }
        }
    }
    if !fails.is_empty() {
        return Err(fails);
    }

    let mut taken_ids: BTreeSet<String> = old.articles.iter().map(|a| a.id.clone()).collect();
    taken_ids.extend(old.divisions.iter().map(|d| d.id.clone()));
    let mut heirs: BTreeSet<usize> = BTreeSet::new();
    let by_no: BTreeMap<usize, &crate::decision::Item> = d.items.iter().map(|i| (i.no, i)).collect();
    let op_of = |item: usize, op: usize| by_no.get(&item).and_then(|i| i.ops.get(op));
    // Old article number → the item that moves it.
    let moved_by: BTreeMap<u32, usize> = d
        .items
        .iter()
        .flat_map(|it| {
            it.ops
                .iter()
                .filter_map(move |op| if let Op::Move { article, .. } = op { Some((*article, it.no)) } else { None })
        })
        .collect();
    // (article, membership overrides)
    // (article, new divisions it joins, whether its path is inherited)
    // and where its 款 came from (for citations written as plain text)
    type Placed = (Art, Vec<(usize, usize)>, bool, Origin);
    let ident = |i: usize| Origin {
        article: Some(i as u32 + 1),
        paragraphs: (1..=arts[i].paragraphs.len() as u32).map(|p| Some((i as u32 + 1, p))).collect(),
    };
    let mut out: Vec<Placed> = Vec::new();
    let mut reinsert: Vec<usize> = Vec::new();
    for (pos, slot) in full.iter().enumerate() {
        let members = div_of.get(&pos).cloned().unwrap_or_default();
        match slot {
            Slot::Old(i) => {
                // Less the 款 taken into composed articles.
                let mut a = arts[*i].clone();
                let mut origin = ident(*i);
                if a.paragraphs.len() != old.articles[*i].paragraphs.len() {
                    // 款 added or deleted by an item: no 款 follows.
                    origin.paragraphs = vec![None; a.paragraphs.len()];
                }
                if let Some(ps) = taken.get(i) {
                    let mut k = 0;
                    a.paragraphs.retain(|_| {
                        k += 1;
                        !ps.contains(&(k - 1))
                    });
                    let mut k = 0;
                    origin.paragraphs.retain(|_| {
                        k += 1;
                        !ps.contains(&(k - 1))
                    });
                }
                match moved_by.get(&(*i as u32 + 1)) {
                    Some(no) if !adopted(*no) => reinsert.push(*i),
                    Some(_) => out.push((a, members, true, origin)),
                    None => out.push((a, members, false, origin)),
                }
            }
            Slot::Composed { item, op } => {
                if !adopted(*item) {
                    continue;
                }
                if let Some(Op::Compose { number, takes, parts }) = op_of(*item, *op) {
                    // The id of the old article whose first 款 it takes
                    // when that article is gone; else a new one.
                    let heir = takes
                        .iter()
                        .find(|(a, p)| *p == 1 && claimed_old[*a as usize - 1])
                        .map(|(a, _)| *a as usize - 1)
                        .filter(|i| !heirs.contains(i));
                    let mut a = match heir {
                        Some(i) => {
                            heirs.insert(i);
                            let mut a = arts[i].clone();
                            a.paragraphs.clear();
                            a
                        }
                        None => Art {
                            id: fresh_id(&mut taken_ids, &format!("art-{number}")),
                            heading: None,
                            paragraphs: Vec::new(),
                            path: Vec::new(),
                            repealed: false,
                            note: None,
                            comments: Default::default(),
                        },
                    };
                    // Restated 款 pair with the taken ones not kept as they are.
                    let mut restated = takes.iter().filter(|t| {
                        !parts.iter().any(|p| matches!(p, Part::Old { article, para } if (*article, *para) == **t))
                    });
                    let mut origin = Origin { article: heir.map(|i| i as u32 + 1), paragraphs: Vec::new() };
                    for p in parts {
                        match p {
                            Part::Old { article, para } => {
                                if let Some(b) = arts[*article as usize - 1].paragraphs.get(*para as usize - 1) {
                                    a.paragraphs.push(b.clone());
                                    origin.paragraphs.push(Some((*article, *para)));
                                }
                            }
                            Part::New { block } => {
                                let mut b = qblock_to_block(block);
                                let from = restated.next();
                                if let Some((x, y)) = from
                                    && let Some(o) = arts[*x as usize - 1].paragraphs.get(*y as usize - 1)
                                {
                                    b.text.set(keep_end(&block.text, &o.text.printed));
                                    b.id.clone_from(&o.id);
                                }
                                a.paragraphs.push(b);
                                origin.paragraphs.push(from.copied());
                            }
                        }
                    }
                    // It stands where the article it takes from stood.
                    match takes.first() {
                        Some((x, _)) => {
                            a.path = arts[*x as usize - 1].path.clone();
                            out.push((a, members, false, origin));
                        }
                        None => out.push((a, members, true, origin)),
                    }
                }
            }
            Slot::Added { item, op } => {
                if !adopted(*item) {
                    continue;
                }
                if let Some(Op::Add { number, article }) = op_of(*item, *op) {
                    let mut a = Art {
                        id: fresh_id(&mut taken_ids, &format!("art-{number}")),
                        heading: None,
                        paragraphs: Vec::new(),
                        path: Vec::new(),
                        repealed: false,
                        note: None,
                        comments: Default::default(),
                    };
                    set_from_qart(&mut a, article, true);
                    out.push((a, members, true, Origin::default()));
                }
            }
            Slot::Piece { item, op, old: o, piece } => {
                if !adopted(*item) {
                    if *piece == 0 {
                        out.push((arts[*o].clone(), members, false, ident(*o)));
                    }
                    continue;
                }
                if let Some(Op::Split { numbers, pieces, .. }) = op_of(*item, *op) {
                    let mut a = arts[*o].clone();
                    if *piece > 0 {
                        a.id = fresh_id(&mut taken_ids, &format!("{}-{}", arts[*o].id, numbers[*piece]));
                        // The old article's note and comments stay with its first piece.
                        a.note = None;
                        a.comments = Default::default();
                    }
                    set_from_qart(&mut a, &pieces[*piece], *piece == 0);
                    let article = (*piece == 0).then_some(*o as u32 + 1);
                    out.push((a, members, false, Origin { article, paragraphs: Vec::new() }));
                }
            }
            Slot::Merged { item, op, olds } => {
                if !adopted(*item) {
                    for o in olds {
                        out.push((arts[*o].clone(), members.clone(), false, ident(*o)));
                    }
                    continue;
                }
                if let Some(Op::Merge { article, .. }) = op_of(*item, *op) {
                    let mut a = arts[olds[0]].clone();
                    set_from_qart(&mut a, article, true);
                    let origin = Origin { article: Some(olds[0] as u32 + 1), paragraphs: Vec::new() };
                    out.push((a, members, false, origin));
                }
            }
        }
    }
    // Moves not adopted: back after their old predecessor.
    let old_index: std::collections::HashMap<&str, usize> =
        old.articles.iter().enumerate().map(|(k, a)| (a.id.as_str(), k)).collect();
    for i in reinsert {
        let at = out
            .iter()
            .rposition(|(a, _, _, _)| old_index.get(a.id.as_str()).is_some_and(|k| *k < i))
            .map(|p| p + 1)
            .unwrap_or(0);
        out.insert(at, (arts[i].clone(), Vec::new(), false, ident(i)));
    }
    // Paths: inherited from the preceding article (or the following one).
    for k in 0..out.len() {
        if out[k].2 {
            let from = if k > 0 { Some(k - 1) } else { (1..out.len()).find(|j| !out[*j].2) };
            out[k].0.path = from.map(|j| out[j].0.path.clone()).unwrap_or_default();
        }
    }

    // Everything but the articles (placed below), without cloning them.
    let mut doc = Doc {
        header: old.header.clone(),
        title: old.title.clone(),
        status: old.status.clone(),
        date: old.date.clone(),
        script: old.script,
        history: old.history.clone(),
        preamble: old.preamble.clone(),
        terms: old.terms.clone(),
        divisions: old.divisions.clone(),
        articles: Vec::with_capacity(out.len()),
    };
    // Division renames and deletions (old labels).
    let mut removed: BTreeSet<String> = BTreeSet::new();
    for it in d.items.iter().filter(|i| adopted(i.no)) {
        for op in &it.ops {
            match op {
                Op::DivisionRename { level, parent, number, title } => {
                    match old_division(old, *level, *parent, *number) {
                        Some(id) => {
                            if let Some(v) = doc.divisions.iter_mut().find(|v| v.id == id) {
                                v.title = title.clone();
                            }
                        }
                        None => fails.push(fail(it.no, FailKind::NoTarget, "修改前的章程没有这一章（节）")),
                    }
                }
                Op::DivisionDelete { level, parent, number } => match old_division(old, *level, *parent, *number) {
                    Some(id) => {
                        removed.insert(id);
                    }
                    None => fails.push(fail(it.no, FailKind::NoTarget, "修改前的章程没有这一章（节）")),
                },
                _ => {}
            }
        }
    }
    // New divisions.
    let mut new_divs: BTreeMap<(usize, usize), String> = BTreeMap::new();
    for it in d.items.iter().filter(|i| adopted(i.no)) {
        for (oi, op) in it.ops.iter().enumerate() {
            if let Op::DivisionAdd { level, title, number, .. } = op {
                let id = fresh_id(&mut taken_ids, &format!("{}-{number}", level.key()));
                doc.divisions.push(Div {
                    id: id.clone(),
                    level: *level,
                    title: title.clone(),
                    unnumbered: false,
                    note: None,
                    comments: Default::default(),
                });
                new_divs.insert((it.no, oi), id);
            }
        }
    }
    // Citations written as plain text follow the new numbers.
    let mut moves = crate::cite::Moves::default();
    for (k, (_, _, _, o)) in out.iter().enumerate() {
        let here = k as u32 + 1;
        if let Some(a) = o.article {
            moves.articles.entry(a).or_insert(here);
        }
        for (p, from) in o.paragraphs.iter().enumerate() {
            if let Some(f) = from {
                moves.paragraphs.insert(*f, (here, p as u32 + 1));
            }
        }
    }
    let me = crate::decision::self_name(&old.title);
    for (k, (a, _, _, o)) in out.iter_mut().enumerate() {
        renumber_article(a, &me, o, k as u32 + 1, &moves);
    }
    for (mut a, members, _, _) in out {
        a.path.retain(|p| !removed.contains(p));
        for m in members {
            let Some(id) = new_divs.get(&m) else { continue };
            let level = doc.division(id).map(|v| v.level).unwrap_or(Level::Chapter);
            a.path.retain(|p| doc.division(p).is_some_and(|v| v.level < level));
            a.path.push(id.clone());
        }
        doc.articles.push(a);
    }
    // Citations the decision quotes as printed, back to references.
    if crate::link::uses_references(old) {
        crate::link::relink_articles(&mut doc.articles, &old.articles);
    }
    // The title.
    for it in d.items.iter().filter(|i| adopted(i.no)) {
        for op in &it.ops {
            if let Op::Title { text } = op {
                doc.title = text.clone();
            }
        }
    }
    if !fails.is_empty() {
        return Err(fails);
    }
    Ok(doc)
}

trait PairDefault {
    fn unwrap_or_default_pair(self) -> (u32, (usize, Slot));
}

impl PairDefault for Option<(u32, (usize, Slot))> {
    fn unwrap_or_default_pair(self) -> (u32, (usize, Slot)) {
        self.unwrap_or((0, (0, Slot::Old(0))))
    }
}
