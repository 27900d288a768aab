//! The raw serde layer: what the YAML says, with positions, before any
//! checking. Converted into [`crate::model`] by [`crate::load`].
//!
//! The same types generate the JSON Schema for editors (`charter schema`);
//! the doc comments on fields are the descriptions editors show (Chinese:
//! they are user-facing).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

pub type S<T> = Spanned<T>;

/// A key most mappings of `body` do not have (a division's title, a
/// heading, a note …): boxed, so that an absent one takes 8 bytes of each
/// raw node instead of 64–80 (a node was 1.1 KB, written and moved for
/// every article while the file is read).
pub type Rare<T> = Option<Box<S<T>>>;

/// 一份章程（草案）。编号由工具计算，不要手写。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "charter 章程文件")]
pub struct RawCharter {
    /// 章程标题，例如“某某学生会章程”。
    #[schemars(with = "String")]
    pub title: Option<S<String>>,
    /// 状态，例如“草案”“修订草案”；印在标题下方。
    #[schemars(with = "Option<String>")]
    pub status: Option<S<String>>,
    /// 文件日期，格式 YYYY-MM-DD。
    #[schemars(with = "Option<String>", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<S<String>>,
    /// 落款的发文机关，印在文末右侧、日期（date）之上；几个机关时每行写一个（用 `|` 文本块）。
    #[schemars(with = "Option<String>")]
    pub issuer: Option<S<String>>,
    /// 印刷版式：short（短文件：不要封面和目录，单面印刷、没有空白页）或 full（封面、目录、双面印刷）；不写时不超过 20 条的章程用 short。`charter build --layout` 优先。
    #[schemars(with = "Option<LayoutName>")]
    pub layout: Option<S<String>>,
    /// 文字：simplified（简体，默认）或 traditional（繁體，香港、澳门、台湾通行）；也可以写“简体”“繁體”。决定编号（第一条/第一條）、目录等生成文字和修改决定的用字。`charter import` 读入繁体文本时自动写上。
    #[schemars(with = "Option<ScriptName>")]
    pub script: Option<S<String>>,
    /// 通过和修改的记录，每行一条，例如“2021年11月24日……通过”。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub history: Vec<S<String>>,
    /// 序言：第一条之前不编号的段落。
    #[serde(default)]
    #[schemars(with = "Vec<RawBlock>")]
    pub preamble: Vec<S<RawBlock>>,
    /// 术语表：机构、职务的规范名称、简称和错误写法。
    #[serde(default)]
    #[schemars(with = "Vec<RawTerm>")]
    pub terms: Vec<S<RawTerm>>,
    /// 正文：编、分编、章、节和条的列表。
    #[schemars(with = "Vec<RawNode>")]
    pub body: Option<S<Vec<S<Box<RawNode>>>>>,
}

/// 术语表中的一条。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    /// 规范名称。
    #[schemars(with = "String")]
    pub name: Option<S<String>>,
    /// 允许的简称。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub short: Vec<S<String>>,
    /// 错误的写法：检查时会报告。
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub wrong: Vec<S<String>>,
    /// 类别：body（本组织的机构，默认）、role（职务）、outside（外部机构）、document（文件）。
    #[schemars(with = "Option<TermKindName>")]
    pub kind: Option<S<String>>,
    /// 给秘书处的备注。
    #[schemars(with = "Option<String>")]
    pub note: Option<S<String>>,
}

// The names `layout` accepts (schema only; the loader checks them itself).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum LayoutName {
    Short,
    Full,
}

// The names `script` accepts (schema only; the loader checks them itself
// and also takes 简体, 繁體, zh-Hans, zh-Hant).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum ScriptName {
    Simplified,
    Traditional,
    #[serde(rename = "简体")]
    Jianti,
    #[serde(rename = "繁體")]
    Fanti,
    #[serde(rename = "繁体")]
    FantiSimplified,
}

// The names `kind` accepts (schema only; the loader checks them itself).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum TermKindName {
    Body,
    Role,
    Outside,
    Document,
}

// A division or an article: which one is decided by the checked layer, so
// that a mix-up gets a precise message instead of serde's "did not match any
// variant".
/// 编、分编、章、节（写 part/subpart/chapter/section 之一，值为标题），或者一条（没有这些键）。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    /// 稳定的 id：小写英文字母、数字和连字符，以字母开头；不会印出来。
    #[schemars(with = "String", regex(pattern = r"^[a-z][a-z0-9-]{0,63}$"))]
    pub id: Option<S<String>>,
    /// 编的标题（第X编）。
    #[schemars(with = "Option<String>")]
    pub part: Rare<String>,
    /// 分编的标题（第X分编）。
    #[schemars(with = "Option<String>")]
    pub subpart: Rare<String>,
    /// 章的标题（第X章）。
    #[schemars(with = "Option<String>")]
    pub chapter: Rare<String>,
    /// 节的标题（第X节）。
    #[schemars(with = "Option<String>")]
    pub section: Rare<String>,
    /// 编、分编、章、节的内容：下一层和条的列表。
    #[schemars(with = "Option<Vec<RawNode>>")]
    pub body: Rare<Vec<S<Box<RawNode>>>>,
    /// true：这个编、章不编号（如民法典的“附则”）。
    #[schemars(with = "Option<bool>")]
    pub unnumbered: Rare<bool>,
    /// 条标题，印在条号之后，例如“本会的性质”。
    #[schemars(with = "Option<String>")]
    pub heading: Rare<String>,
    /// 条的正文（只有一款时）。
    #[schemars(with = "Option<String>")]
    pub text: Option<S<String>>,
    /// 这一款的项，印作（一）（二）……
    #[schemars(with = "Option<Vec<RawBlock>>")]
    pub items: Rare<Vec<S<RawBlock>>>,
    /// 多款时，每一款一项。
    #[schemars(with = "Option<Vec<RawBlock>>")]
    pub paragraphs: Rare<Vec<S<RawBlock>>>,
    /// true：这一条已删去，保留序号，印作“第X条　（删去）”。
    #[schemars(with = "Option<bool>")]
    pub repealed: Rare<bool>,
    /// true：插入的条，编号为“第X条之一”，后面的条不改号。
    #[schemars(with = "Option<bool>")]
    pub inserted: Rare<bool>,
    /// 在这个编、章、节或条里不报告的检查规则，例如 [CH022]（见 docs/lint.md）。
    #[schemars(with = "Option<Vec<String>>")]
    pub allow: Rare<Vec<S<String>>>,
    /// 备注：为什么这样写、为什么这样改（修改说明）。不印在章程正文里；
    /// charter packet 的修改说明和 Word 文档的批注会用到它。
    #[schemars(with = "Option<String>")]
    pub note: Rare<String>,
}

/// A paragraph, item or sub-item: a string, or a mapping with an id and
/// nested items.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum RawBlock {
    Short(String),
    Full(Box<RawBlockMap>),
}

/// 需要 id 或下一层项时，写成映射。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBlockMap {
    /// 稳定的 id，用于引用这一款或这一项。
    #[schemars(with = "Option<String>", regex(pattern = r"^[a-z][a-z0-9-]{0,63}$"))]
    pub id: Option<S<String>>,
    /// 正文。
    #[schemars(with = "Option<String>")]
    pub text: Option<S<String>>,
    /// 下一层：款的项，或项的目。
    #[schemars(with = "Option<Vec<RawBlock>>")]
    pub items: Option<S<Vec<S<RawBlock>>>>,
    /// 在这一款或这一项里不报告的检查规则，例如 [CH022]。
    #[schemars(with = "Option<Vec<String>>")]
    pub allow: Option<S<Vec<S<String>>>>,
}

impl JsonSchema for RawBlock {
    fn schema_name() -> Cow<'static, str> {
        "RawBlock".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let map = generator.subschema_for::<RawBlockMap>();
        json_schema!({
            "description": "一款、一项或一目：直接写文字，或写成含 text 的映射。",
            "anyOf": [{ "type": "string" }, map]
        })
    }
}

/// The JSON Schema of the charter format, for editors.
pub fn json_schema() -> Result<String, crate::error::ToolError> {
    crate::error::to_json_pretty("章程格式的 JSON Schema", &schemars::schema_for!(RawCharter))
}

impl<'de> Deserialize<'de> for RawBlock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawBlock;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("文字，或含有 text 的映射")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawBlock, E> {
                Ok(RawBlock::Short(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawBlock, E> {
                Ok(RawBlock::Short(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawBlock, E> {
                Err(E::invalid_type(de::Unexpected::Bool(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawBlock, E> {
                Err(E::invalid_type(de::Unexpected::Signed(v), &self))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawBlock, E> {
                Err(E::invalid_type(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawBlock, E> {
                Err(E::invalid_type(de::Unexpected::Float(v), &self))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawBlock, A::Error> {
                RawBlockMap::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|m| RawBlock::Full(Box::new(m)))
            }
        }
        d.deserialize_any(V)
    }
}
