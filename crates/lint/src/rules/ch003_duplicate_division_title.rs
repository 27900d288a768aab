use std::collections::BTreeMap;

use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;
use charter_core::model::{Division, Node};

declare_rule! {
    /// 同一层级里两个章（或节、编）的标题相同。
    ///
    /// ## 它查什么
    /// 在同一个上级之下（同一编里的章、同一章里的节），标题完全相同的编、章、节。
    /// 不同章里的节同名（例如每章都有“一般规定”）是正常的，不报告。
    ///
    /// ## 为什么
    /// 目录里两个同名的章让读者无从区分，通常是复制后忘了改标题，
    /// 或者本应合并成一章。
    ///
    /// ## 例子
    /// ```yaml
    /// - chapter: 组织机构
    ///   id: organs
    /// - chapter: 组织机构
    ///   id: organs-2
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// - chapter: 组织机构
    ///   id: organs
    /// - chapter: 工作机构
    ///   id: offices
    /// ```
    pub static DUPLICATE_DIVISION_TITLE = {
        code: "CH003",
        name: "duplicate-division-title",
        severity: Error,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    siblings(ctx, &ctx.charter.body, out);
}

/// Compares the titles of one list of sibling divisions, after those of
/// their children. It works list by list, which the node-by-node
/// `charter_core::walk` does not give, so it recurses itself.
fn siblings(ctx: &Context, nodes: &[Node], out: &mut Vec<Diagnostic>) {
    let mut by_title: BTreeMap<(charter_core::model::Level, String), Vec<&Division>> = BTreeMap::new();
    for n in nodes {
        if let Node::Division(d) = n {
            let key: String = d.title.split_whitespace().collect();
            by_title.entry((d.level, key)).or_default().push(d);
            siblings(ctx, &d.body, out);
        }
    }
    let mut groups: Vec<_> = by_title.into_iter().filter(|(_, v)| v.len() > 1).collect();
    groups.sort_by_key(|(_, v)| v[0].title_span.start);
    for ((level, title), divs) in groups {
        let labels: Vec<String> = divs.iter().map(|d| label(ctx, d)).collect();
        let mut d = DUPLICATE_DIVISION_TITLE.diagnostic(format!("{}的标题都是“{title}”", labels.join("和")));
        for (i, div) in divs.iter().enumerate() {
            let l = format!("{}的标题", label(ctx, div));
            d = if i == 0 { d.at(div.title_span, l) } else { d.also(div.title_span, l) };
        }
        out.push(d.hint(format!("同一层级的{}标题应当各不相同；如果内容确属一类，考虑合并。", level.word())));
    }
}

fn label(ctx: &Context, d: &Division) -> String {
    let l = ctx.numbering.division_label(d);
    if l.is_empty() { format!("{}“{}”", d.level.word(), d.title) } else { l }
}
