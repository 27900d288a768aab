//! `charter diff OLD NEW` and `charter diff --rev A..B PATH`.
//!
//! Exit codes: 0 when the comparison was made (whether or not the drafts
//! differ), 1 when a draft cannot be read as a charter (its diagnostics go
//! to stderr) or, for `--format pdf`, when a character to print has no
//! glyph in any font, 2 when the tool cannot run (missing file, git
//! failure, bad arguments, a broken template).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use charter::diagnostic;
use charter::project::diff::{self, Comparison, DiffPdf, Side, Source, TextFormat};
use charter::render::FontSet;

use super::typeset::{FontArgs, print_report, render_failure, template_failure};
use super::{CmdResult, Global, out, use_color};

#[derive(Debug, Args)]
#[command(after_help = "退出码：0 比较完成（无论两稿是否有差异）；1 某一稿无法读取为章程，或 PDF 中有字符没有字形；\
                        2 工具无法运行。\n\
                        例：charter diff charter/charter.yaml charter/drafts/revised.yaml\n\
                        \u{20}   charter diff --rev HEAD~1..HEAD charter/\n\
                        \u{20}   charter diff charter/charter.yaml charter/drafts/revised.yaml --format pdf\
                        （写入 out/diff-charter-revised.pdf）")]
pub struct DiffArgs {
    /// 修改前的章程（文件，或含有 charter.yaml 的文件夹）；用 --rev 时是要比较的章程路径
    pub old: Option<PathBuf>,
    /// 修改后的章程
    pub new: Option<PathBuf>,
    /// 比较同一份章程在两个 git 版本中的内容：A..B（B 省略时为工作区中的文件）
    #[arg(long, value_name = "A..B")]
    pub rev: Option<String>,
    /// 输出格式：term（终端，默认）、html（修改对照网页）、json、pdf（修改对照表）、docx（修订模式的 Word 文档）
    #[arg(long, value_enum, default_value_t = Format::Term)]
    pub format: Format,
    /// 写入文件，而不是输出到终端（pdf、docx 默认写入 out/diff-修改前-修改后.pdf 或 .docx）
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// docx 中修订的作者；修订日期取修改后一稿的 date
    #[arg(long, value_name = "NAME", default_value = charter::docx::DEFAULT_AUTHOR)]
    pub author: String,
    #[command(flatten)]
    pub fonts: FontArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Term,
    Html,
    Json,
    Pdf,
    Docx,
}

pub fn run(args: &DiffArgs, global: &Global) -> CmdResult {
    let (old, new) = Source::pair(args.old.as_deref(), args.new.as_deref(), args.rev.as_deref())?;
    let fonts = if matches!(args.format, Format::Pdf | Format::Docx) { Some(args.fonts.load()?) } else { None };
    let cmp = Comparison::open(old, new)?;
    let mut bad = false;
    for side in [&cmp.old, &cmp.new] {
        bad |= report_load_errors(side, global);
    }
    let Some(d) = cmp.diff() else { return Ok(1) };
    if bad {
        return Ok(1);
    }
    if let (Some(fonts), Format::Docx) = (&fonts, args.format) {
        let Some(bytes) = cmp.docx(&d, fonts, &args.author)? else { return Ok(1) };
        let path = args.output.clone().unwrap_or_else(|| cmp.default_path("docx"));
        charter::fsutil::write_atomic(&path, &bytes)?;
        if !global.quiet {
            out(&format!(
                "已生成 {}（修订模式：接受全部修订得到修改后一稿，拒绝全部得到修改前一稿）\n",
                path.display()
            ))?;
        }
        return Ok(0);
    }
    if let Some(fonts) = &fonts {
        return pdf(args, global, &cmp, &d, fonts);
    }
    let format = match args.format {
        Format::Json => TextFormat::Json,
        Format::Html => TextFormat::Html,
        Format::Term | Format::Pdf | Format::Docx => TextFormat::Term {
            color: args.output.is_none() && use_color(global.color, std::io::stdout().is_terminal()),
        },
    };
    let text = diff::text(&cmp, &d, format).map_err(|e| render_failure(e, global))?;
    match &args.output {
        Some(path) => charter::fsutil::write_atomic(path, text.as_bytes())?,
        None => out(&text)?,
    }
    Ok(0)
}

/// The 修改对照表: checked against the fonts, compiled, written.
fn pdf(args: &DiffArgs, global: &Global, cmp: &Comparison, d: &charter::diff::Diff, fonts: &FontSet) -> CmdResult {
    let pdf = match cmp.pdf(d, fonts)? {
        DiffPdf::Rendered(pdf) => pdf,
        DiffPdf::MissingGlyphs { sides, elsewhere, count } => {
            for (side, diags) in [&cmp.old, &cmp.new].into_iter().zip(&sides) {
                super::report_diagnostics(diags, &side.doc.sources, global);
            }
            super::report_diagnostics(&elsewhere, &charter::Sources::default(), global);
            eprintln!("有 {count} 个字符在字体中没有字形，没有生成文件。");
            return Ok(1);
        }
        DiffPdf::Template(report) => return Err(template_failure(&report, global)),
    };
    print_report(&pdf.warnings, global);
    let path = match &args.output {
        Some(p) => p.clone(),
        None => cmp.default_pdf_path(),
    };
    charter::fsutil::write_atomic(&path, &pdf.bytes)?;
    if !global.quiet {
        out(&format!("已生成 {}（{} 页）\n", path.display(), pdf.pages))?;
    }
    Ok(0)
}

/// Print a draft's errors that stop the comparison (the YAML could not be
/// read, or the loader refused it). Lint findings are not the diff's
/// business: `charter check` reports them.
fn report_load_errors(side: &Side, global: &Global) -> bool {
    let color = use_color(global.color, std::io::stderr().is_terminal());
    let blocking = side.load_errors();
    for d in &blocking {
        eprintln!("{}", diagnostic::render(d, &side.doc.sources, color));
    }
    !side.is_comparable()
}
