//! The charter (its export) as paragraphs, in the order and shape of the
//! PDF layout (templates/charter.typ): title, status, history, preamble,
//! then divisions and articles.

use charter_core::export::{ExArticle, ExItem, ExNode, ExParagraph, Export};
use charter_core::model::Level;
use charter_core::script::Script;

use crate::xml::{Char, Para, Rev, annotate};
use crate::{heading_style, inlines};

/// The charter's paragraphs; each note (`note:` of an article or a
/// division) becomes a comment over its paragraphs, added to `notes`.
pub fn paragraphs(ex: &Export, kinds: &[Level], errors: usize, notes: &mut Vec<String>) -> Vec<Para> {
    let mut out = front(ex);
    if errors > 0 {
        let mut p = Para::new("Unchecked");
        p.push(
            &ex.script.words(&format!("未通过检查：本文件生成时章程尚有 {errors} 个错误，不能作为正式文本。")),
            Char::Plain,
            Rev::None,
        );
        out.insert(1, p);
    }
    for n in &ex.body {
        node(n, kinds, &mut out, notes);
    }
    out.extend(signature(ex));
    out
}

/// The closing signature (落款): an empty line, the issuing bodies, the
/// date in Chinese; nothing without an issuer.
pub fn signature(ex: &Export) -> Vec<Para> {
    let Some(issuer) = &ex.issuer else { return Vec::new() };
    let mut out = vec![Para::new("Normal")];
    out.extend(issuer.lines().map(|l| line("Signature", l)));
    if let Some(d) = ex.date.as_deref().and_then(charter_core::date::Date::parse_iso) {
        out.push(line("Signature", &d.chinese()));
    }
    out
}

/// Title, （status）, the history lines and the preamble.
pub fn front(ex: &Export) -> Vec<Para> {
    let mut out = Vec::new();
    out.push(line("Title", &ex.title));
    if let Some(s) = &ex.status {
        out.push(line("Subtitle", &format!("（{s}）")));
    }
    for h in &ex.history {
        out.push(line("History", &format!("（{}）", h.plain)));
    }
    if !ex.preamble.is_empty() {
        out.push(line("PreambleHeading", PREAMBLE));
        for p in &ex.preamble {
            paragraph(p, None, &mut out);
        }
    }
    out
}

pub const PREAMBLE: &str = "序　　言";

pub fn line(style: &'static str, text: &str) -> Para {
    let mut p = Para::new(style);
    p.push(text, Char::Plain, Rev::None);
    p
}

fn node(n: &ExNode, kinds: &[Level], out: &mut Vec<Para>, notes: &mut Vec<String>) {
    let (level, d) = match n {
        ExNode::Article(a) => {
            let mut paras = article(a, &a.label);
            if let Some(note) = &a.note {
                annotate(&mut paras, note, notes);
            }
            out.extend(paras);
            return;
        }
        ExNode::Part(d) => (Level::Part, d),
        ExNode::Subpart(d) => (Level::Subpart, d),
        ExNode::Chapter(d) => (Level::Chapter, d),
        ExNode::Section(d) => (Level::Section, d),
    };
    let mut heading = [line(heading_style(kinds, level), &division_title(&d.label, &d.title))];
    if let Some(note) = &d.note {
        annotate(&mut heading, note, notes);
    }
    out.extend(heading);
    for c in &d.children {
        node(c, kinds, out, notes);
    }
}

/// 第一章　总则 (the title alone when unnumbered).
pub fn division_title(label: &str, title: &str) -> String {
    if label.is_empty() { title.to_string() } else { format!("{label}　{title}") }
}

/// An article's paragraphs, numbered `label`: the number run in at the
/// start of the first paragraph; on a line of its own with the article's
/// heading, or when the first paragraph has no text (items only).
pub fn article(a: &ExArticle, label: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let mut lead = Para::new("ArticleHeading");
    lead.push(label, Char::Number, Rev::None);
    if a.repealed {
        // The label is in the charter's script (第五條 in Traditional).
        let script = if label.contains('條') { Script::Traditional } else { Script::Simplified };
        lead.push(&script.words("　（删去）"), Char::Plain, Rev::None);
        out.push(lead);
        return out;
    }
    if let Some(h) = &a.heading {
        lead.push("　", Char::Plain, Rev::None);
        inlines(&mut lead, h, Char::Plain, Rev::None);
        out.push(lead);
        for p in &a.paragraphs {
            paragraph(p, None, &mut out);
        }
        return out;
    }
    match a.paragraphs.first() {
        Some(first) if !first.text.plain.is_empty() => {
            paragraph(first, Some(label), &mut out);
            for p in &a.paragraphs[1..] {
                paragraph(p, None, &mut out);
            }
        }
        _ => {
            out.push(lead);
            for p in &a.paragraphs {
                paragraph(p, None, &mut out);
            }
        }
    }
    out
}

/// A paragraph (款) and its items; one with no text of its own (items only)
/// prints just the items.
fn paragraph(p: &ExParagraph, lead: Option<&str>, out: &mut Vec<Para>) {
    if lead.is_some() || !p.text.plain.is_empty() {
        let mut para = Para::new("Normal");
        if let Some(l) = lead {
            para.push(l, Char::Number, Rev::None);
            para.push("　", Char::Plain, Rev::None);
        }
        inlines(&mut para, &p.text, Char::Plain, Rev::None);
        out.push(para);
    }
    items(&p.items, out);
}

fn items(list: &[ExItem], out: &mut Vec<Para>) {
    for it in list {
        let mut para = Para::new("Normal");
        para.push(&it.label, Char::Plain, Rev::None);
        inlines(&mut para, &it.text, Char::Plain, Rev::None);
        out.push(para);
        items(&it.items, out);
    }
}
