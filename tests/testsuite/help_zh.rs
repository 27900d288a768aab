//! The command line speaks Chinese: every command's `--help` has no clap
//! English boilerplate, and a usage mistake gets a Chinese error (exit 2).

use crate::common::charter;

/// clap's English words and phrases that must not appear in any help.
const ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Print help",
    "Print version",
    "[default:",
    "[possible values:",
    "[OPTIONS]",
    "error:",
    "For more information",
];

fn subcommands() -> Vec<String> {
    let (code, stdout, stderr) = charter(&["--help"]);
    assert_eq!(code, 0, "{stderr}");
    let after = stdout.split("命令：").nth(1).unwrap_or_else(|| panic!("no 命令： heading in\n{stdout}"));
    let names: Vec<String> = after
        .lines()
        .skip(1)
        .map(str::trim)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(names.len() >= 9, "{names:?}\n{stdout}");
    names
}

#[test]
fn every_help_is_chinese() {
    let mut helps = vec![vec!["--help".to_string()], vec!["-h".to_string()]];
    for name in subcommands() {
        helps.push(vec![name.clone(), "--help".to_string()]);
        helps.push(vec![name, "-h".to_string()]);
    }
    for args in &helps {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stdout, stderr) = charter(&args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stdout.contains("用法：charter"), "{args:?}:\n{stdout}");
        assert!(stdout.contains("显示帮助"), "{args:?}:\n{stdout}");
        for word in ENGLISH {
            assert!(!stdout.contains(word), "{args:?}: “{word}” in\n{stdout}");
        }
    }
    let (_, check, _) = charter(&["check", "--help"]);
    assert!(check.contains("选项：\n") && check.contains("参数：\n"), "{check}");
    assert!(check.contains("[默认：charter]"), "{check}");
}

#[test]
fn usage_errors_are_chinese_with_exit_2() {
    for (args, expect) in [
        (&["check", "--format", "fancy", "charter/"][..], "--format <FORMAT> 的值“fancy”无效"),
        (&["--color", "blue", "check"][..], "“blue”无效"),
        (&["chek"][..], "不认识的命令“chek”"),
        (&["check", "--formt", "short"][..], "不认识的参数或选项“--formt”"),
        (&["check", "--config"][..], "--config"),
        (&["check", "--config", "a.yaml", "--no-config"][..], "不能与"),
    ] {
        let (code, stdout, stderr) = charter(args);
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert!(stderr.starts_with("错误："), "{args:?}:\n{stderr}");
        assert!(stderr.contains(expect), "{args:?}: expected “{expect}” in\n{stderr}");
        assert!(stderr.contains("更多说明请运行 charter --help"), "{args:?}:\n{stderr}");
        for word in ENGLISH {
            assert!(!stderr.contains(word), "{args:?}: “{word}” in\n{stderr}");
        }
    }
    // A suggestion for a near miss.
    let (_, _, stderr) = charter(&["chek"]);
    assert!(stderr.contains("您是不是想写") && stderr.contains("“check”"), "{stderr}");
    let (_, _, stderr) = charter(&["check", "--formt", "short"]);
    assert!(stderr.contains("用法：charter check [选项]"), "{stderr}");
    let (_, _, stderr) = charter(&["check", "--format", "shrt"]);
    assert!(stderr.contains("可用的值：human、short、json、sarif"), "{stderr}");
}

#[test]
fn version() {
    let (code, stdout, _) = charter(&["--version"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("charter "), "{stdout}");
}
