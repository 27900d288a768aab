//! What the changes do to references.
//!
//! - A `[[id]]` reference kept from the old draft whose target was deleted
//!   or whose text changed: the citing sentence may no longer be right.
//! - A citation written as plain text (第八条), kept from the old draft,
//!   whose number now denotes a different article than it did; or a
//!   written citation of a number that no article has.
//!
//! "Kept" means the reference lies in text the diff reports as unchanged:
//! a reference written or edited in this revision is the author's choice.

use std::ops::Range;

use super::side::{BlockKind, Piece, Side};
use super::{ArticleChange, ArticleOp, BlockChange, ImpactKind, RefImpact, SegOp};
use charter_core::number::{ArticleNo, Target};
use charter_core::numerals;

/// What the checks look at.
struct Cx<'s, 'a> {
    os: &'s Side<'a>,
    ns: &'s Side<'a>,
    ops: &'s [ArticleOp],
    /// For each new article, the index of its operation.
    op_of_new: &'s [usize],
}

pub(crate) fn impacts(os: &Side, ns: &Side, ops: &[ArticleOp], op_of_new: &[usize]) -> Vec<RefImpact> {
    let cx = Cx { os, ns, ops, op_of_new };
    let mut out = Vec::new();
    for (n, art) in ns.articles.iter().enumerate() {
        let Some(op) = op_of_new.get(n).and_then(|&i| ops.get(i)) else { continue };
        let k = op.new.iter().position(|a| a.id == art.a.id).unwrap_or(0);
        // The block operations of this article, in block order.
        let block_ops: Vec<&super::BlockOp> =
            op.blocks.iter().filter(|b| b.new.as_ref().is_some_and(|p| p.article == k)).collect();
        let label = ns.draft.numbering.article_label(art.no);
        for (bi, block) in art.blocks.iter().enumerate() {
            let kept = match block_ops.get(bi) {
                // A new article: everything in it was written now.
                _ if op.old.is_empty() => Kept::Some(Vec::new()),
                _ if op.blocks.is_empty() => Kept::All,
                Some(b) => kept_ranges(b),
                None => Kept::Some(Vec::new()),
            };
            let inside = |r: &Range<usize>| kept.contains(r);
            let mut at = 0;
            let mut prev_internal: Option<(usize, bool)> = None; // end of the last citation, internal?
            for piece in &block.pieces {
                match piece {
                    Piece::Ref { ids, cite, .. } => {
                        let r = at..at + cite.len();
                        at = r.end;
                        if inside(&r) {
                            for id in ids {
                                if let Some(i) = cx.reference(n, &label, id, cite) {
                                    out.push(i);
                                }
                            }
                        }
                    }
                    Piece::Text(t) => {
                        for c in citations(t, &mut prev_internal) {
                            let r = at + c.range.start..at + c.range.end;
                            let text = &t[c.range.clone()];
                            if let Some(i) = cx.written(n, &label, text, c.no, inside(&r)) {
                                out.push(i);
                            }
                        }
                        at += t.len();
                        prev_internal = None;
                    }
                }
            }
        }
    }
    out
}

/// The parts of a block's new text that the diff reports as unchanged.
enum Kept {
    All,
    /// Byte ranges.
    Some(Vec<Range<usize>>),
}

impl Kept {
    fn contains(&self, r: &Range<usize>) -> bool {
        match self {
            Kept::All => true,
            Kept::Some(v) => v.iter().any(|k| k.start <= r.start && r.end <= k.end),
        }
    }
}

fn kept_ranges(b: &super::BlockOp) -> Kept {
    if b.op == BlockChange::Equal {
        return Kept::All;
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for s in &b.segments {
        let len = s.new_side().len();
        if s.op == SegOp::Equal {
            match out.last_mut() {
                Some(r) if r.end == at => r.end = at + len,
                _ => out.push(at..at + len),
            }
        }
        at += len;
    }
    Kept::Some(out)
}

/// The new article an id denotes (the article, or the one holding the
/// paragraph or item), and whether the id is a part.
fn article_of(ns: &Side, id: &str) -> Option<(usize, bool)> {
    match ns.draft.numbering.targets.get(id)? {
        Target::Article { .. } => ns.article_ids.get(id).map(|&a| (a, false)),
        Target::Part { article, .. } => ns.article_ids.get(article.as_str()).map(|&a| (a, true)),
        Target::Division { .. } => None,
    }
}

impl Cx<'_, '_> {
    /// A `[[id]]` kept from the old draft.
    fn reference(&self, citing: usize, citing_label: &str, id: &str, cite: &str) -> Option<RefImpact> {
        let Cx { os, ns, ops, op_of_new } = *self;
        let citing_id = &ns.articles[citing].a.id;
        let old_cite = os.draft.numbering.cite_one(id, None);
        if !ns.draft.numbering.targets.contains_key(id) {
            let old = old_cite?;
            return Some(RefImpact {
                kind: ImpactKind::TargetDeleted,
                article: citing_id.clone(),
                article_label: citing_label.to_string(),
                citation: cite.to_string(),
                old_target: Some(old.clone()),
                new_target: None,
                message: format!("{citing_label}引用的{old}（修改前）已被删除，引用无处可指。"),
            });
        }
        let (a, part) = article_of(ns, id)?;
        if a == citing {
            return None;
        }
        let op = ops.get(*op_of_new.get(a)?)?;
        let changed = match op.op {
            ArticleChange::Split | ArticleChange::Merged => true,
            ArticleChange::Modified => !part || part_changed(ns, a, op, id),
            _ => false,
        };
        if !changed {
            return None;
        }
        let now = ns.draft.numbering.cite_one(id, None).unwrap_or_default();
        let how = match op.op {
            ArticleChange::Split => "已拆分",
            ArticleChange::Merged => "已与其他条文合并",
            _ => "的内容已修改",
        };
        Some(RefImpact {
            kind: ImpactKind::TargetChanged,
            article: citing_id.clone(),
            article_label: citing_label.to_string(),
            citation: cite.to_string(),
            old_target: old_cite,
            new_target: Some(now.clone()),
            message: format!("{citing_label}引用的{now}{how}，请核对引用是否仍然恰当。"),
        })
    }

    /// A citation written as text.
    fn written(&self, citing: usize, citing_label: &str, text: &str, no: ArticleNo, kept: bool) -> Option<RefImpact> {
        let Cx { os, ns, ops, op_of_new } = *self;
        let citing_id = &ns.articles[citing].a.id;
        let new_target = ns.articles.iter().position(|a| a.no == no);
        let Some(nt) = new_target else {
            return Some(RefImpact {
                kind: ImpactKind::DanglingCitation,
                article: citing_id.clone(),
                article_label: citing_label.to_string(),
                citation: text.to_string(),
                old_target: None,
                new_target: None,
                message: format!("{citing_label}中写明的“{text}”在修改后的文本中不存在。"),
            });
        };
        if !kept {
            return None;
        }
        // In the old draft the same words meant the old article with that number.
        let ot = os.articles.iter().position(|a| a.no == no)?;
        let old_id = &os.articles[ot].a.id;
        let now_of_old: Vec<usize> = ops
            .iter()
            .find(|op| op.old.iter().any(|a| &a.id == old_id))
            .map(|op| op.new.iter().filter_map(|a| ns.article_ids.get(a.id.as_str()).copied()).collect())
            .unwrap_or_default();
        if now_of_old.contains(&nt) {
            return None;
        }
        let target_op = ops.get(*op_of_new.get(nt)?)?;
        let new_what = match target_op.old.first() {
            None => "新增的条文".to_string(),
            Some(o) => format!("原{}", o.label),
        };
        let message = match now_of_old.first() {
            Some(&m) => format!(
                "{citing_label}中写明的“{text}”原指修改前的{}（现为{}），现在指向{new_what}，请改为“{}”。",
                os.draft.numbering.article_label(no),
                ns.draft.numbering.article_label(ns.articles[m].no),
                ns.draft.numbering.article_label(ns.articles[m].no)
            ),
            None => format!(
                "{citing_label}中写明的“{text}”原指修改前的{}（已删除），现在指向{new_what}。",
                os.draft.numbering.article_label(no)
            ),
        };
        Some(RefImpact {
            kind: ImpactKind::StaleCitation,
            article: citing_id.clone(),
            article_label: citing_label.to_string(),
            citation: text.to_string(),
            old_target: Some(os.draft.numbering.article_label(no)),
            new_target: now_of_old.first().map(|&m| ns.draft.numbering.article_label(ns.articles[m].no)),
            message,
        })
    }
}

/// Did the block with this id, or a block under it, change?
fn part_changed(ns: &Side, a: usize, op: &ArticleOp, id: &str) -> bool {
    let art = &ns.articles[a];
    let Some(start) = art.blocks.iter().position(|b| b.id.as_deref() == Some(id)) else { return true };
    let depth = |k: BlockKind| match k {
        BlockKind::Heading => 0,
        BlockKind::Paragraph => 1,
        BlockKind::Item => 2,
        BlockKind::Subitem => 3,
    };
    let d0 = depth(art.blocks[start].kind);
    let mut end = start + 1;
    while end < art.blocks.len() && depth(art.blocks[end].kind) > d0 {
        end += 1;
    }
    let k = op.new.iter().position(|x| x.id == art.a.id).unwrap_or(0);
    // Deleted blocks inside the range also count: look at every op between
    // the first and the last new block of the range.
    let mut seen = 0;
    let mut changed = false;
    for b in &op.blocks {
        let is_new_here = b.new.as_ref().is_some_and(|p| p.article == k);
        if is_new_here {
            if seen >= start && seen < end && b.op != BlockChange::Equal {
                changed = true;
            }
            seen += 1;
        } else if seen > start && seen < end {
            changed = true; // a deleted block inside the range
        }
    }
    changed
}

/// A citation of an article of the same document written as text.
#[derive(Debug, PartialEq, Eq)]
struct Citation {
    /// Byte range of 第…条(之…) in the text.
    range: Range<usize>,
    no: ArticleNo,
}

/// A character of the number in 第X条: common Chinese numerals or digits.
fn is_numeral(c: char) -> bool {
    numerals::is_common_numeral_char(c) || numerals::is_arabic_digit(c)
}
/// Words after which 第X条 cites another document (宪法第三条, 《…》第五条).
const OTHER_DOCUMENT: [&str; 13] =
    ["法", "条例", "章程", "规定", "办法", "细则", "规则", "决定", "法典", "公约", "》", "意见", "方案"];
/// Connectors that continue a list of citations (第八条、第九条和第十条).
const CONNECTORS: [&str; 6] = ["、", "和", "及", "至", "或者", "以及"];

/// Citations of this document's articles written as text: 第八条,
/// 本法第八条, 第五条之一 — not 宪法第八条 or 《…》第八条. `prev` carries
/// the end and kind of the last citation across calls within one text.
fn citations(t: &str, prev: &mut Option<(usize, bool)>) -> Vec<Citation> {
    // 第十條, 本會章 in Traditional script read as 第十条, 本会章 (same offsets).
    let norm = charter_core::script::simplify(t);
    let t = &*norm;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = t[from..].find('第') {
        let start = from + i;
        let digits_start = start + '第'.len_utf8();
        let digits_len: usize = t[digits_start..].chars().take_while(|&c| is_numeral(c)).map(char::len_utf8).sum();
        let after = digits_start + digits_len;
        from = after.max(digits_start);
        if digits_len == 0 || !t[after..].starts_with('条') {
            continue;
        }
        let Some(base) = numerals::parse(&t[digits_start..after]) else { continue };
        let mut end = after + '条'.len_utf8();
        let mut sub = 0;
        if let Some(rest) = t[end..].strip_prefix('之') {
            let l: usize = rest.chars().take_while(|&c| is_numeral(c)).map(char::len_utf8).sum();
            if let Some(s) = numerals::parse(&rest[..l]) {
                sub = s;
                end += '之'.len_utf8() + l;
            }
        }
        from = end;
        let before = &t[..start];
        let continued = prev.and_then(|(pend, internal)| {
            let between = &t[pend.min(start)..start];
            CONNECTORS.contains(&between).then_some(internal)
        });
        let internal = continued.unwrap_or_else(|| {
            if OTHER_DOCUMENT.iter().any(|w| before.ends_with(w)) {
                before.ends_with("本法")
                    || ["本条例", "本章程", "本规定", "本办法", "本细则", "本规则", "本决定"]
                        .iter()
                        .any(|w| before.ends_with(w))
            } else {
                true
            }
        });
        // Skip the 款/项 that follow: 第八条第二款.
        *prev = Some((end, internal));
        if internal {
            out.push(Citation { range: start..end, no: ArticleNo { base, sub } });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cites(t: &str) -> Vec<String> {
        let mut prev = None;
        citations(t, &mut prev).into_iter().map(|c| t[c.range].to_string()).collect()
    }

    #[test]
    fn finds_internal_citations() {
        assert_eq!(cites("依照本法第十一条的规定"), vec!["第十一条"]);
        assert_eq!(cites("依照第二十条、第二十一条和第五条之一"), vec!["第二十条", "第二十一条", "第五条之一"]);
        assert!(cites("依照宪法第八条").is_empty());
        assert!(cites("《中华人民共和国宪法》第八条、第九条").is_empty());
        assert_eq!(cites("第8条"), vec!["第8条"]);
        assert!(cites("第一次会议").is_empty());
        assert_eq!(cites("本条第二款和第十条"), vec!["第十条"]);
    }
}
