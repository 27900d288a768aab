//! Character-precise changes inside one block of text.
//!
//! Chinese has no spaces, so the diff runs on grapheme clusters (`similar`
//! with its `unicode` feature), with every cross-reference as one token that
//! is equal on both sides when it cites the same target (its printed number
//! may differ: that is renumbering, not a change). The raw result is then
//! cleaned up so that edits read as phrases, not confetti — see
//! [`FOLD_MAX`] and `docs/diff.md`.

use std::ops::Range;

use similar::{Algorithm, DiffOp, DiffableStr, TextDiff};

use super::side::{Encoded, is_token};
use super::{SegOp, Segment};

/// The longest unchanged run (in characters) that is ever folded into the
/// changes around it.
///
/// The rule: an unchanged run that lies between two changes is shown as
/// deleted and re-inserted when it is at most `FOLD_MAX` characters long,
/// no longer than the change on either side of it, and shorter than at
/// least one of them (a change's length is the larger of what it deletes
/// and what it inserts). Folding repeats until nothing more folds. So `20-30` → `20至30` stays two small changes around
/// an unchanged "30" (longer than the one-character changes beside it), while a rewritten
/// phrase whose old and new wording happen to share a 的 or a 会 reads as one
/// replacement.
pub const FOLD_MAX: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Run {
    Equal { old: Range<usize>, new: Range<usize> },
    Change { old: Range<usize>, new: Range<usize> },
}

impl Run {
    fn old_range(&self) -> &Range<usize> {
        match self {
            Run::Equal { old, .. } | Run::Change { old, .. } => old,
        }
    }
    fn new_range(&self) -> &Range<usize> {
        match self {
            Run::Equal { new, .. } | Run::Change { new, .. } => new,
        }
    }
}

/// The segments of a text that did not change at all (its citations may
/// still print differently: those pieces carry `old_text`).
pub(crate) fn equal(old: &Encoded, new: &Encoded) -> Vec<Segment> {
    let o: Vec<&str> = graphemes(&old.text);
    let n: Vec<&str> = graphemes(&new.text);
    if o != n {
        return diff(old, new);
    }
    materialize(&[Run::Equal { old: 0..o.len(), new: 0..n.len() }], &o, &n, old, new)
}

/// All of a text as inserted (`insert`) or deleted.
pub(crate) fn whole(e: &Encoded, insert: bool) -> Vec<Segment> {
    let g = graphemes(&e.text);
    let empty = Encoded::default();
    if g.is_empty() {
        return Vec::new();
    }
    if insert {
        materialize(&[Run::Change { old: 0..0, new: 0..g.len() }], &[], &g, &empty, e)
    } else {
        materialize(&[Run::Change { old: 0..g.len(), new: 0..0 }], &g, &[], e, &empty)
    }
}

/// The changes from `old` to `new`, cleaned up.
pub(crate) fn diff(old: &Encoded, new: &Encoded) -> Vec<Segment> {
    let d = TextDiff::configure().algorithm(Algorithm::Myers).diff_graphemes(old.text.as_str(), new.text.as_str());
    let o: Vec<&str> = d.iter_old_slices().collect();
    let n: Vec<&str> = d.iter_new_slices().collect();
    let mut runs: Vec<Run> = Vec::new();
    for op in d.ops() {
        let run = match *op {
            DiffOp::Equal { old_index, new_index, len } => {
                Run::Equal { old: old_index..old_index + len, new: new_index..new_index + len }
            }
            DiffOp::Delete { old_index, old_len, new_index } => {
                Run::Change { old: old_index..old_index + old_len, new: new_index..new_index }
            }
            DiffOp::Insert { old_index, new_index, new_len } => {
                Run::Change { old: old_index..old_index, new: new_index..new_index + new_len }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                Run::Change { old: old_index..old_index + old_len, new: new_index..new_index + new_len }
            }
        };
        push_run(&mut runs, run);
    }
    fold(&mut runs);
    materialize(&runs, &o, &n, old, new)
}

fn graphemes(s: &str) -> Vec<&str> {
    // The same segmentation `similar` uses for `diff_graphemes`.
    s.tokenize_graphemes()
}

/// Append a run, merging it with the previous one when both are changes.
fn push_run(runs: &mut Vec<Run>, run: Run) {
    if let (Some(Run::Change { old, new }), Run::Change { old: o2, new: n2 }) = (runs.last_mut(), &run) {
        old.end = o2.end;
        new.end = n2.end;
        return;
    }
    if run.old_range().is_empty() && run.new_range().is_empty() {
        return;
    }
    runs.push(run);
}

fn weight(r: &Run) -> usize {
    r.old_range().len().max(r.new_range().len())
}

/// Fold short unchanged runs between two changes into them (see
/// [`FOLD_MAX`]).
fn fold(runs: &mut Vec<Run>) {
    let mut i = 1;
    while i + 1 < runs.len() {
        let foldable = match (&runs[i - 1], &runs[i], &runs[i + 1]) {
            (before @ Run::Change { .. }, Run::Equal { old, .. }, after @ Run::Change { .. }) => {
                let (len, wb, wa) = (old.len(), weight(before), weight(after));
                len <= FOLD_MAX && len <= wb.min(wa) && len < wb.max(wa)
            }
            _ => false,
        };
        if foldable {
            let merged = Run::Change {
                old: runs[i - 1].old_range().start..runs[i + 1].old_range().end,
                new: runs[i - 1].new_range().start..runs[i + 1].new_range().end,
            };
            runs.splice(i - 1..i + 2, [merged]);
            // The merged change may now make the run before it foldable.
            i = i.saturating_sub(2).max(1);
        } else {
            i += 1;
        }
    }
}

/// Turn runs over graphemes into segments of printed text, replacing each
/// reference token by its citation on that side.
fn materialize(runs: &[Run], o: &[&str], n: &[&str], old: &Encoded, new: &Encoded) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut oc = 0; // next citation on the old side
    let mut nc = 0;
    let cite = |e: &Encoded, i: &mut usize, g: &str| -> String {
        if g.chars().next().is_some_and(is_token) {
            let s = e.cites.get(*i).cloned().unwrap_or_default();
            *i += 1;
            s
        } else {
            g.to_string()
        }
    };
    for r in runs {
        match r {
            Run::Equal { old: orange, new: nrange } => {
                for (og, ng) in o[orange.clone()].iter().zip(&n[nrange.clone()]) {
                    let ot = cite(old, &mut oc, og);
                    let nt = cite(new, &mut nc, ng);
                    if ot == nt {
                        push(&mut out, SegOp::Equal, &nt, None);
                    } else {
                        out.push(Segment { op: SegOp::Equal, text: nt, old_text: Some(ot) });
                    }
                }
            }
            Run::Change { old: orange, new: nrange } => {
                let del: String = o[orange.clone()].iter().map(|g| cite(old, &mut oc, g)).collect();
                let ins: String = n[nrange.clone()].iter().map(|g| cite(new, &mut nc, g)).collect();
                push(&mut out, SegOp::Delete, &del, None);
                push(&mut out, SegOp::Insert, &ins, None);
            }
        }
    }
    out
}

fn push(out: &mut Vec<Segment>, op: SegOp, text: &str, old_text: Option<String>) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.op == op
        && last.old_text.is_none()
        && old_text.is_none()
    {
        last.text.push_str(text);
        return;
    }
    out.push(Segment { op, text: text.to_string(), old_text });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> Encoded {
        Encoded { text: s.to_string(), cites: Vec::new() }
    }

    fn show(old: &str, new: &str) -> String {
        super::super::term::marked(&diff(&enc(old), &enc(new)))
    }

    #[test]
    fn small_edits_stay_small() {
        assert_eq!(show("主席团职权", "主席职权"), "主席[-团-]职权");
        assert_eq!(show("学习纪检部", "学习纪律部"), "学习纪[-检-]{+律+}部");
        assert_eq!(show("一般为 20-30 人，", "一般为20至30人，"), "一般为[- -]20[---]{+至+}30[- -]人，");
        assert_eq!(show("交流 and 联系", "交流和联系"), "交流[- and -]{+和+}联系");
        assert_eq!(show("不低于 60 %;", "不低于60%；"), "不低于[- -]60[- -]%[-;-]{+；+}");
    }

    #[test]
    fn rewrites_read_as_phrases() {
        let s = show("通过常设代表委员会，增进交流", "通过学生代表大会代表联络工作，增进交流");
        assert!(!s.contains("]代表["), "{s}");
        assert!(s.starts_with("通过[-"), "{s}");
    }

    #[test]
    fn references_are_tokens() {
        let t = char::from_u32(0xF0000).unwrap_or('x');
        let old = Encoded { text: format!("依照{t}的规定"), cites: vec!["第二十条".into()] };
        let new = Encoded { text: format!("依照{t}规定"), cites: vec!["第二十一条".into()] };
        let segs = diff(&old, &new);
        assert_eq!(super::super::term::marked(&segs), "依照第二十一条[-的-]规定");
        assert!(segs.iter().any(|s| s.old_text.as_deref() == Some("第二十条")));
    }
}
