//! The charter as a Word document (`charter-docx`): real styles, plain-text
//! numbers, GB/T 9704 page setup. No template: the layout is the styles.

use charter_render::{FontSet, RenderError, Report};

use super::{Output, RenderContext, Rendered};

/// `charter build --format docx`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Docx;

impl Output for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn extension(&self) -> &'static str {
        "docx"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    /// The fonts decide which font names the styles use.
    fn needs_fonts(&self) -> bool {
        true
    }

    /// Word names fonts and does not embed them: no glyph check.
    fn embeds_fonts(&self) -> bool {
        false
    }

    fn render(&self, ctx: &RenderContext) -> Result<Rendered, RenderError> {
        let fonts = ctx.fonts.map(docx_fonts).unwrap_or_default();
        let options = charter_docx::Options {
            fonts,
            errors: ctx.options.errors,
            author: charter_docx::DEFAULT_AUTHOR.to_string(),
        };
        let bytes = charter_docx::charter(ctx.charter, ctx.numbering, &options)?;
        Ok(Rendered { bytes, pages: None, parts: Vec::new(), warnings: Report::default() })
    }
}

/// The font names a Word document asks for, by role: what the PDF would use
/// where that is an installed font, else the usual Windows names (仿宋, 黑体,
/// …) — charter's own embedded subsets are no use to Word.
pub fn docx_fonts(fonts: &FontSet) -> charter_docx::Fonts {
    use charter_render::fonts::{EMBEDDED_SANS, EMBEDDED_SERIF};
    let r = fonts.resolve();
    let d = charter_docx::Fonts::default();
    let pick = |list: &[String], default: String| {
        list.first().filter(|f| *f != EMBEDDED_SERIF && *f != EMBEDDED_SANS).cloned().unwrap_or(default)
    };
    charter_docx::Fonts {
        body: pick(&r.body, d.body),
        heading: pick(&r.heading, d.heading),
        title: pick(&r.title, d.title),
        song: pick(&r.song, d.song),
        kai: pick(&r.kai, d.kai),
    }
}

/// The amendment decision (`charter amend --format docx`) as a Word
/// document in the charter's styles: its plain text (`Decision::to_text`,
/// so the wording is exactly the text version's) laid out as the title,
/// the adoption line under it, and one paragraph per line of the body.
pub fn decision_docx(
    d: &charter_amend::Decision,
    fonts: charter_docx::Fonts,
) -> Result<Vec<u8>, charter_core::error::ToolError> {
    let text = d.to_text();
    let mut lines: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    let title = d.heading();
    let subtitle = d.adopted_line();
    if lines.first() == Some(&title) {
        lines.remove(0);
    }
    let has_sub = lines.first() == Some(&subtitle);
    if has_sub {
        lines.remove(0);
    }
    let options = charter_docx::Options { fonts, errors: 0, author: charter_docx::DEFAULT_AUTHOR.to_string() };
    charter_docx::formal(
        &charter_docx::Formal {
            title: &title,
            subtitle: has_sub.then_some(subtitle.as_str()),
            paragraphs: &lines,
            date: d.date.as_deref(),
        },
        &options,
    )
}
