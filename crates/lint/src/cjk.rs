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

/// A fixed set of characters, asked about at every character of a text:
/// written as a string, searched sorted (`str::contains(char)` sets up a
/// substring search for a non-ASCII character at each call).
#[derive(Debug)]
pub struct CharSet {
    chars: &'static str,
    sorted: std::sync::OnceLock<Vec<char>>,
}

impl CharSet {
    pub const fn new(chars: &'static str) -> CharSet {
        CharSet { chars, sorted: std::sync::OnceLock::new() }
    }

    pub fn contains(&self, c: char) -> bool {
        let sorted = self.sorted.get_or_init(|| {
            let mut v: Vec<char> = self.chars.chars().collect();
            v.sort_unstable();
            v.dedup();
            v
        });
        sorted.binary_search(&c).is_ok()
    }
}

/// A fixed list of words to find in many texts, with an automaton built
/// once for all of them: `str::find` per word sets up a searcher each time,
/// which costs more than a short sentence's whole scan.
#[derive(Debug)]
pub struct WordSet {
    /// The words, listed on first use (they may come from a rule's table).
    source: fn() -> Vec<&'static str>,
    built: std::sync::OnceLock<(Vec<&'static str>, Option<aho_corasick::AhoCorasick>)>,
}

impl WordSet {
    pub const fn new(source: fn() -> Vec<&'static str>) -> WordSet {
        WordSet { source, built: std::sync::OnceLock::new() }
    }

    fn built(&self) -> &(Vec<&'static str>, Option<aho_corasick::AhoCorasick>) {
        self.built.get_or_init(|| {
            let words = (self.source)();
            let ac = aho_corasick::AhoCorasick::new(&words).ok();
            (words, ac)
        })
    }

    /// Every occurrence of every word in `s` as (word index, byte start), in
    /// the order searching for each word in turn (`match_indices`) finds
    /// them: by word, then by position.
    pub fn occurrences(&self, s: &str) -> Vec<(usize, usize)> {
        let (words, ac) = self.built();
        let mut out: Vec<(usize, usize)> = match ac {
            Some(ac) => ac.find_overlapping_iter(s).map(|m| (m.pattern().as_usize(), m.start())).collect(),
            None => words.iter().enumerate().flat_map(|(k, w)| s.match_indices(w).map(move |(i, _)| (k, i))).collect(),
        };
        out.sort_unstable();
        // As `match_indices` does: an occurrence overlapping the word's
        // previous one is not another.
        let mut last: Option<(usize, usize)> = None;
        out.retain(|&(k, i)| {
            let keep = last.is_none_or(|(lk, li)| lk != k || i >= li + words[k].len());
            if keep {
                last = Some((k, i));
            }
            keep
        });
        out
    }

    /// The first occurrence of each word that occurs: (word index, start).
    pub fn first_of_each(&self, s: &str) -> Vec<(usize, usize)> {
        let mut out = self.occurrences(s);
        out.dedup_by_key(|o| o.0);
        out
    }

    pub fn word(&self, k: usize) -> &'static str {
        self.built().0.get(k).copied().unwrap_or_default()
    }
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
        // Most characters are ideographs, never an end.
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            continue;
        }
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
    fn word_set_finds_what_each_search_finds() {
        static WORDS: WordSet = WordSet::new(|| vec!["任期为", "任期", "由", "由由", "设"]);
        for s in ["任期为两年，任期", "由由由", "", "设设任期为", "无关的文字"] {
            let mut each = Vec::new();
            for (k, w) in ["任期为", "任期", "由", "由由", "设"].iter().enumerate() {
                each.extend(s.match_indices(w).map(|(i, _)| (k, i)));
            }
            assert_eq!(WORDS.occurrences(s), each, "{s}");
        }
    }

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
