//! HTML through minijinja: one self-contained page.
//!
//! The template gets `charter` (the export) and `build` ([`BuildData`]).
//! Auto-escaping is always on, whatever the template's name; inline
//! Markdown is turned into HTML by the `inlines` filter, which escapes every
//! piece of user text itself. Ids become anchors (`id="presidium"`), so links
//! survive renumbering.

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, context};

use super::{BuildData, Report, Template};
use charter_core::diagnostic::Diagnostic;
use charter_core::export::Export;
use charter_core::source::{Sources, Span};

/// Code of an HTML template error.
pub const CODE: charter_core::diagnostic::Code = crate::codes::R020;

/// Render the page.
pub fn render(template: &Template, export: &Export, build: &BuildData) -> Result<String, Report> {
    render_with(
        template,
        context! {
            charter => Value::from(Serde(export)),
            build => Value::from(Serde(build)),
        },
    )
}

/// Render `template` with the values of `ctx` (the environment, filters and
/// auto-escaping of every page).
pub fn render_with(template: &Template, ctx: Value) -> Result<String, Report> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.add_filter("inlines", inlines_filter);
    env.add_filter("anchor", anchor_filter);
    let name = template.name.clone();
    env.add_template_owned(name.clone(), template.source.clone()).map_err(|e| report(template, &e))?;
    let tmpl = env.get_template(&name).map_err(|e| report(template, &e))?;
    tmpl.render(ctx).map_err(|e| report(template, &e))
}

/// A minijinja error as a diagnostic pointing into the template.
pub(crate) fn report(template: &Template, e: &Error) -> Report {
    let mut sources = Sources::default();
    let detail = e.detail().map_or_else(|| e.kind().to_string(), str::to_string);
    let mut d = Diagnostic::new(CODE, format!("网页模板出错：{detail}"));
    let range = e.range().or_else(|| {
        let line = e.line()?;
        let start: usize = template.source.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let len = template.source[start..].find('\n').unwrap_or(template.source.len() - start);
        Some(start..start + len)
    });
    if let Some(r) = range {
        let file = sources.add(&template.name, template.source.clone());
        d = d.at(Span::new(file, r.start, r.end), "");
    }
    Report { sources, diagnostics: vec![d] }
}

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `{{ id | anchor }}`: the fragment link to an id, `#presidium`.
fn anchor_filter(id: &str) -> String {
    format!("#{id}")
}

/// `{{ text.inlines | inlines }}`: inline nodes as safe HTML.
fn inlines_filter(v: &Value) -> Result<Value, Error> {
    let mut out = String::new();
    write_inlines(v, &mut out)?;
    Ok(Value::from_safe_string(out))
}

fn str_attr(v: &Value, key: &str) -> Result<String, Error> {
    Ok(v.get_attr(key)?.as_str().unwrap_or_default().to_string())
}

fn write_inlines(v: &Value, out: &mut String) -> Result<(), Error> {
    for node in v.try_iter()? {
        match str_attr(&node, "type")?.as_str() {
            "text" => out.push_str(&escape(&str_attr(&node, "text")?)),
            "code" => {
                out.push_str("<code>");
                out.push_str(&escape(&str_attr(&node, "text")?));
                out.push_str("</code>");
            }
            tag @ ("emph" | "strong") => {
                let el = if tag == "emph" { "em" } else { "strong" };
                out.push_str(&format!("<{el}>"));
                write_inlines(&node.get_attr("children")?, out)?;
                out.push_str(&format!("</{el}>"));
            }
            "ref" => write_ref(&node, out)?,
            other => {
                return Err(Error::new(ErrorKind::InvalidOperation, format!("不认识的文字节点类型“{other}”")));
            }
        }
    }
    Ok(())
}

fn write_ref(node: &Value, out: &mut String) -> Result<(), Error> {
    let resolved = node.get_attr("resolved")?.is_true();
    if !resolved {
        out.push_str("<span class=\"ref unresolved\">");
        out.push_str(&escape(&str_attr(node, "text")?));
        out.push_str("</span>");
        return Ok(());
    }
    out.push_str("<span class=\"ref\">");
    for part in node.get_attr("parts")?.try_iter()? {
        let text = escape(&str_attr(&part, "text")?);
        match part.get_attr("target")?.as_str() {
            Some(t) => out.push_str(&format!("<a href=\"#{}\">{text}</a>", escape(t))),
            None => out.push_str(&text),
        }
    }
    out.push_str("</span>");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
    }
}
