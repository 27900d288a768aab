//! The checker's configuration: `lint.yaml` next to the charter.
//!
//! ```yaml
//! rules:
//!   CH022: off              # turn a rule off
//!   CH018: info             # change its severity
//!   CH013:                  # severity and options
//!     level: warning
//!     outside: [校学生会, 市教委]
//! ```
//!
//! A rule is named by its code or its name. List and mapping options add to
//! the rule's built-in defaults. Every mistake (an unknown code, an unknown
//! option, a value of the wrong kind) is a diagnostic with its position:
//! `Y050`–`Y052`. Parsing is pure; the caller reads the file.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::{OptionDefault, Rule, all_rules, find_rule};
use charter_core::diagnostic::{Diagnostic, Severity};
use charter_core::source::{FileId, SourceFile, Sources, Span};
use charter_core::suggest::did_you_mean;

/// The file name looked for next to the charter.
pub const CONFIG_FILE: &str = "lint.yaml";

/// The checker's settings.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    rules: BTreeMap<&'static str, RuleSettings>,
}

#[derive(Clone, Debug, Default)]
struct RuleSettings {
    /// None: the default severity; Some(None): off.
    level: Option<Option<Severity>>,
    options: BTreeMap<&'static str, OptionValue>,
}

#[derive(Clone, Debug)]
enum OptionValue {
    Words(Vec<String>),
    Pairs(Vec<(String, String)>),
    Number(i64),
}

impl Config {
    /// The severity of a rule, None when it is turned off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        match self.rules.get(rule.code.as_str()).and_then(|s| s.level) {
            Some(level) => level,
            None => Some(rule.severity()),
        }
    }

    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.severity(rule).is_some()
    }

    fn value(&self, rule: &Rule, option: &str) -> Option<&OptionValue> {
        self.rules.get(rule.code.as_str()).and_then(|s| s.options.get(option))
    }

    /// A list option: the default extended by the configured words.
    pub fn words(&self, rule: &Rule, option: &str) -> Vec<String> {
        let mut out: Vec<String> = match rule.option(option).map(|o| &o.default) {
            Some(OptionDefault::Words(w)) => w.iter().map(|s| s.to_string()).collect(),
            _ => Vec::new(),
        };
        if let Some(OptionValue::Words(w)) = self.value(rule, option) {
            out.extend(w.iter().cloned());
        }
        out
    }

    /// A mapping option: the default extended (and overridden) by the
    /// configured pairs.
    pub fn pairs(&self, rule: &Rule, option: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = match rule.option(option).map(|o| &o.default) {
            Some(OptionDefault::Pairs(p)) => p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
            _ => Vec::new(),
        };
        if let Some(OptionValue::Pairs(p)) = self.value(rule, option) {
            for (a, b) in p {
                out.retain(|(x, _)| x != a);
                out.push((a.clone(), b.clone()));
            }
        }
        out
    }

    /// A number option.
    pub fn number(&self, rule: &Rule, option: &str) -> i64 {
        if let Some(OptionValue::Number(n)) = self.value(rule, option) {
            return *n;
        }
        match rule.option(option).map(|o| &o.default) {
            Some(OptionDefault::Number(n)) => *n,
            _ => 0,
        }
    }

    /// Parse the configuration in `sources` file `id`. Mistakes are
    /// diagnostics; what could be understood is kept.
    pub fn parse(sources: &Sources, id: FileId) -> (Config, Vec<Diagnostic>) {
        let file = sources.file(id);
        let mut cfg = Config { path: Some(file.path.clone()), ..Config::default() };
        let mut diags = Vec::new();
        if file.text.trim().is_empty() {
            return (cfg, diags);
        }
        let options = serde_saphyr::options! {
            budget: serde_saphyr::budget! { max_depth: 16, max_aliases: 0, max_anchors: 0 },
            strict_booleans: true,
        };
        let raw: RawConfig = match serde_saphyr::from_str_with_options(&file.text, options) {
            Ok(r) => r,
            Err(e) => {
                let e = e.without_snippet();
                let span = e.location().map_or(Span::new(id, 0, 0), |l| loc_span(file, id, &l));
                let english = e.to_string();
                let english = english.split(" at line ").next().unwrap_or(&english).to_string();
                let d = match &e {
                    serde_saphyr::Error::SerdeUnknownField { field, expected, .. } => {
                        let mut d =
                            Diagnostic::new(charter_core::load::codes::Y051, format!("设置文件里未知的键“{field}”"))
                                .at(span, "这个键不认识");
                        if let Some(s) = did_you_mean(field, expected.iter().copied()) {
                            d = d.hint(format!("您是不是想写“{s}”？"));
                        }
                        d.hint("设置文件的顶层只有 rules；每条规则写在它下面，见 docs/lint.md。")
                    }
                    _ => Diagnostic::new(charter_core::load::codes::Y052, "设置文件不是有效的 YAML，或结构不对")
                        .at(span, "在这里出错")
                        .hint("格式见 docs/lint.md：rules 下面每行“规则代码: 级别”，或带选项的映射。")
                        .hint(format!("解析器原文：{english}")),
                };
                diags.push(d);
                return (cfg, diags);
            }
        };
        let Some(rules) = raw.rules else { return (cfg, diags) };
        let span = |l: &serde_saphyr::Location| -> Span { loc_span(file, id, l) };
        let key_span = |k: &Spanned<String>| -> Span { key_span(file, id, span(&k.referenced), &k.value) };
        let codes: Vec<&str> = all_rules().iter().flat_map(|r| [r.code.as_str(), r.name]).collect();
        for (key, value) in rules.value.0 {
            let Some(rule) = find_rule(&key.value) else {
                let mut d =
                    Diagnostic::new(charter_core::load::codes::Y050, format!("没有代码或名称为“{}”的规则", key.value))
                        .at(key_span(&key), "不认识的规则");
                if let Some(s) = did_you_mean(&key.value.to_ascii_uppercase(), codes.iter().copied())
                    .or_else(|| did_you_mean(&key.value, codes.iter().copied()))
                {
                    d = d.hint(format!("您是不是想写“{s}”？"));
                }
                diags.push(d.hint("用 charter rules 列出所有规则。"));
                continue;
            };
            let settings = cfg.rules.entry(rule.code.as_str()).or_default();
            match value.value {
                RawRule::Level(level) => match parse_level(&level) {
                    Some(l) => settings.level = Some(l),
                    None => diags.push(bad_level(span(&value.referenced), &level)),
                },
                RawRule::Options(map) => {
                    for (okey, oval) in map.0 {
                        if okey.value == "level" {
                            match &oval.value {
                                RawValue::Str(level) => match parse_level(level) {
                                    Some(l) => settings.level = Some(l),
                                    None => diags.push(bad_level(span(&oval.referenced), level)),
                                },
                                _ => diags.push(bad_level(span(&oval.referenced), "")),
                            }
                            continue;
                        }
                        let Some(opt) = rule.option(&okey.value) else {
                            let names: Vec<&str> =
                                std::iter::once("level").chain(rule.options.iter().map(|o| o.name)).collect();
                            let mut d = Diagnostic::new(
                                charter_core::load::codes::Y051,
                                format!("规则 {} 没有选项“{}”", rule.code, okey.value),
                            )
                            .at(key_span(&okey), "不认识的选项");
                            if let Some(s) = did_you_mean(&okey.value, names.iter().copied()) {
                                d = d.hint(format!("您是不是想写“{s}”？"));
                            }
                            diags.push(d.hint(format!("规则 {} 可用的选项：{}", rule.code, names.join("、"))));
                            continue;
                        };
                        match convert(&opt.default, oval.value) {
                            Ok(v) => {
                                settings.options.insert(opt.name, v);
                            }
                            Err(()) => diags.push(
                                Diagnostic::new(
                                    charter_core::load::codes::Y052,
                                    format!("选项 {}.{} 的值应当是{}", rule.code, opt.name, opt.default.kind_zh()),
                                )
                                .at(span(&oval.referenced), "类型不对")
                                .hint(format!("默认值：{}", opt.default.describe())),
                            ),
                        }
                    }
                }
            }
        }
        (cfg, diags)
    }

    /// Parse configuration text (for tests and in-memory use).
    pub fn from_text(sources: &mut Sources, path: impl AsRef<Path>, text: String) -> (Config, Vec<Diagnostic>) {
        let id = sources.add(path, text);
        Config::parse(sources, id)
    }
}

fn parse_level(s: &str) -> Option<Option<Severity>> {
    match s.trim() {
        "off" | "关闭" | "关" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

fn bad_level(span: Span, got: &str) -> Diagnostic {
    Diagnostic::new(charter_core::load::codes::Y052, format!("级别“{got}”不认识"))
        .at(span, "应为 error、warning、info 或 off")
        .hint("级别：error（错误）、warning（警告）、info（提示）、off（关闭这条规则）。")
}

fn convert(default: &OptionDefault, v: RawValue) -> Result<OptionValue, ()> {
    match (default, v) {
        (OptionDefault::Words(_), RawValue::List(l)) => Ok(OptionValue::Words(l)),
        (OptionDefault::Words(_), RawValue::Str(s)) => Ok(OptionValue::Words(vec![s])),
        (OptionDefault::Pairs(_), RawValue::Map(m)) => Ok(OptionValue::Pairs(m)),
        (OptionDefault::Number(_), RawValue::Int(n)) => Ok(OptionValue::Number(n)),
        _ => Err(()),
    }
}

fn loc_span(file: &SourceFile, id: FileId, loc: &serde_saphyr::Location) -> Span {
    let start = match loc.span().byte_offset() {
        Some(b) => file.clamp(usize::try_from(b).unwrap_or(usize::MAX)),
        None => {
            let line = usize::try_from(loc.line()).unwrap_or(0);
            let col = usize::try_from(loc.column()).unwrap_or(0);
            if line == 0 { file.text.len() } else { file.offset_of(line, col) }
        }
    };
    let len = loc.span().byte_len().and_then(|l| usize::try_from(l).ok()).unwrap_or(0);
    Span::new(id, start, file.clamp(start + len))
}

/// The span of a mapping key: the position serde gives, widened to the
/// key's text when it is there.
fn key_span(file: &SourceFile, id: FileId, at: Span, key: &str) -> Span {
    let start = file.clamp(at.start);
    if file.text[start..].starts_with(key) {
        return Span::new(id, start, start + key.len());
    }
    at
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    rules: Option<Spanned<Entries<RawRule>>>,
}

/// A mapping read in order, keys with positions.
#[derive(Debug)]
struct Entries<V>(Vec<(Spanned<String>, Spanned<V>)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Vis<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("映射（“键: 值”）")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<V>, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<Spanned<String>, Spanned<V>>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Entries<V>, E> {
                Ok(Entries(Vec::new()))
            }
        }
        d.deserialize_map(Vis(std::marker::PhantomData))
    }
}

/// `CH001: off` or `CH001: {level: …, option: …}`.
#[derive(Debug)]
enum RawRule {
    Level(String),
    Options(Entries<RawValue>),
}

impl<'de> Deserialize<'de> for RawRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis;
        impl<'de> Visitor<'de> for Vis {
            type Value = RawRule;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("级别（error、warning、info、off），或含有 level 和选项的映射")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRule, E> {
                Ok(RawRule::Level(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawRule, E> {
                Ok(RawRule::Level(if v { "on".into() } else { "off".into() }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawRule, A::Error> {
                Entries::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawRule::Options)
            }
        }
        d.deserialize_any(Vis)
    }
}

/// An option's value: text, a whole number, a list of words or a mapping
/// of words.
#[derive(Debug)]
enum RawValue {
    Str(String),
    Int(i64),
    List(Vec<String>),
    Map(Vec<(String, String)>),
    Other,
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis;
        impl<'de> Visitor<'de> for Vis {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("文字、整数、列表或映射")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Str(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(i64::try_from(v).map_or(RawValue::Other, RawValue::Int))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawValue, E> {
                Ok(RawValue::Other)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawValue, E> {
                Ok(RawValue::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::List(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<Scalar>()? {
                    out.push(s.0);
                }
                Ok(RawValue::List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<Scalar, Scalar>()? {
                    out.push((k.0, v.0));
                }
                Ok(RawValue::Map(out))
            }
        }
        d.deserialize_any(Vis)
    }
}

/// Any scalar, as text (so that `2021` in a word list is the word "2021").
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis;
        impl Visitor<'_> for Vis {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("文字")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.trim().to_string()))
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
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(Vis)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<Diagnostic>, Sources) {
        let mut sources = Sources::default();
        let (c, d) = Config::from_text(&mut sources, "lint.yaml", text.to_string());
        (c, d, sources)
    }

    #[test]
    fn levels_and_options() {
        let (c, d, _) = parse("rules:\n  CH001: off\n  ch002: info\n  duplicate-division-title: warning\n");
        assert!(d.is_empty(), "{d:?}");
        let r1 = find_rule("CH001").unwrap();
        let r2 = find_rule("CH002").unwrap();
        assert_eq!(c.severity(r1), None);
        assert_eq!(c.severity(r2), Some(Severity::Info));
    }

    #[test]
    fn unknown_code_has_position() {
        let (_, d, s) = parse("rules:\n  CH999: off\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "Y050");
        assert_eq!(s.describe(d[0].span().unwrap()), "lint.yaml:2:3");
    }

    #[test]
    fn bad_level() {
        let (_, d, s) = parse("rules:\n  CH001: loud\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "Y052");
        assert_eq!(s.describe(d[0].span().unwrap()), "lint.yaml:2:10");
    }

    #[test]
    fn unknown_top_key() {
        let (_, d, _) = parse("rulez:\n  CH001: off\n");
        assert_eq!(d[0].code, "Y051");
    }
}
