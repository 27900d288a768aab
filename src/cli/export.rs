//! `charter export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{CmdResult, Global, out, report_to_stderr};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 章程文件，或含有 charter.yaml 的文件夹
    #[arg(default_value = "charter")]
    pub path: PathBuf,
    /// 导出格式
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// 版本化的 JSON（docs/export-json.md）
    Json,
    /// 常见的纯文本排版：标题、第一章　总则、第一条　……、（一）……；charter import 可以读回
    Text,
}

pub fn run(args: &ExportArgs, global: &Global) -> CmdResult {
    let doc = charter::process(&args.path)?;
    let has_errors = report_to_stderr(&doc, global);
    if let Some(c) = &doc.charter {
        match args.format {
            Format::Json => out(&charter::export::to_json(c, &doc.numbering)?)?,
            Format::Text => out(&charter::export_text::to_text(c, &doc.numbering))?,
        }
    }
    Ok(u8::from(has_errors))
}
