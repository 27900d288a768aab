use crate::Context;
use crate::cjk::is_chinese;
use crate::declare_rule;
use crate::sites::{Spot, grouped};
use charter_core::diagnostic::Diagnostic;
use charter_core::punct::has_byte;

declare_rule! {
    /// 中文句子中夹着英文单词（“交流 and 联系”）。
    ///
    /// ## 它查什么
    /// 前后都是中文的小写英文单词，例如“加强与兄弟院校的交流 and 联系”。
    /// 大写缩写（PDF、QQ、CET）和大小写混合的专名（WeChat）不报告。
    /// `--fix` 把 and、or 改为“和”“或”，连同两边的空格。
    ///
    /// ## 为什么
    /// 章程是正式的中文文件，夹杂英文虚词多半是输入法没切换回来，读起来像草稿。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 加强与兄弟院校的交流 and 联系。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 加强与兄弟院校的交流和联系。
    /// ```
    pub static LATIN_WORD = {
        code: "CH022",
        name: "latin-word",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

fn translate(w: &str) -> Option<&'static str> {
    Some(match w {
        "and" => "和",
        "or" => "或",
        _ => return None,
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        let t = &site.plain.text;
        if !has_byte(t, |b| b.is_ascii_lowercase()) {
            continue;
        }
        let mut spots = Vec::new();
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = &t[s..i];
            if word.len() < 2 || !word.bytes().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            let mut ws = s;
            while ws > 0 && b[ws - 1] == b' ' {
                ws -= 1;
            }
            let mut we = i;
            while we < b.len() && b[we] == b' ' {
                we += 1;
            }
            let before = t[..ws].chars().next_back();
            let after = t[we..].chars().next();
            if !(before.is_some_and(is_chinese) && after.is_some_and(is_chinese)) {
                continue;
            }
            let replacement = translate(word).map(str::to_string);
            let (range, label) = match &replacement {
                Some(r) => (ws..we, format!("英文“{word}”，应为“{r}”")),
                None => (s..i, format!("英文“{word}”")),
            };
            spots.push(Spot { range, label, replacement });
        }
        if spots.is_empty() {
            continue;
        }
        let msg = format!(
            "中文句子里夹着英文单词{}",
            if spots.len() > 1 { format!("（{} 处）", spots.len()) } else { String::new() }
        );
        if let Some(d) = grouped(ctx, site, &LATIN_WORD, msg, "把英文连词改为中文", &spots) {
            out.push(d.hint("正文用中文词语；确需保留外文（例如专有名词）时，可用 allow: [CH022]。"));
        }
    }
}
