//! How `diff` grows with the size of the drafts (issue 14). Generated
//! charters of 2,000–16,000 articles (`charter generate`), compared with
//!
//! - a revision with 5 % of the articles changed (ids kept);
//! - a revision with every article changed and no id shared (every id
//!   renamed, a few characters put before every text): the whole draft is
//!   one gap between unchanged articles, the case that was quadratic
//!   (issue 14: 16,000 articles 67 s, 1.5 GB);
//! - a draft with every article replaced by unrelated text (nothing pairs).
//!
//! Prints the time of `charter_diff::diff` (the drafts are loaded and
//! numbered beforehand) at each size and the growth exponent between sizes
//! (1.0 = linear).
//!
//! `cargo bench -p charter-diff --bench growth` (other sizes: `-- 4000 32000`)

use std::path::Path;
use std::time::Instant;

use charter_core::Document;
use charter_core::generate::{charter_yaml, perturb};
use charter_diff::Draft;

fn load(name: &str, yaml: String) -> Document {
    let doc = Document::load(Path::new(name), yaml.into_bytes());
    assert!(!doc.has_errors(), "{name}: {:?}", doc.diagnostics.first());
    doc
}

/// Every article of a generated charter changed (a few characters put
/// before each text line) and every id renamed: no article of the new draft
/// equals one of the old, so the whole draft is one gap.
fn all_changed(yaml: &str) -> String {
    map_texts(yaml, "rev-", |t, _| format!("经修订，{t}"))
}

/// The same outline, every text unrelated to the original.
fn unrelated(yaml: &str) -> String {
    map_texts(yaml, "other-", |_, k| format!("甲乙丙丁戊己庚辛壬癸{k}子丑寅卯辰巳午未申酉戌亥"))
}

/// Rename the articles' ids (`art-` → `prefix`) and rewrite each line of
/// text with `f(text, line number)`.
fn map_texts(yaml: &str, prefix: &str, f: impl Fn(&str, usize) -> String) -> String {
    let mut out = String::with_capacity(yaml.len() * 2);
    for (k, l) in yaml.lines().enumerate() {
        let t = l.trim_start();
        let pad = &l[..l.len() - t.len()];
        if t.starts_with("- id: art-") || t.starts_with("id: art-") {
            out.push_str(&l.replace("art-", prefix));
        } else if !t.is_empty() && !t.ends_with('|') && !t.ends_with(':') && !t.contains(": ") {
            out.push_str(pad);
            out.push_str(&f(&t.replace("[[art-", &format!("[[{prefix}")), k));
        } else {
            out.push_str(l);
        }
        out.push('\n');
    }
    out
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![2_000, 4_000, 8_000, 16_000];
    }
    type Make = fn(&str) -> String;
    let cases: [(&str, Make); 3] = [
        ("5 % changed", |y| perturb(y, 5, 1)),
        ("all changed, no id shared", all_changed),
        ("all unrelated", unrelated),
    ];
    for (label, make) in cases {
        let mut last: Option<(usize, f64)> = None;
        for &n in &sizes {
            let yaml = charter_yaml(n, 1);
            let new = load("new.yaml", make(&yaml));
            let old = load("old.yaml", yaml);
            let od = Draft {
                name: "old".into(),
                charter: old.charter.as_ref().expect("old loads"),
                numbering: &old.numbering,
            };
            let nd = Draft {
                name: "new".into(),
                charter: new.charter.as_ref().expect("new loads"),
                numbering: &new.numbering,
            };
            let t = Instant::now();
            let d = charter_diff::diff(&od, &nd);
            let secs = t.elapsed().as_secs_f64();
            let growth = last.map_or(String::new(), |(m, s)| {
                format!(", growth exponent {:.2}", (secs / s).ln() / (n as f64 / m as f64).ln())
            });
            println!(
                "diff {label}, {n} articles: {:.0} ms ({} unchanged, {} modified, {} moved, {} split, {} added, {} deleted){growth}",
                secs * 1000.0,
                d.summary.unchanged,
                d.summary.modified,
                d.summary.moved,
                d.summary.split,
                d.summary.added,
                d.summary.deleted
            );
            last = Some((n, secs));
        }
    }
}
