//! The writer interface: one [`Output`] per format `charter build` makes.
//!
//! An output turns the checked charter into the bytes of one file, in
//! memory; [`super::Project::build`] renders every requested output first
//! and writes nothing until all of them succeeded. A new format (Word, the
//! amendment decision) is one new file in this folder implementing
//! [`Output`], plus its entry in the CLI's `--format` list.

use std::fmt::Debug;

use charter_core::{Charter, Numbering};
use charter_render::{BuildOptions, FontSet, Report, Template};

mod html;
mod pdf;

pub use html::Html;
pub use pdf::Pdf;

/// Everything an output may use.
#[derive(Debug)]
pub struct RenderContext<'a> {
    pub charter: &'a Charter,
    pub numbering: &'a Numbering,
    /// The output's template (the project's own, or the built-in one).
    pub template: &'a Template,
    /// The fonts, when the output [needs them](Output::needs_fonts).
    pub fonts: Option<&'a FontSet>,
    pub options: &'a BuildOptions,
}

/// One rendered file, not yet written.
#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// The number of pages, for paged formats.
    pub pages: Option<usize>,
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
    /// `templates/` folder).
    fn template(&self) -> &'static str;
    /// Whether it needs fonts (then the build loads them and checks every
    /// character of the charter for a glyph first).
    fn needs_fonts(&self) -> bool {
        false
    }
    /// Render the charter. Template errors come back as a [`Report`].
    fn render(&self, ctx: &RenderContext) -> Result<Rendered, Report>;
}

/// Every built-in output, in the order a build renders and writes them.
pub const ALL: [&dyn Output; 2] = [&Pdf, &Html];
