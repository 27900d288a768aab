//! `charter packet OLD NEW` (the congress packet, one PDF or one Word
//! document with `--format docx`) and the printed
//! decision of `charter amend OLD NEW --format pdf|html`.
//!
//! Exit codes: 0 written; 1 a draft cannot be read as a charter, or a
//! character to print has no glyph in any font (nothing written); 2 the
//! tool cannot run (missing file, bad `--date`, a broken template).

use std::path::{Path, PathBuf};

use clap::Args;

use charter::Diagnostic;
use charter::amend::{Meta, Written};
use charter::project::amend::Printed;
use charter::project::diff::{Comparison, Missing, Source};
use charter::{Sources, ToolError};

use super::amend::{AmendArgs, AmendFormat};
use super::typeset::{FontArgs, print_report, template_failure};
use super::{CmdResult, Failure, Global, out, report_diagnostics};

#[derive(Debug, Args)]
#[command(after_help = "退出码：0 已生成；1 某一稿无法读取为章程，或有字符没有字形（不写出文件）；2 工具无法运行。\n\
                        例：charter packet charter/charter.yaml charter/drafts/revised.yaml \
                        --body 哈尔滨音乐学院第二次学生代表大会第一次会议 --date 2021-12-01\
                        （写入 out/packet-charter-revised.pdf）")]
pub struct PacketArgs {
    /// 修改前的章程（文件，或含有 charter.yaml 的文件夹）
    pub old: PathBuf,
    /// 修改后的章程
    pub new: PathBuf,
    /// 审议修改草案的会议，例如“哈尔滨音乐学院第二次学生代表大会第一次会议”（默认：学生代表大会）
    #[arg(long, value_name = "会议")]
    pub body: Option<String>,
    /// 会议日期 YYYY-MM-DD（默认：修改后章程的 date）
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// 输出格式：pdf（默认）或 docx（Word 文档：封面、目录域、各部分标题为“标题 1”样式、
    /// 修改对照表为 Word 表格，页码连续；默认写入 out/packet-修改前-修改后.docx）
    #[arg(long, value_enum, default_value_t = PacketFormat::Pdf)]
    pub format: PacketFormat,
    /// 写入的文件（默认 out/packet-修改前-修改后.pdf 或 .docx）
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub fonts: FontArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PacketFormat {
    Pdf,
    Docx,
}

/// The two drafts compared and the decision written, or the exit code
/// when a draft cannot be read (its errors printed).
fn prepare(
    old: &Path,
    new: &Path,
    body: Option<&String>,
    date: Option<&String>,
    global: &Global,
) -> Result<Result<(Comparison, charter::diff::Diff, Written), u8>, Failure> {
    if let Some(d) = date
        && charter::date::Date::parse_iso(d).is_none()
    {
        return Err(Failure::Tool(ToolError::Usage(format!("--date 应为 YYYY-MM-DD，而不是“{d}”"))));
    }
    let (o, n) = Source::pair(Some(old), Some(new), None)?;
    let cmp = Comparison::open(o, n)?;
    let mut bad = false;
    for side in [&cmp.old, &cmp.new] {
        let blocking: Vec<Diagnostic> = side.load_errors().into_iter().cloned().collect();
        report_diagnostics(&blocking, &side.doc.sources, global);
        bad |= !side.is_comparable();
    }
    let diff = match cmp.diff() {
        Some(d) if !bad => d,
        _ => return Ok(Err(1)),
    };
    let meta = Meta { body: body.cloned(), date: date.cloned() };
    let Some(w) = cmp.decision(&diff, &meta) else { return Ok(Err(1)) };
    if !w.verified {
        let diag = Diagnostic::new(
            charter::amend::codes::A020,
            "生成的修改决定应用到修改前的章程后，与修改后的章程不完全一致",
        );
        report_diagnostics(
            &[diag.hint("请核对生成的决定；charter apply 修改前 决定 可以检验")],
            &Sources::default(),
            global,
        );
    }
    Ok(Ok((cmp, diff, w)))
}

/// Print what a document needs and write it, or report why not.
fn finish(printed: Printed, cmp: &Comparison, path: Option<&Path>, what: &str, global: &Global) -> CmdResult {
    match printed {
        Printed::Rendered { bytes, pages, warnings } => {
            print_report(&warnings, global);
            match path {
                Some(path) => {
                    charter::fsutil::write_atomic(path, &bytes)?;
                    if !global.quiet {
                        let pages = pages.map(|n| format!("，{n} 页")).unwrap_or_default();
                        out(&format!("已生成 {}（{what}{pages}）\n", path.display()))?;
                    }
                }
                None => out(&String::from_utf8_lossy(&bytes))?,
            }
            Ok(0)
        }
        Printed::MissingGlyphs(Missing { sides, elsewhere, count }) => {
            for (side, diags) in [&cmp.old, &cmp.new].into_iter().zip(&sides) {
                report_diagnostics(diags, &side.doc.sources, global);
            }
            report_diagnostics(&elsewhere, &Sources::default(), global);
            eprintln!("有 {count} 个字符在字体中没有字形，没有生成文件。");
            Ok(1)
        }
        Printed::Template(report) => Err(template_failure(&report, global)),
    }
}

/// `charter amend OLD NEW --format pdf|html`.
pub fn run_decision(args: &AmendArgs, global: &Global) -> CmdResult {
    let fonts = if args.format == AmendFormat::Pdf { Some(args.fonts.load()?) } else { None };
    let (cmp, _, w) = match prepare(&args.old, &args.new, args.body.as_ref(), args.date.as_ref(), global)? {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    match &fonts {
        Some(fonts) => {
            let printed = cmp.decision_pdf(&w, fonts)?;
            let path = args.output.clone().unwrap_or_else(|| cmp.default_named_path("amend", "pdf"));
            finish(printed, &cmp, Some(&path), "修改决定", global)
        }
        None => {
            let printed = cmp.decision_html(&w)?;
            finish(printed, &cmp, args.output.as_deref(), "修改决定网页", global)
        }
    }
}

/// `charter packet OLD NEW`.
pub fn run(args: &PacketArgs, global: &Global) -> CmdResult {
    let fonts = args.fonts.load()?;
    let (cmp, diff, w) = match prepare(&args.old, &args.new, args.body.as_ref(), args.date.as_ref(), global)? {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let what = "大会文件：封面、目录、修改决定、修改说明、修改对照表、修改后文本";
    if args.format == PacketFormat::Docx {
        let bytes = cmp.packet_docx(&diff, &w, charter::project::output::docx_fonts(&fonts))?;
        let path = args.output.clone().unwrap_or_else(|| cmp.default_named_path("packet", "docx"));
        let printed = Printed::Rendered { bytes, pages: None, warnings: Default::default() };
        return finish(printed, &cmp, Some(&path), &format!("Word 文档，{what}"), global);
    }
    let printed = cmp.packet_pdf(&diff, &w, &fonts)?;
    let path = args.output.clone().unwrap_or_else(|| cmp.default_named_path("packet", "pdf"));
    finish(printed, &cmp, Some(&path), what, global)
}
