//! The printable PDF (typst).

use charter_render::{PDF_TEMPLATE, RenderError, Report};

use super::{Output, RenderContext, Rendered, no_template};

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

    fn template(&self) -> Option<&'static str> {
        Some(PDF_TEMPLATE)
    }

    fn needs_fonts(&self) -> bool {
        true
    }

    fn render(&self, ctx: &RenderContext) -> Result<Rendered, RenderError> {
        let Some(fonts) = ctx.fonts else {
            return Err(RenderError::Template(Report::message(
                charter_render::codes::R010,
                "排版 PDF 需要字体，但没有加载字体。",
            )));
        };
        let template = ctx.template.ok_or_else(|| no_template(charter_render::codes::R010))?;
        let pdf = charter_render::charter_pdf(ctx.charter, ctx.numbering, template, fonts, ctx.options, ctx.typst)?;
        Ok(Rendered { bytes: pdf.bytes, pages: Some(pdf.pages), parts: Vec::new(), warnings: pdf.warnings })
    }
}
