//! The writer interface: one [`Output`] per format `charter build` makes.
//!
//! An output turns the checked charter into the bytes of one file, in
//! memory; [`super::Project::build`] renders every requested output first
//! and writes nothing until all of them succeeded. A new format (Word, the
//! amendment decision) is one new file in this folder implementing
//! [`Output`], plus its entry in the CLI's `--format` list.

use std::fmt::Debug;

use charter_core::{Charter, Numbering};
use charter_render::{BuildOptions, FontSet, RenderError, Report, Template};

mod docx;
mod html;
mod pages;
mod pdf;

pub use docx::{Docx, decision_docx, docx_fonts};
pub use html::Html;
pub use pages::SvgPages;
pub use pdf::Pdf;

/// Everything an output may use.
#[derive(Debug)]
pub struct RenderContext<'a> {
    pub charter: &'a Charter,
    pub numbering: &'a Numbering,
    /// The output's template (the project's own, or the built-in one);
    /// None for an output that has none ([`Output::template`]).
    pub template: Option<&'a Template>,
    /// The fonts, when the output [needs them](Output::needs_fonts).
    pub fonts: Option<&'a FontSet>,
    /// The typst session to compile in (a watcher's long-lived one, or a
    /// fresh one for a single build).
    pub typst: &'a charter_render::pdf::Session,
    pub options: &'a BuildOptions,
}

/// One rendered file, not yet written.
#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// The number of pages, for paged formats.
    pub pages: Option<usize>,
    /// For a format of one file per page (SVG pages): the pages' files
    /// (then `bytes` is empty).
    pub parts: Vec<Vec<u8>>,
    /// Warnings of the renderer (a template's warnings).
    pub warnings: Report,
}

/// A format `charter build` can make.
pub trait Output: Debug + Sync {
    /// The format's name (`pdf`, `html`), as `--format` spells it.
    fn name(&self) -> &'static str;
    /// The output file's extension, without the dot.
    fn extension(&self) -> &'static str;
    /// The file name of its template (built in, or in the project's
    /// `templates/` folder); None for a format written without one (Word).
    fn template(&self) -> Option<&'static str>;
    /// Whether it needs fonts (then the build loads them).
    fn needs_fonts(&self) -> bool {
        false
    }
    /// Whether it embeds the fonts, so that every character of the charter
    /// must have a glyph (the build checks, `R001`, before rendering). A
    /// format that only names fonts (Word) does not.
    fn embeds_fonts(&self) -> bool {
        self.needs_fonts()
    }
    /// Render the charter. Template errors come back as
    /// [`RenderError::Template`], failures of the tool (data that cannot be
    /// serialised) as [`RenderError::Tool`].
    fn render(&self, ctx: &RenderContext) -> Result<Rendered, RenderError>;
}

/// Every built-in output, in the order a build renders and writes them.
pub const ALL: [&dyn Output; 3] = [&Pdf, &Html, &Docx];

/// The error of an output asked to render without the template it names
/// (the build step hands every output its template; this is a bug).
/// The fonts and the template a typst output cannot do without; `what`
/// names the output in the message (排版 PDF, 排版页面).
fn typst_inputs<'a>(ctx: &'a RenderContext, what: &str) -> Result<(&'a FontSet, &'a Template), RenderError> {
    let Some(fonts) = ctx.fonts else {
        return Err(RenderError::Template(Report::message(
            charter_render::codes::R010,
            format!("{what}需要字体，但没有加载字体。"),
        )));
    };
    let template = ctx.template.ok_or_else(|| no_template(charter_render::codes::R010))?;
    Ok((fonts, template))
}

fn no_template(code: charter_core::diagnostic::Code) -> RenderError {
    RenderError::Template(Report::message(code, "排版时没有拿到模板（这是 charter 的缺陷，请报告）。"))
}
