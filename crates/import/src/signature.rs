//! The closing signature (落款) of a document: the issuing body (or bodies)
//! and a date on lines of their own after the last article, often
//! right-aligned. It is not text of the last article: the importer keeps it
//! as the charter's `issuer` and `date`.
//!
//! Recognised as a class: at most [`MAX_BODY_LINES`] body-like lines (short,
//! no sentence punctuation, not a label) and one date line — body first or
//! date first —, or a date line alone, followed by nothing but blank lines,
//! page numbers or an attachment (附件). Dates are written `2021年11月24日`
//! (Arabic or full-width digits), `二〇二一年十一月二十四日` (〇, 零 or ○ for
//! zero), `2021-11-24`, `2021.11.24` or `2021/11/24`.

use charter_core::date::Date;

use crate::lines::{Kind, Line, is_space};

/// Issuing bodies on lines of their own (联合发文 has two or three).
const MAX_BODY_LINES: usize = 3;
/// Longer lines are text, not a body's name.
const MAX_BODY_CHARS: usize = 40;

/// A signature block found in the lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The body lines, in order.
    pub bodies: Vec<String>,
    /// The date, checked.
    pub date: Date,
    /// Indexes of the block's first and last line.
    pub first: usize,
    pub last: usize,
}

/// The signature block starting at line `i`, if the lines from `i` on are
/// one (and only blank lines, page numbers or an attachment follow).
pub fn at(lines: &[Line], i: usize) -> Option<Signature> {
    let content: Vec<usize> = (i..lines.len())
        .filter(|&k| !matches!(lines[k].kind, Kind::Blank | Kind::PageNumber))
        .take(MAX_BODY_LINES + 2)
        .collect();
    // The block ends at the last content line, or before an attachment.
    let end = content.iter().position(|&k| is_attachment(&lines[k].text)).unwrap_or(content.len());
    let block = &content[..end];
    if block.is_empty()
        || block.len() > MAX_BODY_LINES + 1
        || (end == content.len() && content.len() > MAX_BODY_LINES + 1)
    {
        return None;
    }
    let text = |k: usize| lines[k].text.as_str();
    if !block.iter().all(|&k| lines[k].kind == Kind::Text) {
        return None;
    }
    let (first, last) = (block[0], block[block.len() - 1]);
    let (date, bodies) = match parse_date(text(last)) {
        Some(d) => (d, &block[..block.len() - 1]),
        // Date first, then the body: never a date alone.
        None if block.len() > 1 => (parse_date(text(first))?, &block[1..]),
        None => return None,
    };
    bodies.iter().all(|&k| body_like(text(k))).then(|| Signature {
        bodies: bodies.iter().map(|&k| squeeze(text(k))).collect(),
        date,
        first,
        last,
    })
}

/// 附件 / 附件一： / 附件2 / 附： — where an attachment starts.
fn is_attachment(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !is_space(*c)).collect();
    t.starts_with("附件") || t.starts_with("附：") || t.starts_with("附:")
}

/// A body's name on a line of its own: short, no sentence punctuation, not
/// a date, some Chinese in it.
fn body_like(s: &str) -> bool {
    let n = s.chars().filter(|c| !is_space(*c)).count();
    (2..=MAX_BODY_CHARS).contains(&n)
        && !s.contains(['。', '；', '，', '：', ';', ',', ':', '！', '？', '!', '?', '、'])
        && s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && parse_date(s).is_none()
}

/// The line without the spaces that right-aligned or spread it
/// (“哈 尔 滨 音 乐 学 院 学 生 会”).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).collect()
}

/// A whole line that is a date.
pub fn parse_date(s: &str) -> Option<Date> {
    let t = squeeze(s);
    let t = t.as_str();
    if let Some((y, rest)) = t.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日').or_else(|| rest.strip_suffix('号'))?;
        return Date::new(year(y)?, small(m)?, small(d)?);
    }
    let sep = ['-', '.', '/', '．', '－', '／'].into_iter().find(|c| t.contains(*c))?;
    let mut parts = t.split(sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.chars().count() != 4 {
        return None;
    }
    Date::new(year(y)?, small(m)?, small(d)?)
}

/// A four-digit year written digit by digit: 2021, ２０２１, 二〇二一, 二零二一.
fn year(s: &str) -> Option<u16> {
    if s.chars().count() != 4 {
        return None;
    }
    s.chars().try_fold(0u16, |acc, c| {
        let d = match c {
            '0'..='9' => c as u16 - '0' as u16,
            '０'..='９' => c as u16 - '０' as u16,
            '〇' | '零' | '○' | 'Ｏ' | 'O' => 0,
            _ => "一二三四五六七八九".chars().position(|x| x == c).map(|p| p as u16 + 1)?,
        };
        Some(acc * 10 + d)
    })
}

/// A month or day: 11, １１, 十一, 二十四.
fn small(s: &str) -> Option<u8> {
    charter_core::numerals::parse(s).and_then(|n| u8::try_from(n).ok()).filter(|n| (1..=31).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for (s, want) in [
            ("2021年11月24日", "2021-11-24"),
            ("二〇二一年十一月二十四日", "2021-11-24"),
            ("二零二一年十一月二十四日", "2021-11-24"),
            ("２０２１年１１月２４日", "2021-11-24"),
            ("2021 年 11 月 4 日", "2021-11-04"),
            ("2021-11-24", "2021-11-24"),
            ("2021.11.24", "2021-11-24"),
        ] {
            assert_eq!(parse_date(s).map(|d| d.to_string()).as_deref(), Some(want), "{s}");
        }
        for s in ["2021年11月", "2021年13月1日", "本章程自2021年11月24日起施行。", "11.24", "第二十条"]
        {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn bodies() {
        assert!(body_like("哈尔滨音乐学院学生会"));
        assert!(body_like("中国共产党某某委员会"));
        assert!(!body_like("本章程由学生代表大会负责解释。"));
        assert!(!body_like("（一）会员；"));
        assert!(!body_like("2021年11月24日"));
    }
}
