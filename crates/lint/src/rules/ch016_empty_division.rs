use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;
use charter_core::model::{Division, Node};
use charter_core::walk::{self, Flow, Visitor};

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
    walk::walk_nodes(&ctx.charter.body, &mut Empty { ctx, out });
}

/// Reports the outermost empty divisions only: it does not descend into
/// one it reported.
struct Empty<'c, 'a, 'o> {
    ctx: &'c Context<'a>,
    out: &'o mut Vec<Diagnostic>,
}

impl<'d> Visitor<'d> for Empty<'_, '_, '_> {
    fn division(&mut self, d: &'d Division, _: &[&'d Division]) -> Flow {
        if d.body.is_empty() || has_live_article(d) {
            return Flow::Descend;
        }
        let name = self.ctx.division_name(d);
        self.out.push(
            EMPTY_DIVISION
                .diagnostic(format!("{name}里没有一条现行的条"))
                .at(d.title_span, format!("空的{}", d.level.word()))
                .hint(format!("删去这一{}，或者补上它的条文。", d.level.word())),
        );
        Flow::Skip
    }
}

/// Whether any article under `d`, at any depth, is in force; stops at the
/// first (walking every block of every division would repeat the walk
/// once per level of nesting).
fn has_live_article(d: &Division) -> bool {
    d.body.iter().any(|n| match n {
        Node::Article(a) => !a.repealed,
        Node::Division(inner) => has_live_article(inner),
    })
}
