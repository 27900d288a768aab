//! The skeleton of the 修改说明 (关于《…》修改的说明): the main changes of a
//! [`Diff`] grouped by chapter — articles added, deleted, split, merged,
//! moved and changed in substance, chapters and sections added, renamed or
//! deleted, the title and the preamble — each with its reason when the new
//! draft gives one (a `note:` on the changed node, looked up by id through
//! the caller's function), else none: the template prints a placeholder
//! (【修改理由待补充】) for the secretariat to fill in. Articles whose only
//! changes are punctuation and spacing are not listed one by one but named
//! in one closing sentence. A typst template receives it as data
//! (`charter-diff-statement/1`); every text is a string value, never markup.

use std::collections::HashMap;

use serde::Serialize;

use super::{ArticleChange, ArticleOp, ArticleRef, Diff, DivisionChange, DivisionOp, DivisionRef, SegOp};

/// The schema name of the statement's JSON.
pub const SCHEMA: &str = "charter-diff-statement/1";

/// What the template prints where a reason is missing.
pub const PLACEHOLDER: &str = "【修改理由待补充】";

/// The 修改说明's skeleton.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    pub schema: &'static str,
    /// The new draft's title.
    pub title: String,
    /// 关于《T》修改的说明.
    pub heading: String,
    /// The opening paragraph: what was revised, in numbers.
    pub intro: String,
    /// The changes, by chapter, in the new draft's order.
    pub groups: Vec<Group>,
    /// 此外，对第一条、第十九条的标点符号和格式作了规范。 (empty when none).
    pub minor: String,
    /// How many entries have no reason yet.
    pub missing: usize,
}

/// The changes of one chapter (or of the whole charter when it has none).
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// 第四章　组织机构; 章程名称和序言; "" when the charter has no chapters.
    pub heading: String,
    pub entries: Vec<Entry>,
}

/// One change.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// added, deleted, modified, split, merged, moved; division_added,
    /// division_renamed, division_deleted, division_moved; title, preamble.
    pub kind: &'static str,
    /// 新增第三十五条（本会的经费）; 将原第二十八条拆分为第二十八条、第二十九条.
    pub text: String,
    /// The reason written in the new draft (its `note:`), if any.
    pub reason: Option<String>,
}

impl Statement {
    /// Every character the statement prints (besides the template's own
    /// text and [`PLACEHOLDER`]).
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        let texts = [&self.title, &self.heading, &self.intro, &self.minor].into_iter();
        let groups = self.groups.iter().flat_map(|g| {
            std::iter::once(&g.heading).chain(g.entries.iter().flat_map(|e| std::iter::once(&e.text).chain(&e.reason)))
        });
        texts.chain(groups).flat_map(|s| s.chars()).chain(PLACEHOLDER.chars())
    }
}

/// The statement of `d`. `reason(id)` is the note the new draft writes on
/// the node `id` (article or division), if any.
pub fn statement(d: &Diff, reason: &dyn Fn(&str) -> Option<String>) -> Statement {
    let title = d.new.title.clone();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // The key of each group: the id of its top-level division.
    let mut keys: Vec<String> = Vec::new();
    // The top-level division of every division id, with its heading.
    let tops = top_divisions(d);
    // The title and the preamble first.
    let mut front = Vec::new();
    for m in &d.meta {
        match m.field {
            "title" => {
                front.push(Entry {
                    kind: "title", text: format!("将章程名称修改为“{}”", d.new.title), reason: None
                })
            }
            "preamble" => front.push(Entry { kind: "preamble", text: "修改序言".to_string(), reason: None }),
            _ => {}
        }
    }
    let has_front = !front.is_empty();
    if has_front {
        groups.push(Group { heading: "章程名称和序言".to_string(), entries: front });
        keys.push(String::new());
    }

    let mut group_of = |key: Option<&str>, groups: &mut Vec<Group>| -> usize {
        let key = key.unwrap_or("");
        if let Some(&i) = index.get(key) {
            return i;
        }
        let heading = tops.get(key).map(|(_, h)| h.clone()).unwrap_or_default();
        groups.push(Group { heading, entries: Vec::new() });
        keys.push(key.to_string());
        index.insert(key.to_string(), groups.len() - 1);
        groups.len() - 1
    };

    // Divisions: each in the group of its top-level division.
    for op in &d.divisions {
        let Some(entry) = division_entry(op, reason) else { continue };
        let id = op.new.as_ref().or(op.old.as_ref()).map(|r| r.id.as_str());
        let top = id.and_then(|id| tops.get(id)).map(|(t, _)| t.clone());
        let g = group_of(top.as_deref(), &mut groups);
        groups[g].entries.push(entry);
    }

    // Articles, in the new draft's order.
    let mut minor: Vec<&str> = Vec::new();
    for op in &d.articles {
        if matches!(op.op, ArticleChange::Unchanged | ArticleChange::Renumbered) {
            continue;
        }
        if op.op == ArticleChange::Modified && !op.moved && only_punctuation(op) {
            if let Some(a) = op.old.first() {
                minor.push(&a.label);
            }
            continue;
        }
        let side = op.new.first().or(op.old.first());
        let top = side.and_then(|a| a.divisions.first()).and_then(|id| tops.get(id)).map(|(t, _)| t.clone());
        let g = group_of(top.as_deref(), &mut groups);
        groups[g].entries.push(article_entry(op, reason));
    }

    // Chapters in the new draft's order (the title and preamble first).
    let rank: HashMap<&str, usize> = d
        .divisions
        .iter()
        .enumerate()
        .filter_map(|(i, op)| Some((op.new.as_ref().or(op.old.as_ref())?.id.as_str(), i)))
        .collect();
    let mut keyed: Vec<(usize, Group)> = groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| {
            let r = if i == 0 && has_front { 0 } else { rank.get(keys[i].as_str()).map_or(1, |r| r + 2) };
            (r, g)
        })
        .collect();
    keyed.sort_by_key(|(r, _)| *r);
    let groups: Vec<Group> = keyed.into_iter().map(|(_, g)| g).collect();

    let missing = groups.iter().flat_map(|g| &g.entries).filter(|e| e.reason.is_none()).count();
    let minor = if minor.is_empty() {
        String::new()
    } else {
        format!("此外，对原{}的标点符号和格式作了规范。", minor.join("、"))
    };
    // The statement's own words in the new draft's script (the quoted
    // texts and labels in them already are).
    let words = |s: String| d.new.script.words(&s).into_owned();
    let groups = groups
        .into_iter()
        .map(|g| Group {
            heading: words(g.heading),
            entries: g.entries.into_iter().map(|e| Entry { text: words(e.text), ..e }).collect(),
        })
        .collect();
    Statement {
        schema: SCHEMA,
        heading: words(format!("关于《{title}》修改的说明")),
        intro: words(intro(d)),
        title,
        groups,
        minor: words(minor),
        missing,
    }
}

/// 这次修改共新增1条，删除……。修改的主要内容说明如下：
fn intro(d: &Diff) -> String {
    let s = &d.summary;
    if s.identical {
        return format!("《{}》两稿内容相同，没有修改。", d.new.title);
    }
    let mut parts = Vec::new();
    for (n, what, unit) in [
        (s.added, "新增", "条"),
        (s.deleted, "删去", "条"),
        (s.modified, "修改", "条"),
        (s.split, "拆分", "条"),
        (s.merged, "合并", "处"),
        (s.moved, "移动", "条"),
    ] {
        if n > 0 {
            parts.push(format!("{what}{n}{unit}"));
        }
    }
    for (n, what) in [
        (s.divisions_added, "新增章节"),
        (s.divisions_deleted, "删去章节"),
        (s.divisions_renamed, "修改章节名称"),
        (s.divisions_moved, "调整章节位置"),
    ] {
        if n > 0 {
            parts.push(format!("{what}{n}处"));
        }
    }
    let what = if parts.is_empty() { String::new() } else { format!("共{}，", parts.join("、")) };
    format!(
        "《{}》修改草案{what}修改后共{}条（修改前{}条）。现将修改的主要内容说明如下：",
        d.new.title, d.new.articles, d.old.articles
    )
}

/// Every division id → (its top-level division's id, that division's
/// heading: 第四章　组织机构), on the new side where the division exists,
/// else on the old side.
fn top_divisions(d: &Diff) -> HashMap<String, (String, String)> {
    let mut parent: HashMap<&str, Option<&str>> = HashMap::new();
    let mut refs: HashMap<&str, &DivisionRef> = HashMap::new();
    // Old first, so the new side wins.
    for r in d.divisions.iter().flat_map(|op| op.old.iter().chain(op.new.iter())) {
        parent.insert(&r.id, r.parent.as_deref());
        refs.insert(&r.id, r);
    }
    let mut out = HashMap::new();
    for &id in refs.keys() {
        let mut top = id;
        let mut guard = 0;
        while let Some(Some(p)) = parent.get(top) {
            top = p;
            guard += 1;
            if guard > 16 {
                break;
            }
        }
        if let Some(r) = refs.get(top) {
            let heading = if r.label.is_empty() { r.title.clone() } else { format!("{}\u{3000}{}", r.label, r.title) };
            out.insert(id.to_string(), (top.to_string(), heading));
        }
    }
    out
}

/// 第三十五条（本会的经费）.
fn named(a: &ArticleRef) -> String {
    match &a.heading {
        Some(h) if !h.is_empty() => format!("{}（{h}）", a.label),
        _ => a.label.clone(),
    }
}

fn labels(v: &[ArticleRef]) -> String {
    v.iter().map(|a| a.label.as_str()).collect::<Vec<_>>().join("、")
}

/// The first note among the new side's articles.
fn article_reason(op: &ArticleOp, reason: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut notes: Vec<String> = Vec::new();
    for a in &op.new {
        if let Some(n) = reason(&a.id).map(|n| n.trim().to_string()).filter(|n| !n.is_empty())
            && !notes.contains(&n)
        {
            notes.push(n);
        }
    }
    (!notes.is_empty()).then(|| notes.iter().map(|n| sentence(n)).collect())
}

/// A reason as a sentence: 。 added when it ends without a full stop.
fn sentence(note: &str) -> String {
    let note = note.trim();
    if note.ends_with(['。', '！', '？', '.', '!', '?']) { note.to_string() } else { format!("{note}。") }
}

fn article_entry(op: &ArticleOp, reason: &dyn Fn(&str) -> Option<String>) -> Entry {
    let (old, new) = (op.old.first(), op.new.first());
    let was = |o: &ArticleRef, n: &ArticleRef| {
        if o.label == n.label { named(n) } else { format!("原{}（现{}）", o.label, named(n)) }
    };
    let text = match (op.op, old, new) {
        (ArticleChange::Added, _, Some(n)) => format!("新增{}", named(n)),
        (ArticleChange::Deleted, Some(o), _) => format!("删去原{}", named(o)),
        (ArticleChange::Split, Some(o), _) => format!("将原{}拆分为{}", named(o), labels(&op.new)),
        (ArticleChange::Merged, _, Some(n)) => format!("将原{}合并为{}", labels(&op.old), named(n)),
        (ArticleChange::Moved, Some(o), Some(n)) if o.label == n.label => format!("将{}{}", o.label, moved_to(o, n)),
        (ArticleChange::Moved, Some(o), Some(n)) => format!("将原{}{}", o.label, moved_to(o, n)),
        (_, Some(o), Some(n)) if op.moved => format!("修改{}，并{}", was(o, n), moved_to(o, n)),
        (_, Some(o), Some(n)) => format!("修改{}", was(o, n)),
        _ => super::term::article_header(op),
    };
    Entry { kind: op.op.name(), text, reason: article_reason(op, reason) }
}

/// 移作第十二条（列入第三章第二节）; 列入第三章第二节 when the number stays.
fn moved_to(o: &ArticleRef, n: &ArticleRef) -> String {
    match (o.label == n.label, n.place.is_empty()) {
        (true, false) => format!("列入{}", n.place),
        (_, true) => format!("移作{}", n.label),
        (false, false) => format!("移作{}（列入{}）", n.label, n.place),
    }
}

fn division_entry(op: &DivisionOp, reason: &dyn Fn(&str) -> Option<String>) -> Option<Entry> {
    let word = op.level.word();
    let name = |r: &DivisionRef| {
        if r.label.is_empty() { format!("“{}”", r.title) } else { format!("{}“{}”", r.label, r.title) }
    };
    let (kind, text) = match (op.op, &op.old, &op.new) {
        (DivisionChange::Added, _, Some(n)) => ("division_added", format!("新增{}", name(n))),
        (DivisionChange::Deleted, Some(o), _) => ("division_deleted", format!("删去原{}", name(o))),
        (DivisionChange::Renamed, Some(o), Some(n)) => {
            ("division_renamed", format!("将{}的{word}名“{}”修改为“{}”", o.label, o.title, n.title))
        }
        (DivisionChange::Moved, Some(o), Some(n)) => {
            ("division_moved", format!("调整原{}的位置，作为{}", name(o), n.label))
        }
        _ => return None,
    };
    let reason = op.new.as_ref().and_then(|n| reason(&n.id)).filter(|s| !s.trim().is_empty()).map(|s| sentence(&s));
    Some(Entry { kind, text, reason })
}

/// Punctuation and spacing: what a 标点 fix changes.
fn is_punctuation(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
}

/// Whether every inserted and deleted character of a modified article is
/// punctuation or spacing.
fn only_punctuation(op: &ArticleOp) -> bool {
    let mut changed = false;
    for b in &op.blocks {
        for s in &b.segments {
            if s.op != SegOp::Equal {
                changed = true;
                if !s.text.chars().all(is_punctuation) {
                    return false;
                }
            }
        }
    }
    changed
}
