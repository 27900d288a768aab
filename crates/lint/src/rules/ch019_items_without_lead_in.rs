use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 条或款直接列项，前面没有引出各项的文字，条也没有标题。
    ///
    /// ## 它查什么
    /// 只有 `items`、没有 `text` 的款，所在的条又没有 `heading`（第一款）——
    /// 印出来是“第五条　（一）……”，没有任何文字说明这些项是什么。
    ///
    /// ## 为什么
    /// 项是对上文的分列：“会员享有下列权利：（一）……”。没有上文，读者不知道这些项
    /// 是权利、义务还是条件。有条标题（“会员的基本权利”）时，标题起了引出的作用，不报告。
    ///
    /// ## 例子
    /// ```yaml
    /// - id: rights
    ///   items:
    ///     - 选举权和被选举权；
    ///     - 批评和建议权。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// - id: rights
    ///   text: 会员享有下列权利：
    ///   items:
    ///     - 选举权和被选举权；
    ///     - 批评和建议权。
    /// ```
    pub static ITEMS_WITHOUT_LEAD_IN = {
        code: "CH019",
        name: "items-without-lead-in",
        severity: Warning,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for a in ctx.charter.articles() {
        for (pi, p) in a.paragraphs.iter().enumerate() {
            if !p.text.raw.is_empty() || p.items.is_empty() {
                continue;
            }
            if pi == 0 && a.heading.is_some() {
                continue;
            }
            let label = ctx.article_label(a);
            let at = p.items.first().map_or(a.id_span, |i| i.text.span);
            let which = if a.paragraphs.len() > 1 {
                format!("第{}款", charter_core::numerals::to_chinese(pi as u32 + 1))
            } else {
                String::new()
            };
            out.push(
                ITEMS_WITHOUT_LEAD_IN
                    .diagnostic(format!("{label}{which}直接列项，没有引出各项的文字"))
                    .at(at, "第一项")
                    .also(a.id_span, label.clone())
                    .hint("在项前面写一句引出的话，以冒号结尾，例如“会员享有下列权利：”；或者给这一条加上 heading。"),
            );
        }
    }
}
