use crate::declare_rule;
use crate::{Context, OptionDefault, RuleOption};
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 机构或职务的名称与另一个更常用的名称只差一两个字。
    ///
    /// ## 它查什么
    /// 以“会、部、团、委员会、大会、主席、部长、秘书长”等结尾的名称，与章程里
    /// 另一个同类名称长度相同、只差一两个字（例如“学习纪检部”与“学习纪律部”）。
    /// 被设立过的（列在“设有……分别为”里、有定义的）、出现更多的名称被当作正确写法，
    /// 另一个报告出来。不需要术语表。
    ///
    /// 不报告：两个名称并列出现（“院、系学生会”“学院党委和学院团委”），
    /// 或者差别在“院/系、党/团、正/副”这类区分不同机构的字上，或者两者都在术语表里。
    ///
    /// ## 为什么
    /// 同一个部门在章程里有两个名字，读者会以为是两个部门；工作分工、换届选举都会出争议。
    /// 这多半是笔误，或者部门改名后没有改全。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 院学生会设有综合事务部、学习纪律部。
    /// # ……
    /// text: 学习纪检部负责开展学术活动。
    /// ```
    ///
    /// ## 应当写成
    /// 统一为一个名称；确需保留时，把它们登记进术语表（terms）。
    pub static NEAR_DUPLICATE_NAME = {
        code: "CH012",
        name: "near-duplicate-name",
        severity: Warning,
        options: &[RuleOption {
            name: "max-difference",
            default: OptionDefault::Number(2),
            doc: "最多差几个字仍报告：1 只报告差一个字的；2（默认）也报告差两个不相邻的字（名称至少六个字时）；0 关闭比较。",
        }],
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let names = ctx.names();
    let sites = ctx.sites();
    for nd in &names.near {
        let (Some(rare), Some(common)) = (names.names.get(&nd.rare), names.names.get(&nd.common)) else { continue };
        let Some(&first) = rare.occurrences.first() else { continue };
        let o = &names.occurrences[first];
        let site = &sites[o.site];
        let mut d = NEAR_DUPLICATE_NAME
            .diagnostic(format!(
                "“{}”与“{}”只差{}，是否指同一个机构或职务？",
                nd.rare,
                nd.common,
                diff_desc(&nd.rare, &nd.common)
            ))
            .at(site.span(ctx.file, o.range.clone()), format!("“{}”", nd.rare));
        for &i in rare.occurrences.iter().skip(1).take(3) {
            let o = &names.occurrences[i];
            d = d.also(sites[o.site].span(ctx.file, o.range.clone()), format!("又写作“{}”", nd.rare));
        }
        if let Some(&i) = common.occurrences.first() {
            let o = &names.occurrences[i];
            let how = if common.established { "设立时" } else { "别处" };
            d = d.also(
                sites[o.site].span(ctx.file, o.range.clone()),
                format!("{how}写作“{}”（共 {} 处）", nd.common, common.occurrences.len()),
            );
        }
        out.push(d.hint(format!(
            "如果是同一个，请统一写作“{}”；如果确是两个，请在章程里分别写明它们的设立，或登记进术语表。",
            nd.common
        )));
    }
}

fn diff_desc(a: &str, b: &str) -> String {
    let pairs: Vec<String> =
        a.chars().zip(b.chars()).filter(|(x, y)| x != y).map(|(x, y)| format!("“{x}/{y}”")).collect();
    format!("一个字{}", if pairs.len() == 1 { pairs[0].clone() } else { format!("（{}）", pairs.join("、")) })
        .replace("一个字（", &format!("{}个字（", if pairs.len() == 2 { "两" } else { "几" }))
}
