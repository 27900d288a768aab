//! `charter check`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{CmdResult, Global, out, summary, use_color};
use charter::diagnostic;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 章程文件，或含有 charter.yaml 的文件夹
    #[arg(default_value = "charter")]
    pub path: PathBuf,
    /// 输出格式：human（默认）、short（每条一行）、json
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Short,
    Json,
}

#[derive(Serialize)]
struct JsonDiag<'a> {
    code: &'a str,
    severity: charter::Severity,
    message: &'a str,
    file: String,
    line: usize,
    column: usize,
    labels: Vec<JsonLabel>,
    hints: &'a [String],
}

#[derive(Serialize)]
struct JsonLabel {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: String,
    primary: bool,
}

pub fn run(args: &CheckArgs, global: &Global) -> CmdResult {
    let doc = charter::process(&args.path)?;
    let shown = doc.diagnostics.iter().filter(|d| !global.quiet || d.is_error());
    match args.format {
        Format::Human => {
            let color = use_color(global.color, std::io::stdout().is_terminal());
            let mut s = String::new();
            for d in shown {
                s.push_str(&diagnostic::render(d, &doc.sources, color));
                s.push_str("\n\n");
            }
            if !global.quiet {
                s.push_str(&summary(&doc));
                s.push('\n');
            }
            out(&s)?;
        }
        Format::Short => {
            let mut s = String::new();
            for d in shown {
                s.push_str(&diagnostic::render_short(d, &doc.sources));
                s.push('\n');
            }
            out(&s)?;
        }
        Format::Json => {
            let list: Vec<JsonDiag> = shown
                .map(|d| {
                    let labels: Vec<JsonLabel> = d
                        .labels
                        .iter()
                        .map(|l| {
                            let f = doc.sources.file(l.span.file);
                            let (line, column) = f.line_col(l.span.start);
                            let (end_line, end_column) = f.line_col(l.span.end);
                            JsonLabel {
                                file: f.path.display().to_string(),
                                line,
                                column,
                                end_line,
                                end_column,
                                message: l.message.clone(),
                                primary: l.primary,
                            }
                        })
                        .collect();
                    let main = labels.iter().find(|l| l.primary).or(labels.first());
                    JsonDiag {
                        code: d.code,
                        severity: d.severity,
                        message: &d.message,
                        file: main.map(|l| l.file.clone()).unwrap_or_default(),
                        line: main.map_or(0, |l| l.line),
                        column: main.map_or(0, |l| l.column),
                        labels,
                        hints: &d.hints,
                    }
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
            s.push('\n');
            out(&s)?;
        }
    }
    Ok(u8::from(doc.has_errors()))
}
