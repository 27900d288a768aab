//! Physical lines → normalised, classified lines.
//!
//! Normalising removes what copy-and-paste brings in (zero-width characters,
//! non-breaking spaces, U+3000 indents, Kangxi-radical look-alikes) and, for
//! Markdown, the markup (`#` headings, `>` quotes, `-` bullets, `**`, HTML
//! comments, YAML front matter). Classifying looks at one line only; what a
//! line *means* in context (an article start or a wrapped cross-reference)
//! is decided by [`super::build`].

use charter_core::model::Level;
use charter_core::numerals;

use super::InputFormat;

/// One line of the input, normalised.
#[derive(Debug, Clone)]
pub struct Line {
    /// Zero-based line index in the source.
    pub no: usize,
    /// Byte range of the content (after indentation and markup) in the source.
    pub start: usize,
    pub end: usize,
    /// The normalised content.
    pub text: String,
    /// Markdown heading depth (`##` → 2); 0 for other lines.
    pub md_depth: u8,
    /// A blank line (or markup-only line) came between this line and the
    /// previous non-blank one.
    pub after_blank: bool,
    pub kind: Kind,
}

/// What one line looks like on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Blank,
    PageNumber,
    /// 目录 / 目次.
    Toc,
    /// 序言 / 前言.
    PreambleMark,
    /// 第X编/分编/章/节 title. `sep`: a separator (or nothing) followed the
    /// label, rather than text glued to it.
    Heading {
        level: Level,
        number: u32,
        title: String,
        sep: bool,
        label_len: usize,
    },
    /// 附则 on its own.
    Supplementary {
        title: String,
    },
    /// 第X条(之Y) rest.
    Article {
        number: u32,
        sub: u32,
        sep: bool,
        rest: String,
        label_len: usize,
    },
    /// （一） (一) 一、
    Item {
        number: u32,
        rest: String,
        label_len: usize,
        dun: bool,
    },
    /// 1. 1、 （1） ①
    SubItem {
        number: u32,
        rest: String,
        label_len: usize,
    },
    Text,
}

/// Lines of `text` (the whole decoded input), normalised and classified.
/// Also returns how many Kangxi radicals were replaced, with the first's
/// byte offset.
pub fn split(text: &str, format: InputFormat) -> (Vec<Line>, Option<(usize, usize)>) {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_front_matter = false;
    let mut in_comment = false;
    let mut after_blank = true;
    let mut kangxi: Option<(usize, usize)> = None;
    for (no, raw) in text.split('\n').enumerate() {
        let line_start = offset;
        offset += raw.len() + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut body = raw;
        let mut body_start = line_start;
        let mut md_depth = 0u8;
        if format == InputFormat::Markdown {
            let t = raw.trim();
            if no == 0 && t == "---" {
                in_front_matter = true;
                continue;
            }
            if in_front_matter {
                if t == "---" || t == "..." {
                    in_front_matter = false;
                }
                continue;
            }
            if in_comment {
                if t.contains("-->") {
                    in_comment = false;
                }
                after_blank = true;
                continue;
            }
            if t.starts_with("<!--") {
                in_comment = !t.contains("-->");
                after_blank = true;
                continue;
            }
            (body, body_start, md_depth) = strip_markdown(raw, line_start);
        }
        let (mut norm, mut lead, kx) = normalise(body);
        if format == InputFormat::Markdown && (norm.contains("**") || norm.contains('\\')) {
            norm = unescape_markdown(&norm.replace("**", ""));
        }
        // A bullet in front of an item label ("- （一）…", common in text
        // pasted from web pages) is not part of the text.
        if let Some(rest) = ["- ", "* ", "• ", "· ", "-\u{3000}"].iter().find_map(|b| norm.strip_prefix(b))
            && matches!(classify(rest.trim_start_matches(is_space)), Kind::Item { .. } | Kind::SubItem { .. })
        {
            let cut = norm.len() - rest.trim_start_matches(is_space).len();
            lead += cut;
            norm = norm[cut..].to_string();
        }
        if let Some(first) = kx {
            let at = body_start + first;
            kangxi = Some(match kangxi {
                Some((n, a)) => (n + 1, a),
                None => (1, at),
            });
        }
        let start = body_start + lead;
        let end = body_start + body.trim_end().len().max(lead);
        let kind = if format == InputFormat::Markdown && md_depth == 0 && is_md_rule(&norm) {
            Kind::Blank
        } else {
            classify(&norm)
        };
        let next_after_blank = match kind {
            Kind::Blank => true,
            Kind::PageNumber => after_blank,
            _ => false,
        };
        out.push(Line { no, start, end, text: norm, md_depth, after_blank, kind });
        after_blank = next_after_blank;
    }
    (out, kangxi)
}

/// Remove Markdown backslash escapes (`\\*` → `*`).
fn unescape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

fn is_md_rule(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*') || t.chars().all(|c| c == '_'))
}

/// Strip Markdown block markup from a line: heading hashes, quote markers,
/// list bullets. Returns the rest, its byte offset and the heading depth.
fn strip_markdown(raw: &str, line_start: usize) -> (&str, usize, u8) {
    let mut s = raw;
    let mut start = line_start;
    let skip = |s: &mut &str, start: &mut usize, n: usize| {
        *start += n;
        *s = &s[n..];
    };
    let lead = s.len() - s.trim_start_matches([' ', '\t']).len();
    skip(&mut s, &mut start, lead);
    while let Some(rest) = s.strip_prefix('>') {
        let n = s.len() - rest.trim_start_matches([' ', '\t']).len();
        skip(&mut s, &mut start, n);
    }
    let hashes = s.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with([' ', '\t']) || (hashes > 0 && s.len() == hashes) {
        let n = s.len() - s[hashes..].trim_start_matches([' ', '\t']).len();
        skip(&mut s, &mut start, n);
        let t = s.trim_end().trim_end_matches('#').trim_end();
        return (&s[..t.len()], start, hashes.min(6) as u8);
    }
    if let Some(rest) = s.strip_prefix(['-', '*', '+'])
        && rest.starts_with([' ', '\t'])
    {
        let n = s.len() - rest.trim_start_matches([' ', '\t']).len();
        skip(&mut s, &mut start, n);
    }
    (s, start, 0)
}

/// Normalise one line's content: drop invisible characters, unify spaces,
/// replace look-alike radicals, strip Markdown emphasis markers and
/// backslash escapes (harmless in plain text, where they don't occur), trim.
/// Returns the text, the byte length of the leading whitespace in `raw` and
/// the offset of the first Kangxi radical replaced.
fn normalise(raw: &str) -> (String, usize, Option<usize>) {
    let mut out = String::with_capacity(raw.len());
    let mut kangxi = None;
    let lead = raw.len() - raw.trim_start_matches(is_space).len();
    for (i, c) in raw[lead..].char_indices() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            '\t' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => out.push(' '),
            // Controls, and the non-characters YAML cannot hold.
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            '\u{2F00}'..='\u{2FDF}' | '\u{2E80}'..='\u{2EFF}' => match charter_core::load::kangxi_to_unified(c) {
                Some(u) => {
                    kangxi.get_or_insert(lead + i);
                    out.push(u);
                }
                None => out.push(c),
            },
            _ => out.push(c),
        }
    }
    let trimmed = out.trim_matches(is_space);
    let text = if trimmed.len() == out.len() { out } else { trimmed.to_string() };
    (text, lead, kangxi)
}

/// Whitespace in Chinese documents: ASCII, U+3000 and the other Unicode
/// spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Characters of a numeral: Chinese (including financial forms) or Arabic.
fn is_numeral_char(c: char) -> bool {
    numerals::is_chinese_numeral_char(c) || numerals::is_arabic_digit(c)
}

/// A numeral at the start of `s`: (value, bytes used). Chinese numerals only
/// when `chinese_only`.
fn numeral(s: &str, chinese_only: bool) -> Option<(u32, usize)> {
    let len: usize = s
        .chars()
        .take_while(|&c| is_numeral_char(c) && !(chinese_only && numerals::is_arabic_digit(c)))
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let n = numerals::parse(&s[..len])?;
    (n > 0 && n <= MAX_NUMBER).then_some((n, len))
}

/// Larger numbers are not labels (and keep `n + 1` far from overflow).
const MAX_NUMBER: u32 = 1_000_000;

fn arabic(s: &str) -> Option<(u32, usize)> {
    let len: usize =
        s.chars().take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).map(char::len_utf8).sum();
    if len == 0 || len > 9 {
        return None;
    }
    let n = numerals::parse(&s[..len])?;
    (n > 0 && n <= MAX_NUMBER).then_some((n, len))
}

fn skip_spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_space).len()
}

/// Separators allowed between a label and its text besides whitespace.
const LABEL_SEPS: [char; 4] = ['：', ':', '、', '．'];

/// Split what follows a label: (had a separator, the rest, bytes skipped).
fn after_label(s: &str) -> (bool, &str, usize) {
    let sp = skip_spaces(s);
    let mut t = &s[sp..];
    let mut used = sp;
    if let Some(c) = t.chars().next()
        && LABEL_SEPS.contains(&c)
    {
        used += c.len_utf8();
        t = &t[c.len_utf8()..];
        let sp2 = skip_spaces(t);
        used += sp2;
        t = &t[sp2..];
        return (true, t, used);
    }
    (sp > 0 || t.is_empty(), t, used)
}

/// `第X条(之Y)`: (number, sub, sep, rest, label bytes).
fn article(s: &str) -> Option<(u32, u32, bool, String, usize)> {
    let mut at = s.strip_prefix('第').map(|_| '第'.len_utf8())?;
    at += skip_spaces(&s[at..]);
    let (n, len) = numeral(&s[at..], false)?;
    at += len;
    at += skip_spaces(&s[at..]);
    at += s[at..].strip_prefix('条').map(|_| '条'.len_utf8())?;
    let mut sub = 0;
    if let Some(rest) = s[at..].strip_prefix('之')
        && let Some((k, len)) = numeral(rest, true)
    {
        sub = k;
        at += '之'.len_utf8() + len;
    }
    let label = at;
    let (sep, rest, _) = after_label(&s[at..]);
    Some((n, sub, sep, rest.to_string(), label))
}

/// `第X编/分编/章/节 title`.
fn heading(s: &str) -> Option<(Level, u32, String, bool, usize)> {
    let mut at = s.strip_prefix('第').map(|_| '第'.len_utf8())?;
    at += skip_spaces(&s[at..]);
    let (n, len) = numeral(&s[at..], false)?;
    at += len;
    at += skip_spaces(&s[at..]);
    let rest = &s[at..];
    let (level, word) = if rest.starts_with("分编") {
        (Level::Subpart, "分编")
    } else if rest.starts_with('编') {
        (Level::Part, "编")
    } else if rest.starts_with('章') {
        (Level::Chapter, "章")
    } else if rest.starts_with('节') {
        (Level::Section, "节")
    } else {
        return None;
    };
    at += word.len();
    let (sep, title, _) = after_label(&s[at..]);
    Some((level, n, heading_title(title), sep, at))
}

/// A heading's title with the spaces typed for spacing removed: "总 则",
/// "附　　则" → 总则, 附则. Spaces between Latin words stay.
pub fn heading_title(s: &str) -> String {
    let s = strip_toc_page(s);
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let prev = out.chars().last().unwrap_or(' ');
            if prev.is_ascii_alphanumeric() && c.is_ascii_alphanumeric() {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// A table-of-contents entry's trailing leader and page number: "总则……1".
fn strip_toc_page(s: &str) -> &str {
    let t = s.trim_end_matches(|c: char| c.is_ascii_digit() || is_space(c));
    let t2 = t.trim_end_matches(['.', '…', '·', '-', '—', '．', '。']);
    if t2.len() < t.len() && t.len() - t2.len() >= 2 { t2.trim_end_matches(is_space) } else { s }
}

/// （一） (一) 一、: (number, rest, label bytes, 一、 style).
fn item(s: &str) -> Option<(u32, String, usize, bool)> {
    if let Some(open) = s.strip_prefix(['（', '(']) {
        let mut at = s.len() - open.len();
        at += skip_spaces(&s[at..]);
        let (n, len) = numeral(&s[at..], true)?;
        at += len;
        at += skip_spaces(&s[at..]);
        let close = s[at..].strip_prefix(['）', ')'])?;
        at = s.len() - close.len();
        let (_, rest, _) = after_label(&s[at..]);
        return Some((n, rest.to_string(), at, false));
    }
    let (n, len) = numeral(s, true)?;
    let rest = s[len..].strip_prefix('、')?;
    let at = s.len() - rest.len();
    let (_, rest, _) = after_label(rest);
    Some((n, rest.to_string(), at, true))
}

/// 1. 1、 1． （1） (1) ①: (number, rest, label bytes).
fn sub_item(s: &str) -> Option<(u32, String, usize)> {
    if let Some(open) = s.strip_prefix(['（', '(']) {
        let mut at = s.len() - open.len();
        let (n, len) = arabic(&s[at..])?;
        at += len;
        let close = s[at..].strip_prefix(['）', ')'])?;
        at = s.len() - close.len();
        let (_, rest, _) = after_label(&s[at..]);
        return Some((n, rest.to_string(), at));
    }
    if let Some(c) = s.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        let n = c as u32 - '①' as u32 + 1;
        let (_, rest, _) = after_label(&s[c.len_utf8()..]);
        return Some((n, rest.to_string(), c.len_utf8()));
    }
    let (n, len) = arabic(s)?;
    let rest = s[len..].strip_prefix(['.', '、', '．'])?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None; // 1.5倍
    }
    let at = s.len() - rest.len();
    let (_, rest, _) = after_label(rest);
    Some((n, rest.to_string(), at))
}

/// A line that is only a page number: "12", "- 3 -", "— 3 —", "第 3 页",
/// "第3页 共10页", "3/10".
fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !is_space(*c)).collect();
    if t.is_empty() || t.chars().count() > 16 {
        return false;
    }
    let digits = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits(&t) && t.len() <= 4 {
        return true;
    }
    let dashes = ['-', '—', '–', '－'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|x| x.strip_suffix(dashes)) {
        return digits(inner.trim_matches(dashes));
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some(inner) = t.strip_prefix('第').and_then(|x| x.split_once('页')) {
        let (n, rest) = inner;
        return digits(n)
            && (rest.is_empty() || rest.strip_prefix('共').and_then(|r| r.strip_suffix('页')).is_some_and(digits));
    }
    t.strip_prefix("Page").or(t.strip_prefix("page")).is_some_and(digits)
}

/// Classify one normalised line.
pub fn classify(s: &str) -> Kind {
    if s.is_empty() {
        return Kind::Blank;
    }
    let compact: String = s.chars().filter(|c| !is_space(*c)).collect();
    match compact.as_str() {
        "目录" | "目次" => return Kind::Toc,
        "序言" | "前言" => return Kind::PreambleMark,
        "附则" => return Kind::Supplementary { title: "附则".into() },
        _ => {}
    }
    if is_page_number(s) {
        return Kind::PageNumber;
    }
    if let Some((number, sub, sep, rest, label_len)) = article(s) {
        return Kind::Article { number, sub, sep, rest, label_len };
    }
    if let Some((level, number, title, sep, label_len)) = heading(s) {
        return Kind::Heading { level, number, title, sep, label_len };
    }
    if let Some((number, rest, label_len, dun)) = item(s) {
        return Kind::Item { number, rest, label_len, dun };
    }
    if let Some((number, rest, label_len)) = sub_item(s) {
        return Kind::SubItem { number, rest, label_len };
    }
    Kind::Text
}

/// Sentence-final punctuation: a line ending in one of these ends a
/// paragraph; any other ending may be a hard wrap.
fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '；' | '：' | '！' | '？' | '.' | ';' | ':' | '!' | '?' | '…')
}

/// Does the line end a sentence (so the next line starts a new paragraph)?
/// A closing bracket or quote counts when what it closes is complete: “…。”
/// or a balanced （草案）.
pub fn ends_closed(s: &str) -> bool {
    let mut rev = s.chars().rev().skip_while(|c| is_space(*c));
    let Some(last) = rev.next() else { return true };
    if is_terminal(last) {
        return true;
    }
    match last {
        '”' | '’' | '"' | '\'' | '」' | '』' | '》' => rev.next().is_some_and(is_terminal),
        '）' | ')' | '】' | ']' => {
            let before = rev.next();
            before.is_some_and(is_terminal) || parens_balanced(s)
        }
        _ => false,
    }
}

/// Opening minus closing round brackets (full- and half-width mixed).
fn paren_depth(s: &str) -> i32 {
    s.chars().fold(0, |d, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => d - 1,
        _ => d,
    })
}

/// Are round brackets balanced in `s`?
pub fn parens_balanced(s: &str) -> bool {
    paren_depth(s) == 0
}

/// More opening than closing brackets: the text goes on on the next line.
pub fn parens_open(s: &str) -> bool {
    paren_depth(s) > 0
}

/// A line ending in a character that cannot end a sentence: a comma, an
/// enumeration comma, an opening bracket or quote, or a particle that needs
/// a continuation. Such a line is a hard wrap whatever its length.
pub fn ends_mid_phrase(s: &str) -> bool {
    s.chars().last().is_some_and(|c| {
        matches!(
            c,
            '，' | ','
                | '、'
                | '（'
                | '('
                | '“'
                | '‘'
                | '《'
                | '的'
                | '和'
                | '与'
                | '及'
                | '或'
                | '并'
                | '对'
                | '在'
                | '为'
                | '是'
                | '将'
                | '被'
                | '把'
                | '从'
                | '向'
                | '以'
                | '经'
                | '由'
                | '等'
                | '其'
        )
    })
}

/// A text that cannot start a sentence but continues one: a cross-reference
/// tail ("的规定", "规定的", "第二款") or a particle.
pub fn starts_as_continuation(s: &str) -> bool {
    const HEADS: [&str; 22] = [
        "的", "规定", "所", "第", "、", "，", ",", "和", "或", "至", "中", "以", "及", "与", "项", "款", "之", "者",
        "后", "前", "外", "内",
    ];
    HEADS.iter().any(|h| s.starts_with(h))
}

/// A history line: （2020年5月28日第十三届全国人民代表大会第三次会议通过）,
/// "2000年3月15日 第九届……通过", or any bracketed line saying 通过/修正/….
pub fn is_history(s: &str) -> bool {
    const WORDS: [&str; 10] = ["通过", "修正", "修订", "公布", "施行", "发布", "批准", "修改", "颁布", "制定"];
    let bracketed = (s.starts_with(['（', '(']) && s.ends_with(['）', ')'])) && parens_balanced(s);
    let inner = s.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    let has_word = WORDS.iter().any(|w| inner.contains(w));
    if !has_word {
        return false;
    }
    if bracketed {
        return true;
    }
    // Starts with a date: four digits (Arabic or Chinese) and 年.
    let year: String = inner.chars().take(5).collect();
    let mut cs = year.chars();
    let digits = cs.by_ref().take(4).all(|c| c.is_ascii_digit() || "〇零一二三四五六七八九".contains(c));
    digits && cs.next() == Some('年') && inner.contains('月')
}

/// A status line: （草案）, (征求意见稿): a short bracketed text without dates.
pub fn status_of(s: &str) -> Option<String> {
    let inner = s.strip_prefix(['（', '(']).and_then(|x| x.strip_suffix(['）', ')']))?;
    let inner = inner.trim_matches(is_space);
    let n = inner.chars().count();
    ((1..=15).contains(&n)
        && !inner.chars().any(|c| c.is_ascii_digit() || matches!(c, '年' | '（' | '(' | '）' | ')' | '。')))
    .then(|| inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Kind {
        classify(s)
    }

    #[test]
    fn articles() {
        assert!(matches!(kind("第一条　为了"), Kind::Article { number: 1, sub: 0, sep: true, .. }));
        assert!(matches!(kind("第1条 为了"), Kind::Article { number: 1, sep: true, .. }));
        assert!(matches!(kind("第五条之一　本会"), Kind::Article { number: 5, sub: 1, sep: true, .. }));
        assert!(matches!(kind("第二十条"), Kind::Article { number: 20, sep: true, .. }));
        assert!(
            matches!(kind("第五百一十条的规定仍不能确定的"), Kind::Article { number: 510, sep: false, ref rest, .. } if rest == "的规定仍不能确定的")
        );
        assert!(matches!(kind("第 3 条：本会"), Kind::Article { number: 3, sep: true, .. }));
    }

    #[test]
    fn headings() {
        assert!(
            matches!(kind("第一章　总　　则"), Kind::Heading { level: Level::Chapter, number: 1, ref title, .. } if title == "总则")
        );
        assert!(matches!(kind("第三分编　准合同"), Kind::Heading { level: Level::Subpart, number: 3, .. }));
        assert!(matches!(kind("第七编 侵权责任"), Kind::Heading { level: Level::Part, number: 7, .. }));
        assert!(matches!(kind("附　　则"), Kind::Supplementary { .. }));
        assert!(matches!(kind("目　　录"), Kind::Toc));
        assert_eq!(heading_title("总则……………3"), "总则");
    }

    #[test]
    fn items() {
        assert!(matches!(kind("（一）国家主权"), Kind::Item { number: 1, dun: false, .. }));
        assert!(matches!(kind("(十二) 其他"), Kind::Item { number: 12, .. }));
        assert!(matches!(kind("三、校级组织"), Kind::Item { number: 3, dun: true, .. }));
        assert!(matches!(kind("2. 其他"), Kind::SubItem { number: 2, .. }));
        assert!(matches!(kind("（3）其他"), Kind::SubItem { number: 3, .. }));
        assert!(matches!(kind("1.5倍以上"), Kind::Text));
        assert!(matches!(kind("十分重要"), Kind::Text));
    }

    #[test]
    fn page_numbers_and_history() {
        for p in ["12", "- 3 -", "— 3 —", "第 3 页", "第3页共10页", "3/10"] {
            assert_eq!(kind(p), Kind::PageNumber, "{p}");
        }
        assert!(is_history("（2020年5月28日第十三届全国人民代表大会第三次会议通过）"));
        assert!(is_history("2000年3月15日 第九届全国人民代表大会第三次会议通过"));
        assert!(!is_history("本法自2021年1月1日起施行。"));
        assert_eq!(status_of("(草案)").as_deref(), Some("草案"));
        assert_eq!(status_of("（2020年）"), None);
    }

    #[test]
    fn closing() {
        assert!(ends_closed("为了保护。"));
        assert!(ends_closed("（草案）"));
        assert!(!ends_closed("会议通过）x"));
        assert!(!ends_closed("第三次"));
        assert!(ends_closed("“本法。”"));
        assert!(ends_mid_phrase("报经"));
        assert!(!ends_mid_phrase("经各党"));
    }

    #[test]
    fn markdown_markup() {
        let (lines, _) = split("---\na: b\n---\n# 标题\n\n> 引文\n<!-- x -->\n- （一）项\n", InputFormat::Markdown);
        let texts: Vec<(&str, u8)> = lines.iter().map(|l| (l.text.as_str(), l.md_depth)).collect();
        assert_eq!(texts, [("标题", 1), ("", 0), ("引文", 0), ("（一）项", 0), ("", 0)]);
    }

    #[test]
    fn normalising() {
        let (lines, kx) = split("\u{3000}\u{3000}第⼀条\u{200B}　内容\r\n", InputFormat::Text);
        assert_eq!(lines[0].text, "第一条　内容");
        assert_eq!(lines[0].start, 6);
        assert!(kx.is_some());
    }
}
