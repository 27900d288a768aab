//! `charter outline`.

use super::{CmdResult, Global, PathArg, out, report_to_stderr};

pub fn run(args: &PathArg, global: &Global) -> CmdResult {
    let doc = charter::process(&args.path)?;
    let has_errors = report_to_stderr(&doc, global);
    if let Some(c) = &doc.charter {
        out(&charter::outline::outline(c, &doc.numbering))?;
    }
    Ok(u8::from(has_errors))
}
