//! `charter outline`: the outline on stdout; the diagnostics only as one
//! summary line on stderr (`charter check` lists them). Exit 1 only when
//! the charter could not be read at all.

use super::{CmdResult, Global, PathArg, out, report_diagnostics, summary};

pub fn run(args: &PathArg, global: &Global) -> CmdResult {
    let doc = charter::process(&args.path)?;
    let Some(c) = &doc.charter else {
        report_diagnostics(&doc.diagnostics, &doc.sources, global);
        return Ok(1);
    };
    // Terminal text: control characters of the charter shown escaped (line
    // breaks are the outline's own).
    let text = charter::outline::outline(c, &doc.numbering);
    let lines: Vec<String> = text.split('\n').map(|l| charter::diagnostic::escape_controls(l).into_owned()).collect();
    out(&lines.join("\n"))?;
    if !doc.diagnostics.is_empty() && !global.quiet {
        eprintln!("{}详情请运行 charter check。", summary(&doc));
    }
    Ok(0)
}
