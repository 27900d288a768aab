use crate::Context;
use crate::declare_rule;
use crate::sites::SiteKind;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 只有一项的项（或目）列表。
    ///
    /// ## 它查什么
    /// 一款下面只列了一项（（一）），或者一项下面只列了一目（1.）。
    ///
    /// ## 为什么
    /// 列项是为了并列几种情形；只有一项时，“（一）”没有“（二）”，读者会以为漏了内容。
    /// 要么把这一项并进上文，要么补齐其他各项。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 会员享有下列权利：
    /// items:
    ///   - 选举权和被选举权。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 会员享有选举权和被选举权。
    /// ```
    pub static SINGLE_ITEM_LIST = {
        code: "CH018",
        name: "single-item-list",
        severity: Warning,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (i, site) in ctx.sites().iter().enumerate() {
        if !matches!(site.kind, SiteKind::Item | SiteKind::SubItem) || site.list != Some((0, 1)) {
            continue;
        }
        let what = if site.kind == SiteKind::Item { "项" } else { "目" };
        let place = site.article.map(|a| ctx.article_label(a)).unwrap_or_default();
        let mut d = SINGLE_ITEM_LIST
            .diagnostic(format!("{place}只列了一{what}"))
            .at(site.span(ctx.file, 0..site.plain.text.len()), format!("唯一的一{what}"));
        if let Some(prev) = i.checked_sub(1).map(|p| &ctx.sites()[p])
            && !prev.text.raw.is_empty()
            && prev.article.map(|a| &a.id) == site.article.map(|a| &a.id)
        {
            d = d.also(prev.span(ctx.file, 0..prev.plain.text.len()), "上文");
        }
        out.push(d.hint(format!("只有一{what}时不必列{what}：把它并进上文，或者补齐其他各{what}。")));
    }
}
