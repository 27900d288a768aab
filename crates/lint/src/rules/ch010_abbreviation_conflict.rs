use crate::Context;
use crate::declare_rule;
use crate::names::{Analysis, GlossRole, strip_scope};
use crate::rules::ch008_abbreviation_before_definition::place;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 同一个简称指向两个不同的全称。
    ///
    /// ## 它查什么
    /// - 正文两次定义同一个简称，全称却不同；
    /// - 正文把某个简称定义给一个全称，术语表却把它登记为另一个名称的简称。
    ///
    /// ## 为什么
    /// 一个简称只能指一个机构。“院学生会”既是“哈尔滨音乐学院学生会”又是
    /// “哈尔滨音乐学院学生委员会”，读者就分不清“院学生会主席团”是哪个机构的主席团。
    ///
    /// ## 例子
    /// ```yaml
    /// terms:
    ///   - name: 哈尔滨音乐学院学生会
    ///     short: [院学生会]
    /// # ……
    ///       text: 哈尔滨音乐学院学生委员会（简称“院学生会”）是……
    /// ```
    ///
    /// ## 应当写成
    /// 给两个机构不同的简称，或者确认它们本是同一个机构、统一名称。
    pub static ABBREVIATION_CONFLICT = {
        code: "CH010",
        name: "abbreviation-conflict",
        severity: Error,
        check: check,
    }
}

/// Do two full names denote the same thing (equal up to a scope prefix,
/// or one a tail of the other)?
fn same(names: &Analysis, a: &str, b: &str) -> bool {
    let (x, y) = (strip_scope(a), strip_scope(b));
    if x == y || a.ends_with(y) || b.ends_with(x) {
        return true;
    }
    matches!((names.term_of(a), names.term_of(b)), (Some(s), Some(t)) if s == t)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let names = ctx.names();
    let sites = ctx.sites();
    let mut glossary_reported = std::collections::BTreeSet::new();
    for (i, def) in names.definitions.iter().enumerate() {
        let here = &sites[def.site];
        let span = here.span(ctx.file, def.short_range.clone());
        if let Some(first) =
            names.definitions[..i].iter().find(|d| d.short == def.short && !same(names, &d.full, &def.full))
        {
            let there = &sites[first.site];
            out.push(
                ABBREVIATION_CONFLICT
                    .diagnostic(format!("简称“{}”先指“{}”，这里又指“{}”", def.short, first.full, def.full))
                    .at(span, format!("定义为“{}”的简称", def.full))
                    .also(
                        there.span(ctx.file, first.short_range.clone()),
                        format!("{}定义为“{}”的简称", place(ctx, there), first.full),
                    )
                    .hint("一个简称只能指一个机构或职务：给其中一个换一个简称，或者统一全称。"),
            );
            continue;
        }
        // Against the glossary.
        let Some(g) = names.gloss(&def.short) else { continue };
        if g.role == GlossRole::Wrong || !glossary_reported.insert(def.short.clone()) {
            continue;
        }
        let Some(term) = ctx.charter.terms.get(g.term) else { continue };
        let consistent = same(names, &def.full, &term.name.text)
            || term.short.iter().any(|s| same(names, &def.full, &s.text))
            || names.term_of(&def.full) == Some(g.term);
        if consistent {
            continue;
        }
        let entry = if g.role == GlossRole::Name {
            term.name.span
        } else {
            term.short.iter().find(|s| s.text == def.short).map_or(term.name.span, |s| s.span)
        };
        out.push(
            ABBREVIATION_CONFLICT
                .diagnostic(format!(
                    "简称“{}”在术语表里属于“{}”，这里却定义为“{}”的简称",
                    def.short, term.name.text, def.full
                ))
                .at(span, format!("定义为“{}”的简称", def.full))
                .also(entry, format!("术语表：“{}”的简称", term.name.text))
                .hint("一个简称只能指一个机构：改正文的简称，或者改术语表。"),
        );
    }
}
