use crate::cjk::{CharSig, Leftmost};
use crate::declare_rule;
use crate::sites::{Spot, grouped};
use crate::{Context, OptionDefault, RuleOption};
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 常见的错别字和易混词（权利机构、闭会期间写成必会期间……）。
    ///
    /// ## 它查什么
    /// `words` 选项列出的“错误写法: 正确写法”。默认包括章程和法律文本里常见的几处：
    /// 把“权力机构”写成“权利机构”，“闭会期间”写成“必会期间”，“以下简称”写成“一下简称”，
    /// 以及立法用语的规范写法（“其它”→“其他”，“做出”→“作出”）。
    /// 可以在 lint.yaml 里补充本组织常见的错字。`--fix` 替换为正确写法。
    ///
    /// ## 为什么
    /// “权利”和“权力”一字之差，意思完全不同：学代会是行使权力的机构，不是享有权利的机构。
    /// 这类错字拼写检查发现不了，读者却一眼就能看出。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 学代会是本会的最高权利机构。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 学代会是本会的最高权力机构。
    /// ```
    pub static CONFUSABLE_WORD = {
        code: "CH027",
        name: "confusable-word",
        severity: Warning,
        options: &[RuleOption {
            name: "words",
            default: OptionDefault::Pairs(&[
                ("权利机构", "权力机构"),
                ("权利机关", "权力机关"),
                ("最高权利", "最高权力"),
                ("必会期间", "闭会期间"),
                ("毕会期间", "闭会期间"),
                ("闭会其间", "闭会期间"),
                ("一下简称", "以下简称"),
                ("其它", "其他"),
                ("做出决定", "作出决定"),
                ("做出决议", "作出决议"),
                ("做出处理", "作出处理"),
                ("截止到", "截至"),
                ("按装", "安装"),
                ("帐户", "账户"),
                ("成份", "成分"),
            ]),
            doc: "易混词：错误写法: 正确写法。配置的词语加在默认列表之后（同一错误写法以配置为准）。",
        }],
        fixable: true,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let pairs = ctx.pairs(&CONFUSABLE_WORD, "words");
    let pairs: Vec<(String, String)> = pairs.into_iter().filter(|(w, r)| !w.is_empty() && w != r).collect();
    if pairs.is_empty() {
        return;
    }
    // The words by first character: an automaton for these few words
    // cost most of this rule's time on a small file to build.
    let words = Leftmost::new(pairs.iter().map(|p| p.0.as_str()));
    // The wrong words' signatures: a text that cannot hold any is not
    // searched.
    let sigs: Vec<CharSig> = pairs.iter().map(|(w, _)| CharSig::of(w)).collect();
    for site in ctx.sites() {
        if !sigs.iter().any(|s| site.sig().may_hold(s)) {
            continue;
        }
        let t = &site.plain.text;
        let mut spots = Vec::new();
        for (range, k) in words.find_iter(t) {
            let (wrong, right) = &pairs[k];
            // Already right in context (e.g. 权力机构 contains no 权利机构).
            spots.push(Spot {
                range, label: format!("“{wrong}”应为“{right}”"), replacement: Some(right.clone())
            });
        }
        if spots.is_empty() {
            continue;
        }
        let msg = match spots.as_slice() {
            [one] => format!("易混词：{}", one.label),
            _ => format!("{} 处易混词", spots.len()),
        };
        if let Some(d) = grouped(ctx, site, &CONFUSABLE_WORD, msg, "改为正确写法", &spots) {
            out.push(d.hint("这些词语的错误写法拼写检查发现不了；易错词可以在 lint.yaml 的 CH027 words 选项里补充。"));
        }
    }
}
