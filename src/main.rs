//! The `charter` command line: parse arguments, dispatch, map outcomes to
//! exit codes (0 success, 1 the charter has errors, 2 the tool could not run).

use std::io::Write;
use std::process::ExitCode;

mod cli;

/// mimalloc rather than the system allocator on Unix: a charter is loaded
/// into many small allocations (a string per text, per id, per span), and
/// glibc's allocator made `check` of a 16,000-article charter about twice
/// as slow (`cargo bench -p charter-lint --bench growth`; ARCHITECTURE.md,
/// Decisions). The Windows build keeps the system allocator.
#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
