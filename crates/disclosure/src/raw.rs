//! The raw serde layer of `disclosure.yaml`: what the file says, every value
//! with its position, before any checking. Converted into [`crate::model`]
//! by [`crate::load`]. The same types generate the JSON Schema
//! (`charter disclosure --schema`); doc comments are the descriptions
//! editors show (Chinese: they are user-facing).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

pub type S<T> = Spanned<T>;

/// 学生会（研究生会）改革情况公开：自评表、组织、工作人员名单、选举办法、代表大会、责任人。
/// 章程本身在同一文件夹的 charter.yaml 里。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "charter 改革情况公开文件")]
pub struct RawDisclosure {
    /// 标题，例如“某某学院学生会改革情况”。
    #[schemars(with = "String")]
    pub title: Option<S<Scalar>>,
    /// 公开的截止时间，格式 YYYY-MM 或 YYYY-MM-DD（“截至 2021 年 11 月”写作 2021-11）。用来判断谁是一年级新生。
    #[schemars(with = "String", regex(pattern = r"^\d{4}-\d{2}(-\d{2})?$"))]
    pub date: Option<S<Scalar>>,
    /// 章程文件，相对于本文件；默认是同一文件夹的 charter.yaml。
    #[schemars(with = "Option<String>")]
    pub charter: Option<S<Scalar>>,
    /// 开头的说明文字（“为落实……现将……公开如下。”）。
    #[schemars(with = "Option<String>")]
    pub preface: Option<S<Scalar>>,
    /// 校级学生会组织的结构：主席团、工作部门、二级学生会组织。
    #[schemars(with = "RawOrganisation")]
    pub organisation: Option<S<RawOrganisation>>,
    /// 一、改革自评表。
    #[schemars(with = "Option<RawSelfAssessment>")]
    pub self_assessment: Option<S<RawSelfAssessment>>,
    /// 三、组织架构图的标题（图由工具根据 organisation 画出）。
    #[schemars(with = "Option<RawPart>")]
    pub chart: Option<S<RawPart>>,
    /// 四、工作人员名单。
    #[schemars(with = "Option<RawRoster>")]
    pub staff: Option<S<RawRoster>>,
    /// 五、主席团成员候选人产生办法及选举办法。
    #[schemars(with = "Option<RawElection>")]
    pub election: Option<S<RawElection>>,
    /// 六、代表大会召开情况。
    #[schemars(with = "Option<RawCongress>")]
    pub congress: Option<S<RawCongress>>,
    /// 七、代表产生办法。
    #[schemars(with = "Option<RawPart>")]
    pub delegates: Option<S<RawPart>>,
    /// 八、指导学生会的责任人。
    #[schemars(with = "Option<RawResponsible>")]
    pub responsible: Option<S<RawResponsible>>,
}

/// 一个只有标题和文字的部分。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    /// 这一部分的标题（不写序号“七、”，序号自动计算）。
    #[schemars(with = "Option<String>")]
    pub heading: Option<S<Scalar>>,
    /// 照录的文字。
    #[schemars(with = "Option<String>")]
    pub text: Option<S<Scalar>>,
}

/// 组织结构。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOrganisation {
    /// 校级学生会组织的名称。
    #[schemars(with = "String")]
    pub name: Option<S<Scalar>>,
    /// 主席团。
    #[schemars(with = "Option<RawPresidium>")]
    pub presidium: Option<S<RawPresidium>>,
    /// 工作部门。
    #[serde(default)]
    #[schemars(with = "Vec<RawUnit>")]
    pub departments: Vec<S<RawUnit>>,
    /// 章程中列出工作部门的那一条的 id（例如 departments-list），用来比对部门名称和数目。
    #[schemars(with = "Option<String>")]
    pub departments_article: Option<S<Scalar>>,
    /// 二级学生会组织（院系学生会）。
    #[serde(default)]
    #[schemars(with = "Vec<RawFacultyUnion>")]
    pub faculty_unions: Vec<S<RawFacultyUnion>>,
}

/// 主席团。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPresidium {
    /// 名称，默认“主席团”。
    #[schemars(with = "Option<String>")]
    pub name: Option<S<Scalar>>,
    /// 章程中规定主席团人数和产生方式的那一条的 id（例如 presidium-election）。
    #[schemars(with = "Option<String>")]
    pub article: Option<S<Scalar>>,
}

/// 一个工作部门。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    /// 部门名称，例如“综合事务部”。
    #[schemars(with = "String")]
    pub name: Option<S<Scalar>>,
}

/// 一个二级学生会组织。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFacultyUnion {
    /// 名称，例如“管弦系学生会”。
    #[schemars(with = "String")]
    pub name: Option<S<Scalar>>,
    /// 它所覆盖的院系的全称，例如 [声乐歌剧系, 民族声乐系]；名单里的“院系”必须是其中之一。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub faculties: Vec<S<Scalar>>,
}

/// 改革自评表。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSelfAssessment {
    /// 这一部分的标题，默认“改革自评表”。
    #[schemars(with = "Option<String>")]
    pub heading: Option<S<Scalar>>,
    /// 校级学生会组织情况：每一项的评估结论（是/否）。
    #[schemars(with = "Option<RawItemList>")]
    pub school: Option<S<RawItemList>>,
    /// 二级学生会组织情况：每一项符合标准的组织数量。
    #[schemars(with = "Option<RawItemList>")]
    pub faculty: Option<S<RawItemList>>,
    /// 具体情况：每个二级学生会组织对每一项的是/否。
    #[serde(default)]
    #[schemars(with = "Vec<RawFacultyRow>")]
    pub faculty_table: Vec<S<RawFacultyRow>>,
}

/// 一张自评表。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawItemList {
    /// 表的标题，例如“校级学生会组织情况”。
    #[schemars(with = "Option<String>")]
    pub heading: Option<S<Scalar>>,
    /// 各项，序号自动计算。
    #[serde(default)]
    #[schemars(with = "Vec<RawItem>")]
    pub items: Vec<S<RawItem>>,
}

/// 自评表的一项。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    /// 项目原文（不写序号）。
    #[schemars(with = "String")]
    pub text: Option<S<Scalar>>,
    /// 手填的评估结论：是 或 否（校级）。
    #[schemars(with = "Option<YesNo>")]
    pub answer: Option<S<Scalar>>,
    /// 手填的符合标准的组织数量（二级）。
    #[schemars(with = "Option<u32>")]
    pub count: Option<S<Scalar>>,
    /// 备注，例如“实有 8 人”；其中的数字会与数据比对。
    #[schemars(with = "Option<String>")]
    pub note: Option<S<Scalar>>,
    /// 由工具计算这一项所用的规则（见 docs/disclosure.md）；不写则为“人工填写”。
    #[schemars(with = "Option<RuleName>")]
    pub rule: Option<S<Scalar>>,
    /// 规则的上限，覆盖默认值（例如学生人数较多的高校工作人员上限为 60）。
    #[schemars(with = "Option<u32>")]
    pub limit: Option<S<Scalar>>,
}

// The values `answer` and `rule` accept (schema only; the loader checks
// them itself, with located messages).
#[derive(JsonSchema)]
#[allow(dead_code)]
enum YesNo {
    #[serde(rename = "是")]
    Yes,
    #[serde(rename = "否")]
    No,
}

#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum RuleName {
    Structure,
    StaffLimit,
    PresidiumLimit,
    DepartmentLimit,
    Titles,
    Political,
    Grades,
    PresidiumElection,
    CongressHeld,
    Guidance,
}

/// 具体情况表的一行。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFacultyRow {
    /// 二级学生会组织的名称（organisation.faculty_unions 之一）。
    #[schemars(with = "String")]
    pub union: Option<S<Scalar>>,
    /// 对二级自评表每一项的回答，依次为 是/否。
    #[serde(default)]
    #[schemars(with = "Vec<YesNo>")]
    pub answers: Vec<S<Scalar>>,
}

/// 工作人员名单。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRoster {
    /// 标题，默认“校级组织工作人员名单”。
    #[schemars(with = "Option<String>")]
    pub heading: Option<S<Scalar>>,
    /// 表下的注释，例如成绩排名的说明。
    #[schemars(with = "Option<String>")]
    pub note: Option<S<Scalar>>,
    /// 每人一行，序号自动计算。
    #[serde(default)]
    #[schemars(with = "Vec<RawStaff>")]
    pub rows: Vec<S<RawStaff>>,
}

/// 名单的一行。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStaff {
    /// 姓名。
    #[schemars(with = "String")]
    pub name: Option<S<Scalar>>,
    /// 政治面貌：中共党员、中共预备党员、共青团员、群众……
    #[schemars(with = "String")]
    pub political: Option<S<Scalar>>,
    /// 院系（全称）。
    #[schemars(with = "String")]
    pub faculty: Option<S<Scalar>>,
    /// 年级，例如“2019级 本科”“2021级 硕士研究生”。
    #[schemars(with = "String")]
    pub grade: Option<S<Scalar>>,
    /// 学习成绩排名，写作“名次/人数”，例如 3/27。
    #[schemars(with = "String", regex(pattern = r"^\d+/\d+$"))]
    pub rank: Option<S<Scalar>>,
    /// 是否存在不及格情况：是 或 否。
    #[schemars(with = "YesNo")]
    pub failed: Option<S<Scalar>>,
    /// 职务：主席、副主席、轮值执行主席、部长、副部长、干事（原稿没有这一列时不写）。
    #[schemars(with = "Option<String>")]
    pub role: Option<S<Scalar>>,
    /// 所在工作部门（organisation.departments 之一；主席团成员不写）。
    #[schemars(with = "Option<String>")]
    pub department: Option<S<Scalar>>,
}

/// 主席团成员候选人产生办法及选举办法。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawElection {
    /// 标题。
    #[schemars(with = "Option<String>")]
    pub heading: Option<S<Scalar>>,
    /// 照录的文字。
    #[schemars(with = "Option<String>")]
    pub text: Option<S<Scalar>>,
    /// 委员会委员人数。
    #[schemars(with = "Option<u32>")]
    pub committee_seats: Option<S<Scalar>>,
    /// 主席团人数（应选人数）。
    #[schemars(with = "Option<u32>")]
    pub presidium_seats: Option<S<Scalar>>,
    /// 主席团候选人人数。
    #[schemars(with = "Option<u32>")]
    pub candidates: Option<S<Scalar>>,
    /// 文中承诺的最低差额比例，例如 20%。
    #[schemars(with = "Option<String>")]
    pub margin: Option<S<Scalar>>,
    /// 谁选举主席团：congress（学生代表大会）、assembly（全体学生大会）、committee（委员会、常委会等）。
    #[schemars(with = "Option<ElectorName>")]
    pub elected_by: Option<S<Scalar>>,
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum ElectorName {
    Congress,
    Assembly,
    Committee,
}

/// 代表大会召开情况。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCongress {
    /// 标题。
    #[schemars(with = "Option<String>")]
    pub heading: Option<S<Scalar>>,
    /// 照录的文字。
    #[schemars(with = "Option<String>")]
    pub text: Option<S<Scalar>>,
    /// 召开（或预计召开）的日期，YYYY-MM-DD。
    #[schemars(with = "Option<String>", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<S<Scalar>>,
    /// true：已经召开；false：尚未召开（预计）。
    #[schemars(with = "Option<bool>")]
    pub held: Option<S<bool>>,
}

/// 指导学生会的责任人。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawResponsible {
    /// 标题。
    #[schemars(with = "Option<String>")]
    pub heading: Option<S<Scalar>>,
    /// 每人一行。
    #[serde(default)]
    #[schemars(with = "Vec<RawTeacher>")]
    pub rows: Vec<S<RawTeacher>>,
}

/// 责任人的一行。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTeacher {
    /// 类别，例如“分管学生会组织的校团委副书记”“秘书长”。
    #[schemars(with = "String")]
    pub category: Option<S<Scalar>>,
    /// 姓名。
    #[schemars(with = "String")]
    pub name: Option<S<Scalar>>,
    /// 是否为专职团干部：是 或 否。
    #[schemars(with = "YesNo")]
    pub full_time: Option<S<Scalar>>,
    /// 备注。
    #[schemars(with = "Option<String>")]
    pub note: Option<S<Scalar>>,
}

/// A scalar of any YAML type kept as text: `16/33`, `2021-11`, `9`, `是`.
/// The loader reads the source text at the value's span where the exact
/// spelling matters (dates), so `2021.10` is not turned into `2021.1`.
#[derive(Debug, Clone)]
pub struct Scalar(pub String);

impl JsonSchema for Scalar {
    fn schema_name() -> Cow<'static, str> {
        "Scalar".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number"] })
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("文字")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The JSON Schema of `disclosure.yaml`, for editors.
pub fn json_schema() -> Result<String, charter_core::ToolError> {
    charter_core::error::to_json_pretty("改革情况公开格式的 JSON Schema", &schemars::schema_for!(RawDisclosure))
}
