use crate::Context;
use crate::cjk::{CharSig, WordSet, is_han, numeral_at};
use crate::declare_rule;
use crate::sites::{Site, SiteKind};
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 说了“设有N个”“由N人组成”“下列N项”，列出来的却不是N个。
    ///
    /// ## 它查什么
    /// - “设有4个部门，分别为A、B、C、D”：数一数“分别为”“即”“包括”或冒号后面列出的名称；
    /// - “由A、B、C三人组成”“由主席1人、副主席2人，共5人组成”：数名称或把人数加起来；
    /// - “有下列三种情形之一”“包括以下四项：”后面跟着的项（（一）（二）……）的个数。
    ///
    /// 列举以“等”结尾时不报告（没有列全）。
    ///
    /// ## 为什么
    /// 数目和列举不一致，读者不知道哪个是对的：是漏列了一个部门，还是数字写错了？
    /// 这种矛盾在换届、改组时尤其容易引起争议。
    ///
    /// ## 例子
    /// ```yaml
    /// text: 院学生会设有5个部门，分别为综合事务部、学习纪律部、权益生活部、文艺体育部。
    /// ```
    ///
    /// ## 应当写成
    /// ```yaml
    /// text: 院学生会设有4个部门，分别为综合事务部、学习纪律部、权益生活部、文艺体育部。
    /// ```
    pub static COUNT_MISMATCH = {
        code: "CH014",
        name: "count-mismatch",
        severity: Error,
        check: check,
    }
}

// With the Traditional forms (個 項 條 類) for charters in Traditional script.
const COUNTERS: &str = "个名人项种类条款方部位個項條類";

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for site in ctx.sites() {
        if !site.kind.is_body() {
            continue;
        }
        let t = &site.plain.text;
        // Most texts hold no marker word and no 组成: their signature says
        // so without a search of each sentence.
        let (lists, composes) = (MARKERS.may_occur(site.sig()), site.sig().may_hold(&ZUCHENG));
        if !(lists || composes) {
            continue;
        }
        for r in site.sentences() {
            let s = &t[r.clone()];
            if lists {
                listed(ctx, site, r.start, s, out);
            }
            if composes {
                composed(ctx, site, r.start, s, out);
            }
        }
        if site.items > 0 && matches!(site.kind, SiteKind::Paragraph | SiteKind::Item | SiteKind::Preamble) {
            items_claim(ctx, site, out);
        }
    }
}

/// A numeral followed by a counter at `at`: (value, end of the counter).
fn count_at(s: &str, at: usize) -> Option<(u32, usize)> {
    let (n, e) = numeral_at(s, at)?;
    let c = s[e..].chars().next()?;
    COUNTERS.contains(c).then_some((n, e + c.len_utf8()))
}

/// Split an enumeration into its members: A、B、C和D.
fn members(list: &str) -> Option<Vec<&str>> {
    let list = list.trim_end_matches(['。', '；', '，', ' ']);
    if list.ends_with('等') || list.contains("等等") || list.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for part in list.split(['、', '，']) {
        let mut rest = part;
        for sep in ["以及", "和", "与", "及", "或"] {
            if let Some((a, b)) = rest.split_once(sep)
                && a.chars().count() >= 2
                && b.chars().count() >= 2
            {
                out.push(a);
                rest = b;
            }
        }
        if !rest.trim().is_empty() {
            out.push(rest.trim());
        }
    }
    Some(out)
}

/// 设有N个X，分别为A、B、C / 包括N个X：A、B.
/// The words that open a list of what a count counts.
static MARKERS: WordSet = WordSet::new(|| vec!["分别为", "分别是", "，即", "包括", "："]);

const ZUCHENG: CharSig = CharSig::of_chars(&['组', '成']);

fn listed(ctx: &Context, site: &Site, base: usize, s: &str, out: &mut Vec<Diagnostic>) {
    for (k, m) in MARKERS.first_of_each(s) {
        let marker = MARKERS.word(k);
        // The claim: the last numeral+counter before the marker.
        let head = &s[..m];
        let claim =
            head.char_indices().filter_map(|(i, _)| count_at(head, i).map(|(n, e)| (i, n, e))).rfind(|(i, _, e)| {
                // Must be a count of the listed things, not "1人" of something
                // else: only a classifier-like phrase up to the marker.
                let between = head[*e..].trim_end_matches(['，', '：', ' ']);
                between.chars().count() <= 8 && !between.contains(['，', '。']) && *i > 0 && !head[..*i].ends_with('第')
            });
        let Some((ci, n, ce)) = claim else { continue };
        let list = &s[m + marker.len()..];
        if list.starts_with('：') {
            continue;
        }
        let Some(items) = members(list) else { continue };
        if items.len() < 2 || items.iter().any(|x| x.chars().count() > 20 || !x.chars().any(is_han)) {
            continue;
        }
        if items.len() as u32 != n {
            let claim_text = &s[ci..ce];
            let list_end = base + m + marker.len() + list.trim_end_matches(['。', '；', '，']).len();
            out.push(
                COUNT_MISMATCH
                    .diagnostic(format!("说“{claim_text}”，却列出了 {} 个", items.len()))
                    .at(site.span(ctx.file, base + ci..base + ce), format!("说是 {n} 个"))
                    .also(
                        site.span(ctx.file, base + m + marker.len()..list_end),
                        format!("列出 {} 个：{}", items.len(), items.join("、")),
                    )
                    .hint("核对数目和列举：是漏列了，还是数字写错了？"),
            );
        }
        return;
    }
}

/// 由A、B、C三人组成 / 由主席1人、副主席2人，共5人组成.
fn composed(ctx: &Context, site: &Site, base: usize, s: &str, out: &mut Vec<Diagnostic>) {
    let Some(end) = s.find("组成") else { return };
    let Some(start) = s[..end].rfind('由') else { return };
    let inner = &s[start + '由'.len_utf8()..end];
    // All numeral+人/名 in the phrase.
    let counts: Vec<(usize, u32, usize)> = inner
        .char_indices()
        .filter_map(|(i, _)| {
            let (n, e) = count_at(inner, i)?;
            let unit = inner[..e].chars().next_back()?;
            (matches!(unit, '人' | '名') && (i == 0 || !inner[..i].ends_with(|c: char| crate::cjk::is_numeral_char(c))))
                .then_some((i, n, e))
        })
        .collect();
    // 三至七人, 五到九人: a range of persons can be checked against
    // nothing that is listed.
    if counts.iter().any(|&(i, _, _)| in_range(&inner[..i])) {
        return;
    }
    let at = |i: usize, e: usize| {
        site.span(ctx.file, base + start + '由'.len_utf8() + i..base + start + '由'.len_utf8() + e)
    };
    // 共N人 as the total of the others.
    if let Some(&(ti, total, te)) = counts.iter().find(|(i, _, _)| inner[..*i].ends_with(['共', '计'])) {
        let parts: Vec<&(usize, u32, usize)> = counts.iter().filter(|(i, _, _)| *i != ti).collect();
        let sum: u32 = parts.iter().map(|(_, n, _)| n).sum();
        if parts.len() >= 2 && sum != total {
            out.push(
                COUNT_MISMATCH
                    .diagnostic(format!("各部分人数相加是 {sum} 人，合计却写“{}”", &inner[ti..te]))
                    .at(at(ti, te), format!("合计 {total} 人"))
                    .also(at(parts[0].0, parts[parts.len() - 1].2), format!("相加是 {sum} 人"))
                    .hint("核对各部分的人数和合计。"),
            );
        }
        return;
    }
    // 由A、B、C三人组成: names then the count at the end.
    if let [(i, n, e)] = counts.as_slice()
        && *e == inner.len()
        && *i > 0
        && let Some(items) = members(&inner[..*i])
        && items.len() >= 2
        && items.iter().all(|x| x.chars().count() <= 12)
        && !items.iter().any(|x| is_plural_role(x))
        && items.len() as u32 != *n
    {
        out.push(
            COUNT_MISMATCH
                .diagnostic(format!("说由{}组成，却列出了 {} 个人", &inner[*i..*e], items.len()))
                .at(at(*i, *e), format!("说是 {n} 人"))
                .also(at(0, *i), format!("列出 {} 个", items.len()))
                .hint("核对人数和列举。"),
        );
    }
}

/// Does the text before a numeral end a range's first bound: 三至, 3～, 五到?
fn in_range(before: &str) -> bool {
    let before = before.trim_end_matches(['人', '名']);
    let Some(sep) = before.chars().next_back() else { return false };
    if !matches!(sep, '至' | '到' | '～' | '~' | '-' | '—' | '－') {
        return false;
    }
    let rest = &before[..before.len() - sep.len_utf8()];
    rest.chars().next_back().is_some_and(crate::cjk::is_numeral_char)
}

/// A listed role that stands for several people (委员, 成员, 代表…): the
/// members of the list are roles, not persons, and cannot be counted
/// against a number of persons.
fn is_plural_role(member: &str) -> bool {
    let m = member.trim();
    ["委员", "成员", "代表", "干事", "会员", "人员", "理事", "监事", "董事", "若干"].iter().any(|w| m.ends_with(w))
        || m.contains("若干")
}

/// 有下列三种情形之一的：（一）……
fn items_claim(ctx: &Context, site: &Site, out: &mut Vec<Diagnostic>) {
    let t = &site.plain.text;
    for marker in ["下列", "以下", "如下"] {
        let Some(m) = t.rfind(marker) else { continue };
        let after = m + marker.len();
        let Some((n, e)) = count_at(t, after) else { continue };
        if n != site.items {
            out.push(
                COUNT_MISMATCH
                    .diagnostic(format!("说“{}{}”，下面却列了 {} 项", marker, &t[after..e], site.items))
                    .at(site.span(ctx.file, after..e), format!("说是 {n} 项"))
                    .hint("核对数目和下面列出的项。"),
            );
        }
        return;
    }
}
