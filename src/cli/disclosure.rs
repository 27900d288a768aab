//! `charter disclosure`: the reform disclosure (改革情况公开) as PDF and
//! HTML, with the self-assessment computed and checked against the charter.

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::typeset::{FontArgs, print_report, render_failure, template_failure};
use super::{CmdResult, Global, out, use_color};
use charter::render::{self, BuildOptions};
use charter::{Diagnostic, diagnostic};

#[derive(Debug, Args)]
pub struct DisclosureArgs {
    /// 改革情况公开文件，或含有 disclosure.yaml 的文件夹（章程在同一文件夹）
    #[arg(default_value = "charter")]
    pub path: PathBuf,
    /// 输出格式，可以写多个，用逗号分开
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Pdf, Format::Html])]
    pub format: Vec<Format>,
    /// 输出文件夹（相对于当前目录）
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    /// 网页里隐去姓名中除姓以外的字（马怡佳 → 马**）；PDF 不受影响
    #[arg(long)]
    pub mask_names: bool,
    /// 只检查，不生成文件
    #[arg(long)]
    pub check: bool,
    /// 有错误时仍然生成（注明“未通过检查”）
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub fonts: FontArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Pdf,
    Html,
}

pub fn run(args: &DisclosureArgs, global: &Global) -> CmdResult {
    let run = charter::process_disclosure(&args.path)?;
    let disclosure_file = run.charter.sources.file(run.file).path.clone();
    let charter_errors: Vec<&Diagnostic> = run.charter.diagnostics.iter().filter(|d| d.is_error()).collect();
    let charter_others = run.charter.diagnostics.len() - charter_errors.len();
    let mut shown: Vec<&Diagnostic> = run.diagnostics.iter().collect();
    shown.extend(charter_errors.iter().copied());
    let errors = shown.iter().filter(|d| d.is_error()).count();
    print(&shown, &run.charter.sources, global);
    if charter_others > 0 && !global.quiet {
        eprintln!("章程另有 {charter_others} 个警告或提示，用 charter check 查看。");
    }
    if !global.quiet {
        let count = |s| run.diagnostics.iter().filter(|d| d.severity == s).count();
        let (e, w) = (count(charter::Severity::Error), count(charter::Severity::Warning));
        eprintln!("改革情况公开：{e} 个错误，{w} 个警告。");
    }
    let (Some(d), Some(charter)) = (&run.disclosure, &run.charter.charter) else {
        eprintln!("文件无法读取，没有生成文件。");
        return Ok(1);
    };
    if args.check {
        return Ok(u8::from(errors > 0));
    }
    if errors > 0 && !args.force {
        eprintln!("有 {errors} 个错误，没有生成文件。改正后再试；或者加 --force 强制生成（注明“未通过检查”）。");
        return Ok(1);
    }
    let project_dir = disclosure_file.parent().map(Path::to_path_buf);
    let heading = charter_heading(charter);
    let options = BuildOptions { errors, ..BuildOptions::default() };
    let stem =
        disclosure_file.file_stem().map_or_else(|| "disclosure".to_string(), |s| s.to_string_lossy().into_owned());
    let mut files: Vec<(PathBuf, Vec<u8>, String)> = Vec::new();
    if args.format.contains(&Format::Pdf) {
        let fonts = args.fonts.load()?;
        let data = charter::disclosure::export::export(d, &heading, false);
        let missing = glyphs(&data, &run, &fonts);
        if !missing.is_empty() {
            print(&missing.iter().collect::<Vec<_>>(), &run.charter.sources, global);
            eprintln!("有字符在字体中没有字形，没有生成 PDF。");
            return Ok(1);
        }
        let template = charter::project::template(project_dir.as_deref(), render::DISCLOSURE_PDF_TEMPLATE)?;
        let pdf = render::disclosure_pdf(&data, charter, &run.charter.numbering, &template, &fonts, &options)
            .map_err(|e| render_failure(e, global))?;
        print_report(&pdf.warnings, global);
        let path = args.output.join(format!("{stem}.pdf"));
        let shown = format!("{}（{} 页）", path.display(), pdf.pages);
        files.push((path, pdf.bytes, shown));
    }
    if args.format.contains(&Format::Html) {
        let data = charter::disclosure::export::export(d, &heading, args.mask_names);
        let template = charter::project::template(project_dir.as_deref(), render::DISCLOSURE_HTML_TEMPLATE)?;
        let html = render::disclosure_html(&data, charter, &run.charter.numbering, &template, &options)
            .map_err(|r| template_failure(&r, global))?;
        let path = args.output.join(format!("{stem}.html"));
        let shown = path.display().to_string();
        files.push((path, html.into_bytes(), shown));
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
        out(&s)?;
    }
    Ok(0)
}

/// Part 二's heading: 《章程标题》（草案）.
fn charter_heading(c: &charter::Charter) -> String {
    match &c.meta.status {
        Some(s) => format!("《{}》（{s}）", c.meta.title),
        None => format!("《{}》", c.meta.title),
    }
}

/// Every character the PDF prints from the disclosure that no font has
/// (`R001`), located at its first place in the disclosure file; the
/// charter's own characters are checked like `build` does.
fn glyphs(
    data: &charter::disclosure::export::Export,
    run: &charter::DisclosureRun,
    fonts: &render::FontSet,
) -> Vec<Diagnostic> {
    // Every string the PDF prints is in the data: its characters are what
    // the fonts must cover (serialising plain data structs cannot fail; if
    // it did, nothing would be checked and typst would report the glyphs).
    let json = serde_json::to_string(data).unwrap_or_default();
    let missing: BTreeSet<char> = render::glyphs::uncovered(json.chars(), fonts);
    let file = run.charter.sources.file(run.file);
    let mut out: Vec<Diagnostic> = missing
        .into_iter()
        .map(|c| {
            let d = render::glyphs::missing_elsewhere(c, "改革情况公开");
            match file.text.find(c) {
                Some(i) => d.at(charter::Span::new(run.file, i, i + c.len_utf8()), "这个字没有字形"),
                None => d,
            }
        })
        .collect();
    if let Some(c) = &run.charter.charter {
        out.extend(render::glyphs::check(c, run.charter.sources.file(run.charter.file), fonts));
    }
    out
}

fn print(diags: &[&Diagnostic], sources: &charter::Sources, global: &Global) {
    let color = use_color(global.color, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    for d in diags {
        if global.quiet && !d.is_error() {
            continue;
        }
        let _ = writeln!(err, "{}", diagnostic::render(d, sources, color));
    }
}
