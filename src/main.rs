//! The `charter` command line: parse arguments, dispatch, map outcomes to
//! exit codes (0 success, 1 the charter has errors, 2 the tool could not run).

use std::io::Write;
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let args = match cli::zh::parse() {
        Ok(a) => a,
        Err(e) => {
            // Help and version on stdout, usage errors (in Chinese) on stderr.
            let (text, stderr, code) = cli::zh::report(&e);
            let _ = if stderr {
                std::io::stderr().lock().write_all(text.as_bytes())
            } else {
                std::io::stdout().lock().write_all(text.as_bytes())
            };
            return ExitCode::from(code);
        }
    };
    match cli::run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(cli::Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(cli::Failure::Tool(e)) => {
            eprintln!("charter：{e}");
            ExitCode::from(2)
        }
    }
}
