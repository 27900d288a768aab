use crate::Context;
use crate::cjk::is_chinese;
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
    for site in ctx.sites() {
        let t = &site.plain.text;
        let mut spots = Vec::new();
        for (q, open, close) in [('"', "“", "”"), ('\'', "‘", "’")] {
            let pos: Vec<usize> = t.match_indices(q).map(|(i, _)| i).collect();
            if pos.is_empty() || !pos.len().is_multiple_of(2) {
                continue;
            }
            for pair in pos.chunks(2) {
                let (a, b) = (pair[0], pair[1]);
                if !t[a + 1..b].chars().any(is_chinese) && !t[..a].ends_with(|c: char| is_chinese(c)) {
                    continue;
                }
                spots.push(Spot { range: a..a + 1, label: format!("直引号 {q}"), replacement: Some(open.into()) });
                spots.push(Spot { range: b..b + 1, label: format!("直引号 {q}"), replacement: Some(close.into()) });
            }
        }
        for (o, c, ro, rc) in [('「', '」', "“", "”"), ('『', '』', "‘", "’")] {
            for (i, ch) in t.char_indices() {
                if ch == o {
                    spots.push(Spot {
                        range: i..i + ch.len_utf8(),
                        label: format!("直角引号{o}"),
                        replacement: Some(ro.into()),
                    });
                } else if ch == c {
                    spots.push(Spot {
                        range: i..i + ch.len_utf8(),
                        label: format!("直角引号{c}"),
                        replacement: Some(rc.into()),
                    });
                }
            }
        }
        spots.sort_by_key(|s| s.range.start);
        if let Some(d) = grouped(ctx, site, &MIXED_QUOTES, "中文里用了直引号或直角引号".into(), "改为弯引号“”", &spots)
        {
            out.push(d.hint("中文引号用“”，引号里再引用时用‘’。"));
        }
        // Balance of curly quotes.
        let mut depth: i32 = 0;
        let mut bad = None;
        for (i, ch) in t.char_indices() {
            match ch {
                '“' => depth += 1,
                '”' => {
                    depth -= 1;
                    if depth < 0 && bad.is_none() {
                        bad = Some((i, "多出的右引号”"));
                        depth = 0;
                    }
                }
                _ => {}
            }
        }
        if bad.is_none() && depth > 0 {
            bad = t.rfind('“').map(|i| (i, "这个左引号“没有对应的右引号"));
        }
        if let Some((i, why)) = bad {
            out.push(
                MIXED_QUOTES
                    .diagnostic("引号不成对")
                    .at(site.span(ctx.file, i..i + '“'.len_utf8()), why)
                    .hint("每个“都要有对应的”；检查引号的方向（左“ 右”）。"),
            );
        }
    }
}
