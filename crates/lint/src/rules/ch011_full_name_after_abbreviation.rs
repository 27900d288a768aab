use crate::Context;
use crate::declare_rule;
use crate::rules::ch008_abbreviation_before_definition::place;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 定义了简称（以下简称“X”）之后，又写回了全称。
    ///
    /// ## 它查什么
    /// 全称在“以下简称”定义之后的条文里再次出现（定义本身除外）。
    ///
    /// ## 为什么
    /// “以下简称”的意思是此后一律用简称。全称与简称混用，读者会怀疑两者是否是
    /// 同一个机构。这是提示级别：确有需要时（例如附则里写明全称）可以用 allow 保留。
    ///
    /// ## 例子
    /// ```yaml
    /// - text: 哈尔滨音乐学院学生代表大会（简称“学代会”）是……
    /// # ……后面：
    /// - text: 本章程的修订权属于哈尔滨音乐学院学生代表大会。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// - text: 本章程的修订权属于学代会。
    /// ```
    pub static FULL_NAME_AFTER_ABBREVIATION = {
        code: "CH011",
        name: "full-name-after-abbreviation",
        severity: Info,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let names = ctx.names();
    let sites = ctx.sites();
    let mut done = std::collections::BTreeSet::new();
    for def in &names.definitions {
        if !done.insert(def.full.as_str()) || def.full == def.short {
            continue;
        }
        let is_def_site =
            |site: usize, start: usize| names.definitions.iter().any(|d| d.site == site && d.full_range.start == start);
        let later: Vec<_> = names
            .occurrences
            .iter()
            .filter(|o| {
                o.name == def.full
                    && sites[o.site].kind.is_body()
                    && (o.site > def.site || (o.site == def.site && o.range.start > def.short_range.end))
                    && !is_def_site(o.site, o.range.start)
            })
            .collect();
        let Some(first) = later.first() else { continue };
        let s = &sites[first.site];
        let mut d = FULL_NAME_AFTER_ABBREVIATION
            .diagnostic(format!("已定义简称“{}”，这里又写了全称“{}”", def.short, def.full))
            .at(s.span(ctx.file, first.range.clone()), format!("{}写了全称", place(ctx, s)))
            .also(sites[def.site].span(ctx.file, def.short_range.clone()), "简称在这里定义");
        for o in later.iter().skip(1).take(3) {
            d = d.also(sites[o.site].span(ctx.file, o.range.clone()), "也写了全称");
        }
        out.push(d.hint(format!("“以下简称”之后一律写“{}”。", def.short)));
    }
}
