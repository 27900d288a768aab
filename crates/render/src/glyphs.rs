//! No silent loss: typst drops a character no font has a glyph for, without
//! a word. Before compiling, every character of the charter is checked
//! against the fonts; an uncovered one is an error at its place in the YAML.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::fonts::FontSet;
use charter_core::diagnostic::Diagnostic;
use charter_core::model::Charter;
use charter_core::source::{SourceFile, Span};
use charter_core::text::Text;

/// Code of the missing-glyph error.
pub const CODE: charter_core::diagnostic::Code = crate::codes::R001;

/// How many places of one character are labelled.
const MAX_LABELS: usize = 5;

/// One error per character that no font covers, labelled at its first
/// places in the file.
pub fn check(charter: &Charter, file: &SourceFile, fonts: &FontSet) -> Vec<Diagnostic> {
    check_where(charter, file, fonts, &|_| true).into_iter().map(|(_, d)| d).collect()
}

/// The characters of `chars` that no font covers, in order.
pub fn uncovered(chars: impl IntoIterator<Item = char>, fonts: &FontSet) -> BTreeSet<char> {
    let mut seen = BTreeSet::new();
    let mut out = BTreeSet::new();
    for c in chars {
        if !ignorable(c) && seen.insert(c) && !fonts.covers(c) {
            out.insert(c);
        }
    }
    out
}

/// Like [`check`], for the characters of `only` (those a document made
/// from the charter prints); each error comes with its character.
pub fn check_only(
    charter: &Charter,
    file: &SourceFile,
    fonts: &FontSet,
    only: &BTreeSet<char>,
) -> Vec<(char, Diagnostic)> {
    check_where(charter, file, fonts, &|c| only.contains(&c))
}

fn check_where(
    charter: &Charter,
    file: &SourceFile,
    fonts: &FontSet,
    wanted: &dyn Fn(char) -> bool,
) -> Vec<(char, Diagnostic)> {
    // char → places, in document order.
    let mut missing: BTreeMap<char, Vec<Span>> = BTreeMap::new();
    let mut order: Vec<char> = Vec::new();
    let mut known: BTreeMap<char, bool> = BTreeMap::new();
    let mut visit = |c: char, place: &dyn Fn() -> Span| {
        if ignorable(c) || !wanted(c) {
            return;
        }
        let covered = *known.entry(c).or_insert_with(|| fonts.covers(c));
        if !covered {
            let places = missing.entry(c).or_default();
            if places.is_empty() {
                order.push(c);
            }
            if places.len() < MAX_LABELS {
                places.push(place());
            } else {
                places.push(Span::default());
            }
        }
    };
    let mut plain = |s: &str, span: Span| {
        // The n-th occurrence of a character in the value is its n-th
        // occurrence in the source; the source's occurrences are indexed
        // once per scalar, so any number of missing characters stay linear.
        let mut seen: HashMap<char, usize> = HashMap::new();
        let index = OnceCell::new();
        for c in s.chars() {
            let n = seen.entry(c).or_insert(0);
            let nth = *n;
            *n += 1;
            visit(c, &|| {
                let index = index.get_or_init(|| scalar_index(file, span));
                match index.get(&c).and_then(|v: &Vec<usize>| v.get(nth)) {
                    Some(&at) => Span::new(span.file, at, at + c.len_utf8()),
                    None => span,
                }
            });
        }
    };
    plain(&charter.meta.title, charter.meta.title_span);
    if let (Some(s), Some(sp)) = (&charter.meta.status, charter.meta.status_span) {
        plain(s, sp);
    }
    for d in charter.divisions() {
        plain(&d.title, d.title_span);
    }
    let mut texts: Vec<&Text> = charter.meta.history.iter().collect();
    texts.extend(charter.texts().into_iter().map(|(_, t)| t));
    for t in texts {
        for (i, c) in t.raw.char_indices() {
            visit(c, &|| t.locate(file, i..i + c.len_utf8()));
        }
    }
    order
        .into_iter()
        .map(|c| {
            let places = missing.remove(&c).unwrap_or_default();
            let n = places.len();
            let mut d = Diagnostic::new(
                CODE,
                format!("字符“{c}”（U+{:04X}）在所有可用的字体中都没有字形，印出来会缺字", c as u32),
            );
            for (i, sp) in places.into_iter().take(MAX_LABELS).enumerate() {
                d = if i == 0 { d.at(sp, "这个字没有字形") } else { d.also(sp, "又一处") };
            }
            if n > MAX_LABELS {
                d = d.hint(format!("这个字共出现 {n} 处，上面只标出了前 {MAX_LABELS} 处。"));
            }
            (c, d.hint(FONT_HINT))
        })
        .collect()
}

/// What to do about a missing glyph.
pub const FONT_HINT: &str = "内置字体只收通用规范汉字表的 8105 字和常用符号。请用 --font-path 指定含有这个字的字体所在的文件夹，或者安装这样的字体；也可以换用常用字。";

/// The error for a character no font covers that is printed but does not
/// come from a charter's text (e.g. from a file name): no place to point at.
pub fn missing_elsewhere(c: char, where_: &str) -> Diagnostic {
    Diagnostic::new(
        CODE,
        format!("字符“{c}”（U+{:04X}）在所有可用的字体中都没有字形，印出来会缺字（出现在{where_}中）", c as u32),
    )
    .hint(FONT_HINT)
}

/// Characters that print nothing and need no glyph.
fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Where each character occurs in the source of a plain (one-line) scalar
/// at `span`, in order (quotes and escapes aside, a plain title is written
/// as it reads).
fn scalar_index(file: &SourceFile, span: Span) -> HashMap<char, Vec<usize>> {
    let start = file.clamp(span.start);
    let end = file.clamp(span.end).max(start);
    let mut index: HashMap<char, Vec<usize>> = HashMap::new();
    for (i, c) in file.text[start..end].char_indices() {
        index.entry(c).or_default().push(start + i);
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignorable_characters() {
        assert!(ignorable(' '));
        assert!(ignorable('\u{3000}'));
        assert!(ignorable('\u{200B}'));
        assert!(!ignorable('字'));
    }
}
