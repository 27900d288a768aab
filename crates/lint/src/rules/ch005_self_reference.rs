use std::collections::HashMap;

use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;
use charter_core::model::{Article, Division, Level};
use charter_core::text::RefTargets;
use charter_core::walk::{self, Visitor};

declare_rule! {
    /// 条文用 [[id]] 引用了它自己所在的条、章或节。
    ///
    /// ## 它查什么
    /// 一条里的 `[[本条的 id]]`，或者章、节里的条引用自己所在的章、节。
    /// 引用本条的某一款、某一项不在此列（工具会印作“本条第二款”）。
    ///
    /// ## 为什么
    /// 按起草惯例，条文提到自己时写“本条”“本章”“本节”，而不是自己的序号；
    /// 印成“第五条”的第五条读起来像是指别的条，也常常是引用写错了 id。
    ///
    /// ## 例子
    /// ```yaml
    /// - id: dues
    ///   text: 会员应当依照[[dues]]的规定缴纳会费。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// - id: dues
    ///   text: 会员应当依照本条的规定缴纳会费。
    /// ```
    pub static SELF_REFERENCE = {
        code: "CH005",
        name: "self-reference",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    /// Each article's id with the divisions around it.
    struct Within<'a>(Vec<(&'a str, Vec<&'a Division>)>);
    impl<'a> Visitor<'a> for Within<'a> {
        fn article(&mut self, a: &'a Article, parents: &[&'a Division]) {
            self.0.push((a.id.as_str(), parents.to_vec()));
        }
    }
    let mut v = Within(Vec::new());
    walk::walk_nodes(&ctx.charter.body, &mut v);
    // By article id, built once: looking an article up per text site must
    // not scan every article (that made `check` superlinear).
    let parents: HashMap<&str, Vec<&Division>> = v.0.into_iter().collect();
    for site in ctx.sites() {
        let Some(a) = site.article else { continue };
        let refs = site.text.references();
        if refs.is_empty() {
            continue;
        }
        let within: &[&Division] = parents.get(a.id.as_str()).map_or(&[], Vec::as_slice);
        for r in refs {
            let RefTargets::List(ids) = &r.targets else { continue };
            for id in ids {
                let word = if id.id == a.id {
                    "本条"
                } else if let Some(d) = within.iter().find(|d| d.id == id.id) {
                    match d.level {
                        Level::Chapter => "本章",
                        Level::Section => "本节",
                        Level::Part => "本编",
                        Level::Subpart => "本分编",
                    }
                } else {
                    continue;
                };
                let span = site.text.locate(ctx.file, id.raw.clone());
                let what =
                    if word == "本条" { ctx.article_label(a) } else { word.trim_start_matches('本').to_string() };
                let mut d = SELF_REFERENCE
                    .diagnostic(format!("{}引用了它自己所在的{}", ctx.article_label(a), what))
                    .at(span, format!("这里应写“{word}”"))
                    .hint(format!("条文提到自己所在的条、章、节时写“{word}”。如果本想引用别处，请改正 id。"));
                if ids.len() == 1 {
                    let whole = site.text.locate(ctx.file, r.raw.clone());
                    if let Some(src) = ctx.file.text.get(whole.start..whole.end)
                        && src == &site.text.raw[r.raw.clone()]
                        && crate::sites::yaml_safe(ctx.file, site.text.span, whole, word)
                    {
                        d = d.with_fix(
                            format!("把 [[{}]] 改为“{word}”", id.id),
                            vec![charter_core::diagnostic::Edit { span: whole, replacement: word.to_string() }],
                        );
                    }
                }
                out.push(d);
            }
        }
    }
}
