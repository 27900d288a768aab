//! The self-assessment computed from the data: each item that names a
//! [`Rule`] is answered 是/否 with its evidence (roster rows, charter
//! articles); items without a rule, or whose data is missing, stay 人工填写.
//! Where the hand-filled answer disagrees, [`crate::check`] reports it.

use serde::Serialize;

use charter_core::source::Span;

use crate::model::{Disclosure, Elector, Item, Rank, Staff, YesNo};

/// A reform rule the tool can decide from the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// “主席团+工作部门”, no 中心 or 项目办公室 level.
    Structure,
    /// Staff ≤ 40 (校级; 60 with `limit`) or ≤ 30 (二级).
    StaffLimit,
    /// Presidium ≤ 5 (校级) or ≤ 3 (二级).
    PresidiumLimit,
    /// Departments ≤ 6.
    DepartmentLimit,
    /// Only 主席、副主席（轮值执行主席）、部长、副部长、干事.
    Titles,
    /// Every member 共产党员 or 共青团员.
    Political,
    /// Top 30 % and no failed course (first-year students excepted;
    /// graduate students: no failed course).
    Grades,
    /// The presidium elected by the congress itself.
    PresidiumElection,
    /// The congress held.
    CongressHeld,
    /// A full-time 团委副书记 guides the union (and a 秘书长 is named).
    Guidance,
}

impl Rule {
    pub const ALL: [Rule; 10] = [
        Rule::Structure,
        Rule::StaffLimit,
        Rule::PresidiumLimit,
        Rule::DepartmentLimit,
        Rule::Titles,
        Rule::Political,
        Rule::Grades,
        Rule::PresidiumElection,
        Rule::CongressHeld,
        Rule::Guidance,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::Structure => "structure",
            Rule::StaffLimit => "staff-limit",
            Rule::PresidiumLimit => "presidium-limit",
            Rule::DepartmentLimit => "department-limit",
            Rule::Titles => "titles",
            Rule::Political => "political",
            Rule::Grades => "grades",
            Rule::PresidiumElection => "presidium-election",
            Rule::CongressHeld => "congress-held",
            Rule::Guidance => "guidance",
        }
    }

    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == s)
    }
}

/// The titles the reform allows.
pub const ALLOWED_TITLES: [&str; 6] = ["主席", "副主席", "轮值执行主席", "部长", "副部长", "干事"];
/// Titles of presidium members.
pub const PRESIDIUM_TITLES: [&str; 3] = ["主席", "副主席", "轮值执行主席"];
/// 政治面貌 that count as 共产党员 or 共青团员.
pub const MEMBER_STATUSES: [&str; 6] =
    ["中共党员", "中国共产党党员", "中共预备党员", "中国共产党预备党员", "共青团员", "中国共产主义青年团团员"];
/// Rank limit of the reform: top 30 %.
pub const RANK_PERCENT: u32 = 30;
/// Minimum 差额 of the reform: 20 %.
pub const MARGIN_PERCENT: u32 = 20;

/// The computed answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Computed {
    #[serde(rename = "是")]
    Yes,
    #[serde(rename = "否")]
    No,
    /// The data cannot decide: 人工填写.
    #[serde(rename = "人工填写")]
    Manual,
}

impl Computed {
    fn of(ok: bool) -> Computed {
        if ok { Computed::Yes } else { Computed::No }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Computed::Yes => "是",
            Computed::No => "否",
            Computed::Manual => "人工填写",
        }
    }

    pub fn agrees(self, hand: YesNo) -> Option<bool> {
        match (self, hand) {
            (Computed::Manual, _) => None,
            (Computed::Yes, YesNo::Yes) | (Computed::No, YesNo::No) => Some(true),
            _ => Some(false),
        }
    }
}

/// One piece of evidence: a sentence, and where in the files it comes from.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    pub text: String,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// The outcome of one item.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub computed: Computed,
    pub evidence: Vec<Evidence>,
    /// The number the rule counted (staff, presidium, departments), to
    /// compare with the note's “实有 N 人”.
    pub counted: Option<u32>,
    /// Where that number comes from, for messages.
    #[serde(skip)]
    pub counted_from: Option<(String, Option<Span>)>,
}

impl Outcome {
    fn manual(why: impl Into<String>) -> Outcome {
        Outcome {
            computed: Computed::Manual,
            evidence: vec![Evidence { text: why.into(), span: None }],
            counted: None,
            counted_from: None,
        }
    }
}

/// How a person is named in evidence: in full, or masked (马**).
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => {
            let rest = chars.count();
            format!("{first}{}", "*".repeat(rest))
        }
        None => String::new(),
    }
}

/// The level an item list belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    School,
    Faculty,
}

/// Compute one item.
pub fn compute(d: &Disclosure, item: &Item, level: Level, mask: bool) -> Outcome {
    let Some((rule, _)) = item.rule else {
        return Outcome::manual("这一项无法由数据判断，需人工填写。");
    };
    let who = |i: usize, s: &Staff| {
        let name = s.name.as_ref().map(|n| if mask { mask_name(&n.text) } else { n.text.clone() }).unwrap_or_default();
        format!("第 {} 行{}", i + 1, if name.is_empty() { String::new() } else { format!("（{name}）") })
    };
    let rows = &d.roster.rows;
    match rule {
        Rule::Structure => {
            let bad: Vec<Evidence> = d
                .organisation
                .departments
                .iter()
                .filter(|x| ["中心", "办公室", "项目"].iter().any(|w| x.text.contains(w)))
                .map(|x| Evidence {
                    text: format!("“{}”是“中心”“办公室”一类的层级", x.text), span: Some(x.span)
                })
                .collect();
            if d.organisation.departments.is_empty() {
                return Outcome::manual("organisation 没有列出工作部门。");
            }
            let names: Vec<&str> = d.organisation.departments.iter().map(|x| x.text.as_str()).collect();
            let mut evidence = vec![Evidence {
                text: format!(
                    "{}下设 {} 个工作部门：{}",
                    d.organisation.presidium_name.as_ref().map_or("主席团", |p| p.text.as_str()),
                    names.len(),
                    names.join("、")
                ),
                span: None,
            }];
            let ok = bad.is_empty();
            evidence.extend(bad);
            Outcome { computed: Computed::of(ok), evidence, counted: None, counted_from: None }
        }
        Rule::StaffLimit => {
            let limit = item.limit.map_or(if level == Level::School { 40 } else { 30 }, |l| l.value);
            if rows.is_empty() {
                return Outcome::manual("没有工作人员名单。");
            }
            let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
            Outcome {
                computed: Computed::of(n <= limit),
                evidence: vec![Evidence { text: format!("名单共 {n} 人（上限 {limit} 人）"), span: None }],
                counted: Some(n),
                counted_from: Some((format!("名单共 {n} 人"), None)),
            }
        }
        Rule::PresidiumLimit => {
            let limit = item.limit.map_or(if level == Level::School { 5 } else { 3 }, |l| l.value);
            let with_role: Vec<(usize, &Staff)> = rows.iter().enumerate().filter(|(_, s)| s.role.is_some()).collect();
            if !with_role.is_empty() {
                let members: Vec<String> = with_role
                    .iter()
                    .filter(|(_, s)| s.role.as_ref().is_some_and(|r| PRESIDIUM_TITLES.contains(&r.text.as_str())))
                    .map(|(i, s)| who(*i, s))
                    .collect();
                let n = u32::try_from(members.len()).unwrap_or(u32::MAX);
                return Outcome {
                    computed: Computed::of(n <= limit),
                    evidence: vec![Evidence {
                        text: format!("名单中主席团成员 {n} 人（上限 {limit} 人）：{}", members.join("、")),
                        span: None,
                    }],
                    counted: Some(n),
                    counted_from: Some((format!("名单中主席团成员 {n} 人"), None)),
                };
            }
            match d.election.presidium_seats {
                Some(seats) => Outcome {
                    computed: Computed::of(seats.value <= limit),
                    evidence: vec![Evidence {
                        text: format!("名单没有职务一栏；选举办法：主席团设 {} 人（上限 {limit} 人）", seats.value),
                        span: Some(seats.span),
                    }],
                    counted: Some(seats.value),
                    counted_from: Some((format!("选举办法设主席团 {} 人", seats.value), Some(seats.span))),
                },
                None => Outcome::manual("名单没有职务一栏，选举办法也没有写主席团人数。"),
            }
        }
        Rule::DepartmentLimit => {
            let limit = item.limit.map_or(6, |l| l.value);
            let deps = &d.organisation.departments;
            if deps.is_empty() {
                return Outcome::manual("organisation 没有列出工作部门。");
            }
            let n = u32::try_from(deps.len()).unwrap_or(u32::MAX);
            let names: Vec<&str> = deps.iter().map(|x| x.text.as_str()).collect();
            Outcome {
                computed: Computed::of(n <= limit),
                evidence: vec![Evidence {
                    text: format!("工作部门 {n} 个（上限 {limit} 个）：{}", names.join("、")),
                    span: None,
                }],
                counted: Some(n),
                counted_from: Some((format!("organisation 列出工作部门 {n} 个"), deps.first().map(|x| x.span))),
            }
        }
        Rule::Titles => {
            let with_role: Vec<(usize, &Staff)> = rows.iter().enumerate().filter(|(_, s)| s.role.is_some()).collect();
            if with_role.is_empty() {
                return Outcome::manual("名单没有职务一栏，无法判断。");
            }
            let bad: Vec<Evidence> = with_role
                .iter()
                .filter_map(|(i, s)| {
                    let r = s.role.as_ref()?;
                    (!ALLOWED_TITLES.contains(&r.text.as_str()))
                        .then(|| Evidence {
                            text: format!("{}的职务是“{}”", who(*i, s), r.text), span: Some(r.span)
                        })
                })
                .collect();
            let ok = bad.is_empty();
            let mut evidence =
                vec![Evidence { text: format!("名单中有职务的 {} 人", with_role.len()), span: None }];
            evidence.extend(bad);
            Outcome { computed: Computed::of(ok), evidence, counted: None, counted_from: None }
        }
        Rule::Political => {
            if rows.is_empty() {
                return Outcome::manual("没有工作人员名单。");
            }
            let mut unknown = false;
            let bad: Vec<Evidence> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match &s.political {
                    None => {
                        unknown = true;
                        None
                    }
                    Some(p) if MEMBER_STATUSES.contains(&p.text.as_str()) => None,
                    Some(p) => Some(Evidence {
                        text: format!("{}的政治面貌是“{}”", who(i, s), p.text),
                        span: Some(p.span),
                    }),
                })
                .collect();
            if bad.is_empty() && unknown {
                return Outcome::manual("名单中有人没有填写政治面貌。");
            }
            let ok = bad.is_empty();
            let mut evidence = vec![Evidence {
                text: format!(
                    "名单 {} 人{}",
                    rows.len(),
                    if ok {
                        "均为中共党员（含预备党员）或共青团员"
                    } else {
                        "中有人不是党员或团员"
                    }
                ),
                span: None,
            }];
            evidence.extend(bad);
            Outcome { computed: Computed::of(ok), evidence, counted: None, counted_from: None }
        }
        Rule::Grades => grades(d, mask),
        Rule::PresidiumElection => match d.election.elected_by {
            Some((by, sp)) => {
                let ok = match level {
                    Level::School => by == Elector::Congress,
                    Level::Faculty => by != Elector::Committee,
                };
                Outcome {
                    computed: Computed::of(ok),
                    evidence: vec![Evidence {
                        text: format!("选举办法：主席团由{}选举产生", by.zh()), span: Some(sp)
                    }],
                    counted: None,
                    counted_from: None,
                }
            }
            None => Outcome::manual("选举办法没有写明由谁选举主席团（election.elected_by）。"),
        },
        Rule::CongressHeld => match (d.congress.held, d.congress.date) {
            (Some((true, sp)), date) => {
                let late = match (date, d.date) {
                    (Some((c, _)), Some((asof, _))) => (c.year, c.month) > (asof.year, asof.month),
                    _ => false,
                };
                let when = date.map_or_else(String::new, |(c, _)| format!("（{}）", c.zh()));
                Outcome {
                    computed: Computed::of(!late),
                    evidence: vec![Evidence {
                        text: if late {
                            format!("代表大会的日期{when}在公开截止时间之后")
                        } else {
                            format!("代表大会已召开{when}")
                        },
                        span: Some(sp),
                    }],
                    counted: None,
                    counted_from: None,
                }
            }
            (Some((false, sp)), date) => {
                let when = date.map_or_else(String::new, |(c, _)| format!("，预计 {} 召开", c.zh()));
                Outcome {
                    computed: Computed::No,
                    evidence: vec![Evidence { text: format!("代表大会尚未召开{when}"), span: Some(sp) }],
                    counted: None,
                    counted_from: None,
                }
            }
            (None, _) => Outcome::manual("没有写明代表大会是否已召开（congress.held）。"),
        },
        Rule::Guidance => {
            let rows = &d.responsible.rows;
            let guide = rows.iter().find(|t| {
                t.category.as_ref().is_some_and(|c| c.text.contains("副书记"))
                    && t.full_time.is_some_and(|f| f.0 == YesNo::Yes)
            });
            let Some(g) = guide else {
                return Outcome {
                    computed: if rows.is_empty() { Computed::Manual } else { Computed::No },
                    evidence: vec![Evidence {
                        text: "责任人表中没有专职的团委副书记".to_string(),
                        span: rows.first().map(|t| t.span),
                    }],
                    counted: None,
                    counted_from: None,
                };
            };
            let name =
                g.name.as_ref().map(|n| if mask { mask_name(&n.text) } else { n.text.clone() }).unwrap_or_default();
            let mut evidence = vec![Evidence {
                text: format!("{}：{name}，专职团干部", g.category.as_ref().map_or("", |c| c.text.as_str())),
                span: g.name.as_ref().map(|n| n.span),
            }];
            let secretary = rows.iter().any(|t| t.category.as_ref().is_some_and(|c| c.text.contains("秘书长")));
            if secretary {
                Outcome { computed: Computed::Yes, evidence, counted: None, counted_from: None }
            } else {
                evidence.push(Evidence {
                    text: "责任人表没有列出秘书长，聘任情况需人工填写".to_string(), span: None
                });
                Outcome { computed: Computed::Manual, evidence, counted: None, counted_from: None }
            }
        }
    }
}

/// Top 30 % and no failed course; first-year students are excepted,
/// graduate students only need no failed course.
fn grades(d: &Disclosure, mask: bool) -> Outcome {
    let rows = &d.roster.rows;
    if rows.is_empty() {
        return Outcome::manual("没有工作人员名单。");
    }
    // The intake year of first-year students at the disclosure's date:
    // the academic year starts in September.
    let freshers = d.date.map(|(dt, _)| if dt.month >= 9 { dt.year } else { dt.year - 1 });
    let mut bad = Vec::new();
    let mut unknown = Vec::new();
    let mut checked = 0;
    for (i, s) in rows.iter().enumerate() {
        let name = s.name.as_ref().map(|n| if mask { mask_name(&n.text) } else { n.text.clone() }).unwrap_or_default();
        let who = format!("第 {} 行（{name}）", i + 1);
        if s.cohort.is_some() && s.cohort == freshers {
            continue;
        }
        let graduate = s.grade.as_ref().is_some_and(|g| ["研究生", "硕士", "博士"].iter().any(|w| g.text.contains(w)));
        checked += 1;
        if let Some((YesNo::Yes, sp)) = s.failed {
            bad.push(Evidence { text: format!("{who}有不及格课程"), span: Some(sp) });
        }
        if graduate {
            continue;
        }
        match s.rank {
            Some(r) if !r.within(RANK_PERCENT) => bad.push(Evidence { text: rank_text(&who, r), span: Some(r.span) }),
            Some(_) => {}
            None => unknown.push(who),
        }
        if s.failed.is_none() {
            unknown.push(format!("第 {} 行（是否不及格）", i + 1));
        }
    }
    let mut evidence = vec![Evidence {
        text: format!("检查 {checked} 人（一年级新生除外），排名须在本专业前 {RANK_PERCENT}% 以内且无不及格"),
        span: None,
    }];
    if !bad.is_empty() {
        evidence.extend(bad);
        return Outcome { computed: Computed::No, evidence, counted: None, counted_from: None };
    }
    if !unknown.is_empty() {
        evidence.push(Evidence { text: format!("缺少数据：{}", unknown.join("、")), span: None });
        return Outcome { computed: Computed::Manual, evidence, counted: None, counted_from: None };
    }
    Outcome { computed: Computed::Yes, evidence, counted: None, counted_from: None }
}

fn rank_text(who: &str, r: Rank) -> String {
    format!("{who}排名 {}/{}，即前 {}，超过 {RANK_PERCENT}%", r.place, r.of, r.percent())
}
