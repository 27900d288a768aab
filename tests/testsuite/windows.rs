//! The Windows binary (cross-compiled for x86_64-pc-windows-gnu with
//! mingw-w64) builds the example under Wine, byte for byte as the native
//! binary does. Skips visibly where there is no Windows binary or no Wine:
//!
//! ```sh
//! rustup target add x86_64-pc-windows-gnu
//! apt-get install -y gcc-mingw-w64-x86-64 wine64
//! cargo build --release --target x86_64-pc-windows-gnu
//! cargo test -p charter windows
//! ```
//!
//! `CHARTER_WINDOWS_EXE` names the .exe when it is elsewhere.
//!
//! Wine 8 (Debian bookworm) has no `bcryptprimitives.dll`, where Rust's
//! standard library (1.78+) gets its random seed on Windows 10+; the test
//! runs a copy of the .exe in a scratch folder next to a stand-in built
//! from `tests/fixtures/wine/bcryptprimitives.c` with mingw-w64's gcc.

use std::path::{Path, PathBuf};
use std::process::Command;

fn windows_exe() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHARTER_WINDOWS_EXE") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    // target/<profile>/deps/testsuite-… → target/
    let target = PathBuf::from(env!("CARGO_BIN_EXE_charter")).parent()?.parent()?.to_path_buf();
    ["release", "debug"]
        .iter()
        .map(|profile| target.join("x86_64-pc-windows-gnu").join(profile).join("charter.exe"))
        .find(|p| p.is_file())
}

fn wine() -> Option<&'static str> {
    ["wine64", "wine"].into_iter().find(|w| Command::new(w).arg("--version").output().is_ok_and(|o| o.status.success()))
}

#[test]
fn the_windows_binary_builds_the_example_under_wine() {
    let Some(exe) = windows_exe() else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"skipped: no Windows binary (cargo build --release --target x86_64-pc-windows-gnu, or CHARTER_WINDOWS_EXE)\n",
        );
        return;
    };
    let Some(wine) = wine() else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            concat!("skipped: Wine is not installed (apt-get install wine64)", "\n").as_bytes(),
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("charter-wine-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
    let exe = {
        let copy = bin.join("charter.exe");
        std::fs::copy(&exe, &copy).unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
        copy
    };
    let shim = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-O2", "-shared", "-s", "-o"])
        .arg(bin.join("bcryptprimitives.dll"))
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wine/bcryptprimitives.c"))
        .arg("-ladvapi32")
        .status()
        .is_ok_and(|s| s.success());
    let version = Command::new(wine).arg(&exe).arg("--version").env("WINEDEBUG", "-all").output();
    if !version.as_ref().is_ok_and(|o| o.status.success()) {
        assert!(!shim, "charter.exe does not start under Wine, with the stand-in DLL: {version:?}");
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"skipped: charter.exe does not start under this Wine (no bcryptprimitives.dll, no mingw-w64 gcc to build a stand-in)\n",
        );
        return;
    }
    let (win, native) = (dir.join("win"), dir.join("native"));
    let run = |cmd: &mut Command, out: &Path| {
        let o = cmd
            .args(["build", "--force", "--no-system-fonts", "--color", "never", "charter/", "-o"])
            .arg(out)
            .env("WINEDEBUG", "-all")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let win_msgs = run(Command::new(wine).arg(&exe), &win);
    let native_msgs = run(&mut Command::new(env!("CARGO_BIN_EXE_charter")), &native);
    // The same findings: every diagnostic's headline and the closing count
    // (the lines naming the output folder differ).
    let findings = |s: &str| {
        s.lines()
            .filter(|l| {
                l.starts_with("错误[") || l.starts_with("警告[") || l.starts_with("另有") || l.starts_with("发现")
            })
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert!(findings(&native_msgs).iter().any(|l| l.starts_with("错误[CH001]")), "{native_msgs}");
    assert_eq!(findings(&win_msgs), findings(&native_msgs), "the same findings");
    for file in ["charter.pdf", "charter.html"] {
        let a = std::fs::read(win.join(file)).unwrap_or_else(|e| panic!("{file} under Wine: {e}"));
        let b = std::fs::read(native.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(a.len() > 10_000, "{file}: {} bytes", a.len());
        assert!(a == b, "{file} differs between the Windows and the native binary");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
