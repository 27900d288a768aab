use crate::Context;
use crate::declare_rule;
use crate::rules::ch008_abbreviation_before_definition::place;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 同一个简称被定义了两次。
    ///
    /// ## 它查什么
    /// “（以下简称“X”）”这样的定义，对同一个全称出现了不止一次。
    /// （同一个简称定义给两个不同的全称，由 CH010 报告。）
    ///
    /// ## 为什么
    /// 简称只需定义一次，此后一直使用。第二次定义说明起草时各部分各自为政，
    /// 读者会怀疑两处说的是不是同一个机构。
    ///
    /// ## 例子
    /// ```yaml
    /// - text: 哈尔滨音乐学院学生委员会（简称“院学生会”）是……
    /// - text: 哈尔滨音乐学院学生委员会（简称“院学生会”）是……
    /// ```
    ///
    /// ## 应当写成
    /// 保留第一次定义；后面直接写“院学生会”。
    pub static ABBREVIATION_REDEFINED = {
        code: "CH009",
        name: "abbreviation-redefined",
        severity: Warning,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let names = ctx.names();
    let sites = ctx.sites();
    for (i, def) in names.definitions.iter().enumerate() {
        let Some(first) = names.definitions[..i].iter().find(|d| d.short == def.short) else { continue };
        if first.full != def.full {
            continue; // CH010
        }
        let here = &sites[def.site];
        let there = &sites[first.site];
        out.push(
            ABBREVIATION_REDEFINED
                .diagnostic(format!("简称“{}”又定义了一次", def.short))
                .at(here.span(ctx.file, def.short_range.clone()), format!("{}再次定义", place(ctx, here)))
                .also(there.span(ctx.file, first.short_range.clone()), format!("{}已经定义过", place(ctx, there)))
                .hint(format!("简称只定义一次；这里直接写“{}”即可。", def.short)),
        );
    }
}
