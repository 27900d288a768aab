use crate::Context;
use crate::cjk::CharSig;
use crate::cjk::{is_chinese, is_han, next_char, prev_char};
use crate::declare_rule;
use crate::sites::{Spot, grouped};
use charter_core::diagnostic::Diagnostic;
use charter_core::punct::has_byte;

declare_rule! {
    /// 数值范围用了半角连字符（“20-30 人”）。
    ///
    /// ## 它查什么
    /// 两个数字之间的“-”或“–”，后面跟着单位（人、个、%……）或前面是汉字，例如
    /// “一般为 20-30 人”。日期（2021-11-24）、编号（CET-4）不报告。
    ///
    /// ## 为什么
    /// 中文里数值范围用浪纹线“～”（GB/T 15834），法律文本习惯写“二十人至三十人”。
    /// 半角连字符容易被读成减号，“20-30人”也可能被误解为“负三十”。
    /// `--fix` 改为“～”。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 各系学生会工作人员一般为 20-30 人。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 各系学生会工作人员一般为 20～30 人。
    /// ```
    pub static HYPHEN_RANGE = {
        code: "CH021",
        name: "hyphen-range",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

/// Units and classifiers after a range of numbers.
// With the Traditional forms (個 項 條 屆 歲 級 層 頁 門) for charters in
// Traditional script.
const UNITS: &str = "人名位个次项条款届期年月日天周元角分岁级层页所家门%％倍成個項條屆歲級層頁門";

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        let t = &site.plain.text;
        // '-', or '–' (U+2013) if the text's signature may hold it.
        const EN_DASH: CharSig = CharSig::of_chars(&['–']);
        let dash = has_byte(t, |b| b == b'-') || (site.sig().may_hold(&EN_DASH) && t.contains('–'));
        if !dash {
            continue;
        }
        let mut spots = Vec::new();
        for (i, c) in t.char_indices() {
            if c != '-' && c != '–' {
                continue;
            }
            // digits, optional spaces, dash, optional spaces, digits
            let mut s = i;
            while prev_char(t, s) == Some(' ') {
                s -= 1;
            }
            let mut e = i + c.len_utf8();
            while next_char(t, e) == Some(' ') {
                e += 1;
            }
            let left_digits = t[..s].chars().rev().take_while(|c| c.is_ascii_digit()).count();
            let right_digits = t[e..].chars().take_while(|c| c.is_ascii_digit()).count();
            if left_digits == 0 || right_digits == 0 || left_digits > 6 || right_digits > 6 {
                continue;
            }
            let before = prev_char(t, s - left_digits);
            let after_end = e + right_digits;
            let after = next_char(t, after_end);
            // Part of a longer chain (a date, a code): 2021-11-24, A-1-2.
            if matches!(before, Some('-' | '–' | '.' | '/')) || before.is_some_and(|b| b.is_ascii_alphanumeric()) {
                continue;
            }
            if matches!(after, Some('-' | '–' | '.' | '/')) || after.is_some_and(|a| a.is_ascii_alphabetic()) {
                continue;
            }
            // A telephone or code number: 0451-8888.
            if t[s - left_digits..].starts_with('0') && left_digits > 1 {
                continue;
            }
            let rest = t[after_end..].trim_start_matches(' ');
            let next = rest.chars().next();
            let unit_after = next.is_some_and(|u| UNITS.contains(u));
            let chinese_before = before.is_some_and(is_chinese) || t[..s - left_digits].trim_end().ends_with(is_han);
            let ends_clause = next.is_none_or(|n| !n.is_alphanumeric());
            if !(unit_after || (chinese_before && ends_clause)) {
                continue;
            }
            spots.push(Spot { range: s..e, label: "半角连字符".into(), replacement: Some("～".into()) });
        }
        if spots.is_empty() {
            continue;
        }
        let msg = format!(
            "数值范围用了半角连字符“-”{}",
            if spots.len() > 1 { format!("（{} 处）", spots.len()) } else { String::new() }
        );
        if let Some(d) = grouped(ctx, site, &HYPHEN_RANGE, msg, "改为“～”", &spots) {
            out.push(d.hint("数值范围写作“20～30 人”，或按法律文本的习惯写“二十人至三十人”。"));
        }
    }
}
