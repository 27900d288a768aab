//! The printable PDF (typst).

use charter_render::{PDF_TEMPLATE, Report};

use super::{Output, RenderContext, Rendered};

/// `charter build --format pdf`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pdf;

impl Output for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn template(&self) -> &'static str {
        PDF_TEMPLATE
    }

    fn needs_fonts(&self) -> bool {
        true
    }

    fn render(&self, ctx: &RenderContext) -> Result<Rendered, Report> {
        let Some(fonts) = ctx.fonts else {
            return Err(Report::message(charter_render::codes::R010, "排版 PDF 需要字体，但没有加载字体。"));
        };
        let pdf = charter_render::charter_pdf(ctx.charter, ctx.numbering, ctx.template, fonts, ctx.options)?;
        Ok(Rendered { bytes: pdf.bytes, pages: Some(pdf.pages), warnings: pdf.warnings })
    }
}
