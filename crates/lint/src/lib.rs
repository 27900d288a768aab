//! The checker: lint rules over a loaded, numbered, resolved charter.
//!
//! One rule per file in `rules/`, each declared with [`declare_rule!`]: a
//! code, a name, a default severity, its options, a check function and a
//! doc comment in Chinese (它查什么 / 为什么 / 例子 / 应当写成) that
//! `charter explain CODE` prints. The checker never touches the file system:
//! the configuration ([`config`]) is parsed from text the caller read.
//!
//! Shared analyses that several rules need are computed once, on first use,
//! and cached in the [`Context`]: the texts as printed ([`sites`]) and the
//! names of bodies and roles ([`names`]).

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use charter_core::Document;
use charter_core::diagnostic::{self, Code, Diagnostic, Severity};
use charter_core::model::{Article, Charter};
use charter_core::number::Numbering;
use charter_core::resolve::{self, RefProblem};
use charter_core::source::SourceFile;
use charter_core::text::{Plain, Text};

pub mod cjk;
pub mod config;
pub mod fix;
pub mod names;
pub mod report;
pub mod rules;
pub mod sites;
mod suppress;

pub use config::Config;

/// Everything a rule may look at.
#[derive(Debug)]
pub struct Context<'a> {
    pub charter: &'a Charter,
    pub numbering: &'a Numbering,
    pub file: &'a SourceFile,
    pub ref_problems: &'a [RefProblem<'a>],
    pub config: &'a Config,
    /// Where the sites' printed texts are held, one after another.
    texts: &'a sites::Texts,
    sites: OnceCell<Vec<sites::Site<'a>>>,
    names: OnceCell<names::Analysis<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(
        charter: &'a Charter,
        numbering: &'a Numbering,
        file: &'a SourceFile,
        ref_problems: &'a [RefProblem<'a>],
        config: &'a Config,
        texts: &'a sites::Texts,
    ) -> Self {
        Context {
            charter,
            numbering,
            file,
            ref_problems,
            config,
            texts,
            sites: OnceCell::new(),
            names: OnceCell::new(),
        }
    }

    /// A text as printed (references cited from `article`).
    pub fn plain<'t>(&self, text: &'t Text, article: Option<&Article>) -> Plain<'t> {
        let from = article.map(|a| a.id.as_str());
        text.plain_with(&|r| resolve::cite(self.numbering, r, from))
    }

    /// A division as named in messages: 第三章“总则”, or 章“附则” when it
    /// has no number.
    pub fn division_name(&self, d: &charter_core::model::Division) -> String {
        let l = self.numbering.division_label(d);
        if l.is_empty() { format!("{}“{}”", d.level.word(), d.title) } else { format!("{l}“{}”", d.title) }
    }

    /// Label of an article: 第二十条 (第二十條 in a Traditional charter).
    pub fn article_label(&self, a: &Article) -> String {
        self.numbering.article(&a.id).map(|n| self.numbering.article_label(n)).unwrap_or_default()
    }

    /// Every text of the document as a reader sees it, in document order.
    pub fn sites(&self) -> &[sites::Site<'a>] {
        self.sites.get_or_init(|| sites::collect(self))
    }

    /// Names of bodies and roles, the glossary and abbreviations.
    pub fn names(&self) -> &names::Analysis<'a> {
        self.names.get_or_init(|| names::analyse(self))
    }

    /// A list option of a rule: the built-in default extended by the
    /// configuration.
    pub fn words(&self, rule: &Rule, option: &str) -> Vec<String> {
        self.config.words(rule, option)
    }

    /// A number option of a rule.
    pub fn number(&self, rule: &Rule, option: &str) -> i64 {
        self.config.number(rule, option)
    }

    /// A mapping option of a rule (wrong → right), default extended by the
    /// configuration.
    pub fn pairs(&self, rule: &Rule, option: &str) -> Vec<(String, String)> {
        self.config.pairs(rule, option)
    }
}

/// A lint rule.
#[derive(Debug)]
pub struct Rule {
    /// The rule's code in the lint registry (its default severity and its
    /// doc are the code's).
    pub code: Code,
    pub name: &'static str,
    /// Options that can be set in the configuration.
    pub options: &'static [RuleOption],
    /// Whether the rule offers fixes (`check --fix`).
    pub fixable: bool,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

/// An option of a rule, set under the rule's code in `lint.yaml`.
#[derive(Debug)]
pub struct RuleOption {
    pub name: &'static str,
    pub default: OptionDefault,
    /// One line in Chinese, for `charter explain` and docs/lint.md.
    pub doc: &'static str,
}

/// The kind and built-in value of an option.
#[derive(Debug)]
pub enum OptionDefault {
    /// A list of words; the configuration adds to it.
    Words(&'static [&'static str]),
    /// Pairs `wrong: right`; the configuration adds to them.
    Pairs(&'static [(&'static str, &'static str)]),
    /// A whole number.
    Number(i64),
}

impl OptionDefault {
    pub fn kind_zh(&self) -> &'static str {
        match self {
            OptionDefault::Words(_) => "词语列表",
            OptionDefault::Pairs(_) => "映射（错误写法: 正确写法）",
            OptionDefault::Number(_) => "整数",
        }
    }

    /// The default as text, for documentation.
    pub fn describe(&self) -> String {
        match self {
            OptionDefault::Words(w) => format!("[{}]", w.join(", ")),
            OptionDefault::Pairs(p) => {
                format!("{{{}}}", p.iter().map(|(a, b)| format!("{a}: {b}")).collect::<Vec<_>>().join(", "))
            }
            OptionDefault::Number(n) => n.to_string(),
        }
    }
}

impl Rule {
    /// The default severity (the registry's).
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The doc comment: what `charter explain` prints.
    pub fn doc(&self) -> &'static str {
        self.code.doc()
    }

    /// A finding of this rule, with the rule's code and default severity
    /// (the checker applies the configured severity).
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, message)
    }

    /// The first line of the doc: a one-line summary.
    pub fn summary(&self) -> &'static str {
        self.doc().lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("")
    }

    pub fn option(&self, name: &str) -> Option<&'static RuleOption> {
        self.options.iter().find(|o| o.name == name)
    }
}

/// Declare a rule: its doc comment becomes [`Rule::doc`].
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* pub static $name:ident = {
        code: $code:literal,
        name: $rname:literal,
        severity: $sev:ident,
        $(options: $options:expr,)?
        $(fixable: $fixable:literal,)?
        check: $check:path $(,)?
    }) => {
        $(#[doc = $doc])*
        pub static $name: $crate::Rule = $crate::Rule {
            code: ::charter_core::diagnostic::Code::new(&::charter_core::diagnostic::CodeInfo {
                code: $code,
                origin: ::charter_core::diagnostic::Origin::Lint,
                severity: ::charter_core::diagnostic::Severity::$sev,
                doc: concat!($($doc, "\n"),*),
            }),
            name: $rname,
            options: $crate::declare_rule!(@opts $($options)?),
            fixable: $crate::declare_rule!(@fix $($fixable)?),
            check: $check,
        };
    };
    (@opts) => { &[] };
    (@opts $o:expr) => { $o };
    (@fix) => { false };
    (@fix $f:literal) => { $f };
}

/// All rules, in code order.
pub fn all_rules() -> &'static [&'static Rule] {
    rules::ALL
}

/// A rule by code (`CH001`, any case) or name (`duplicate-heading`).
pub fn find_rule(code: &str) -> Option<&'static Rule> {
    let code = code.trim();
    all_rules()
        .iter()
        .copied()
        .find(|r| r.code.as_str().eq_ignore_ascii_case(code) || r.name.eq_ignore_ascii_case(code))
}

/// Run every enabled rule with its configured severity, then apply the
/// `allow:` suppressions of the charter.
pub fn check(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in all_rules() {
        let Some(severity) = ctx.config.severity(rule) else { continue };
        let mut found = Vec::new();
        (rule.check)(ctx, &mut found);
        for mut d in found {
            debug_assert_eq!(d.code, rule.code, "{} reported a finding under another code", rule.code);
            d.severity = severity;
            out.push(d);
        }
    }
    suppress::apply(ctx, &mut out);
    out
}

/// Run the checker over a loaded document with a configuration given as
/// (path, text) — `None` for the built-in defaults — and sort the
/// diagnostics. Configuration mistakes (`Y05x`) join the document's.
pub fn check_document(doc: &mut Document, config: Option<(PathBuf, String)>) {
    let config = match config {
        Some((path, text)) => {
            let (c, d) = Config::from_text(&mut doc.sources, path, text);
            doc.diagnostics.extend(d);
            c
        }
        None => Config::default(),
    };
    if let Some(charter) = &doc.charter {
        let ref_problems = resolve::resolve(charter, &doc.numbering);
        let texts = sites::Texts::default();
        let ctx = Context::new(charter, &doc.numbering, doc.sources.file(doc.file), &ref_problems, &config, &texts);
        let found = check(&ctx);
        doc.diagnostics.extend(found);
    }
    diagnostic::sort(&mut doc.diagnostics);
}

/// Load, number, resolve and check YAML text already in memory, with a
/// configuration given as (path, text).
pub fn process_text(path: &Path, text: &str, config: Option<(PathBuf, String)>) -> Document {
    let mut doc = Document::load_text(path, text.to_string());
    check_document(&mut doc, config);
    doc
}

/// Load, number, resolve and check a file's bytes read elsewhere (e.g. from
/// a git revision), with the built-in configuration; `name` is what
/// messages call the file.
pub fn process_bytes(name: &Path, bytes: Vec<u8>) -> Document {
    let mut doc = Document::load(name, bytes);
    check_document(&mut doc, None);
    doc
}

/// Load, number, resolve and check YAML text already in memory, with the
/// built-in configuration.
pub fn process_str(name: &str, text: &str) -> Document {
    process_bytes(Path::new(name), text.as_bytes().to_vec())
}
