//! The diff for a terminal: one header per changed article, its changed
//! blocks with inline insertions and deletions, a renumbering summary,
//! references to check and a summary line.
//!
//! With colour, insertions are green and underlined, deletions red and
//! struck through. Without colour they are marked `{+插入+}` and `[-删除-]`.

use std::fmt::Write;

use super::{
    ArticleChange, ArticleOp, BlockChange, BlockKind, BlockOp, Diff, DivisionChange, DivisionOp, Line, SegOp, Segment,
    summary_line,
};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const INS: &str = "\x1b[32;4m";
const DEL: &str = "\x1b[31;9m";

struct Out {
    s: String,
    color: bool,
}

impl Out {
    fn paint(&mut self, style: &str, text: &str) {
        if self.color {
            let _ = write!(self.s, "{style}{text}{RESET}");
        } else {
            self.s.push_str(text);
        }
    }

    fn segments(&mut self, segs: &[Segment], mark: bool) {
        for seg in segs {
            match seg.op {
                SegOp::Equal => self.s.push_str(&seg.text),
                SegOp::Insert if self.color => self.paint(INS, &seg.text),
                SegOp::Delete if self.color => self.paint(DEL, &seg.text),
                SegOp::Insert if mark => {
                    let _ = write!(self.s, "{{+{}+}}", seg.text);
                }
                SegOp::Delete if mark => {
                    let _ = write!(self.s, "[-{}-]", seg.text);
                }
                _ => self.s.push_str(&seg.text),
            }
        }
    }
}

/// Segments with the colour-free marking: 主席[-团-]职权.
pub fn marked(segs: &[Segment]) -> String {
    let mut o = Out { s: String::new(), color: false };
    o.segments(segs, true);
    o.s
}

fn op_style(op: ArticleChange) -> &'static str {
    match op {
        ArticleChange::Added => "\x1b[1;32m",
        ArticleChange::Deleted => "\x1b[1;31m",
        ArticleChange::Modified => "\x1b[1;33m",
        _ => "\x1b[1;36m",
    }
}

fn draft_line(d: &super::DraftInfo) -> String {
    let mut extra: Vec<String> = Vec::new();
    extra.extend(d.status.clone());
    extra.extend(d.date.clone());
    extra.push(format!("{}条", d.articles));
    format!("{}（{}）", d.name, extra.join("，"))
}

/// The whole report.
pub fn render(d: &Diff, color: bool) -> String {
    let mut o = Out { s: String::new(), color };
    let _ = writeln!(o.s, "修改前：{}", draft_line(&d.old));
    let _ = writeln!(o.s, "修改后：{}", draft_line(&d.new));

    if !d.meta.is_empty() {
        o.s.push('\n');
        for m in &d.meta {
            o.paint(BOLD, m.name());
            o.s.push_str("  修改\n");
            for b in &m.blocks {
                if b.op != BlockChange::Equal {
                    block_line(&mut o, b, true);
                }
            }
        }
    }

    let divs: Vec<&DivisionOp> = d.divisions.iter().filter(|x| x.op != DivisionChange::Unchanged).collect();
    if !divs.is_empty() {
        o.s.push('\n');
        o.paint(BOLD, "章节");
        o.s.push('\n');
        for x in divs {
            division_line(&mut o, x);
        }
    }

    for op in &d.articles {
        if matches!(op.op, ArticleChange::Unchanged | ArticleChange::Renumbered) {
            continue;
        }
        o.s.push('\n');
        article(&mut o, op);
    }

    if !d.renumbering.is_empty() || d.summary.citations_updated > 0 {
        o.s.push('\n');
        if !d.renumbering.is_empty() {
            o.paint(BOLD, &format!("仅序号变化（{}条）", d.summary.renumbered));
            let _ = writeln!(o.s, "：{}。", renumber_sentence(d));
        }
        if d.summary.citations_updated > 0 {
            let _ = writeln!(o.s, "另有{}条文字未变，其中引用的条文序号随之更新。", d.summary.citations_updated);
        }
    }

    if !d.references.is_empty() {
        o.s.push('\n');
        o.paint(BOLD, "引用核对");
        o.s.push('\n');
        for r in &d.references {
            let _ = writeln!(o.s, "  {}", r.message);
        }
    }

    o.s.push('\n');
    o.paint(BOLD, &summary_line(d));
    o.s.push('\n');
    o.s
}

/// 第五条至第三十五条依次改为第六条至第三十六条；第四十条改为第三十九条
pub fn renumber_sentence(d: &Diff) -> String {
    d.renumbering
        .iter()
        .map(|r| {
            if r.count == 1 {
                format!("{}改为{}", r.old_first, r.new_first)
            } else if r.count == 2 {
                format!("{}、{}依次改为{}、{}", r.old_first, r.old_last, r.new_first, r.new_last)
            } else {
                format!("{}至{}依次改为{}至{}", r.old_first, r.old_last, r.new_first, r.new_last)
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

fn division_line(o: &mut Out, x: &DivisionOp) {
    o.s.push_str("  ");
    let name =
        |r: &super::DivisionRef| if r.label.is_empty() { r.title.clone() } else { format!("{} {}", r.label, r.title) };
    match (x.op, &x.old, &x.new) {
        (DivisionChange::Added, _, Some(n)) => {
            o.s.push_str(&name(n));
            o.s.push_str("  ");
            o.paint(op_style(ArticleChange::Added), "新增");
        }
        (DivisionChange::Deleted, Some(old), _) => {
            let _ = write!(o.s, "原{}", name(old));
            o.s.push_str("  ");
            o.paint(op_style(ArticleChange::Deleted), "删除");
        }
        (_, Some(old), Some(new)) => {
            if x.renumbered {
                let _ = write!(o.s, "{} → {}", old.label, new.label);
            } else {
                o.s.push_str(&new.label);
            }
            if !new.label.is_empty() || x.renumbered {
                o.s.push(' ');
            }
            if x.op == DivisionChange::Renamed {
                o.segments(&x.segments, true);
            } else {
                o.s.push_str(&new.title);
            }
            o.s.push_str("  ");
            let word = match x.op {
                DivisionChange::Renamed => "更名",
                DivisionChange::Moved => "移动",
                _ => "仅序号变化",
            };
            o.paint(op_style(ArticleChange::Moved), word);
        }
        _ => {}
    }
    o.s.push('\n');
}

fn labels(v: &[super::ArticleRef]) -> String {
    v.iter().map(|a| a.label.as_str()).collect::<Vec<_>>().join("、")
}

/// 第二十一条 → 第二十二条  修改
pub fn article_header(op: &ArticleOp) -> String {
    let (old, new) = (labels(&op.old), labels(&op.new));
    match op.op {
        ArticleChange::Added => new,
        ArticleChange::Deleted => format!("原{old}"),
        _ if old == new => new,
        _ => format!("{old} → {new}"),
    }
}

/// 移至第三章第二节, when the article now stands elsewhere.
pub fn move_note(op: &ArticleOp) -> Option<String> {
    if !op.moved {
        return None;
    }
    let (o, n) = (op.old.first()?, op.new.first()?);
    Some(if o.place != n.place && !n.place.is_empty() {
        format!("移至{}", n.place)
    } else {
        "位置调整".to_string()
    })
}

/// For a pairing made on position rather than content.
pub fn uncertain_note(op: &ArticleOp) -> Option<&'static str> {
    op.uncertain.then_some("改写较多，按位置对应，请核对是否为同一条")
}

fn article(o: &mut Out, op: &ArticleOp) {
    o.paint(BOLD, &article_header(op));
    o.s.push_str("  ");
    o.paint(op_style(op.op), op.op.word());
    if let Some(m) = move_note(op) {
        let _ = write!(o.s, "（{m}）");
    }
    if let Some(u) = uncertain_note(op) {
        let _ = write!(o.s, "（{u}）");
    }
    if op.op == ArticleChange::Added
        && let Some(n) = op.new.first()
        && !n.place.is_empty()
    {
        let _ = write!(o.s, "（{}）", n.place);
    }
    o.s.push('\n');
    let whole = matches!(op.op, ArticleChange::Added | ArticleChange::Deleted);
    for line in super::lines(op) {
        match line {
            Line::Piece(a) => {
                let _ = writeln!(o.s, "  【{}】", a.label);
            }
            Line::Elided => {
                o.s.push_str("  ");
                o.paint(DIM, "……");
                o.s.push('\n');
            }
            Line::Block(b) => block_line(o, b, !whole),
        }
    }
    if op.new.iter().any(|a| a.repealed) {
        let _ = writeln!(o.s, "  （删去）");
    }
}

fn block_line(o: &mut Out, b: &BlockOp, mark: bool) {
    o.s.push_str("  ");
    let label = b.new.as_ref().or(b.old.as_ref()).map(|p| p.label.as_str()).unwrap_or("");
    match b.kind {
        BlockKind::Heading => o.s.push_str("标题："),
        BlockKind::Subitem => o.s.push_str("  "),
        _ => {}
    }
    // A whole block added or deleted inside a modified article is marked as
    // a whole, label included.
    match b.op {
        BlockChange::Added | BlockChange::Deleted if mark => {
            let mut segs = b.segments.clone();
            let op = if b.op == BlockChange::Added { SegOp::Insert } else { SegOp::Delete };
            segs.insert(0, Segment { op, text: label.to_string(), old_text: None });
            if segs.iter().all(|s| s.text.is_empty()) {
                segs.push(Segment { op, text: "（空段）".into(), old_text: None });
            }
            let merged: String = segs.iter().map(|s| s.text.as_str()).collect();
            o.segments(&[Segment { op, text: merged, old_text: None }], true);
        }
        _ => {
            o.s.push_str(label);
            o.segments(&b.segments, mark);
        }
    }
    o.s.push('\n');
}
