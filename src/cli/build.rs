//! `charter build`: the printable PDF and the HTML page.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::typeset::{FontArgs, docx_fonts, print_report, template_failure};
use super::{CmdResult, Global, out, use_color};
use charter::render::{self, BuildOptions, FontSet, pdf};
use charter::{Document, diagnostic};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// 章程文件，或含有 charter.yaml 的文件夹
    #[arg(default_value = "charter")]
    pub path: PathBuf,
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
    /// 列出找到的字体和每种用途选中的字体，然后退出
    #[arg(long)]
    pub list_fonts: bool,
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
    let font_options = args.fonts.options()?;
    let want_pdf = args.format.contains(&Format::Pdf);
    let want_html = args.format.contains(&Format::Html);
    let want_docx = args.format.contains(&Format::Docx);
    let fonts = (want_pdf || want_docx || args.list_fonts).then(|| FontSet::load(&font_options));
    if args.list_fonts {
        return list_fonts(fonts.as_ref());
    }

    let file = charter::project::resolve_path(&args.path)?;
    let mut doc = charter::process(&file)?;
    let project_dir = file.parent().map(Path::to_path_buf);
    if let (Some(fonts), Some(c), true) = (&fonts, &doc.charter, want_pdf) {
        doc.diagnostics.extend(render::glyphs::check(c, doc.sources.file(doc.file), fonts));
        diagnostic::sort(&mut doc.diagnostics);
    }
    let errors = doc.diagnostics.iter().filter(|d| d.is_error()).count();
    print_diagnostics(&doc, global);
    let Some(charter) = &doc.charter else {
        eprintln!("章程无法读取，没有生成文件。");
        return Ok(1);
    };
    if errors > 0 && !args.force {
        eprintln!(
            "章程有 {errors} 个错误，没有生成文件。改正后再试；或者加 --force 强制生成（封面将注明“未通过检查”）。"
        );
        return Ok(1);
    }

    let watermark = args.watermark.as_ref().map(|w| {
        if w.trim().is_empty() {
            charter.meta.status.clone().unwrap_or_else(|| "草案".to_string())
        } else {
            w.clone()
        }
    });
    let options = BuildOptions {
        errors,
        watermark,
        standard: match args.pdf_standard {
            Standard::V1_7 => pdf::Standard::Pdf17,
            Standard::A2b => pdf::Standard::PdfA2b,
        },
    };
    let stem = file.file_stem().map_or_else(|| "charter".to_string(), |s| s.to_string_lossy().into_owned());
    // Render everything first, then write: a template error leaves no
    // half of the output behind.
    let mut files: Vec<(PathBuf, Vec<u8>, String)> = Vec::new();
    if let (Some(fonts), true) = (&fonts, want_pdf) {
        let template = render::template(project_dir.as_deref(), render::PDF_TEMPLATE)?;
        let result = render::charter_pdf(charter, &doc.numbering, &template, fonts, &options);
        let pdf = result.map_err(|r| template_failure(&r, global))?;
        print_report(&pdf.warnings, global);
        let path = args.output.join(format!("{stem}.pdf"));
        let shown = format!("{}（{} 页）", path.display(), pdf.pages);
        files.push((path, pdf.bytes, shown));
    }
    if want_html {
        let template = render::template(project_dir.as_deref(), render::HTML_TEMPLATE)?;
        let html = render::charter_html(charter, &doc.numbering, &template, &options)
            .map_err(|r| template_failure(&r, global))?;
        let path = args.output.join(format!("{stem}.html"));
        let shown = path.display().to_string();
        files.push((path, html.into_bytes(), shown));
    }
    if let (Some(fonts), true) = (&fonts, want_docx) {
        let docx_options = charter::docx::Options {
            fonts: docx_fonts(fonts),
            errors,
            author: charter::docx::DEFAULT_AUTHOR.to_string(),
        };
        let bytes = charter::docx::charter(charter, &doc.numbering, &docx_options);
        let path = args.output.join(format!("{stem}.docx"));
        let shown = path.display().to_string();
        files.push((path, bytes, shown));
    }
    let mut written = Vec::new();
    for (path, bytes, shown) in files {
        charter::fsutil::write_atomic(&path, &bytes)?;
        written.push(shown);
    }
    if !global.quiet {
        let mut s = String::new();
        for w in &written {
            s.push_str(&format!("已生成 {w}\n"));
        }
        if errors > 0 {
            s.push_str(&format!("注意：章程有 {errors} 个错误，文件是强制生成的，封面注明了“未通过检查”。\n"));
        }
        out(&s)?;
    }
    Ok(0)
}

/// Errors in full; warnings and notes only counted (`check` lists them).
fn print_diagnostics(doc: &Document, global: &Global) {
    let color = use_color(global.color, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    let mut others = 0;
    for d in &doc.diagnostics {
        if d.is_error() {
            let _ = writeln!(err, "{}\n", diagnostic::render(d, &doc.sources, color));
        } else {
            others += 1;
        }
    }
    if others > 0 && !global.quiet {
        let _ = writeln!(err, "另有 {others} 个警告或提示，用 charter check 查看。");
    }
}

fn list_fonts(fonts: Option<&FontSet>) -> CmdResult {
    let Some(fonts) = fonts else { return Ok(0) };
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
