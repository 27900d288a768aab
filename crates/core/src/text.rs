//! Inline text: line joining, light Markdown (pulldown-cmark) and `[[id]]`
//! cross-references.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::source::{SourceFile, Span};

/// One paragraph of text as written, parsed into inline nodes.
#[derive(Clone, Debug)]
pub struct Text {
    /// The text with its lines joined, markup and references as written.
    pub raw: String,
    /// The YAML scalar that holds it.
    pub span: Span,
    /// [`Text::inlines`]: unset for a text that is one run of plain text
    /// (no markup, no reference), the inline made from `raw` when first
    /// asked for. Most texts of a charter are such, and the checker never
    /// asks for their inlines: no copy of each text and no list for it.
    inlines: OnceLock<Vec<Inline>>,
    /// Where each character of `raw` lies in the file, built on the first
    /// [`Text::locate`] so that any number of positions in one text cost
    /// one walk of its source.
    locator: Locator,
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw && self.span == other.span && self.inlines() == other.inlines()
    }
}

impl Eq for Text {}

/// Where the characters of [`Text::raw`] lie in the file, as runs
/// ([`char_map`]). Never part of equality.
#[derive(Clone, Debug, Default)]
struct Locator(OnceLock<Vec<Run>>);

/// Characters of [`Text::raw`] from `start` (a byte offset in `raw`) up to
/// the next run's start, each ending in the file at its end in `raw` plus
/// `shift`; `shift` is `None` from the first character not found in the
/// source on. A text written on one line in the file is one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    start: usize,
    shift: Option<isize>,
}

impl PartialEq for Locator {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Locator {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text {
        text: String,
        raw: Range<usize>,
    },
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Code {
        text: String,
        raw: Range<usize>,
    },
    /// Boxed: a reference is twice the size of the other variants, and
    /// most inlines are text.
    Ref(Box<Reference>),
}

/// `[[a]]`, `[[a, b]]` or `[[a..b]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub targets: RefTargets,
    /// Byte range of the whole `[[…]]` in [`Text::raw`].
    pub raw: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefTargets {
    List(Vec<RefId>),
    Range(RefId, RefId),
}

impl RefTargets {
    pub fn ids(&self) -> Vec<&RefId> {
        match self {
            RefTargets::List(v) => v.iter().collect(),
            RefTargets::Range(a, b) => vec![a, b],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefId {
    pub id: String,
    pub raw: Range<usize>,
}

/// Something wrong inside a text, found while parsing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextProblem {
    pub raw: Range<usize>,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Html,
    Link,
    Block,
    BadReference(String),
}

/// Join the lines of a YAML text value into one paragraph. Returns `None`
/// with the byte offset (in `value`) of the blank line when the value holds
/// several paragraphs.
pub fn join_lines(value: &str) -> Result<String, usize> {
    let trimmed = value.trim_end_matches(['\n', '\r', ' ']);
    // memchr: `str::contains` on a short text is a byte loop whose exit
    // the processor mispredicts (this runs for every text loaded).
    if memchr::memchr(b'\n', trimmed.as_bytes()).is_none() {
        return Ok(trimmed.trim_end().to_string());
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut offset = 0;
    for (i, line) in trimmed.split('\n').enumerate() {
        let line_start = offset;
        offset += line.len() + 1;
        let line = line.trim_end_matches(['\r', ' ', '\t']);
        let line = if i == 0 { line } else { line.trim_start_matches([' ', '\t']) };
        if line.is_empty() {
            if i == 0 {
                continue;
            }
            return Err(line_start);
        }
        if let (Some(prev), Some(next)) = (out.chars().last(), line.chars().next())
            && prev.is_ascii_alphanumeric()
            && next.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
        out.push_str(line);
    }
    Ok(out)
}

/// Parse a joined text into inline nodes.
pub fn parse_inline(raw: &str) -> (Vec<Inline>, Vec<TextProblem>) {
    parse_inline_with(raw, true)
}

/// [`parse_inline`], but `None` for a text that is one run of plain text
/// printed as written (no markup, no reference, not empty): the run need
/// not be made (see [`Text::inlines`]).
fn parse_inline_or_verbatim(raw: &str) -> (Option<Vec<Inline>>, Vec<TextProblem>) {
    let mut problems = Vec::new();
    let refs = scan_references(raw, &mut problems);
    if refs.is_empty() && problems.is_empty() && is_plain(raw, &refs) {
        return (None, problems);
    }
    let (inlines, problems) = parse_inline(raw);
    (Some(inlines), problems)
}

/// Whether Markdown reads `raw` as one run of plain text once its
/// references (`refs`, in text order) are blanked out: no ASCII byte outside
/// them but letters, digits and inner spaces, so no emphasis, code, link,
/// HTML, entity, escape, line break or block marker can start anywhere.
/// Most charter texts are like this, and skipping the Markdown parser (and
/// the masked copy it is given) for them is most of the loader's
/// conversion time.
fn is_plain(raw: &str, refs: &[Reference]) -> bool {
    let b = raw.as_bytes();
    if b.is_empty() || b[0] == b' ' || b[b.len() - 1] == b' ' {
        return false;
    }
    // The pieces between references, each tested without a branch per
    // byte (a loop the compiler vectorises).
    let inert =
        |s: &[u8]| !s.iter().fold(false, |bad, &c| bad | !(c >= 0x80 || c.is_ascii_alphanumeric() || c == b' '));
    let mut at = 0;
    for r in refs {
        let start = r.raw.start.clamp(at, b.len());
        if !inert(&b[at..start]) {
            return false;
        }
        at = r.raw.end.clamp(start, b.len());
    }
    inert(&b[at..])
}

fn parse_inline_with(raw: &str, fast: bool) -> (Vec<Inline>, Vec<TextProblem>) {
    let mut problems = Vec::new();
    let refs = scan_references(raw, &mut problems);
    if fast && is_plain(raw, &refs) {
        // Texts and references alternate, none empty: nothing to merge.
        let mut inlines = Vec::with_capacity(2 * refs.len() + 1);
        push_text(&mut inlines, raw, raw, 0..raw.len(), &refs);
        problems.sort_by_key(|p| p.raw.start);
        problems.dedup_by_key(|p| (p.raw.start, matches!(p.kind, ProblemKind::Block)));
        return (inlines, problems);
    }

    // Hand pulldown-cmark the text with references blanked out (same byte
    // length, inert characters), and with a leading block marker escaped.
    let mut masked = raw.as_bytes().to_vec();
    for r in &refs {
        for b in &mut masked[r.raw.clone()] {
            *b = b'x';
        }
    }
    let masked = String::from_utf8(masked).unwrap_or_else(|_| raw.to_string());
    let (input, inserted_at) = escape_block_start(&masked);
    let unshift = |o: usize| match inserted_at {
        Some(p) if o > p => o - 1,
        _ => o,
    };

    let mut stack: Vec<Vec<Inline>> = vec![Vec::new()];
    let parser = Parser::new_ext(&input, Options::empty()).into_offset_iter();
    for (event, range) in parser {
        let range = unshift(range.start)..unshift(range.end);
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Emphasis | Tag::Strong) => stack.push(Vec::new()),
            Event::End(TagEnd::Emphasis) => close(&mut stack, Inline::Emph),
            Event::End(TagEnd::Strong) => close(&mut stack, Inline::Strong),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                problems.push(TextProblem { raw: range, kind: ProblemKind::Link });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {}
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    push_text(top, raw, &t, range, &refs);
                }
            }
            Event::Code(t) => {
                if let Some(top) = stack.last_mut() {
                    top.push(Inline::Code { text: t.to_string(), raw: range });
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                problems.push(TextProblem { raw: range, kind: ProblemKind::Html });
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(top) = stack.last_mut() {
                    top.push(Inline::Text { text: String::new(), raw: range });
                }
            }
            Event::Start(_) => problems.push(TextProblem { raw: range, kind: ProblemKind::Block }),
            _ => {}
        }
    }
    while stack.len() > 1 {
        close(&mut stack, Inline::Emph);
    }
    let mut inlines = stack.pop().unwrap_or_default();
    merge_text(&mut inlines);
    problems.sort_by_key(|p| p.raw.start);
    problems.dedup_by_key(|p| (p.raw.start, matches!(p.kind, ProblemKind::Block)));
    (inlines, problems)
}

fn close(stack: &mut Vec<Vec<Inline>>, wrap: fn(Vec<Inline>) -> Inline) {
    if stack.len() > 1 {
        let inner = stack.pop().unwrap_or_default();
        if let Some(top) = stack.last_mut() {
            top.push(wrap(inner));
        }
    }
}

/// Push a text event, splitting out the references it covers.
fn push_text(out: &mut Vec<Inline>, raw: &str, text: &str, range: Range<usize>, refs: &[Reference]) {
    let verbatim = range.len() == text.len();
    // `refs` are in text order: only those from the range's start on are
    // looked at (a text of thousands of references has thousands of events).
    let first = refs.partition_point(|r| r.raw.start < range.start);
    let inside: Vec<&Reference> =
        refs[first..].iter().take_while(|r| r.raw.start < range.end).filter(|r| r.raw.end <= range.end).collect();
    if !verbatim || inside.is_empty() {
        out.push(Inline::Text { text: text.to_string(), raw: range });
        return;
    }
    let mut pos = range.start;
    for r in inside {
        if r.raw.start > pos {
            out.push(Inline::Text { text: raw[pos..r.raw.start].to_string(), raw: pos..r.raw.start });
        }
        out.push(Inline::Ref(Box::new(r.clone())));
        pos = r.raw.end;
    }
    if pos < range.end {
        out.push(Inline::Text { text: raw[pos..range.end].to_string(), raw: pos..range.end });
    }
}

fn merge_text(inlines: &mut Vec<Inline>) {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines.drain(..) {
        match (out.last_mut(), i) {
            (Some(Inline::Text { text, raw }), Inline::Text { text: t2, raw: r2 }) => {
                text.push_str(&t2);
                raw.end = r2.end.max(raw.end);
            }
            (_, Inline::Emph(mut v)) => {
                merge_text(&mut v);
                out.push(Inline::Emph(v));
            }
            (_, Inline::Strong(mut v)) => {
                merge_text(&mut v);
                out.push(Inline::Strong(v));
            }
            (_, i) => out.push(i),
        }
    }
    out.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
    *inlines = out;
}

/// Escape a leading character that would make Markdown read the text as a
/// heading, list, quote, code fence or rule. Returns the byte position of the
/// inserted backslash.
fn escape_block_start(s: &str) -> (String, Option<usize>) {
    let b = s.as_bytes();
    let followed_by_space = |i: usize| b.get(i).is_none_or(|c| *c == b' ' || *c == b'\t');
    let at = match b.first() {
        Some(b'#') => {
            let n = b.iter().take_while(|c| **c == b'#').count();
            (n <= 6 && followed_by_space(n)).then_some(0)
        }
        Some(b'>') => Some(0),
        Some(b'-' | b'+' | b'*' | b'_' | b'=') => {
            let c = b[0];
            let rule = s.trim_end().bytes().all(|x| x == c || x == b' ') && s.bytes().filter(|x| *x == c).count() >= 3;
            (rule || (c != b'_' && c != b'=' && followed_by_space(1))).then_some(0)
        }
        Some(b'`' | b'~') if s.starts_with("```") || s.starts_with("~~~") => Some(0),
        Some(b'0'..=b'9') => {
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            (n <= 9 && matches!(b.get(n), Some(b'.' | b')')) && followed_by_space(n + 1)).then_some(n)
        }
        _ => None,
    };
    match at {
        Some(p) => {
            let mut out = String::with_capacity(s.len() + 1);
            out.push_str(&s[..p]);
            out.push('\\');
            out.push_str(&s[p..]);
            (out, Some(p))
        }
        None => (s.to_string(), None),
    }
}

/// Find `[[…]]` references (not preceded by a backslash).
fn scan_references(raw: &str, problems: &mut Vec<TextProblem>) -> Vec<Reference> {
    let mut refs = Vec::new();
    let mut from = 0;
    // A `[` found by memchr (the crate's: `str::find` on a short text is a
    // byte loop whose exit is mispredicted), then its neighbour:
    // `str::find("[[")` would set up a substring searcher at each call.
    let open = |from: usize| {
        let b = raw.as_bytes();
        let mut at = from;
        loop {
            let i = at + memchr::memchr(b'[', b.get(at..)?)?;
            if b.get(i + 1) == Some(&b'[') {
                return Some(i - from);
            }
            at = i + 1;
        }
    };
    while let Some(i) = open(from) {
        let start = from + i;
        if start > 0 && raw.as_bytes()[start - 1] == b'\\' {
            from = start + 2;
            continue;
        }
        let Some(j) = raw[start + 2..].find("]]") else {
            problems.push(TextProblem {
                raw: start..start + 2,
                kind: ProblemKind::BadReference("引用缺少结尾的“]]”".into()),
            });
            break;
        };
        let end = start + 2 + j + 2;
        let inner_start = start + 2;
        let inner = &raw[inner_start..end - 2];
        match parse_ref_inner(inner, inner_start) {
            Ok(targets) => refs.push(Reference { targets, raw: start..end }),
            Err(msg) => problems.push(TextProblem { raw: start..end, kind: ProblemKind::BadReference(msg) }),
        }
        from = end;
    }
    refs
}

fn parse_ref_inner(inner: &str, base: usize) -> Result<RefTargets, String> {
    let piece = |s: &str, at: usize| -> Result<RefId, String> {
        let lead = s.len() - s.trim_start().len();
        let id = s.trim();
        if id.is_empty() {
            return Err("引用里缺少 id".into());
        }
        if !crate::id::is_valid_id(id) {
            return Err(format!("“{id}”不是有效的 id（只能用小写英文字母、数字和连字符，以字母开头）"));
        }
        Ok(RefId { id: id.to_string(), raw: base + at + lead..base + at + lead + id.len() })
    };
    if let Some(p) = inner.find("..") {
        let a = piece(&inner[..p], 0)?;
        let b = piece(&inner[p + 2..], p + 2)?;
        return Ok(RefTargets::Range(a, b));
    }
    let mut list = Vec::new();
    let mut at = 0;
    for part in inner.split([',', '，', '、']) {
        list.push(piece(part, at)?);
        at += part.len() + inner[at + part.len()..].chars().next().map_or(0, char::len_utf8);
    }
    Ok(RefTargets::List(list))
}

impl Text {
    /// Build a text from a joined raw string, returning the problems found.
    pub fn parse(raw: String, span: Span) -> (Text, Vec<TextProblem>) {
        let (inlines, problems) = parse_inline_or_verbatim(&raw);
        let inlines = inlines.map_or_else(OnceLock::new, OnceLock::from);
        (Text { raw, span, inlines, locator: Locator::default() }, problems)
    }

    /// A text from parts already parsed.
    pub fn from_parts(raw: String, span: Span, inlines: Vec<Inline>) -> Text {
        Text { raw, span, inlines: OnceLock::from(inlines), locator: Locator::default() }
    }

    /// An empty text at `span` (a missing `text:`).
    pub fn empty(span: Span) -> Text {
        Text { raw: String::new(), span, inlines: OnceLock::from(Vec::new()), locator: Locator::default() }
    }

    /// The inline nodes: text runs, emphasis, code and references.
    pub fn inlines(&self) -> &[Inline] {
        self.inlines.get_or_init(|| self.verbatim_inlines())
    }

    /// A verbatim text's inlines: one run of its raw text (none if empty;
    /// `Text::parse` leaves only non-empty texts verbatim).
    fn verbatim_inlines(&self) -> Vec<Inline> {
        if self.raw.is_empty() {
            Vec::new()
        } else {
            vec![Inline::Text { text: self.raw.clone(), raw: 0..self.raw.len() }]
        }
    }

    /// Whether the text is one run of plain text printed as written.
    fn is_verbatim(&self) -> bool {
        match self.inlines.get() {
            None => true,
            Some(v) => {
                matches!(&v[..], [Inline::Text { text, raw }] if *raw == (0..self.raw.len()) && *text == self.raw)
            }
        }
    }

    /// All references in the text, in order.
    pub fn references(&self) -> Vec<&Reference> {
        fn walk<'a>(v: &'a [Inline], out: &mut Vec<&'a Reference>) {
            for i in v {
                match i {
                    Inline::Ref(r) => out.push(r),
                    Inline::Emph(c) | Inline::Strong(c) => walk(c, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        if let Some(inlines) = self.inlines.get() {
            walk(inlines, &mut out);
        }
        out
    }

    /// The text as a reader sees it, with each reference replaced by `cite`,
    /// and the pieces mapping plain byte ranges back to raw byte ranges.
    pub fn plain_with(&self, cite: &dyn Fn(&Reference) -> String) -> Plain<'_> {
        // Most texts are one run of text as written: the printed text is
        // the raw text, borrowed.
        if self.is_verbatim() {
            return Plain { text: Cow::Borrowed(&self.raw), pieces: Vec::new() };
        }
        let inlines = self.inlines();
        // Sized for the usual text (no markup: one piece per inline, about
        // the raw text's length); grown from empty, most would hold room for
        // four pieces and twice their text, and a charter has tens of
        // thousands of texts.
        fn pieces(v: &[Inline]) -> usize {
            v.iter().map(|i| if let Inline::Emph(c) | Inline::Strong(c) = i { pieces(c) } else { 1 }).sum()
        }
        let mut p = Plain {
            text: Cow::Owned(String::with_capacity(self.raw.len())),
            pieces: Vec::with_capacity(pieces(inlines)),
        };
        fn walk(v: &[Inline], cite: &dyn Fn(&Reference) -> String, p: &mut Plain) {
            for i in v {
                match i {
                    Inline::Text { text, raw } | Inline::Code { text, raw } => p.push(text, raw.clone()),
                    Inline::Ref(r) => p.push(&cite(r), r.raw.clone()),
                    Inline::Emph(c) | Inline::Strong(c) => walk(c, cite, p),
                }
            }
        }
        walk(inlines, cite, &mut p);
        p
    }

    /// The file span of a byte range of [`Text::raw`].
    ///
    /// The first call walks the scalar's source once and keeps the result;
    /// every call is then a binary search, so locating all findings of a
    /// text is linear in its length (not findings × length).
    pub fn locate(&self, file: &SourceFile, raw: Range<usize>) -> Span {
        let runs = self.locator.0.get_or_init(|| char_map(&self.raw, file, self.span));
        let src_start = file.clamp(self.span.start);
        let at = |target: usize| {
            // The position is right after the source character matching the
            // last character of `raw` that starts before `target`.
            let Some(mut last) = target.min(self.raw.len()).checked_sub(1) else { return src_start };
            while !self.raw.is_char_boundary(last) {
                last -= 1;
            }
            let end = last + next_len(&self.raw, last);
            let run = runs.partition_point(|r| r.start <= last).checked_sub(1).map(|i| runs[i]);
            match run.and_then(|r| r.shift) {
                Some(shift) => end.checked_add_signed(shift).unwrap_or(src_start),
                None => src_start,
            }
        };
        let start = at(raw.start);
        let end = if raw.end > raw.start { at(raw.end) } else { start };
        Span::new(self.span.file, start, end.max(start))
    }
}

/// Plain text with a map back to the raw text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plain<'a> {
    /// Borrowed from the text when it prints as written.
    pub text: Cow<'a, str>,
    /// (plain range, raw range) for each piece; none when the text prints
    /// as written (borrowed: every offset is the same in both), so that
    /// most texts need no list.
    pub pieces: Vec<(Range<usize>, Range<usize>)>,
}

impl Plain<'_> {
    fn push(&mut self, s: &str, raw: Range<usize>) {
        let start = self.text.len();
        self.text.to_mut().push_str(s);
        self.pieces.push((start..self.text.len(), raw));
    }

    /// The same, owning its text.
    pub fn into_owned(self) -> Plain<'static> {
        Plain { text: Cow::Owned(self.text.into_owned()), pieces: self.pieces }
    }

    /// Map a byte offset in the plain text to the raw text ([`to_raw`]).
    pub fn to_raw(&self, offset: usize) -> usize {
        to_raw(&self.text, &self.pieces, offset)
    }

    pub fn range_to_raw(&self, range: Range<usize>) -> Range<usize> {
        range_to_raw(&self.text, &self.pieces, range)
    }
}

/// Map a byte offset in a plain text (with its pieces, see [`Plain`]) to the
/// raw text. Inside a piece whose plain and raw lengths agree, offsets map
/// one to one; otherwise (a reference, an escape) to the piece's start or
/// end.
///
/// Pieces are in plain-text order: a binary search finds the piece, so
/// mapping every finding of a text stays linear overall.
pub fn to_raw(plain: &str, pieces: &[(Range<usize>, Range<usize>)], offset: usize) -> usize {
    if pieces.is_empty() {
        return offset.min(plain.len());
    }
    // Pieces are contiguous from 0: the first one ending after `offset`
    // holds it; the end of the text belongs to the first ending there.
    let hit = if offset == plain.len() {
        pieces.get(pieces.partition_point(|(p, _)| p.end < offset)).filter(|(p, _)| p.end == offset)
    } else {
        pieces.get(pieces.partition_point(|(p, _)| p.end <= offset)).filter(|(p, _)| p.start <= offset)
    };
    if let Some((p, r)) = hit {
        if p.len() == r.len() {
            return r.start + (offset - p.start);
        }
        return if offset == p.start { r.start } else { r.end };
    }
    pieces.last().map_or(0, |(_, r)| r.end)
}

/// [`to_raw`] for a range: its start, and the end of its last character.
pub fn range_to_raw(plain: &str, pieces: &[(Range<usize>, Range<usize>)], range: Range<usize>) -> Range<usize> {
    let s = to_raw(plain, pieces, range.start);
    let e =
        if range.end > range.start { to_raw(plain, pieces, range.end - 1) + next_len(plain, range.end - 1) } else { s };
    s..e.max(s)
}

fn next_len(s: &str, at: usize) -> usize {
    s.get(at..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8)
}

/// Match the characters of `raw` in order against the YAML scalar's source
/// (skipping indentation, quotes and line breaks the YAML parser removed),
/// as runs of characters that lie as far apart in the file as in `raw`: a
/// new run starts where the parser removed something (a line break and
/// indentation, an escape's backslash), and at the first character without
/// a match, after which nothing is matched.
fn char_map(raw: &str, file: &SourceFile, span: Span) -> Vec<Run> {
    let src_start = file.clamp(span.start);
    let src_end = file.clamp(span.end.max(span.start)).max(src_start);
    let src = &file.text[src_start..src_end];
    let mut src_iter = src.char_indices();
    let mut runs: Vec<Run> = Vec::new();
    for (ri, rc) in raw.char_indices() {
        let shift = src_iter.by_ref().find(|&(_, sc)| sc == rc).map(|(si, _)| (src_start + si) as isize - ri as isize);
        if runs.last().is_none_or(|r| r.shift != shift) {
            runs.push(Run { start: ri, shift });
        }
        if shift.is_none() {
            break;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// The plain-text shortcut gives exactly what the Markdown parser gives,
    /// on texts built from pieces that are plain, nearly plain or not.
    #[test]
    fn plain_shortcut_agrees_with_markdown() {
        let pieces = [
            "本会",
            "2021",
            " ",
            "第1条",
            "[[art-1]]",
            "[[a, b]]",
            "abc",
            "\u{3000}",
            "\u{a0}",
            "x",
            "9",
            "[[bad",
            "。",
            "1.",
            "\\[[a]]",
            "*强调*",
            "\n",
            "\u{feff}",
            "Ⅰ",
            "＃",
            "]]",
            "[[a..c]]",
            "[[]]",
            "é",
        ];
        let mut seed: u64 = 7;
        let (mut shortcut, mut verbatim) = (0, 0);
        for _ in 0..20_000 {
            let mut s = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for k in 0..1 + (seed >> 60) as usize % 6 {
                s.push_str(pieces[(seed >> (k * 5 + 3)) as usize % pieces.len()]);
            }
            let fast = parse_inline_with(&s, true);
            let slow = parse_inline_with(&s, false);
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{s:?}");
            shortcut += usize::from(is_plain(&s, &scan_references(&s, &mut Vec::new())));
            // A text kept without its inlines (one run of plain text) gives
            // the same inlines, references, printed text, problems and
            // equality as the parsed nodes.
            let (text, problems) = Text::parse(s.clone(), Span::default());
            assert_eq!(format!("{:?}", (text.inlines(), &problems)), format!("{slow:?}"), "{s:?}");
            let parsed = Text::from_parts(s.clone(), Span::default(), slow.0.clone());
            let (lazy, _) = Text::parse(s.clone(), Span::default());
            verbatim += usize::from(lazy.inlines.get().is_none());
            assert_eq!(lazy.references(), parsed.references(), "{s:?}");
            let cite = |r: &Reference| format!("<{}>", r.raw.len());
            let (a, b) = (lazy.plain_with(&cite), parsed.plain_with(&cite));
            assert_eq!((&a.text, &a.pieces), (&b.text, &b.pieces), "{s:?}");
            assert!(lazy == parsed && parsed == text, "{s:?}");
        }
        assert!(shortcut > 2_000, "the shortcut was taken {shortcut} times");
        assert!(verbatim > 1_000, "{verbatim} texts kept without inlines");
    }

    fn refs(s: &str) -> Vec<String> {
        let (t, p) = Text::parse(s.to_string(), Span::default());
        assert!(p.is_empty(), "{p:?}");
        t.references()
            .iter()
            .map(|r| format!("{:?}", r.targets.ids().iter().map(|i| &i.id).collect::<Vec<_>>()))
            .collect()
    }

    #[test]
    fn references() {
        assert_eq!(refs("依照[[a-1]]的规定"), vec![r#"["a-1"]"#]);
        assert_eq!(refs("见[[a, b，c]]"), vec![r#"["a", "b", "c"]"#]);
        assert_eq!(refs("见[[a..b]]"), vec![r#"["a", "b"]"#]);
        assert_eq!(refs("*见[[a]]*"), vec![r#"["a"]"#]);
        assert!(refs(r"见\[[a]]").is_empty());
    }

    #[test]
    fn bad_references() {
        let (_, p) = Text::parse("见[[甲]]和[[b".to_string(), Span::default());
        assert_eq!(p.len(), 2);
        let (_, p) = Text::parse("见[[]]".to_string(), Span::default());
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn markdown_is_inline_only() {
        let (t, p) = Text::parse("1. 不是列表".to_string(), Span::default());
        assert!(p.is_empty());
        assert_eq!(t.plain_with(&|_| String::new()).text, "1. 不是列表");
        let (t, _) = Text::parse("# 号文件".to_string(), Span::default());
        assert_eq!(t.plain_with(&|_| String::new()).text, "# 号文件");
        let (t, _) = Text::parse("*强调*与**加粗**".to_string(), Span::default());
        assert!(matches!(t.inlines()[0], Inline::Emph(_)));
        let (_, p) = Text::parse("含<b>HTML</b>".to_string(), Span::default());
        assert!(p.iter().any(|p| p.kind == ProblemKind::Html));
        let (t, p) = Text::parse("成绩排名*".to_string(), Span::default());
        assert!(p.is_empty());
        assert_eq!(t.plain_with(&|_| String::new()).text, "成绩排名*");
    }

    #[test]
    fn joining() {
        assert_eq!(join_lines("第一行\n第二行\n"), Ok("第一行第二行".to_string()));
        assert_eq!(join_lines("and\nor"), Ok("and or".to_string()));
        assert!(join_lines("一\n\n二").is_err());
    }

    /// The scan `Text::locate` did before it kept a map (one walk of the
    /// source per position): the map must give the same answers.
    fn scan_locate(raw: &str, file: &SourceFile, span: Span, target: usize) -> usize {
        let src_start = file.clamp(span.start);
        let src_end = file.clamp(span.end.max(span.start)).max(src_start);
        let mut src_iter = file.text[src_start..src_end].char_indices();
        let mut last = src_start;
        for (ri, rc) in raw.char_indices() {
            if ri >= target {
                return last;
            }
            match src_iter.by_ref().find(|&(_, sc)| sc == rc) {
                Some((si, sc)) => last = src_start + si + sc.len_utf8(),
                None => return src_start,
            }
        }
        last
    }

    #[test]
    fn locate_agrees_with_a_scan() {
        let yaml = "text: \"第一行\n  第二*行*，见[[a]]、\\\"引\\\"\"\nnext: |\n  多行\n  文本 # 注\n";
        let file = SourceFile::new("t.yaml", yaml.to_string());
        for (raw, span) in [
            ("第一行 第二*行*，见[[a]]、\"引\"", Span::new(FileId(0), 6, yaml.find("\nnext").unwrap_or(0))),
            ("多行文本 # 注", Span::new(FileId(0), yaml.find("  多行").unwrap_or(0), yaml.len())),
            ("不在源里", Span::new(FileId(0), 0, 10)),
            ("第一行 第二缺", Span::new(FileId(0), 6, yaml.find("\nnext").unwrap_or(0))),
            ("", Span::new(FileId(0), 3, 3)),
        ] {
            let (t, _) = Text::parse(raw.to_string(), span);
            for a in 0..=raw.len() + 1 {
                for b in a..=raw.len() + 1 {
                    let got = t.locate(&file, a..b);
                    let start = scan_locate(raw, &file, span, a);
                    let end = if b > a { scan_locate(raw, &file, span, b) } else { start };
                    assert_eq!((got.start, got.end), (start, end.max(start)), "{raw:?} {a}..{b}");
                }
            }
        }
    }

    /// A text as written on one line is one run, whatever its length: the
    /// map is as small as the places where the parser removed something.
    #[test]
    fn locate_keeps_a_run_per_line() {
        let yaml = "a: 第一条文本，很长很长。\nb: 第一行\n  第二行\n  第三行\n";
        let file = SourceFile::new("t.yaml", yaml.to_string());
        let one = Span::new(FileId(0), 3, yaml.find("\nb").unwrap_or(0));
        let (t, _) = Text::parse("第一条文本，很长很长。".to_string(), one);
        assert_eq!(t.locate(&file, 3..6), Span::new(FileId(0), 6, 9));
        assert_eq!(t.locator.0.get().map(Vec::len), Some(1));
        let three = Span::new(FileId(0), yaml.find("第一行").unwrap_or(0), yaml.len());
        let (t, _) = Text::parse("第一行第二行第三行".to_string(), three);
        t.locate(&file, 0..1);
        assert_eq!(t.locator.0.get().map(Vec::len), Some(3));
    }

    #[test]
    fn to_raw_agrees_with_a_scan() {
        fn scan(p: &Plain, offset: usize) -> usize {
            // A text printed as written is one piece, the same both sides.
            let whole = [(0..p.text.len(), 0..p.text.len())];
            let pieces = if p.pieces.is_empty() { &whole[..] } else { &p.pieces[..] };
            for (pl, r) in pieces {
                if offset >= pl.start && offset < pl.end || (offset == pl.end && offset == p.text.len()) {
                    if pl.len() == r.len() {
                        return r.start + (offset - pl.start);
                    }
                    return if offset == pl.start { r.start } else { r.end };
                }
            }
            pieces.last().map_or(0, |(_, r)| r.end)
        }
        for raw in ["依照[[ab]]的*规定*", "[[a]][[b]]", "", "*x*", "见[[a]]", "\\*字\\*", "本会章程。"] {
            let (t, _) = Text::parse(raw.to_string(), Span::default());
            for cite in ["", "第二十条"] {
                let p = t.plain_with(&|_| cite.to_string());
                for o in 0..=p.text.len() + 1 {
                    assert_eq!(p.to_raw(o), scan(&p, o), "{raw:?} {cite:?} {o}");
                }
            }
        }
    }

    /// A text printed as written is borrowed, and reads and maps as the
    /// general path makes it; any markup, escape or reference is copied.
    #[test]
    fn plain_borrows_only_text_printed_as_written() {
        let cite = |_: &Reference| "第二十条".to_string();
        let (t, _) = Text::parse("本会依照章程开展工作。".to_string(), Span::default());
        let p = t.plain_with(&cite);
        assert!(matches!(p.text, Cow::Borrowed(_)));
        assert_eq!(p.text, t.raw);
        assert!(p.pieces.is_empty());
        for o in 0..=t.raw.len() + 1 {
            assert_eq!(p.to_raw(o), o.min(t.raw.len()));
        }
        for raw in ["依照[[a]]办理。", "*重大*事项", "成绩排名\\*", "A&amp;B", "`代码`"] {
            let (t, _) = Text::parse(raw.to_string(), Span::default());
            let p = t.plain_with(&cite);
            assert!(matches!(p.text, Cow::Owned(_)), "{raw}");
        }
        // The same inline text but not the raw one (an escape): copied.
        let t =
            Text::from_parts("a\\*".to_string(), Span::default(), vec![Inline::Text { text: "a*".into(), raw: 0..3 }]);
        assert_eq!(t.plain_with(&cite).text, "a*");
    }

    #[test]
    fn plain_maps_back() {
        let (t, _) = Text::parse("依照[[ab]]的*规定*".to_string(), Span::default());
        let p = t.plain_with(&|_| "第二十条".to_string());
        assert_eq!(p.text, "依照第二十条的规定");
        let at = p.text.find("规定").unwrap_or(0);
        assert_eq!(&t.raw[p.to_raw(at)..p.to_raw(at) + 6], "规定");
    }
}
