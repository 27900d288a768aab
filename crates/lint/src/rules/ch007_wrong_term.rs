use crate::Context;
use crate::declare_rule;
use crate::names::GlossRole;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 使用了术语表里登记为错误的写法。
    ///
    /// ## 它查什么
    /// 术语表（`terms`）中某个名称的 `wrong` 列表里的写法出现在正文、标题里。
    /// `--fix` 把它改为术语表里最接近的正确写法（名称或简称）。
    ///
    /// ## 为什么
    /// 同一个机构在章程里必须只有一个名字。“学习纪检部”和“学习纪律部”
    /// 在读者看来是两个部门；选举、问责时就会出现争议。
    ///
    /// ## 例子
    /// ```yaml
    /// terms:
    ///   - name: 学习纪律部
    ///     wrong: [学习纪检部]
    /// # ……
    ///       text: 学习纪检部负责开展学术活动。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    ///       text: 学习纪律部负责开展学术活动。
    /// ```
    pub static WRONG_TERM = {
        code: "CH007",
        name: "wrong-term",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let names = ctx.names();
    let sites = ctx.sites();
    for o in &names.occurrences {
        let Some(g) = names.gloss(o.name) else { continue };
        if g.role != GlossRole::Wrong {
            continue;
        }
        let Some(term) = ctx.charter.terms.get(g.term) else { continue };
        let right = std::iter::once(&term.name)
            .chain(&term.short)
            .min_by_key(|n| (strsim::levenshtein(&n.text, o.name), n.text.chars().count()))
            .unwrap_or(&term.name);
        let site = &sites[o.site];
        let span = site.span(ctx.file, o.range.clone());
        let mut d = WRONG_TERM
            .diagnostic(format!("“{}”是错误的写法，应为“{}”", o.name, right.text))
            .at(span, "术语表登记的错误写法")
            .also(right.span, "术语表里的正确写法");
        if let Some(w) = term.wrong.iter().find(|w| w.text == o.name) {
            d = d.also(w.span, "登记为错误写法");
        }
        if let Some(edit) = site.edit(ctx.file, o.range.clone(), &right.text) {
            d = d.with_fix(format!("把“{}”改为“{}”", o.name, right.text), vec![edit]);
        }
        out.push(d);
    }
}
