//! The `charter` command line: parse arguments, dispatch, map outcomes to
//! exit codes (0 success, 1 the charter has errors, 2 the tool could not run).

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
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
