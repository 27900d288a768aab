//! `charter diff OLD NEW` and `charter diff --rev A..B PATH`.
//!
//! Exit codes: 0 when the comparison was made (whether or not the drafts
//! differ), 1 when a draft cannot be read as a charter (its diagnostics go
//! to stderr) or, for `--format pdf`, when a character to print has no
//! glyph in any font, 2 when the tool cannot run (missing file, git
//! failure, bad arguments, a broken template).

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{Args, ValueEnum};

use charter::diff::{self, Draft};
use charter::render::{self, FontSet, glyphs};
use charter::{Charter, Document, ToolError, diagnostic, load};

use super::typeset::{FontArgs, print_report, template_failure};
use super::{CmdResult, Failure, Global, out, use_color};

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
    /// docx 中修订的作者（默认“秘书处”）；修订日期取修改后一稿的 date
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

/// Where a draft comes from.
enum Input {
    Path(PathBuf),
    Git { rev: String, path: PathBuf },
}

pub fn run(args: &DiffArgs, global: &Global) -> CmdResult {
    let (old_in, new_in) = inputs(args)?;
    let fonts = if matches!(args.format, Format::Pdf | Format::Docx) { Some(args.fonts.load()?) } else { None };
    let old = read(&old_in)?;
    let new = read(&new_in)?;
    let mut bad = false;
    for (doc, _) in [&old, &new] {
        bad |= report_load_errors(doc, global);
    }
    let (Some(oc), Some(nc)) = (&old.0.charter, &new.0.charter) else { return Ok(1) };
    if bad {
        return Ok(1);
    }
    let od = Draft { name: old.1.clone(), charter: oc, numbering: &old.0.numbering };
    let nd = Draft { name: new.1.clone(), charter: nc, numbering: &new.0.numbering };
    let d = diff::diff(&od, &nd);
    if let (Some(fonts), Format::Docx) = (&fonts, args.format) {
        let options =
            charter::docx::Options { fonts: super::typeset::docx_fonts(fonts), errors: 0, author: args.author.clone() };
        let old_side = charter::docx::Side { charter: oc, numbering: &old.0.numbering };
        let new_side = charter::docx::Side { charter: nc, numbering: &new.0.numbering };
        let bytes = charter::docx::diff(&d, &old_side, &new_side, &options);
        let path = match &args.output {
            Some(p) => p.clone(),
            None => default_path(&old_in, &new_in, "docx"),
        };
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
        let drafts = [(&old_in, &old.0, oc), (&new_in, &new.0, nc)];
        return pdf(args, global, &d, drafts, fonts);
    }
    let text = match args.format {
        Format::Json => diff::to_json(&d),
        Format::Html => render::diff_html::render(&d),
        Format::Term | Format::Pdf | Format::Docx => {
            let color = args.output.is_none() && use_color(global.color, std::io::stdout().is_terminal());
            diff::term::render(&d, color)
        }
    };
    match &args.output {
        Some(path) => charter::fsutil::write_atomic(path, text.as_bytes())?,
        None => out(&text)?,
    }
    Ok(0)
}

/// The 修改对照表: checked against the fonts, compiled, written.
fn pdf(
    args: &DiffArgs,
    global: &Global,
    d: &diff::Diff,
    drafts: [(&Input, &Document, &Charter); 2],
    fonts: &FontSet,
) -> CmdResult {
    let table = diff::table::table(d);
    // Nothing is dropped silently: every printed character needs a glyph.
    let missing = glyphs::uncovered(table.chars(), fonts);
    if !missing.is_empty() {
        let mut located = BTreeSet::new();
        for (_, doc, charter) in drafts {
            let found = glyphs::check_only(charter, doc.sources.file(doc.file), fonts, &missing);
            located.extend(found.iter().map(|(c, _)| *c));
            let diags: Vec<_> = found.into_iter().map(|(_, d)| d).collect();
            super::report_diagnostics(&diags, &doc.sources, global);
        }
        let elsewhere: Vec<_> =
            missing.iter().filter(|c| !located.contains(c)).map(|&c| glyphs::missing_elsewhere(c, "文件名")).collect();
        super::report_diagnostics(&elsewhere, &charter::Sources::default(), global);
        eprintln!("有 {} 个字符在字体中没有字形，没有生成文件。", missing.len());
        return Ok(1);
    }
    let dirs: Vec<PathBuf> = [drafts[1].0, drafts[0].0].into_iter().filter_map(project_dir).collect();
    let dir = dirs.iter().find(|d| d.join("templates").join(render::DIFF_TEMPLATE).is_file());
    let template = render::template(dir.map(PathBuf::as_path), render::DIFF_TEMPLATE)?;
    let pdf = render::diff_pdf(d, &table, &template, fonts).map_err(|r| template_failure(&r, global))?;
    print_report(&pdf.warnings, global);
    let path = match &args.output {
        Some(p) => p.clone(),
        None => default_path(drafts[0].0, drafts[1].0, "pdf"),
    };
    charter::fsutil::write_atomic(&path, &pdf.bytes)?;
    if !global.quiet {
        out(&format!("已生成 {}（{} 页）\n", path.display(), pdf.pages))?;
    }
    Ok(0)
}

/// `out/diff-<old>-<new>.<ext>`: each side named after its file (a
/// folder's name for `charter.yaml`), or its git revision.
fn default_path(old: &Input, new: &Input, ext: &str) -> PathBuf {
    PathBuf::from("out").join(format!("diff-{}-{}.{ext}", stem(old), stem(new)))
}

fn stem(input: &Input) -> String {
    let name = match input {
        Input::Git { rev, .. } => rev.clone(),
        Input::Path(p) => {
            let file = charter::project::resolve_path(p).unwrap_or_else(|_| p.clone());
            let folder = file
                .parent()
                .and_then(Path::file_name)
                .filter(|_| file.file_name().is_some_and(|n| n == load::CHARTER_FILE));
            folder.or(file.file_stem()).map_or_else(|| "charter".to_string(), |s| s.to_string_lossy().into_owned())
        }
    };
    name.chars().map(|c| if c.is_alphanumeric() || "-_.~".contains(c) { c } else { '_' }).collect()
}

/// The folder whose `templates/` may hold the project's own diff.typ: the
/// draft's folder in the work tree.
fn project_dir(input: &Input) -> Option<PathBuf> {
    let path = match input {
        Input::Path(p) | Input::Git { path: p, .. } => p,
    };
    charter::project::resolve_path(path).ok()?.parent().map(Path::to_path_buf)
}

fn inputs(args: &DiffArgs) -> Result<(Input, Input), Failure> {
    let bad = |m: &str| Failure::Tool(ToolError::Other(m.to_string()));
    match &args.rev {
        Some(rev) => {
            if args.new.is_some() {
                return Err(bad("使用 --rev 时只能给出一个章程路径，例如：charter diff --rev HEAD~1..HEAD charter/"));
            }
            let path = args.old.clone().unwrap_or_else(|| PathBuf::from("charter"));
            let Some((a, b)) = rev.split_once("..") else {
                return Err(bad(&format!("--rev 的格式应为 A..B，例如 HEAD~1..HEAD，而不是“{rev}”")));
            };
            if a.is_empty() {
                return Err(bad("--rev A..B 中缺少修改前的版本 A"));
            }
            let old = Input::Git { rev: a.to_string(), path: path.clone() };
            let new = if b.is_empty() { Input::Path(path) } else { Input::Git { rev: b.to_string(), path } };
            Ok((old, new))
        }
        None => match (&args.old, &args.new) {
            (Some(o), Some(n)) => Ok((Input::Path(o.clone()), Input::Path(n.clone()))),
            _ => Err(bad("请给出两份章程：charter diff 修改前 修改后（或 charter diff --rev A..B 路径）")),
        },
    }
}

/// Load a draft; returns the document and the name shown to the reader.
fn read(input: &Input) -> Result<(Document, String), Failure> {
    match input {
        Input::Path(p) => {
            let doc = charter::process(p)?;
            let name = charter::project::resolve_path(p).unwrap_or_else(|_| p.clone());
            Ok((doc, name.display().to_string()))
        }
        Input::Git { rev, path } => {
            let (spec, bytes) = git_show(rev, path)?;
            let name = format!("{rev}:{spec}");
            Ok((charter::process_bytes(Path::new(&name), bytes), name))
        }
    }
}

/// Print a draft's errors that stop the comparison (the YAML could not be
/// read, or the loader refused it). Lint findings are not the diff's
/// business: `charter check` reports them.
fn report_load_errors(doc: &Document, global: &Global) -> bool {
    let color = use_color(global.color, std::io::stderr().is_terminal());
    let blocking: Vec<_> = doc.diagnostics.iter().filter(|d| d.is_load_error()).collect();
    for d in &blocking {
        eprintln!("{}", diagnostic::render(d, &doc.sources, color));
    }
    !blocking.is_empty() || doc.charter.is_none()
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Failure> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Failure::Tool(ToolError::Other(format!("无法运行 git：{e}"))))?;
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(Failure::Tool(ToolError::Other(format!("git {} 失败：{err}", args.join(" ")))));
    }
    Ok(output.stdout)
}

/// Read `path` (a file, or a folder holding charter.yaml) as it was at
/// `rev`, without touching the work tree. Returns the path within the
/// repository and the bytes.
fn git_show(rev: &str, path: &Path) -> Result<(String, Vec<u8>), Failure> {
    let abs = std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf());
    // The nearest existing folder, to ask git where the repository is.
    let mut dir = abs.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    while !dir.is_dir() {
        match (dir.file_name().map(|n| n.to_os_string()), dir.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                dir = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let top = git(&dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let canon_dir = dir.canonicalize().unwrap_or(dir.clone());
    let canon_top = top.canonicalize().unwrap_or(top.clone());
    let mut rel = canon_dir.strip_prefix(&canon_top).map(Path::to_path_buf).unwrap_or_default();
    for r in rest.iter().rev() {
        rel.push(r);
    }
    let mut spec = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
    let kind = git(&top, &["cat-file", "-t", &format!("{rev}:{spec}")]).map_err(|_| {
        Failure::Tool(ToolError::Other(format!("git 版本 {rev} 中没有 {}", if spec.is_empty() { "." } else { &spec })))
    })?;
    if String::from_utf8_lossy(&kind).trim() == "tree" {
        spec = if spec.is_empty() { load::CHARTER_FILE.to_string() } else { format!("{spec}/{}", load::CHARTER_FILE) };
    }
    let bytes = git(&top, &["cat-file", "blob", &format!("{rev}:{spec}")])
        .map_err(|_| Failure::Tool(ToolError::Other(format!("git 版本 {rev} 中没有 {spec}"))))?;
    Ok((spec, bytes))
}
