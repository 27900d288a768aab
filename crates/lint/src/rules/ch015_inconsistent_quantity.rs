use std::collections::BTreeMap;
use std::ops::Range;

use crate::Context;
use crate::cjk::{WordSet, clauses, numeral_at};
use crate::declare_rule;
use crate::names::strip_scope;
use charter_core::diagnostic::Diagnostic;

declare_rule! {
    /// 同一个数量在两处写得不一样（例如同一机构的人数上限）。
    ///
    /// ## 它查什么
    /// 以机构或职务开头的分句里的数量规定，在章程里出现两次而数值不同：
    /// 人数上限（不超过N人）、人数下限（不少于N人）、组成人数（由N人组成）、
    /// 任期（任期N年）、会议次数（每年召开N次）。
    /// 主语前有限定的（“各系学生会……，主席团成员不超过3人”）与没有限定的
    /// （“主席团……不超过5人”）视为不同的机构，不比较。
    ///
    /// ## 为什么
    /// 两处规定矛盾时无法执行：主席团到底最多五人还是七人？修改其中一处时忘了另一处，
    /// 是章程修订中最常见的错误。
    ///
    /// ## 例子
    /// ```yaml
    /// - text: 主席团是院学生会的领导机构，成员不超过5人。
    /// # ……
    /// - text: 主席团成员不超过7人，由学代会选举产生。
    /// ```
    ///
    /// ## 应当写成
    /// 只在一处规定人数，另一处引用它：“主席团成员由学代会依照[[presidium-size]]的规定选举产生。”
    pub static INCONSISTENT_QUANTITY = {
        code: "CH015",
        name: "inconsistent-quantity",
        severity: Warning,
        check: check,
    }
}

/// What a statement fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Measure {
    MaxPeople,
    MinPeople,
    People,
    TermYears,
    Frequency,
}

impl Measure {
    fn zh(self) -> &'static str {
        match self {
            Measure::MaxPeople => "人数上限",
            Measure::MinPeople => "人数下限",
            Measure::People => "组成人数",
            Measure::TermYears => "任期",
            Measure::Frequency => "会议次数",
        }
    }
}

struct Statement {
    site: usize,
    range: Range<usize>,
    value: String,
}

/// Quantity phrases: (prefix, suffix units, measure). The numeral sits
/// between prefix and unit.
const PATTERNS: &[(&str, &[&str], Measure)] = &[
    ("不超过", &["人", "名"], Measure::MaxPeople),
    ("不得超过", &["人", "名"], Measure::MaxPeople),
    ("最多", &["人", "名"], Measure::MaxPeople),
    ("不多于", &["人", "名"], Measure::MaxPeople),
    ("不少于", &["人", "名"], Measure::MinPeople),
    ("不得少于", &["人", "名"], Measure::MinPeople),
    ("至少", &["人", "名"], Measure::MinPeople),
    ("由", &["人组成", "名成员组成", "名委员组成"], Measure::People),
    ("任期为", &["年"], Measure::TermYears),
    ("任期", &["年"], Measure::TermYears),
    ("每年召开", &["次"], Measure::Frequency),
    ("每年举行", &["次"], Measure::Frequency),
    ("每学期召开", &["次"], Measure::Frequency),
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let names = ctx.names();
    let sites = ctx.sites();
    let mut by_key: BTreeMap<(String, String, Measure), Vec<Statement>> = BTreeMap::new();
    for (si, site) in sites.iter().enumerate() {
        if !site.kind.is_body() {
            continue;
        }
        let t = &site.plain.text;
        let occ = names.in_site(si);
        // No name to be the subject, or no quantity word: nothing to state.
        if occ.is_empty() || !PREFIXES.may_occur(site.sig()) {
            continue;
        }
        for sr in site.sentences() {
            // A sentence without a quantity word has none in its clauses.
            if !PREFIXES.occurs_in(&t[sr.clone()]) {
                continue;
            }
            let cls = clauses(&t[sr.clone()]);
            let mut scope: Option<String> = None;
            for (k, cr) in cls.iter().enumerate() {
                let cr = sr.start + cr.start..sr.start + cr.end;
                let clause = &t[cr.clone()];
                let first = occ.iter().find(|o| o.range.start >= cr.start && o.range.end <= cr.end);
                if k == 0 {
                    scope = first.map(|o| normal(o.name));
                }
                let Some(subject) = first else { continue };
                // The subject must open the clause (after 各/本).
                if !t[cr.start..subject.range.start].chars().all(|c| "各本该其".contains(c)) {
                    continue;
                }
                let subject_name = normal(subject.name);
                let scope_key = match &scope {
                    Some(s) if k > 0 && *s != subject_name => s.clone(),
                    _ => String::new(),
                };
                for (measure, value, range) in quantities(clause) {
                    by_key.entry((scope_key.clone(), subject_name.clone(), measure)).or_default().push(Statement {
                        site: si,
                        range: cr.start + range.start..cr.start + range.end,
                        value,
                    });
                }
            }
        }
    }
    for ((scope, subject, measure), list) in by_key {
        let Some(first) = list.first() else { continue };
        for st in list.iter().skip(1) {
            if st.value == first.value {
                continue;
            }
            let who = if scope.is_empty() { subject.clone() } else { format!("{scope}的{subject}") };
            let here = &sites[st.site];
            let there = &sites[first.site];
            let place = |s: &crate::sites::Site| s.article.map(|a| ctx.article_label(a)).unwrap_or_default();
            out.push(
                INCONSISTENT_QUANTITY
                    .diagnostic(format!(
                        "{who}的{}前后不一：{}写“{}”，{}写“{}”",
                        measure.zh(),
                        place(there),
                        first.value,
                        place(here),
                        st.value
                    ))
                    .at(here.span(ctx.file, st.range.clone()), format!("这里是“{}”", st.value))
                    .also(there.span(ctx.file, first.range.clone()), format!("{}是“{}”", place(there), first.value))
                    .hint("同一个数量只在一处规定，别处用 [[id]] 引用那一条。"),
            );
            break;
        }
    }
}

/// 主席团成员 → 主席团; 我院学生会 → 学生会.
fn normal(name: &str) -> String {
    let n = strip_scope(name);
    n.strip_suffix("成员").filter(|s| !s.is_empty()).unwrap_or(n).to_string()
}

/// Quantity statements in a clause: (measure, value as written, range).
static PREFIXES: WordSet = WordSet::new(|| PATTERNS.iter().map(|p| p.0).collect());

fn quantities(clause: &str) -> Vec<(Measure, String, Range<usize>)> {
    let mut out = Vec::new();
    for (k, at) in PREFIXES.occurrences(clause) {
        let Some(&(prefix, units, measure)) = PATTERNS.get(k) else { continue };
        let from = at + prefix.len();
        let num_at = from + (clause[from..].len() - clause[from..].trim_start_matches(' ').len());
        let Some((n, e)) = numeral_at(clause, num_at) else { continue };
        let rest = clause[e..].trim_start_matches(' ');
        let gap = clause[e..].len() - rest.len();
        if let Some(u) = units.iter().find(|u| rest.starts_with(**u)) {
            let end = e + gap + u.len();
            if out.iter().any(|(_, _, r): &(Measure, String, Range<usize>)| r.start <= at && at < r.end) {
                continue;
            }
            out.push((measure, format!("{n}{}", &u[..u.chars().next().map_or(0, char::len_utf8)]), at..end));
        }
    }
    out
}
