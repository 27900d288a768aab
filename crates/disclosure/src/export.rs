//! The disclosure as data for templates (schema `charter-disclosure/1`):
//! every part in the seed's order, the self-assessment with its computed
//! answers and evidence, the roster, the organisation chart's boxes.
//! Names can be masked (马怡佳 → 马**) for the public web page.

use serde::Serialize;

use charter_core::numerals::to_chinese;

use crate::assess::{self, Computed, Level, mask_name};
use crate::model::{Disclosure, Field, Part, YesNo};

pub const SCHEMA: &str = "charter-disclosure/1";

#[derive(Debug, Serialize)]
pub struct Export {
    pub schema: &'static str,
    pub title: String,
    /// “截至 2021 年 11 月”, or null.
    pub date: Option<String>,
    pub preface: Option<String>,
    pub masked: bool,
    /// The parts in order, numbered 一、二、……; `kind` says which.
    pub parts: Vec<PartOut>,
    pub assessment: AssessmentOut,
    pub organisation: OrgOut,
    pub roster: RosterOut,
    pub election: TextPart,
    pub congress: TextPart,
    pub delegates: TextPart,
    pub responsible: ResponsibleOut,
    /// The number of items computed, agreeing, disagreeing, left manual.
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct PartOut {
    /// assessment | charter | chart | roster | election | congress | delegates | responsible
    pub kind: &'static str,
    /// 一、二、……
    pub label: String,
    pub heading: String,
}

#[derive(Debug, Serialize)]
pub struct TextPart {
    pub text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AssessmentOut {
    pub school_heading: String,
    pub school: Vec<SchoolItem>,
    pub faculty_heading: String,
    pub faculty: Vec<FacultyItem>,
    /// The 具体情况 table: one row per 二级 organisation.
    pub table: Vec<TableRow>,
    /// Column numbers 1..n of the table.
    pub columns: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct SchoolItem {
    pub number: usize,
    pub text: String,
    /// The hand-filled answer, 是/否, or null.
    pub answer: Option<YesNo>,
    /// 是 / 否 / 人工填写.
    pub computed: Computed,
    /// true / false when both exist and the computed one is 是/否.
    pub agrees: Option<bool>,
    pub evidence: Vec<String>,
    pub note: Option<String>,
    pub rule: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct FacultyItem {
    pub number: usize,
    pub text: String,
    pub count: Option<u32>,
    /// The number of 是 in the table's column.
    pub table_count: Option<usize>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TableRow {
    pub union: String,
    pub answers: Vec<YesNo>,
}

#[derive(Debug, Serialize)]
pub struct OrgOut {
    pub name: String,
    pub presidium: String,
    /// Staff counted in the presidium (from roles), or null.
    pub presidium_staff: Option<usize>,
    pub departments: Vec<DeptOut>,
    pub faculty_unions: Vec<UnionOut>,
    pub staff_total: usize,
}

#[derive(Debug, Serialize)]
pub struct DeptOut {
    pub name: String,
    /// Staff of the department in the roster (null when the roster has no
    /// department column).
    pub staff: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct UnionOut {
    pub name: String,
    pub faculties: Vec<String>,
    /// Roster members from these faculties.
    pub staff_from: usize,
}

#[derive(Debug, Serialize)]
pub struct RosterOut {
    pub note: Option<String>,
    pub has_roles: bool,
    pub rows: Vec<RowOut>,
}

#[derive(Debug, Serialize)]
pub struct RowOut {
    pub number: usize,
    pub name: String,
    pub political: String,
    pub faculty: String,
    pub grade: String,
    pub rank: String,
    pub failed: String,
    pub role: String,
    pub department: String,
}

#[derive(Debug, Serialize)]
pub struct ResponsibleOut {
    pub rows: Vec<TeacherOut>,
}

#[derive(Debug, Serialize)]
pub struct TeacherOut {
    pub category: String,
    pub name: String,
    pub full_time: String,
    pub note: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub computed: usize,
    pub agree: usize,
    pub disagree: usize,
    pub manual: usize,
}

fn text(f: &Option<Field>) -> Option<String> {
    f.as_ref().map(|f| f.text.clone())
}

fn text_or(f: &Option<Field>, default: &str) -> String {
    f.as_ref().map_or_else(|| default.to_string(), |f| f.text.clone())
}

fn heading(p: &Part, default: &str) -> String {
    text_or(&p.heading, default)
}

/// The export of a disclosure; `charter_heading` is part 二's heading
/// (《章程标题》（草案）), `mask` masks every personal name.
pub fn export(d: &Disclosure, charter_heading: &str, mask: bool) -> Export {
    let name = |f: &Option<Field>| {
        f.as_ref().map_or_else(String::new, |f| if mask { mask_name(&f.text) } else { f.text.clone() })
    };
    let mut summary = Summary::default();
    let school: Vec<SchoolItem> = d
        .assessment
        .school
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let o = assess::compute(d, it, Level::School, mask);
            let agrees = it.answer.and_then(|(a, _)| o.computed.agrees(a));
            if o.computed == Computed::Manual {
                summary.manual += 1;
            } else {
                summary.computed += 1;
            }
            match agrees {
                Some(true) => summary.agree += 1,
                Some(false) => summary.disagree += 1,
                None => {}
            }
            SchoolItem {
                number: i + 1,
                text: it.text.text.clone(),
                answer: it.answer.map(|a| a.0),
                computed: o.computed,
                agrees,
                evidence: o.evidence.into_iter().map(|e| e.text).collect(),
                note: text(&it.note),
                rule: it.rule.map(|r| r.0.name()),
            }
        })
        .collect();
    let table = &d.assessment.faculty_table;
    let faculty = d
        .assessment
        .faculty
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| FacultyItem {
            number: i + 1,
            text: it.text.text.clone(),
            count: it.count.map(|c| c.value),
            table_count: (!table.is_empty())
                .then(|| table.iter().filter(|r| r.answers.get(i).is_some_and(|a| a.0 == YesNo::Yes)).count()),
            note: text(&it.note),
        })
        .collect();
    let columns = (1..=d.assessment.faculty.items.len()).collect();
    let rows = &d.roster.rows;
    let has_roles = rows.iter().any(|r| r.role.is_some());
    let has_departments = rows.iter().any(|r| r.department.is_some());
    let organisation = OrgOut {
        name: d.organisation.name.text.clone(),
        presidium: text_or(&d.organisation.presidium_name, "主席团"),
        presidium_staff: has_roles.then(|| {
            rows.iter()
                .filter(|r| r.role.as_ref().is_some_and(|x| assess::PRESIDIUM_TITLES.contains(&x.text.as_str())))
                .count()
        }),
        departments: d
            .organisation
            .departments
            .iter()
            .map(|x| DeptOut {
                name: x.text.clone(),
                staff: has_departments
                    .then(|| rows.iter().filter(|r| r.department.as_ref().is_some_and(|y| y.text == x.text)).count()),
            })
            .collect(),
        faculty_unions: d
            .organisation
            .faculty_unions
            .iter()
            .map(|u| UnionOut {
                name: u.name.text.clone(),
                faculties: u.faculties.iter().map(|f| f.text.clone()).collect(),
                staff_from: rows
                    .iter()
                    .filter(|r| r.faculty.as_ref().is_some_and(|f| u.faculties.iter().any(|x| x.text == f.text)))
                    .count(),
            })
            .collect(),
        staff_total: rows.len(),
    };
    let roster = RosterOut {
        note: text(&d.roster.note),
        has_roles,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| RowOut {
                number: i + 1,
                name: name(&r.name),
                political: text(&r.political).unwrap_or_default(),
                faculty: text(&r.faculty).unwrap_or_default(),
                grade: text(&r.grade).unwrap_or_default(),
                rank: r.rank.map_or_else(String::new, |k| format!("{}/{}", k.place, k.of)),
                failed: r.failed.map_or_else(String::new, |f| f.0.zh().to_string()),
                role: text(&r.role).unwrap_or_default(),
                department: text(&r.department).unwrap_or_default(),
            })
            .collect(),
    };
    let responsible = ResponsibleOut {
        rows: d
            .responsible
            .rows
            .iter()
            .map(|t| TeacherOut {
                category: text(&t.category).unwrap_or_default(),
                name: name(&t.name),
                full_time: t.full_time.map_or_else(String::new, |f| f.0.zh().to_string()),
                note: text(&t.note).unwrap_or_default(),
            })
            .collect(),
    };
    let headings: [(&'static str, String); 8] = [
        ("assessment", text_or(&d.assessment.heading, "改革自评表")),
        ("charter", charter_heading.to_string()),
        ("chart", text_or(&d.chart_heading, "组织架构图")),
        ("roster", text_or(&d.roster.heading, "工作人员名单")),
        ("election", text_or(&d.election.heading, "主席团成员候选人产生办法及选举办法")),
        ("congress", text_or(&d.congress.heading, "代表大会召开情况")),
        ("delegates", heading(&d.delegates, "代表大会代表产生办法")),
        ("responsible", text_or(&d.responsible.heading, "指导学生会的责任人")),
    ];
    let parts = headings
        .into_iter()
        .enumerate()
        .map(|(i, (kind, heading))| PartOut {
            kind,
            label: format!("{}、", to_chinese(u32::try_from(i + 1).unwrap_or(0))),
            heading,
        })
        .collect();
    Export {
        schema: SCHEMA,
        title: d.title.text.clone(),
        date: d.date.map(|(dt, _)| format!("截至 {}", dt.zh())),
        preface: text(&d.preface),
        masked: mask,
        parts,
        assessment: AssessmentOut {
            school_heading: text_or(&d.assessment.school.heading, "校级学生会组织情况"),
            school,
            faculty_heading: text_or(&d.assessment.faculty.heading, "二级学生会组织情况"),
            faculty,
            table: table
                .iter()
                .map(|r| TableRow { union: r.union.text.clone(), answers: r.answers.iter().map(|a| a.0).collect() })
                .collect(),
            columns,
        },
        organisation,
        roster,
        election: TextPart { text: text(&d.election.text) },
        congress: TextPart { text: text(&d.congress.text) },
        delegates: TextPart { text: text(&d.delegates.text) },
        responsible,
        summary,
    }
}
