use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 简称在定义（以下简称“X”）之前就已使用。
    ///
    /// ## 它查什么
    /// 正文用“（以下简称“X”）”“（简称X）”定义了简称 X，但在这之前的条文里已经用了 X。
    ///
    /// ## 为什么
    /// 读者按顺序阅读：简称要先定义后使用，否则第一次读到它时不知所指。
    /// 要么把定义移到第一次出现的地方，要么在前面写全称。
    ///
    /// ## 例子
    /// ```yaml
    /// - text: 指导各系学生会开展工作。
    /// # ……后面的条：
    /// - text: 教学系学生委员会（以下简称“系学生会”）……
    /// ```
    ///
    /// ## 应当写成
    /// 在第一次出现处定义简称，或者前面写全称“教学系学生委员会”。
    pub static ABBREVIATION_BEFORE_DEFINITION = {
        code: "CH008",
        name: "abbreviation-before-definition",
        severity: Warning,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let names = ctx.names();
    let sites = ctx.sites();
    let mut seen = std::collections::BTreeSet::new();
    for def in &names.definitions {
        if !seen.insert(def.short.as_str()) {
            continue;
        }
        let earlier: Vec<_> = names
            .occurrences
            .iter()
            .filter(|o| {
                o.name == def.short
                    && sites[o.site].kind.is_body()
                    && (o.site < def.site || (o.site == def.site && o.range.end <= def.full_range.start))
            })
            .collect();
        let Some(first) = earlier.first() else { continue };
        let def_site = &sites[def.site];
        let use_site = &sites[first.site];
        let mut d = ABBREVIATION_BEFORE_DEFINITION
            .diagnostic(format!("简称“{}”在定义之前就用了", def.short))
            .at(use_site.span(ctx.file, first.range.clone()), format!("{}第一次使用", place(ctx, use_site)))
            .also(def_site.span(ctx.file, def.short_range.clone()), format!("{}才定义", place(ctx, def_site)));
        for o in earlier.iter().skip(1).take(3) {
            d = d.also(sites[o.site].span(ctx.file, o.range.clone()), "也在定义之前");
        }
        out.push(
            d.hint(format!("把“（以下简称“{}”）”移到第一次出现的地方，或者在此之前写全称“{}”。", def.short, def.full)),
        );
    }
}

/// 第五条, or the kind of text for texts outside articles.
pub(crate) fn place(ctx: &Context, site: &crate::sites::Site) -> String {
    match site.article {
        Some(a) => ctx.article_label(a),
        None => "这里".to_string(),
    }
}
