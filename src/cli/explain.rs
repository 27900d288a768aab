//! `charter explain CODE` and `charter rules`.

use clap::Args;

use super::{CmdResult, out};
use charter::ToolError;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// 诊断代码（如 CH001、Y010）或规则名（如 duplicate-heading）
    pub code: String,
}

pub fn run(args: &ExplainArgs) -> CmdResult {
    match charter::explain::explain(&args.code) {
        Some(doc) => {
            out(&unindent_doc(&doc))?;
            Ok(0)
        }
        None => Err(ToolError::UnknownCode { code: args.code.clone() }.into()),
    }
}

pub fn rules() -> CmdResult {
    let mut s = String::new();
    for r in charter::lint::all_rules() {
        let fix = if r.fixable { "可修复" } else { "　　　" };
        s.push_str(&format!("{}  {:<30} {}  {}  {}\n", r.code, r.name, r.severity().name_zh(), fix, r.summary()));
    }
    out(&s)?;
    Ok(0)
}

/// Doc comments carry one leading space per line; drop it.
fn unindent_doc(s: &str) -> String {
    let mut o: String = s.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n");
    o.push('\n');
    o
}
