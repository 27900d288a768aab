//! `charter amend OLD NEW` (the decision written from two drafts) and
//! `charter apply OLD DECISION` (a decision applied, item by item).
//!
//! Exit codes: 0 done; 1 a draft cannot be read, or the decision cannot be
//! read or applied (diagnostics located in the decision, nothing written);
//! 2 the tool cannot run (missing file, bad arguments).

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use charter::amend::{self, Doc, Meta};
use charter::diff::{self, Draft};
use charter::{Diagnostic, Document, Sources, ToolError, diagnostic};

use super::{CmdResult, Failure, Global, out, report_diagnostics, use_color};

#[derive(Debug, Args)]
#[command(after_help = "退出码：0 已生成；1 某一稿无法读取为章程；2 工具无法运行。\n\
                        例：charter amend charter/charter.yaml charter/drafts/revised.yaml \
                        --body 哈尔滨音乐学院第二次学生代表大会第一次会议 -o 决定.txt")]
pub struct AmendArgs {
    /// 修改前的章程（文件，或含有 charter.yaml 的文件夹）
    pub old: PathBuf,
    /// 修改后的章程
    pub new: PathBuf,
    /// 输出格式：text（修改决定全文，默认）、json（各修改项的数据，供 charter apply 等工具使用）、
    /// pdf（正式文件格式，默认写入 out/amend-修改前-修改后.pdf）、html（网页）、
    /// docx（Word 文档，版式同章程的 Word 文档；默认写入 out/amend-修改前-修改后.docx）
    #[arg(long, value_enum, default_value_t = AmendFormat::Text)]
    pub format: AmendFormat,
    /// 通过决定的会议，例如“哈尔滨音乐学院第二次学生代表大会第一次会议”（默认：学生代表大会）
    #[arg(long, value_name = "会议")]
    pub body: Option<String>,
    /// 通过日期 YYYY-MM-DD（默认：修改后章程的 date）
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// 写入文件，而不是输出到终端
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub fonts: super::typeset::FontArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AmendFormat {
    Text,
    Json,
    Pdf,
    Html,
    Docx,
}

#[derive(Debug, Args)]
#[command(after_help = "退出码：0 已应用全部选定的修改项；1 决定无法识别、修改项无法应用、修改项冲突\
                        （诊断指向决定文件中的位置，不写出任何文件）；2 工具无法运行。\n\
                        例：charter apply charter/charter.yaml 决定.txt -o charter/adopted.yaml\n\
                        \u{20}   charter apply charter/charter.yaml 决定.txt --adopt 1,2,5 -o adopted.yaml")]
pub struct ApplyArgs {
    /// 修改前的章程（文件，或含有 charter.yaml 的文件夹）
    pub old: PathBuf,
    /// 修改决定（纯文本，charter amend 生成的或按同样措辞手写的）
    pub decision: PathBuf,
    /// 只应用表决通过的修改项，例如 --adopt 1,2,5（默认：全部）
    #[arg(long, value_name = "1,2,5", value_delimiter = ',')]
    pub adopt: Option<Vec<usize>>,
    /// 结果仍是草案：保留 status（如“草案”），不增加 history 行、不改 date（例如把拟议的修改应用到草案上，供下一轮讨论）。默认按通过处理：去掉“（草案）”，history 增加“根据……《关于修改〈…〉的决定》修正”
    #[arg(long)]
    pub draft: bool,
    /// 写入文件（YAML），而不是输出到终端
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Load a draft; its loading errors are printed and stop the command.
fn draft(path: &Path, global: &Global) -> Result<Option<(Document, String)>, Failure> {
    Ok(shown(charter::process(path)?, path, global))
}

/// A loaded draft with its loading errors printed (None when it has any).
fn shown(doc: Document, path: &Path, global: &Global) -> Option<(Document, String)> {
    let name = charter::project::resolve_path(path).unwrap_or_else(|_| path.to_path_buf());
    let color = use_color(global.color, std::io::stderr().is_terminal());
    let blocking: Vec<_> = doc.diagnostics.iter().filter(|d| d.is_load_error()).collect();
    for d in &blocking {
        eprintln!("{}", diagnostic::render(d, &doc.sources, color));
    }
    if !blocking.is_empty() || doc.charter.is_none() {
        return None;
    }
    Some((doc, name.display().to_string()))
}

fn printed(doc: &Document) -> Option<Doc> {
    doc.charter.as_ref().map(|c| Doc::from_charter(c, &doc.numbering))
}

pub fn run_amend(args: &AmendArgs, global: &Global) -> CmdResult {
    if matches!(args.format, AmendFormat::Pdf | AmendFormat::Html) {
        return super::packet::run_decision(args, global);
    }
    let (Some((od, on)), Some((nd, nn))) = (draft(&args.old, global)?, draft(&args.new, global)?) else {
        return Ok(1);
    };
    let (Some(oc), Some(nc)) = (&od.charter, &nd.charter) else { return Ok(1) };
    let (Some(old), Some(new)) = (printed(&od), printed(&nd)) else { return Ok(1) };
    if let Some(d) = &args.date
        && !valid_date(d)
    {
        return Err(Failure::Tool(ToolError::Usage(format!("--date 应为 YYYY-MM-DD，而不是“{d}”"))));
    }
    let d = diff::diff(
        &Draft { name: on, charter: oc, numbering: &od.numbering },
        &Draft { name: nn, charter: nc, numbering: &nd.numbering },
    );
    let w = amend::write(&old, &new, &d, &Meta { body: args.body.clone(), date: args.date.clone() });
    if !w.verified {
        let diag = Diagnostic::new(amend::codes::A020, "生成的修改决定应用到修改前的章程后，与修改后的章程不完全一致");
        report_diagnostics(
            &[diag.hint("请核对生成的决定；charter apply 修改前 决定 可以检验")],
            &Sources::default(),
            global,
        );
    }
    let text = match args.format {
        AmendFormat::Text => w.decision.to_text(),
        AmendFormat::Json | AmendFormat::Pdf | AmendFormat::Html => w.decision.to_json()?,
        AmendFormat::Docx => return write_docx(args, &w.decision, global),
    };
    match &args.output {
        Some(path) => charter::fsutil::write_atomic(path, text.as_bytes())?,
        None => out(&text)?,
    }
    Ok(0)
}

/// The decision as .docx: to `-o`, else `out/amend-OLD-NEW.docx`.
fn write_docx(args: &AmendArgs, d: &amend::Decision, global: &Global) -> CmdResult {
    let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("out").join(format!("amend-{}-{}.docx", stem(&args.old), stem(&args.new))));
    charter::fsutil::write_atomic(&path, &charter::project::output::decision_docx(d, Default::default())?)?;
    if !global.quiet {
        out(&format!("已生成 {}\n", path.display()))?;
    }
    Ok(0)
}

fn valid_date(d: &str) -> bool {
    charter::date::Date::parse_iso(d).is_some()
}

pub fn run_apply(args: &ApplyArgs, global: &Global) -> CmdResult {
    let Some((od, _)) = draft(&args.old, global)? else { return Ok(1) };
    let Some(old) = printed(&od) else { return Ok(1) };
    // OLD's comments stay on the nodes that survive.
    let old = match (&od.charter, od.sources.get(od.file)) {
        (Some(c), Some(f)) => old.with_comments(c, &f.text),
        _ => old,
    };
    let bytes = charter::project::read(&args.decision)?;
    let mut sources = Sources::default();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            return Err(Failure::Tool(ToolError::Usage(format!(
                "{} 不是 UTF-8 编码的文本；请另存为 UTF-8",
                args.decision.display()
            ))));
        }
    };
    // A byte-order mark is not part of the text.
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let file = sources.add(&args.decision, text.clone());
    let decision = match amend::read_decision(file, &text) {
        Ok(d) => d,
        Err(diags) => {
            report_diagnostics(&diags, &sources, global);
            eprintln!("修改决定无法识别，没有写出任何文件。");
            return Ok(1);
        }
    };
    let adopt: Option<BTreeSet<usize>> = args.adopt.as_ref().map(|v| v.iter().copied().collect());
    let mut doc = match amend::apply(&old, &decision, adopt.as_ref()) {
        Ok(doc) => doc,
        Err(fails) => {
            report_diagnostics(&amend::failure_diagnostics(&decision, file, &fails), &sources, global);
            eprintln!("修改决定不能应用（共 {} 处问题），没有写出任何文件。", fails.len());
            return Ok(1);
        }
    };
    // Adopted: the draft status goes, the history gets this amendment
    // (unless the result is still a draft).
    if !args.draft {
        amend::adopt(&mut doc, &decision);
    }
    let count = adopt.as_ref().map_or(decision.items.len(), BTreeSet::len);
    let header = format!(
        "由 charter apply 根据 {} 生成：应用了{}项修改（共{}项）。",
        args.decision.display(),
        count,
        decision.items.len()
    );
    let yaml = doc.to_yaml(&header);
    match &args.output {
        Some(path) => {
            charter::fsutil::write_atomic(path, yaml.as_bytes())?;
            if !global.quiet {
                out(&format!("已生成 {}（应用了{}项修改）\n", path.display(), count))?;
            }
        }
        None => out(&yaml)?,
    }
    Ok(0)
}
