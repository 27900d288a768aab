use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;
use charter_core::resolve::RefProblemKind;
use charter_core::suggest::did_you_mean;

declare_rule! {
    /// 引用（[[id]]）指向不存在的 id，或引用范围不成立。
    ///
    /// ## 它查什么
    /// 正文里的 `[[id]]`、`[[a, b]]`、`[[a..b]]` 中，有 id 在章程里找不到；
    /// 或范围的两端层级不同、起点在终点之后。
    ///
    /// ## 为什么
    /// 引用打印出来是“第二十条”这样的序号。找不到目标的引用无法编号，
    /// 印出来的章程就会缺字或指错条文。常见原因是 id 拼错，或被引用的条已删除、改了 id。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 依照[[presidium-electon]]的规定
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 依照[[presidium-election]]的规定
    /// ```
    pub static UNRESOLVED_REFERENCE = {
        code: "CH002",
        name: "unresolved-reference",
        severity: Error,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.ref_problems.is_empty() {
        return;
    }
    let mut ids: Vec<&str> = ctx.numbering.targets.keys().map(String::as_str).collect();
    ids.sort_unstable();
    for p in ctx.ref_problems {
        let span = p.text.locate(ctx.file, p.raw.clone());
        let d = match &p.kind {
            RefProblemKind::Unknown { id } => {
                let d = UNRESOLVED_REFERENCE.diagnostic(format!("引用的 id“{id}”不存在")).at(span, "找不到这个 id");
                match did_you_mean(id, ids.iter().copied()) {
                    Some(s) => d.hint(format!("您是不是想写“{s}”？")),
                    None => d.hint("请检查拼写；被引用的条、款、项要在它的映射里写上这个 id。"),
                }
            }
            RefProblemKind::BadRange { why } => UNRESOLVED_REFERENCE
                .diagnostic(format!("引用范围不成立：{why}"))
                .at(span, "这个范围")
                .hint("范围写作 [[起点..终点]]，两端是同一层级，起点在前。"),
        };
        out.push(d);
    }
}
