//! The diff as one self-contained HTML page (a redline): the summary on
//! top, navigation by article, and two views switched without script —
//! inline (insertions underlined, deletions struck through) and side by
//! side. The page is the minijinja template `diff.html.j2` (built in,
//! overridable by a project's `templates/`), fed with [`Page`]: plain
//! strings and segment lists, never markup. Auto-escaping is always on.

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use charter_diff::term::{article_header, move_note, renumber_sentence};
use charter_diff::{
    ArticleChange, ArticleOp, BlockKind, BlockOp, Diff, DivisionChange, Line, SegOp, Segment, summary_line,
};

use super::{Report, Template};

pub use crate::html::escape;

/// The data of the page (see templates/README.md).
#[derive(Debug, Serialize)]
pub struct Page {
    pub title: String,
    pub drafts: Vec<DraftLine>,
    pub summary: String,
    /// The articles shown (every change but renumbering).
    pub articles: Vec<PageArticle>,
    pub meta: Vec<PageMeta>,
    pub divisions: Vec<PageDivision>,
    /// The renumbered articles in one sentence, when there are any.
    pub renumbering: Option<String>,
    pub renumbered: usize,
    pub citations_updated: usize,
    pub references: Vec<PageReference>,
}

#[derive(Debug, Serialize)]
pub struct DraftLine {
    /// 修改前 / 修改后.
    pub side: &'static str,
    pub name: String,
    /// Status, date and article count, joined by “，”.
    pub extra: String,
}

/// A piece of text: `equal`, `insert` or `delete`.
#[derive(Debug, Serialize)]
pub struct Seg {
    pub op: &'static str,
    pub text: String,
}

/// A block's text as one view shows it.
#[derive(Debug, Serialize)]
pub struct PageBlock {
    /// `heading`, `paragraph`, `item` or `subitem`.
    pub kind: &'static str,
    pub heading: bool,
    /// The block's label (（一）, 1.) on the side shown.
    pub label: String,
    pub segments: Vec<Seg>,
}

#[derive(Debug, Serialize)]
pub struct PageMeta {
    pub name: &'static str,
    pub blocks: Vec<PageBlock>,
}

#[derive(Debug, Serialize)]
pub struct PageDivision {
    /// `added`, `deleted`, `renamed`, `moved` or `renumbered`.
    pub op: &'static str,
    /// Label and title (added and deleted divisions).
    pub name: String,
    /// The label part before the title: “第四章 → 第五章 ”, “第四章 ” or empty.
    pub label: String,
    pub title: String,
    /// The title's edits (renamed).
    pub segments: Vec<Seg>,
    /// 新增, 删除, 更名, 移动, 仅序号变化.
    pub word: &'static str,
}

#[derive(Debug, Serialize)]
pub struct PageArticle {
    pub anchor: String,
    pub op: &'static str,
    pub header: String,
    pub word: &'static str,
    pub move_note: Option<String>,
    /// For a pairing made on position rather than content.
    pub uncertain_note: Option<&'static str>,
    pub lines: Vec<PageLine>,
    pub old_labels: String,
    pub new_labels: String,
    pub rows: Vec<PageRow>,
}

/// A line of the inline view.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PageLine {
    Piece { label: String },
    Elided,
    Block { block: PageBlock },
}

/// A row of the side-by-side view.
#[derive(Debug, Serialize)]
pub struct PageRow {
    pub old: Option<PageBlock>,
    pub new: Option<PageBlock>,
}

#[derive(Debug, Serialize)]
pub struct PageReference {
    pub article: String,
    pub message: String,
}

/// The anchor of an operation: from the new (or old) id, so that links
/// survive renumbering.
fn anchor(op: &ArticleOp) -> String {
    match (op.new.first(), op.old.first()) {
        (Some(n), _) => format!("a-{}", n.id),
        (None, Some(o)) => format!("deleted-{}", o.id),
        _ => "a".to_string(),
    }
}

/// Which side of the segments to show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Both,
    Old,
    New,
}

fn segments(segs: &[Segment], view: View) -> Vec<Seg> {
    segs.iter()
        .filter_map(|seg| {
            let (op, text) = match (seg.op, view) {
                (SegOp::Equal, View::Old) => ("equal", seg.old_side()),
                (SegOp::Equal, _) => ("equal", seg.text.as_str()),
                (SegOp::Insert, View::Both | View::New) => ("insert", seg.text.as_str()),
                (SegOp::Delete, View::Both | View::Old) => ("delete", seg.text.as_str()),
                _ => return None,
            };
            Some(Seg { op, text: text.to_string() })
        })
        .collect()
}

fn kind_class(k: BlockKind) -> &'static str {
    match k {
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Item => "item",
        BlockKind::Subitem => "subitem",
    }
}

fn block(b: &BlockOp, view: View) -> PageBlock {
    let pos = match view {
        View::Old => b.old.as_ref(),
        View::New => b.new.as_ref(),
        View::Both => b.new.as_ref().or(b.old.as_ref()),
    };
    PageBlock {
        kind: kind_class(b.kind),
        heading: b.kind == BlockKind::Heading,
        label: pos.map(|p| p.label.clone()).unwrap_or_default(),
        segments: segments(&b.segments, view),
    }
}

/// The data the template gets.
pub fn page(d: &Diff) -> Page {
    let drafts = [("修改前", &d.old), ("修改后", &d.new)]
        .into_iter()
        .map(|(side, info)| {
            let mut extra: Vec<String> = Vec::new();
            extra.extend(info.status.clone());
            extra.extend(info.date.clone());
            extra.push(format!("{}条", info.articles));
            DraftLine { side, name: info.name.clone(), extra: extra.join("，") }
        })
        .collect();
    let meta = d
        .meta
        .iter()
        .map(|m| PageMeta { name: m.name(), blocks: m.blocks.iter().map(|b| block(b, View::Both)).collect() })
        .collect();
    let divisions = d
        .divisions
        .iter()
        .filter(|x| x.op != DivisionChange::Unchanged)
        .filter_map(|x| {
            let name = |r: &charter_diff::DivisionRef| {
                if r.label.is_empty() { r.title.clone() } else { format!("{} {}", r.label, r.title) }
            };
            let none = |op, name, word| PageDivision {
                op,
                name,
                label: String::new(),
                title: String::new(),
                segments: Vec::new(),
                word,
            };
            Some(match (x.op, &x.old, &x.new) {
                (DivisionChange::Added, _, Some(n)) => none("added", name(n), "新增"),
                (DivisionChange::Deleted, Some(o), _) => none("deleted", name(o), "删除"),
                (_, Some(o), Some(n)) => {
                    let label = if x.renumbered {
                        format!("{} → {} ", o.label, n.label)
                    } else if !n.label.is_empty() {
                        format!("{} ", n.label)
                    } else {
                        String::new()
                    };
                    let (op, word) = match x.op {
                        DivisionChange::Renamed => ("renamed", "更名"),
                        DivisionChange::Moved => ("moved", "移动"),
                        _ => ("renumbered", "仅序号变化"),
                    };
                    let segments =
                        if x.op == DivisionChange::Renamed { segments(&x.segments, View::Both) } else { Vec::new() };
                    PageDivision { op, name: String::new(), label, title: n.title.clone(), segments, word }
                }
                _ => return None,
            })
        })
        .collect();
    let articles = d
        .articles
        .iter()
        .filter(|op| !matches!(op.op, ArticleChange::Unchanged | ArticleChange::Renumbered))
        .map(article)
        .collect();
    Page {
        title: d.new.title.clone(),
        drafts,
        summary: summary_line(d),
        articles,
        meta,
        divisions,
        renumbering: (!d.renumbering.is_empty()).then(|| renumber_sentence(d)),
        renumbered: d.summary.renumbered,
        citations_updated: d.summary.citations_updated,
        references: d
            .references
            .iter()
            .map(|r| PageReference { article: r.article.clone(), message: r.message.clone() })
            .collect(),
    }
}

fn article(op: &ArticleOp) -> PageArticle {
    let lines = charter_diff::lines(op)
        .into_iter()
        .map(|line| match line {
            Line::Piece(a) => PageLine::Piece { label: a.label.clone() },
            Line::Elided => PageLine::Elided,
            Line::Block(b) => PageLine::Block { block: block(b, View::Both) },
        })
        .collect();
    let labels = |v: &[charter_diff::ArticleRef]| v.iter().map(|a| a.label.as_str()).collect::<Vec<_>>().join("、");
    let rows = op
        .blocks
        .iter()
        .filter(|b| !b.segments.is_empty())
        .map(|b| PageRow {
            old: b.old.is_some().then(|| block(b, View::Old)),
            new: b.new.is_some().then(|| block(b, View::New)),
        })
        .collect();
    PageArticle {
        anchor: anchor(op),
        op: op.op.name(),
        header: article_header(op),
        word: op.op.word(),
        move_note: move_note(op),
        uncertain_note: charter_diff::term::uncertain_note(op),
        lines,
        old_labels: labels(&op.old),
        new_labels: labels(&op.new),
        rows,
    }
}

/// The page through `template` (normally the built-in
/// [`crate::DIFF_HTML_TEMPLATE`]); a template error is an `R020` report.
pub fn render(template: &Template, d: &Diff) -> Result<String, Report> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    // The page's escaping (`crate::html::escape`: & < > " ' only), so that
    // the output is what it was before the template.
    env.set_formatter(|out, state, value| {
        if value.is_safe() || *state.auto_escape() != AutoEscape::Html {
            return minijinja::escape_formatter(out, state, value);
        }
        out.write_str(&escape(&value.to_string())).map_err(|_| Error::new(ErrorKind::WriteFailure, "写入失败"))
    });
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| crate::html::report(template, &e))?;
    env.set_syntax(syntax);
    // `"修改对照"|words`: a fixed word in the new draft's script.
    let script = d.new.script;
    env.add_filter("words", move |s: String| script.words(&s).into_owned());
    env.add_global("lang", crate::Words::new(script).lang);
    let name = template.name.clone();
    env.add_template_owned(name.clone(), template.source.clone()).map_err(|e| crate::html::report(template, &e))?;
    let tmpl = env.get_template(&name).map_err(|e| crate::html::report(template, &e))?;
    tmpl.render(Value::from(Serde(page(d)))).map_err(|e| crate::html::report(template, &e))
}
