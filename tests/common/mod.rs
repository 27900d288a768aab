//! Helpers shared by the integration tests.

use std::process::Command;

/// Run the `charter` binary with `args`; returns (exit code, stdout, stderr).
/// `NO_COLOR` is removed so that tests control colour explicitly.
pub fn charter(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap_or_else(|e| panic!("cannot run charter: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
