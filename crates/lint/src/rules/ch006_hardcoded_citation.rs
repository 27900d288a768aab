use std::ops::Range;

use crate::Context;
use crate::cjk::{CharSig, is_han, numeral_at, prev_char};
use crate::declare_rule;
use crate::sites::{Site, SiteKind};
use charter_core::diagnostic::Diagnostic;
use charter_core::model::{Article, Division, Level, Node};
use charter_core::number::{ArticleNo, Target};
use charter_core::script::simplify;
use charter_core::walk::{self, Flow, Visitor};

declare_rule! {
    /// 正文里手写的条、章、节、款、项序号（第X条、第X章、第X款……）。
    ///
    /// ## 它查什么
    /// 正文中直接写出的“第十条”“第三章”“第二款”“第三项”等本章程内部的序号。
    /// 引用其他文件的条文（“《宪法》第五条”“刑法第二十条”）不报告。
    ///
    /// ## 为什么
    /// 序号由工具计算：增删一条，后面的条都会改号，手写的“第十条”就悄悄指错了条文。
    /// 用 `[[id]]` 引用，印出来仍是“第十条”，改号后自动更新。
    /// `--fix` 会把它换成目前处在这个序号上的条（或章、节、款、项）的引用；
    /// 款、项没有 id 时无法自动修复，请先给它加上 id。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 依照第十九条的规定选举产生。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 依照[[presidium-election]]的规定选举产生。
    /// ```
    pub static HARDCODED_CITATION = {
        code: "CH006",
        name: "hardcoded-citation",
        severity: Warning,
        fixable: true,
        check: check,
    }
}

/// One 第N<unit> in a chain like 第十条第二款第三项.
#[derive(Clone, Debug)]
struct Part {
    n: u32,
    /// 之一 of 第五条之一.
    sub: u32,
    unit: char,
    range: Range<usize>,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        if !(site.kind.is_body() || site.kind == SiteKind::Heading) {
            continue;
        }
        // Every citation starts with 第 (the same in both scripts).
        const DI: CharSig = CharSig::of_chars(&['第']);
        if !site.sig().may_hold(&DI) || !site.plain.text.contains('第') {
            continue;
        }
        // Recognised on the text in Simplified structural characters (第十條
        // reads as 第十条, 本會章 as 本会章): the same byte offsets.
        let t = &*simplify(site.plain.text);
        let mut from = 0;
        while let Some(i) = t[from..].find('第') {
            let at = from + i;
            from = at + '第'.len_utf8();
            let Some(chain) = parse_chain(t, at) else { continue };
            // 第二款, 第三项 alone are citations only after 本条/前条/本款
            // (本条第二款); elsewhere they are ordinals (第二项工作).
            if matches!(chain[0].unit, '款' | '项' | '目') && !t_before_is_own_str(&t[..at]) {
                from = chain[chain.len() - 1].range.end;
                continue;
            }
            // 前条第二款 counts from the article before, like 前款: a relative
            // citation of the drafting convention, not a number that
            // renumbering breaks (and no [[id]] prints as 前条).
            if matches!(chain[0].unit, '款' | '项' | '目') && t[..at].ends_with("前条") {
                from = chain[chain.len() - 1].range.end;
                continue;
            }
            let whole = chain[0].range.start..chain[chain.len() - 1].range.end;
            from = whole.end;
            if !site.is_literal(whole.clone()) || external(t, at) {
                continue;
            }
            // 第四条　本会…: a pasted article number, not a citation (CH026).
            if at == 0 && t[whole.end..].starts_with([' ', '\u{3000}']) {
                continue;
            }
            // 第十条至第十五条
            let mut range_end = None;
            if chain.len() == 1
                && chain[0].unit == '条'
                && t[whole.end..].starts_with('至')
                && let Some(second) = parse_chain(t, whole.end + '至'.len_utf8())
                && second.len() == 1
                && second[0].unit == '条'
            {
                range_end = Some(second[0].clone());
            }
            report(ctx, site, &chain, range_end.clone(), out);
            if let Some(e) = range_end {
                from = e.range.end;
            }
        }
    }
}

/// Parse 第N条(之M)(第N款)(第N项)(第N目) or 第N章(第N节) at `at`.
fn parse_chain(t: &str, at: usize) -> Option<Vec<Part>> {
    let mut parts: Vec<Part> = Vec::new();
    let mut pos = at;
    while t[pos..].starts_with('第') {
        let (n, end) = numeral_at(t, pos + '第'.len_utf8())?;
        let unit = t[end..].chars().next()?;
        if !"编章节条款项目".contains(unit) {
            break;
        }
        let mut e = end + unit.len_utf8();
        let mut sub = 0;
        if unit == '条'
            && t[e..].starts_with('之')
            && let Some((m, e2)) = numeral_at(t, e + '之'.len_utf8())
        {
            sub = m;
            e = e2;
        }
        // Not a citation: 第一节课, 第二章节.
        if unit == '节' && t[e..].starts_with(['课', '日']) {
            break;
        }
        if let Some(last) = parts.last()
            && rank(unit) <= rank(last.unit)
        {
            break;
        }
        parts.push(Part { n, sub, unit, range: pos..e });
        pos = e;
    }
    if parts.is_empty() { None } else { Some(parts) }
}

fn rank(u: char) -> u8 {
    match u {
        '编' => 0,
        '章' => 1,
        '节' => 2,
        '条' => 3,
        '款' => 4,
        '项' => 5,
        _ => 6,
    }
}

/// Is the citation at `at` one of another document: 《宪法》第五条,
/// 刑法第二十条, 学联章程第三条 (but not 本法第三条, 本章程第三条)?
fn external(t: &str, at: usize) -> bool {
    let before = &t[..at];
    let before = before.trim_end_matches(' ');
    if before.ends_with(['》', '〉', '>']) {
        return true;
    }
    let run: String = {
        let mut s = before.len();
        while let Some(c) = prev_char(before, s) {
            if !is_han(c) {
                break;
            }
            s -= c.len_utf8();
        }
        before[s..].to_string()
    };
    const DOCS: [&str; 17] = [
        "法", "法典", "条例", "规定", "办法", "章程", "细则", "决定", "公约", "宪法", "规则", "纲要", "意见", "通知",
        "方案", "条约", "协定",
    ];
    for d in DOCS {
        if run.ends_with(d) {
            let own = ["本法", "本条例", "本规定", "本办法", "本章程", "本细则", "本决定", "本规则"];
            return !own.iter().any(|o| run.ends_with(o));
        }
    }
    false
}

fn report(ctx: &Context, site: &Site, chain: &[Part], range_end: Option<Part>, out: &mut Vec<Diagnostic>) {
    let t = &site.plain.text;
    let norm = simplify(t);
    let whole = chain[0].range.start..range_end.as_ref().map_or(chain[chain.len() - 1].range.end, |e| e.range.end);
    let written = &t[whole.clone()];
    let span = site.span(ctx.file, whole.clone());
    let target = resolve(ctx, site, chain);
    let mut d =
        HARDCODED_CITATION.diagnostic(format!("手写的序号“{written}”：增删条文后会指错")).at(span, "写死的序号");
    match target {
        Ok(id) => {
            let from = site.article.map(|a| a.id.as_str());
            let (replacement, printed) = match range_end.as_ref() {
                Some(e) => match article_at(ctx, e.n, e.sub) {
                    Some(b) => (format!("[[{id}..{}]]", b.id), ctx.numbering.cite_range(&id, &b.id, from)),
                    None => {
                        out.push(d.hint(format!("{}不存在；请改为 [[id]] 引用。", t[e.range.clone()].to_owned())));
                        return;
                    }
                },
                // The article itself: 本条 is what the drafting convention wants.
                None if site.article.is_some_and(|a| a.id == id) => {
                    let own = ctx.numbering.script.words("本条").into_owned();
                    (own.clone(), Some(own))
                }
                None => (format!("[[{id}]]"), ctx.numbering.cite_one(&id, from)),
            };
            d = d.hint(format!("用 [[id]] 引用，序号由工具计算：这里应写 {replacement}。"));
            // The fix must print what is written now (本条第二款 stays 本条第二款):
            // take a leading 本条/本章/本节 into the replaced text when the
            // citation prints it, and offer no fix when the wording changes.
            let mut range = whole.clone();
            if let Some(p) = printed.as_deref() {
                for own in ["本条", "本章", "本节", "本编"] {
                    if simplify(p).starts_with(own) && norm[..range.start].ends_with(own) {
                        range.start -= own.len();
                    }
                }
            }
            let same = printed.as_deref() == Some(&t[range.clone()]) || simplify(&replacement) == "本条";
            let replaced = t[range.clone()].to_string();
            if same && let Some(edit) = site.edit(ctx.file, range, &replacement) {
                d = d.with_fix(format!("把“{replaced}”改为 {replacement}"), vec![edit]);
            }
        }
        Err(why) => d = d.hint(why),
    }
    out.push(d);
}

/// The id the citation currently points at, or why there is none.
fn resolve(ctx: &Context, site: &Site, chain: &[Part]) -> Result<String, String> {
    let first = &chain[0];
    match first.unit {
        '条' => {
            let a = article_at(ctx, first.n, first.sub)
                .ok_or_else(|| format!("本章程没有{}；请改为 [[id]] 引用。", label(first)))?;
            part_of(a, &chain[1..])
        }
        '款' | '项' | '目' => {
            let a = site.article.ok_or("用 [[id]] 引用。")?;
            part_of(a, chain)
        }
        '章' | '编' => {
            let level = if first.unit == '章' { Level::Chapter } else { Level::Part };
            let ids: Vec<&String> = ctx
                .numbering
                .targets
                .iter()
                .filter(|(_, t)| matches!(t, Target::Division { level: l, number: Some(n), .. } if *l == level && *n == first.n))
                .map(|(id, _)| id)
                .collect();
            let id = match ids.as_slice() {
                [one] => (*one).clone(),
                [] => return Err(format!("本章程没有{}；请改为 [[id]] 引用。", label(first))),
                _ => return Err("有几个同号的章，请用 [[id]] 指明。".into()),
            };
            match chain.get(1) {
                Some(sec) if sec.unit == '节' => section_in(ctx, &id, sec.n),
                Some(_) => Err("用 [[id]] 引用。".into()),
                None => Ok(id),
            }
        }
        '节' => {
            let chapter = site.division.and_then(|d| chapter_of(ctx, &d.id)).ok_or("用 [[id]] 引用这一节。")?;
            section_in(ctx, &chapter, first.n)
        }
        _ => Err("用 [[id]] 引用。".into()),
    }
}

fn t_before_is_own_str(t: &str) -> bool {
    t.ends_with("本条") || t.ends_with("前条") || t.ends_with("本款")
}

fn label(p: &Part) -> String {
    if p.sub > 0 {
        ArticleNo { base: p.n, sub: p.sub }.label()
    } else {
        format!("第{}{}", charter_core::numerals::to_chinese(p.n), p.unit)
    }
}

fn article_at<'a>(ctx: &Context<'a>, n: u32, sub: u32) -> Option<&'a Article> {
    let (id, _) = ctx.numbering.articles.iter().find(|(_, no)| no.base == n && no.sub == sub)?;
    ctx.charter.articles().into_iter().find(|a| &a.id == id)
}

/// The id of 第K款(第L项(第M目)) of an article.
fn part_of(a: &Article, rest: &[Part]) -> Result<String, String> {
    let need_id = |what: &str| format!("这一{what}没有 id，无法自动改为引用；请给它加上 id，再写 [[id]]。");
    let mut paragraph = None;
    let mut item = None;
    let mut sub = None;
    for p in rest {
        match p.unit {
            '款' => paragraph = Some(p.n as usize),
            '项' => item = Some(p.n as usize),
            '目' => sub = Some(p.n as usize),
            _ => return Err("用 [[id]] 引用。".into()),
        }
    }
    if paragraph.is_none() && item.is_none() {
        return Ok(a.id.clone());
    }
    let pi = match paragraph {
        Some(k) => k,
        None if a.paragraphs.len() == 1 => 1,
        None => return Err("这一条有几款，请写明第几款，或用 [[id]] 引用。".into()),
    };
    let p = a.paragraphs.get(pi.wrapping_sub(1)).ok_or("这一条没有这一款。")?;
    let Some(ii) = item else { return p.id.clone().ok_or_else(|| need_id("款")) };
    let it = p.items.get(ii.wrapping_sub(1)).ok_or("这一款没有这一项。")?;
    let Some(si) = sub else { return it.id.clone().ok_or_else(|| need_id("项")) };
    let s = it.items.get(si.wrapping_sub(1)).ok_or("这一项没有这一目。")?;
    s.id.clone().ok_or_else(|| need_id("目"))
}

/// The id of the chapter that is or holds the (first) division `division`.
fn chapter_of(ctx: &Context, division: &str) -> Option<String> {
    struct Find<'i, 'a> {
        id: &'i str,
        chapter: Option<Option<&'a str>>,
    }
    impl<'a> Visitor<'a> for Find<'_, 'a> {
        fn division(&mut self, d: &'a Division, parents: &[&'a Division]) -> Flow {
            if self.chapter.is_none() && d.id == self.id {
                let mut around = std::iter::once(d).chain(parents.iter().rev().copied());
                self.chapter = Some(around.find(|x| x.level == Level::Chapter).map(|x| x.id.as_str()));
            }
            Flow::Descend
        }
    }
    let mut v = Find { id: division, chapter: None };
    walk::walk_nodes(&ctx.charter.body, &mut v);
    v.chapter.flatten().map(str::to_string)
}

fn section_in(ctx: &Context, chapter: &str, n: u32) -> Result<String, String> {
    let ch = ctx.charter.divisions().into_iter().find(|d| d.id == chapter).ok_or("用 [[id]] 引用。")?;
    let mut k = 0;
    for node in &ch.body {
        if let Node::Division(s) = node
            && s.level == Level::Section
            && !s.unnumbered
        {
            k += 1;
            if k == n {
                return Ok(s.id.clone());
            }
        }
    }
    Err("这一章没有这一节；请改为 [[id]] 引用。".into())
}
