//! The checker: lint rules over a loaded, numbered, resolved charter.
//!
//! One rule per file in `rules/`, each declared with [`declare_rule!`]: a
//! code, a name, a default severity, a check function and a doc comment in
//! Chinese (它查什么 / 为什么 / 例子 / 应当写成) that `charter explain CODE`
//! prints. The checker never touches the file system.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Article, Charter};
use crate::number::Numbering;
use crate::resolve::{self, RefProblem};
use crate::source::SourceFile;
use crate::text::{Plain, Text};

pub mod rules;

/// Everything a rule may look at.
#[derive(Debug)]
pub struct Context<'a> {
    pub charter: &'a Charter,
    pub numbering: &'a Numbering,
    pub file: &'a SourceFile,
    pub ref_problems: &'a [RefProblem<'a>],
}

impl Context<'_> {
    /// A text as printed (references cited from `article`).
    pub fn plain(&self, text: &Text, article: Option<&Article>) -> Plain {
        let from = article.map(|a| a.id.as_str());
        text.plain_with(&|r| resolve::cite(self.numbering, r, from))
    }

    /// Label of an article: 第二十条.
    pub fn article_label(&self, a: &Article) -> String {
        self.numbering.article(&a.id).map(|n| n.label()).unwrap_or_default()
    }
}

/// A lint rule.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The doc comment: what `charter explain` prints.
    pub doc: &'static str,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

impl Rule {
    /// The first line of the doc: a one-line summary.
    pub fn summary(&self) -> &'static str {
        self.doc.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("")
    }
}

/// Declare a rule: its doc comment becomes [`Rule::doc`].
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* pub static $name:ident = { code: $code:literal, name: $rname:literal, severity: $sev:ident, check: $check:path $(,)? }) => {
        $(#[doc = $doc])*
        pub static $name: $crate::lint::Rule = $crate::lint::Rule {
            code: $code,
            name: $rname,
            severity: $crate::diagnostic::Severity::$sev,
            doc: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}

/// All rules, in code order.
pub fn all_rules() -> &'static [&'static Rule] {
    rules::ALL
}

pub fn find_rule(code: &str) -> Option<&'static Rule> {
    let code = code.trim().to_ascii_uppercase();
    all_rules().iter().copied().find(|r| r.code == code || r.name.eq_ignore_ascii_case(&code))
}

/// Run every rule; each diagnostic gets its rule's code and severity.
pub fn check(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in all_rules() {
        let mut found = Vec::new();
        (rule.check)(ctx, &mut found);
        for mut d in found {
            d.code = rule.code;
            d.severity = rule.severity;
            out.push(d);
        }
    }
    out
}
