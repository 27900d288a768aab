//! `charter import FILE [-o OUT]`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{CmdResult, Failure, Global, out, report_diagnostics};
use charter::import::{InputFormat, Options, Revisions};
use charter::{Severity, ToolError, diagnostic};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 要导入的文件：纯文本（.txt，UTF-8 或 GB18030/GBK）、Markdown（.md）或 Word 文档（.docx）
    pub file: PathBuf,
    /// 把 YAML 写入这个文件（或这个文件夹下的 charter.yaml）；省略时输出到标准输出
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// 输出文件已存在时覆盖它
    #[arg(long)]
    pub force: bool,
    /// 输入格式（默认按扩展名和内容判断）
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<From>,
    /// 纯文本的编码（默认自动检测），例如 utf-8、gb18030、big5
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// 保留手写的条文引用（“第十五条”“前款”）原样，不改为 [[id]] 引用
    #[arg(long)]
    pub keep_citations: bool,
    /// Word 文档中的修订（修订模式）按“全部拒绝”读取，得到修改前的原文；默认按“全部接受”读取
    #[arg(long)]
    pub reject_changes: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum From {
    Text,
    Markdown,
    Docx,
}

pub fn run(args: &ImportArgs, global: &Global) -> CmdResult {
    let encoding = match &args.encoding {
        None => None,
        Some(name) => Some(
            encoding_rs::Encoding::for_label(name.trim().as_bytes())
                .ok_or_else(|| ToolError::UnknownEncoding { name: name.clone() })?,
        ),
    };
    let format = args.from.map(|f| match f {
        From::Text => InputFormat::Text,
        From::Markdown => InputFormat::Markdown,
        From::Docx => InputFormat::Docx,
    });
    let target = match &args.output {
        Some(o) => Some(output_path(o, args.force)?),
        None => None,
    };
    let revisions = if args.reject_changes { Revisions::Reject } else { Revisions::Accept };
    let mut imp = charter::project::import_file(&args.file, Options { format, encoding, revisions })?;
    let linked = if args.keep_citations { 0 } else { link_citations(&mut imp, &args.file) };

    report_diagnostics(&imp.diagnostics, &imp.sources, global);
    let mut err = std::io::stderr().lock();
    let (Some(charter), Some(yaml)) = (&imp.charter, &imp.yaml) else {
        let _ = writeln!(err, "导入失败：{} 中没有可以导入的章程。", args.file.display());
        return Ok(1);
    };
    verify(yaml, &args.file)?;

    let c = charter.counts();
    let mut parts = Vec::new();
    for (n, word) in [(c.parts, "编"), (c.subparts, "分编"), (c.chapters, "章"), (c.sections, "节")] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    parts.push(format!("{} 条", c.articles));
    let count = |s| imp.diagnostics.iter().filter(|d| d.severity == s).count();
    let warnings = count(Severity::Warning);
    let problems =
        if warnings > 0 { format!("；{warnings} 个警告（已按上面所说处理）") } else { String::new() };
    let problems = if linked > 0 {
        format!("{problems}；{linked} 处条文引用改为了 [[id]] 引用，重新编号时会自动更新（--keep-citations 保留原文）")
    } else {
        problems
    };
    let summary = format!(
        "已导入《{}》（{}，{}）：{}{problems}。",
        charter.title,
        imp.format.name_zh(),
        imp.encoding,
        parts.join("、")
    );
    // The editor line naming the JSON Schema, relative to where the YAML goes.
    let dir = target.as_deref().and_then(std::path::Path::parent).unwrap_or(std::path::Path::new("."));
    let yaml = format!("{}{yaml}", charter::project::init::schema_line(dir));
    match target {
        Some(path) => {
            charter::fsutil::write_atomic(&path, yaml.as_bytes())?;
            if !global.quiet {
                let _ = writeln!(err, "{summary}\n已写入 {}。", path.display());
            }
        }
        None => {
            drop(err);
            out(&yaml)?;
            if !global.quiet {
                let _ = writeln!(std::io::stderr(), "{summary}");
            }
        }
    }
    Ok(u8::from(imp.has_errors()))
}

/// Replace the imported YAML by one whose internal citations are `[[id]]`
/// references (the printed text is the same). Returns how many.
fn link_citations(imp: &mut charter::import::Import, input: &Path) -> usize {
    let Some(yaml) = &imp.yaml else { return 0 };
    let outcome = charter::lint::fix::link_citations(&input.with_extension("yaml"), yaml);
    let n = outcome.applied.len();
    imp.yaml = Some(outcome.text);
    n
}

/// Where to write: OUT itself, or OUT/charter.yaml when OUT is a folder.
/// An existing file is only replaced with --force.
fn output_path(o: &Path, force: bool) -> Result<PathBuf, Failure> {
    let path = if o.is_dir() { o.join(charter::load::CHARTER_FILE) } else { o.to_path_buf() };
    if path.exists() && !force {
        return Err(Failure::Tool(ToolError::Exists { path }));
    }
    Ok(path)
}

/// The YAML must load back without errors; if it does not, that is a bug in
/// the importer, not the user's mistake.
fn verify(yaml: &str, input: &Path) -> Result<(), Failure> {
    let mut sources = charter::Sources::default();
    let name = input.with_extension("yaml");
    let loaded = charter::load::load_bytes(&name, yaml.as_bytes().to_vec(), &mut sources);
    let errors: Vec<String> =
        loaded.diagnostics.iter().filter(|d| d.is_error()).map(|d| diagnostic::render_short(d, &sources)).collect();
    if errors.is_empty() {
        return Ok(());
    }
    Err(Failure::Tool(ToolError::ImportRoundTrip { errors }))
}
