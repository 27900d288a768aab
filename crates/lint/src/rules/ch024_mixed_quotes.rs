use crate::Context;
use crate::cjk::{has_quote, is_chinese};
use crate::declare_rule;
use crate::sites::{Spot, grouped};
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 中文里用了直引号（"…"、'…'）或直角引号（「…」），或者引号不成对。
    ///
    /// ## 它查什么
    /// - 中文句子里成对的半角直引号 `"…"`、`'…'` 和直角引号「…」『…』；
    /// - 一段文字里左右引号“”不成对（少了一个，或方向反了）。
    ///
    /// `--fix` 把成对的直引号、直角引号改为弯引号“…”‘…’；不成对的引号需要手工改正。
    ///
    /// 繁体章程（`script: traditional`）反过来以直角引号「…」『…』为准：报告直引号和
    /// 弯引号“…”‘…’，`--fix` 改为「…」『…』，并检查「」是否成对。
    ///
    /// ## 为什么
    /// 章程通篇用一种引号（中文用“”，引号里再引用用‘’）。混用几种引号看起来像几个人
    /// 拼起来的稿子；不成对的引号会让读者弄不清引文到哪里结束。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 以建设"服务型、学习型"学生会为目标。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 以建设“服务型、学习型”学生会为目标。
    /// ```
    pub static MIXED_QUOTES = {
        code: "CH024",
        name: "mixed-quotes",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // The house quotes: “” ‘’, or 「」 『』 in Traditional script; the
    // other pairs are the wrong ones.
    let script = ctx.numbering.script;
    let [open1, close1, open2, close2] = script.quotes();
    let (o1, c1, o2, c2) = (open1.to_string(), close1.to_string(), open2.to_string(), close2.to_string());
    let (wrong, wrong_name, message, fix, hint) = if script.is_traditional() {
        (
            [('“', '”', &o1, &c1), ('‘', '’', &o2, &c2)],
            "弯引号",
            "中文里用了直引号或弯引号",
            "改为直角引号「」",
            "繁体章程的引号用「」，引号里再引用时用『』。",
        )
    } else {
        (
            [('「', '」', &o1, &c1), ('『', '』', &o2, &c2)],
            "直角引号",
            "中文里用了直引号或直角引号",
            "改为弯引号“”",
            "中文引号用“”，引号里再引用时用‘’。",
        )
    };
    for site in ctx.sites() {
        let t = &site.plain.text;
        // Most texts hold no quotation mark at all: one pass says so (a
        // search per mark cost more than the rest of the rule).
        if !has_quote(t) {
            continue;
        }
        let mut spots = Vec::new();
        for (q, open, close) in [('"', &o1, &c1), ('\'', &o2, &c2)] {
            let pos: Vec<usize> = t.match_indices(q).map(|(i, _)| i).collect();
            if pos.is_empty() || !pos.len().is_multiple_of(2) {
                continue;
            }
            for pair in pos.chunks(2) {
                let (a, b) = (pair[0], pair[1]);
                if !t[a + 1..b].chars().any(is_chinese) && !t[..a].ends_with(|c: char| is_chinese(c)) {
                    continue;
                }
                spots.push(Spot { range: a..a + 1, label: format!("直引号 {q}"), replacement: Some(open.clone()) });
                spots.push(Spot { range: b..b + 1, label: format!("直引号 {q}"), replacement: Some(close.clone()) });
            }
        }
        for (o, c, ro, rc) in wrong {
            // Most texts have neither (`find` of one character is a memchr).
            if t.find(o).is_none() && t.find(c).is_none() {
                continue;
            }
            for (i, ch) in t.char_indices() {
                if ch == o {
                    spots.push(Spot {
                        range: i..i + ch.len_utf8(),
                        label: format!("{wrong_name}{o}"),
                        replacement: Some(ro.clone()),
                    });
                } else if ch == c {
                    spots.push(Spot {
                        range: i..i + ch.len_utf8(),
                        label: format!("{wrong_name}{c}"),
                        replacement: Some(rc.clone()),
                    });
                }
            }
        }
        spots.sort_by_key(|s| s.range.start);
        if let Some(d) = grouped(ctx, site, &MIXED_QUOTES, message.into(), fix, &spots) {
            out.push(d.hint(hint));
        }
        // Balance of curly quotes (nothing to balance without one).
        if t.find(open1).is_none() && t.find(close1).is_none() {
            continue;
        }
        let mut depth: i32 = 0;
        let mut bad = None;
        for (i, ch) in t.char_indices() {
            if ch == open1 {
                depth += 1;
            } else if ch == close1 {
                depth -= 1;
                if depth < 0 && bad.is_none() {
                    bad = Some((i, format!("多出的右引号{close1}")));
                    depth = 0;
                }
            }
        }
        if bad.is_none() && depth > 0 {
            bad = t.rfind(open1).map(|i| (i, format!("这个左引号{open1}没有对应的右引号")));
        }
        if let Some((i, why)) = bad {
            out.push(
                MIXED_QUOTES
                    .diagnostic("引号不成对")
                    .at(site.span(ctx.file, i..i + open1.len_utf8()), why)
                    .hint(format!("每个{open1}都要有对应的{close1}；检查引号的方向（左{open1} 右{close1}）。")),
            );
        }
    }
}
