//! The self-contained HTML page (minijinja).

use charter_render::{HTML_TEMPLATE, Report};

use super::{Output, RenderContext, Rendered};

/// `charter build --format html`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Html;

impl Output for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn template(&self) -> &'static str {
        HTML_TEMPLATE
    }

    fn render(&self, ctx: &RenderContext) -> Result<Rendered, Report> {
        let html = charter_render::charter_html(ctx.charter, ctx.numbering, ctx.template, ctx.options)?;
        Ok(Rendered { bytes: html.into_bytes(), pages: None, warnings: Report::default() })
    }
}
