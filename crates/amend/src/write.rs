//! The decision written from two drafts: the diff's aligned articles
//! become items in the smallest faithful wording, checked by applying them.

use std::collections::{BTreeMap, HashMap};

use charter_core::numerals;
use charter_diff::{ArticleChange, BlockChange, BlockKind, Diff, DivisionChange, SegOp};

use charter_core::punct::halfwidth_marks;

use crate::apply::{apply, apply_edits, art_to_qart, block_to_qblock, full_width_throughout, replace_throughout};
use crate::decision::{Addr, Decision, Edit, Item, Op, QBlock, SCHEMA, render_op};
use crate::doc::{Art, Block, Doc, PText};

/// Options of the decision: who adopts it, and when.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    /// The adopting body and meeting (哈尔滨音乐学院第二次学生代表大会第一次会议).
    pub body: Option<String>,
    pub date: Option<String>,
}

/// The decision and whether applying it to the old draft gives the new one.
#[derive(Debug)]
pub struct Written {
    pub decision: Decision,
    /// Applying the decision reproduces the new draft's printed text.
    pub verified: bool,
}

fn articles_text(a: &Art) -> String {
    let mut s = String::new();
    if let Some(h) = &a.heading {
        s.push_str(&h.printed);
        s.push('\n');
    }
    fn walk(b: &Block, s: &mut String) {
        s.push_str(&b.text.printed);
        s.push('\n');
        for i in &b.items {
            walk(i, s);
        }
    }
    for p in &a.paragraphs {
        walk(p, &mut s);
    }
    s
}

/// The same text: printed alike, or the same YAML source (its `[[id]]`
/// citations print other numbers after renumbering, and follow by
/// themselves: no item).
fn same_text(a: &PText, b: &PText) -> bool {
    a.printed == b.printed || a.raw.is_some() && a.raw == b.raw
}

fn same_block(a: &Block, b: &Block) -> bool {
    same_text(&a.text, &b.text)
        && a.items.len() == b.items.len()
        && a.items.iter().zip(&b.items).all(|(x, y)| same_block(x, y))
}

fn same_article(a: &Art, b: &Art) -> bool {
    let heading = match (&a.heading, &b.heading) {
        (Some(x), Some(y)) => same_text(x, y),
        (None, None) => true,
        _ => false,
    };
    heading
        && a.repealed == b.repealed
        && a.paragraphs.len() == b.paragraphs.len()
        && a.paragraphs.iter().zip(&b.paragraphs).all(|(x, y)| same_block(x, y))
}

/// Two documents with the same text and structure: title, articles in
/// order (by [`same_article`]), each in divisions of the same labels and
/// titles.
pub fn same_doc(a: &Doc, b: &Doc) -> bool {
    if a.title != b.title || a.articles.len() != b.articles.len() {
        return false;
    }
    let (la, lb) = (a.division_labels(), b.division_labels());
    let (ma, mb): (HashMap<&str, &str>, HashMap<&str, &str>) = (
        la.iter().map(|(i, l)| (i.as_str(), l.as_str())).collect(),
        lb.iter().map(|(i, l)| (i.as_str(), l.as_str())).collect(),
    );
    let (ta, tb): (HashMap<&str, &str>, HashMap<&str, &str>) = (
        a.divisions.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect(),
        b.divisions.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect(),
    );
    let path = |p: &[String], m: &HashMap<&str, &str>, t: &HashMap<&str, &str>| -> Vec<(String, String)> {
        p.iter()
            .map(|id| {
                (
                    m.get(id.as_str()).copied().unwrap_or("").to_string(),
                    t.get(id.as_str()).copied().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    a.articles
        .iter()
        .zip(&b.articles)
        .all(|(x, y)| same_article(x, y) && path(&x.path, &ma, &ta) == path(&y.path, &mb, &tb))
}

/// Counters walking the blocks of one side of an article.
#[derive(Default, Clone, Copy)]
struct Walk {
    para: u32,
    item: u32,
    sub: u32,
}

impl Walk {
    fn step(&mut self, kind: BlockKind) -> Option<(u32, u32, u32)> {
        match kind {
            BlockKind::Heading => return None,
            BlockKind::Paragraph => {
                self.para += 1;
                self.item = 0;
                self.sub = 0;
            }
            BlockKind::Item => {
                self.item += 1;
                self.sub = 0;
            }
            BlockKind::Subitem => self.sub += 1,
        }
        Some((self.para, self.item, self.sub))
    }
}

fn addr((para, item, sub): (u32, u32, u32), paragraphs: usize) -> Addr {
    Addr { para, item, sub, named: paragraphs > 1 }
}

fn block_at<'a>(a: &'a Art, at: &Addr) -> Option<&'a Block> {
    let p = a.paragraphs.get(at.para.checked_sub(1)? as usize)?;
    if at.item == 0 {
        return Some(p);
    }
    let i = p.items.get(at.item as usize - 1)?;
    if at.sub == 0 {
        return Some(i);
    }
    i.items.get(at.sub as usize - 1)
}

/// Characters that delimit phrases: punctuation and spaces.
pub fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || "，。；：、！？“”‘’（）《》〈〉【】「」…—·".contains(c)
}

/// Function words that stand between words (的、和、与; not 及 or 或, as
/// in 及时, 或者).
const PARTICLES: &str = "的和与";

/// Whether a quotation may start or end at char position `p` of `text`:
/// at a delimiter or function word, between a Latin run (digits, letters)
/// and Chinese, at the edge of a glossary term and never inside one
/// (`terms`: char ranges of their occurrences).
pub fn is_phrase_boundary(text: &[char], p: usize, terms: &[(usize, usize)]) -> bool {
    if p == 0 || p >= text.len() {
        return true;
    }
    if terms.iter().any(|&(s, e)| s < p && p < e) {
        return false;
    }
    if terms.iter().any(|&(s, e)| s == p || e == p) {
        return true;
    }
    let (a, b) = (text[p - 1], text[p]);
    is_delimiter(a)
        || is_delimiter(b)
        || PARTICLES.contains(a)
        || PARTICLES.contains(b)
        || a.is_ascii_alphanumeric() != b.is_ascii_alphanumeric()
}

/// Char ranges of the occurrences of `terms` in `text`.
pub fn term_ranges(text: &[char], terms: &[Vec<char>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for t in terms.iter().filter(|t| t.len() > 1) {
        let mut i = 0;
        while i + t.len() <= text.len() {
            if text[i..i + t.len()] == t[..] {
                out.push((i, i + t.len()));
                i += t.len();
            } else {
                i += 1;
            }
        }
    }
    out
}

/// One change of a block's text: old chars `o` become new chars `n`.
#[derive(Clone, Copy, Debug)]
struct Change {
    o: (usize, usize),
    n: (usize, usize),
}

/// The old and new text of a block and its changes, from the inline diff.
fn changes(segs: &[(SegOp, String)]) -> (Vec<char>, Vec<char>, Vec<Change>) {
    let (mut old, mut new, mut out) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while i < segs.len() {
        if segs[i].0 == SegOp::Equal {
            old.extend(segs[i].1.chars());
            new.extend(segs[i].1.chars());
            i += 1;
            continue;
        }
        let (os, ns) = (old.len(), new.len());
        while i < segs.len() && segs[i].0 != SegOp::Equal {
            match segs[i].0 {
                SegOp::Delete => old.extend(segs[i].1.chars()),
                _ => new.extend(segs[i].1.chars()),
            }
            i += 1;
        }
        out.push(Change { o: (os, old.len()), n: (ns, new.len()) });
    }
    // An insertion (deletion) ending with the delimiter just before it
    // reads better as that delimiter followed by the rest: “甲、”+“乙、”
    // is “甲”+“、乙”.
    for k in 0..out.len() {
        let c = out[k];
        let lo = if k == 0 { 0 } else { out[k - 1].o.1 };
        let (side, range) = if c.o.0 == c.o.1 {
            (&new, c.n)
        } else if c.n.0 == c.n.1 {
            (&old, c.o)
        } else {
            continue;
        };
        let (mut a, mut b, mut o) = (range.0, range.1, c.o.0.min(c.o.1));
        while b > a && o > lo && a > 0 && side[b - 1] == old[o - 1] && is_delimiter(old[o - 1]) {
            a -= 1;
            b -= 1;
            o -= 1;
        }
        let shift = range.0 - a;
        out[k] = Change { o: (c.o.0 - shift, c.o.1 - shift), n: (c.n.0 - shift, c.n.1 - shift) };
    }
    (old, new, out)
}

/// A quoted fragment: a run of changes widened by equal context, `l`
/// chars before the first change and `r` after the last.
#[derive(Clone, Copy, Debug)]
struct Frag {
    first: usize,
    last: usize,
    l: usize,
    r: usize,
}

impl Frag {
    fn old_side(&self, ch: &[Change]) -> (usize, usize) {
        (ch[self.first].o.0 - self.l, ch[self.last].o.1 + self.r)
    }
    fn new_side(&self, ch: &[Change]) -> (usize, usize) {
        (ch[self.first].n.0 - self.l, ch[self.last].n.1 + self.r)
    }
}

/// Word edits turning one block's old text into its new text, each
/// quotation a natural unit: widened to phrase boundaries (never inside a
/// glossary term), holding at least one word (not only punctuation), and
/// widened further until it occurs exactly once in the article (else once
/// in the block, scoped 第二款中的). Fragments that meet are merged.
/// Empty when no such wording exists.
fn word_edits(
    segs: &[(SegOp, String)],
    scope_article: &str,
    scope_block: &str,
    at: Addr,
    terms: &[Vec<char>],
) -> Vec<Edit> {
    let (old, new, ch) = changes(segs);
    if ch.is_empty() {
        return Vec::new();
    }
    let inside = term_ranges(&old, terms);
    let bound = |p: usize| is_phrase_boundary(&old, p, &inside);
    let words = |s: &[char]| s.iter().any(|c| !is_delimiter(*c));
    let frags: Vec<Frag> = (0..ch.len()).map(|k| Frag { first: k, last: k, l: 0, r: 0 }).collect();
    // Grow one side of a fragment to the next phrase boundary; false
    // when it cannot grow (the block's edge).
    let grow = |f: &mut Frag, left: bool| -> bool {
        let (s, e) = f.old_side(&ch);
        if left {
            if s == 0 {
                return false;
            }
            // Past the delimiters next to it, to the next boundary.
            let mut p = s - 1;
            while p > 0 && (!bound(p) || !words(&old[p..s])) {
                p -= 1;
            }
            f.l += s - p;
        } else {
            if e >= old.len() {
                return false;
            }
            let mut p = e + 1;
            while p < old.len() && (!bound(p) || !words(&old[e..p])) {
                p += 1;
            }
            f.r += p - e;
        }
        true
    };
    // Merge fragments that meet or overlap.
    let merge = |frags: Vec<Frag>| -> Vec<Frag> {
        let mut out: Vec<Frag> = Vec::new();
        for f in frags {
            if let Some(p) = out.last_mut() {
                if p.old_side(&ch).1 >= f.old_side(&ch).0 {
                    let end = f.old_side(&ch).1.max(p.old_side(&ch).1);
                    p.last = f.last;
                    p.r = end - ch[f.last].o.1;
                    continue;
                }
            }
            out.push(f);
        }
        out
    };
    // Grow every fragment until `ok`, merging those that meet; None when
    // one cannot grow any more.
    let settle = |frags: Vec<Frag>, ok: &dyn Fn(&Frag) -> bool| -> Option<Vec<Frag>> {
        let mut frags = merge(frags);
        let mut k = 0;
        'outer: while k < frags.len() {
            let mut f = frags[k];
            let mut turn = 0;
            loop {
                let next = k + 1 < frags.len() && f.old_side(&ch).1 >= frags[k + 1].old_side(&ch).0;
                let prev = k > 0 && frags[k - 1].old_side(&ch).1 >= f.old_side(&ch).0;
                if next || prev {
                    frags[k] = f;
                    frags = merge(frags);
                    k = k.saturating_sub(1);
                    continue 'outer;
                }
                if ok(&f) {
                    break;
                }
                // The phrase before first (在“A”后增加), then after, in turn.
                let left = turn % 2 == 0;
                let grown = grow(&mut f, left) || grow(&mut f, !left);
                turn += 1;
                if !grown {
                    return None;
                }
            }
            frags[k] = f;
            k += 1;
        }
        Some(frags)
    };
    let text = |f: &Frag| -> (String, String) {
        let ((s, e), (ns, ne)) = (f.old_side(&ch), f.new_side(&ch));
        (old[s..e].iter().collect(), new[ns..ne].iter().collect())
    };
    // 1. Phrase boundaries on both sides, and at least one word quoted.
    let phrase = |f: &Frag| {
        let ((s, e), (ns, ne)) = (f.old_side(&ch), f.new_side(&ch));
        bound(s) && bound(e) && e > s && words(&old[s..e]) && (ne == ns || words(&new[ns..ne]))
    };
    let Some(frags) = settle(frags, &phrase) else { return Vec::new() };
    // 2. Occurring once in the article, or else once in the block.
    let once = |f: &Frag| {
        let (from, _) = text(f);
        scope_article.matches(&from).count() == 1 || scope_block.matches(&from).count() == 1
    };
    let Some(frags) = settle(frags, &once) else { return Vec::new() };
    frags
        .iter()
        .map(|f| {
            let (from, to) = text(f);
            let at = if scope_article.matches(&from).count() == 1 { None } else { Some(at) };
            Edit::Words { at, from, to }
        })
        .collect()
}

/// Reading a word edit costs its wording plus the search for its place:
/// each further edit in the same block counts as this many characters.
const PLACE_COST: usize = 12;

/// What a list of edits costs to read (see [`PLACE_COST`]); a quotation
/// running over the end of a sentence (“……机关。教学系……”) reads as badly
/// as two more places.
fn reading_cost(edits: &[Edit]) -> usize {
    let spans = |e: &Edit| match e {
        Edit::Words { from, .. } => {
            let inner: String = from.chars().rev().skip(1).collect();
            usize::from(inner.contains(['。', '；', '！', '？']))
        }
        _ => 0,
    };
    edits.iter().map(|e| edit_len(e) + 2 * PLACE_COST * spans(e)).sum::<usize>()
        + PLACE_COST * edits.len().saturating_sub(1)
}

fn edit_len(e: &Edit) -> usize {
    render_op(&Op::Edit { article: 1, renumber: None, edits: vec![e.clone()] }).chars().count()
}

/// Edits turning old article `oa` into `na`, from the diff's block ops.
fn article_edits(oa: &Art, na: &Art, blocks: &[charter_diff::BlockOp], label: &str, terms: &[Vec<char>]) -> Vec<Edit> {
    let whole = vec![Edit::Whole { article: art_to_qart(na) }];
    let (mut ow, mut nw) = (Walk::default(), Walk::default());
    let mut edits: Vec<Edit> = Vec::new();
    let full = articles_text(oa);
    // Paragraphs / items added or deleted whole: their children fold in.
    let mut added_parent: Option<Addr> = None;
    let mut deleted_parent: Option<Addr> = None;
    for b in blocks {
        let o = b.old.as_ref().and_then(|_| ow.step(b.kind)).map(|p| addr(p, oa.paragraphs.len()));
        let n = b.new.as_ref().and_then(|_| nw.step(b.kind)).map(|p| addr(p, na.paragraphs.len()));
        if b.kind == BlockKind::Heading {
            if b.op != BlockChange::Equal {
                match &na.heading {
                    Some(h) => edits.push(Edit::Heading { text: h.printed.clone() }),
                    None => return whole,
                }
            }
            continue;
        }
        match b.op {
            BlockChange::Equal | BlockChange::Modified => {
                // Compared again: OLD may have had replacements throughout.
                let (Some(o), Some(n)) = (o, n) else { return whole };
                let Some(nb) = block_at(na, &n) else { return whole };
                let Some(ob) = block_at(oa, &o) else { return whole };
                if same_text(&ob.text, &nb.text) {
                    continue;
                }
                let restate = Edit::Block { at: o, block: QBlock { text: nb.text.printed.clone(), items: Vec::new() } };
                let segs = char_segments(&ob.text.printed, &nb.text.printed);
                let words = word_edits(&segs, &full, &ob.text.printed, o, terms);
                if !words.is_empty() && reading_cost(&words) <= edit_len(&restate) {
                    edits.extend(words);
                } else {
                    edits.push(restate);
                }
            }
            BlockChange::Added => {
                let Some(n) = n else { return whole };
                if added_parent.is_some_and(|p| p.para == n.para && (p.item == 0 || (p.item == n.item && n.sub > 0))) {
                    continue;
                }
                let Some(nb) = block_at(na, &n) else { return whole };
                added_parent = Some(n);
                edits.push(Edit::AddBlock { at: n, block: block_to_qblock(nb) });
            }
            BlockChange::Deleted => {
                let Some(o) = o else { return whole };
                if deleted_parent.is_some_and(|p| p.para == o.para && (p.item == 0 || (p.item == o.item && o.sub > 0)))
                {
                    continue;
                }
                deleted_parent = Some(o);
                edits.push(Edit::DeleteBlock { at: o });
            }
        }
    }
    // Checked: the edits must give the new article exactly.
    let mut trial = oa.clone();
    if edits.is_empty() || apply_edits(&mut trial, &edits, label).is_err() || !same_article(&trial, na) {
        return whole;
    }
    if reading_cost(&edits) >= edit_len(&whole[0]) { whole } else { edits }
}

/// (chapter number, number) of a division label 第四章第一节 / 第七章.
fn label_numbers(label: &str) -> Option<(Option<u32>, u32)> {
    let nums: Vec<u32> = label
        .split('第')
        .filter(|s| !s.is_empty())
        .filter_map(|s| numerals::parse(s.trim_end_matches(['编', '章', '节', '分'])))
        .collect();
    match nums.as_slice() {
        [n] => Some((None, *n)),
        [.., p, n] => Some((Some(*p), *n)),
        [] => None,
    }
}

/// The items (with their sort keys) turning `old` into `new`; `old` may
/// have had replacements throughout applied already (same articles).
fn build_items(old: &Doc, new: &Doc, diff: &Diff, terms: &[Vec<char>]) -> Vec<((u32, u32), Vec<Op>)> {
    let opos: HashMap<&str, u32> =
        old.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i as u32 + 1)).collect();
    let npos: HashMap<&str, u32> =
        new.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i as u32 + 1)).collect();
    let oart = |id: &str| opos.get(id).map(|k| &old.articles[*k as usize - 1]);
    let nart = |id: &str| npos.get(id).map(|k| &new.articles[*k as usize - 1]);

    // Which 1:1 pairs are out of order: not on the longest increasing run.
    let pairs: Vec<(u32, u32)> = diff
        .articles
        .iter()
        .filter(|op| !op.old.is_empty() && !op.new.is_empty())
        .filter_map(|op| Some((*opos.get(op.old[0].id.as_str())?, *npos.get(op.new[0].id.as_str())?)))
        .collect();
    let in_order = lis(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let out_of_order: std::collections::BTreeSet<u32> =
        pairs.iter().zip(&in_order).filter(|(_, k)| !**k).map(|(p, _)| p.0).collect();

    // (sort key, ops)
    let mut items: Vec<((u32, u32), Vec<Op>)> = Vec::new();
    for op in &diff.articles {
        let olds: Vec<u32> = op.old.iter().filter_map(|r| opos.get(r.id.as_str()).copied()).collect();
        let news: Vec<u32> = op.new.iter().filter_map(|r| npos.get(r.id.as_str()).copied()).collect();
        let key = (news.first().copied().or(olds.first().copied()).unwrap_or(0), 1);
        match op.op {
            ArticleChange::Unchanged | ArticleChange::Renumbered | ArticleChange::Moved | ArticleChange::Modified => {
                let ([o], [n]) = (olds.as_slice(), news.as_slice()) else { continue };
                let (Some(oa), Some(na)) = (oart(&op.old[0].id), nart(&op.new[0].id)) else { continue };
                let mut ops = Vec::new();
                if out_of_order.contains(o) {
                    ops.push(Op::Move { article: *o, number: *n });
                }
                if !same_article(oa, na) {
                    let edits = article_edits(oa, na, &op.blocks, &format!("第{}条", numerals::to_chinese(*o)), terms);
                    let renumber = (o != n && !out_of_order.contains(o)).then_some(*n);
                    ops.push(Op::Edit { article: *o, renumber, edits });
                }
                if !ops.is_empty() {
                    items.push((key, ops));
                }
            }
            ArticleChange::Added => {
                for r in &op.new {
                    if let (Some(k), Some(a)) = (npos.get(r.id.as_str()), nart(&r.id)) {
                        items.push(((*k, 1), vec![Op::Add { number: *k, article: art_to_qart(a) }]));
                    }
                }
            }
            ArticleChange::Deleted => {
                for r in &op.old {
                    if let Some(k) = opos.get(r.id.as_str()) {
                        items.push((key, vec![Op::Delete { article: *k }]));
                    }
                }
            }
            ArticleChange::Split => {
                let Some(o) = olds.first() else { continue };
                let pieces = op.new.iter().filter_map(|r| nart(&r.id)).map(art_to_qart).collect();
                items.push((key, vec![Op::Split { article: *o, numbers: news.clone(), pieces }]));
            }
            ArticleChange::Merged => {
                let (Some(n), Some(a)) = (news.first(), op.new.first().and_then(|r| nart(&r.id))) else { continue };
                items.push((key, vec![Op::Merge { articles: olds.clone(), number: *n, article: art_to_qart(a) }]));
            }
        }
    }
    // Divisions.
    let old_labels = old.division_labels();
    let new_labels = new.division_labels();
    for dv in &diff.divisions {
        match dv.op {
            DivisionChange::Added => {
                let Some(r) = &dv.new else { continue };
                let inside: Vec<u32> = new
                    .articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.path.contains(&r.id))
                    .map(|(i, _)| i as u32 + 1)
                    .collect();
                let (Some(first), Some(last)) = (inside.first(), inside.last()) else { continue };
                let label = new_labels.iter().find(|(i, _)| *i == r.id).map(|(_, l)| l.as_str()).unwrap_or("");
                let Some((parent, number)) = label_numbers(label) else { continue };
                items.push((
                    (*last, 2),
                    vec![Op::DivisionAdd {
                        level: dv.level,
                        parent,
                        number,
                        title: r.title.clone(),
                        first: *first,
                        last: *last,
                    }],
                ));
            }
            DivisionChange::Renamed | DivisionChange::Deleted => {
                let Some(r) = &dv.old else { continue };
                let label = old_labels.iter().find(|(i, _)| *i == r.id).map(|(_, l)| l.as_str()).unwrap_or("");
                let Some((parent, number)) = label_numbers(label) else { continue };
                let first = old.articles.iter().position(|a| a.path.contains(&r.id)).unwrap_or(0) as u32 + 1;
                let op = if dv.op == DivisionChange::Deleted {
                    Op::DivisionDelete { level: dv.level, parent, number }
                } else {
                    let title = dv.new.as_ref().map(|n| n.title.clone()).unwrap_or_default();
                    Op::DivisionRename { level: dv.level, parent, number, title }
                };
                items.push(((first, 0), vec![op]));
            }
            _ => {}
        }
    }
    if old.title != new.title {
        items.push(((0, 0), vec![Op::Title { text: new.title.clone() }]));
    }
    items.sort_by_key(|(k, _)| *k);
    items
}

/// Write the decision turning `old` into `new`.
pub fn write(old: &Doc, new: &Doc, diff: &Diff, meta: &Meta) -> Written {
    // Glossary terms (names and short forms, old and new): never split.
    let mut terms: Vec<Vec<char>> = old
        .terms
        .iter()
        .chain(&new.terms)
        .flat_map(|t| std::iter::once(&t.name).chain(&t.short).chain(&t.wrong))
        .map(|n| n.chars().collect())
        .collect();
    terms.sort();
    terms.dedup();
    let decision_of = |items: Vec<((u32, u32), Vec<Op>)>, globals: &[(String, String)], punct: bool| {
        let mut list: Vec<Vec<Op>> = items.into_iter().map(|(_, ops)| ops).collect();
        // Replacements throughout last (as the NPC does), longer first.
        let mut g = globals.to_vec();
        g.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        list.extend(g.into_iter().map(|(from, to)| vec![Op::Global { from, to }]));
        if punct {
            list.push(vec![Op::Punctuation]);
        }
        Decision {
            schema: SCHEMA,
            script: old.script,
            title: old.title.clone(),
            body: meta.body.clone().unwrap_or_else(|| old.script.words("学生代表大会").into_owned()),
            date: meta.date.clone().or_else(|| new.date.clone()),
            items: list.into_iter().enumerate().map(|(i, ops)| Item { no: i + 1, ops, span: None }).collect(),
        }
    };
    let mut decision = decision_of(build_items(old, new, diff, &terms), &[], false);
    let ok = |d: &Decision| apply(old, d, None).is_ok_and(|doc| same_doc(&doc, new));
    let cost = |d: &Decision| d.to_text().chars().count();
    // A term replaced throughout: one item instead of one per article, when
    // the decision still gives NEW and reads shorter. The replacements
    // apply to the old text first; the other items are written against
    // the text as they leave it.
    let mut globals: Vec<(String, String)> = Vec::new();
    if !ok(&decision) {
        let verified = false;
        return Written { decision, verified };
    }
    let mut best = cost(&decision);
    // Articles the same in both drafts: a replacement throughout must not
    // touch them.
    let opos: HashMap<&str, usize> = old.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let npos: HashMap<&str, usize> = new.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut same = vec![false; old.articles.len()];
    for op in &diff.articles {
        if let ([o], [n]) = (op.old.as_slice(), op.new.as_slice())
            && let (Some(&i), Some(&j)) = (opos.get(o.id.as_str()), npos.get(n.id.as_str()))
        {
            same[i] = same_article(&old.articles[i], &new.articles[j]);
        }
    }
    // Half-width punctuation made full-width throughout: one item
    // (将本章程中的半角标点符号统一修改为相应的全角标点符号) instead of one per
    // mark, when NEW has none left (so the normalisation converts no mark
    // NEW keeps), the decision still gives NEW and reads shorter. It
    // applies to the old text first, before the replacements throughout.
    let mut start = old.clone();
    let mut punct = false;
    if !new.articles.iter().any(|a| article_blocks(a).iter().any(|t| !halfwidth_marks(&t.printed).is_empty()))
        && full_width_throughout(&mut start.articles) > 0
    {
        let trial = decision_of(build_items(&start, new, diff, &terms), &[], true);
        let c = cost(&trial);
        if c < best && ok(&trial) {
            decision = trial;
            best = c;
            punct = true;
        }
    }
    if !punct {
        start = old.clone();
    }
    for cand in global_candidates(&start, new, diff, &terms) {
        if start
            .articles
            .iter()
            .zip(&same)
            .any(|(a, s)| *s && article_blocks(a).iter().any(|t| t.printed.contains(&cand.0)))
        {
            continue;
        }
        let mut g = globals.clone();
        g.push(cand);
        let mut base = start.clone();
        if replace_throughout(&mut base.articles, &g).contains(&0) {
            continue;
        }
        let trial = decision_of(build_items(&base, new, diff, &terms), &g, punct);
        let c = cost(&trial);
        if c < best && ok(&trial) {
            decision = trial;
            globals = g;
            best = c;
        }
    }
    // A citation that only follows the renumbering is no item: `apply`
    // renumbers plain-text citations of the text itself (本法第八条) that no
    // item edits. Drop such edits, one by one, when the decision still gives
    // NEW without them.
    let places: Vec<(usize, usize, usize)> = decision
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, it)| {
            it.ops.iter().enumerate().flat_map(move |(o, op)| {
                let edits: &[Edit] = match op {
                    Op::Edit { edits, .. } => edits,
                    _ => &[],
                };
                edits.iter().enumerate().filter_map(move |(e, x)| match x {
                    Edit::Words { from, to, .. } if only_numbers_differ(from, to) => Some((i, o, e)),
                    _ => None,
                })
            })
        })
        .collect();
    // From the end, so that the places before stay valid.
    for (i, o, e) in places.into_iter().rev() {
        let mut trial = decision.clone();
        if let Op::Edit { edits, .. } = &mut trial.items[i].ops[o] {
            edits.remove(e);
        }
        trial.items[i].ops.retain(|op| !matches!(op, Op::Edit { edits, renumber: None, .. } if edits.is_empty()));
        if let Some(Op::Edit { edits, renumber: Some(_), .. }) = trial.items[i].ops.get(o)
            && edits.is_empty()
        {
            // Only renumbered: no item at all.
            trial.items[i].ops.remove(o);
        }
        if trial.items[i].ops.is_empty() {
            trial.items.remove(i);
        }
        for (k, it) in trial.items.iter_mut().enumerate() {
            it.no = k + 1;
        }
        if ok(&trial) {
            decision = trial;
        }
    }
    // The same word edit in several articles: one item listing them (as
    // the NPC's 将第二十四条、第二十九条第三款中的“A”修改为“B”).
    let single = |it: &Item| match it.ops.as_slice() {
        [Op::Edit { edits, .. }] => match edits.as_slice() {
            [Edit::Words { from, to, .. }] if !to.is_empty() => Some((from.clone(), to.clone())),
            _ => None,
        },
        _ => None,
    };
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (k, it) in decision.items.iter().enumerate() {
        if let Some(p) = single(it) {
            groups.entry(p).or_default().push(k);
        }
    }
    let lists: Vec<Vec<usize>> = groups.into_values().filter(|v| v.len() > 1).collect();
    if !lists.is_empty() {
        let mut trial = decision.clone();
        let mut gone = vec![false; trial.items.len()];
        for list in &lists {
            let ops: Vec<Op> = list
                .iter()
                .flat_map(|k| decision.items[*k].ops.iter().cloned())
                .map(|op| match op {
                    Op::Edit { article, edits, .. } => Op::Edit { article, renumber: None, edits },
                    other => other,
                })
                .collect();
            trial.items[list[0]].ops = ops;
            for k in &list[1..] {
                gone[*k] = true;
            }
        }
        let mut k = 0;
        trial.items.retain(|_| {
            k += 1;
            !gone[k - 1]
        });
        for (i, it) in trial.items.iter_mut().enumerate() {
            it.no = i + 1;
        }
        if ok(&trial) {
            decision = trial;
        }
    }
    let verified = ok(&decision);
    Written { decision, verified }
}

/// Two texts that differ only in the numerals of citations (第八条 → 第十一条).
fn only_numbers_differ(from: &str, to: &str) -> bool {
    const NUM: &str = "零〇一二两三四五六七八九十百千";
    let strip = |s: &str| s.chars().filter(|c| !NUM.contains(*c)).collect::<String>();
    from != to && from.contains('第') && strip(from) == strip(to)
}

/// Candidates for replacements throughout: changes (old text → new text)
/// found in at least two articles (three for a single character), each
/// widened to the longest context common to all its places — so that an
/// insertion (宪法和 before 法律委员会) becomes the whole term
/// (“法律委员会” → “宪法和法律委员会”) — within the phrase. The most
/// frequent first.
fn global_candidates(old: &Doc, new: &Doc, diff: &Diff, terms: &[Vec<char>]) -> Vec<(String, String)> {
    let opos: HashMap<&str, usize> = old.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let npos: HashMap<&str, usize> = new.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    // (deleted, inserted) → (articles, left contexts, right contexts)
    type Places = (std::collections::BTreeSet<usize>, Vec<Vec<char>>, Vec<Vec<char>>);
    let mut groups: BTreeMap<(String, String), Places> = BTreeMap::new();
    for op in &diff.articles {
        let ([o], [n]) = (op.old.as_slice(), op.new.as_slice()) else { continue };
        let (Some(&oi), Some(&ni)) = (opos.get(o.id.as_str()), npos.get(n.id.as_str())) else { continue };
        let (oa, na) = (&old.articles[oi], &new.articles[ni]);
        let (ob, nb) = (article_blocks(oa), article_blocks(na));
        if ob.len() != nb.len() {
            continue;
        }
        for (x, y) in ob.iter().zip(&nb) {
            if same_text(x, y) {
                continue;
            }
            let (x, y) = (&x.printed, &y.printed);
            let segs = char_segments(x, y);
            let (oc, nc, ch) = changes(&segs);
            for c in &ch {
                let del: String = oc[c.o.0..c.o.1].iter().collect();
                let ins: String = nc[c.n.0..c.n.1].iter().collect();
                // Context within the phrase: up to the nearest delimiter.
                let lstart = oc[..c.o.0].iter().rposition(|c| is_delimiter(*c)).map_or(0, |p| p + 1);
                let left: Vec<char> = oc[lstart..c.o.0].to_vec();
                let right: Vec<char> = oc[c.o.1..].iter().take_while(|c| !is_delimiter(**c)).copied().collect();
                let e = groups.entry((del, ins)).or_default();
                e.0.insert(oi);
                e.1.push(left);
                e.2.push(right);
            }
        }
    }
    let mut out: Vec<((String, String), usize)> = Vec::new();
    for ((del, ins), (arts, lefts, rights)) in groups {
        if arts.len() < 2 {
            continue;
        }
        // A context of one character is a fragment of a word (会 of
        // 学生会、研究生会): none rather than that.
        let word = |v: Vec<char>| if v.len() < 2 { Vec::new() } else { v };
        let mut l = word(common_suffix(&lefts));
        let mut r = word(common_prefix(&rights));
        // A glossary term around the change: quote it whole and no more.
        for t in terms {
            let ts: String = t.iter().collect();
            let lc: String = l.iter().collect();
            let rc: String = r.iter().collect();
            let around = format!("{lc}{del}{rc}");
            if let Some(k) = around.find(ts.as_str()) {
                let (start, end) = (around[..k].chars().count(), around[..k].chars().count() + t.len());
                let dl = del.chars().count();
                if start <= l.len() && end >= l.len() + dl {
                    l = l[start..].to_vec();
                    r = r[..end - (l.len() + dl).min(end)].to_vec();
                    break;
                }
            }
        }
        let (lc, rc): (String, String) = (l.iter().collect(), r.iter().collect());
        let from = format!("{lc}{del}{rc}");
        // A single character replaced throughout needs three places.
        if from.is_empty()
            || from.chars().count().max(lc.chars().count() + ins.chars().count() + rc.chars().count()) == 1
                && arts.len() < 3
        {
            continue;
        }
        out.push(((from, format!("{lc}{ins}{rc}")), arts.len()));
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out.into_iter().take(8).map(|(k, _)| k).collect()
}

fn common_prefix(v: &[Vec<char>]) -> Vec<char> {
    let Some(first) = v.first() else { return Vec::new() };
    let n = v.iter().map(|x| x.iter().zip(first).take_while(|(a, b)| a == b).count()).min().unwrap_or(0);
    first[..n].to_vec()
}

fn common_suffix(v: &[Vec<char>]) -> Vec<char> {
    let rev: Vec<Vec<char>> = v.iter().map(|x| x.iter().rev().copied().collect()).collect();
    let mut p = common_prefix(&rev);
    p.reverse();
    p
}

/// The texts of an article's blocks in order (heading first).
fn article_blocks(a: &Art) -> Vec<&PText> {
    let mut out: Vec<&PText> = a.heading.iter().collect();
    fn walk<'a>(b: &'a Block, out: &mut Vec<&'a PText>) {
        out.push(&b.text);
        for i in &b.items {
            walk(i, out);
        }
    }
    for p in &a.paragraphs {
        walk(p, &mut out);
    }
    out
}

/// A character diff of two texts, as the inline diff's segments.
fn char_segments(old: &str, new: &str) -> Vec<(SegOp, String)> {
    let d = similar::TextDiff::configure().algorithm(similar::Algorithm::Myers).diff_chars(old, new);
    let mut out: Vec<(SegOp, String)> = Vec::new();
    for c in d.iter_all_changes() {
        let op = match c.tag() {
            similar::ChangeTag::Equal => SegOp::Equal,
            similar::ChangeTag::Delete => SegOp::Delete,
            similar::ChangeTag::Insert => SegOp::Insert,
        };
        match out.last_mut() {
            Some((o, t)) if *o == op => t.push_str(c.value()),
            _ => out.push((op, c.value().to_string())),
        }
    }
    // Deletions before insertions within a change.
    out
}

/// Which elements lie on one longest strictly increasing subsequence.
fn lis(v: &[u32]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // indexes
    let mut prev = vec![usize::MAX; v.len()];
    for i in 0..v.len() {
        let pos = tails.partition_point(|&t| v[t] < v[i]);
        if pos > 0 {
            prev[i] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut on = vec![false; v.len()];
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        on[k] = true;
        k = prev[k];
    }
    on
}
