//! The 修改对照表 as data: one row per change (序号 | 修改前条文 | 修改后条文 |
//! 说明), prepared from a [`Diff`] for a typst template (`templates/diff.typ`,
//! which receives it as `/table.json`, schema `charter-diff-table/1`).
//!
//! What each row shows is decided here, with the helpers the terminal and
//! HTML writers use ([`super::lines`], [`term::move_note`],
//! [`term::renumber_sentence`], [`ArticleChange::word`]); the template only
//! lays the rows out. Every text is a string value, never markup.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    ArticleChange, ArticleOp, ArticleRef, BlockChange, BlockKind, BlockOp, Diff, DivisionChange, DivisionOp,
    DivisionRef, DraftInfo, Line, MetaOp, SegOp, Segment, summary_line, term,
};

/// The schema name of `/table.json`.
pub const SCHEMA: &str = "charter-diff-table/1";

/// The whole table and the sentences around it.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub schema: &'static str,
    /// The new draft's title (the document is 《title》修改对照表).
    pub title: String,
    pub old: Draft,
    pub new: Draft,
    /// 新增1条，修改24条，……。
    pub summary: String,
    /// Nothing differs at all.
    pub identical: bool,
    pub rows: Vec<Row>,
    /// How many articles changed only their number (left out of the table).
    pub renumbered: usize,
    /// 第三十条至第三十三条依次改为第三十一条至第三十四条；……, or "".
    pub renumber_sentence: String,
    /// Chapters and sections whose only change is their number:
    /// 第四章第一节“主席团”改为第四章第二节；……, or "".
    pub division_renumber_sentence: String,
    /// Articles whose text is unchanged but whose printed citations changed.
    pub citations_updated: usize,
    /// References to check, one message each.
    pub references: Vec<String>,
}

/// One draft, as the header shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Draft {
    /// The file (or `REV:path`) it was read from.
    pub name: String,
    pub title: String,
    pub status: Option<String>,
    /// As written in the charter (2021-11-24).
    pub date: Option<String>,
    /// 2021年11月24日 (the date as written when it is not YYYY-MM-DD).
    pub date_text: Option<String>,
    pub articles: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// Title, status, date, history lines or preamble.
    Meta,
    /// A chapter, section, 编 or 分编.
    Division,
    Article,
}

/// One row of the table.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// 序号: 1, 2, 3, …
    pub no: usize,
    pub kind: RowKind,
    /// The operation as in `charter-diff/1` (`modified`, `added`, … for
    /// articles; `added`, `renamed`, … for divisions; `modified` for meta).
    pub op: &'static str,
    /// 修改前条文: one entry per old article (several when merged); empty
    /// for an added article.
    pub old: Vec<Piece>,
    /// 修改后条文: one entry per new article (several when split); empty
    /// for a deleted one.
    pub new: Vec<Piece>,
    /// 说明: 修改；移至第四章第一节.
    pub note: String,
}

/// One article (or division, or metadata field) in a cell.
#[derive(Clone, Debug, Serialize)]
pub struct Piece {
    /// 第二十一条, 第七章, or "" (metadata).
    pub label: String,
    pub paras: Vec<Para>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParaKind {
    /// The article's heading.
    Heading,
    /// 款, or a line of metadata.
    Paragraph,
    /// 项: （一）…
    Item,
    /// 目: 1. …
    Subitem,
    /// Unchanged blocks left out: prints ……
    Elided,
    /// A remark in brackets: （条文内容未修改）, （删去）.
    Note,
    /// A division's title (printed after the piece's label, centred).
    Division,
}

/// One paragraph of a cell: its spans, equal, deleted or inserted.
#[derive(Clone, Debug, Serialize)]
pub struct Para {
    pub kind: ParaKind,
    pub spans: Vec<Span>,
}

/// A run of text and how it is marked (`equal`: plain; `delete`: struck
/// through; `insert`: bold and underlined).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Span {
    pub op: SegOp,
    pub text: String,
}

/// Build the table of a diff.
pub fn table(d: &Diff) -> Table {
    let mut rows: Vec<Row> = Vec::new();
    for m in &d.meta {
        rows.push(meta_row(m));
    }

    // Division rows stand before the first article (in the diff's order)
    // that lies in them; the others at the end.
    let shown_divs: Vec<&DivisionOp> = d
        .divisions
        .iter()
        .filter(|x| !matches!(x.op, DivisionChange::Unchanged | DivisionChange::Renumbered))
        .collect();
    let mut div_at: BTreeMap<usize, Vec<&DivisionOp>> = BTreeMap::new();
    for x in shown_divs {
        let inside = |a: &ArticleOp| match (&x.new, &x.old) {
            (Some(n), _) => a.new.iter().any(|r| r.divisions.contains(&n.id)),
            (None, Some(o)) => a.old.iter().any(|r| r.divisions.contains(&o.id)),
            (None, None) => false,
        };
        let at = d.articles.iter().position(inside).unwrap_or(d.articles.len());
        div_at.entry(at).or_default().push(x);
    }
    let labels = DivisionLabels::new(d);
    for (i, op) in d.articles.iter().enumerate() {
        for x in div_at.remove(&i).unwrap_or_default() {
            rows.push(division_row(x, &labels));
        }
        if !matches!(op.op, ArticleChange::Unchanged | ArticleChange::Renumbered) {
            rows.push(article_row(op));
        }
    }
    for x in div_at.into_values().flatten() {
        rows.push(division_row(x, &labels));
    }
    // The table's own words (the 说明 column, the summary, the sentences
    // after the table) in the new draft's script; the labels in them are
    // already.
    let words = |s: String| d.new.script.words(&s).into_owned();
    for (k, r) in rows.iter_mut().enumerate() {
        r.no = k + 1;
        r.note = words(std::mem::take(&mut r.note));
    }

    Table {
        schema: SCHEMA,
        title: d.new.title.clone(),
        old: draft(&d.old),
        new: draft(&d.new),
        summary: words(summary_line(d)),
        identical: d.summary.identical,
        rows,
        renumbered: d.summary.renumbered,
        renumber_sentence: words(term::renumber_sentence(d)),
        division_renumber_sentence: words(division_renumber_sentence(d, &labels)),
        citations_updated: d.summary.citations_updated,
        references: d.references.iter().map(|r| words(r.message.clone())).collect(),
    }
}

impl Table {
    /// Every character the table prints (besides the template's own text).
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        let drafts = [&self.old, &self.new].into_iter().flat_map(|x| {
            [Some(&x.name), Some(&x.title), x.status.as_ref(), x.date_text.as_ref()].into_iter().flatten()
        });
        let rows = self.rows.iter().flat_map(|r| {
            r.old.iter().chain(&r.new).flat_map(|p| {
                std::iter::once(&p.label).chain(p.paras.iter().flat_map(|q| q.spans.iter().map(|s| &s.text)))
            })
        });
        let notes = self.rows.iter().map(|r| &r.note);
        std::iter::once(&self.title)
            .chain(drafts)
            .chain([&self.summary, &self.renumber_sentence, &self.division_renumber_sentence])
            .chain(rows)
            .chain(notes)
            .chain(&self.references)
            .flat_map(|s| s.chars())
    }
}

fn draft(x: &DraftInfo) -> Draft {
    Draft {
        name: x.name.clone(),
        title: x.title.clone(),
        status: x.status.clone(),
        date: x.date.clone(),
        date_text: x.date.as_deref().map(date_text),
        articles: x.articles,
    }
}

/// 2021-11-24 → 2021年11月24日; anything else (not a valid date) as
/// written.
pub fn date_text(s: &str) -> String {
    charter_core::date::Date::parse_iso(s).map_or_else(|| s.to_string(), |d| d.chinese())
}

fn span(op: SegOp, text: &str) -> Span {
    Span { op, text: text.to_string() }
}

/// One side of segments: equal text plain, this side's changes marked
/// (or plain, for a whole added or deleted article).
fn side_spans(segs: &[Segment], old: bool, mark: bool) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in segs {
        let (op, text) = match (s.op, old) {
            (SegOp::Equal, true) => (SegOp::Equal, s.old_side()),
            (SegOp::Equal, false) => (SegOp::Equal, s.new_side()),
            (SegOp::Delete, true) => (if mark { SegOp::Delete } else { SegOp::Equal }, s.text.as_str()),
            (SegOp::Insert, false) => (if mark { SegOp::Insert } else { SegOp::Equal }, s.text.as_str()),
            _ => continue,
        };
        if text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(span(op, text)),
        }
    }
    out
}

fn para_kind(k: BlockKind) -> ParaKind {
    match k {
        BlockKind::Heading => ParaKind::Heading,
        BlockKind::Paragraph => ParaKind::Paragraph,
        BlockKind::Item => ParaKind::Item,
        BlockKind::Subitem => ParaKind::Subitem,
    }
}

/// A block's side as a paragraph: its label, then its text. A block added
/// or deleted inside a changed article is marked as a whole, label
/// included.
fn block_para(b: &BlockOp, old: bool, mark: bool) -> Option<Para> {
    let pos = if old { b.old.as_ref()? } else { b.new.as_ref()? };
    let mut spans = side_spans(&b.segments, old, mark);
    let whole_op = match b.op {
        BlockChange::Added if mark => Some(SegOp::Insert),
        BlockChange::Deleted if mark => Some(SegOp::Delete),
        _ => None,
    };
    match whole_op {
        Some(op) => {
            let text: String =
                std::iter::once(pos.label.as_str()).chain(spans.iter().map(|s| s.text.as_str())).collect();
            spans = vec![span(op, &text)];
        }
        None if !pos.label.is_empty() => match spans.first_mut() {
            Some(first) if first.op == SegOp::Equal => first.text.insert_str(0, &pos.label),
            _ => spans.insert(0, span(SegOp::Equal, &pos.label)),
        },
        None => {}
    }
    Some(Para { kind: para_kind(b.kind), spans })
}

fn elided() -> Para {
    Para { kind: ParaKind::Elided, spans: vec![span(SegOp::Equal, "……")] }
}

fn note(text: &str) -> Para {
    Para { kind: ParaKind::Note, spans: vec![span(SegOp::Equal, text)] }
}

fn pieces(refs: &[ArticleRef]) -> Vec<Piece> {
    refs.iter().map(|a| Piece { label: a.label.clone(), paras: Vec::new() }).collect()
}

fn labels(refs: &[ArticleRef]) -> String {
    refs.iter().map(|a| a.label.as_str()).collect::<Vec<_>>().join("、")
}

fn article_row(op: &ArticleOp) -> Row {
    let mark = !matches!(op.op, ArticleChange::Added | ArticleChange::Deleted);
    let mut old = pieces(&op.old);
    let mut new = pieces(&op.new);
    for line in super::lines(op) {
        match line {
            // The cells carry each article's label themselves.
            Line::Piece(_) => {}
            Line::Elided => {
                for side in [&mut old, &mut new] {
                    if let Some(p) = side.first_mut() {
                        p.paras.push(elided());
                    }
                }
            }
            Line::Block(b) => {
                for (side, is_old) in [(&mut old, true), (&mut new, false)] {
                    let pos = if is_old { b.old.as_ref() } else { b.new.as_ref() };
                    if let (Some(pos), Some(para)) = (pos, block_para(b, is_old, mark))
                        && let Some(p) = side.get_mut(pos.article)
                    {
                        p.paras.push(para);
                    }
                }
            }
        }
    }
    for (side, refs) in [(&mut old, &op.old), (&mut new, &op.new)] {
        for (p, a) in side.iter_mut().zip(refs.iter()) {
            if a.repealed {
                p.paras.push(note("（删去）"));
            } else if p.paras.is_empty() {
                p.paras.push(note("（条文内容未修改）"));
            }
        }
    }
    let mut note = match op.op {
        ArticleChange::Split => format!("拆分为{}", labels(&op.new)),
        ArticleChange::Merged => format!("由{}合并", labels(&op.old)),
        ArticleChange::Added => match op.new.first() {
            Some(n) if !n.place.is_empty() => format!("新增（{}）", n.place),
            _ => "新增".to_string(),
        },
        other => other.word().to_string(),
    };
    if op.op == ArticleChange::Moved {
        if let Some(m) = term::move_note(op) {
            note = m;
        }
    } else if let Some(m) = term::move_note(op) {
        note.push('；');
        note.push_str(&m);
    }
    if let Some(u) = term::uncertain_note(op) {
        note.push('；');
        note.push_str(u);
    }
    let op_name = op.op.name();
    Row { no: 0, kind: RowKind::Article, op: op_name, old, new, note }
}

fn division_piece(r: &DivisionRef, segs: &[Segment], old: bool, renamed: bool) -> Piece {
    let spans = if renamed { side_spans(segs, old, true) } else { vec![span(SegOp::Equal, &r.title)] };
    Piece { label: r.label.clone(), paras: vec![Para { kind: ParaKind::Division, spans }] }
}

fn division_row(x: &DivisionOp, labels: &DivisionLabels) -> Row {
    let word = x.level.word();
    let renamed = x.op == DivisionChange::Renamed;
    let old = x.old.iter().filter(|_| x.op != DivisionChange::Added);
    let old = old.map(|r| division_piece(r, &x.segments, true, renamed)).collect();
    let new = x.new.iter().filter(|_| x.op != DivisionChange::Deleted);
    let new = new.map(|r| division_piece(r, &x.segments, false, renamed)).collect();
    // Where an added or deleted division stands: （第四章）.
    let within = |r: &Option<DivisionRef>, old: bool| {
        let parent = r.as_ref().and_then(|r| r.parent.as_ref()).map(|p| labels.full(p, old)).unwrap_or_default();
        if parent.is_empty() { String::new() } else { format!("（{parent}）") }
    };
    let (op, mut note) = match x.op {
        DivisionChange::Added => ("added", format!("新增一{word}{}", within(&x.new, false))),
        DivisionChange::Deleted => ("deleted", format!("删除一{word}{}", within(&x.old, true))),
        DivisionChange::Renamed => ("renamed", format!("{word}名修改")),
        DivisionChange::Moved => ("moved", "位置调整".to_string()),
        DivisionChange::Unchanged => ("unchanged", String::new()),
        DivisionChange::Renumbered => ("renumbered", "仅序号变化".to_string()),
    };
    if renamed && x.moved {
        note.push_str("；位置调整");
    }
    Row { no: 0, kind: RowKind::Division, op, old, new, note }
}

fn meta_row(m: &MetaOp) -> Row {
    let mut old = Piece { label: String::new(), paras: Vec::new() };
    let mut new = Piece { label: String::new(), paras: Vec::new() };
    for b in &m.blocks {
        if b.op == BlockChange::Equal {
            for side in [&mut old, &mut new] {
                if !matches!(side.paras.last(), Some(p) if p.kind == ParaKind::Elided) {
                    side.paras.push(elided());
                }
            }
            continue;
        }
        for (side, is_old) in [(&mut old, true), (&mut new, false)] {
            if let Some(mut p) = block_para(b, is_old, true) {
                p.kind = ParaKind::Paragraph;
                side.paras.push(p);
            }
        }
    }
    let old = if old.paras.is_empty() { Vec::new() } else { vec![old] };
    let new = if new.paras.is_empty() { Vec::new() } else { vec![new] };
    // 标题修改, 状态修改, …; the history lines are "updated".
    let note = if m.field == "history" { format!("{}更新", m.name()) } else { format!("{}修改", m.name()) };
    Row { no: 0, kind: RowKind::Meta, op: "modified", old, new, note }
}

/// The labels of the divisions of both drafts, by id.
struct DivisionLabels<'d> {
    old: BTreeMap<&'d str, &'d DivisionRef>,
    new: BTreeMap<&'d str, &'d DivisionRef>,
}

impl<'d> DivisionLabels<'d> {
    fn new(d: &'d Diff) -> Self {
        let mut l = DivisionLabels { old: BTreeMap::new(), new: BTreeMap::new() };
        for x in &d.divisions {
            if let Some(o) = &x.old {
                l.old.insert(&o.id, o);
            }
            if let Some(n) = &x.new {
                l.new.insert(&n.id, n);
            }
        }
        l
    }

    /// The label of division `id` with its parents' labels: 第四章第一节.
    fn full(&self, id: &str, old: bool) -> String {
        let map = if old { &self.old } else { &self.new };
        let mut parts = Vec::new();
        let mut next = Some(id);
        while let Some(r) = next.and_then(|i| map.get(i))
            && parts.len() < 8
        {
            parts.push(r.label.as_str());
            next = r.parent.as_deref();
        }
        parts.reverse();
        parts.concat()
    }
}

/// 第四章第一节“主席团”改为第四章第二节；第七章“附则”改为第八章.
fn division_renumber_sentence(d: &Diff, labels: &DivisionLabels) -> String {
    d.divisions
        .iter()
        .filter(|x| x.op == DivisionChange::Renumbered)
        .filter_map(|x| {
            let (o, n) = (x.old.as_ref()?, x.new.as_ref()?);
            Some(format!("{}“{}”改为{}", labels.full(&o.id, true), o.title, labels.full(&n.id, false)))
        })
        .collect::<Vec<_>>()
        .join("；")
}
