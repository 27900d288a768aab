//! The checks: the hand-filled self-assessment against the computed one,
//! counts between the parts, and the disclosure against its charter (each
//! finding with positions in both files).

use charter_core::diagnostic::Diagnostic;
use charter_core::model::{Article, Charter};
use charter_core::number::Numbering;
use charter_core::numerals::to_chinese;
use charter_core::source::{SourceFile, Span};
use charter_core::text::Text;

use crate::assess::{self, Computed, Level, MARGIN_PERCENT, RANK_PERCENT, Rule};
use crate::codes;
use crate::model::{Disclosure, Elector, Item, YesNo};

/// The charter a disclosure is checked against.
#[derive(Clone, Copy, Debug)]
pub struct CharterRef<'a> {
    pub charter: &'a Charter,
    pub numbering: &'a Numbering,
    /// The charter's source, to locate words inside its texts.
    pub file: &'a SourceFile,
}

impl CharterRef<'_> {
    fn label(&self, a: &Article) -> String {
        self.numbering.article(&a.id).map_or_else(|| a.id.clone(), |n| n.label())
    }

    fn article(&self, id: &str) -> Option<&Article> {
        self.charter.articles().into_iter().find(|a| a.id == id)
    }

    /// The span of `needle` inside a text, or the whole text.
    fn locate(&self, t: &Text, needle: &str) -> Span {
        match t.raw.find(needle) {
            Some(i) => t.locate(self.file, i..i + needle.len()),
            None => t.span,
        }
    }
}

/// Every diagnostic about a loaded disclosure.
pub fn check(d: &Disclosure, charter: Option<CharterRef<'_>>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    self_assessment(d, &mut out);
    faculty_counts(d, &mut out);
    election(d, &mut out);
    if let Some(c) = charter {
        against_charter(d, c, &mut out);
    }
    out
}

fn item_name(level: Level, no: usize) -> String {
    match level {
        Level::School => format!("校级自评第 {no} 项"),
        Level::Faculty => format!("二级自评第 {no} 项"),
    }
}

fn self_assessment(d: &Disclosure, out: &mut Vec<Diagnostic>) {
    for (i, item) in d.assessment.school.items.iter().enumerate() {
        let no = i + 1;
        let o = assess::compute(d, item, Level::School, false);
        if let Some((hand, hsp)) = item.answer {
            match o.computed.agrees(hand) {
                Some(false) => {
                    let mut diag = Diagnostic::new(
                        codes::D010,
                        format!(
                            "{}手填为“{}”，按数据应为“{}”",
                            item_name(Level::School, no),
                            hand.zh(),
                            o.computed.zh()
                        ),
                    )
                    .at(hsp, format!("按数据应为“{}”", o.computed.zh()));
                    for e in &o.evidence {
                        match e.span {
                            Some(sp) => diag = diag.also(sp, e.text.clone()),
                            None => diag = diag.hint(format!("依据：{}", e.text)),
                        }
                    }
                    out.push(diag.hint("改正数据或改正自评结论；公开的自评结论要与所附材料一致。"));
                }
                Some(true) if o.computed == Computed::No => {
                    let mut diag = Diagnostic::new(
                        codes::D013,
                        format!("{}未达到改革要求（自评也填了“否”）", item_name(Level::School, no)),
                    )
                    .at(hsp, "否");
                    for e in o.evidence.iter().skip(1) {
                        match e.span {
                            Some(sp) => diag = diag.also(sp, e.text.clone()),
                            None => diag = diag.hint(e.text.clone()),
                        }
                    }
                    out.push(diag.hint(format!("要求：{}", item.text.text)));
                }
                _ => {}
            }
        }
        note_count(item, &o, no, out);
    }
}

/// “实有 8 人” in a note against what the rule counted.
fn note_count(item: &Item, o: &assess::Outcome, no: usize, out: &mut Vec<Diagnostic>) {
    let (Some(note), Some(counted)) = (&item.note, o.counted) else { return };
    let Some((n, range)) = number_in(&note.text) else { return };
    if n == counted {
        return;
    }
    // The note's span covers the scalar; point at the number when the note
    // is written plain on one line.
    let sp = Span::new(note.span.file, note.span.start + range.start, note.span.start + range.end);
    let sp = if note.span.end - note.span.start >= range.end { sp } else { note.span };
    let (from, from_span) = o.counted_from.clone().unwrap_or_default();
    let mut diag = Diagnostic::new(codes::D011, format!("校级自评第 {no} 项的备注“{}”与数据不符：{from}", note.text))
        .at(sp, format!("备注写 {n}"));
    if let Some(fs) = from_span {
        diag = diag.also(fs, format!("数据是 {counted}"));
    }
    out.push(diag.hint("备注里的人数、个数应与名单、组织结构和选举办法一致。"));
}

/// The first number in a text followed by 人 or 个, and its byte range.
fn number_in(s: &str) -> Option<(u32, std::ops::Range<usize>)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let rest = s[i..].trim_start();
            if rest.starts_with('人') || rest.starts_with('个') {
                return Some((s[start..i].parse().ok()?, start..i));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The 二级 summary counts against the 具体情况 table.
fn faculty_counts(d: &Disclosure, out: &mut Vec<Diagnostic>) {
    let table = &d.assessment.faculty_table;
    if table.is_empty() {
        return;
    }
    for (i, item) in d.assessment.faculty.items.iter().enumerate() {
        let Some(count) = item.count else { continue };
        let yes = table.iter().filter(|r| r.answers.get(i).is_some_and(|a| a.0 == YesNo::Yes)).count();
        let yes = u32::try_from(yes).unwrap_or(u32::MAX);
        if yes != count.value {
            out.push(
                Diagnostic::new(
                    codes::D012,
                    format!("二级自评第 {} 项写有 {} 个组织符合标准，具体情况表中是 {yes} 个", i + 1, count.value),
                )
                .at(count.span, format!("具体情况表中答“是”的有 {yes} 个"))
                .hint("符合标准的组织数量应等于具体情况表这一列中“是”的个数。"),
            );
        }
    }
}

fn election(d: &Disclosure, out: &mut Vec<Diagnostic>) {
    let e = &d.election;
    if let (Some(seats), Some(cands)) = (e.presidium_seats, e.candidates) {
        if cands.value <= seats.value {
            out.push(
                Diagnostic::new(
                    codes::D026,
                    format!("主席团候选人 {} 人，不多于应选 {} 人，不是差额选举", cands.value, seats.value),
                )
                .at(cands.span, "候选人人数")
                .also(seats.span, "应选人数")
                .hint(format!("改革要求差额选举，差额比例不低于 {MARGIN_PERCENT}%。")),
            );
        } else {
            let margin = (cands.value - seats.value) * 100 / seats.value.max(1);
            let promised = e.margin.map_or(MARGIN_PERCENT, |m| m.value.max(MARGIN_PERCENT));
            if margin < promised {
                out.push(
                    Diagnostic::new(
                        codes::D026,
                        format!(
                            "差额比例只有 {margin}%（{} 名候选人选 {} 人），低于 {promised}%",
                            cands.value, seats.value
                        ),
                    )
                    .at(cands.span, "候选人人数")
                    .also(seats.span, "应选人数")
                    .hint("差额比例 =（候选人数 − 应选人数）÷ 应选人数。"),
                );
            }
        }
    }
    // The presidium count in the self-assessment's notes against the plan.
    if let Some(seats) = e.presidium_seats {
        for (i, item) in d.assessment.school.items.iter().enumerate() {
            if !matches!(item.rule, Some((Rule::PresidiumLimit, _))) {
                continue;
            }
            let Some(note) = &item.note else { continue };
            let with_roles = d.roster.rows.iter().any(|s| s.role.is_some());
            if let Some((n, _)) = number_in(&note.text)
                && n != seats.value
                && with_roles
            {
                out.push(
                    Diagnostic::new(
                        codes::D022,
                        format!("校级自评第 {} 项备注主席团实有 {n} 人，选举办法设 {} 人", i + 1, seats.value),
                    )
                    .at(note.span, format!("{n} 人"))
                    .also(seats.span, format!("{} 人", seats.value)),
                );
            }
        }
    }
}

fn against_charter(d: &Disclosure, c: CharterRef<'_>, out: &mut Vec<Diagnostic>) {
    // Ids the disclosure names must exist.
    for f in [&d.organisation.presidium_article, &d.organisation.departments_article].into_iter().flatten() {
        if c.article(&f.text).is_none() {
            out.push(
                Diagnostic::new(codes::D025, format!("章程中没有 id 为“{}”的条", f.text))
                    .at(f.span, "找不到这一条")
                    .hint("写章程中那一条的 id（charter outline 列出各条；id 见 charter.yaml）。"),
            );
        }
    }
    presidium_article(d, c, out);
    departments_article(d, c, out);
    rank_limits(d, c, out);
    titles(c, out);
}

/// The presidium's size limit and its electing body in the charter.
fn presidium_article(d: &Disclosure, c: CharterRef<'_>, out: &mut Vec<Diagnostic>) {
    let texts = c.charter.texts();
    // Every sentence of the charter that has the presidium elected.
    let electing: Vec<(&Article, &Text)> = texts
        .iter()
        .filter_map(|(a, t)| Some((((*a)?), *t)))
        .filter(|(_, t)| t.raw.contains("主席团") && t.raw.contains("选举产生"))
        .collect();
    if let Some((Elector::Committee, sp)) = d.election.elected_by {
        let by_congress: Vec<&(&Article, &Text)> = electing.iter().filter(|(_, t)| by_congress_text(&t.raw)).collect();
        if !by_congress.is_empty() {
            let mut diag = Diagnostic::new(codes::D020, "选举办法由委员会选举主席团，章程规定由学生代表大会选举")
                .at(sp, "选举办法：委员会选举主席团");
            for (a, t) in &by_congress {
                let at = c.locate(t, "选举产生");
                diag = diag.also(at, format!("章程{}", c.label(a)));
            }
            out.push(diag.hint("改革要求主席团由学生代表大会（非其委员会、常务委员会、常任代表会议等）选举产生；选举办法应与章程一致。"));
        }
    }
    // The presidium limit.
    let article = d.organisation.presidium_article.as_ref().and_then(|f| c.article(&f.text));
    if let Some(a) = article {
        for p in &a.paragraphs {
            if let Some((n, needle)) = limit_in(&p.text.raw) {
                let at = c.locate(&p.text, &needle);
                if n > 5 {
                    out.push(
                        Diagnostic::new(
                            codes::D021,
                            format!("章程{}允许主席团 {n} 人，宽于改革要求的 5 人", c.label(a)),
                        )
                        .at(at, "章程的上限")
                        .hint("改革要求校级主席团成员不超过 5 人（二级不超过 3 人）。"),
                    );
                }
                if let Some(seats) = d.election.presidium_seats
                    && seats.value > n
                {
                    out.push(
                        Diagnostic::new(
                            codes::D022,
                            format!("选举办法设主席团 {} 人，超过章程{}的 {n} 人", seats.value, c.label(a)),
                        )
                        .at(seats.span, "选举办法")
                        .also(at, "章程"),
                    );
                }
            }
        }
    }
}

/// A charter sentence that has the presidium elected by the congress:
/// “由学代会……选举产生”, not “在学生代表大会闭会期间……由常委会选举产生”.
fn by_congress_text(s: &str) -> bool {
    ["由学代会", "由学生代表大会", "由代表大会"].iter().any(|w| s.contains(w)) && !s.contains("闭会期间")
}

/// “不超过5人”, “不超过 3 人”, “不超过五人”.
fn limit_in(s: &str) -> Option<(u32, String)> {
    let i = s.find("不超过")?;
    let rest = &s[i + "不超过".len()..];
    let num: String = rest.chars().take_while(|c| !matches!(c, '人' | '个')).collect();
    let t = num.trim();
    let n = t.parse::<u32>().ok().or_else(|| (1..=99).find(|k| to_chinese(*k) == t))?;
    Some((n, format!("不超过{num}")))
}

/// The departments the disclosure lists against the charter's article.
fn departments_article(d: &Disclosure, c: CharterRef<'_>, out: &mut Vec<Diagnostic>) {
    let Some(f) = &d.organisation.departments_article else { return };
    let Some(a) = c.article(&f.text) else { return };
    let Some(p) = a.paragraphs.first() else { return };
    for dep in &d.organisation.departments {
        if !p.text.raw.contains(&dep.text) {
            out.push(
                Diagnostic::new(codes::D023, format!("工作部门“{}”不在章程{}中", dep.text, c.label(a)))
                    .at(dep.span, "公开的部门名称")
                    .also(p.text.span, format!("章程{}", c.label(a)))
                    .hint("部门名称在公开材料和章程中要完全一致。"),
            );
        }
    }
    // “设有4个部门”
    if let Some(i) = p.text.raw.find("设有") {
        let rest = &p.text.raw[i + "设有".len()..];
        let num: String = rest.chars().take_while(|c| *c != '个').collect();
        let n = num
            .trim()
            .parse::<usize>()
            .ok()
            .or_else(|| (1..=20).find(|k| to_chinese(*k as u32) == num.trim()).map(|k| k as usize));
        if let Some(n) = n
            && n != d.organisation.departments.len()
            && !d.organisation.departments.is_empty()
        {
            let at = c.locate(&p.text, &format!("设有{num}个"));
            out.push(
                Diagnostic::new(
                    codes::D023,
                    format!("章程{}设 {n} 个部门，公开材料列出 {} 个", c.label(a), d.organisation.departments.len()),
                )
                .at(f.span, "公开材料")
                .also(at, "章程"),
            );
        }
    }
}

/// A charter rank limit looser than the reform's top 30 %.
fn rank_limits(d: &Disclosure, c: CharterRef<'_>, out: &mut Vec<Diagnostic>) {
    let grades_item = d.assessment.school.items.iter().find(|i| matches!(i.rule, Some((Rule::Grades, _))));
    for (a, t) in c.charter.texts() {
        let Some(a) = a else { continue };
        if !(t.raw.contains("排名") || t.raw.contains("成绩")) {
            continue;
        }
        let mut from = 0;
        while let Some(i) = t.raw[from..].find('前').map(|i| from + i) {
            from = i + '前'.len_utf8();
            let rest = &t.raw[from..];
            let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
            let lead = rest.len() - rest.trim_start().len();
            let after = &rest[lead + digits.len()..];
            if digits.is_empty() || !after.trim_start().starts_with(['%', '％']) {
                continue;
            }
            let Ok(n) = digits.parse::<u32>() else { continue };
            if n <= RANK_PERCENT {
                continue;
            }
            let pct = after.len() - after.trim_start().len() + '%'.len_utf8();
            let end = from + lead + digits.len() + pct;
            let at = t.locate(c.file, i..end);
            let mut diag = Diagnostic::new(
                codes::D021,
                format!("章程{}的成绩条件“前 {n}%”宽于改革要求的前 {RANK_PERCENT}%", c.label(a)),
            )
            .at(at, format!("前 {n}%"));
            if let Some(item) = grades_item {
                diag = diag.also(item.text.span, "自评表的要求");
            }
            out.push(diag.hint(format!(
                "改革要求全体工作人员（一年级新生除外）成绩排名在本专业前 {RANK_PERCENT}% 以内且无不及格；请在修订章程时收紧。"
            )));
        }
    }
}

/// Titles the reform does not allow, used in the charter.
fn titles(c: CharterRef<'_>, out: &mut Vec<Diagnostic>) {
    const OTHER: [(&str, &str); 4] = [
        ("分管主席", "主席、副主席（轮值执行主席）"),
        ("部员", "干事"),
        ("常务副主席", "副主席"),
        ("秘书处", "工作部门"),
    ];
    for (word, instead) in OTHER {
        let mut hits = Vec::new();
        for (a, t) in c.charter.texts() {
            let Some(a) = a else { continue };
            if let Some(i) = t.raw.find(word) {
                hits.push((a, t.locate(c.file, i..i + word.len())));
            }
        }
        let Some(((a, first), rest)) = hits.split_first() else { continue };
        let mut diag =
            Diagnostic::new(codes::D024, format!("章程{}使用了改革要求以外的职务或机构名称“{word}”", c.label(a)))
                .at(*first, word.to_string());
        for (a, sp) in rest {
            diag = diag.also(*sp, format!("章程{}", c.label(a)));
        }
        out.push(
            diag.hint(format!(
                "改革后只设主席、副主席（轮值执行主席）、部长、副部长、干事；“{word}”可改为“{instead}”。"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_notes() {
        assert_eq!(number_in("实有 8 人").map(|x| x.0), Some(8));
        assert_eq!(number_in("实有4个").map(|x| x.0), Some(4));
        assert_eq!(number_in("召开日期 为: 2021.11"), None);
    }

    #[test]
    fn limits() {
        assert_eq!(limit_in("主席团（一般不超过5人）").map(|x| x.0), Some(5));
        assert_eq!(limit_in("不超过 3 人").map(|x| x.0), Some(3));
        assert_eq!(limit_in("不超过五人").map(|x| x.0), Some(5));
    }
}
