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
    out(&charter::outline::outline(c, &doc.numbering))?;
    if !doc.diagnostics.is_empty() && !global.quiet {
        eprintln!("{}详情请运行 charter check。", summary(&doc));
    }
    Ok(0)
}
