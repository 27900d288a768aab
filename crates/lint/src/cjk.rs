//! Character classes and small text helpers for Chinese text.

pub use charter_core::punct::{is_chinese, is_cjk_punct, is_han};

/// A numeral character, Chinese (common forms, for 第X条 and counts) or
/// Arabic (ASCII or full-width); the classes are `charter_core::numerals`'.
pub fn is_numeral_char(c: char) -> bool {
    // `numerals::is_common_numeral_char(c) || numerals::is_arabic_digit(c)`
    // as a bitmap: asked at every character after a number's possible start
    // (CH014 at each 下列/以下/如下 and 由/共/设), its matches were
    // mispredicted at most characters.
    static NUMERALS: CharSet = CharSet::new("零〇一二两兩三四五六七八九十百千0123456789０１２３４５６７８９");
    NUMERALS.contains(c)
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
/// written as a string, looked up in a bitmap of the Basic Multilingual
/// Plane (8 KB) built on first use (`str::contains(char)` sets up a
/// substring search for a non-ASCII character at each call).
#[derive(Debug)]
pub struct CharSet {
    chars: &'static str,
    bits: std::sync::OnceLock<Box<[u64; 1024]>>,
}

impl CharSet {
    pub const fn new(chars: &'static str) -> CharSet {
        CharSet { chars, bits: std::sync::OnceLock::new() }
    }

    pub fn contains(&self, c: char) -> bool {
        let bits = self.bits.get_or_init(|| bmp_bitmap(self.chars.chars()));
        if (c as u32) >= 0x10000 {
            return self.chars.contains(c);
        }
        in_bmp_bitmap(bits, c)
    }
}

/// A few ideographs (U+4E00–U+9FFF), fixed at compile time and asked with
/// one load and one bit test. A `matches!` over a dozen characters compiles
/// to a tree of comparisons whose branches the processor mispredicts at
/// most characters of Chinese text: asked at every character (heads of
/// names, setting-up verbs), they were a tenth of all the mispredicted
/// branches of `check` (callgrind's branch simulation).
#[derive(Debug)]
pub struct Ideographs([u64; 328]);

impl Ideographs {
    const FIRST: u32 = 0x4E00;
    const COUNT: usize = 0x5200;

    /// Fails to compile for a character outside the block.
    pub const fn of(chars: &[char]) -> Ideographs {
        let mut bits = [0u64; 328];
        let mut k = 0;
        while k < chars.len() {
            let i = (chars[k] as u32).wrapping_sub(Self::FIRST) as usize;
            assert!(i < Self::COUNT, "not an ideograph of U+4E00–U+9FFF");
            bits[i / 64] |= 1 << (i % 64);
            k += 1;
        }
        Ideographs(bits)
    }

    pub fn contains(&self, c: char) -> bool {
        let i = (c as u32).wrapping_sub(Self::FIRST) as usize;
        i < Self::COUNT && (self.0[i / 64] >> (i % 64)) & 1 != 0
    }
}

/// A bitmap of the characters of the Basic Multilingual Plane among
/// `chars` (the others are left out).
pub fn bmp_bitmap(chars: impl Iterator<Item = char>) -> Box<[u64; 1024]> {
    let mut bits = Box::new([0u64; 1024]);
    for c in chars.filter(|&c| (c as u32) < 0x10000) {
        bits[c as usize / 64] |= 1 << (c as usize % 64);
    }
    bits
}

/// Is `c` in a [`bmp_bitmap`]? (False beyond the plane.)
pub fn in_bmp_bitmap(bits: &[u64; 1024], c: char) -> bool {
    let i = c as usize;
    i < 0x10000 && bits[i / 64] & (1 << (i % 64)) != 0
}

/// Which characters a text may hold: one bit per character, at a hash of
/// it, in 256 bits (a Bloom filter with one hash function). A word with a
/// character whose bit is clear is not in the text: most searches of a
/// short text for a list of words end here, at a fraction of the cost of
/// running an automaton over it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CharSig([u64; 4]);

impl CharSig {
    pub fn of(s: &str) -> CharSig {
        // The words in a local array (a fold that moves the signature
        // through every step cost three times as much per character).
        let mut words = [0u64; 4];
        for c in s.chars() {
            let h = Self::hash(c);
            words[(h >> 6) as usize & 3] |= 1 << (h & 63);
        }
        CharSig(words)
    }

    /// The bit of `c` (0–255): a multiplicative hash.
    const fn hash(c: char) -> u32 {
        (c as u32).wrapping_mul(0x9E37_79B1) >> 24
    }

    /// The signature of a few characters, at compile time.
    pub const fn of_chars(cs: &[char]) -> CharSig {
        let mut sig = CharSig([0; 4]);
        let mut i = 0;
        while i < cs.len() {
            sig = sig.with(cs[i]);
            i += 1;
        }
        sig
    }

    /// This signature with `c`'s bit set (at a multiplicative hash of it).
    const fn with(mut self, c: char) -> CharSig {
        let h = Self::hash(c);
        self.0[(h >> 6) as usize] |= 1 << (h & 63);
        self
    }

    /// Whether any character of `c`'s signature may be in the text.
    pub fn may_hold_any(&self, c: &CharSig) -> bool {
        self.0.iter().zip(&c.0).any(|(t, w)| t & w != 0)
    }

    /// Whether every character of the word with signature `word` may be in
    /// the text with this one (false: certainly not).
    pub fn may_hold(&self, word: &CharSig) -> bool {
        self.0.iter().zip(&word.0).all(|(t, w)| t & w == *w)
    }
}

/// Strings indexed by their first character: a bitmap asked at each
/// character of a text (most characters begin no string), then the few
/// strings that begin with it. Empty strings are left out (they have no
/// first character).
#[derive(Debug)]
struct ByFirst<'a> {
    /// The first characters in the Basic Multilingual Plane (the others are
    /// only in `lists`).
    firsts: Box<[u64; 1024]>,
    /// First character → (string, its index in the list), in list order.
    lists: rustc_hash::FxHashMap<char, Vec<(&'a str, usize)>>,
}

impl<'a> ByFirst<'a> {
    fn new(strings: impl Iterator<Item = &'a str>) -> Self {
        let mut lists: rustc_hash::FxHashMap<char, Vec<(&'a str, usize)>> = rustc_hash::FxHashMap::default();
        for (k, s) in strings.enumerate() {
            if let Some(c) = s.chars().next() {
                lists.entry(c).or_default().push((s, k));
            }
        }
        ByFirst { firsts: bmp_bitmap(lists.keys().copied()), lists }
    }

    /// The strings that begin with `c`, with their indices.
    #[inline]
    fn starting_with(&self, c: char) -> &[(&'a str, usize)] {
        if (c as u32) < 0x10000 && !in_bmp_bitmap(&self.firsts, c) {
            return &[];
        }
        self.lists.get(&c).map_or(&[], Vec::as_slice)
    }
}

/// Strings found in a text leftmost-longest (at the first position where
/// any starts, the longest there; then on after it), as an Aho-Corasick
/// automaton would find them, without building one: each check builds
/// this table for its own glossary (or a rule's word list), and an
/// automaton for 100 strings cost more to build than a 500-article
/// charter's whole search. When many strings begin with one character
/// (more than [`Leftmost::MANY`]), each position would try them all: an
/// automaton is built then, and the search stays linear in the text.
#[derive(Debug)]
pub struct Leftmost<'a> {
    /// The strings by first character, longest first, then by index.
    table: ByFirst<'a>,
    /// The automaton, for a list with many strings sharing a first
    /// character, and the list's index of each of its patterns.
    automaton: Option<(aho_corasick::AhoCorasick, Vec<usize>)>,
}

impl<'a> Leftmost<'a> {
    /// Strings sharing a first character beyond which an automaton is built.
    pub const MANY: usize = 64;

    pub fn new(strings: impl Iterator<Item = &'a str> + Clone) -> Self {
        let mut table = ByFirst::new(strings.clone());
        for list in table.lists.values_mut() {
            list.sort_by_key(|&(s, k)| (std::cmp::Reverse(s.len()), k));
        }
        // Empty strings never match (none has a first character): the
        // automaton is not given them, and its pattern k is the list's
        // `indices[k]`.
        let automaton = if table.lists.values().any(|list| list.len() > Self::MANY) {
            let (indices, patterns): (Vec<usize>, Vec<&str>) =
                strings.enumerate().filter(|(_, s)| !s.is_empty()).unzip();
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(patterns)
                .ok()
                .map(|a| (a, indices))
        } else {
            None
        };
        Leftmost { table, automaton }
    }

    /// (byte range, string index) of each match, in text order.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (std::ops::Range<usize>, usize)> + 't {
        let mut automaton = self.automaton.as_ref().map(|(a, indices)| (a.find_iter(text), indices));
        let mut at = 0;
        std::iter::from_fn(move || {
            if let Some((matches, indices)) = automaton.as_mut() {
                return matches.next().map(|m| (m.start()..m.end(), indices[m.pattern().as_usize()]));
            }
            while let Some(c) = text[at..].chars().next() {
                let start = at;
                at += c.len_utf8();
                if let Some(&(s, k)) = self.table.starting_with(c).iter().find(|(s, _)| text[start..].starts_with(s)) {
                    at = start + s.len();
                    return Some((start..at, k));
                }
            }
            None
        })
    }
}

/// A fixed list of words to find in many texts, with a table of their
/// first characters built once for all of them: `str::find` per word sets
/// up a searcher each time, which costs more than a short sentence's whole
/// scan, and an automaton for a few dozen words costs more to build than a
/// small charter's whole search (the words start with few characters).
#[derive(Debug)]
pub struct WordSet {
    /// The words, listed on first use (they may come from a rule's table).
    source: fn() -> Vec<&'static str>,
    built: std::sync::OnceLock<Built>,
}

#[derive(Debug)]
struct Built {
    words: Vec<&'static str>,
    sigs: Vec<CharSig>,
    /// The words by first character, in list order (`None` if a word is
    /// empty: each word is then searched for alone).
    table: Option<ByFirst<'static>>,
}

impl Built {
    /// Call `found` with (word index, byte start) wherever a word begins in
    /// `s`, by position, then by word, until it returns false; `None` if a
    /// word is empty (no table).
    fn each_start(&self, s: &str, mut found: impl FnMut(usize, usize) -> bool) -> Option<()> {
        let table = self.table.as_ref()?;
        for (i, c) in s.char_indices() {
            for &(w, k) in table.starting_with(c) {
                if s[i..].starts_with(w) && !found(k, i) {
                    return Some(());
                }
            }
        }
        Some(())
    }
}

impl WordSet {
    pub const fn new(source: fn() -> Vec<&'static str>) -> WordSet {
        WordSet { source, built: std::sync::OnceLock::new() }
    }

    fn built(&self) -> &Built {
        self.built.get_or_init(|| {
            let words = (self.source)();
            let table = words.iter().all(|w| !w.is_empty()).then(|| ByFirst::new(words.iter().copied()));
            let sigs = words.iter().map(|w| CharSig::of(w)).collect();
            Built { words, sigs, table }
        })
    }

    /// Every occurrence of every word in `s` as (word index, byte start), in
    /// the order searching for each word in turn (`match_indices`) finds
    /// them: by word, then by position.
    pub fn occurrences(&self, s: &str) -> Vec<(usize, usize)> {
        let built = self.built();
        let words = &built.words;
        let mut out: Vec<(usize, usize)> = Vec::new();
        if built
            .each_start(s, |k, i| {
                out.push((k, i));
                true
            })
            .is_none()
        {
            out = words.iter().enumerate().flat_map(|(k, w)| s.match_indices(w).map(move |(i, _)| (k, i))).collect();
        }
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

    /// Whether any word may be in a text with signature `sig` (false:
    /// certainly none is; ask before searching each sentence of a text).
    pub fn may_occur(&self, sig: &CharSig) -> bool {
        self.built().sigs.iter().any(|w| sig.may_hold(w))
    }

    /// Whether any word occurs in `s` (one search, no list).
    pub fn occurs_in(&self, s: &str) -> bool {
        let built = self.built();
        let mut any = false;
        match built.each_start(s, |_, _| {
            any = true;
            false
        }) {
            Some(()) => any,
            None => built.words.iter().any(|w| s.contains(w)),
        }
    }

    /// The first occurrence of each word that occurs: (word index, start).
    pub fn first_of_each(&self, s: &str) -> Vec<(usize, usize)> {
        let mut out = self.occurrences(s);
        out.dedup_by_key(|o| o.0);
        out
    }

    pub fn word(&self, k: usize) -> &'static str {
        self.built().words.get(k).copied().unwrap_or_default()
    }
}

/// Does the text hold a quotation mark: straight (" '), curly (“”‘’) or
/// corner (「」『』)? The curly and corner ones are the only characters of
/// their blocks whose second byte is 0x80 followed by these third bytes, so
/// a search for three bytes (memchr, many bytes at a time) answers for the
/// many texts that hold none, without reading each character.
pub fn has_quote(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr3_iter(b'"', b'\'', 0x80, b).any(|i| {
        b[i] != 0x80
            || (i >= 1
                && i + 1 < b.len()
                && matches!((b[i - 1], b[i + 1]), (0xE2, 0x98 | 0x99 | 0x9C | 0x9D) | (0xE3, 0x8C..=0x8F)))
    })
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
    let mut at_end = |i: usize| {
        // Every candidate is the first byte of a character.
        if let Some(c) = s[i..].chars().next().filter(|c| ends.contains(c)) {
            out.push(start..i + c.len_utf8());
            start = i + c.len_utf8();
        }
    };
    // With three or fewer distinct first bytes among the ends (sentences:
    // 。；？！ begin with 0xE3 or 0xEF, which no ideograph does, and ;),
    // only those bytes are looked for: memchr skips the ideographs between
    // them many bytes at a time.
    let (mut firsts, mut n) = ([0u8; 16], 0);
    for c in ends {
        let f = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
        if !firsts[..n].contains(&f) && n < firsts.len() {
            firsts[n] = f;
            n += 1;
        }
    }
    let firsts = &firsts[..n];
    let b = s.as_bytes();
    match *firsts {
        [] => {}
        [x] => memchr::memchr_iter(x, b).for_each(&mut at_end),
        [x, y] => memchr::memchr2_iter(x, y, b).for_each(&mut at_end),
        [x, y, z] => memchr::memchr3_iter(x, y, z, b).for_each(&mut at_end),
        // More (clauses, read in short pieces): each character.
        _ => {
            for (i, c) in s.char_indices() {
                // Most characters are ideographs, never an end.
                if !('\u{4e00}'..='\u{9fff}').contains(&c) && ends.contains(&c) {
                    at_end(i);
                }
            }
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

    /// `count` strings of up to `most - 1` pieces chosen by a fixed
    /// pseudo-random sequence from `seed`.
    fn random_strings(pieces: &[&str], seed: u64, count: usize, most: u64) -> Vec<String> {
        let mut seed = seed;
        (0..count)
            .map(|_| {
                let mut s = String::new();
                for _ in 0..(seed % most) {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                }
                s
            })
            .collect()
    }

    /// The splitter finds the same ends as reading every character.
    #[test]
    fn split_after_agrees_with_reading_each_character() {
        fn by_chars(s: &str, ends: &[char]) -> Vec<std::ops::Range<usize>> {
            let (mut out, mut start) = (Vec::new(), 0);
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
        let pieces = [
            "本会",
            "。",
            "；",
            "？",
            "！",
            ";",
            ",",
            ":",
            "，",
            "：",
            "a",
            "《章程》",
            "〔",
            "＂",
            "、",
            "ｰ",
            "𠀀",
            " ",
        ];
        let sentence_ends = ['。', '；', '？', '！', ';'];
        let clause_ends = ['。', '；', '？', '！', '，', '：', ';', ',', ':'];
        for s in random_strings(&pieces, 7, 2_000, 13) {
            assert_eq!(sentences(&s), by_chars(&s, &sentence_ends), "{s}");
            assert_eq!(clauses(&s), by_chars(&s, &clause_ends), "{s}");
        }
    }

    /// The numeral characters' bitmap agrees with the numerals module.
    #[test]
    fn numeral_chars_agree_with_the_numerals_module() {
        for c in ('\u{0}'..='\u{d7ff}').chain('\u{e000}'..='\u{10ffff}') {
            let expected =
                charter_core::numerals::is_common_numeral_char(c) || charter_core::numerals::is_arabic_digit(c);
            assert_eq!(is_numeral_char(c), expected, "{c:?}");
        }
    }

    /// An ideograph set holds exactly its characters.
    #[test]
    fn ideographs_hold_exactly_their_characters() {
        const CS: [char; 5] = ['一', '会', '鿿', '丁', '部'];
        static SET: Ideographs = Ideographs::of(&CS);
        for c in ('\u{0}'..='\u{ffff}').chain(['𠀀', '\u{10ffff}']) {
            assert_eq!(SET.contains(c), CS.contains(&c), "{c:?}");
        }
    }

    /// [`has_quote`] answers as reading every character does.
    #[test]
    fn has_quote_agrees_with_reading_each_character() {
        let quote = |c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』');
        let pieces = [
            "本会", "。", "、", "“", "”", "‘", "’", "「", "」", "『", "』", "\"", "'", "〔", "–", "…", "€", "‚", "〈",
            "a", "𠀀", "䀀",
        ];
        for s in random_strings(&pieces, 11, 3_000, 9) {
            assert_eq!(has_quote(&s), s.chars().any(quote), "{s}");
        }
        // Every character whose encoding has 0x80 second, quote or not.
        for c in ('\u{2000}'..='\u{203f}').chain('\u{3000}'..='\u{303f}') {
            assert_eq!(has_quote(&c.to_string()), quote(c), "{c:?}");
        }
    }

    #[test]
    fn word_set_finds_what_each_search_finds() {
        static WORDS: WordSet = WordSet::new(|| vec!["任期为", "任期", "由", "由由", "设"]);
        for s in ["任期为两年，任期", "由由由", "", "设设任期为", "无关的文字"] {
            let mut each = Vec::new();
            for (k, w) in ["任期为", "任期", "由", "由由", "设"].iter().enumerate() {
                each.extend(s.match_indices(w).map(|(i, _)| (k, i)));
            }
            assert_eq!(WORDS.occurrences(s), each, "{s}");
            assert_eq!(WORDS.occurs_in(s), !each.is_empty(), "{s}");
        }
        // On random texts of the words' pieces (overlaps, repeats), and
        // with an empty word among them (searched for word by word).
        static WITH_EMPTY: WordSet = WordSet::new(|| vec!["由由", "", "任期"]);
        for s in random_strings(&["任", "期", "为", "由", "设", "人", "，", "𠀀"], 9, 2_000, 8) {
            for (set, words) in
                [(&WORDS, &["任期为", "任期", "由", "由由", "设"][..]), (&WITH_EMPTY, &["由由", "", "任期"][..])]
            {
                let mut each = Vec::new();
                for (k, w) in words.iter().enumerate() {
                    each.extend(s.match_indices(w).map(|(i, _)| (k, i)));
                }
                assert_eq!(set.occurrences(&s), each, "{s}");
            }
        }
        // Whether any occurs, on random texts made of the words' pieces.
        for s in random_strings(&["任", "期", "为", "由", "设", "人", "，"], 5, 2_000, 8) {
            assert_eq!(WORDS.occurs_in(&s), !WORDS.occurrences(&s).is_empty(), "{s}");
        }
    }

    /// [`Leftmost`] finds what a leftmost-longest automaton finds,
    /// on random glossaries (strings sharing first characters, one another's
    /// prefixes, repeated, beyond the BMP) and random texts of their pieces.
    #[test]
    fn leftmost_agrees_with_an_automaton() {
        let pieces = ["学", "生", "会", "学生", "委员会", "主席团", "𠀀", "a", "，", "部"];
        let mut seed = 0x9e37_79b9_u64;
        let mut next = |m: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % m
        };
        for round in 0..500 {
            let random = |next: &mut dyn FnMut(usize) -> usize, most: usize| -> String {
                (0..next(most)).map(|_| pieces[next(pieces.len())]).collect()
            };
            // The last hundred: more strings than `Leftmost::MANY`, all
            // beginning with 学 but the empty ones (the automaton's path).
            let glossary: Vec<String> = if round < 400 {
                (0..1 + next(8)).map(|_| pieces[next(pieces.len())].to_string() + &random(&mut next, 3)).collect()
            } else {
                (0..Leftmost::MANY + 16)
                    .map(|i| if i % 9 == 4 { String::new() } else { "学".to_string() + &random(&mut next, 3) })
                    .collect()
            };
            let matcher = Leftmost::new(glossary.iter().map(String::as_str));
            assert_eq!(matcher.automaton.is_some(), round >= 400);
            // The oracle is given strings no text holds for the empty ones.
            let oracle: Vec<String> =
                glossary.iter().map(|g| if g.is_empty() { "\u{0}".repeat(4) } else { g.clone() }).collect();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&oracle)
                .expect("the oracle automaton builds");
            for _ in 0..20 {
                let text: String = (0..next(16)).map(|_| pieces[next(pieces.len())]).collect();
                let want: Vec<(std::ops::Range<usize>, usize)> =
                    ac.find_iter(&text).map(|m| (m.start()..m.end(), m.pattern().as_usize())).collect();
                let got: Vec<(std::ops::Range<usize>, usize)> = matcher.find_iter(&text).collect();
                assert_eq!(got, want, "{glossary:?} in {text}");
            }
        }
    }

    /// A signature computed in one pass is the fold of each character's bit.
    #[test]
    fn signature_is_each_characters_bit() {
        for s in random_strings(&["学", "生", "会", "a", "\u{10000}", "，", " ", "é"], 3, 2_000, 12) {
            assert_eq!(CharSig::of(&s), s.chars().fold(CharSig::default(), CharSig::with), "{s}");
        }
    }

    /// A signature never rules out a word the text holds.
    #[test]
    fn signature_keeps_every_word_held() {
        let text = "学生代表大会每年召开一次，特殊情况下可以提前或者推迟；本会的经费来源和使用情况应当向会员公开。";
        let sig = CharSig::of(text);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for i in 0..chars.len() {
            for j in i + 1..=chars.len().min(i + 6) {
                let end = chars.get(j).map_or(text.len(), |c| c.0);
                assert!(sig.may_hold(&CharSig::of(&text[chars[i].0..end])));
            }
        }
        // And rules out most words it does not hold.
        let absent = ["主席团", "秘书长", "分别为", "罢免", "章程", "表决", "候选人"];
        assert!(absent.iter().filter(|w| sig.may_hold(&CharSig::of(w))).count() <= 1);
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
