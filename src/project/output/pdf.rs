//! The printable PDF (typst).

use charter_render::{PDF_TEMPLATE, RenderError};

use super::{Output, RenderContext, Rendered, typst_inputs};

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
        let (fonts, template) = typst_inputs(ctx, "排版 PDF ")?;
        let pdf = charter_render::charter_pdf(ctx.charter, ctx.numbering, template, fonts, ctx.options, ctx.typst)?;
        Ok(Rendered { bytes: pdf.bytes, pages: Some(pdf.pages), parts: Vec::new(), warnings: pdf.warnings })
    }
}
