//! The checker never panics, and `--fix` never makes a file load worse,
//! on mutated versions of the example charter and the rule fixtures
//! (deterministic pseudo-random edits of the text inside the scalars).

use std::path::Path;

/// Characters that exercise the rules: punctuation of both widths, quotes,
/// brackets, numerals, citation words, spaces, Latin letters, YAML
/// indicators.
const PIECES: &[&str] = &[
    ",",
    "，",
    ";",
    "：",
    ":",
    "(",
    ")",
    "（",
    "）",
    "“",
    "”",
    "\"",
    "'",
    "「",
    "《",
    "》",
    "第",
    "条",
    "章",
    "款",
    "项",
    "一",
    "十",
    "5",
    "-",
    "～",
    " ",
    "　",
    "and",
    "PDF",
    "#",
    "[[",
    "]]",
    "*",
    "\\",
    "简称",
    "（以下简称“",
    "委员会",
    "部",
    "主席",
    "设有3个",
    "分别为",
    "不超过7人",
    "由",
    "组成",
    "、",
    "。",
    "\u{200b}",
    "é",
    "𠀀",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Insert a few pieces at random character positions of lines that carry
/// text (not keys), or delete a character.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.next(4) {
        let i = rng.next(lines.len());
        let line = &lines[i];
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        if chars.len() < 8 || line.trim_start().starts_with("- id:") || line.trim_start().starts_with("id:") {
            continue;
        }
        let at = chars[4 + rng.next(chars.len() - 4)].0;
        let mut s = line.clone();
        if rng.next(5) == 0 {
            let len = s[at..].chars().next().map_or(0, char::len_utf8);
            s.replace_range(at..at + len, "");
        } else {
            s.insert_str(at, PIECES[rng.next(PIECES.len())]);
        }
        lines[i] = s;
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn load_quality(doc: &charter_core::Document) -> (bool, usize) {
    (doc.charter.is_none(), doc.diagnostics.iter().filter(|d| d.is_load_error()).count())
}

#[test]
fn no_panics_and_fixes_never_hurt() {
    let root = crate::root();
    let mut inputs = vec![std::fs::read_to_string(root.join("charter/charter.yaml")).unwrap_or_default()];
    for f in
        ["ch006_hardcoded_citation", "ch014_count_mismatch", "ch020_halfwidth_punctuation", "ch026_manual_numbering"]
    {
        inputs.push(std::fs::read_to_string(root.join(format!("tests/fixtures/lint/{f}.yaml"))).unwrap_or_default());
    }
    let mut rng = Rng(0x5eed);
    let path = Path::new("m.yaml");
    for round in 0..400 {
        let base = &inputs[round % inputs.len()];
        let text = mutate(base, &mut rng);
        let doc = charter_lint::process_text(path, &text, None);
        let before = load_quality(&doc);
        if round % 2 == 0 {
            let outcome = charter_lint::fix::fix_text(&text, &|t| charter_lint::process_text(path, t, None));
            let after = load_quality(&charter_lint::process_text(path, &outcome.text, None));
            assert!(after <= before, "round {round}: fixing made the file load worse: {before:?} → {after:?}");
        }
    }
}
