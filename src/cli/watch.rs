//! `charter watch`: rebuild the outputs on every save of the project's
//! files, like `build` run again by hand.
//!
//! One loop: open the project, build (fonts loaded once, before the first
//! build), print, then wait for a change of any of the project's inputs
//! ([`Project::inputs`]) and of the files that would become inputs when
//! they appear (a `lint.yaml` next to the charter, a template override).
//! The waiting is [`super::watcher::Watcher`] (notify, plus typst-cli's
//! handling of editors' atomic saves: a file deleted and re-created is
//! watched again, and a file that is missing is polled until it is back;
//! a save ends the wait as soon as it is complete). A charter that
//! does not load, or has errors, writes nothing: the last good output stays
//! in `out/`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::build::{OutputArgs, report};
use super::watcher::Watcher;
use super::{CmdResult, Failure, Global, out};
use charter::ToolError;
use charter::project::{OpenOptions, Project, Session};
use charter::render::{BUILTIN_TEMPLATES, FontSet};

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// 章程文件，或含有 charter.yaml 的文件夹
    #[arg(default_value = "charter")]
    pub path: PathBuf,
    #[command(flatten)]
    pub out: OutputArgs,
}

pub fn run(args: &WatchArgs, global: &Global) -> CmdResult {
    let font_options = args.out.fonts.options()?;
    let options = OpenOptions { fonts: font_options, ..OpenOptions::default() };
    let session = Session::new(FontSet::load(&options.fonts));
    let request = args.out.request(Some(&session));
    watch_loop(&args.path, &options, |round, opened| {
        if round > 1 && !global.quiet {
            out(&format!("\n—— 文件有变化，重新生成（第 {round} 次）——\n"))?;
        }
        match opened {
            Ok(project) => {
                let outcome = project.build(&request);
                match report(&project, outcome, global) {
                    Ok(0) => {}
                    Ok(_) => {
                        eprintln!("上一次成功生成的文件保留在 {}，改正后保存即可重新生成。", args.out.output.display())
                    }
                    Err(Failure::BrokenPipe) => return Err(Failure::BrokenPipe),
                    Err(Failure::Tool(e)) => eprintln!("charter：{e}"),
                }
            }
            // Keep watching the files of the last project that opened.
            Err(e) => eprintln!("charter：{e}"),
        }
        if !global.quiet {
            out("正在监视文件的变化，按 Ctrl+C 结束。\n")?;
        }
        Ok(())
    })
}

/// Open the project at `path` and call `round` with it (or with why it
/// could not be opened), then wait for a change of its inputs, forever
/// (until `round` fails). `round` gets the round's number, from 1.
pub fn watch_loop(
    path: &Path,
    options: &OpenOptions,
    mut round: impl FnMut(u64, Result<Project, ToolError>) -> Result<(), Failure>,
) -> CmdResult {
    // The path must hold a charter when watching starts; later it may
    // vanish for a moment (an editor's atomic save).
    charter::project::resolve_path(path)?;
    let mut watched: Vec<PathBuf> = vec![path.to_path_buf()];
    for n in 1.. {
        // A new watcher each round, watching before the files are read (a
        // save during the build starts the next round). A fresh one also
        // re-watches a file an editor replaced (saved to a new file renamed
        // over the old one), whose inotify watch died with the old file.
        let mut watcher = Watcher::new().map_err(watch_error)?;
        watcher.update(watched.iter().cloned()).map_err(watch_error)?;
        let opened = Project::open_with(path, options);
        if let Ok(project) = &opened {
            let now = watch_list(project);
            if now != watched {
                watched = now;
                watcher.update(watched.iter().cloned()).map_err(watch_error)?;
            }
        }
        round(n, opened)?;
        watcher.wait().map_err(watch_error)?;
    }
    Ok(0)
}

fn watch_error(e: impl std::fmt::Display) -> ToolError {
    ToolError::Watch { reason: e.to_string() }
}

/// The project's inputs, and the files that would become inputs if they
/// were created: `lint.yaml` next to the charter and each template
/// override in `templates/`. (Missing files are polled by the watcher.)
fn watch_list(project: &Project) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = project.inputs().into_iter().map(|i| i.path).collect();
    if let Some(dir) = project.dir() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        v.push(dir.join(charter::lint::config::CONFIG_FILE));
        for (name, _) in BUILTIN_TEMPLATES {
            v.push(dir.join("templates").join(name));
        }
    }
    v.sort();
    v.dedup();
    v
}
