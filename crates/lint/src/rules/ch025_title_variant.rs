use std::collections::BTreeMap;
use std::ops::Range;

use crate::Context;
use crate::declare_rule;
use crate::names::{GlossRole, quoted_titles};
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 同一个文件的书名（《……》）写法不一。
    ///
    /// ## 它查什么
    /// - 书名号里的同一个文件名只在全角/半角括号、空格上有差别，
    ///   例如《关于推动高校学生会（研究生会）深化改革的若干意见》与
    ///   《关于推动高校学生会(研究生会)深化改革的若干意见》。`--fix` 统一为术语表里的写法，
    ///   没有登记时统一为出现最多的写法。
    /// - 一个书名是另一个书名删去几个字的结果，例如《学生会干部自律公约》与
    ///   《学生会、研究生会干部自律公约》；术语表把短的登记为长的简称时不报告。
    ///   “中华人民共和国”前缀的省略（《宪法》）不报告。
    ///
    /// ## 为什么
    /// 引用文件要写全称并且前后一致，读者才能确定引的是哪一份文件；
    /// 写法不一会被理解为两份不同的文件。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 坚决落实《学生会干部自律公约》……
    /// # ……
    /// text: 遵守《学生会、研究生会干部自律公约》……
    /// ```
    ///
    /// ## 应当写成
    /// 两处都写文件的正式名称《学生会、研究生会干部自律公约》。
    pub static TITLE_VARIANT = {
        code: "CH025",
        name: "title-variant",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

struct Cite {
    site: usize,
    /// The title without 《》.
    inner: Range<usize>,
    text: String,
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            '<' => '〈',
            '>' => '〉',
            c => c,
        })
        .collect()
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let sites = ctx.sites();
    let names = ctx.names();
    let mut cites = Vec::new();
    for (si, site) in sites.iter().enumerate() {
        for r in quoted_titles(site.plain.text) {
            let inner = r.start + '《'.len_utf8()..r.end - '》'.len_utf8();
            cites.push(Cite { site: si, text: site.plain.text[inner.clone()].to_string(), inner });
        }
    }
    // Same title up to bracket width and spaces.
    let mut groups: BTreeMap<String, Vec<&Cite>> = BTreeMap::new();
    for c in &cites {
        groups.entry(normalize(&c.text)).or_default().push(c);
    }
    for list in groups.values() {
        let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
        for c in list {
            *forms.entry(c.text.as_str()).or_default() += 1;
        }
        if forms.len() < 2 {
            continue;
        }
        let canonical = forms
            .keys()
            .find(|f| names.gloss(f).is_some_and(|g| g.role == GlossRole::Name))
            .copied()
            .or_else(|| {
                let first = |f: &str| list.iter().position(|c| c.text == f).unwrap_or(usize::MAX);
                forms.iter().max_by_key(|(f, n)| (**n, std::cmp::Reverse(first(f)))).map(|(f, _)| *f)
            })
            .unwrap_or("");
        let model = list.iter().find(|c| c.text == canonical);
        for c in list.iter().filter(|c| c.text != canonical) {
            if names.gloss(&c.text).is_some_and(|g| g.role == GlossRole::Wrong) {
                continue; // wrong-term reports it
            }
            let site = &sites[c.site];
            let mut d = TITLE_VARIANT
                .diagnostic(format!("书名《{}》与别处的《{canonical}》写法不一", c.text))
                .at(site.span(ctx.file, c.inner.clone()), "这里的写法");
            if let Some(m) = model {
                d = d.also(sites[m.site].span(ctx.file, m.inner.clone()), "通行的写法");
            }
            if let Some(edit) = site.edit(ctx.file, c.inner.clone(), canonical) {
                d = d.with_fix(format!("统一为《{canonical}》"), vec![edit]);
            }
            out.push(d.hint("同一文件的书名前后写法要一致（括号一律用全角）。"));
        }
    }
    // A title that is another with a few characters left out.
    let distinct: Vec<&Cite> = {
        let mut seen = std::collections::BTreeSet::new();
        cites.iter().filter(|c| seen.insert(normalize(&c.text))).collect()
    };
    for a in &distinct {
        for b in &distinct {
            let (x, y) = (normalize(&a.text), normalize(&b.text));
            if x.chars().count() < 5 || x.len() >= y.len() || !shortened(&x, &y) {
                continue;
            }
            if y.strip_prefix("中华人民共和国") == Some(x.as_str()) {
                continue;
            }
            // Two amending acts (决定, 修正案, 决议) are two documents, as are
            // two titles both cited in the history lines: a history lists
            // one act per amendment, however alike their names.
            let in_history = |c: &Cite| sites[c.site].kind == crate::sites::SiteKind::History;
            if (is_act(&x) && is_act(&y)) || (in_history(a) && in_history(b)) {
                continue;
            }
            let (tx, ty) = (names.term_of(&a.text), names.term_of(&b.text));
            if tx.is_some() && tx == ty {
                continue;
            }
            let site = &sites[a.site];
            out.push(
                TITLE_VARIANT
                    .diagnostic(format!("《{}》像是《{}》的省略写法", a.text, b.text))
                    .at(site.span(ctx.file, a.inner.clone()), "省略的写法")
                    .also(sites[b.site].span(ctx.file, b.inner.clone()), "完整的书名")
                    .hint("引用文件写它的正式全称；确是两份文件时，请在术语表里分别登记（kind: document）。"),
            );
        }
    }
}

/// The title of an amending or deciding act rather than of a standing
/// document: 关于修改〈……〉的决定, ……修正案, ……决议.
fn is_act(title: &str) -> bool {
    ["决定", "修正案", "决议", "命令", "公告"].iter().any(|w| title.ends_with(w))
}

/// Is `x` `y` with some characters left out, keeping its first character
/// and its last two?
fn shortened(x: &str, y: &str) -> bool {
    let xs: Vec<char> = x.chars().collect();
    let ys: Vec<char> = y.chars().collect();
    if xs.first() != ys.first() || xs.len() < 2 || xs[xs.len() - 2..] != ys[ys.len() - 2..] {
        return false;
    }
    let mut it = ys.iter();
    xs.iter().all(|c| it.any(|d| d == c))
}
