//! One draft flattened for comparison: its divisions and articles in
//! document order, each article as a list of text blocks (heading,
//! paragraphs, items, sub-items) whose references are kept as tokens.

use std::collections::HashMap;

use serde::Serialize;

use charter_core::model::{self, Article, Division};
use charter_core::number::{ArticleNo, Numbering};
use charter_core::numerals::{item_label, subitem_label};
use charter_core::resolve;
use charter_core::text::{Inline, RefTargets, Text};
use charter_core::walk::{self, BlockAt, BlockLevel, Flow, Visitor};

use super::Draft;

/// What a block of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The article's own heading (第二条 本会的性质).
    Heading,
    /// 款 (or a paragraph of the preamble, a history line, a title).
    Paragraph,
    /// 项: （一）.
    Item,
    /// 目: 1.
    Subitem,
}

/// A piece of a block's text: plain text, or a cross-reference printed as
/// its citation.
#[derive(Clone, Debug)]
pub(crate) enum Piece {
    Text(String),
    Ref { ids: Vec<String>, range: bool, cite: String },
}

/// One block of text as printed.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// The paragraph's or item's id, if it has one.
    pub id: Option<String>,
    /// （一）, 1., or empty.
    pub label: String,
    pub pieces: Vec<Piece>,
}

/// A block's text with every reference replaced by one private-use
/// character (the same character for the same target), and the citations
/// those characters print as, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Encoded {
    pub text: String,
    pub cites: Vec<String>,
}

/// First private-use code point used for reference tokens (plane 15).
const TOKEN_BASE: u32 = 0xF0000;
/// Number of distinct tokens available (planes 15 and 16).
const TOKEN_COUNT: u32 = 0x1FFFE;

/// Is `c` a reference token?
pub(crate) fn is_token(c: char) -> bool {
    (TOKEN_BASE..TOKEN_BASE + TOKEN_COUNT).contains(&(c as u32))
}

/// Hands out one token character per distinct reference target.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    map: HashMap<String, char>,
}

impl Interner {
    fn token(&mut self, key: String) -> char {
        let next = self.map.len() as u32;
        *self.map.entry(key).or_insert_with(|| {
            // Past the last token every further target shares one: the
            // diff then only sees "a reference" there, never panics.
            char::from_u32(TOKEN_BASE + next.min(TOKEN_COUNT - 1)).unwrap_or('\u{FFFD}')
        })
    }
}

/// Maps an id of the old draft to the id that denotes the same thing in
/// the new draft (identity unless alignment paired different ids).
pub(crate) type IdMap<'m> = &'m dyn Fn(&str) -> String;

impl Block {
    /// The block's text as printed.
    pub fn plain(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Ref { cite, .. } => cite.as_str(),
            })
            .collect()
    }

    pub fn encode(&self, interner: &mut Interner, map: IdMap) -> Encoded {
        let mut e = Encoded::default();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => e.text.push_str(t),
                Piece::Ref { ids, range, cite } => {
                    let mut key: Vec<String> = ids.iter().map(|i| map(i)).collect();
                    if *range {
                        key.insert(0, "..".into());
                    }
                    e.text.push(interner.token(key.join(",")));
                    e.cites.push(cite.clone());
                }
            }
        }
        e
    }
}

/// A division (编, 分编, 章, 节) of one draft.
#[derive(Debug)]
pub(crate) struct Div<'a> {
    pub d: &'a Division,
    /// 第四章; empty when unnumbered.
    pub label: String,
    pub parent: Option<usize>,
    /// The articles inside it, directly or in lower divisions.
    pub articles: std::ops::Range<usize>,
}

/// An article of one draft.
#[derive(Debug)]
pub(crate) struct Art<'a> {
    pub a: &'a Article,
    pub no: ArticleNo,
    /// Enclosing divisions, outermost first (indices into `Side::divisions`).
    pub divs: Vec<usize>,
    pub blocks: Vec<Block>,
    /// Everything that makes the article's content, references as tokens
    /// of their written ids: equal content means an equal article.
    pub content: String,
    /// Sorted character bigrams of `content`, for similarity.
    pub grams: Vec<u64>,
}

impl Art<'_> {
    pub fn id(&self) -> &str {
        &self.a.id
    }
}

/// One draft, flattened.
#[derive(Debug)]
pub(crate) struct Side<'a> {
    pub draft: &'a Draft<'a>,
    pub divisions: Vec<Div<'a>>,
    pub articles: Vec<Art<'a>>,
    pub article_ids: HashMap<&'a str, usize>,
    pub division_ids: HashMap<&'a str, usize>,
    /// title, status, date, history, preamble as blocks.
    pub meta: Vec<(&'static str, Vec<Block>)>,
}

/// Separates blocks inside [`Art::content`].
const BLOCK_SEP: char = '\u{1}';

impl<'a> Side<'a> {
    pub fn new(draft: &'a Draft<'a>, interner: &mut Interner) -> Side<'a> {
        let mut s = Side {
            draft,
            divisions: Vec::new(),
            articles: Vec::new(),
            article_ids: HashMap::new(),
            division_ids: HashMap::new(),
            meta: Vec::new(),
        };
        walk::walk_nodes(&draft.charter.body, &mut Flatten { side: &mut s, stack: Vec::new() });
        for (i, a) in s.articles.iter().enumerate() {
            s.article_ids.insert(a.a.id.as_str(), i);
        }
        for (i, d) in s.divisions.iter().enumerate() {
            s.division_ids.insert(d.d.id.as_str(), i);
        }
        for a in &mut s.articles {
            a.content = content(&a.blocks, a.a.repealed, interner, &|i| i.to_string());
            a.grams = grams(&a.content);
        }
        s.meta = meta_blocks(draft);
        s
    }

    /// 第四章第一节: the numbered divisions around an article.
    pub fn place(&self, divs: &[usize]) -> String {
        divs.iter().filter_map(|&d| self.divisions.get(d)).map(|d| d.label.as_str()).collect()
    }
}

/// Fills a side's divisions and articles in document order; `stack` holds
/// the indices of the open divisions.
struct Flatten<'s, 'a> {
    side: &'s mut Side<'a>,
    stack: Vec<usize>,
}

impl<'a> Visitor<'a> for Flatten<'_, 'a> {
    fn division(&mut self, d: &'a Division, _: &[&'a Division]) -> Flow {
        let s = &mut *self.side;
        let index = s.divisions.len();
        let start = s.articles.len();
        s.divisions.push(Div {
            d,
            label: s.draft.numbering.division_label(d),
            parent: self.stack.last().copied(),
            articles: start..start,
        });
        self.stack.push(index);
        Flow::Descend
    }

    fn leave_division(&mut self, _: &'a Division, _: &[&'a Division]) {
        let end = self.side.articles.len();
        if let Some(index) = self.stack.pop()
            && let Some(div) = self.side.divisions.get_mut(index)
        {
            div.articles.end = end;
        }
    }

    fn article(&mut self, a: &'a Article, _: &[&'a Division]) {
        let s = &mut *self.side;
        let no = s.draft.numbering.article(&a.id).unwrap_or_default();
        let blocks = article_blocks(a, s.draft.numbering);
        s.articles.push(Art { a, no, divs: self.stack.clone(), blocks, content: String::new(), grams: Vec::new() });
    }
}

/// The content key of an article: its blocks (kind and text, references as
/// tokens) and whether it is repealed.
pub(crate) fn content(blocks: &[Block], repealed: bool, interner: &mut Interner, map: IdMap) -> String {
    let mut s = String::new();
    if repealed {
        s.push_str("\u{2}repealed");
    }
    for b in blocks {
        s.push(BLOCK_SEP);
        s.push(match b.kind {
            BlockKind::Heading => 'h',
            BlockKind::Paragraph => 'p',
            BlockKind::Item => 'i',
            BlockKind::Subitem => 's',
        });
        s.push_str(&b.encode(interner, map).text);
    }
    s
}

/// Sorted character bigrams of `s` (with start and end markers, so that a
/// one-character text still has some).
pub(crate) fn grams(s: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(s.len() / 2 + 2);
    let mut prev = '\u{2}';
    for c in s.chars().chain(std::iter::once('\u{3}')) {
        out.push((u64::from(prev as u32) << 32) | u64::from(c as u32));
        prev = c;
    }
    out.sort_unstable();
    out
}

/// Size of the multiset intersection of two sorted lists.
pub(crate) fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient of two bigram multisets: 2|A∩B| / (|A|+|B|).
pub(crate) fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * common(a, b) as f64 / (a.len() + b.len()) as f64
}

/// How much of `part` is found in `whole`: |P∩W| / |P|.
pub(crate) fn containment(part: &[u64], whole: &[u64]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    common(part, whole) as f64 / part.len() as f64
}

/// The multiset union (sum) of sorted lists.
pub(crate) fn union(lists: &[&[u64]]) -> Vec<u64> {
    let mut v: Vec<u64> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    v.sort_unstable();
    v
}

fn text_pieces(t: &Text, numbering: &Numbering, from: Option<&str>) -> Vec<Piece> {
    fn walk(v: &[Inline], numbering: &Numbering, from: Option<&str>, out: &mut Vec<Piece>) {
        for i in v {
            match i {
                Inline::Text { text, .. } | Inline::Code { text, .. } => match out.last_mut() {
                    Some(Piece::Text(t)) => t.push_str(text),
                    _ => out.push(Piece::Text(text.clone())),
                },
                Inline::Emph(c) | Inline::Strong(c) => walk(c, numbering, from, out),
                Inline::Ref(r) => out.push(Piece::Ref {
                    ids: r.targets.ids().iter().map(|i| i.id.clone()).collect(),
                    range: matches!(r.targets, RefTargets::Range(..)),
                    cite: resolve::cite(numbering, r, from),
                }),
            }
        }
    }
    let mut out = Vec::new();
    walk(t.inlines(), numbering, from, &mut out);
    out
}

fn text_block(
    kind: BlockKind,
    id: Option<&String>,
    label: String,
    t: &Text,
    numbering: &Numbering,
    from: Option<&str>,
) -> Block {
    Block { kind, id: id.cloned(), label, pieces: text_pieces(t, numbering, from) }
}

/// Paragraphs (an article's or the preamble's) as blocks, each followed by
/// its items and their sub-items.
fn paragraph_blocks(paragraphs: &[model::Block], numbering: &Numbering, from: Option<&str>, out: &mut Vec<Block>) {
    walk::for_each_block(None, paragraphs, |b, at: BlockAt| {
        let n = at.index as u32 + 1;
        let (kind, label) = match at.level {
            BlockLevel::Paragraph => (BlockKind::Paragraph, String::new()),
            BlockLevel::Item => (BlockKind::Item, item_label(n)),
            BlockLevel::SubItem => (BlockKind::Subitem, subitem_label(n)),
        };
        out.push(text_block(kind, b.id.as_ref(), label, &b.text, numbering, from));
    });
}

/// An article's blocks: heading, then each paragraph followed by its items
/// and their sub-items.
pub(crate) fn article_blocks(a: &Article, numbering: &Numbering) -> Vec<Block> {
    let from = Some(a.id.as_str());
    let mut out = Vec::new();
    if let Some(h) = &a.heading {
        out.push(text_block(BlockKind::Heading, None, String::new(), h, numbering, from));
    }
    paragraph_blocks(&a.paragraphs, numbering, from, &mut out);
    out
}

fn plain_block(s: &str) -> Block {
    Block { kind: BlockKind::Paragraph, id: None, label: String::new(), pieces: vec![Piece::Text(s.to_string())] }
}

/// The document's metadata as blocks, field by field.
fn meta_blocks(draft: &Draft) -> Vec<(&'static str, Vec<Block>)> {
    let m = &draft.charter.meta;
    let n = draft.numbering;
    let mut preamble = Vec::new();
    paragraph_blocks(&m.preamble, n, None, &mut preamble);
    vec![
        ("title", vec![plain_block(&m.title)]),
        ("status", m.status.iter().map(|s| plain_block(s)).collect()),
        ("date", m.date.iter().map(|s| plain_block(s)).collect()),
        (
            "history",
            m.history.iter().map(|t| text_block(BlockKind::Paragraph, None, String::new(), t, n, None)).collect(),
        ),
        ("preamble", preamble),
    ]
}
