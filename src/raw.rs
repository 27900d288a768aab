//! The raw serde layer: what the YAML says, with positions, before any
//! checking. Converted into [`crate::model`] by [`crate::load`].

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCharter {
    pub title: Option<S<String>>,
    pub status: Option<S<String>>,
    pub date: Option<S<String>>,
    #[serde(default)]
    pub history: Vec<S<String>>,
    #[serde(default)]
    pub preamble: Vec<S<RawBlock>>,
    #[serde(default)]
    pub terms: Vec<S<RawTerm>>,
    pub body: Option<S<Vec<S<RawNode>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub name: Option<S<String>>,
    #[serde(default)]
    pub short: Vec<S<String>>,
    #[serde(default)]
    pub wrong: Vec<S<String>>,
    pub kind: Option<S<String>>,
    pub note: Option<S<String>>,
}

/// A division or an article: which one is decided by the checked layer, so
/// that a mix-up gets a precise message instead of serde's "did not match
/// any variant".
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub id: Option<S<String>>,
    pub part: Option<S<String>>,
    pub subpart: Option<S<String>>,
    pub chapter: Option<S<String>>,
    pub section: Option<S<String>>,
    pub body: Option<S<Vec<S<RawNode>>>>,
    pub unnumbered: Option<S<bool>>,
    pub heading: Option<S<String>>,
    pub text: Option<S<String>>,
    pub items: Option<S<Vec<S<RawBlock>>>>,
    pub paragraphs: Option<S<Vec<S<RawBlock>>>>,
    pub repealed: Option<S<bool>>,
    pub inserted: Option<S<bool>>,
    pub allow: Option<S<Vec<S<String>>>>,
}

/// A paragraph, item or sub-item: a string, or a mapping with an id and
/// nested items.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum RawBlock {
    Short(String),
    Full(RawBlockMap),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBlockMap {
    pub id: Option<S<String>>,
    pub text: Option<S<String>>,
    pub items: Option<S<Vec<S<RawBlock>>>>,
    pub allow: Option<S<Vec<S<String>>>>,
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
                RawBlockMap::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawBlock::Full)
            }
        }
        d.deserialize_any(V)
    }
}
