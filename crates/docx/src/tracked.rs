//! The diff as one tracked document: the new draft's paragraphs with the
//! old draft's woven in as revisions, so that accepting every revision
//! gives the new draft's paragraphs and rejecting every one the old
//! draft's — each exactly as `build` lays the draft out.
//!
//! Articles come in the diff's operations. Operations with both sides
//! whose old positions keep their order are anchors; the rest of the
//! old side (deleted articles, the old place of moved ones) and of the new
//! side (added articles, the new place of moved ones) fall between anchors
//! in their own side's order. Division headings open on each side before
//! the first article under them.

use std::collections::{HashMap, HashSet};

use charter_core::export::{ExArticle, ExInline, ExItem, ExNode, ExParagraph, ExText, Export};
use charter_core::model::Level;
use charter_diff::{ArticleChange, ArticleOp, BlockKind, BlockOp, Diff, DivisionChange, SegOp};

use crate::build::{self, division_title, line};
use crate::heading_style;
use crate::xml::{Char, Para, Rev, annotate};

/// One draft's articles and divisions by id.
struct Index<'e> {
    articles: HashMap<&'e str, (usize, &'e ExArticle)>,
    divisions: HashMap<&'e str, (Level, String)>,
    /// Division notes by id.
    division_notes: HashMap<&'e str, &'e str>,
}

impl<'e> Index<'e> {
    fn new(ex: &'e Export) -> Self {
        let mut ix = Index { articles: HashMap::new(), divisions: HashMap::new(), division_notes: HashMap::new() };
        fn walk<'e>(nodes: &'e [ExNode], ix: &mut Index<'e>) {
            for n in nodes {
                let (level, d) = match n {
                    ExNode::Article(a) => {
                        let i = ix.articles.len();
                        ix.articles.insert(&a.id, (i, a));
                        continue;
                    }
                    ExNode::Part(d) => (Level::Part, d),
                    ExNode::Subpart(d) => (Level::Subpart, d),
                    ExNode::Chapter(d) => (Level::Chapter, d),
                    ExNode::Section(d) => (Level::Section, d),
                };
                ix.divisions.insert(&d.id, (level, division_title(&d.label, &d.title)));
                if let Some(n) = &d.note {
                    ix.division_notes.insert(&d.id, n);
                }
                walk(&d.children, ix);
            }
        }
        walk(&ex.body, &mut ix);
        ix
    }
}

#[derive(Clone, Copy)]
enum Unit<'d> {
    Both(&'d ArticleOp),
    Old(&'d ArticleOp, Rev, u32),
    New(&'d ArticleOp, Rev, u32),
}

/// The tracked paragraphs; the note of each changed article or division
/// of the new draft becomes a comment over it, added to `notes`.
pub fn paragraphs(d: &Diff, oe: &Export, ne: &Export, kinds: &[Level], notes: &mut Vec<String>) -> Vec<Para> {
    let oi = Index::new(oe);
    let ni = Index::new(ne);
    let mut out = front(d, oe, ne);

    let units = units(d, &oi);
    let pairs: HashSet<(&str, &str)> = d
        .divisions
        .iter()
        .filter_map(|op| Some((op.old.as_ref()?.id.as_str(), op.new.as_ref()?.id.as_str())))
        .collect();
    // Divisions of the new draft that changed (added, renamed, moved).
    let changed_divs: HashSet<&str> = d
        .divisions
        .iter()
        .filter(|op| !matches!(op.op, DivisionChange::Unchanged | DivisionChange::Renumbered))
        .filter_map(|op| Some(op.new.as_ref()?.id.as_str()))
        .collect();
    let opens = openings(&units, &pairs);
    for (u, &(open_old, open_new)) in units.into_iter().zip(&opens) {
        let op = match u {
            Unit::Both(op) | Unit::Old(op, ..) | Unit::New(op, ..) => op,
        };
        let first_heading = out.len();
        headings(open_old, open_new, &oi, &ni, &pairs, kinds, &mut out);
        // A changed division's note on its heading (the headings just
        // written on the new side, in order).
        let mut new_headings = out[first_heading..].iter_mut().filter(|p| p.mark != Rev::Del);
        for id in open_new {
            let Some(p) = new_headings.next() else { break };
            if changed_divs.contains(id.as_str())
                && let Some(note) = ni.division_notes.get(id.as_str())
            {
                annotate(std::slice::from_mut(p), note, notes);
            }
        }
        let start = out.len();
        match u {
            Unit::Both(op) => out.extend(both(op, &oi, &ni)),
            Unit::Old(op, Rev::MoveFrom, name) => out.extend(moved_edited(both(op, &oi, &ni), true, name)),
            Unit::New(op, Rev::MoveTo, name) => out.extend(moved_edited(both(op, &oi, &ni), false, name)),
            Unit::Old(op, rev, _) => {
                let paras = op
                    .old
                    .iter()
                    .filter_map(|a| oi.articles.get(a.id.as_str()))
                    .flat_map(|(_, a)| build::article(a, &a.label));
                out.extend(whole(paras.collect(), rev));
            }
            Unit::New(op, rev, _) => {
                let paras = op
                    .new
                    .iter()
                    .filter_map(|a| ni.articles.get(a.id.as_str()))
                    .flat_map(|(_, a)| build::article(a, &a.label));
                out.extend(whole(paras.collect(), rev));
            }
        }
        // A changed article's note on the new side of its unit.
        let changed = match u {
            Unit::Both(op) => !matches!(op.op, ArticleChange::Unchanged | ArticleChange::Renumbered),
            Unit::New(..) => true,
            Unit::Old(..) => false,
        };
        if changed {
            for a in &op.new {
                if let Some(note) = ni.articles.get(a.id.as_str()).and_then(|(_, ex)| ex.note.as_deref()) {
                    annotate(&mut out[start..], note, notes);
                }
            }
        }
    }
    out
}

/// The division headings each unit opens, old side and new side. A
/// division both drafts have (paired) whose heading opens on one side
/// before the other — new articles come first in it, or old ones that
/// moved away — opens on the other side at the same place when only
/// one-sided units lie between: one unchanged heading, not an inserted and
/// a deleted copy.
fn openings<'u>(units: &[Unit<'u>], pairs: &HashSet<(&str, &str)>) -> Vec<(&'u [String], &'u [String])> {
    let mut cur_old: &[String] = &[];
    let mut cur_new: &[String] = &[];
    let mut out: Vec<(&[String], &[String])> = Vec::with_capacity(units.len());
    for u in units {
        let (op, has_old, has_new) = match *u {
            Unit::Both(op) => (op, true, true),
            Unit::Old(op, ..) => (op, true, false),
            Unit::New(op, ..) => (op, false, true),
        };
        let mut open_old: &[String] = &[];
        let mut open_new: &[String] = &[];
        if has_old && let Some(a) = op.old.first() {
            open_old = opening(cur_old, &a.divisions);
            cur_old = &a.divisions;
        }
        if has_new && let Some(a) = op.new.first() {
            open_new = opening(cur_new, &a.divisions);
            cur_new = &a.divisions;
        }
        out.push((open_old, open_new));
    }
    // Either side may open first: pull the other side's opening forward.
    let has_old = |u: &Unit| matches!(u, Unit::Both(_) | Unit::Old(..));
    let has_new = |u: &Unit| matches!(u, Unit::Both(_) | Unit::New(..));
    for k in 0..out.len() {
        for old_first in [false, true] {
            let (this_has_other, here) =
                if old_first { (has_new(&units[k]), out[k].0) } else { (has_old(&units[k]), out[k].1) };
            if this_has_other || here.is_empty() {
                continue;
            }
            // The next unit with the other side, and where it opens the
            // partner of a heading opened here.
            let other = |j: usize| if old_first { has_new(&units[j]) } else { has_old(&units[j]) };
            let Some(next) = (k + 1..units.len()).find(|&j| other(j)) else { continue };
            let there = if old_first { out[next].1 } else { out[next].0 };
            let paired = |t: &String| {
                here.iter().any(|h| {
                    let (o, n) = if old_first { (h, t) } else { (t, h) };
                    pairs.contains(&(o.as_str(), n.as_str()))
                })
            };
            if let Some(p) = there.iter().rposition(paired) {
                if old_first {
                    out[k].1 = &there[..=p];
                    out[next].1 = &there[p + 1..];
                } else {
                    out[k].0 = &there[..=p];
                    out[next].0 = &there[p + 1..];
                }
            }
        }
    }
    out
}

/// The divisions of `path` that open here: those after the common prefix
/// with the current path.
fn opening<'p>(cur: &[String], path: &'p [String]) -> &'p [String] {
    let common = cur.iter().zip(path).take_while(|(a, b)| a == b).count();
    &path[common..]
}

/// A deleted or inserted article: every paragraph, its mark included.
fn whole(paras: Vec<Para>, rev: Rev) -> Vec<Para> {
    paras.into_iter().map(|p| p.all(rev)).collect()
}

/// One place of an article that moved and may also have changed, from
/// its paragraphs with the edits tracked in place (`both`): at the old
/// place (`from`) the text both drafts share is moved away (`w:moveFrom`)
/// and the text only the old draft has is deleted; at the new place the
/// shared text is moved in (`w:moveTo`) and the text only the new draft
/// has is inserted. Accepting everything leaves nothing at the old place
/// and the new article at the new one; rejecting everything the old
/// article at the old place and nothing at the new one. Word writes the
/// same when a moved paragraph is edited afterwards.
fn moved_edited(paras: Vec<Para>, from: bool, name: u32) -> Vec<Para> {
    let (gone, kept) = if from { (Rev::Ins, Rev::MoveFrom) } else { (Rev::Del, Rev::MoveTo) };
    let mut out: Vec<Para> = Vec::new();
    for mut p in paras {
        if p.mark == gone {
            continue;
        }
        if p.mark == Rev::None {
            p.mark = kept;
        }
        p.runs.retain(|r| r.rev != gone);
        for r in &mut p.runs {
            if r.rev == Rev::None {
                r.rev = kept;
            }
        }
        out.push(p);
    }
    if out.iter().any(|p| p.mark == kept) {
        if let Some(p) = out.first_mut() {
            p.move_start = Some((kept, name));
        }
        if let Some(p) = out.last_mut() {
            p.move_end = Some((kept, name));
        }
    }
    out
}

/// Order the operations into anchors and one-sided units (see the module
/// documentation).
fn units<'d>(d: &'d Diff, oi: &Index) -> Vec<Unit<'d>> {
    let old_pos = |op: &ArticleOp| op.old.first().and_then(|a| oi.articles.get(a.id.as_str())).map(|(i, _)| *i);
    // Candidates for anchors: both sides, not moved; keep the longest run
    // increasing in old position (patience LIS, O(n log n)).
    let cands: Vec<(usize, usize)> = d
        .articles
        .iter()
        .enumerate()
        .filter(|(_, op)| !op.old.is_empty() && !op.new.is_empty() && !op.moved)
        .filter_map(|(k, op)| Some((k, old_pos(op)?)))
        .collect();
    let anchors = lis(&cands);
    let anchor_set: HashSet<usize> = anchors.iter().map(|&(k, _)| k).collect();

    let mut olds: Vec<(usize, Unit)> = Vec::new();
    let mut news: Vec<(usize, Unit)> = Vec::new();
    let mut name = 0;
    for (k, op) in d.articles.iter().enumerate() {
        if anchor_set.contains(&k) {
            continue;
        }
        let (o, n) = (!op.old.is_empty(), !op.new.is_empty());
        let pos = old_pos(op);
        if o && n && pos.is_some() {
            name += 1;
            olds.push((pos.unwrap_or(0), Unit::Old(op, Rev::MoveFrom, name)));
            news.push((k, Unit::New(op, Rev::MoveTo, name)));
        } else {
            if o {
                olds.push((pos.unwrap_or(usize::MAX), Unit::Old(op, Rev::Del, 0)));
            }
            if n {
                news.push((k, Unit::New(op, Rev::Ins, 0)));
            }
        }
    }
    olds.sort_by_key(|(p, _)| *p);
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    for &(k, p) in anchors.iter().chain(std::iter::once(&(usize::MAX, usize::MAX))) {
        while i < olds.len() && olds[i].0 < p {
            out.push(olds[i].1);
            i += 1;
        }
        while j < news.len() && news[j].0 < k {
            out.push(news[j].1);
            j += 1;
        }
        if k != usize::MAX {
            out.push(Unit::Both(&d.articles[k]));
        }
    }
    out
}

/// The longest subsequence of `v` (in order) strictly increasing in `.1`.
fn lis(v: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into v of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; v.len()];
    for (i, &(_, x)) in v.iter().enumerate() {
        let len = tails.partition_point(|&t| v[t].1 < x);
        prev[i] = if len > 0 { Some(tails[len - 1]) } else { None };
        if len == tails.len() {
            tails.push(i);
        } else {
            tails[len] = i;
        }
    }
    let mut out = Vec::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(v[i]);
        at = prev[i];
    }
    out.reverse();
    out
}

/// Division headings opening before a unit, paired where the diff paired
/// the divisions.
fn headings(
    o: &[String],
    n: &[String],
    oi: &Index,
    ni: &Index,
    pairs: &HashSet<(&str, &str)>,
    kinds: &[Level],
    out: &mut Vec<Para>,
) {
    let (mut i, mut j) = (0, 0);
    let get = |ix: &Index, id: &str| ix.divisions.get(id).cloned().unwrap_or((Level::Chapter, id.to_string()));
    while i < o.len() || j < n.len() {
        if i < o.len() && j < n.len() && pairs.contains(&(o[i].as_str(), n[j].as_str())) {
            let (_, ot) = get(oi, &o[i]);
            let (level, nt) = get(ni, &n[j]);
            let mut p = Para::new(heading_style(kinds, level));
            text_diff(&mut p, &ot, &nt, Char::Plain);
            out.push(p);
            i += 1;
            j += 1;
        } else if i < o.len() && !n[j..].iter().any(|x| pairs.contains(&(o[i].as_str(), x.as_str()))) {
            let (level, t) = get(oi, &o[i]);
            out.push(line(heading_style(kinds, level), &t).all(Rev::Del));
            i += 1;
        } else if j < n.len() {
            let (level, t) = get(ni, &n[j]);
            out.push(line(heading_style(kinds, level), &t).all(Rev::Ins));
            j += 1;
        } else {
            let (level, t) = get(oi, &o[i]);
            out.push(line(heading_style(kinds, level), &t).all(Rev::Del));
            i += 1;
        }
    }
}

/// Common prefix and suffix kept, the middle deleted and inserted.
fn text_diff(p: &mut Para, old: &str, new: &str, style: Char) {
    let (oc, nc): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let pre = oc.iter().zip(&nc).take_while(|(a, b)| a == b).count();
    let max_suf = oc.len().min(nc.len()) - pre;
    let suf = oc.iter().rev().zip(nc.iter().rev()).take(max_suf).take_while(|(a, b)| a == b).count();
    let s = |c: &[char]| c.iter().collect::<String>();
    p.push(&s(&oc[..pre]), style, Rev::None);
    p.push(&s(&oc[pre..oc.len() - suf]), style, Rev::Del);
    p.push(&s(&nc[pre..nc.len() - suf]), style, Rev::Ins);
    p.push(&s(&oc[oc.len() - suf..]), style, Rev::None);
}

/// An operation with both sides in place.
fn both(op: &ArticleOp, oi: &Index, ni: &Index) -> Vec<Para> {
    let get_o = |k: usize| op.old.get(k).and_then(|a| oi.articles.get(a.id.as_str())).map(|(_, a)| *a);
    let get_n = |k: usize| op.new.get(k).and_then(|a| ni.articles.get(a.id.as_str())).map(|(_, a)| *a);
    let repealed = op.old.iter().chain(&op.new).any(|a| a.repealed);
    if op.blocks.is_empty() && op.old.len() == op.new.len() {
        // Same text: the new article, its number tracked when it changed.
        let mut out = Vec::new();
        for k in 0..op.new.len() {
            let (Some(a), Some(old)) = (get_n(k), op.old.get(k)) else { return replace(op, oi, ni) };
            let mut paras = build::article(a, &a.label);
            if let Some(first) = paras.first_mut()
                && old.label != a.label
                && first.runs.first().is_some_and(|r| r.style == Char::Number)
            {
                let rest = first.runs.split_off(1);
                first.runs.clear();
                text_diff(first, &old.label, &a.label, Char::Number);
                first.runs.extend(rest);
            }
            out.extend(paras);
        }
        return out;
    }
    if repealed || op.blocks.is_empty() {
        return replace(op, oi, ni);
    }
    let styles: SideTexts = (
        (0..op.old.len()).map(|k| get_o(k).map(article_texts).unwrap_or_default()).collect(),
        (0..op.new.len()).map(|k| get_n(k).map(article_texts).unwrap_or_default()).collect(),
    );
    blocks(op, &styles).unwrap_or_else(|| replace(op, oi, ni))
}

/// The old articles deleted, the new ones inserted.
fn replace(op: &ArticleOp, oi: &Index, ni: &Index) -> Vec<Para> {
    let mut out = Vec::new();
    for a in &op.old {
        if let Some((_, ex)) = oi.articles.get(a.id.as_str()) {
            out.extend(build::article(ex, &ex.label).into_iter().map(|p| p.all(Rev::Del)));
        }
    }
    for a in &op.new {
        if let Some((_, ex)) = ni.articles.get(a.id.as_str()) {
            out.extend(build::article(ex, &ex.label).into_iter().map(|p| p.all(Rev::Ins)));
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// The article number starts this block.
    OnBlock,
    /// The number stands on a line of its own before this block.
    Alone,
}

type Leads = HashMap<usize, (Lead, String)>;

/// Where each article's number goes on one side: block index → lead.
fn leads(op: &ArticleOp, old: bool) -> Option<Leads> {
    let refs = if old { &op.old } else { &op.new };
    let mut out = HashMap::new();
    for (k, a) in refs.iter().enumerate() {
        let first = op.blocks.iter().position(|b| side_pos(b, old).is_some_and(|p| p.article == k))?;
        let b = &op.blocks[first];
        let on = b.kind == BlockKind::Heading || (b.kind == BlockKind::Paragraph && !side_text(b, old).is_empty());
        out.insert(first, (if on { Lead::OnBlock } else { Lead::Alone }, a.label.clone()));
    }
    Some(out)
}

fn side_pos(b: &BlockOp, old: bool) -> Option<&charter_diff::BlockPos> {
    if old { b.old.as_ref() } else { b.new.as_ref() }
}

fn side_text(b: &BlockOp, old: bool) -> String {
    b.segments.iter().map(|s| if old { s.old_side() } else { s.new_side() }).collect()
}

/// The characters of a text, each with its character style (bold as
/// Strong, italic as Emphasis, as `build` writes them).
type Styled = Vec<(char, Char)>;

fn styled(t: &ExText) -> Styled {
    fn walk(list: &[ExInline], style: Char, out: &mut Styled) {
        for i in list {
            match i {
                ExInline::Text { text } | ExInline::Code { text } | ExInline::Ref { text, .. } => {
                    out.extend(text.chars().map(|c| (c, style)));
                }
                ExInline::Strong { children } => walk(children, Char::Strong, out),
                ExInline::Emph { children } => walk(children, Char::Emph, out),
            }
        }
    }
    let mut out = Vec::new();
    walk(&t.inlines, Char::Plain, &mut out);
    out
}

/// An article's texts in the order the diff makes them blocks: the
/// heading, then each paragraph followed by its items and sub-items.
fn article_texts(a: &ExArticle) -> Vec<&ExText> {
    let mut out: Vec<&ExText> = a.heading.iter().collect();
    paragraph_texts(&a.paragraphs, &mut out);
    out
}

fn paragraph_texts<'e>(ps: &'e [ExParagraph], out: &mut Vec<&'e ExText>) {
    fn items<'e>(list: &'e [ExItem], out: &mut Vec<&'e ExText>) {
        for it in list {
            out.push(&it.text);
            items(&it.items, out);
        }
    }
    for p in ps {
        out.push(&p.text);
        items(&p.items, out);
    }
}

/// The styled text of each side of block `b`, when the side's text is the
/// one the diff saw (else the block is written without character styles).
fn side_styles(b: &BlockOp, old: Option<&ExText>, new: Option<&ExText>) -> (Option<Styled>, Option<Styled>) {
    let check = |t: Option<&ExText>, is_old: bool| {
        let st = styled(t?);
        let text: String = st.iter().map(|(c, _)| *c).collect();
        (text == side_text(b, is_old)).then_some(st)
    };
    (check(old, true), check(new, false))
}

/// Texts of an operation's articles, per side and article, in block order.
type SideTexts<'e> = (Vec<Vec<&'e ExText>>, Vec<Vec<&'e ExText>>);

/// The article(s) of an operation from its blocks, with the inline edits
/// as revisions. None when the blocks do not say where a number goes.
fn blocks(op: &ArticleOp, texts: &SideTexts) -> Option<Vec<Para>> {
    let lo = leads(op, true)?;
    let ln = leads(op, false)?;
    let mut out = Vec::new();
    // The next block of each article, per side.
    let mut next: (HashMap<usize, usize>, HashMap<usize, usize>) = (HashMap::new(), HashMap::new());
    let mut text_of = |b: &BlockOp, old: bool| -> Option<&ExText> {
        let pos = side_pos(b, old)?;
        let (counter, list) = if old { (&mut next.0, &texts.0) } else { (&mut next.1, &texts.1) };
        let k = counter.entry(pos.article).or_insert(0);
        let t = list.get(pos.article).and_then(|v| v.get(*k)).copied();
        *k += 1;
        t
    };
    for (i, b) in op.blocks.iter().enumerate() {
        let (to, tn) = (text_of(b, true), text_of(b, false));
        let st = side_styles(b, to, tn);
        let alone = |l: &Leads| l.get(&i).filter(|(k, _)| *k == Lead::Alone).map(|(_, s)| s.clone());
        match (alone(&lo), alone(&ln)) {
            (Some(o), Some(n)) => {
                let mut p = Para::new("ArticleHeading");
                text_diff(&mut p, &o, &n, Char::Number);
                out.push(p);
            }
            (Some(o), None) => out.push(number_line(&o).all(Rev::Del)),
            (None, Some(n)) => out.push(number_line(&n).all(Rev::Ins)),
            (None, None) => {}
        }
        let on = |l: &Leads| l.get(&i).filter(|(k, _)| *k == Lead::OnBlock).map(|(_, s)| s.clone());
        let (lead_o, lead_n) = (on(&lo), on(&ln));
        let style = if b.kind == BlockKind::Heading { "ArticleHeading" } else { "Normal" };
        if let Some(p) = block(b, style, ("", ""), lead_o.as_deref(), lead_n.as_deref(), &st) {
            out.push(p);
        }
    }
    Some(out)
}

fn number_line(label: &str) -> Para {
    let mut p = Para::new("ArticleHeading");
    p.push(label, Char::Number, Rev::None);
    p
}

/// One block as a paragraph: on both sides with its edits tracked, or as
/// an inserted or deleted paragraph. `lead_*`: an article number starting
/// it on that side; `wrap`: text around it on both sides (（…）).
fn block(
    b: &BlockOp,
    style: &'static str,
    wrap: (&str, &str),
    lead_o: Option<&str>,
    lead_n: Option<&str>,
    styles: &(Option<Styled>, Option<Styled>),
) -> Option<Para> {
    let mut cur_o = Cursor { styles: styles.0.as_deref(), at: 0 };
    let mut cur_n = Cursor { styles: styles.1.as_deref(), at: 0 };
    let exists = |old: bool, lead: Option<&str>| {
        side_pos(b, old).is_some()
            && (b.kind != BlockKind::Paragraph || lead.is_some() || !side_text(b, old).is_empty())
    };
    let (eo, en) = (exists(true, lead_o), exists(false, lead_n));
    let label = |old: bool| side_pos(b, old).map(|p| p.label.clone()).unwrap_or_default();
    let one_side = |old: bool, lead: Option<&str>| {
        let mut p = Para::new(style);
        if let Some(l) = lead {
            p.push(l, Char::Number, Rev::None);
            p.push("　", Char::Plain, Rev::None);
        }
        p.push(wrap.0, Char::Plain, Rev::None);
        p.push(&label(old), Char::Plain, Rev::None);
        let mut cur = Cursor { styles: if old { styles.0.as_deref() } else { styles.1.as_deref() }, at: 0 };
        cur.push(&mut p, &side_text(b, old), Rev::None);
        p.push(wrap.1, Char::Plain, Rev::None);
        p.all(if old { Rev::Del } else { Rev::Ins })
    };
    match (eo, en) {
        (false, false) => None,
        (true, false) => Some(one_side(true, lead_o)),
        (false, true) => Some(one_side(false, lead_n)),
        (true, true) => {
            let mut p = Para::new(style);
            match (lead_o, lead_n) {
                (Some(o), Some(n)) => {
                    text_diff(&mut p, o, n, Char::Number);
                    p.push("　", Char::Plain, Rev::None);
                }
                (Some(o), None) => {
                    p.push(o, Char::Number, Rev::Del);
                    p.push("　", Char::Plain, Rev::Del);
                }
                (None, Some(n)) => {
                    p.push(n, Char::Number, Rev::Ins);
                    p.push("　", Char::Plain, Rev::Ins);
                }
                (None, None) => {}
            }
            p.push(wrap.0, Char::Plain, Rev::None);
            text_diff(&mut p, &label(true), &label(false), Char::Plain);
            for s in &b.segments {
                match s.op {
                    SegOp::Equal => match &s.old_text {
                        Some(ot) if *ot != s.text => {
                            let style = cur_n.style();
                            cur_o.skip(ot);
                            cur_n.skip(&s.text);
                            text_diff(&mut p, ot, &s.text, style);
                        }
                        _ => {
                            cur_o.skip(&s.text);
                            cur_n.push(&mut p, &s.text, Rev::None);
                        }
                    },
                    SegOp::Delete => cur_o.push(&mut p, &s.text, Rev::Del),
                    SegOp::Insert => cur_n.push(&mut p, &s.text, Rev::Ins),
                }
            }
            p.push(wrap.1, Char::Plain, Rev::None);
            Some(p)
        }
    }
}

/// Walks one side's styled text along the segments of a block.
struct Cursor<'s> {
    styles: Option<&'s [(char, Char)]>,
    at: usize,
}

impl Cursor<'_> {
    /// The style at the cursor (plain without styles).
    fn style(&self) -> Char {
        self.styles.and_then(|s| s.get(self.at)).map_or(Char::Plain, |(_, c)| *c)
    }
    fn skip(&mut self, text: &str) {
        self.at += text.chars().count();
    }
    /// Push `text` (the side's next characters) in their styles.
    fn push(&mut self, p: &mut Para, text: &str, rev: Rev) {
        let mut run = String::new();
        let mut style = self.style();
        for c in text.chars() {
            let s = self.style();
            if s != style && !run.is_empty() {
                p.push(&run, style, rev);
                run.clear();
            }
            style = s;
            run.push(c);
            self.at += 1;
        }
        p.push(&run, style, rev);
    }
}

/// Title, status, history and preamble: from the diff's metadata edits
/// where a field changed, else the new draft's.
fn front(d: &Diff, oe: &Export, ne: &Export) -> Vec<Para> {
    let mut out = Vec::new();
    let op = |f: &str| d.meta.iter().find(|m| m.field == f);
    let new_front = build::front(ne);
    let plain = |style: &str| new_front.iter().filter(|p| p.style == style).cloned().collect::<Vec<_>>();
    let field = |out: &mut Vec<Para>, f: &str, style: &'static str, wrap: (&str, &str)| match op(f) {
        Some(m) => out.extend(m.blocks.iter().filter_map(|b| block(b, style, wrap, None, None, &(None, None)))),
        None => out.extend(plain(style)),
    };
    field(&mut out, "title", "Title", ("", ""));
    field(&mut out, "status", "Subtitle", ("（", "）"));
    field(&mut out, "history", "History", ("（", "）"));
    let (po, pn) = (!oe.preamble.is_empty(), !ne.preamble.is_empty());
    if po || pn {
        let h = line("PreambleHeading", build::PREAMBLE);
        out.push(match (po, pn) {
            (true, false) => h.all(Rev::Del),
            (false, true) => h.all(Rev::Ins),
            _ => h,
        });
    }
    match op("preamble") {
        Some(m) => {
            // The preamble's paragraphs and items, per side, in block order.
            let (mut ot, mut nt) = (Vec::new(), Vec::new());
            paragraph_texts(&oe.preamble, &mut ot);
            paragraph_texts(&ne.preamble, &mut nt);
            let (mut i, mut j) = (0, 0);
            for b in &m.blocks {
                let to = b.old.as_ref().and_then(|_| ot.get(i).copied());
                let tn = b.new.as_ref().and_then(|_| nt.get(j).copied());
                i += usize::from(b.old.is_some());
                j += usize::from(b.new.is_some());
                out.extend(block(b, "Normal", ("", ""), None, None, &side_styles(b, to, tn)));
            }
        }
        None => {
            let mut skip = true;
            for p in new_front {
                if p.style == "PreambleHeading" {
                    skip = false;
                    continue;
                }
                if !skip {
                    out.push(p);
                }
            }
        }
    }
    out
}
