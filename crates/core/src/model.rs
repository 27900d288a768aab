//! The checked document model: plain structs with stable ids.
//!
//! Nothing here stores a display number: numbers are computed by
//! [`crate::number`]. Every node keeps the span of its source for messages.

use serde::Serialize;

use crate::source::Span;
use crate::text::Text;
use crate::walk::{self, BlockAt, Flow, Visitor};

#[derive(Clone, Debug)]
pub struct Charter {
    pub meta: Meta,
    pub terms: Vec<Term>,
    pub body: Vec<Node>,
}

#[derive(Clone, Debug)]
pub struct Meta {
    pub title: String,
    pub title_span: Span,
    pub status: Option<String>,
    pub status_span: Option<Span>,
    /// `YYYY-MM-DD`, checked.
    pub date: Option<String>,
    /// The issuing body (or bodies, one a line) of the closing signature
    /// (落款), printed at the end above the date.
    pub issuer: Option<String>,
    /// The print layout asked for in the file (`layout:`); `None`: chosen
    /// by length ([`PrintLayout::auto`]).
    pub layout: Option<PrintLayout>,
    /// The script (`script:`): the generated words' (第一条 or 第一條).
    pub script: crate::script::Script,
    pub history: Vec<Text>,
    pub preamble: Vec<Block>,
}

/// How a charter is printed: `Full` with cover, table of contents and
/// blank pages for two-sided printing; `Short` without cover and table of
/// contents, one-sided, no blank pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PrintLayout {
    Short,
    Full,
}

impl PrintLayout {
    /// Charters of at most this many articles print short by default.
    pub const SHORT_MAX_ARTICLES: usize = 20;

    /// The layout for a charter of `articles` articles when nobody chose one.
    pub fn auto(articles: usize) -> PrintLayout {
        if articles <= Self::SHORT_MAX_ARTICLES { PrintLayout::Short } else { PrintLayout::Full }
    }

    pub fn name(self) -> &'static str {
        match self {
            PrintLayout::Short => "short",
            PrintLayout::Full => "full",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    Body,
    Role,
    Outside,
    Document,
}

#[derive(Clone, Debug)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Term {
    pub name: Name,
    pub short: Vec<Name>,
    pub wrong: Vec<Name>,
    pub kind: TermKind,
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Node {
    Division(Division),
    Article(Article),
}

/// 编, 分编, 章, 节, outermost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Part,
    Subpart,
    Chapter,
    Section,
}

impl Level {
    /// The counter word: 编, 分编, 章, 节.
    pub fn word(self) -> &'static str {
        match self {
            Level::Part => "编",
            Level::Subpart => "分编",
            Level::Chapter => "章",
            Level::Section => "节",
        }
    }

    /// The YAML key.
    pub fn key(self) -> &'static str {
        match self {
            Level::Part => "part",
            Level::Subpart => "subpart",
            Level::Chapter => "chapter",
            Level::Section => "section",
        }
    }

    pub const ALL: [Level; 4] = [Level::Part, Level::Subpart, Level::Chapter, Level::Section];
}

/// One entry of an `allow:` list: a rule code (or rule name) whose
/// findings inside the node that holds the list are suppressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allow {
    pub code: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Division {
    pub id: String,
    pub id_span: Span,
    pub level: Level,
    pub title: String,
    pub title_span: Span,
    pub unnumbered: bool,
    pub body: Vec<Node>,
    /// The start of the mapping (zero width).
    pub span: Span,
    /// Rules suppressed inside this division.
    pub allow: Vec<Allow>,
    /// The drafter's note (修改说明): never printed in the charter's text.
    pub note: Option<Note>,
}

#[derive(Clone, Debug)]
pub struct Article {
    pub id: String,
    pub id_span: Span,
    pub heading: Option<Text>,
    pub paragraphs: Vec<Block>,
    pub repealed: bool,
    pub inserted: bool,
    /// The start of the mapping (zero width).
    pub span: Span,
    /// Rules suppressed inside this article.
    pub allow: Vec<Allow>,
    /// The drafter's note (修改说明): never printed in the charter's text.
    pub note: Option<Note>,
}

/// A drafter's note on a division or an article (`note:`): why it reads as
/// it does or why it was changed. Not part of the charter's text: no rule
/// checks it and no charter output prints it; the congress packet's 修改说明
/// and Word comments show it.
#[derive(Clone, Debug)]
pub struct Note {
    pub text: String,
    pub span: Span,
}

/// One block of an article's text: a 款 (in `Article::paragraphs` or
/// `Meta::preamble`), a 项 (in a paragraph's `items`) or a 目 (in an item's
/// `items`). The three are the same shape; where a block sits says which
/// it is ([`crate::walk::BlockLevel`]). The loader allows no deeper level
/// than 目.
#[derive(Clone, Debug)]
pub struct Block {
    pub id: Option<String>,
    pub id_span: Option<Span>,
    pub text: Text,
    /// The 项 of a 款, or the 目 of a 项; always empty for a 目.
    pub items: Vec<Block>,
    /// Rules suppressed inside this block (mapping form only).
    pub allow: Vec<Allow>,
}

impl Charter {
    /// All articles in document order.
    pub fn articles(&self) -> Vec<&Article> {
        struct Articles<'a>(Vec<&'a Article>);
        impl<'a> Visitor<'a> for Articles<'a> {
            fn article(&mut self, a: &'a Article, _: &[&'a Division]) {
                self.0.push(a);
            }
        }
        let mut v = Articles(Vec::new());
        walk::walk_nodes(&self.body, &mut v);
        v.0
    }

    /// All divisions in document order (pre-order).
    pub fn divisions(&self) -> Vec<&Division> {
        struct Divisions<'a>(Vec<&'a Division>);
        impl<'a> Visitor<'a> for Divisions<'a> {
            fn division(&mut self, d: &'a Division, _: &[&'a Division]) -> Flow {
                self.0.push(d);
                Flow::Descend
            }
        }
        let mut v = Divisions(Vec::new());
        walk::walk_nodes(&self.body, &mut v);
        v.0
    }

    /// Every text of the document with the article it belongs to (None for
    /// the preamble), in document order: the preamble's blocks, then each
    /// article's heading and blocks. Title and history are not included.
    pub fn texts(&self) -> Vec<(Option<&Article>, &Text)> {
        struct Texts<'a>(Vec<(Option<&'a Article>, &'a Text)>);
        impl<'a> Visitor<'a> for Texts<'a> {
            fn article(&mut self, a: &'a Article, _: &[&'a Division]) {
                if let Some(h) = &a.heading {
                    self.0.push((Some(a), h));
                }
            }
            fn block(&mut self, b: &'a Block, at: BlockAt<'a>) {
                self.0.push((at.article, &b.text));
            }
        }
        let mut v = Texts(Vec::new());
        walk::walk(self, &mut v);
        v.0
    }
}
