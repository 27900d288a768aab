//! `charter outline`.

use super::{CmdResult, Global, PathArg, out, report_to_stderr};

pub fn run(args: &PathArg, global: &Global) -> CmdResult {
    let doc = charter::process(&args.path)?;
    let has_errors = report_to_stderr(&doc, global);
    if let Some(c) = &doc.charter {
        // Terminal text: control characters of the charter shown escaped
        // (line breaks are the outline's own).
        let text = charter::outline::outline(c, &doc.numbering);
        let lines: Vec<String> =
            text.split('\n').map(|l| charter::diagnostic::escape_controls(l).into_owned()).collect();
        out(&lines.join("\n"))?;
    }
    Ok(u8::from(has_errors))
}
