//! The self-contained HTML page (minijinja).

use charter_render::{HTML_TEMPLATE, RenderError, Report};

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

    fn template(&self) -> Option<&'static str> {
        Some(HTML_TEMPLATE)
    }

    fn render(&self, ctx: &RenderContext) -> Result<Rendered, RenderError> {
        let template = ctx.template.ok_or_else(|| super::no_template(charter_render::codes::R020))?;
        let html = charter_render::charter_html(ctx.charter, ctx.numbering, template, ctx.options)?;
        Ok(Rendered { bytes: html.into_bytes(), pages: None, parts: Vec::new(), warnings: Report::default() })
    }
}
