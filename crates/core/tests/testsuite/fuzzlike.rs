//! A cheap, deterministic stand-in for the fuzzer (fuzz/README.md) that CI
//! runs: mutated charters through the loader and every diagnostic's
//! rendering, mutated texts through the inline parser and position
//! mapping. A fixed-seed generator: the same cases every run.

use std::path::Path;

use charter_core::Document;
use charter_core::source::{SourceFile, Span};
use charter_core::text::Text;

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

const PIECES: &[&[u8]] = &[
    b"\n",
    b"  ",
    b"- ",
    b": ",
    b"#",
    b"\"",
    b"'",
    b"|",
    b">",
    b"&a",
    b"*a",
    b"!!str",
    b"[[",
    b"]]",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\t",
    b"\0",
    b"\x1b",
    b"\xff",
    b"\xe4\xb8",
    "第一条".as_bytes(),
    b"id: a",
    b"text: |",
    b"body:",
    b"items:",
    b"---",
    b"...",
    b"\\",
    b"%YAML 1.2",
    b"<<: ",
    b"~",
    b"null",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(b.len() + 1);
        match rng.below(4) {
            0 if at < b.len() => {
                b.remove(at);
            }
            1 if at < b.len() => b[at] = u8::try_from(rng.below(256)).unwrap_or(0),
            _ => {
                let p = PIECES[rng.below(PIECES.len())];
                b.splice(at..at, p.iter().copied());
            }
        }
    }
    b
}

#[test]
fn mutated_charters_load_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/lint");
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect())
        .unwrap_or_else(|_| Vec::new())
        .into_iter()
        .filter_map(|p: std::path::PathBuf| std::fs::read(p).ok())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no fixtures under {}", dir.display());
    let mut rng = Rng(2026);
    for case in 0..600 {
        let seed = &seeds[case % seeds.len()];
        let bytes = mutate(&mut rng, seed);
        let doc = Document::load(Path::new("m.yaml"), bytes);
        for d in &doc.diagnostics {
            let short = charter_core::diagnostic::render_short(d, &doc.sources);
            assert!(!short.contains('\u{1b}'), "{short}");
            let _ = charter_core::diagnostic::render(d, &doc.sources, false);
        }
    }
}

#[test]
fn positions_of_mutated_texts_stay_in_their_scalar() {
    let mut rng = Rng(9);
    let seed = "依照[[a-1]]的*规定*，见[[b, c]]和`x`。".as_bytes();
    for _ in 0..2_000 {
        let Ok(raw) = String::from_utf8(mutate(&mut rng, seed)) else { continue };
        let yaml = format!("text: \"{}\"\n", raw.replace('\\', "\\\\").replace('"', "\\\""));
        let file = SourceFile::new("t.yaml", yaml.clone());
        let span = Span::new(charter_core::FileId(0), 6, yaml.len() - 1);
        let (text, _) = Text::parse(raw.clone(), span);
        let plain = text.plain_with(&|_| "第一条".to_string());
        let bounds: Vec<usize> = (0..=raw.len()).filter(|&i| raw.is_char_boundary(i)).collect();
        for w in bounds.windows(2) {
            let s = text.locate(&file, w[0]..w[1]);
            assert!(s.start >= span.start && s.end <= span.end && s.start <= s.end, "{raw:?} {w:?} {s:?}");
        }
        for (i, _) in plain.text.char_indices() {
            assert!(plain.to_raw(i) <= raw.len());
        }
    }
}
