use crate::Context;
use crate::declare_rule;
use charter_core::diagnostic::Diagnostic;
use charter_core::model::{Division, Node};

declare_rule! {
    /// 章里只分了一节，或者分了节的章里还有不属于任何一节的条。
    ///
    /// ## 它查什么
    /// - 一个章下面只分了一个节；
    /// - 一个章分了节，但还有条直接放在章下、不在任何一节里。
    ///
    /// ## 为什么
    /// 分节是为了把一章分成几部分：只有一节就不必分；一章既分节、又有节外的条，
    /// 节外的条不知道属于哪一部分，引用时也无法写成“第四章第一节”。
    /// 这是立法技术的通例（《立法法》第六十五条）。
    ///
    /// ## 例子
    /// ```yaml
    /// - chapter: 组织机构
    ///   body:
    ///     - id: council-definition     # 节外的条
    ///       text: ……
    ///     - section: 主席团
    ///       body: [……]
    /// ```
    ///
    /// ## 应当写成
    /// 把节外的条放进一节（例如新设“一般规定”一节），或者取消分节。
    pub static SUBDIVISION_STRUCTURE = {
        code: "CH017",
        name: "subdivision-structure",
        severity: Warning,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for d in ctx.charter.divisions() {
        one(ctx, d, out);
    }
}

fn one(ctx: &Context, d: &Division, out: &mut Vec<Diagnostic>) {
    let subs: Vec<&Division> =
        d.body.iter().filter_map(|n| if let Node::Division(c) = n { Some(c) } else { None }).collect();
    if subs.is_empty() {
        return;
    }
    let name = |x: &Division| ctx.division_name(x);
    let sub_word = subs[0].level.word();
    // A 分编 of one 章 occurs in the Civil Code (占有); only a lone 节 is odd.
    if subs.len() == 1 && subs[0].level == charter_core::model::Level::Section {
        out.push(
            SUBDIVISION_STRUCTURE
                .diagnostic(format!("{}只分了一个{sub_word}", name(d)))
                .at(subs[0].title_span, format!("唯一的{sub_word}"))
                .also(d.title_span, format!("所在的{}", d.level.word()))
                .hint(format!(
                    "只有一{sub_word}就不必分{sub_word}：把它的条直接放在{}里，或者再分出一{sub_word}。",
                    d.level.word()
                )),
        );
    }
    let loose: Vec<&charter_core::model::Article> =
        d.body.iter().filter_map(|n| if let Node::Article(a) = n { Some(a) } else { None }).collect();
    if let Some(first) = loose.first() {
        let labels: Vec<String> = loose.iter().map(|a| ctx.article_label(a)).collect();
        let mut diag = SUBDIVISION_STRUCTURE
            .diagnostic(format!("{}分了{sub_word}，但{}不在任何一{sub_word}里", name(d), labels.join("、")))
            .at(first.id_span, format!("{}在{sub_word}外", ctx.article_label(first)));
        for a in loose.iter().skip(1).take(3) {
            diag = diag.also(a.id_span, format!("{}也在{sub_word}外", ctx.article_label(a)));
        }
        out.push(diag.hint(format!(
            "分了{sub_word}的{}，每一条都应当属于某一{sub_word}：可以把这些条放进新设的一{sub_word}（例如“一般规定”）。",
            d.level.word()
        )));
    }
}
