use crate::Context;
use crate::declare_rule;
use crate::sites::{Spot, grouped};
use charter_core::diagnostic::Diagnostic;
use charter_core::punct::halfwidth_marks;

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

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        let mut spots: Vec<Spot> = halfwidth_marks(site.plain.text)
            .into_iter()
            .map(|m| Spot {
                range: m.range, label: format!("半角“{}”", m.mark), replacement: Some(m.full.to_string())
            })
            .collect();
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
