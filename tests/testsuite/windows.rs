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
    let summary = |s: &str| s.lines().rfind(|l| l.starts_with("发现")).map(str::to_string);
    assert!(summary(&native_msgs).is_some(), "{native_msgs}");
    assert_eq!(summary(&win_msgs), summary(&native_msgs), "the same findings");
    for file in ["charter.pdf", "charter.html"] {
        let a = std::fs::read(win.join(file)).unwrap_or_else(|e| panic!("{file} under Wine: {e}"));
        let b = std::fs::read(native.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(a.len() > 10_000, "{file}: {} bytes", a.len());
        assert!(a == b, "{file} differs between the Windows and the native binary");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
