//! The diff as one self-contained HTML page (a redline): the summary on
//! top, navigation by article, and two views switched without script —
//! inline (insertions underlined, deletions struck through) and side by
//! side. All user text is escaped.

use std::fmt::Write;

use charter_diff::term::{article_header, move_note, renumber_sentence};
use charter_diff::{
    ArticleChange, ArticleOp, BlockKind, BlockOp, Diff, DivisionChange, Line, SegOp, Segment, summary_line,
};

const STYLE: &str = r#"
:root { --ins: #1a7f37; --ins-bg: #dafbe1; --del: #b42318; --del-bg: #ffebe9; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; line-height: 1.8; margin: 0 auto;
       max-width: 70rem; padding: 1rem; color: #1f2328; }
h1 { font-size: 1.6rem; text-align: center; margin: .5rem 0 0; }
.sub { text-align: center; margin: 0 0 1rem; color: #59636e; }
.drafts { margin: 0 0 .5rem; }
.summary { font-weight: bold; padding: .5rem .75rem; border: 1px solid var(--line); border-radius: 6px; background: #f6f8fa; }
ins { text-decoration: underline; color: var(--ins); background: var(--ins-bg); }
del { text-decoration: line-through; color: var(--del); background: var(--del-bg); }
nav ol { columns: 14rem; padding-left: 1.2rem; }
nav a { text-decoration: none; }
.tag { font-size: .85em; padding: 0 .4em; border-radius: 4px; border: 1px solid var(--line); margin-left: .5em; font-weight: normal; }
.added .tag { color: var(--ins); border-color: var(--ins); }
.deleted .tag { color: var(--del); border-color: var(--del); }
article { border-top: 1px solid var(--line); padding: .5rem 0; }
article h3 { font-size: 1.05rem; margin: .25rem 0; }
.block { margin: .2rem 0; }
.block.item { padding-left: 2em; }
.block.subitem { padding-left: 4em; }
.elided { color: #8c959f; }
.piece { color: #59636e; margin: .5rem 0 0; }
table.side { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.side th, table.side td { border: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; text-align: left; }
table.side th { background: #f6f8fa; }
.views { margin: 1rem 0; }
.views label { margin-right: 1rem; cursor: pointer; }
#view-inline:checked ~ main .side { display: none; }
#view-side:checked ~ main .inline { display: none; }
@media print { .views, #view-inline, #view-side, nav { display: none; } article { break-inside: avoid; } }
"#;

pub use crate::html::escape;

/// The anchor of an operation: from the new (or old) id, so that links
/// survive renumbering.
fn anchor(op: &ArticleOp) -> String {
    match (op.new.first(), op.old.first()) {
        (Some(n), _) => format!("a-{}", n.id),
        (None, Some(o)) => format!("deleted-{}", o.id),
        _ => "a".to_string(),
    }
}

fn class(op: ArticleChange) -> &'static str {
    op.name()
}

/// Which side of the segments to write.
#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Both,
    Old,
    New,
}

fn segments(s: &mut String, segs: &[Segment], view: View) {
    for seg in segs {
        match (seg.op, view) {
            (SegOp::Equal, View::Old) => s.push_str(&escape(seg.old_side())),
            (SegOp::Equal, _) => s.push_str(&escape(&seg.text)),
            (SegOp::Insert, View::Both | View::New) => {
                let _ = write!(s, "<ins>{}</ins>", escape(&seg.text));
            }
            (SegOp::Delete, View::Both | View::Old) => {
                let _ = write!(s, "<del>{}</del>", escape(&seg.text));
            }
            _ => {}
        }
    }
}

fn kind_class(k: BlockKind) -> &'static str {
    match k {
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::Item => "item",
        BlockKind::Subitem => "subitem",
    }
}

fn block_text(s: &mut String, b: &BlockOp, view: View) {
    let pos = match view {
        View::Old => b.old.as_ref(),
        View::New => b.new.as_ref(),
        View::Both => b.new.as_ref().or(b.old.as_ref()),
    };
    if b.kind == BlockKind::Heading {
        s.push_str("【标题】");
    }
    if let Some(p) = pos {
        s.push_str(&escape(&p.label));
    }
    segments(s, &b.segments, view);
}

/// The page.
pub fn render(d: &Diff) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let title = escape(&d.new.title);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>修改对照：{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(s, "<header>\n<h1>{title}</h1>\n<p class=\"sub\">修改对照</p>");
    for (what, info) in [("修改前", &d.old), ("修改后", &d.new)] {
        let mut extra: Vec<String> = Vec::new();
        extra.extend(info.status.clone());
        extra.extend(info.date.clone());
        extra.push(format!("{}条", info.articles));
        let _ = writeln!(s, "<p class=\"drafts\">{what}：{}（{}）</p>", escape(&info.name), escape(&extra.join("，")));
    }
    let _ = writeln!(s, "<p class=\"summary\">{}</p>\n</header>", escape(&summary_line(d)));

    let shown: Vec<&ArticleOp> =
        d.articles.iter().filter(|op| !matches!(op.op, ArticleChange::Unchanged | ArticleChange::Renumbered)).collect();

    s.push_str(
        "<input type=\"radio\" name=\"view\" id=\"view-inline\" checked hidden>\
         <input type=\"radio\" name=\"view\" id=\"view-side\" hidden>\n\
         <p class=\"views\">查看方式：<label for=\"view-inline\">逐条标注</label>\
         <label for=\"view-side\">左右对照</label></p>\n",
    );

    if !shown.is_empty() {
        s.push_str("<nav>\n<h2>修改的条文</h2>\n<ol>\n");
        for op in &shown {
            let _ = writeln!(
                s,
                "<li><a href=\"#{}\">{}</a> {}</li>",
                escape(&anchor(op)),
                escape(&article_header(op)),
                op.op.word()
            );
        }
        s.push_str("</ol>\n</nav>\n");
    }

    s.push_str("<main>\n");
    if !d.meta.is_empty() {
        s.push_str("<section class=\"meta\">\n<h2>标题等信息</h2>\n");
        for m in &d.meta {
            let _ = writeln!(s, "<h3>{}</h3>", m.name());
            for b in &m.blocks {
                s.push_str("<p class=\"block\">");
                block_text(&mut s, b, View::Both);
                s.push_str("</p>\n");
            }
        }
        s.push_str("</section>\n");
    }
    let divs: Vec<_> = d.divisions.iter().filter(|x| x.op != DivisionChange::Unchanged).collect();
    if !divs.is_empty() {
        s.push_str("<section class=\"divisions\">\n<h2>章节</h2>\n<ul>\n");
        for x in divs {
            let name = |r: &charter_diff::DivisionRef| {
                if r.label.is_empty() { escape(&r.title) } else { format!("{} {}", escape(&r.label), escape(&r.title)) }
            };
            let (text, word) = match (x.op, &x.old, &x.new) {
                (DivisionChange::Added, _, Some(n)) => (format!("<ins>{}</ins>", name(n)), "新增"),
                (DivisionChange::Deleted, Some(o), _) => (format!("<del>{}</del>", name(o)), "删除"),
                (_, Some(o), Some(n)) => {
                    let mut t = String::new();
                    if x.renumbered {
                        let _ = write!(t, "{} → {} ", escape(&o.label), escape(&n.label));
                    } else if !n.label.is_empty() {
                        let _ = write!(t, "{} ", escape(&n.label));
                    }
                    if x.op == DivisionChange::Renamed {
                        segments(&mut t, &x.segments, View::Both);
                    } else {
                        t.push_str(&escape(&n.title));
                    }
                    let word = match x.op {
                        DivisionChange::Renamed => "更名",
                        DivisionChange::Moved => "移动",
                        _ => "仅序号变化",
                    };
                    (t, word)
                }
                _ => continue,
            };
            let _ = writeln!(s, "<li>{text}<span class=\"tag\">{word}</span></li>");
        }
        s.push_str("</ul>\n</section>\n");
    }

    s.push_str("<section class=\"articles\">\n");
    for op in &shown {
        article(&mut s, op);
    }
    s.push_str("</section>\n");

    if !d.renumbering.is_empty() || d.summary.citations_updated > 0 {
        s.push_str("<section class=\"renumbering\">\n<h2>仅序号变化</h2>\n");
        if !d.renumbering.is_empty() {
            let _ = writeln!(s, "<p>{}条：{}。</p>", d.summary.renumbered, escape(&renumber_sentence(d)));
        }
        if d.summary.citations_updated > 0 {
            let _ = writeln!(s, "<p>另有{}条文字未变，其中引用的条文序号随之更新。</p>", d.summary.citations_updated);
        }
        s.push_str("</section>\n");
    }
    if !d.references.is_empty() {
        s.push_str("<section class=\"references\">\n<h2>引用核对</h2>\n<ul>\n");
        for r in &d.references {
            let _ = writeln!(s, "<li><a href=\"#a-{}\">{}</a></li>", escape(&r.article), escape(&r.message));
        }
        s.push_str("</ul>\n</section>\n");
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

fn article(s: &mut String, op: &ArticleOp) {
    let _ = write!(
        s,
        "<article id=\"{}\" class=\"op {}\">\n<h3>{}<span class=\"tag\">{}</span>",
        escape(&anchor(op)),
        class(op.op),
        escape(&article_header(op)),
        op.op.word()
    );
    if let Some(m) = move_note(op) {
        let _ = write!(s, "（{}）", escape(&m));
    }
    if let Some(u) = charter_diff::term::uncertain_note(op) {
        let _ = write!(s, "（{}）", escape(u));
    }
    s.push_str("</h3>\n");
    // Inline view.
    s.push_str("<div class=\"inline\">\n");
    for line in charter_diff::lines(op) {
        match line {
            Line::Piece(a) => {
                let _ = writeln!(s, "<p class=\"piece\">{}</p>", escape(&a.label));
            }
            Line::Elided => s.push_str("<p class=\"elided\">……</p>\n"),
            Line::Block(b) => {
                let _ = write!(s, "<p class=\"block {}\">", kind_class(b.kind));
                block_text(s, b, View::Both);
                s.push_str("</p>\n");
            }
        }
    }
    s.push_str("</div>\n");

    // Side by side: every block, old on the left, new on the right.
    let labels = |v: &[charter_diff::ArticleRef]| v.iter().map(|a| escape(&a.label)).collect::<Vec<_>>().join("、");
    let _ = writeln!(
        s,
        "<table class=\"side\">\n<tr><th>修改前　{}</th><th>修改后　{}</th></tr>",
        labels(&op.old),
        labels(&op.new)
    );
    for b in &op.blocks {
        if b.segments.is_empty() {
            continue;
        }
        s.push_str("<tr><td>");
        if b.old.is_some() {
            let _ = write!(s, "<div class=\"block {}\">", kind_class(b.kind));
            block_text(s, b, View::Old);
            s.push_str("</div>");
        }
        s.push_str("</td><td>");
        if b.new.is_some() {
            let _ = write!(s, "<div class=\"block {}\">", kind_class(b.kind));
            block_text(s, b, View::New);
            s.push_str("</div>");
        }
        s.push_str("</td></tr>\n");
    }
    s.push_str("</table>\n</article>\n");
}
