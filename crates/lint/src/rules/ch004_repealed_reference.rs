use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;
use charter_core::number::Target;

declare_rule! {
    /// 引用指向已删去的条。
    ///
    /// ## 它查什么
    /// `[[id]]` 引用的条标有 `repealed: true`（印作“第X条　（删去）”）。
    ///
    /// ## 为什么
    /// 删去的条已经没有内容，引用它的规定无从执行。通常是删条时忘了修改引用它的条文。
    ///
    /// ## 例子
    /// ```yaml
    /// - id: old-rule
    ///   repealed: true
    /// - id: b
    ///   text: 依照[[old-rule]]的规定办理。
    /// ```
    ///
    /// ## 应当写成
    /// 改为引用现行的条，或删去这一引用。
    pub static REPEALED_REFERENCE = {
        code: "CH004",
        name: "repealed-reference",
        severity: Error,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        for r in site.text.references() {
            for id in r.targets.ids() {
                if let Some(Target::Article { no, repealed: true, .. }) = ctx.numbering.targets.get(&id.id) {
                    let span = site.text.locate(ctx.file, id.raw.clone());
                    let mut d = REPEALED_REFERENCE
                        .diagnostic(format!("引用了已删去的{}", no.label()))
                        .at(span, format!("{}已删去", no.label()));
                    if let Some(at) = charter_core::number::id_span(ctx.charter, &id.id) {
                        d = d.also(at, "这一条标为 repealed: true");
                    }
                    out.push(d.hint("请改为引用现行的条文，或者删去这一引用。"));
                }
            }
        }
    }
}
