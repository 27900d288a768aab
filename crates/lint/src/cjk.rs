//! Character classes and small text helpers for Chinese text.

use charter_core::numerals;

pub use charter_core::punct::{is_chinese, is_cjk_punct, is_han};

/// A numeral character, Chinese (common forms, for 第X条 and counts) or
/// Arabic (ASCII or full-width); the classes are `charter_core::numerals`'.
pub fn is_numeral_char(c: char) -> bool {
    numerals::is_common_numeral_char(c) || numerals::is_arabic_digit(c)
}

/// The char before byte `at` in `s`.
pub fn prev_char(s: &str, at: usize) -> Option<char> {
    s.get(..at)?.chars().next_back()
}

/// The char at byte `at` in `s`.
pub fn next_char(s: &str, at: usize) -> Option<char> {
    s.get(at..)?.chars().next()
}

/// Parse a run of numeral characters starting at byte `at`: (value, end).
pub fn numeral_at(s: &str, at: usize) -> Option<(u32, usize)> {
    let rest = s.get(at..)?;
    let len: usize = rest.chars().take_while(|c| is_numeral_char(*c)).map(char::len_utf8).sum();
    if len == 0 {
        return None;
    }
    charter_core::numerals::parse(&rest[..len]).map(|n| (n, at + len))
}

/// Sentences of a text: byte ranges ending after 。；？！ (or at the end).
pub fn sentences(s: &str) -> Vec<std::ops::Range<usize>> {
    split_after(s, &['。', '；', '？', '！', ';'])
}

/// Clauses: sentences further split after ，：.
pub fn clauses(s: &str) -> Vec<std::ops::Range<usize>> {
    split_after(s, &['。', '；', '？', '！', '，', '：', ';', ',', ':'])
}

fn split_after(s: &str, ends: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if ends.contains(&c) {
            out.push(start..i + c.len_utf8());
            start = i + c.len_utf8();
        }
    }
    if start < s.len() {
        out.push(start..s.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('会'));
        assert!(!is_han('，'));
        assert!(is_chinese('，'));
        assert!(!is_chinese(','));
        assert_eq!(numeral_at("设有4个部门", 6), Some((4, 7)));
        assert_eq!(numeral_at("第二十一条", 3), Some((21, 12)));
        assert_eq!(sentences("甲。乙；丙").len(), 3);
    }
}
