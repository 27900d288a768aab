//! Issue 14, end to end: inputs from an attacker or a careless user get a
//! clear message and the right exit code.

use std::path::{Path, PathBuf};

use crate::common::charter;

fn temp(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("charter-hardening-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

#[test]
fn a_docx_numbering_bomb_is_refused_with_exit_2() {
    let bomb = Path::new("/work/shared/repro/docx-numbering-bomb.docx");
    if !bomb.exists() {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            (format!("skipped: {} is absent", bomb.display()) + "\n").as_bytes(),
        );
        return;
    }
    let (code, out, err) = charter(&["import", &bomb.to_string_lossy()]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("自动编号") && err.contains("超过"), "{err}");
}

#[cfg(unix)]
#[test]
fn import_does_not_read_endless_files() {
    let (code, _, err) = charter(&["import", "/dev/zero", "--from", "text"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("超过 64 MB"), "{err}");
}

#[test]
fn short_diagnostics_escape_terminal_controls() {
    let dir = temp("esc");
    let file = dir.join("charter.yaml");
    let yaml = "title: 示例\nbody:\n  - id: a\n    heading: \"\\e[31m红\\a\"\n    text: |\n      见[[nowhere]]。\n  - id: b\n    heading: \"\\e[31m红\\a\"\n    text: |\n      正文。\n";
    std::fs::write(&file, yaml).unwrap_or_else(|e| panic!("{e}"));
    let (_, out, err) = charter(&["check", &file.to_string_lossy(), "--format", "short"]);
    let all = format!("{out}{err}");
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
    // The escapes are reported (Y044) and the controls removed from the
    // headings, so nothing quotes them either.
    assert!(all.contains("Y044"), "{all}");
    // A file name can still hold them: escaped in the short format too.
    #[cfg(unix)]
    {
        let named = dir.join("\u{1b}[31m红\u{7}.yaml");
        std::fs::write(&named, yaml).unwrap_or_else(|e| panic!("{e}"));
        let (_, out, err) = charter(&["check", &named.to_string_lossy(), "--format", "short"]);
        let all = format!("{out}{err}");
        assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
        assert!(all.contains("\\u{1b}[31m红\\u{7}.yaml"), "{all}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_never_reach_the_outputs() {
    let dir = temp("controls");
    let file = dir.join("charter.yaml");
    let yaml =
        "title: \"示例\\0章程\"\nbody:\n  - id: a\n    heading: \"总\\u0007则\"\n    text: \"本会名称为示例会。\"\n";
    std::fs::write(&file, yaml).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("out");
    let (code, stdout, err) =
        charter(&["build", &file.to_string_lossy(), "--format", "html", "-o", &out.to_string_lossy()]);
    let all = format!("{stdout}{err}");
    assert_eq!(code, 1, "{all}");
    assert!(all.contains("Y044") && all.contains("控制字符"), "{all}");
    assert!(!out.join("charter.html").exists(), "a build with control characters was written");
    let (code, _, err) =
        charter(&["build", &file.to_string_lossy(), "--format", "html", "-o", &out.to_string_lossy(), "--force"]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(out.join("charter.html")).unwrap_or_else(|e| panic!("{e}\n{err}"));
    assert!(html.contains("示例章程") && html.contains("总则"), "{html}");
    assert!(!html.chars().any(|c| c < ' ' && c != '\n' && c != '\t'), "a control character reached the HTML");
    assert!(!html.contains("&#0;") && !html.contains("&#7;") && !html.contains("\\u0007"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn check_fix_keeps_the_mode_and_refuses_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp("mode");
    let file = dir.join("charter.yaml");
    std::fs::write(&file, "title: 示例\nbody:\n  - id: a\n    text: |\n      本会名称为示例会,住所在北京。\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = charter(&["check", &file.to_string_lossy(), "--fix"]);
    assert!(code == 0 || code == 1, "{err}");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(text.contains("示例会，住所"), "the fix was not applied: {text}\n{err}");
    let mode = std::fs::metadata(&file).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
    assert_eq!(mode, 0o600, "a private charter became readable by others");
    // A read-only charter is not replaced.
    std::fs::write(&file, "title: 示例\nbody:\n  - id: a\n    text: |\n      甲,乙。\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o400)).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = charter(&["check", &file.to_string_lossy(), "--fix"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("只读"), "{err}");
    assert!(std::fs::read_to_string(&file).unwrap_or_default().contains("甲,乙"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A project whose `templates/charter.typ` is `template`, with a secret
/// file outside the project and `link` → it inside `templates/`.
#[cfg(unix)]
fn project_with_link(test: &str, template: &str, link: &str, to_folder: bool) -> (PathBuf, PathBuf) {
    let dir = temp(test);
    let secret_dir = dir.join("elsewhere");
    std::fs::create_dir_all(&secret_dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(secret_dir.join("secret.txt"), "机密口令甲乙丙").unwrap_or_else(|e| panic!("{e}"));
    let project = dir.join("project");
    std::fs::create_dir_all(project.join("templates")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(project.join("charter.yaml"), "title: 示例\nbody:\n  - id: a\n    text: |\n      正文。\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(project.join("templates/charter.typ"), template).unwrap_or_else(|e| panic!("{e}"));
    let target = if to_folder { secret_dir.clone() } else { secret_dir.join("secret.txt") };
    std::os::unix::fs::symlink(&target, project.join("templates").join(link)).unwrap_or_else(|e| panic!("{e}"));
    (dir, project)
}

#[cfg(unix)]
#[test]
fn templates_cannot_read_through_symlinks() {
    for (test, template, link, folder) in [
        ("file", "#read(\"leak.txt\")\n", "leak.txt", false),
        ("folder", "#read(\"leak/secret.txt\")\n", "leak", true),
        ("image", "#image(\"leak/secret.txt\")\n", "leak", true),
    ] {
        let (dir, project) = project_with_link(test, template, link, folder);
        let out = dir.join("out");
        let (code, _, err) = charter(&[
            "build",
            &project.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
            "--format",
            "pdf",
            "--no-system-fonts",
        ]);
        assert_eq!(code, 2, "{test}: {err}");
        assert!(err.contains("模板文件夹") && err.contains("符号链接"), "{test}: {err}");
        assert!(!err.contains("机密口令"), "{test}: {err}");
        assert!(!out.exists() || std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0) == 0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(unix)]
#[test]
fn a_template_that_is_a_symlink_out_of_the_folder_is_refused() {
    let (dir, project) = project_with_link("main", "", "ignored", false);
    let tpl = project.join("templates/charter.typ");
    std::fs::remove_file(&tpl).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.join("elsewhere/secret.txt"), &tpl).unwrap_or_else(|e| panic!("{e}"));
    for format in ["pdf", "html"] {
        if format == "html" {
            std::fs::rename(&tpl, project.join("templates/charter.html.j2")).unwrap_or_else(|e| panic!("{e}"));
        }
        let out = dir.join("out");
        let (code, _, err) = charter(&[
            "build",
            &project.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
            "--format",
            format,
            "--no-system-fonts",
        ]);
        assert_eq!(code, 2, "{format}: {err}");
        assert!(err.contains("符号链接") && !err.contains("机密口令"), "{format}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn check_fix_keeps_a_hard_link() {
    use std::os::unix::fs::MetadataExt;
    let dir = temp("hardlink");
    let file = dir.join("charter.yaml");
    let other = dir.join("shared-copy.yaml");
    std::fs::write(&file, "title: 示例\nbody:\n  - id: a\n    text: |\n      本会名称为示例会,住所在北京。\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::hard_link(&file, &other).unwrap_or_else(|e| panic!("{e}"));
    let ino = std::fs::metadata(&file).map(|m| m.ino()).unwrap_or(0);
    let (code, _, err) = charter(&["check", &file.to_string_lossy(), "--fix"]);
    assert!(code == 0 || code == 1, "{err}");
    let text = std::fs::read_to_string(&other).unwrap_or_default();
    assert!(text.contains("示例会，住所"), "the other name did not get the fix: {text}\n{err}");
    assert_eq!(std::fs::metadata(&file).map(|m| (m.ino(), m.nlink())).unwrap_or_default(), (ino, 2));
    let _ = std::fs::remove_dir_all(&dir);
}
