//! The human rendering of a finding with very many places shows the first
//! ones and says how many more there are (the snippet renderer's work grows
//! with places × lines).

use charter_core::diagnostic::{Diagnostic, MAX_RENDERED_LABELS, render};
use charter_core::load::codes::Y002;
use charter_core::source::{Sources, Span};

#[test]
fn a_finding_with_thousands_of_places_shows_the_first_ones() {
    let mut sources = Sources::default();
    let text: String = (0..2_000).map(|i| format!("第{i}行 文字\n")).collect();
    let file = sources.add("big.yaml", text.clone());
    let mut d = Diagnostic::new(Y002, "多处问题");
    let mut at = 0;
    for (k, line) in text.lines().enumerate() {
        let sp = line.find(' ').map_or(0, |i| at + i);
        d = if k == 0 {
            d.at(Span::new(file, sp, sp + 1), "这里")
        } else {
            d.also(Span::new(file, sp, sp + 1), "这里")
        };
        at += line.len() + 1;
    }
    let out = render(&d, &sources, false);
    assert!(out.contains("^"), "the primary place is shown: {out}");
    assert!(out.contains(&format!("另有 {} 处没有列出", 2_000 - MAX_RENDERED_LABELS)), "{out}");
    // The first places are listed, the last ones are not.
    assert!(out.contains("第1行 文字") && !out.contains("第1999行 文字"), "{out}");
    // Few places: all shown, no note.
    let mut few = Diagnostic::new(Y002, "两处问题");
    few = few.at(Span::new(file, 3, 4), "这里").also(Span::new(file, 20, 21), "还有这里");
    assert!(!render(&few, &sources, false).contains("没有列出"));
}

/// Two places far apart are two snippets, the primary one first (its place
/// follows “-->”): one snippet would hold every line between them, and
/// rendering it cost their number for every such finding (near-duplicate
/// names a thousand lines apart made `check` quadratic).
#[test]
fn places_far_apart_are_separate_snippets_primary_first() {
    let mut sources = Sources::default();
    let text: String = (1..=20_000).map(|i| format!("第{i}行\n")).collect();
    let file = sources.add("long.yaml", text.clone());
    let line_at = |n: usize| text.find(&format!("第{n}行\n")).unwrap_or(0);
    let d = Diagnostic::new(Y002, "相隔很远的两处")
        .at(Span::new(file, line_at(19_990), line_at(19_990) + 3), "这里")
        .also(Span::new(file, line_at(5), line_at(5) + 3), "别处")
        .also(Span::new(file, line_at(9), line_at(9) + 3), "附近");
    let out = render(&d, &sources, false);
    let primary = out.find("--> long.yaml:19990:1").unwrap_or_else(|| panic!("{out}"));
    let other = out.find("::: long.yaml:5:1").unwrap_or_else(|| panic!("{out}"));
    assert!(primary < other, "{out}");
    // Nearby places share a snippet; nothing between the runs is shown.
    assert!(out.contains("第9行") && !out.contains("::: long.yaml:9:"), "{out}");
    assert!(!out.contains("第10000行"), "{out}");
}
