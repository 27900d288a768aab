use crate::Context;
use crate::cjk::is_numeral_char;
use crate::declare_rule;
use crate::sites::SiteKind;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 项、目或条文开头手写了序号（（一）、1.、第五条）。
    ///
    /// ## 它查什么
    /// 项的文字以“（一）”“(一)”“一、”“1.”“（1）”开头，目的文字以“1.”“（1）”开头，
    /// 款的文字以“第五条”开头——这些序号工具会自动加上，印出来就成了两个序号。
    /// 正文中间的“（一）”不受影响。
    ///
    /// `--fix` 删去与自动序号一致的手写序号；不一致时（说明原稿漏了一项或顺序有误）只报告，请核对。
    ///
    /// ## 为什么
    /// 序号由工具按位置计算；手写的序号会与自动序号重复，增删一项后还会对不上。
    ///
    /// ## 例子
    /// ```yaml
    /// items:
    ///   - （一）服务同学；
    ///   - （二）代表同学。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// items:
    ///   - 服务同学；
    ///   - 代表同学。
    /// ```
    pub static MANUAL_NUMBERING = {
        code: "CH026",
        name: "manual-numbering",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

/// A label at the start of `t`: (number, byte length including spaces).
fn label(t: &str) -> Option<(u32, usize, &'static str)> {
    let spaces = |rest: &str| rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
    for (open, close, what) in
        [("（", "）", "（一）"), ("(", ")", "（一）"), ("（", ")", "（一）"), ("(", "）", "（一）")]
    {
        if let Some(rest) = t.strip_prefix(open) {
            let n: usize = rest.chars().take_while(|c| is_numeral_char(*c)).map(char::len_utf8).sum();
            if n > 0 && rest[n..].starts_with(close) {
                let value = charter_core::numerals::parse(&rest[..n])?;
                let end = open.len() + n + close.len();
                return Some((value, end + spaces(&t[end..]), what));
            }
        }
    }
    let n: usize = t.chars().take_while(|c| is_numeral_char(*c)).map(char::len_utf8).sum();
    if n > 0 {
        let rest = &t[n..];
        for sep in ["、", ".", "．"] {
            if let Some(after) = rest.strip_prefix(sep)
                && !after.starts_with(|c: char| c.is_ascii_digit())
            {
                let value = charter_core::numerals::parse(&t[..n])?;
                let end = n + sep.len();
                return Some((value, end + spaces(&t[end..]), "一、"));
            }
        }
    }
    None
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        let t = &site.plain.text;
        let (found, expected, what) = match site.kind {
            SiteKind::Item | SiteKind::SubItem => {
                let Some((n, len, _)) = label(t) else { continue };
                let pos = site.list.map_or(0, |(i, _)| i.saturating_add(1));
                ((n, len), pos, if site.kind == SiteKind::Item { "项" } else { "目" })
            }
            SiteKind::Paragraph => {
                let Some(rest) = t.strip_prefix('第') else { continue };
                let n: usize = rest.chars().take_while(|c| is_numeral_char(*c)).map(char::len_utf8).sum();
                // 第四条 or 第四條 (Traditional script): the same length.
                if n == 0 || !rest[n..].starts_with(['条', '條']) {
                    continue;
                }
                let Some(v) = charter_core::numerals::parse(&rest[..n]) else { continue };
                let end = '第'.len_utf8() + n + '条'.len_utf8();
                let len = end + (t[end..].len() - t[end..].trim_start_matches([' ', '\u{3000}']).len());
                let no = site.article.and_then(|a| ctx.numbering.article(&a.id)).map_or(0, |n| n.base);
                ((v, len), no, "条")
            }
            _ => continue,
        };
        let (n, len) = found;
        let written = t[..len].trim_end();
        let span = site.span(ctx.file, 0..len);
        let mut d =
            MANUAL_NUMBERING.diagnostic(format!("手写了{what}的序号“{written}”")).at(span, "序号由工具自动加上");
        if n == expected {
            if let Some(edit) = site.edit(ctx.file, 0..len, "") {
                d = d.with_fix(format!("删去手写的“{written}”"), vec![edit]);
            }
            d = d.hint("删去手写的序号，印出来时自动编号。");
        } else {
            d = d.hint(format!(
                "手写的序号是 {n}，按位置这是第 {expected} {what}：原稿可能漏了一{what}或次序有误，请核对后删去手写的序号。"
            ));
        }
        out.push(d);
    }
}
