//! `allow:` on a division, article, paragraph or item suppresses the named
//! rules' findings whose primary position lies inside that node. An entry
//! naming no rule is an error (`Y033`); an entry that suppressed nothing is
//! reported by the `unused-allow` rule.

use super::{Context, all_rules, find_rule, rules};
use charter_core::diagnostic::Diagnostic;
use charter_core::model::{Allow, Article, Block, Division, Node};
use charter_core::suggest::did_you_mean;
use charter_core::walk::{self, BlockAt, Flow, Visitor};

/// One `allow:` entry with the byte range of the node it covers.
struct Scope<'a> {
    allow: &'a Allow,
    start: usize,
    end: usize,
    used: bool,
}

pub(super) fn apply(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut scopes = Vec::new();
    walk::walk_nodes(&ctx.charter.body, &mut Scopes(&mut scopes));
    if scopes.is_empty() {
        return;
    }
    let codes: Vec<&str> = all_rules().iter().flat_map(|r| [r.code.as_str(), r.name]).collect();
    let mut problems = Vec::new();
    let mut known = Vec::new();
    for s in scopes {
        match find_rule(&s.allow.code) {
            Some(rule) => known.push((rule, s)),
            None => {
                let mut d = Diagnostic::new(
                    charter_core::load::codes::Y033,
                    format!("allow 里的“{}”不是检查规则的代码", s.allow.code),
                )
                .at(s.allow.span, "不认识的规则");
                if let Some(x) = did_you_mean(&s.allow.code.to_ascii_uppercase(), codes.iter().copied()) {
                    d = d.hint(format!("您是不是想写“{x}”？"));
                }
                problems.push(
                    d.hint("allow 只能列出 CH 开头的检查规则（用 charter rules 查看）；Y 开头的问题请直接改正。"),
                );
            }
        }
    }
    out.retain(|d| {
        let Some(at) = d.span().map(|s| s.start) else { return true };
        let mut keep = true;
        for (rule, s) in known.iter_mut() {
            if rule.code == d.code && s.start <= at && at <= s.end {
                s.used = true;
                keep = false;
            }
        }
        keep
    });
    if let Some(severity) = ctx.config.severity(&rules::UNUSED_ALLOW) {
        for (rule, s) in &known {
            if !s.used && ctx.config.is_enabled(rule) && rule.code != rules::UNUSED_ALLOW.code {
                let mut d = rules::UNUSED_ALLOW
                    .diagnostic(format!("allow 里的 {} 没有抑制任何问题", rule.code))
                    .at(s.allow.span, "这里没有这条规则的问题")
                    .hint("问题已经改正了，就把它从 allow 里删去，免得将来真正的问题被悄悄放过。");
                d.severity = severity;
                if let Some(edit) = removal(ctx, s.allow) {
                    d = d.with_fix(format!("删去 allow 里的 {}", s.allow.code), vec![edit]);
                }
                problems.push(d);
            }
        }
    }
    out.extend(problems);
}

/// An edit deleting one code from a flow list `allow: [A, B]`, with its
/// separator; None for other layouts.
fn removal(ctx: &Context, a: &Allow) -> Option<charter_core::diagnostic::Edit> {
    let text = &ctx.file.text;
    let (s, e) = (ctx.file.clamp(a.span.start), ctx.file.clamp(a.span.end));
    if text.get(s..e)? != a.code {
        return None;
    }
    let before = text[..s].trim_end_matches(' ');
    let after_start = e + (text[e..].len() - text[e..].trim_start_matches(' ').len());
    let after = &text[after_start..];
    let (from, to) = if after.starts_with(',') {
        // `A, B` → `B`
        let next = after_start + 1;
        (s, next + (text[next..].len() - text[next..].trim_start_matches(' ').len()))
    } else if before.ends_with(',') && after.starts_with(']') {
        // `A, B]` → `A]`
        (before.len() - 1, e)
    } else {
        // `[A]` alone: leave it (an empty list would read oddly).
        return None;
    };
    Some(charter_core::diagnostic::Edit {
        span: charter_core::source::Span::new(a.span.file, from, to),
        replacement: String::new(),
    })
}

/// Collects the scopes of every `allow:` in the body, outermost first.
struct Scopes<'s, 'a>(&'s mut Vec<Scope<'a>>);

impl<'a> Visitor<'a> for Scopes<'_, 'a> {
    fn division(&mut self, d: &'a Division, _: &[&'a Division]) -> Flow {
        push(&d.allow, d.span.start, division_end(d), self.0);
        Flow::Descend
    }

    fn article(&mut self, a: &'a Article, _: &[&'a Division]) {
        push(&a.allow, a.span.start, article_end(a), self.0);
    }

    fn block(&mut self, b: &'a Block, _: BlockAt<'a>) {
        let (s, e) = block_extent(&b.allow, b.id_span, &b.text.span, &b.items);
        push(&b.allow, s, e, self.0);
    }
}

// The extents below are folds over a node's subtree (the last byte of
// anything inside), not walks in document order, so they recurse directly.

fn push<'a>(allow: &'a [Allow], start: usize, end: usize, out: &mut Vec<Scope<'a>>) {
    for a in allow {
        out.push(Scope { allow: a, start, end, used: false });
    }
}

fn block_extent(
    allow: &[Allow],
    id: Option<charter_core::source::Span>,
    text: &charter_core::source::Span,
    items: &[Block],
) -> (usize, usize) {
    let mut s = text.start;
    let mut e = text.end;
    for sp in allow.iter().map(|a| a.span).chain(id) {
        s = s.min(sp.start);
        e = e.max(sp.end);
    }
    e = e.max(items_end(items));
    (s, e)
}

fn items_end(items: &[Block]) -> usize {
    items
        .iter()
        .map(|i| {
            let own = i.allow.iter().map(|a| a.span.end).chain(i.id_span.map(|s| s.end)).max().unwrap_or(0);
            own.max(i.text.span.end).max(items_end(&i.items))
        })
        .max()
        .unwrap_or(0)
}

/// The last byte of anything inside an article.
pub fn article_end(a: &Article) -> usize {
    let mut e = a.span.end.max(a.id_span.end);
    if let Some(h) = &a.heading {
        e = e.max(h.span.end);
    }
    for al in &a.allow {
        e = e.max(al.span.end);
    }
    for p in &a.paragraphs {
        e = e.max(block_extent(&p.allow, p.id_span, &p.text.span, &p.items).1);
    }
    e
}

/// The last byte of anything inside a division.
pub fn division_end(d: &Division) -> usize {
    let mut e = d.span.end.max(d.id_span.end).max(d.title_span.end);
    for al in &d.allow {
        e = e.max(al.span.end);
    }
    for n in &d.body {
        e = e.max(match n {
            Node::Division(c) => division_end(c),
            Node::Article(a) => article_end(a),
        });
    }
    e
}
