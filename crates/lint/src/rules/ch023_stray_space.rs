use crate::Context;
use crate::cjk::CharSig;
use crate::cjk::{is_cjk_punct, is_han};
use crate::declare_rule;
use crate::sites::{Spot, grouped};
use charter_core::diagnostic::Diagnostic;
use charter_core::punct::has_byte;

declare_rule! {
    /// 汉字之间、全角标点前后、数字与“%”之间多余的空格。
    ///
    /// ## 它查什么
    /// 两个汉字之间的空格（“学生 会”），全角标点前后的空格（“时， 有权”），
    /// 数字和百分号之间的空格（“60 %”），包括全角空格。
    /// 汉字与数字、英文之间的空格是排版风格，不报告。
    /// `--fix` 删去这些空格；由 YAML 折行产生的空格无法自动修复，请把两行接起来。
    ///
    /// ## 为什么
    /// 中文不用空格分词，多余的空格印出来是一个突兀的空白，常常是从 Word 或网页复制时带来的。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 代表名额一般不低于 60 %， 名额分配要覆盖各 系。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 代表名额一般不低于 60%，名额分配要覆盖各系。
    /// ```
    pub static STRAY_SPACE = {
        code: "CH023",
        name: "stray-space",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        let t = &site.plain.text;
        // History lines separate the date from the event by custom:
        // “2021年11月24日 第一次学生代表大会通过”.
        // ' ', or U+3000 if the text's signature may hold it.
        const IDEOGRAPHIC_SPACE: CharSig = CharSig::of_chars(&['\u{3000}']);
        if site.kind == crate::sites::SiteKind::History
            || !(has_byte(t, |b| b == b' ') || (site.sig().may_hold(&IDEOGRAPHIC_SPACE) && t.contains('\u{3000}')))
        {
            continue;
        }
        let mut spots = Vec::new();
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            if !matches!(chars[k].1, ' ' | '\u{3000}') {
                k += 1;
                continue;
            }
            let s = k;
            while k < chars.len() && matches!(chars[k].1, ' ' | '\u{3000}') {
                k += 1;
            }
            let (Some(prev), Some(next)) = (s.checked_sub(1).map(|p| chars[p].1), chars.get(k).map(|x| x.1)) else {
                continue;
            };
            let cjk = |c: char| is_han(c) || is_cjk_punct(c);
            let stray = (cjk(prev) && cjk(next)) || (prev.is_ascii_digit() && matches!(next, '%' | '％'));
            if !stray {
                continue;
            }
            let start = chars[s].0;
            let end = chars.get(k).map_or(t.len(), |x| x.0);
            let what = if chars[s].1 == '\u{3000}' { "全角空格" } else { "多余的空格" };
            spots.push(Spot { range: start..end, label: what.into(), replacement: Some(String::new()) });
        }
        if spots.is_empty() {
            continue;
        }
        let msg = format!(
            "中文里有多余的空格{}",
            if spots.len() > 1 { format!("（{} 处）", spots.len()) } else { String::new() }
        );
        if let Some(d) = grouped(ctx, site, &STRAY_SPACE, msg, "删去多余的空格", &spots) {
            out.push(d.hint("汉字之间、全角标点前后不加空格。"));
        }
    }
}
