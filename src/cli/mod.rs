//! Argument types (clap derive) and the shared plumbing of the subcommands.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use charter::{Document, ToolError, diagnostic};

mod amend;
mod build;
mod check;
mod diff;
mod disclosure;
mod explain;
mod export;
mod generate;
mod import;
mod init;
mod outline;
mod packet;
mod serve;
mod typeset;
mod watch;
mod watcher;
pub mod zh;

#[derive(Debug, Parser)]
#[command(
    name = "charter",
    version,
    about = "章程起草工具：编号、检查、比较、排版。A drafting toolchain for Chinese charters.",
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// 彩色输出：auto（默认，终端里彩色；遵守 NO_COLOR）、always、never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// 只输出错误，不输出警告、提示和汇总
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查章程，列出所有问题（有错误时退出码为 1）
    Check(check::CheckArgs),
    /// 列出编号后的目录（编、章、节、条）和统计
    Outline(PathArg),
    /// 新建一个章程起草项目（章程骨架、检查设置、编辑器设置和说明）
    Init(init::InitArgs),
    /// 排版：生成可打印的 PDF 和网页（HTML）
    Build(build::BuildArgs),
    /// 边改边看：每次保存章程、lint.yaml 或模板后自动重新生成 PDF 和网页
    Watch(watch::WatchArgs),
    /// 在浏览器里预览：本机网页，保存后自动刷新，问题显示在页面顶部
    Serve(serve::ServeArgs),
    /// 导出编号并解析引用后的章程（JSON，或常见的纯文本排版）
    Export(export::ExportArgs),
    /// 把现有的章程或法规（纯文本、Markdown、Word）转换为 YAML 章程
    Import(import::ImportArgs),
    /// 比较两稿章程：逐条列出新增、删除、修改、拆分、合并和仅序号变化的条文
    Diff(diff::DiffArgs),
    /// 根据两稿写出修改决定（关于修改《……》的决定）
    Amend(amend::AmendArgs),
    /// 大会文件：封面、目录、修改决定（草案）、修改说明、修改对照表和修改后文本，合成一个 PDF
    Packet(packet::PacketArgs),
    /// 把修改决定应用到修改前的章程（可逐项表决：--adopt 1,2,5），得到修改后的 YAML
    Apply(amend::ApplyArgs),
    /// 改革情况公开：计算自评表，与章程和改革要求比对，生成 PDF 和网页
    Disclosure(disclosure::DisclosureArgs),
    /// 解释一个诊断代码，例如 charter explain CH001
    Explain(explain::ExplainArgs),
    /// 列出所有检查规则
    Rules,
    /// 输出章程 YAML 格式的 JSON Schema（供编辑器补全和校验）
    Schema(SchemaArgs),
    /// 输出命令行补全脚本（bash、zsh、fish、powershell），用法见用户指南
    Completions(CompletionsArgs),
    /// 输出 man 手册页（roff 格式）：charter manpage > charter.1
    #[command(hide = true)]
    Manpage,
    /// 生成一份大型示例章程（用于性能测试）
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// 输出改革情况公开文件（disclosure.yaml）的 JSON Schema
    #[arg(long)]
    pub disclosure: bool,
}

#[derive(Debug, Args)]
pub struct PathArg {
    /// 章程文件，或含有 charter.yaml 的文件夹
    #[arg(default_value = "charter")]
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// 命令行外壳：bash、zsh、fish 或 powershell
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// Why a command stopped early.
#[derive(Debug)]
pub enum Failure {
    /// stdout was closed (e.g. piped into `head`): exit quietly.
    BrokenPipe,
    Tool(ToolError),
}

impl From<ToolError> for Failure {
    fn from(e: ToolError) -> Self {
        Failure::Tool(e)
    }
}

pub type CmdResult = Result<u8, Failure>;

pub fn run(cli: &Cli) -> CmdResult {
    match &cli.command {
        Command::Check(a) => check::run(a, &cli.global),
        Command::Outline(a) => outline::run(a, &cli.global),
        Command::Build(a) => build::run(a, &cli.global),
        Command::Init(a) => init::run(a, &cli.global),
        Command::Watch(a) => watch::run(a, &cli.global),
        Command::Serve(a) => serve::run(a, &cli.global),
        Command::Export(a) => export::run(a, &cli.global),
        Command::Import(a) => import::run(a, &cli.global),
        Command::Diff(a) => diff::run(a, &cli.global),
        Command::Amend(a) => amend::run_amend(a, &cli.global),
        Command::Apply(a) => amend::run_apply(a, &cli.global),
        Command::Packet(a) => packet::run(a, &cli.global),
        Command::Explain(a) => explain::run(a),
        Command::Rules => explain::rules(),
        Command::Disclosure(a) => disclosure::run(a, &cli.global),
        Command::Schema(a) => {
            if a.disclosure {
                out(&charter::disclosure::raw::json_schema()?)?;
            } else {
                out(&charter::raw::json_schema()?)?;
            }
            Ok(0)
        }
        Command::Completions(a) => {
            out(&completions(a.shell))?;
            Ok(0)
        }
        Command::Manpage => {
            out(&manpage()?)?;
            Ok(0)
        }
        Command::Generate(a) => generate::run(a),
    }
}

/// The completion script of `shell` for the whole command line.
pub fn completions(shell: Shell) -> String {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
    };
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut zh::command(), "charter", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The man page (roff) of `charter`.
pub fn manpage() -> Result<String, Failure> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(zh::command())
        .render(&mut buf)
        .map_err(|e| Failure::Tool(ToolError::Stdout { source: e }))?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Should output to this stream be coloured?
pub fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Write to stdout; a closed pipe ends the command quietly.
pub fn out(s: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::BrokenPipe),
        Err(e) => Err(Failure::Tool(ToolError::Stdout { source: e })),
    }
}

/// Print a document's diagnostics to stderr (for commands whose stdout
/// carries data). Returns whether the document has errors.
pub fn report_to_stderr(doc: &Document, global: &Global) -> bool {
    report_diagnostics(&doc.diagnostics, &doc.sources, global);
    doc.has_errors()
}

/// Print diagnostics to stderr, errors only with `--quiet`.
pub fn report_diagnostics(diagnostics: &[charter::Diagnostic], sources: &charter::Sources, global: &Global) {
    let color = use_color(global.color, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        if global.quiet && !d.is_error() {
            continue;
        }
        let _ = writeln!(err, "{}", diagnostic::render(d, sources, color));
    }
}

/// The summary line: 发现 2 个错误、1 个警告。
pub fn summary(doc: &Document) -> String {
    let count = |s| doc.diagnostics.iter().filter(|d| d.severity == s).count();
    let (e, w, i) =
        (count(charter::Severity::Error), count(charter::Severity::Warning), count(charter::Severity::Info));
    if e + w + i == 0 {
        return "没有发现问题。".to_string();
    }
    let mut parts = Vec::new();
    if e > 0 {
        parts.push(format!("{e} 个错误"));
    }
    if w > 0 {
        parts.push(format!("{w} 个警告"));
    }
    if i > 0 {
        parts.push(format!("{i} 个提示"));
    }
    format!("发现 {}。", parts.join("、"))
}
