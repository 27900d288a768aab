//! Waiting for a change of the project's files, for `watch` and `serve`.
//!
//! notify (inotify, FSEvents, ReadDirectoryChangesW) with typst-cli's
//! handling of editors' saves (typst-kit's `Watcher`, whose logic this
//! follows): a file deleted or renamed away is unwatched so that a later
//! round watches the new file at that path; a file that does not exist is
//! polled until it appears. One difference: the batching window. An
//! editor's save is several events (truncate, write, close; or write a
//! temporary file and rename it over), and the build should start once the
//! save is complete: typst-kit waits until 100 ms pass without an event.
//! Here a save that closes the file it wrote (`IN_CLOSE_WRITE`, which ends
//! every in-place save) ends the batch at once, and otherwise (a rename,
//! platforms that do not report closes) 30 ms of quiet do. That window was
//! most of the preview's latency (`benches/latency.rs`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RemoveKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// Watches a set of files.
pub struct Watcher {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<Event>>,
    /// The watched paths; the flag marks those still wanted during
    /// [`Watcher::update`].
    watched: HashMap<PathBuf, bool>,
    /// Wanted paths that do not exist (polled).
    missing: HashSet<PathBuf>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher").field("watched", &self.watched).field("missing", &self.missing).finish()
    }
}

impl Watcher {
    /// Quiet time that ends a batch of events not ended by a close.
    pub const BATCH: Duration = Duration::from_millis(30);
    /// The longest a batch may last (a barrage of events must not stop
    /// the rebuilds).
    const STARVE: Duration = Duration::from_millis(500);
    /// How often missing files are looked for (and, where notify has to
    /// poll, the file system).
    const POLL: Duration = Duration::from_millis(300);

    pub fn new() -> Result<Watcher, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        let config = notify::Config::default().with_poll_interval(Self::POLL);
        let watcher = RecommendedWatcher::new(tx, config).map_err(|e| format!("无法监视文件（{e}）"))?;
        Ok(Watcher { watcher, rx, watched: HashMap::new(), missing: HashSet::new() })
    }

    /// Watch exactly `paths` (those that do not exist are polled).
    pub fn update(&mut self, paths: impl IntoIterator<Item = PathBuf>) -> Result<(), String> {
        for seen in self.watched.values_mut() {
            *seen = false;
        }
        self.missing.clear();
        for path in paths {
            if !path.exists() {
                self.missing.insert(path);
                continue;
            }
            if !self.watched.contains_key(&path) {
                self.watcher
                    .watch(&path, RecursiveMode::NonRecursive)
                    .map_err(|e| format!("无法监视 {}（{e}）", path.display()))?;
            }
            self.watched.insert(path, true);
        }
        let watcher = &mut self.watcher;
        self.watched.retain(|path, seen| {
            if !*seen {
                let _ = watcher.unwatch(path);
            }
            *seen
        });
        Ok(())
    }

    /// Wait until a watched file changed (the whole save: see the module's
    /// documentation) or a missing one appeared.
    pub fn wait(&mut self) -> Result<(), String> {
        loop {
            let timeout = if self.missing.is_empty() { Duration::from_secs(3600) } else { Self::POLL };
            let mut next = match self.rx.recv_timeout(timeout) {
                Ok(e) => Some(e),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Err("文件监视意外停止".to_string()),
            };
            let start = Instant::now();
            let mut relevant = false;
            while let Some(event) = next {
                let event = event.map_err(|e| format!("监视文件时出错（{e}）"))?;
                let closed = matches!(event.kind, EventKind::Access(AccessKind::Close(AccessMode::Write)));
                if is_relevant(&event.kind) {
                    relevant = true;
                }
                if matches!(
                    event.kind,
                    EventKind::Remove(RemoveKind::File) | EventKind::Modify(ModifyKind::Name(RenameMode::From))
                ) {
                    // inotify drops the watch of a removed or renamed-away
                    // file: forget it, so that the next `update` watches the
                    // file that takes its place.
                    for path in &event.paths {
                        let _ = self.watcher.unwatch(path);
                        self.watched.remove(path);
                    }
                }
                if start.elapsed() > Self::STARVE {
                    break;
                }
                next = if closed {
                    // The save is complete: take only what is queued already.
                    self.rx.try_recv().ok()
                } else {
                    self.rx.recv_timeout(Self::BATCH).ok()
                };
            }
            if relevant || self.missing.iter().any(|p| p.exists()) {
                return Ok(());
            }
        }
    }
}

/// Whether an event can change what a build reads.
fn is_relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Any | EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Modify(m) => !matches!(m, ModifyKind::Metadata(_) | ModifyKind::Other),
    }
}
