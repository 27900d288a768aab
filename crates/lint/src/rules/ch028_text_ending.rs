use crate::Context;
use crate::declare_rule;
use crate::sites::{Site, SiteKind};
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 条文的结尾标点不对：款以分号、逗号结尾，引出各项的文字不以冒号结尾，最后一项以分号结尾。
    ///
    /// ## 它查什么
    /// - 不带项的款以“；”“，”“、”结尾，或者没有结尾标点；
    /// - 带项的款（引出各项的文字）不以“：”结尾；
    /// - 一组项的最后一项以“；”结尾，或者某一项没有结尾标点（成员名单式的项可以用“，”“、”结尾）。
    ///
    /// `--fix` 把款末和最后一项末尾的“；”改为“。”。
    ///
    /// ## 为什么
    /// 一款是一个完整的意思，以句号结束；分号结尾说明后面还有话没写完，常常是漏了内容。
    /// 各项之间用分号，最后一项用句号；引出各项的文字用冒号。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 主席团成员候选人的资格条件应报学院党委批准；
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 主席团成员候选人的资格条件应报学院党委批准。
    /// ```
    pub static TEXT_ENDING = {
        code: "CH028",
        name: "text-ending",
        severity: Info,
        fixable: true,
        check: check,
    }
}

const CLOSERS: &[char] = &['”', '’', '）', '》', ')', '"', '」', '』'];

/// The last meaningful character, skipping closing quotes and brackets.
fn last_char(t: &str) -> Option<(usize, char)> {
    let trimmed = t.trim_end();
    let mut end = trimmed.len();
    loop {
        let c = trimmed[..end].chars().next_back()?;
        if CLOSERS.contains(&c) {
            // A bracket or quote closing a sentence: look inside.
            let inner = trimmed[..end - c.len_utf8()].chars().next_back();
            if inner.is_some_and(|i| matches!(i, '。' | '；' | '？' | '！' | '：' | '，')) {
                end -= c.len_utf8();
                continue;
            }
            return Some((end - c.len_utf8(), c));
        }
        return Some((end - c.len_utf8(), c));
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let sites = ctx.sites();
    for (i, site) in sites.iter().enumerate() {
        let Some(problem) = problem(site) else { continue };
        // Paragraphs that enumerate the members announced by the paragraph
        // before (组成：委员长，副委员长若干人，……) end in a comma.
        if site.kind == SiteKind::Paragraph
            && matches!(problem.1, '，' | '、')
            && let Some(prev) = i.checked_sub(1).map(|p| &sites[p])
            && prev.kind == SiteKind::Paragraph
            && prev.article.map(|a| &a.id) == site.article.map(|a| &a.id)
            && prev.plain.text.trim_end().ends_with(['：', '，', '、'])
        {
            continue;
        }
        let (at, c, message, hint, fix) = problem;
        let span = site.span(ctx.file, at..at + c.len_utf8());
        let place = site.article.map(|a| ctx.article_label(a)).unwrap_or_default();
        let mut d = TEXT_ENDING.diagnostic(format!("{place}{message}")).at(span, format!("“{c}”"));
        if let Some(r) = fix
            && let Some(edit) = site.edit(ctx.file, at..at + c.len_utf8(), r)
        {
            d = d.with_fix(format!("把“{c}”改为“{r}”"), vec![edit]);
        }
        out.push(d.hint(hint));
    }
}

type Problem = (usize, char, &'static str, &'static str, Option<&'static str>);

fn problem(site: &Site) -> Option<Problem> {
    let t = &site.plain.text;
    let (at, c) = last_char(t)?;
    let sentence_end = matches!(c, '。' | '？' | '！' | '…');
    match site.kind {
        SiteKind::Paragraph | SiteKind::Preamble if site.items > 0 => (c != '：' && c != ':').then_some((
            at,
            c,
            "引出各项的文字不以冒号结尾",
            "引出各项的文字以“：”结尾；如果这一款本身已经说完，各项应当另起一款或一条。",
            None,
        )),
        SiteKind::Paragraph | SiteKind::Preamble => match c {
            '；' | ';' => {
                Some((at, c, "的款以分号结尾", "一款以句号结尾；分号结尾常常说明后面的话漏掉了，请核对。", Some("。")))
            }
            '，' | ',' | '、' => {
                Some((at, c, "的款以逗号结尾", "一款以句号结尾；这里像是句子没有写完，请核对。", None))
            }
            _ if !sentence_end && !matches!(c, '：' | '.') => {
                Some((at, c, "的款没有结尾标点", "一款以句号结尾。", None))
            }
            _ => None,
        },
        SiteKind::Item | SiteKind::SubItem => {
            let (i, n) = site.list?;
            let last = i + 1 == n;
            if site.items > 0 {
                return None; // an item that introduces sub-items
            }
            match c {
                '；' | ';' if last => {
                    Some((at, c, "最后一项以分号结尾", "各项之间用分号，最后一项以句号结尾。", Some("。")))
                }
                _ if !sentence_end && !matches!(c, '；' | ';' | '：' | '，' | '、') => {
                    Some((at, c, "的一项没有结尾标点", "各项以分号结尾，最后一项以句号结尾。", None))
                }
                _ => None,
            }
        }
        _ => None,
    }
}
