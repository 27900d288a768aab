//! The conventional plain-text layout of a charter (`charter export
//! --format text`): title, status and history lines, 序言, headings
//! (第一章　总则), articles (第一条　…) with their paragraphs, items （一）
//! and sub-items 1., the closing signature (落款) when there is an issuer —
//! the layout of published statutes, and exactly what `charter import`
//! reads back.
//!
//! An article heading that the importer could mistake for text (too long,
//! or with punctuation) is written in 【】 (第二条　【名称、住所】), a form
//! annotated statutes use and the importer understands.

use std::fmt::Write;

use crate::{IBlock, INode, Imported, from_charter, heading_is_plain};
use charter_core::model::Charter;
use charter_core::number::{Numbering, Target};
use charter_core::numerals::{item_label, subitem_label, to_chinese};

const INDENT: &str = "\u{3000}\u{3000}";
const SEP: &str = "\u{3000}";

/// The charter as conventional plain text, one paragraph per line.
pub fn to_text(charter: &Charter, numbering: &Numbering) -> String {
    render(&from_charter(charter, numbering), numbering)
}

fn render(c: &Imported, numbering: &Numbering) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", c.title);
    if let Some(st) = &c.status {
        let _ = writeln!(s, "（{st}）");
    }
    for h in &c.history {
        let _ = writeln!(s, "（{h}）");
    }
    if !c.preamble.is_empty() {
        let _ = writeln!(s, "\n序言\n");
        for p in &c.preamble {
            let _ = writeln!(s, "{INDENT}{p}");
        }
    }
    nodes(&mut s, &c.body, numbering);
    // The closing signature, as a document has it: the issuing bodies and
    // the date on lines of their own after the last article.
    if let Some(issuer) = &c.issuer {
        s.push('\n');
        for line in issuer.lines() {
            let _ = writeln!(s, "{line}");
        }
        if let Some(d) = c.date.as_deref().and_then(charter_core::date::Date::parse_iso) {
            let _ = writeln!(s, "{}", d.chinese());
        }
    }
    s
}

fn nodes(s: &mut String, list: &[INode], numbering: &Numbering) {
    for n in list {
        match n {
            INode::Division(d) => {
                let label = match numbering.targets.get(&d.id) {
                    Some(Target::Division { number: Some(k), level, .. }) => {
                        format!("第{}{}{SEP}", to_chinese(*k), level.word())
                    }
                    _ => String::new(),
                };
                let _ = writeln!(s, "\n{label}{}\n", d.title);
                nodes(s, &d.body, numbering);
            }
            INode::Article(a) => {
                let label = numbering.article(&a.id).map(|n| numbering.article_label(n)).unwrap_or_default();
                let _ = write!(s, "{INDENT}{label}");
                if a.repealed {
                    let _ = writeln!(s, "{SEP}（删去）");
                    continue;
                }
                let mut paragraphs = a.paragraphs.iter();
                match &a.heading {
                    Some(h) => {
                        if heading_is_plain(h) && !a.paragraphs.is_empty() {
                            let _ = writeln!(s, "{SEP}{h}");
                        } else {
                            let _ = writeln!(s, "{SEP}【{h}】");
                        }
                    }
                    None => match paragraphs.next() {
                        Some(p) if !p.text.is_empty() => {
                            let _ = writeln!(s, "{SEP}{}", p.text);
                            items(s, &p.items);
                        }
                        Some(p) => {
                            s.push('\n');
                            items(s, &p.items);
                        }
                        None => s.push('\n'),
                    },
                }
                for p in paragraphs {
                    if !p.text.is_empty() {
                        let _ = writeln!(s, "{INDENT}{}", p.text);
                    }
                    items(s, &p.items);
                }
            }
        }
    }
}

fn items(s: &mut String, list: &[IBlock]) {
    for (i, it) in list.iter().enumerate() {
        let _ = writeln!(s, "{INDENT}{}{}", item_label(i as u32 + 1), it.text);
        for (k, sub) in it.items.iter().enumerate() {
            // "1." before a text starting with a digit would read as "1.5".
            let gap = if sub.text.starts_with(|c: char| c.is_ascii_digit()) { " " } else { "" };
            let _ = writeln!(s, "{INDENT}{}{gap}{}", subitem_label(k as u32 + 1), sub.text);
        }
    }
}
