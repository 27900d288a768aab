//! The checked disclosure: plain owned structs, every user value with its
//! span. Item and row numbers are positions, computed, never stored.

use serde::Serialize;

use charter_core::source::Span;

/// A text value and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

/// A number and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub value: u32,
    pub span: Span,
}

/// A date to the month or the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: Option<u8>,
}

impl Date {
    /// 2021 年 11 月（24 日）.
    pub fn zh(self) -> String {
        match self.day {
            Some(d) => format!("{} 年 {} 月 {} 日", self.year, self.month, d),
            None => format!("{} 年 {} 月", self.year, self.month),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum YesNo {
    #[serde(rename = "是")]
    Yes,
    #[serde(rename = "否")]
    No,
}

impl YesNo {
    pub fn zh(self) -> &'static str {
        match self {
            YesNo::Yes => "是",
            YesNo::No => "否",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Disclosure {
    pub title: Field,
    pub date: Option<(Date, Span)>,
    /// The charter file named in the disclosure, relative to it.
    pub charter: Option<Field>,
    pub preface: Option<Field>,
    pub organisation: Organisation,
    pub assessment: SelfAssessment,
    pub chart_heading: Option<Field>,
    pub roster: Roster,
    pub election: Election,
    pub congress: Congress,
    pub delegates: Part,
    pub responsible: Responsible,
}

#[derive(Clone, Debug, Default)]
pub struct Part {
    pub heading: Option<Field>,
    pub text: Option<Field>,
}

#[derive(Clone, Debug)]
pub struct Organisation {
    pub name: Field,
    pub presidium_name: Option<Field>,
    pub presidium_article: Option<Field>,
    pub departments: Vec<Field>,
    pub departments_article: Option<Field>,
    pub faculty_unions: Vec<FacultyUnion>,
}

#[derive(Clone, Debug)]
pub struct FacultyUnion {
    pub name: Field,
    pub faculties: Vec<Field>,
}

#[derive(Clone, Debug, Default)]
pub struct SelfAssessment {
    pub heading: Option<Field>,
    pub school: ItemList,
    pub faculty: ItemList,
    pub faculty_table: Vec<FacultyRow>,
}

#[derive(Clone, Debug, Default)]
pub struct ItemList {
    pub heading: Option<Field>,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub text: Field,
    pub answer: Option<(YesNo, Span)>,
    pub count: Option<Count>,
    pub note: Option<Field>,
    pub rule: Option<(crate::assess::Rule, Span)>,
    pub limit: Option<Count>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct FacultyRow {
    pub union: Field,
    pub answers: Vec<(YesNo, Span)>,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Roster {
    pub heading: Option<Field>,
    pub note: Option<Field>,
    pub rows: Vec<Staff>,
}

/// 学习成绩排名 m/n.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rank {
    pub place: u32,
    pub of: u32,
    pub span: Span,
}

impl Rank {
    /// Within the top `percent` %: place ≤ of × percent / 100.
    pub fn within(self, percent: u32) -> bool {
        u64::from(self.place) * 100 <= u64::from(self.of) * u64::from(percent)
    }

    /// The share in per cent, one decimal.
    pub fn percent(self) -> String {
        let tenths = (u64::from(self.place) * 1000 + u64::from(self.of) / 2) / u64::from(self.of.max(1));
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

#[derive(Clone, Debug)]
pub struct Staff {
    pub name: Option<Field>,
    pub political: Option<Field>,
    pub faculty: Option<Field>,
    pub grade: Option<Field>,
    /// The year of the 级 in `grade` (2019级 → 2019).
    pub cohort: Option<i32>,
    pub rank: Option<Rank>,
    pub failed: Option<(YesNo, Span)>,
    pub role: Option<Field>,
    pub department: Option<Field>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Elector {
    Congress,
    Assembly,
    Committee,
}

impl Elector {
    pub fn zh(self) -> &'static str {
        match self {
            Elector::Congress => "学生代表大会",
            Elector::Assembly => "全体学生大会",
            Elector::Committee => "委员会（非代表大会）",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Election {
    pub heading: Option<Field>,
    pub text: Option<Field>,
    pub committee_seats: Option<Count>,
    pub presidium_seats: Option<Count>,
    pub candidates: Option<Count>,
    /// Per cent, with its span.
    pub margin: Option<Count>,
    pub elected_by: Option<(Elector, Span)>,
}

#[derive(Clone, Debug, Default)]
pub struct Congress {
    pub heading: Option<Field>,
    pub text: Option<Field>,
    pub date: Option<(Date, Span)>,
    pub held: Option<(bool, Span)>,
}

#[derive(Clone, Debug, Default)]
pub struct Responsible {
    pub heading: Option<Field>,
    pub rows: Vec<Teacher>,
}

#[derive(Clone, Debug)]
pub struct Teacher {
    pub category: Option<Field>,
    pub name: Option<Field>,
    pub full_time: Option<(YesNo, Span)>,
    pub note: Option<Field>,
    pub span: Span,
}
