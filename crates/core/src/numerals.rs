//! Chinese numerals as used in legal numbering: 十, 十一, 二十, 一百零一,
//! 一百一十, 一千零一十, 一千二百六十.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Write `n` in Chinese numerals. Supports 0..=99,999,999; larger numbers
/// are written in Arabic digits (no charter gets there).
pub fn to_chinese(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    if n >= 100_000_000 {
        return n.to_string();
    }
    let high = n / 10_000;
    let low = n % 10_000;
    let mut s = String::new();
    if high > 0 {
        s.push_str(&below_10k(high, true));
        s.push('万');
        if low > 0 {
            if low < 1000 {
                s.push('零');
            }
            s.push_str(&below_10k(low, false));
        }
    } else {
        s.push_str(&below_10k(low, true));
    }
    s
}

/// 1..=9,999. `leading`: the number starts the numeral, so 10..19 are 十…
/// rather than 一十….
fn below_10k(n: u32, leading: bool) -> String {
    let units = [(1000, '千'), (100, '百'), (10, '十'), (1, ' ')];
    let mut s = String::new();
    let mut started = false;
    let mut pending_zero = false;
    for (value, unit) in units {
        let d = (n / value) % 10;
        if d == 0 {
            if started {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            s.push('零');
            pending_zero = false;
        }
        let omit_one = value == 10 && d == 1 && !started && leading;
        if !omit_one {
            s.push(DIGITS[d as usize]);
        }
        if unit != ' ' {
            s.push(unit);
        }
        started = true;
    }
    s
}

/// Parse a Chinese numeral (十一, 一百零一, 两千, 兩千, 一萬, 〇) or Arabic digits
/// (ASCII or full-width). Returns `None` for anything else.
pub fn parse(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        let ascii: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_digit() { c } else { char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0') }
            })
            .collect();
        return ascii.parse().ok();
    }
    #[derive(PartialEq)]
    enum Prev {
        Start,
        Digit,
        Zero,
        Unit,
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX;
    let mut prev = Prev::Start;
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            if d == 0 {
                // 零 only after a unit: 一百零一, not 一〇一.
                if prev != Prev::Unit && !(prev == Prev::Start && s.chars().count() == 1) {
                    return None;
                }
                prev = Prev::Zero;
                continue;
            }
            if prev == Prev::Digit {
                return None; // two digits in a row: "二三"
            }
            digit = Some(d);
            prev = Prev::Digit;
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' | '萬' => 10_000,
            _ => return None,
        };
        if prev == Prev::Zero {
            return None; // "一百零十"
        }
        if unit == 10_000 {
            section += digit.take().unwrap_or(0);
            if section == 0 {
                return None;
            }
            total += section * 10_000;
            section = 0;
            last_unit = u64::MAX;
            prev = Prev::Unit;
            continue;
        }
        if unit >= last_unit {
            return None; // "十百"
        }
        let d = match digit.take() {
            Some(d) => d,
            None if unit == 10 => 1,
            None => return None,
        };
        section += d * unit;
        last_unit = unit;
        prev = Prev::Unit;
    }
    if let Some(d) = digit {
        // A trailing digit right after 百 or 千 with no 零 ("一百五") is
        // colloquial for 150; legal numbering never uses it.
        if prev == Prev::Digit && last_unit != u64::MAX && last_unit > 10 && !s.contains(['零', '〇']) {
            return None;
        }
        section += d;
    }
    u32::try_from(total + section).ok()
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The financial (大写) forms of 一…九, 十, 百 and 千.
const FINANCIAL: [(char, char); 12] = [
    ('一', '壹'),
    ('二', '贰'),
    ('三', '叁'),
    ('四', '肆'),
    ('五', '伍'),
    ('六', '陆'),
    ('七', '柒'),
    ('八', '捌'),
    ('九', '玖'),
    ('十', '拾'),
    ('百', '佰'),
    ('千', '仟'),
];

/// `n` in financial numerals (Word's `chineseLegalSimplified`): 壹佰零壹.
pub fn to_chinese_financial(n: u32) -> String {
    to_chinese(n).chars().map(|c| FINANCIAL.iter().find(|(p, _)| *p == c).map_or(c, |&(_, f)| f)).collect()
}

/// Any character of a Chinese numeral that [`parse`] reads: digits (with 〇
/// and 两), units up to 万, and the financial forms (壹, 拾, …).
pub fn is_chinese_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '萬') || FINANCIAL.iter().any(|&(_, f)| f == c)
}

/// A character of a Chinese numeral in running text (第二十一条, 三人):
/// the common forms 零〇一二两兩三四五六七八九十百千, no financial forms
/// (壹 貳 陸 …), no 万.
pub fn is_common_numeral_char(c: char) -> bool {
    (digit_value(c).is_some() || matches!(c, '十' | '百' | '千'))
        && !FINANCIAL.iter().any(|&(_, f)| f == c)
        && !matches!(c, '貳' | '陸')
}

/// An Arabic digit, ASCII or full-width.
pub fn is_arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Item (项) label: （一）.
pub fn item_label(n: u32) -> String {
    format!("（{}）", to_chinese(n))
}

/// Sub-item (目) label: 1.
pub fn subitem_label(n: u32) -> String {
    format!("{n}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tricky_values() {
        let table = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (120, "一百二十"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (1260, "一千二百六十"),
            (2005, "二千零五"),
            (9999, "九千九百九十九"),
            (10000, "一万"),
            (10010, "一万零一十"),
            (10100, "一万零一百"),
            (11000, "一万一千"),
            (100000, "十万"),
        ];
        for (n, s) in table {
            assert_eq!(to_chinese(n), s, "{n}");
            assert_eq!(parse(s), Some(n), "{s}");
        }
    }

    #[test]
    fn round_trip_to_9999() {
        for n in 1..=9_999 {
            let s = to_chinese(n);
            assert_eq!(parse(&s), Some(n), "{n} -> {s}");
        }
    }

    #[test]
    fn parse_variants_and_rejects() {
        assert_eq!(parse("两千"), Some(2000));
        assert_eq!(parse("兩千"), Some(2000));
        assert_eq!(parse("一萬零一"), Some(10001));
        assert_eq!(parse("一〇一"), None);
        assert_eq!(parse("21"), Some(21));
        assert_eq!(parse("２１"), Some(21));
        assert_eq!(parse("一十"), Some(10));
        assert_eq!(parse("二三"), None);
        assert_eq!(parse("十百"), None);
        assert_eq!(parse("条"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("百"), None);
    }

    #[test]
    fn character_classes() {
        let common: String = "零〇一二两三四五六七八九十百千".into();
        assert!(common.chars().all(is_common_numeral_char));
        assert!(common.chars().all(is_chinese_numeral_char));
        assert!(is_common_numeral_char('兩'));
        for c in "壹贰叁肆伍陆柒捌玖拾佰仟万萬貳陸".chars() {
            assert!(is_chinese_numeral_char(c) && !is_common_numeral_char(c), "{c}");
        }
        for c in "条第1１a甲".chars() {
            assert!(!is_common_numeral_char(c) && !is_chinese_numeral_char(c), "{c}");
        }
        assert!(is_arabic_digit('7') && is_arabic_digit('７') && !is_arabic_digit('七'));
        assert_eq!(to_chinese_financial(101), "壹佰零壹");
        assert_eq!(to_chinese_financial(12), "拾贰");
        assert_eq!(parse(&to_chinese_financial(1260)), Some(1260));
    }

    #[test]
    fn labels() {
        assert_eq!(item_label(11), "（十一）");
        assert_eq!(subitem_label(3), "3.");
    }
}
