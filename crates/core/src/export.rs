//! The numbered, resolved model as JSON (schema `charter-export/1`,
//! documented in `docs/export-json.md`). Templates and other tools consume
//! this; it is the only contract between the core and the renderers.

use serde::Serialize;

use crate::model::{Article, Block, Charter, Node};
use crate::number::{Counts, Numbering};
use crate::numerals::{item_label, subitem_label};
use crate::resolve;
use crate::script::Script;
use crate::text::{Inline, RefTargets, Text};

pub const SCHEMA: &str = "charter-export/1";

#[derive(Debug, Serialize)]
pub struct Export {
    pub schema: &'static str,
    /// The script of the generated words (labels, citations): absent for
    /// the default, Simplified; `traditional` for 繁體.
    #[serde(skip_serializing_if = "is_simplified")]
    pub script: Script,
    pub title: String,
    pub status: Option<String>,
    pub date: Option<String>,
    /// The closing signature's issuing body, one a line; absent when unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    pub history: Vec<ExText>,
    pub preamble: Vec<ExParagraph>,
    pub counts: Counts,
    pub terms: Vec<ExTerm>,
    pub body: Vec<ExNode>,
}

#[derive(Debug, Serialize)]
pub struct ExTerm {
    pub name: String,
    pub short: Vec<String>,
    pub wrong: Vec<String>,
    pub kind: crate::model::TermKind,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ExNode {
    Part(ExDivision),
    Subpart(ExDivision),
    Chapter(ExDivision),
    Section(ExDivision),
    Article(ExArticle),
}

#[derive(Debug, Serialize)]
pub struct ExDivision {
    pub id: String,
    /// 第一章; empty for an unnumbered division.
    pub label: String,
    pub title: String,
    /// The drafter's note (`note:`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub children: Vec<ExNode>,
}

#[derive(Debug, Serialize)]
pub struct ExArticle {
    pub id: String,
    pub number: u32,
    /// 之一 → 1; 0 for an ordinary article.
    pub sub: u32,
    /// 第五条, 第五条之一.
    pub label: String,
    pub heading: Option<ExText>,
    pub repealed: bool,
    /// The drafter's note (`note:`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub paragraphs: Vec<ExParagraph>,
}

#[derive(Debug, Serialize)]
pub struct ExParagraph {
    pub id: Option<String>,
    pub text: ExText,
    pub items: Vec<ExItem>,
}

#[derive(Debug, Serialize)]
pub struct ExItem {
    pub id: Option<String>,
    /// （一） for items, 1. for sub-items.
    pub label: String,
    pub text: ExText,
    pub items: Vec<ExItem>,
}

/// A text: the plain string as printed, and its inline structure.
#[derive(Debug, Serialize)]
pub struct ExText {
    pub plain: String,
    pub inlines: Vec<ExInline>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ExInline {
    Text {
        text: String,
    },
    Emph {
        children: Vec<ExInline>,
    },
    Strong {
        children: Vec<ExInline>,
    },
    Code {
        text: String,
    },
    /// A cross-reference: `text` is the citation (第二十条第二款), `targets`
    /// the ids cited (the first is the link target), `resolved` false when
    /// an id is unknown.
    Ref {
        text: String,
        targets: Vec<String>,
        range: bool,
        resolved: bool,
        /// `text` cut into its citations and the words between them, each
        /// citation with its target: 第一条、第三条 → [第一条→a] [、] [第三条→b].
        parts: Vec<RefPart>,
    },
}

/// A piece of a cross-reference's text; `target` is None for the words
/// between citations (、 和 至) and for an unresolved reference.
#[derive(Debug, Serialize)]
pub struct RefPart {
    pub text: String,
    pub target: Option<String>,
}

fn is_simplified(s: &Script) -> bool {
    *s == Script::Simplified
}

/// Build the export of a charter.
pub fn export(charter: &Charter, numbering: &Numbering) -> Export {
    let ex = Exporter { numbering };
    Export {
        schema: SCHEMA,
        script: charter.meta.script,
        title: charter.meta.title.clone(),
        status: charter.meta.status.clone(),
        date: charter.meta.date.clone(),
        issuer: charter.meta.issuer.clone(),
        history: charter.meta.history.iter().map(|t| ex.text(t, None)).collect(),
        preamble: charter.meta.preamble.iter().map(|p| ex.paragraph(p, None)).collect(),
        counts: numbering.counts,
        terms: charter
            .terms
            .iter()
            .map(|t| ExTerm {
                name: t.name.text.clone(),
                short: t.short.iter().map(|n| n.text.clone()).collect(),
                wrong: t.wrong.iter().map(|n| n.text.clone()).collect(),
                kind: t.kind,
            })
            .collect(),
        body: charter.body.iter().map(|n| ex.node(n)).collect(),
    }
}

/// The export as pretty JSON with a trailing newline.
pub fn to_json(charter: &Charter, numbering: &Numbering) -> Result<String, crate::error::ToolError> {
    crate::error::to_json_pretty("导出数据", &export(charter, numbering))
}

struct Exporter<'a> {
    numbering: &'a Numbering,
}

impl Exporter<'_> {
    fn node(&self, n: &Node) -> ExNode {
        match n {
            Node::Division(d) => {
                let div = ExDivision {
                    id: d.id.clone(),
                    label: self.numbering.division_label(d),
                    title: d.title.clone(),
                    note: d.note.as_ref().map(|n| n.text.clone()),
                    children: d.body.iter().map(|c| self.node(c)).collect(),
                };
                match d.level {
                    crate::model::Level::Part => ExNode::Part(div),
                    crate::model::Level::Subpart => ExNode::Subpart(div),
                    crate::model::Level::Chapter => ExNode::Chapter(div),
                    crate::model::Level::Section => ExNode::Section(div),
                }
            }
            Node::Article(a) => ExNode::Article(self.article(a)),
        }
    }

    fn article(&self, a: &Article) -> ExArticle {
        let no = self.numbering.article(&a.id).unwrap_or_default();
        let from = Some(a.id.as_str());
        ExArticle {
            id: a.id.clone(),
            number: no.base,
            sub: no.sub,
            label: self.numbering.article_label(no),
            heading: a.heading.as_ref().map(|h| self.text(h, from)),
            repealed: a.repealed,
            note: a.note.as_ref().map(|n| n.text.clone()),
            paragraphs: a.paragraphs.iter().map(|p| self.paragraph(p, from)).collect(),
        }
    }

    // The export nests blocks as the model does, so it maps the tree
    // recursively rather than folding the flat visits of `walk` back into
    // one; `ExParagraph` and `ExItem` stay two types because the schema
    // (`charter-export/1`) gives items a label and paragraphs none.
    fn paragraph(&self, p: &Block, from: Option<&str>) -> ExParagraph {
        ExParagraph { id: p.id.clone(), text: self.text(&p.text, from), items: self.items(&p.items, from, false) }
    }

    fn items(&self, items: &[Block], from: Option<&str>, sub: bool) -> Vec<ExItem> {
        items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let n = i as u32 + 1;
                ExItem {
                    id: it.id.clone(),
                    label: if sub { subitem_label(n) } else { item_label(n) },
                    text: self.text(&it.text, from),
                    items: self.items(&it.items, from, true),
                }
            })
            .collect()
    }

    fn text(&self, t: &Text, from: Option<&str>) -> ExText {
        let plain = t.plain_with(&|r| resolve::cite(self.numbering, r, from)).text.into_owned();
        ExText { plain, inlines: self.inlines(t.inlines(), from) }
    }

    /// Cut a resolved reference's text into its citations. Empty when the
    /// pieces do not add up to `text` (then the caller keeps one piece).
    fn ref_parts(&self, r: &crate::text::Reference, text: &str, from: Option<&str>) -> Vec<RefPart> {
        let part = |t: &str, target: Option<&str>| RefPart { text: t.to_string(), target: target.map(str::to_string) };
        let mut parts = Vec::new();
        match &r.targets {
            RefTargets::List(ids) => {
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        parts.push(part(if i + 1 == ids.len() { "和" } else { "、" }, None));
                    }
                    let Some(c) = self.numbering.cite_one(&id.id, from) else { return Vec::new() };
                    parts.push(part(&c, Some(&id.id)));
                }
            }
            RefTargets::Range(a, b) => {
                let Some(first) = self.numbering.cite_one(&a.id, from) else { return Vec::new() };
                let Some(second) = text.strip_prefix(&first).and_then(|s| s.strip_prefix('至')) else {
                    return Vec::new();
                };
                parts.push(part(&first, Some(&a.id)));
                parts.push(part("至", None));
                parts.push(part(second, Some(&b.id)));
            }
        }
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        if joined == text { parts } else { Vec::new() }
    }

    fn inlines(&self, v: &[Inline], from: Option<&str>) -> Vec<ExInline> {
        v.iter()
            .map(|i| match i {
                Inline::Text { text, .. } => ExInline::Text { text: text.clone() },
                Inline::Code { text, .. } => ExInline::Code { text: text.clone() },
                Inline::Emph(c) => ExInline::Emph { children: self.inlines(c, from) },
                Inline::Strong(c) => ExInline::Strong { children: self.inlines(c, from) },
                Inline::Ref(r) => {
                    let text = resolve::cite(self.numbering, r, from);
                    let resolved = r.targets.ids().iter().all(|i| self.numbering.targets.contains_key(&i.id));
                    let parts = if resolved { self.ref_parts(r, &text, from) } else { Vec::new() };
                    let parts =
                        if parts.is_empty() { vec![RefPart { text: text.clone(), target: None }] } else { parts };
                    ExInline::Ref {
                        targets: r.targets.ids().iter().map(|i| i.id.clone()).collect(),
                        range: matches!(r.targets, RefTargets::Range(..)),
                        resolved,
                        parts,
                        text,
                    }
                }
            })
            .collect()
    }
}
