//! The checked document model: plain structs with stable ids.
//!
//! Nothing here stores a display number: numbers are computed by
//! [`crate::number`]. Every node keeps the span of its source for messages.

use serde::Serialize;

use crate::source::Span;
use crate::text::Text;

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
    pub history: Vec<Text>,
    pub preamble: Vec<Paragraph>,
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
}

#[derive(Clone, Debug)]
pub struct Article {
    pub id: String,
    pub id_span: Span,
    pub heading: Option<Text>,
    pub paragraphs: Vec<Paragraph>,
    pub repealed: bool,
    pub inserted: bool,
    /// The start of the mapping (zero width).
    pub span: Span,
    /// Rules suppressed inside this article.
    pub allow: Vec<Allow>,
}

/// 款.
#[derive(Clone, Debug)]
pub struct Paragraph {
    pub id: Option<String>,
    pub id_span: Option<Span>,
    pub text: Text,
    pub items: Vec<Item>,
    /// Rules suppressed inside this paragraph (mapping form only).
    pub allow: Vec<Allow>,
}

/// 项, and (as `items` of an item) 目.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: Option<String>,
    pub id_span: Option<Span>,
    pub text: Text,
    pub items: Vec<Item>,
    /// Rules suppressed inside this item (mapping form only).
    pub allow: Vec<Allow>,
}

impl Charter {
    /// All articles in document order.
    pub fn articles(&self) -> Vec<&Article> {
        let mut out = Vec::new();
        fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Article>) {
            for n in nodes {
                match n {
                    Node::Article(a) => out.push(a),
                    Node::Division(d) => walk(&d.body, out),
                }
            }
        }
        walk(&self.body, &mut out);
        out
    }

    /// All divisions in document order (pre-order).
    pub fn divisions(&self) -> Vec<&Division> {
        let mut out = Vec::new();
        fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Division>) {
            for n in nodes {
                if let Node::Division(d) = n {
                    out.push(d);
                    walk(&d.body, out);
                }
            }
        }
        walk(&self.body, &mut out);
        out
    }

    /// Every text of the document with the id of the article it belongs to
    /// (None for metadata and preamble), in document order.
    pub fn texts(&self) -> Vec<(Option<&Article>, &Text)> {
        let mut out: Vec<(Option<&Article>, &Text)> = Vec::new();
        for p in &self.meta.preamble {
            push_paragraph(None, p, &mut out);
        }
        for a in self.articles() {
            if let Some(h) = &a.heading {
                out.push((Some(a), h));
            }
            for p in &a.paragraphs {
                push_paragraph(Some(a), p, &mut out);
            }
        }
        out
    }
}

fn push_paragraph<'a>(a: Option<&'a Article>, p: &'a Paragraph, out: &mut Vec<(Option<&'a Article>, &'a Text)>) {
    out.push((a, &p.text));
    for i in &p.items {
        out.push((a, &i.text));
        for s in &i.items {
            out.push((a, &s.text));
        }
    }
}
