//! Comparing two drafts (`charter diff`).
//!
//! [`diff`] aligns the articles, chapters and sections of two drafts
//! (`align`), diffs the text of aligned articles block by block and
//! character by character (`blocks`, `inline`), and checks what the
//! changes do to references (`impact`). The result, [`Diff`], is plain data
//! serialised as JSON schema `charter-diff/1` (`docs/diff.md`); every output
//! — [`term`], [`html`], and the PDF 修改对照表 ([`table`], laid out by
//! `crate::render::diff_pdf`) — is written from it.

use std::collections::HashMap;

use serde::Serialize;

use charter_core::model::{Charter, Level};
use charter_core::number::Numbering;

mod align;
mod blocks;
mod impact;
mod inline;
mod side;
pub mod statement;
pub mod table;
pub mod term;

pub use align::{GAP_MIN, MOVE_MIN, PIECE_GAIN, PIECE_MIN};
pub use blocks::BLOCK_MIN;
pub use inline::FOLD_MAX;
pub use side::BlockKind;

use blocks::SideBlock;
use side::{Interner, Side};

/// The JSON schema name; changes when a field is removed or changes meaning.
pub const SCHEMA: &str = "charter-diff/1";

/// One draft to compare: a name for the reader (a path, or `REV:path`) and
/// the loaded, numbered charter.
#[derive(Debug)]
pub struct Draft<'a> {
    pub name: String,
    pub charter: &'a Charter,
    pub numbering: &'a Numbering,
}

/// Everything that changed between two drafts.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub schema: &'static str,
    pub old: DraftInfo,
    pub new: DraftInfo,
    pub summary: Summary,
    /// Changed metadata fields (title, status, date, history, preamble).
    pub meta: Vec<MetaOp>,
    /// Every division of both drafts, in the new draft's order (deleted
    /// ones after their old predecessor).
    pub divisions: Vec<DivisionOp>,
    /// Every article of both drafts, grouped into operations, in the new
    /// draft's order (deleted ones after their old predecessor).
    pub articles: Vec<ArticleOp>,
    /// Runs of articles whose only change is their number.
    pub renumbering: Vec<RenumberRun>,
    /// References to review.
    pub references: Vec<RefImpact>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DraftInfo {
    pub name: String,
    pub title: String,
    pub status: Option<String>,
    pub date: Option<String>,
    pub articles: usize,
    /// The draft's script (`simplified` / `traditional`): the documents of
    /// the diff print their fixed words in the new draft's.
    pub script: charter_core::script::Script,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Nothing differs at all.
    pub identical: bool,
    pub unchanged: usize,
    pub renumbered: usize,
    pub moved: usize,
    pub modified: usize,
    pub added: usize,
    pub deleted: usize,
    /// Split operations (one article into several).
    pub split: usize,
    /// Merge operations (several articles into one).
    pub merged: usize,
    pub divisions_added: usize,
    pub divisions_deleted: usize,
    pub divisions_renamed: usize,
    pub divisions_moved: usize,
    /// Articles unchanged in content whose printed citations changed
    /// because the articles they cite were renumbered.
    pub citations_updated: usize,
    pub references: usize,
    pub meta_changed: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleChange {
    Unchanged,
    /// Same text, new number.
    Renumbered,
    /// Same text, another place (another chapter, or out of order).
    Moved,
    Modified,
    Added,
    Deleted,
    Split,
    Merged,
}

impl ArticleChange {
    /// The lowercase name, as serialised in the JSON (`modified`, …).
    pub fn name(self) -> &'static str {
        match self {
            ArticleChange::Unchanged => "unchanged",
            ArticleChange::Renumbered => "renumbered",
            ArticleChange::Moved => "moved",
            ArticleChange::Modified => "modified",
            ArticleChange::Added => "added",
            ArticleChange::Deleted => "deleted",
            ArticleChange::Split => "split",
            ArticleChange::Merged => "merged",
        }
    }

    /// 修改, 新增, …
    pub fn word(self) -> &'static str {
        match self {
            ArticleChange::Unchanged => "未修改",
            ArticleChange::Renumbered => "仅序号变化",
            ArticleChange::Moved => "移动",
            ArticleChange::Modified => "修改",
            ArticleChange::Added => "新增",
            ArticleChange::Deleted => "删除",
            ArticleChange::Split => "拆分",
            ArticleChange::Merged => "合并",
        }
    }
}

/// One operation on articles.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleOp {
    pub op: ArticleChange,
    /// The old article(s): none when added, several when merged.
    pub old: Vec<ArticleRef>,
    /// The new article(s): none when deleted, several when split.
    pub new: Vec<ArticleRef>,
    /// The (first) number changed.
    pub renumbered: bool,
    /// It stands in another division, or out of its old order.
    pub moved: bool,
    /// The blocks, old and new, with their inline edits. Empty when the
    /// printed text is the same on both sides (take it from the old draft).
    pub blocks: Vec<BlockOp>,
    /// The two sides were paired for where they stand more than for what
    /// they say (an article rewritten in place): check that they are the
    /// same article. Absent from the JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
}

/// An article on one side.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ArticleRef {
    pub id: String,
    pub number: u32,
    pub sub: u32,
    /// 第二十一条.
    pub label: String,
    /// Ids of the enclosing divisions, outermost first.
    pub divisions: Vec<String>,
    /// 第四章第一节.
    pub place: String,
    pub heading: Option<String>,
    pub repealed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockChange {
    Equal,
    Modified,
    Added,
    Deleted,
}

/// One block (heading, paragraph, item, sub-item) of an operation.
#[derive(Clone, Debug, Serialize)]
pub struct BlockOp {
    pub op: BlockChange,
    pub kind: BlockKind,
    pub old: Option<BlockPos>,
    pub new: Option<BlockPos>,
    /// The text: equal and deleted segments make the old text, equal and
    /// inserted ones the new.
    pub segments: Vec<Segment>,
}

/// Where a block is: which article of the operation's list, and its label.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct BlockPos {
    pub article: usize,
    /// （一）, 1., or empty.
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegOp {
    Equal,
    Delete,
    Insert,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Segment {
    pub op: SegOp,
    pub text: String,
    /// For an equal citation whose printed number changed: the old print.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_text: Option<String>,
}

impl Segment {
    /// The text on the old side ("" for an insertion).
    pub fn old_side(&self) -> &str {
        match self.op {
            SegOp::Insert => "",
            _ => self.old_text.as_deref().unwrap_or(&self.text),
        }
    }
    /// The text on the new side ("" for a deletion).
    pub fn new_side(&self) -> &str {
        match self.op {
            SegOp::Delete => "",
            _ => &self.text,
        }
    }
}

/// A changed metadata field.
#[derive(Clone, Debug, Serialize)]
pub struct MetaOp {
    /// title, status, date, history or preamble.
    pub field: &'static str,
    pub blocks: Vec<BlockOp>,
}

impl MetaOp {
    /// 标题, 状态, …
    pub fn name(&self) -> &'static str {
        match self.field {
            "title" => "标题",
            "status" => "状态",
            "date" => "日期",
            "history" => "制定和修改经过",
            _ => "序言",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DivisionChange {
    Unchanged,
    Renumbered,
    Renamed,
    Moved,
    Added,
    Deleted,
}

#[derive(Clone, Debug, Serialize)]
pub struct DivisionOp {
    pub op: DivisionChange,
    pub level: Level,
    pub old: Option<DivisionRef>,
    pub new: Option<DivisionRef>,
    pub renumbered: bool,
    pub moved: bool,
    /// The title's edits (when renamed).
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DivisionRef {
    pub id: String,
    /// 第四章; empty when unnumbered.
    pub label: String,
    pub title: String,
    /// Id of the enclosing division.
    pub parent: Option<String>,
}

/// Consecutive articles renumbered by the same offset.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct RenumberRun {
    pub count: usize,
    pub old_first: String,
    pub old_last: String,
    pub new_first: String,
    pub new_last: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImpactKind {
    /// `[[id]]` whose target no longer exists.
    TargetDeleted,
    /// `[[id]]` (kept from the old draft) whose target's text changed.
    TargetChanged,
    /// A citation written as text (第八条), kept from the old draft, whose
    /// number now denotes another article.
    StaleCitation,
    /// A citation written as text whose number no article has.
    DanglingCitation,
}

/// A reference the reviewer should look at.
#[derive(Clone, Debug, Serialize)]
pub struct RefImpact {
    pub kind: ImpactKind,
    /// The citing article (new draft).
    pub article: String,
    pub article_label: String,
    /// The citation as printed in the new draft.
    pub citation: String,
    /// What it denoted in the old draft, and what it denotes now.
    pub old_target: Option<String>,
    pub new_target: Option<String>,
    pub message: String,
}

/// Compare two drafts.
pub fn diff(old: &Draft, new: &Draft) -> Diff {
    let mut interner = Interner::default();
    let os = Side::new(old, &mut interner);
    let ns = Side::new(new, &mut interner);
    let aligned = align::align_articles(&os, &ns);
    let div_o2n = align::align_divisions(&os, &ns, &aligned.groups, aligned.ids_trusted);

    // Old ids that now denote something with another id.
    let mut idmap: HashMap<String, String> = HashMap::new();
    for g in &aligned.groups {
        for &o in &g.old {
            let oid = os.articles[o].id();
            let target =
                g.new.iter().find(|&&n| ns.articles[n].id() == oid).or(g.new.first()).map(|&n| ns.articles[n].id());
            if let Some(t) = target
                && t != oid
            {
                idmap.insert(oid.to_string(), t.to_string());
            }
        }
    }
    for (o, n) in div_o2n.iter().enumerate() {
        if let Some(n) = n {
            let (a, b) = (&os.divisions[o].d.id, &ns.divisions[*n].d.id);
            if a != b {
                idmap.insert(a.clone(), b.clone());
            }
        }
    }
    let map = |id: &str| idmap.get(id).cloned().unwrap_or_else(|| id.to_string());
    let identity = |id: &str| id.to_string();

    let mut b = Builder { os: &os, ns: &ns, interner, map: &map, identity: &identity, div_o2n: &div_o2n };
    let (articles, op_of_new) = b.article_ops(&aligned.groups);
    let divisions = b.division_ops();
    let meta = b.meta_ops();
    let renumbering = renumber_runs(&articles);
    let references = impact::impacts(&os, &ns, &articles, &op_of_new);

    let mut summary = Summary::default();
    for op in &articles {
        match op.op {
            ArticleChange::Unchanged => summary.unchanged += 1,
            ArticleChange::Renumbered => summary.renumbered += 1,
            ArticleChange::Moved => summary.moved += 1,
            ArticleChange::Modified => summary.modified += 1,
            ArticleChange::Added => summary.added += 1,
            ArticleChange::Deleted => summary.deleted += 1,
            ArticleChange::Split => summary.split += 1,
            ArticleChange::Merged => summary.merged += 1,
        }
        if matches!(op.op, ArticleChange::Unchanged | ArticleChange::Renumbered | ArticleChange::Moved)
            && !op.blocks.is_empty()
        {
            summary.citations_updated += 1;
        }
    }
    for d in &divisions {
        match d.op {
            DivisionChange::Added => summary.divisions_added += 1,
            DivisionChange::Deleted => summary.divisions_deleted += 1,
            DivisionChange::Renamed => summary.divisions_renamed += 1,
            DivisionChange::Moved => summary.divisions_moved += 1,
            DivisionChange::Unchanged | DivisionChange::Renumbered => {}
        }
    }
    summary.references = references.len();
    summary.meta_changed = meta.len();
    summary.identical = articles.iter().all(|a| a.op == ArticleChange::Unchanged && a.blocks.is_empty())
        && divisions.iter().all(|d| d.op == DivisionChange::Unchanged)
        && meta.is_empty();

    Diff { schema: SCHEMA, old: info(old), new: info(new), summary, meta, divisions, articles, renumbering, references }
}

/// The diff as pretty JSON with a trailing newline.
pub fn to_json(d: &Diff) -> Result<String, charter_core::error::ToolError> {
    charter_core::error::to_json_pretty("修改对照数据", d)
}

fn info(d: &Draft) -> DraftInfo {
    DraftInfo {
        name: d.name.clone(),
        title: d.charter.meta.title.clone(),
        status: d.charter.meta.status.clone(),
        date: d.charter.meta.date.clone(),
        articles: d.numbering.counts.articles,
        script: d.charter.meta.script,
    }
}

struct Builder<'s, 'a> {
    os: &'s Side<'a>,
    ns: &'s Side<'a>,
    interner: Interner,
    map: side::IdMap<'s>,
    identity: side::IdMap<'s>,
    div_o2n: &'s [Option<usize>],
}

impl Builder<'_, '_> {
    fn article_ref(&self, s: &Side, i: usize) -> ArticleRef {
        let a = &s.articles[i];
        ArticleRef {
            id: a.a.id.clone(),
            number: a.no.base,
            sub: a.no.sub,
            label: s.draft.numbering.article_label(a.no),
            divisions: a.divs.iter().map(|&d| s.divisions[d].d.id.clone()).collect(),
            place: s.place(&a.divs),
            heading: a.blocks.iter().find(|b| b.kind == BlockKind::Heading).map(side::Block::plain),
            repealed: a.a.repealed,
        }
    }

    fn side_blocks<'b>(&mut self, s: &'b Side, arts: &[usize], old: bool) -> Vec<SideBlock<'b>> {
        let map = if old { self.map } else { self.identity };
        let mut out = Vec::new();
        for (k, &i) in arts.iter().enumerate() {
            for b in &s.articles[i].blocks {
                out.push(SideBlock { article: k, block: b, enc: b.encode(&mut self.interner, map) });
            }
        }
        out
    }

    /// The operations, in output order, and for each new article the index
    /// of its operation.
    fn article_ops(&mut self, groups: &[align::Group]) -> (Vec<ArticleOp>, Vec<usize>) {
        let (os, ns) = (self.os, self.ns);
        // Order: by first new article; deleted ones after the operation of
        // their nearest old predecessor that has a new side.
        let mut new_of_old: Vec<Option<usize>> = vec![None; os.articles.len()];
        for g in groups {
            if let Some(&n) = g.new.first() {
                for &o in &g.old {
                    new_of_old[o] = Some(n);
                }
            }
        }
        let key = |g: &align::Group| -> (i64, u8, usize) {
            match (g.new.first(), g.old.first()) {
                (Some(&n), _) => (n as i64, 0, 0),
                (None, Some(&o)) => {
                    let before = (0..o).rev().find_map(|p| new_of_old[p]);
                    (before.map_or(-1, |n| n as i64), 1, o)
                }
                (None, None) => (i64::MAX, 2, 0),
            }
        };
        let mut order: Vec<&align::Group> = groups.iter().collect();
        order.sort_by_key(|g| key(g));

        // Out of order: not on the longest run kept in order.
        let both: Vec<&align::Group> = {
            let mut v: Vec<&align::Group> = groups.iter().filter(|g| !g.old.is_empty() && !g.new.is_empty()).collect();
            v.sort_by_key(|g| g.old[0]);
            v
        };
        let seq: Vec<usize> = both.iter().map(|g| g.new[0]).collect();
        let mut in_order = vec![false; ns.articles.len()];
        for i in align::lis(&seq) {
            in_order[seq[i]] = true;
        }

        let mut ops = Vec::with_capacity(order.len());
        let mut op_of_new = vec![usize::MAX; ns.articles.len()];
        for g in order {
            for &n in &g.new {
                op_of_new[n] = ops.len();
            }
            ops.push(self.article_op(g, &in_order));
        }
        (ops, op_of_new)
    }

    fn article_op(&mut self, g: &align::Group, in_order: &[bool]) -> ArticleOp {
        let (os, ns) = (self.os, self.ns);
        let old: Vec<ArticleRef> = g.old.iter().map(|&o| self.article_ref(os, o)).collect();
        let new: Vec<ArticleRef> = g.new.iter().map(|&n| self.article_ref(ns, n)).collect();
        let ob = self.side_blocks(os, &g.old, true);
        let nb = self.side_blocks(ns, &g.new, false);
        let (op, renumbered, moved, blocks) = match (g.old.as_slice(), g.new.as_slice()) {
            ([], _) => (ArticleChange::Added, false, false, blocks::whole(&nb, true)),
            (_, []) => (ArticleChange::Deleted, false, false, blocks::whole(&ob, false)),
            ([o], [n]) => {
                let (oa, na) = (&os.articles[*o], &ns.articles[*n]);
                let renumbered = oa.no != na.no;
                let moved = !in_order[*n] || self.division_moved(&oa.divs, &na.divs);
                let same = oa.a.repealed == na.a.repealed
                    && ob.len() == nb.len()
                    && ob.iter().zip(&nb).all(|(x, y)| x.block.kind == y.block.kind && x.enc.text == y.enc.text);
                if same {
                    let printed_same = ob.iter().zip(&nb).all(|(x, y)| x.enc.cites == y.enc.cites);
                    let blocks = if printed_same { Vec::new() } else { blocks::align(&ob, &nb) };
                    let op = if moved {
                        ArticleChange::Moved
                    } else if renumbered {
                        ArticleChange::Renumbered
                    } else {
                        ArticleChange::Unchanged
                    };
                    (op, renumbered, moved, blocks)
                } else {
                    (ArticleChange::Modified, renumbered, moved, blocks::align(&ob, &nb))
                }
            }
            (os_, ns_) => {
                let op = if os_.len() == 1 { ArticleChange::Split } else { ArticleChange::Merged };
                let renumbered = old.first().map(|a| (a.number, a.sub)) != new.first().map(|a| (a.number, a.sub));
                let moved =
                    !in_order[ns_[0]] || self.division_moved(&os.articles[os_[0]].divs, &ns.articles[ns_[0]].divs);
                (op, renumbered, moved, blocks::align(&ob, &nb))
            }
        };
        ArticleOp { op, old, new, renumbered, moved, blocks, uncertain: g.uncertain }
    }

    /// Does an article's innermost division differ (after pairing)?
    fn division_moved(&self, old_divs: &[usize], new_divs: &[usize]) -> bool {
        match (old_divs.last(), new_divs.last()) {
            (None, None) => false,
            (Some(&o), Some(&n)) => self.div_o2n[o] != Some(n),
            _ => true,
        }
    }

    fn division_ref(s: &Side, d: usize) -> DivisionRef {
        let div = &s.divisions[d];
        DivisionRef {
            id: div.d.id.clone(),
            label: div.label.clone(),
            title: div.d.title.clone(),
            parent: div.parent.map(|p| s.divisions[p].d.id.clone()),
        }
    }

    fn division_ops(&mut self) -> Vec<DivisionOp> {
        let (os, ns) = (self.os, self.ns);
        let mut n2o: Vec<Option<usize>> = vec![None; ns.divisions.len()];
        for (o, n) in self.div_o2n.iter().enumerate() {
            if let Some(n) = n {
                n2o[*n] = Some(o);
            }
        }
        let mut keyed: Vec<((i64, u8, usize), DivisionOp)> = Vec::new();
        for (n, partner) in n2o.iter().enumerate() {
            let nd = &ns.divisions[n];
            let new = Some(Self::division_ref(ns, n));
            let op = match partner {
                None => DivisionOp {
                    op: DivisionChange::Added,
                    level: nd.d.level,
                    old: None,
                    new,
                    renumbered: false,
                    moved: false,
                    segments: Vec::new(),
                },
                Some(o) => {
                    let od = &os.divisions[*o];
                    let renamed = od.d.title != nd.d.title;
                    let renumbered = od.label != nd.label;
                    let moved = od.parent.map(|p| self.div_o2n[p]) != nd.parent.map(Some);
                    let segments = if renamed {
                        inline::diff(&plain_enc(&od.d.title), &plain_enc(&nd.d.title))
                    } else {
                        Vec::new()
                    };
                    let op = if renamed {
                        DivisionChange::Renamed
                    } else if moved {
                        DivisionChange::Moved
                    } else if renumbered {
                        DivisionChange::Renumbered
                    } else {
                        DivisionChange::Unchanged
                    };
                    DivisionOp {
                        op,
                        level: nd.d.level,
                        old: Some(Self::division_ref(os, *o)),
                        new,
                        renumbered,
                        moved,
                        segments,
                    }
                }
            };
            keyed.push(((n as i64, 0, 0), op));
        }
        for (o, partner) in self.div_o2n.iter().enumerate() {
            if partner.is_some() {
                continue;
            }
            let before = (0..o).rev().find_map(|p| self.div_o2n[p]);
            keyed.push((
                (before.map_or(-1, |n| n as i64), 1, o),
                DivisionOp {
                    op: DivisionChange::Deleted,
                    level: os.divisions[o].d.level,
                    old: Some(Self::division_ref(os, o)),
                    new: None,
                    renumbered: false,
                    moved: false,
                    segments: Vec::new(),
                },
            ));
        }
        keyed.sort_by_key(|k| k.0);
        keyed.into_iter().map(|k| k.1).collect()
    }

    fn meta_ops(&mut self) -> Vec<MetaOp> {
        let mut out = Vec::new();
        for ((field, ob), (_, nb)) in self.os.meta.iter().zip(&self.ns.meta) {
            let o = meta_side(ob, &mut self.interner, self.map);
            let n = meta_side(nb, &mut self.interner, self.identity);
            let same =
                o.len() == n.len() && o.iter().zip(&n).all(|(x, y)| x.block.kind == y.block.kind && x.enc == y.enc);
            if !same {
                out.push(MetaOp { field, blocks: blocks::align(&o, &n) });
            }
        }
        out
    }
}

fn meta_side<'b>(bs: &'b [side::Block], interner: &mut Interner, map: side::IdMap) -> Vec<SideBlock<'b>> {
    bs.iter().map(|b| SideBlock { article: 0, block: b, enc: b.encode(interner, map) }).collect()
}

fn plain_enc(s: &str) -> side::Encoded {
    side::Encoded { text: s.to_string(), cites: Vec::new() }
}

/// Group renumber-only articles into runs with a constant offset.
fn renumber_runs(ops: &[ArticleOp]) -> Vec<RenumberRun> {
    let mut runs: Vec<(RenumberRun, (u32, u32))> = Vec::new();
    for op in ops {
        if op.op != ArticleChange::Renumbered {
            continue;
        }
        let (Some(o), Some(n)) = (op.old.first(), op.new.first()) else { continue };
        let plain = o.sub == 0 && n.sub == 0;
        if let Some((run, (lo, ln))) = runs.last_mut()
            && plain
            && o.number == *lo + 1
            && n.number == *ln + 1
        {
            run.count += 1;
            run.old_last = o.label.clone();
            run.new_last = n.label.clone();
            *lo = o.number;
            *ln = n.number;
            continue;
        }
        runs.push((
            RenumberRun {
                count: 1,
                old_first: o.label.clone(),
                old_last: o.label.clone(),
                new_first: n.label.clone(),
                new_last: n.label.clone(),
            },
            if plain { (o.number, n.number) } else { (u32::MAX - 1, u32::MAX - 1) },
        ));
    }
    runs.into_iter().map(|r| r.0).collect()
}

/// One line of a changed article as the outputs show it.
#[derive(Clone, Copy, Debug)]
pub enum Line<'d> {
    /// The start of one of several new articles (a split or merge).
    Piece(&'d ArticleRef),
    /// Unchanged blocks left out.
    Elided,
    Block(&'d BlockOp),
}

/// What to show of an operation: every block of added, deleted, split and
/// merged articles (split pieces introduced by [`Line::Piece`]); for the
/// others the changed blocks, each run of unchanged ones as one
/// [`Line::Elided`].
pub fn lines(op: &ArticleOp) -> Vec<Line<'_>> {
    let whole = matches!(op.op, ArticleChange::Added | ArticleChange::Deleted);
    let pieces = op.old.len() > 1 || op.new.len() > 1;
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    for b in &op.blocks {
        if b.segments.is_empty() {
            continue; // the empty text of a paragraph made of items only
        }
        if pieces {
            let k = b.new.as_ref().map(|p| p.article);
            if k.is_some() && k != current {
                current = k;
                if let Some(a) = k.and_then(|k| op.new.get(k)) {
                    out.push(Line::Piece(a));
                }
            }
        }
        if b.op == BlockChange::Equal && !whole && !pieces {
            if !matches!(out.last(), Some(Line::Elided)) {
                out.push(Line::Elided);
            }
            continue;
        }
        out.push(Line::Block(b));
    }
    out
}

/// The summary line: 新增2条，删除1条，修改5条，仅序号变化12条。
pub fn summary_line(d: &Diff) -> String {
    let s = &d.summary;
    if s.identical {
        return "两稿内容相同。".to_string();
    }
    let mut parts = Vec::new();
    for (n, what, unit) in [
        (s.added, "新增", "条"),
        (s.deleted, "删除", "条"),
        (s.modified, "修改", "条"),
        (s.split, "拆分", "条"),
        (s.merged, "合并", "处"),
        (s.moved, "移动", "条"),
        (s.renumbered, "仅序号变化", "条"),
    ] {
        if n > 0 {
            parts.push(format!("{what}{n}{unit}"));
        }
    }
    let mut divs = Vec::new();
    for (n, what) in [
        (s.divisions_added, "新增"),
        (s.divisions_deleted, "删除"),
        (s.divisions_renamed, "更名"),
        (s.divisions_moved, "移动"),
    ] {
        if n > 0 {
            divs.push(format!("{what}{n}处"));
        }
    }
    if !divs.is_empty() {
        parts.push(format!("章节{}", divs.join("、")));
    }
    if s.meta_changed > 0 {
        parts.push(format!("标题等信息修改{}项", s.meta_changed));
    }
    if parts.is_empty() {
        parts.push("仅引用的序号随之变化".to_string());
    }
    let mut line = parts.join("，");
    line.push('。');
    if s.references > 0 {
        line.push_str(&format!("另有{}处引用需要核对。", s.references));
    }
    line
}
