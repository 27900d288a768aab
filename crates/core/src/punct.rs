//! Half-width punctuation in Chinese text: which marks are Chinese
//! punctuation typed half-width, and their full-width forms. One
//! definition for the checker's CH020 (and its `--fix`) and for the
//! amendment decision's 将本章程中的半角标点符号统一修改为相应的全角标点符号.

use std::ops::Range;

/// A Han character (CJK unified ideographs and extension A, compatibility
/// ideographs), plus 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F) || c == '〇'
}

/// Full-width punctuation used in Chinese text.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '～'
            | '·'
    )
}

/// Han or full-width punctuation: "Chinese context".
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// The full-width form of a half-width mark this module converts.
pub fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        '.' => '。',
        _ => return None,
    })
}

/// One half-width mark in Chinese text: the byte range it takes (with the
/// spaces around a separator, which go with it), the mark, and its
/// full-width form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub mark: char,
    pub full: char,
}

/// The half-width marks of `t` that are Chinese punctuation: next to a
/// Han character or full-width punctuation, or after a number ending a
/// Chinese clause (`占60%;`); brackets as pairs with Chinese inside or
/// beside them. Not: separators between digits (1,000 · 12:30), marks in
/// Latin text (A, B · http://a.b), a full stop inside a number (3.5).
/// Whether any byte of `t` satisfies `f`: 32 bytes at a time without a
/// branch per byte (a loop the compiler vectorises), for the tests that
/// rule out most texts before a rule reads them character by character.
pub fn has_byte(t: &str, f: impl Fn(u8) -> bool) -> bool {
    t.as_bytes().chunks(32).any(|chunk| chunk.iter().fold(false, |hit, &b| hit | f(b)))
}

pub fn halfwidth_marks(t: &str) -> Vec<Mark> {
    if !has_byte(t, |b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')' | b'.')) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut out = Vec::new();
    let mut used = vec![false; chars.len()];
    // Brackets first, as pairs.
    let mut stack: Vec<usize> = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' => stack.push(k),
            ')' => {
                if let Some(o) = stack.pop()
                    && chinese_brackets(&chars, o, k)
                {
                    used[o] = true;
                    used[k] = true;
                }
            }
            _ => {}
        }
    }
    // A Chinese text: a separator after a number or percentage at its
    // end (`占60%;`) or before a Chinese character is Chinese punctuation.
    let chinese_text = t.chars().any(is_han);
    let after_number = |prev: Option<char>, next: Option<char>| {
        chinese_text
            && prev.is_some_and(|p| p.is_ascii_digit() || p == '%')
            && next.is_none_or(|n| is_han(n) || is_chinese(n))
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        let Some(f) = full_width(c) else { continue };
        let flagged = match c {
            '(' | ')' => used[k],
            '.' => {
                let prev = k.checked_sub(1).map(|p| chars[p].1);
                let next = chars.get(k + 1).map(|x| x.1);
                (prev.is_some_and(is_han) && next.is_none_or(|n| is_han(n) || n == ' ') && next != Some('.'))
                    || (chinese_text && prev == Some('%') && next.is_none())
            }
            ':' | ',' => {
                let prev = prev_nonspace(&chars, k);
                let next = next_nonspace(&chars, k);
                let digits = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
                !digits
                    && (prev.is_some_and(chinese_before)
                        || after_number(prev, next)
                        || (next.is_some_and(is_han) && !prev.is_some_and(|p| p.is_ascii_alphabetic())))
            }
            _ => {
                let prev = prev_nonspace(&chars, k);
                let next = next_nonspace(&chars, k);
                prev.is_some_and(chinese_before)
                    || after_number(prev, next)
                    || (next.is_some_and(is_han) && !prev.is_some_and(|p| p.is_ascii_alphabetic()))
            }
        };
        if !flagged {
            continue;
        }
        // Swallow spaces around a separator (not around brackets).
        let (mut s, mut e) = (i, i + c.len_utf8());
        if !matches!(c, '(' | ')') {
            while s > 0 && t[..s].ends_with(' ') {
                s -= 1;
            }
            while t[e..].starts_with(' ') {
                e += 1;
            }
        }
        // A space between two separators goes with the first.
        if let Some(last) = out.last_mut().filter(|m: &&mut Mark| m.range.end > s) {
            s = last.range.end;
        }
        out.push(Mark { range: s..e, mark: c, full: f });
    }
    out
}

/// `t` with its half-width Chinese punctuation ([`halfwidth_marks`]) in
/// full width; None when there is none.
/// A mark made full-width can make its neighbour Chinese punctuation (the
/// “;” after “)” in “…html);”): converted again until nothing changes.
pub fn to_full_width(t: &str) -> Option<String> {
    let mut cur: Option<String> = None;
    // Each round converts at least one mark: bounded by their number.
    loop {
        let s = cur.as_deref().unwrap_or(t);
        let marks = halfwidth_marks(s);
        if marks.is_empty() {
            return cur;
        }
        let mut out = String::with_capacity(s.len() + marks.len() * 2);
        let mut at = 0;
        for m in &marks {
            out.push_str(&s[at..m.range.start]);
            out.push(m.full);
            at = m.range.end;
        }
        out.push_str(&s[at..]);
        cur = Some(out);
    }
}

fn chinese_before(c: char) -> bool {
    is_chinese(c) && !matches!(c, '“' | '‘' | '（' | '《' | '「' | '『')
}

/// A bracket pair in Chinese context: Chinese inside, or Chinese right
/// before the opening or after the closing bracket.
fn chinese_brackets(chars: &[(usize, char)], o: usize, k: usize) -> bool {
    chars[o + 1..k].iter().any(|x| is_chinese(x.1))
        || o.checked_sub(1).is_some_and(|p| is_chinese(chars[p].1))
        || chars.get(k + 1).is_some_and(|x| is_chinese(x.1))
}

fn prev_nonspace(chars: &[(usize, char)], k: usize) -> Option<char> {
    chars[..k].iter().rev().map(|x| x.1).find(|c| *c != ' ')
}

fn next_nonspace(chars: &[(usize, char)], k: usize) -> Option<char> {
    chars[k + 1..].iter().map(|x| x.1).find(|c| *c != ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_punctuation_only() {
        let full = |t: &str| to_full_width(t).unwrap_or_else(|| t.to_string());
        assert_eq!(full("会员在遇到困难时, 有权请求本会的帮助;"), "会员在遇到困难时，有权请求本会的帮助；");
        assert_eq!(full("学生会(以下简称“学生会”)章程"), "学生会（以下简称“学生会”）章程");
        assert_eq!(full("不低于 60 %;"), "不低于 60 %；");
        // Numbers, Latin text and addresses stay.
        for t in ["经费 3.5 万元", "共1,000人", "12:30开会", "见 http://a.b/c 网页", "选项 A, B"] {
            assert_eq!(full(t), t, "{t}");
        }
        // Two separators with a space between: the space goes once.
        assert_eq!(full("甲, ;乙"), "甲，；乙");
        // A separator after a bracket made full-width.
        assert_eq!(full("管理(见 http://a.b/c.html);"), "管理（见 http://a.b/c.html）；");
    }

    /// The vectorised test agrees with a plain search, at every position
    /// (chunk boundaries included).
    #[test]
    fn byte_test_agrees_with_searching() {
        for n in [0, 1, 31, 32, 33, 64, 65] {
            for at in 0..=n {
                let mut t = "章".repeat(n);
                t.insert(at * 3, '\u{3000}');
                assert!(has_byte(&t, |b| b == 0xE3), "n={n} at={at}");
                let plain = "章".repeat(n);
                assert!(!has_byte(&plain, |b| b == 0xE3 || b == b' '));
                let spaced = format!("{}{}", "章".repeat(at), " ");
                assert!(has_byte(&spaced, |b| b == b' '));
            }
        }
    }
}
