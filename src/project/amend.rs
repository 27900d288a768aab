//! The congress's printed documents from two drafts: the amendment
//! decision as PDF and HTML (`charter amend --format pdf|html`) and the
//! congress packet (`charter packet`: cover, contents, the decision, the
//! 修改说明, the 修改对照表 and the new text, one PDF).
//!
//! Like [`super::diff`] these work on a [`Comparison`] (the two drafts read
//! and loaded): the decision comes from `charter-amend` (its model and
//! wording, untouched), the 修改说明 from `charter-diff`'s
//! [`statement`](charter_diff::statement) with the new draft's notes, the
//! table from [`charter_diff::table`]. Each document is rendered in memory,
//! every printed character checked for a glyph first (`R001`, located in
//! the drafts where it occurs), the template found in the new draft's
//! project, else the old one's, else built in; nothing is written here.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use charter_amend::{Doc, Meta, Written};
use charter_core::error::ToolError;
use charter_diff::Diff;
use charter_diff::statement::{self, Statement};
use charter_render::{DECISION_HTML_TEMPLATE, DECISION_TEMPLATE, FontSet, PACKET_TEMPLATE, RenderError, Report, pdf};

use super::diff::{Comparison, Missing};

/// The schema of the printed decision a template receives.
pub const DECISION_SCHEMA: &str = "charter-decision-page/1";
/// The schema of the packet's own data (`/packet.json`).
pub const PACKET_SCHEMA: &str = "charter-packet/1";

/// The decision as printed: every sentence worded by `charter-amend`,
/// ready to lay out (`/decision.json` for typst, `decision` for HTML).
#[derive(Clone, Debug, Serialize)]
pub struct DecisionPage {
    pub schema: &'static str,
    /// The charter's title, as in 《》.
    pub title: String,
    /// 关于修改《T》的决定.
    pub heading: String,
    /// The heading in two lines, broken before 《: 关于修改 / 《T》的决定.
    pub heading_lines: Vec<String>,
    /// （2021年12月1日学生代表大会通过）.
    pub adopted: String,
    /// The same in two lines, broken after the date, for a long meeting
    /// name: （2021年12月1日 / 哈尔滨音乐学院…会议通过）.
    pub adopted_lines: Vec<String>,
    /// The adopting body and meeting.
    pub body: String,
    /// YYYY-MM-DD, when known.
    pub date: Option<String>,
    /// B决定对《T》作如下修改：
    pub opening: String,
    pub items: Vec<PageItem>,
    /// 此外，……; 《T》根据本决定作相应修改，重新公布。
    pub closing: Vec<String>,
    /// Applying the decision to the old draft gives the new one exactly.
    pub verified: bool,
}

/// One item as printed.
#[derive(Clone, Debug, Serialize)]
pub struct PageItem {
    pub no: usize,
    /// 一、
    pub label: String,
    /// The item's paragraphs: its clauses, and each paragraph of a
    /// quotation (every one opening with “, only the last closing).
    pub paragraphs: Vec<String>,
}

impl DecisionPage {
    /// The printed form of `w`'s decision.
    pub fn new(w: &Written) -> DecisionPage {
        let d = &w.decision;
        let heading = d.heading();
        let heading_lines = match heading.find('《') {
            Some(i) if i > 0 => vec![heading[..i].to_string(), heading[i..].to_string()],
            _ => vec![heading.clone()],
        };
        let items = d
            .items
            .iter()
            .map(|it| {
                let text = it.ops.iter().map(charter_amend::decision::render_op).collect::<Vec<_>>().join("\n");
                // In the charter's script (第五條, 「」 for Traditional).
                let text = d.words(&text);
                PageItem {
                    no: it.no,
                    label: format!("{}、", charter_core::numerals::to_chinese(it.no as u32)),
                    paragraphs: text.split('\n').filter(|l| !l.is_empty()).map(str::to_string).collect(),
                }
            })
            .collect();
        let adopted = d.adopted_line();
        let adopted_lines = match adopted.find('日') {
            Some(i) if adopted[i + '日'.len_utf8()..].chars().count() > 3 => {
                let at = i + '日'.len_utf8();
                vec![adopted[..at].to_string(), adopted[at..].to_string()]
            }
            _ => vec![adopted.clone()],
        };
        DecisionPage {
            schema: DECISION_SCHEMA,
            title: d.title.clone(),
            heading,
            heading_lines,
            adopted,
            adopted_lines,
            body: d.body.clone(),
            date: d.date.clone(),
            opening: d.opening(),
            items,
            closing: d.closing(),
            verified: w.verified,
        }
    }

    /// The decision as one text (every character it prints).
    fn text(&self) -> String {
        let mut s = format!("{}{}{}", self.heading, self.adopted, self.opening);
        for it in &self.items {
            s.push_str(&it.label);
            s.extend(it.paragraphs.iter().map(String::as_str));
        }
        s.extend(self.closing.iter().map(String::as_str));
        s
    }
}

/// The packet's own data (`/packet.json`).
#[derive(Clone, Debug, Serialize)]
pub struct Packet {
    pub schema: &'static str,
    /// The new draft's title.
    pub title: String,
    /// The meeting the drafts go to (the decision's body).
    pub meeting: String,
    /// 2021年12月1日, when the decision has a date.
    pub date_text: Option<String>,
    pub decision: DecisionPage,
    pub statement: Statement,
}

/// A printed document, or why it was not made.
#[derive(Debug)]
pub enum Printed {
    /// The PDF (or the HTML page's bytes, with no page count).
    Rendered { bytes: Vec<u8>, pages: Option<usize>, warnings: Report },
    /// Characters to print have no glyph in any font.
    MissingGlyphs(Missing),
    /// The template has errors.
    Template(Report),
}

impl Comparison {
    /// The decision written from `d` (this comparison's diff) with the
    /// adopting body and date of `meta` (else the new draft's date), or
    /// `None` when a draft did not load.
    pub fn decision(&self, d: &Diff, meta: &Meta) -> Option<Written> {
        let (oc, nc) = (self.old.doc.charter.as_ref()?, self.new.doc.charter.as_ref()?);
        let old = Doc::from_charter(oc, &self.old.doc.numbering);
        let new = Doc::from_charter(nc, &self.new.doc.numbering);
        Some(charter_amend::write(&old, &new, d, meta))
    }

    /// `out/<what>-<old>-<new>.<extension>` (`amend`, `packet`).
    pub fn default_named_path(&self, what: &str, extension: &str) -> PathBuf {
        let diff = self.default_path(extension);
        let name = diff.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        diff.with_file_name(name.replacen("diff-", &format!("{what}-"), 1))
    }

    /// The decision as PDF (`templates/decision.typ`).
    pub fn decision_pdf(&self, w: &Written, fonts: &FontSet) -> Result<Printed, ToolError> {
        let page = DecisionPage::new(w);
        if let Some(m) = self.missing_glyphs(page.text().chars(), fonts, "--body 或 --date 参数") {
            return Ok(Printed::MissingGlyphs(m));
        }
        let template = self.template(DECISION_TEMPLATE)?;
        let result = charter_render::decision_pdf(
            &page,
            page.date.as_deref(),
            w.decision.script,
            &page.heading,
            &template,
            fonts,
        );
        pdf_printed(result)
    }

    /// The decision as one HTML page (`templates/decision.html.j2`).
    pub fn decision_html(&self, w: &Written) -> Result<Printed, ToolError> {
        let page = DecisionPage::new(w);
        let template = self.template(DECISION_HTML_TEMPLATE)?;
        Ok(match charter_render::decision_html(&page, page.date.as_deref(), w.decision.script, &template) {
            Ok(html) => Printed::Rendered { bytes: html.into_bytes(), pages: None, warnings: Report::default() },
            Err(report) => Printed::Template(report),
        })
    }

    /// The 修改说明's skeleton: the changes of `d` by chapter, each with
    /// the note the new draft writes on the changed node, if any.
    pub fn statement(&self, d: &Diff) -> Statement {
        let notes = self.new.doc.charter.as_ref().map(notes).unwrap_or_default();
        statement::statement(d, &|id| notes.get(id).cloned())
    }

    /// The congress packet (`templates/packet.typ`): cover, contents, the
    /// decision (草案), the 修改说明, the 修改对照表 and the new text.
    pub fn packet_pdf(&self, d: &Diff, w: &Written, fonts: &FontSet) -> Result<Printed, ToolError> {
        let Some(nc) = self.new.doc.charter.as_ref() else {
            return Err(ToolError::Usage("修改后的章程无法读取".to_string()));
        };
        let decision = DecisionPage::new(w);
        let packet = Packet {
            schema: PACKET_SCHEMA,
            title: d.new.title.clone(),
            meeting: decision.body.clone(),
            date_text: decision.date.as_deref().map(charter_amend::decision::chinese_date),
            statement: self.statement(d),
            decision,
        };
        let mut table = charter_diff::table::table(d);
        // The delegates' copy names no files.
        table.old.name.clear();
        table.new.name.clear();
        let export = charter_core::export::export(nc, &self.new.doc.numbering);
        let export_json = serde_json::to_string(&export).map_err(ToolError::serialize("导出数据"))?;
        let packet_json = serde_json::to_string(&packet).map_err(ToolError::serialize("大会文件数据"))?;
        let chars = packet_json.chars().chain(table.chars()).chain(export_json.chars());
        if let Some(m) = self.missing_glyphs(chars, fonts, "--body 或 --date 参数") {
            return Ok(Printed::MissingGlyphs(m));
        }
        let template = self.template(PACKET_TEMPLATE)?;
        let date = packet.decision.date.clone();
        let result = charter_render::packet_pdf(
            &packet,
            &table,
            (nc, &self.new.doc.numbering),
            date.as_deref(),
            &template,
            fonts,
        );
        pdf_printed(result)
    }
}

impl Comparison {
    /// The congress packet as one Word document (`charter packet
    /// --format docx`): the same parts as [`Self::packet_pdf`], worded the
    /// same — the decision's paragraphs as `DecisionPage` prints them, the
    /// 修改说明 of [`Self::statement`], the 修改对照表 of
    /// [`charter_diff::table`] — in the charter's Word styles
    /// (`charter_docx::packet`). Word has no glyph check: it substitutes
    /// fonts itself.
    pub fn packet_docx(&self, d: &Diff, w: &Written, fonts: charter_docx::Fonts) -> Result<Vec<u8>, ToolError> {
        let Some(nc) = self.new.doc.charter.as_ref() else {
            return Err(ToolError::Usage("修改后的章程无法读取".to_string()));
        };
        let page = DecisionPage::new(w);
        let mut paragraphs = vec![page.opening.clone()];
        for it in &page.items {
            for (i, p) in it.paragraphs.iter().enumerate() {
                paragraphs.push(if i == 0 { format!("{}{p}", it.label) } else { p.clone() });
            }
        }
        paragraphs.extend(page.closing.iter().cloned());
        let statement = self.statement(d);
        let mut table = charter_diff::table::table(d);
        table.old.name.clear();
        table.new.name.clear();
        let date_text = page.date.as_deref().map(charter_amend::decision::chinese_date);
        let packet = charter_docx::Packet {
            title: &d.new.title,
            meeting: &page.body,
            date_text: date_text.as_deref(),
            decision: charter_docx::Formal {
                title: &page.heading,
                subtitle: None,
                paragraphs: &paragraphs,
                date: page.date.as_deref(),
            },
            statement: &statement,
            table: &table,
            charter: nc,
            numbering: &self.new.doc.numbering,
        };
        let options = charter_docx::Options { fonts, errors: 0, author: charter_docx::DEFAULT_AUTHOR.to_string() };
        charter_docx::packet(&packet, &options)
    }
}

/// Every node's note in `c` (`note:` on articles and divisions), by id.
fn notes(c: &charter_core::Charter) -> HashMap<String, String> {
    let articles = c.articles().into_iter().filter_map(|a| Some((a.id.clone(), a.note.as_ref()?.text.clone())));
    let divisions = c.divisions().into_iter().filter_map(|d| Some((d.id.clone(), d.note.as_ref()?.text.clone())));
    articles.chain(divisions).collect()
}

fn pdf_printed(result: Result<pdf::Pdf, RenderError>) -> Result<Printed, ToolError> {
    Ok(match result {
        Ok(pdf) => Printed::Rendered { bytes: pdf.bytes, pages: Some(pdf.pages), warnings: pdf.warnings },
        Err(RenderError::Template(report)) => Printed::Template(report),
        Err(RenderError::Tool(e)) => return Err(e),
    })
}
