//! `charter init`: a new charter project that builds without errors.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{CmdResult, Global, out};
use charter::ToolError;
use charter::project::init::{self, OrgKind};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新项目的文件夹（默认为当前文件夹；不存在时新建）
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// 组织的名称，例如“某某市摄影家协会”（不写时在终端里询问）
    #[arg(long)]
    pub name: Option<String>,
    /// 组织的类型：association（社会团体、协会，默认）或 student-union（学生会）
    #[arg(long, value_enum, default_value_t = Kind::Association)]
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Association,
    StudentUnion,
}

pub fn run(args: &InitArgs, global: &Global) -> CmdResult {
    let name = match &args.name {
        Some(n) => n.trim().to_string(),
        None => ask_name()?,
    };
    if name.is_empty() || name.contains(['\n', '\r', ':', '#', '"', '\'', '[', ']', '{', '}']) {
        return Err(ToolError::Usage(
            "组织的名称不能为空，也不能含有换行、冒号、#、引号或括号 []{}；例如 --name 某某市摄影家协会".to_string(),
        )
        .into());
    }
    let kind = match args.kind {
        Kind::Association => OrgKind::Association,
        Kind::StudentUnion => OrgKind::StudentUnion,
    };
    let files = init::files(&name, kind, &charter::raw::json_schema()?);
    let written = init::create(&args.dir, &files)?;
    if !global.quiet {
        let mut s = format!("已新建《{name}章程》的起草项目：\n");
        for p in &written {
            s.push_str(&format!("  {}\n", p.display()));
        }
        let cd = if args.dir == std::path::Path::new(".") {
            String::new()
        } else {
            format!("cd {} && ", args.dir.display())
        };
        s.push_str(&format!("下一步：{cd}charter watch（边改边看），或 charter check、charter build。\n"));
        out(&s)?;
    }
    Ok(0)
}

/// Ask for the organisation's name on the terminal.
fn ask_name() -> Result<String, ToolError> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(ToolError::Usage(
            "请用 --name 给出组织的名称，例如 charter init --name 某某市摄影家协会".to_string(),
        ));
    }
    eprint!("组织的名称（例如“某某市摄影家协会”）：");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    stdin.lock().read_line(&mut line).map_err(|e| ToolError::Read { path: PathBuf::from("-"), source: e })?;
    Ok(line.trim().to_string())
}
