use crate::Context;
use crate::cjk::{is_chinese, is_han};
use crate::declare_rule;
use crate::sites::{Spot, grouped};
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 中文句子里用了半角标点（, ; : ? ! ( ) .）。
    ///
    /// ## 它查什么
    /// 紧挨着汉字的半角逗号、分号、冒号、问号、叹号、句点和半角括号，例如
    /// “学生会(以下简称“学生会”)章程建设,推动……”。标点后多余的空格一并去掉。
    /// 数字之间的“1,000”“12:30”、英文里的标点不报告。全角的（一）不会被改动。
    ///
    /// ## 为什么
    /// 中文正文一律用全角标点（GB/T 15834）。半角标点在排版时宽度不对、
    /// 与汉字挤在一起，看起来是草稿，也会影响按标点断句的检查。
    /// `--fix` 逐个换成对应的全角标点。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 会员在遇到困难时, 有权请求本会的帮助;
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 会员在遇到困难时，有权请求本会的帮助；
    /// ```
    pub static HALFWIDTH_PUNCTUATION = {
        code: "CH020",
        name: "halfwidth-punctuation",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

fn full(c: char) -> Option<char> {
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

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        let t = &site.plain.text;
        if !t.bytes().any(|b| b",;:?!().".contains(&b)) {
            continue;
        }
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        let mut spots: Vec<Spot> = Vec::new();
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
            let Some(f) = full(c) else { continue };
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
            spots.push(Spot { range: s..e, label: format!("半角“{c}”"), replacement: Some(f.to_string()) });
        }
        spots.retain(|s| !site.in_citation(s.range.clone()));
        if spots.is_empty() {
            continue;
        }
        let kinds: Vec<String> = {
            let mut v: Vec<char> = spots.iter().filter_map(|s| s.label.chars().nth(3)).collect();
            v.sort_unstable();
            v.dedup();
            v.into_iter().map(|c| format!("“{c}”")).collect()
        };
        let msg = if spots.len() == 1 {
            format!("中文里用了半角标点{}", kinds.join(""))
        } else {
            format!("中文里用了 {} 个半角标点（{}）", spots.len(), kinds.join(""))
        };
        if let Some(d) = grouped(ctx, site, &HALFWIDTH_PUNCTUATION, msg, "改为全角标点", &spots) {
            out.push(d.hint("中文正文用全角标点：，；：？！（）。"));
        }
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
