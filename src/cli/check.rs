//! `charter check`: report, or fix (`--fix`, `--diff`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{CmdResult, Global, out, summary, use_color};
use charter::{ConfigChoice, Diagnostic, Document, ToolError, diagnostic, lint, report};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 章程文件，或含有 charter.yaml 的文件夹
    #[arg(default_value = "charter")]
    pub path: PathBuf,
    /// 输出格式：human（默认）、short（每条一行）、json、sarif（SARIF 2.1.0）
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// 自动修复能安全修复的问题（只改动出问题的字符），然后报告剩下的问题
    #[arg(long)]
    pub fix: bool,
    /// 不写入文件，以统一差异格式（unified diff）显示 --fix 会做的修改
    #[arg(long)]
    pub diff: bool,
    /// 检查设置文件（默认：章程旁边的 lint.yaml）
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// 不读取 lint.yaml，使用默认设置
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Short,
    Json,
    Sarif,
}

pub fn run(args: &CheckArgs, global: &Global) -> CmdResult {
    let choice = match (&args.config, args.no_config) {
        (Some(p), _) => ConfigChoice::File(p),
        (None, true) => ConfigChoice::Defaults,
        (None, false) => ConfigChoice::Discover,
    };
    if args.fix || args.diff {
        return fix(args, global, choice);
    }
    let doc = charter::process_with(&args.path, choice)?;
    report_doc(&doc, args.format, global, None)?;
    Ok(u8::from(doc.has_errors()))
}

/// Print a document's diagnostics in the chosen format.
fn report_doc(doc: &Document, format: Format, global: &Global, fixed: Option<usize>) -> Result<(), super::Failure> {
    let shown: Vec<&Diagnostic> = doc.diagnostics.iter().filter(|d| !global.quiet || d.is_error()).collect();
    let s = match format {
        Format::Human => {
            let color = use_color(global.color, std::io::stdout().is_terminal());
            let mut s = String::new();
            for d in &shown {
                s.push_str(&diagnostic::render(d, &doc.sources, color));
                s.push_str("\n\n");
            }
            if !global.quiet {
                if let Some(n) = fixed {
                    s.push_str(&format!("已修复 {n} 处问题。"));
                }
                s.push_str(&summary(doc));
                let fixable = doc.diagnostics.iter().filter(|d| d.fix.is_some()).count();
                if fixable > 0 && fixed.is_none() {
                    s.push_str(&format!("其中 {fixable} 个可以用 charter check --fix 自动修复。"));
                }
                s.push('\n');
            }
            s
        }
        Format::Short => shown.iter().map(|d| format!("{}\n", diagnostic::render_line(d, &doc.sources))).collect(),
        Format::Json => report::json(doc, &shown)?,
        Format::Sarif => report::sarif(doc, &shown)?,
    };
    out(&s)
}

fn fix(args: &CheckArgs, global: &Global, choice: ConfigChoice) -> CmdResult {
    let file = charter::project::resolve_path(&args.path)?;
    let config = charter::read_config(&file, choice)?;
    let read = std::fs::read_to_string(&file).map_err(|e| ToolError::Read { path: file.clone(), source: e })?;
    // The loader drops a byte-order mark, so positions are without it; it
    // is put back when the file is written.
    let (bom, original) = match read.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest.to_string()),
        None => ("", read),
    };
    let outcome = lint::fix::fix_text(&original, &|text| charter::process_text(&file, text, config.clone()));
    if args.diff {
        let d = lint::fix::unified_diff(&display(&file), &original, &outcome.text);
        out(&d)?;
        let mut note = format!("可以自动修复 {} 处问题。", outcome.applied.len());
        if outcome.applied.is_empty() {
            note = "没有可以自动修复的问题。".into();
        }
        if !global.quiet {
            eprintln!("{note}");
        }
        return Ok(u8::from(!outcome.applied.is_empty()));
    }
    if outcome.text != original {
        // Not over an edit saved while the fixes ran (exit 2, nothing written).
        let read = format!("{bom}{original}");
        charter::fsutil::replace_if_unchanged(&file, read.as_bytes(), format!("{bom}{}", outcome.text).as_bytes())?;
    }
    if outcome.refused > 0 && !global.quiet {
        eprintln!("有 {} 处修复会破坏文件结构，没有应用。", outcome.refused);
    }
    let doc = charter::process_text(&file, &outcome.text, config);
    report_doc(&doc, args.format, global, Some(outcome.applied.len()))?;
    Ok(u8::from(doc.has_errors()))
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
