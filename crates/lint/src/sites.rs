//! Every text of a charter as a reader sees it ("sites"), in document
//! order, with the way back from a position in the printed text to the YAML
//! source — for labels and for fixes.

use std::ops::Range;

use super::Context;
use charter_core::diagnostic::Edit;
use charter_core::model::{Article, Block, Division, Level};
use charter_core::source::{ScalarStyle, SourceFile, Span, scalar_style};
use charter_core::text::{Inline, Plain, Text};
use charter_core::walk::{self, BlockAt, BlockLevel, Flow, Visitor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteKind {
    /// The charter's title.
    Title,
    History,
    Preamble,
    DivisionTitle(Level),
    Heading,
    /// A paragraph (款) of an article.
    Paragraph,
    /// An item (项).
    Item,
    /// A sub-item (目).
    SubItem,
}

impl SiteKind {
    /// Body text: paragraphs, items, sub-items, preamble.
    pub fn is_body(self) -> bool {
        matches!(self, SiteKind::Paragraph | SiteKind::Item | SiteKind::SubItem | SiteKind::Preamble)
    }
}

/// The text of a site: the model's own, or one made for a title (which
/// the model keeps as a plain string). Boxed when made: a charter has tens
/// of thousands of sites and few titles.
#[derive(Debug)]
pub enum SiteText<'a> {
    Model(&'a Text),
    Made(Box<Text>),
}

impl std::ops::Deref for SiteText<'_> {
    type Target = Text;

    fn deref(&self) -> &Text {
        match self {
            SiteText::Model(t) => t,
            SiteText::Made(t) => t,
        }
    }
}

/// One text.
#[derive(Debug)]
pub struct Site<'a> {
    pub kind: SiteKind,
    pub article: Option<&'a Article>,
    pub division: Option<&'a Division>,
    pub text: SiteText<'a>,
    /// As printed: references replaced by their citations.
    pub plain: Printed<'a>,
    /// For paragraphs and items: how many items (or sub-items) follow.
    pub items: u32,
    /// For items and sub-items: (index, count) in their list.
    pub list: Option<(u32, u32)>,
    /// [`Site::sentences`], split once for all the rules that read them
    /// (held without spare room: most texts are one sentence).
    sentences: std::cell::OnceCell<Box<[Range<usize>]>>,
    /// [`Site::sig`], computed once for all the rules that ask.
    sig: std::cell::OnceCell<crate::cjk::CharSig>,
}

impl Site<'_> {
    /// The sentences of the printed text ([`crate::cjk::sentences`]),
    /// computed on first use.
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences.get_or_init(|| crate::cjk::sentences(self.plain.text).into_boxed_slice())
    }

    /// Which characters the printed text may hold ([`crate::cjk::CharSig`]):
    /// rules ask it before searching the text for their words.
    pub fn sig(&self) -> &crate::cjk::CharSig {
        self.sig.get_or_init(|| crate::cjk::CharSig::of(self.plain.text))
    }

    /// The file span of a byte range of the printed text.
    pub fn span(&self, file: &SourceFile, range: Range<usize>) -> Span {
        let raw = self.plain.range_to_raw(range);
        self.text.locate(file, raw)
    }

    /// Does the printed range touch a citation the tool wrote for a
    /// reference (第二十条, or 【?id】 for an unresolved one)? Findings
    /// never come from text the tool inserted.
    pub fn in_citation(&self, range: Range<usize>) -> bool {
        // The pieces are in printed order and do not overlap: only those
        // from the first ending after the range's start are looked at (a
        // text with thousands of references has thousands of pieces, and
        // this is asked for every finding in it).
        let end = range.end.max(range.start + 1);
        let pieces = &self.plain.pieces;
        let first = pieces.partition_point(|(p, _)| p.end <= range.start);
        pieces[first..]
            .iter()
            .take_while(|(p, _)| p.start < end)
            .any(|(p, r)| range.start < p.end && self.text.raw.get(r.clone()).is_some_and(|raw| raw.starts_with("[[")))
    }

    /// Is the printed range verbatim source text (no reference, escape or
    /// markup inside)?
    pub fn is_literal(&self, range: Range<usize>) -> bool {
        let raw = self.plain.range_to_raw(range.clone());
        self.plain.text.get(range) == self.text.raw.get(raw)
    }

    /// An edit replacing a range of the printed text, when it is verbatim in
    /// the source and the replacement keeps the YAML scalar valid.
    pub fn edit(&self, file: &SourceFile, range: Range<usize>, replacement: &str) -> Option<Edit> {
        if !self.is_literal(range.clone()) {
            return None;
        }
        let raw = self.plain.range_to_raw(range);
        let span = self.text.locate(file, raw.clone());
        let src = file.text.get(span.start..span.end)?;
        if src != self.text.raw.get(raw)? {
            return None;
        }
        if !yaml_safe(file, self.text.span, span, replacement) {
            return None;
        }
        Some(Edit { span, replacement: replacement.to_string() })
    }
}

/// Would replacing `span` (inside the scalar at `scalar`) with
/// `replacement` keep the scalar's meaning? Conservative: refuses anything
/// that could end a plain scalar or a quoted one.
pub fn yaml_safe(file: &SourceFile, scalar: Span, span: Span, replacement: &str) -> bool {
    if replacement.contains(['\n', '\r', '\t']) {
        return false;
    }
    let start = file.clamp(scalar.start);
    match scalar_style(file, scalar) {
        ScalarStyle::Block => true,
        ScalarStyle::Double => !replacement.contains(['"', '\\']),
        ScalarStyle::Single => !replacement.contains('\''),
        ScalarStyle::Plain => {
            // A plain scalar: no ": ", " #", and no indicator at its start.
            if replacement.contains(": ") || replacement.contains(" #") || replacement.ends_with(':') {
                return false;
            }
            let after = file.text[file.clamp(span.end)..].chars().next();
            if replacement.ends_with(' ') && after == Some('#') {
                return false;
            }
            let before = file.text[..file.clamp(span.start)].chars().next_back();
            if replacement.starts_with('#') && matches!(before, Some(' ')) {
                return false;
            }
            const INDICATORS: &str = "-?:,[]{}#&*!|>'\"%@` ";
            if span.start == start && replacement.starts_with(|c: char| INDICATORS.contains(c)) {
                return false;
            }
            if span.end >= file.clamp(scalar.end) && replacement.ends_with(' ') {
                return false;
            }
            // Deleting the scalar's opening characters exposes what follows.
            if span.start == start && replacement.is_empty() {
                let next = file.text[file.clamp(span.end)..].chars().next();
                if next.is_none_or(|c| INDICATORS.contains(c) || c == '\n') {
                    return false;
                }
            }
            true
        }
    }
}

/// The printed texts of all sites, one after another in document order
/// (the caller keeps it for as long as the context). Every rule reads the
/// texts in that order; read from the model, where each lies among the
/// rest of its article, a pass over 32,000 articles' texts misses the cache
/// at most of them (`check` 6 % slower at that size, the same at 16,000).
#[derive(Debug, Default)]
pub struct Texts(bumpalo::Bump);

impl Texts {
    /// The printed text moved here, its pieces kept.
    fn hold<'a>(&'a self, p: Plain<'_>) -> Printed<'a> {
        Printed { text: self.0.alloc_str(&p.text), pieces: p.pieces.into_boxed_slice() }
    }
}

/// A site's printed text, held in the [`Texts`] arena (so that names found
/// in it can borrow it for as long as the sites live), and the pieces that
/// map it to the raw text ([`charter_core::text::Plain`]).
#[derive(Debug)]
pub struct Printed<'a> {
    pub text: &'a str,
    /// (plain range, raw range) for each piece; none when the text prints
    /// as written.
    pub pieces: Box<[(Range<usize>, Range<usize>)]>,
}

impl Printed<'_> {
    /// The raw range of a printed range ([`charter_core::text::range_to_raw`]).
    pub fn range_to_raw(&self, range: Range<usize>) -> Range<usize> {
        charter_core::text::range_to_raw(self.text, &self.pieces, range)
    }
}

/// All texts of the charter in document order.
pub fn collect<'a>(ctx: &Context<'a>) -> Vec<Site<'a>> {
    let c = ctx.charter;
    // Room for every text at once (a site is a few hundred bytes: growing
    // the vector by doubling copied it all nine times for 4,000 articles).
    let n = &ctx.numbering.counts;
    let texts = 1 + c.meta.history.len() + c.meta.preamble.len() + n.parts + n.subparts + n.chapters + n.sections;
    let mut out = Vec::with_capacity(texts + n.articles + n.paragraphs + n.items + n.subitems);
    if !c.meta.title.is_empty() {
        let t = literal_text(&c.meta.title, c.meta.title_span);
        let p = ctx.texts.hold(ctx.plain(&t, None));
        out.push(site(SiteKind::Title, None, None, SiteText::Made(Box::new(t)), p, 0, None));
    }
    for h in &c.meta.history {
        let p = ctx.texts.hold(ctx.plain(h, None));
        out.push(site(SiteKind::History, None, None, SiteText::Model(h), p, 0, None));
    }
    let mut v = Sites { ctx, parent: None, out };
    walk::walk(c, &mut v);
    v.out
}

/// Collects the sites of the preamble and the body.
struct Sites<'c, 'a> {
    ctx: &'c Context<'a>,
    /// The division around the current article.
    parent: Option<&'a Division>,
    out: Vec<Site<'a>>,
}

impl<'a> Visitor<'a> for Sites<'_, 'a> {
    fn division(&mut self, d: &'a Division, _: &[&'a Division]) -> Flow {
        let t = literal_text(&d.title, d.title_span);
        let p = self.ctx.texts.hold(self.ctx.plain(&t, None));
        self.out.push(site(SiteKind::DivisionTitle(d.level), None, Some(d), SiteText::Made(Box::new(t)), p, 0, None));
        Flow::Descend
    }

    fn article(&mut self, a: &'a Article, parents: &[&'a Division]) {
        self.parent = parents.last().copied();
        if let Some(h) = &a.heading {
            let pl = self.ctx.texts.hold(self.ctx.plain(h, Some(a)));
            self.out.push(site(SiteKind::Heading, Some(a), self.parent, SiteText::Model(h), pl, 0, None));
        }
    }

    fn block(&mut self, b: &'a Block, at: BlockAt<'a>) {
        let (kind, list) = match (at.level, at.article) {
            (BlockLevel::Paragraph, None) => (SiteKind::Preamble, None),
            // A paragraph that is only a list of items has no text of its own.
            (BlockLevel::Paragraph, Some(_)) if b.text.raw.is_empty() => return,
            (BlockLevel::Paragraph, Some(_)) => (SiteKind::Paragraph, None),
            (BlockLevel::Item, _) => (SiteKind::Item, Some((count(at.index), count(at.siblings)))),
            (BlockLevel::SubItem, _) => (SiteKind::SubItem, Some((count(at.index), count(at.siblings)))),
        };
        let pl = self.ctx.texts.hold(self.ctx.plain(&b.text, at.article));
        let parent = if at.article.is_some() { self.parent } else { None };
        self.out.push(site(kind, at.article, parent, SiteText::Model(&b.text), pl, count(b.items.len()), list));
    }
}

/// A count or index in a list as a site holds it (32 bits: a site is one
/// of tens of thousands; no list of a loadable file comes near the limit).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn site<'a>(
    kind: SiteKind,
    article: Option<&'a Article>,
    division: Option<&'a Division>,
    text: SiteText<'a>,
    plain: Printed<'a>,
    items: u32,
    list: Option<(u32, u32)>,
) -> Site<'a> {
    Site {
        kind,
        article,
        division,
        text,
        plain,
        items,
        list,
        sentences: std::cell::OnceCell::new(),
        sig: std::cell::OnceCell::new(),
    }
}

/// A title (plain string in the model) as a text without markup.
fn literal_text(s: &str, span: Span) -> Text {
    Text::from_parts(s.to_string(), span, vec![Inline::Text { text: s.to_string(), raw: 0..s.len() }])
}

/// One place a typography rule found in a text, with its correction.
#[derive(Debug)]
pub struct Spot {
    /// Byte range in the printed text.
    pub range: Range<usize>,
    pub label: String,
    /// The replacement, when the correction is mechanical.
    pub replacement: Option<String>,
}

/// One diagnostic for all spots a rule found in one text: every spot is
/// labelled, and the fix makes every correction that can be made safely.
pub fn grouped(
    ctx: &Context,
    site: &Site,
    rule: &crate::Rule,
    message: String,
    fix_message: &str,
    spots: &[Spot],
) -> Option<charter_core::diagnostic::Diagnostic> {
    let spots: Vec<&Spot> = spots.iter().filter(|s| !site.in_citation(s.range.clone())).collect();
    let first = spots.first()?;
    let mut d = rule.diagnostic(message).at(site.span(ctx.file, first.range.clone()), first.label.clone());
    // Many spots: only the first is labelled, the others get a marker.
    let quiet = spots.len() > 3;
    for s in spots.iter().skip(1) {
        d = d.also(site.span(ctx.file, s.range.clone()), if quiet { String::new() } else { s.label.clone() });
    }
    let edits: Vec<Edit> = spots
        .iter()
        .filter_map(|s| s.replacement.as_deref().and_then(|r| site.edit(ctx.file, s.range.clone(), r)))
        .collect();
    if !edits.is_empty() {
        d = d.with_fix(fix_message, edits);
    }
    Some(d)
}
