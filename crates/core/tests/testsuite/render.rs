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
