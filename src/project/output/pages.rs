//! The printed pages as SVG images (typst-svg), one file per page: the
//! pages view of `charter serve`.

use charter_render::{PDF_TEMPLATE, RenderError};

use super::{Output, RenderContext, Rendered, typst_inputs};

/// The PDF's pages as SVG images, from the same template and data as
/// [`super::Pdf`]. Not a `--format` of `build`; written (if ever) as
/// `<stem>-1.svg`, `<stem>-2.svg`, ….
#[derive(Clone, Copy, Debug, Default)]
pub struct SvgPages;

impl Output for SvgPages {
    fn name(&self) -> &'static str {
        "svg"
    }

    fn extension(&self) -> &'static str {
        "svg"
    }

    fn template(&self) -> Option<&'static str> {
        Some(PDF_TEMPLATE)
    }

    fn needs_fonts(&self) -> bool {
        true
    }

    fn render(&self, ctx: &RenderContext) -> Result<Rendered, RenderError> {
        let (fonts, template) = typst_inputs(ctx, "排版页面")?;
        let svg = charter_render::charter_svg(ctx.charter, ctx.numbering, template, fonts, ctx.options, ctx.typst)?;
        Ok(Rendered {
            bytes: Vec::new(),
            pages: Some(svg.pages.len()),
            parts: svg.pages.into_iter().map(String::into_bytes).collect(),
            warnings: svg.warnings,
        })
    }
}
