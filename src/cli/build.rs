//! `charter build`: the printable PDF and the HTML page.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::typeset::{FontArgs, print_report, template_failure};
use super::{CmdResult, Failure, Global, out, use_color};
use charter::project::output::{self, Output};
use charter::project::{BuildFailure, BuildOutcome, BuildRequest, BuildStatus, OpenOptions, Project, Session};
use charter::render::{FontSet, pdf};
use charter::{Diagnostic, Sources, diagnostic};
use charter_core::model::PrintLayout;

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// 章程文件，或含有 charter.yaml 的文件夹
    #[arg(default_value = "charter")]
    pub path: PathBuf,
    #[command(flatten)]
    pub out: OutputArgs,
    /// 列出找到的字体和每种用途选中的字体，然后退出
    #[arg(long)]
    pub list_fonts: bool,
}

/// What `build` and `watch` share: which files, where, and how.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// 输出格式：pdf、html、docx（Word），可以写多个，用逗号分开
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Pdf, Format::Html])]
    pub format: Vec<Format>,
    /// 输出文件夹（相对于当前目录）
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    /// 章程有错误时仍然生成（封面注明“未通过检查”）
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub fonts: FontArgs,
    /// 在每页加斜向水印；不写文字时用章程的状态（如“草案”）
    #[arg(long, value_name = "TEXT", num_args = 0..=1, default_missing_value = "")]
    pub watermark: Option<String>,
    /// PDF 标准：1.7（默认）或 a-2b（PDF/A-2b，用于存档）
    #[arg(long, value_enum, default_value_t = Standard::V1_7)]
    pub pdf_standard: Standard,
    /// 印刷版式：auto（默认：按 charter.yaml 的 layout，没写时不超过 20 条用 short）、short（不要封面和目录，单面印刷、没有空白页）、full（封面、目录，双面印刷）
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    pub layout: LayoutArg,
}

impl OutputArgs {
    /// The build request these options ask for; `session` is a watcher's
    /// (fonts loaded once, typst kept warm), `None` for a single build.
    pub fn request<'a>(&self, session: Option<&'a Session>) -> BuildRequest<'a> {
        // Always in this order, whatever the order of --format.
        let outputs =
            [(Format::Pdf, &output::Pdf as &dyn Output), (Format::Html, &output::Html), (Format::Docx, &output::Docx)]
                .into_iter()
                .filter(|(f, _)| self.format.contains(f))
                .map(|(_, o)| o)
                .collect();
        BuildRequest {
            outputs,
            out_dir: self.output.clone(),
            force: self.force,
            watermark: self.watermark.clone(),
            standard: match self.pdf_standard {
                Standard::V1_7 => pdf::Standard::Pdf17,
                Standard::A2b => pdf::Standard::PdfA2b,
            },
            session,
            layout: match self.layout {
                LayoutArg::Auto => None,
                LayoutArg::Short => Some(PrintLayout::Short),
                LayoutArg::Full => Some(PrintLayout::Full),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    Auto,
    Short,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Pdf,
    Html,
    /// Word 文档（.docx）
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Standard {
    #[value(name = "1.7")]
    V1_7,
    #[value(name = "a-2b")]
    A2b,
}

pub fn run(args: &BuildArgs, global: &Global) -> CmdResult {
    let font_options = args.out.fonts.options()?;
    if args.list_fonts {
        return list_fonts(&FontSet::load(&font_options));
    }
    let project = Project::open_with(&args.path, &OpenOptions { fonts: font_options, ..OpenOptions::default() })?;
    let outcome = project.build(&args.out.request(None));
    report(&project, outcome, global)
}

/// Print a build's diagnostics and messages, write its files when it is
/// complete, and choose the exit code (shared with `watch`).
pub fn report(project: &Project, outcome: BuildOutcome, global: &Global) -> CmdResult {
    let errors = outcome.errors;
    print_diagnostics(&outcome.diagnostics, &project.document().sources, global);
    match &outcome.status {
        BuildStatus::Unreadable => {
            eprintln!("章程无法读取，没有生成文件。");
            return Ok(1);
        }
        BuildStatus::Refused => {
            eprintln!(
                "章程有 {errors} 个错误，没有生成文件。改正后再试；或者加 --force 强制生成（封面将注明“未通过检查”）。"
            );
            return Ok(1);
        }
        BuildStatus::Failed(_) | BuildStatus::Rendered => {}
    }
    for f in &outcome.rendered {
        print_report(&f.warnings, global);
    }
    let written = match outcome.status {
        BuildStatus::Failed(BuildFailure::Template(report)) => return Err(template_failure(&report, global)),
        BuildStatus::Failed(BuildFailure::Tool(e)) => return Err(Failure::Tool(e)),
        _ => outcome.write()?,
    };
    if !global.quiet {
        let mut s = String::new();
        for (f, path) in outcome.rendered.iter().zip(&written) {
            match f.pages {
                Some(pages) => s.push_str(&format!("已生成 {}（{pages} 页）\n", path.display())),
                None => s.push_str(&format!("已生成 {}\n", path.display())),
            }
        }
        if errors > 0 {
            s.push_str(&format!("注意：章程有 {errors} 个错误，文件是强制生成的，封面注明了“未通过检查”。\n"));
        }
        out(&s)?;
    }
    Ok(0)
}

/// Errors in full; warnings and notes only counted (`check` lists them).
fn print_diagnostics(diagnostics: &[Diagnostic], sources: &Sources, global: &Global) {
    let color = use_color(global.color, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    let mut others = 0;
    for d in diagnostics {
        if d.is_error() {
            let _ = writeln!(err, "{}\n", diagnostic::render(d, sources, color));
        } else {
            others += 1;
        }
    }
    if others > 0 && !global.quiet {
        let _ = writeln!(err, "另有 {others} 个警告或提示，用 charter check 查看。");
    }
}

fn list_fonts(fonts: &FontSet) -> CmdResult {
    let mut s = format!("找到 {} 个字体：\n", fonts.len());
    for line in fonts.describe() {
        s.push_str(&format!("  {line}\n"));
    }
    let r = fonts.resolve();
    s.push_str("\n各用途选中的字体（按优先顺序）：\n");
    for (name, list) in [
        ("正文（仿宋）", &r.body),
        ("页码（宋体）", &r.song),
        ("标题（黑体）", &r.heading),
        ("题目（小标宋）", &r.title),
        ("强调（楷体）", &r.kai),
    ] {
        let shown = if list.is_empty() { "（无）".to_string() } else { list.join("、") };
        s.push_str(&format!("  {name}：{shown}\n"));
    }
    out(&s)?;
    Ok(0)
}
