//! Whatever `charter import` writes loads back: a property test over
//! mutated inputs (quotes, YAML indicators, `#`, `: `, spaces and tabs at
//! either end, control characters, non-characters, Markdown and HTML
//! markup, line breaks of every kind), in text and Markdown, and over
//! mutated bytes. Deterministic (a fixed-seed generator), so CI runs the
//! same cases every time.

use std::path::Path;

use charter_core::Document;
use charter_import::{Options, import_bytes};

/// A small deterministic generator (SplitMix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

const SEED: &str = "示例大学学生会章程\n（草案）\n第一章　总则\n第一条　本会名称为示例大学学生会。\n第二条　【宗旨】本会的宗旨：\n（一）团结同学；\n（二）服务同学：\n1. 学习；\n2. 生活。\n第二章　组织\n第一节　代表大会\n第三条　代表大会每年召开一次。\n第二款的内容。\n第四条　依照第三条的规定。\n第三章　附则\n第五条　本章程自通过之日起施行。\n";

/// Pieces that have broken YAML writers.
const NASTY: &[&str] = &[
    "\"",
    "'",
    "#",
    " #",
    "# ",
    ":",
    ": ",
    " : ",
    "- ",
    "? ",
    "|",
    ">",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "{",
    "}",
    "[",
    "]",
    "[[",
    "]]",
    ",",
    "\\",
    "~",
    "yes",
    "null",
    "---",
    "...",
    " ",
    "  ",
    "\t",
    "\u{3000}",
    "\u{0}",
    "\u{7}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{200b}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{fffd}",
    "\u{d7ff}",
    "\u{e000}",
    "\u{10ffff}",
    "\u{1f600}",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "<b>",
    "</b>",
    "<!--",
    "&amp;",
    "&#1;",
    "_",
    "__",
    "**",
    "1. ",
    "(1)",
    "（一）",
    "第",
    "条",
    "章",
    "第一条",
    "第二章",
    "之一",
    "【",
    "】",
    "《",
    "》",
    "“",
    "”",
    "0x1F",
    "2021-01-01",
    "1e3",
    ".inf",
    "<<",
];

/// `SEED` with `n` pieces of `NASTY` inserted at random places (on
/// character boundaries), sometimes at a line's start or end.
pub fn mutate(rng: &mut Rng, seed: &str, n: usize) -> String {
    let mut s = seed.to_string();
    for _ in 0..n {
        let piece = NASTY[rng.below(NASTY.len())];
        let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        let at = bounds[rng.below(bounds.len())];
        s.insert_str(at, piece);
    }
    s
}

/// Import `text` as `name` and, when YAML comes out, load it: no loading
/// errors allowed.
fn check_round_trip(name: &str, bytes: &[u8]) {
    let imp = match import_bytes(Path::new(name), bytes, Options::default()) {
        Ok(imp) => imp,
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.contains("内部错误"), "{msg}");
            return;
        }
    };
    let Some(yaml) = imp.yaml else { return };
    let doc = Document::load(Path::new("back.yaml"), yaml.clone().into_bytes());
    let errors: Vec<String> =
        doc.diagnostics.iter().filter(|d| d.is_load_error() && d.is_error()).map(|d| d.message.clone()).collect();
    assert!(errors.is_empty() && doc.charter.is_some(), "import of {bytes:?} does not load back: {errors:?}\n{yaml}");
}

#[test]
fn mutated_texts_load_back() {
    let mut rng = Rng(14);
    for case in 0..400 {
        let text = mutate(&mut rng, SEED, 1 + case % 12);
        check_round_trip("mutated.txt", text.as_bytes());
        if case % 4 == 0 {
            let md = format!("# {}", text.replace("第一章", "## 第一章"));
            check_round_trip("mutated.md", md.as_bytes());
        }
    }
}

#[test]
fn every_nasty_piece_everywhere_in_a_title_and_an_article() {
    for piece in NASTY {
        for text in [
            format!("{piece}章程{piece}\n第一条　{piece}本会{piece}。{piece}\n"),
            format!("章程\n第一章　{piece}总则{piece}\n第一条　【{piece}】正文\n（一）{piece}\n（二）项{piece}\n"),
        ] {
            check_round_trip("piece.txt", text.as_bytes());
        }
    }
}

#[test]
fn mutated_bytes_never_panic_and_load_back() {
    let mut rng = Rng(7);
    let seed = SEED.as_bytes();
    for _ in 0..300 {
        let mut b = seed.to_vec();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(b.len());
            match rng.below(3) {
                0 => b[at] = u8::try_from(rng.below(256)).unwrap_or(0),
                1 => {
                    b.remove(at);
                }
                _ => b.insert(at, u8::try_from(rng.below(256)).unwrap_or(0)),
            }
        }
        check_round_trip("bytes.txt", &b);
    }
}
