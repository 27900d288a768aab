//! clap speaks English (`Usage:`, `Options:`, `Print help`, `[default: …]`,
//! `error: invalid value`). This module makes the help and the usage errors
//! Chinese like the rest of the tool: every command gets a Chinese help
//! template and headings, its own `-h/--help` (and `-V/--version`) with
//! Chinese help, defaults and possible values written as `[默认：…]` and
//! `[可选：…]`, and errors rewritten from clap's [`ErrorKind`] and context.

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;

/// The help layout: what it does, usage, then the argument groups, each
/// under a Chinese heading (only the groups the command has).
fn template(cmd: &Command) -> String {
    let mut t = String::from("{about-with-newline}\n用法：{usage}\n");
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        t.push_str("\n命令：\n{subcommands}\n");
    }
    if cmd.get_positionals().next().is_some() {
        t.push_str("\n参数：\n{positionals}\n");
    }
    t.push_str("\n选项：\n{options}\n");
    if cmd.get_after_help().is_some() {
        // clap puts a blank line before the after-help itself.
        t.pop();
        t.push_str("{after-help}\n");
    }
    t
}

/// The `charter` command with Chinese help.
pub fn command() -> Command {
    let cmd = Cli::command()
        .disable_version_flag(true)
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本号"));
    localize(cmd, "")
}

/// `prefix`: the names of the commands above (`charter` for a subcommand).
fn localize(cmd: Command, prefix: &str) -> Command {
    let mut cmd = cmd
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助"));
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, localize_arg);
    }
    let path = if prefix.is_empty() { cmd.get_name().to_string() } else { format!("{prefix} {}", cmd.get_name()) };
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |s| localize(s, &path));
    }
    // The usage line with 选项 instead of [OPTIONS], from the top command.
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim().replace("[OPTIONS]", "[选项]");
    let usage = usage.replace("<COMMAND>", "<命令>").replace("[COMMAND]", "[命令]");
    let usage = if prefix.is_empty() { usage } else { format!("{prefix} {usage}") };
    cmd = cmd.override_usage(usage);
    if prefix.is_empty() {
        cmd = cmd.after_help("每个命令的说明：charter 命令 --help，例如 charter check --help。");
    }
    let t = template(&cmd);
    cmd.help_template(t)
}

fn localize_arg(arg: Arg) -> Arg {
    let mut arg = arg;
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let mut extra = Vec::new();
    let values: Vec<PossibleValue> = arg.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect();
    let takes_value = arg.get_action().takes_values();
    if takes_value && !values.is_empty() {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        if !names.iter().all(|n| help.contains(n)) {
            extra.push(format!("可选：{}", names.join("、")));
        }
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if takes_value && !defaults.is_empty() && !help.contains("默认") {
        extra.push(format!("默认：{}", defaults.join("、")));
    }
    if takes_value {
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }
    if !extra.is_empty() {
        arg = arg.help(format!("{help} [{}]", extra.join("；")));
    }
    arg
}

/// Parse the process's arguments.
pub fn parse() -> Result<Cli, clap::Error> {
    parse_from(std::env::args_os())
}

pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = command();
    let matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// What to print for a parse outcome that is not a command to run, and the
/// exit code: help and version to stdout (0), usage errors to stderr (2).
pub fn report(e: &clap::Error) -> (String, bool, u8) {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => (e.render().to_string(), false, 0),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (e.render().to_string(), true, 2),
        _ => (message(e), true, 2),
    }
}

fn ctx(e: &clap::Error, k: ContextKind) -> Option<String> {
    match e.get(k)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join("、")),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::None => None,
        _ => None,
    }
}

/// A usage error in Chinese: what is wrong, a suggestion, the usage line
/// and where to read more.
fn message(e: &clap::Error) -> String {
    let arg = ctx(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = vec![match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 需要一个值"),
        ErrorKind::InvalidValue => format!("{arg} 的值“{value}”无效"),
        ErrorKind::UnknownArgument => format!("不认识的参数或选项“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令“{}”", ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::NoEquals => format!("{arg} 的值要用等号写在后面，例如 {arg}=值"),
        ErrorKind::ValueValidation => format!("{arg} 的值“{value}”无效"),
        ErrorKind::TooManyValues => format!("{arg} 的值太多：“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("{arg} 的值的个数不对"),
        ErrorKind::ArgumentConflict => {
            let other = ctx(e, ContextKind::PriorArg).unwrap_or_default();
            if other.is_empty() || other == arg {
                format!("{arg} 只能写一次")
            } else {
                format!("{arg} 不能与 {other} 同时使用")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文字".to_string(),
        _ => "命令行参数有误".to_string(),
    }];
    if e.kind() == ErrorKind::ValueValidation
        && let Some(source) = std::error::Error::source(e)
    {
        lines[0].push_str(&format!("：{source}"));
    }
    if let Some(valid) = ctx(e, ContextKind::ValidValue) {
        lines.push(format!("可用的值：{valid}"));
    }
    for k in [ContextKind::SuggestedValue, ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        let s: Vec<String> = match e.get(k) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            _ => continue,
        };
        if !s.is_empty() {
            lines.push(format!("您是不是想写“{}”？", s.join("”或“")));
            break;
        }
    }
    if e.kind() == ErrorKind::UnknownArgument && arg.starts_with('-') && !arg.starts_with("--") {
        lines.push(format!("如果“{arg}”是一个文件名，请写成 ./{arg}，或者在它前面写 -- "));
    }
    let mut out = format!("错误：{}\n", lines.join("\n"));
    if let Some(usage) = ctx(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n更多说明请运行 charter --help 或 charter 命令 --help。\n");
    out
}
