//! The charter and the diff as Word documents (`.docx`, WordprocessingML).
//!
//! [`charter`] writes a charter with real styles (Title, Heading 1–4 for
//! the divisions, 条号 for article numbers, Normal for the body), the GB/T
//! 9704 page of the PDF and page numbers “— 1 —” in the footer. Numbers
//! are plain text computed by charter, never Word's automatic numbering.
//!
//! [`diff`] writes the new draft with every change from the old one as a
//! tracked revision (`w:ins`, `w:del` at the characters the inline diff
//! found; whole paragraphs with their paragraph marks for added and
//! deleted articles; `w:moveFrom`/`w:moveTo` for moved articles), so that
//! accepting every revision gives the new draft and rejecting every one
//! the old draft.
//!
//! [`packet`] writes the congress packet (cover, TOC field, decision,
//! 修改说明, the 修改对照表 as a Word table, the new text) in the same
//! styles, one section per part.
//!
//! Output is deterministic: no clock (revision dates come from the draft),
//! revision ids counted per document (never a process-wide counter), a ZIP
//! written by the `zip` crate with every option pinned (`zip.rs`).

use charter_core::error::ToolError;
use charter_core::export::{self, ExInline, ExText, Export};
use charter_core::model::{Charter, Level};
use charter_core::number::Numbering;
use charter_core::script::Script;
use charter_diff::Diff;

mod build;
mod package;
mod packet;
mod tracked;
mod xml;
mod zip;

pub use packet::{Packet, packet};
pub use xml::{Para, Rev};

/// The font families named in the styles, per role (the document does not
/// embed fonts; Word and LibreOffice substitute what they lack).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fonts {
    /// 仿宋 for the body (GB/T 9704), or the Song face the PDF fell back to.
    pub body: String,
    /// 黑体: headings, article numbers.
    pub heading: String,
    /// 小标宋: the title.
    pub title: String,
    /// 宋体: page numbers.
    pub song: String,
    /// 楷体: emphasis, the history lines.
    pub kai: String,
}

impl Default for Fonts {
    /// The Windows names of the GB/T 9704 faces.
    fn default() -> Self {
        Fonts {
            body: "仿宋".into(),
            heading: "黑体".into(),
            title: "方正小标宋简体".into(),
            song: "宋体".into(),
            kai: "楷体".into(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Options {
    pub fonts: Fonts,
    /// Errors the charter had when built with `--force` (a red notice under
    /// the title says so).
    pub errors: usize,
    /// The author of every revision of a diff.
    pub author: String,
}

impl Default for Options {
    fn default() -> Self {
        Options { fonts: Fonts::default(), errors: 0, author: DEFAULT_AUTHOR.to_string() }
    }
}

/// The author of tracked changes unless `--author` says otherwise.
pub const DEFAULT_AUTHOR: &str = "秘书处";

/// The charter as a .docx.
pub fn charter(charter: &Charter, numbering: &Numbering, options: &Options) -> Result<Vec<u8>, ToolError> {
    let ex = export::export(charter, numbering);
    let kinds = kinds(&[&ex]);
    let mut notes = Vec::new();
    let paras = build::paragraphs(&ex, &kinds, options.errors, &mut notes);
    let stamp = xml::Stamp { author: options.author.clone(), date: None };
    let comment_stamp = xml::Stamp { author: options.author.clone(), date: ex.date.clone() };
    let doc = Doc {
        paras: &paras,
        notes: &notes,
        title: &ex.title,
        date: ex.date.as_deref(),
        levels: kinds.len(),
        script: ex.script,
    };
    package(&doc, &options.fonts, &stamp, &comment_stamp, false)
}

/// A formal document in the charter's styles — the amendment decision (关于
/// 修改《…》的决定): the title, the line under it (（2021年12月1日……通过）,
/// centred in 楷体), then the body paragraphs (first line indented).
#[derive(Debug)]
pub struct Formal<'a> {
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub paragraphs: &'a [String],
    /// `YYYY-MM-DD` for the document properties.
    pub date: Option<&'a str>,
}

/// A formal document as a .docx (same page, styles and footers as the
/// charter).
pub fn formal(f: &Formal, options: &Options) -> Result<Vec<u8>, ToolError> {
    let mut paras = vec![build::line("Title", f.title)];
    if let Some(s) = f.subtitle {
        paras.push(build::line("History", s));
    }
    paras.extend(f.paragraphs.iter().filter(|p| !p.trim().is_empty()).map(|p| build::line("Normal", p)));
    let stamp = xml::Stamp { author: options.author.clone(), date: None };
    // A decision carries no script of its own: its text tells.
    let all: String = std::iter::once(f.title).chain(f.paragraphs.iter().map(String::as_str)).collect();
    let script = charter_core::script::detect(&all).unwrap_or_default();
    let doc = Doc { paras: &paras, notes: &[], title: f.title, date: f.date, levels: 0, script };
    package(&doc, &options.fonts, &stamp, &stamp, false)
}

/// One draft of a diff.
#[derive(Debug)]
pub struct Side<'a> {
    pub charter: &'a Charter,
    pub numbering: &'a Numbering,
}

/// The new draft with every change from the old one as a tracked revision.
pub fn diff(d: &Diff, old: &Side, new: &Side, options: &Options) -> Result<Vec<u8>, ToolError> {
    let oe = export::export(old.charter, old.numbering);
    let ne = export::export(new.charter, new.numbering);
    let kinds = kinds(&[&oe, &ne]);
    let mut notes = Vec::new();
    let paras = tracked::paragraphs(d, &oe, &ne, &kinds, &mut notes);
    let date = ne.date.clone().or_else(|| oe.date.clone());
    let stamp = xml::Stamp { author: options.author.clone(), date: date.clone() };
    let doc = Doc {
        paras: &paras,
        notes: &notes,
        title: &ne.title,
        date: date.as_deref(),
        levels: kinds.len(),
        script: ne.script,
    };
    package(&doc, &options.fonts, &stamp, &stamp, true)
}

/// The paragraphs of the tracked diff document, for checks: accepting
/// (`Para::text(true)`) gives the new draft, rejecting the old.
pub fn diff_paragraphs(d: &Diff, old: &Side, new: &Side) -> Vec<Para> {
    let oe = export::export(old.charter, old.numbering);
    let ne = export::export(new.charter, new.numbering);
    tracked::paragraphs(d, &oe, &ne, &kinds(&[&oe, &ne]), &mut Vec::new())
}

/// The paragraphs of the built charter, for checks.
pub fn charter_paragraphs(charter: &Charter, numbering: &Numbering) -> Vec<Para> {
    let ex = export::export(charter, numbering);
    build::paragraphs(&ex, &kinds(&[&ex]), 0, &mut Vec::new())
}

/// The kinds of division any of the drafts has, outermost first: each
/// gets the next Heading level (a charter of chapters and sections uses
/// Heading 1 and 2).
fn kinds(exports: &[&Export]) -> Vec<Level> {
    let c = |f: fn(&charter_core::number::Counts) -> usize| exports.iter().any(|e| f(&e.counts) > 0);
    let has = [c(|c| c.parts), c(|c| c.subparts), c(|c| c.chapters), c(|c| c.sections)];
    Level::ALL.into_iter().zip(has).filter(|(_, h)| *h).map(|(l, _)| l).collect()
}

/// The paragraph style of a division heading.
pub(crate) fn heading_style(kinds: &[Level], level: Level) -> &'static str {
    const STYLES: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
    STYLES[kinds.iter().position(|k| *k == level).unwrap_or(0).min(3)]
}

/// A document's content: its paragraphs, the notes its comments say, the
/// title and date for the properties, the number of heading levels.
struct Doc<'a> {
    paras: &'a [Para],
    notes: &'a [String],
    title: &'a str,
    date: Option<&'a str>,
    levels: usize,
    script: Script,
}

/// The package; `stamp` signs revisions, `comment_stamp` comments.
fn package(
    doc: &Doc,
    fonts: &Fonts,
    stamp: &xml::Stamp,
    comment_stamp: &xml::Stamp,
    track: bool,
) -> Result<Vec<u8>, ToolError> {
    let mut w = xml::Writer::new(stamp);
    for p in doc.paras {
        w.para(p);
    }
    let parts = Parts {
        document: package::document(&w.out),
        styles: package::styles(fonts, doc.levels, false, package::lang(doc.script)),
        notes: doc.notes,
        title: doc.title,
        date: doc.date,
        lang: package::lang(doc.script),
    };
    zip_package(&parts, comment_stamp, track)
}

/// The parts a package is made of besides the fixed ones.
pub(crate) struct Parts<'a> {
    pub document: String,
    pub styles: String,
    pub notes: &'a [String],
    pub title: &'a str,
    pub date: Option<&'a str>,
    /// The language tag ([`package::lang`]).
    pub lang: &'static str,
}

/// The package of `parts`, with relationships, settings and footers.
pub(crate) fn zip_package(parts: &Parts, comment_stamp: &xml::Stamp, track: bool) -> Result<Vec<u8>, ToolError> {
    let has = !parts.notes.is_empty();
    let mut entries: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", package::content_types(has).into_bytes()),
        ("_rels/.rels", package::root_rels().into_bytes()),
        ("docProps/core.xml", package::core(parts.title, parts.date, parts.lang).into_bytes()),
        ("word/_rels/document.xml.rels", package::document_rels(has).into_bytes()),
        ("word/document.xml", parts.document.clone().into_bytes()),
        ("word/styles.xml", parts.styles.clone().into_bytes()),
        ("word/settings.xml", package::settings(track).into_bytes()),
        ("word/footer1.xml", package::footer(true).into_bytes()),
        ("word/footer2.xml", package::footer(false).into_bytes()),
    ];
    if has {
        entries.push(("word/comments.xml", xml::comments(parts.notes, comment_stamp).into_bytes()));
    }
    zip::write(&entries)
}

/// Append a text's inlines as runs (bold as Strong, italic as Emphasis).
pub(crate) fn inlines(p: &mut Para, t: &ExText, style: xml::Char, rev: Rev) {
    fn walk(p: &mut Para, list: &[ExInline], style: xml::Char, rev: Rev) {
        for i in list {
            match i {
                ExInline::Text { text } | ExInline::Code { text } | ExInline::Ref { text, .. } => {
                    p.push(text, style, rev)
                }
                ExInline::Strong { children } => walk(p, children, xml::Char::Strong, rev),
                ExInline::Emph { children } => walk(p, children, xml::Char::Emph, rev),
            }
        }
    }
    walk(p, &t.inlines, style, rev);
}
