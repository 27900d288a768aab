use std::collections::BTreeMap;

use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 两条或多条使用了相同的条标题。
    ///
    /// ## 它查什么
    /// 条标题（heading）完全相同的条，例如第二十条和第二十一条都叫“主席团职权”。
    /// 同名的几条合并为一条诊断，指向每一处。
    ///
    /// ## 为什么
    /// 条标题是读者查找条文的依据。两条同名，通常是起草时复制后忘了改，
    /// 或者其中一条其实是另一个机构或职务的职权（例如“主席职权”）。
    ///
    /// ## 例子
    /// ```yaml
    /// - id: presidium-powers
    ///   heading: 主席团职权
    /// - id: chair-powers
    ///   heading: 主席团职权
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// - id: chair-powers
    ///   heading: 主席职权
    /// ```
    pub static DUPLICATE_HEADING = {
        code: "CH001",
        name: "duplicate-heading",
        severity: Error,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut by_heading: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for a in ctx.charter.articles() {
        if let Some(h) = &a.heading {
            let key: String = ctx.plain(h, Some(a)).text.split_whitespace().collect();
            by_heading.entry(key).or_default().push((a, h));
        }
    }
    let mut groups: Vec<_> = by_heading.into_iter().filter(|(_, v)| v.len() > 1).collect();
    groups.sort_by_key(|(_, v)| v[0].1.span.start);
    for (heading, arts) in groups {
        let labels: Vec<String> = arts.iter().map(|(a, _)| ctx.article_label(a)).collect();
        let mut d = DUPLICATE_HEADING.diagnostic(format!("{}的条标题都是“{heading}”", labels.join("和")));
        for (i, (a, h)) in arts.iter().enumerate() {
            let label = format!("{}的标题", ctx.article_label(a));
            d = if i == 0 { d.at(h.span, label) } else { d.also(h.span, label) };
        }
        out.push(d.hint("同一份章程里条标题应当各不相同。请核对其中一条是否规定的是另一个机构或职务的职权。"));
    }
}
