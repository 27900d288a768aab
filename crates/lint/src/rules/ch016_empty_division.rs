use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;
use charter_core::model::{Division, Node};

declare_rule! {
    /// 编、章、节里没有一条现行的条。
    ///
    /// ## 它查什么
    /// 一个编、章或节，下面只有已删去的条（`repealed: true`），或者只有同样空着的下级章节。
    /// （`body` 是空列表的情形由加载时的 Y023 报告。）
    ///
    /// ## 为什么
    /// 目录里会出现一个没有内容的章。通常是整章的条都删去了，这一章也应该删去，
    /// 或者条文被误放到了别的章里。
    ///
    /// ## 例子
    /// ```yaml
    /// - chapter: 经费
    ///   id: funds
    ///   body:
    ///     - id: old-funds
    ///       repealed: true
    /// ```
    ///
    /// ## 应当写成
    /// 删去这一章（删条不改号时，把删去的条移到相邻的章），或者补上这一章的条文。
    pub static EMPTY_DIVISION = {
        code: "CH016",
        name: "empty-division",
        severity: Warning,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    walk(ctx, &ctx.charter.body, out);
}

/// Reports the outermost empty divisions only.
fn walk(ctx: &Context, nodes: &[Node], out: &mut Vec<Diagnostic>) {
    for n in nodes {
        if let Node::Division(d) = n {
            if !d.body.is_empty() && live_articles(d) == 0 {
                let name = ctx.division_name(d);
                out.push(
                    EMPTY_DIVISION
                        .diagnostic(format!("{name}里没有一条现行的条"))
                        .at(d.title_span, format!("空的{}", d.level.word()))
                        .hint(format!("删去这一{}，或者补上它的条文。", d.level.word())),
                );
            } else {
                walk(ctx, &d.body, out);
            }
        }
    }
}

fn live_articles(d: &Division) -> usize {
    d.body
        .iter()
        .map(|n| match n {
            Node::Article(a) => usize::from(!a.repealed),
            Node::Division(c) => live_articles(c),
        })
        .sum()
}
