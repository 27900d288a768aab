//! Applying fixes: minimal text edits to the YAML source.
//!
//! Every fix is a set of [`Edit`]s on the charter file. [`fix_text`] applies
//! all non-overlapping fixes, re-runs the whole pipeline on the result and
//! repeats (a fix can make another possible) until nothing is left to fix.
//! A round whose result no longer loads as cleanly as before is rolled back
//! and its fixes are tried one by one, so a fix can never corrupt the file.
//! Every byte outside the edits — comments, quoting, order — is kept.

use charter_core::Document;
use charter_core::diagnostic::{Diagnostic, Edit};

/// The most rounds of fixing (each round re-checks the whole file).
const MAX_ROUNDS: usize = 10;

/// One fix that was applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub code: &'static str,
    pub message: String,
    /// 1-based line of the first edit, in the text the round started from.
    pub line: usize,
}

/// The result of fixing a text.
#[derive(Debug)]
pub struct Outcome {
    pub text: String,
    pub applied: Vec<Applied>,
    /// Fixes that were offered but refused because the result would not
    /// load as cleanly (should not happen; reported for honesty).
    pub refused: usize,
}

/// Apply the non-overlapping fixes among `diags` (edits in file `file`) to
/// `text`. Returns the new text and the indexes of the fixes applied.
pub fn apply(text: &str, diags: &[&Diagnostic]) -> (String, Vec<usize>) {
    // Chosen edits by (start, end): disjoint, so a clash is found among the
    // few neighbours below the new edit's end (no scan of all of them).
    let mut chosen: std::collections::BTreeMap<(usize, usize), &Edit> = std::collections::BTreeMap::new();
    let mut applied = Vec::new();
    let mut order: Vec<usize> = (0..diags.len()).collect();
    order.sort_by_key(|&i| diags[i].fix.as_ref().and_then(|f| f.edits.iter().map(|e| e.span.start).min()));
    for i in order {
        let Some(fix) = &diags[i].fix else { continue };
        if fix.edits.is_empty() {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let clash = |e: &Edit| {
            let (s, t) = (e.span.start, e.span.end);
            for &(cs, ct) in chosen.range(..=(t, usize::MAX)).rev().map(|(k, _)| k) {
                if (s < ct && cs < t) || (s == cs && (s == t || cs == ct)) {
                    return true;
                }
                if ct <= s && cs < s {
                    break; // everything further down ends before `s`
                }
            }
            false
        };
        let self_clash =
            fix.edits.iter().enumerate().any(|(a, x)| {
                fix.edits.iter().skip(a + 1).any(|y| x.span.start < y.span.end && y.span.start < x.span.end)
            });
        if !valid || self_clash || fix.edits.iter().any(clash) {
            continue;
        }
        chosen.extend(fix.edits.iter().map(|e| ((e.span.start, e.span.end), e)));
        applied.push(i);
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in chosen.into_values() {
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Fix `text` repeatedly: `run` checks a text and returns its document.
pub fn fix_text(text: &str, run: &dyn Fn(&str) -> Document) -> Outcome {
    let mut current = text.to_string();
    let mut applied = Vec::new();
    let mut refused = 0;
    for _ in 0..MAX_ROUNDS {
        let doc = run(&current);
        let baseline = load_quality(&doc);
        let fixable: Vec<&Diagnostic> =
            doc.diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| in_file(&doc, f))).collect();
        if fixable.is_empty() {
            break;
        }
        let file = doc.sources.file(doc.file);
        let (next, idx) = apply(&current, &fixable);
        if idx.is_empty() || next == current {
            break;
        }
        let describe = |i: usize| {
            let d = fixable[i];
            let first = d.fix.as_ref().and_then(|f| f.edits.iter().map(|e| e.span.start).min()).unwrap_or(0);
            Applied {
                code: d.code.as_str(),
                message: d.fix.as_ref().map(|f| f.message.clone()).unwrap_or_default(),
                line: file.line_col(first).0,
            }
        };
        if load_quality(&run(&next)) <= baseline {
            applied.extend(idx.iter().map(|&i| describe(i)));
            current = next;
            continue;
        }
        // Some fix in this round breaks the file: keep only those that are
        // fine on their own.
        let mut kept = false;
        for &i in &idx {
            let (one, _) = apply(&current, &[fixable[i]]);
            if load_quality(&run(&one)) <= baseline {
                applied.push(describe(i));
                current = one;
                kept = true;
                break; // positions changed: start a new round
            }
            refused += 1;
        }
        if !kept {
            break;
        }
    }
    Outcome { text: current, applied, refused }
}

/// Fix only the findings of one rule, with the built-in configuration:
/// `name` is what the file is called in messages.
pub fn fix_rule(name: &std::path::Path, text: &str, rule: &crate::Rule) -> Outcome {
    let run = |t: &str| {
        let mut doc = crate::process_text(name, t, None);
        doc.diagnostics.retain(|d| d.code == rule.code || d.is_load_error());
        doc
    };
    fix_text(text, &run)
}

/// Turn hand-written internal citations (第十五条, 前款, 第二十三条、第二十四条)
/// into `[[id]]` references, as `check --fix` does for CH006: the printed
/// text stays the same, and later renumbering updates the citations.
pub fn link_citations(name: &std::path::Path, yaml: &str) -> Outcome {
    fix_rule(name, yaml, &crate::rules::HARDCODED_CITATION)
}

fn in_file(doc: &Document, f: &charter_core::diagnostic::Fix) -> bool {
    !f.edits.is_empty() && f.edits.iter().all(|e| e.span.file == doc.file)
}

/// How badly a document loads: (no model at all, number of loading
/// errors). Lower is better.
fn load_quality(doc: &Document) -> (bool, usize) {
    let load_errors = doc.diagnostics.iter().filter(|d| d.is_load_error()).count();
    (doc.charter.is_none(), load_errors)
}

/// A unified diff (3 lines of context) of two versions of a file, by
/// `similar` (Myers on lines); empty when nothing changed.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new).unified_diff().context_radius(3).header(path, path).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use charter_core::source::{FileId, Span};

    fn fix(start: usize, end: usize, r: &str) -> Diagnostic {
        crate::rules::HALFWIDTH_PUNCTUATION
            .diagnostic("x")
            .with_fix("f", vec![Edit { span: Span::new(FileId(0), start, end), replacement: r.into() }])
    }

    #[test]
    fn applies_non_overlapping() {
        let d1 = fix(1, 2, "，");
        let d2 = fix(1, 3, "X");
        let d3 = fix(4, 5, "；");
        let (s, idx) = apply("a,b;c;", &[&d1, &d2, &d3]);
        assert_eq!(s, "a，b;；;");
        assert_eq!(idx, vec![0, 2]);
    }

    #[test]
    fn diff_hunks() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";
        let d = unified_diff("a.yaml", old, new);
        assert_eq!(d, "--- a.yaml\n+++ a.yaml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
        assert_eq!(unified_diff("a", "x\n", "x\n"), "");
        // Two hunks, and a last line without a newline.
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12";
        let new = "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve";
        assert_eq!(
            unified_diff("a", old, new),
            "--- a\n+++ a\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n\\ No newline at end of file\n+twelve\n\\ No newline at end of file\n"
        );
    }
}
