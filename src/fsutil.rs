//! File output. Every file the tool writes goes through [`write_atomic`]
//! (or [`replace_if_unchanged`]): written to a temporary file in the same
//! folder, then renamed, so a crash or a full disk never leaves a
//! half-written file behind. Replacing a file keeps what the user set on
//! it: its permissions (a mode-600 file stays private) and, where the
//! system allows, its owner; a symlink stays a symlink (its target is
//! written); a read-only file is refused, not replaced. Temporary files a
//! killed run left behind (`.NAME.PID.tmp` of a process that is gone) are
//! removed on the next write.
//!
//! A file with several hard links is not replaced (a rename would leave the
//! other names on the old content): the new content is written and synced
//! to `.NAME.PID.new` first, then copied over the file in place (same
//! inode, so every name sees it), and `.NAME.PID.new` removed. Should the
//! copy be interrupted, `.NAME.PID.new` stays behind with the complete new
//! content (it is never removed as stale).

use std::io::Write;
use std::path::{Path, PathBuf};

use charter_core::error::ToolError;

/// Write `bytes` to `path` atomically, creating the parent folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ToolError> {
    write(path, bytes, None)
}

/// Replace the file at `path`, which the caller read as `read`, with
/// `bytes` — unless it changed on disk since (an editor saved it while
/// `check --fix` ran): then nothing is written and the error says why.
pub fn replace_if_unchanged(path: &Path, read: &[u8], bytes: &[u8]) -> Result<(), ToolError> {
    write(path, bytes, Some(read))
}

fn write(path: &Path, bytes: &[u8], expect: Option<&[u8]>) -> Result<(), ToolError> {
    // A symlink is kept: its target is the file to replace.
    let target: PathBuf = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    let werr = |e| ToolError::Write { path: path.to_path_buf(), source: e };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(werr)?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_stale_temporaries(&dir, &name);
    let existing = std::fs::metadata(&target).ok().filter(std::fs::Metadata::is_file);
    if let Some(m) = &existing
        && m.permissions().readonly()
    {
        return Err(ToolError::ReadOnly { path: path.to_path_buf() });
    }
    let linked = existing.as_ref().is_some_and(hard_linked);
    let suffix = if linked { "new" } else { "tmp" };
    let tmp = dir.join(format!(".{name}.{}.{suffix}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if let Some(m) = &existing {
            keep_metadata(&tmp, m)?;
        }
        if let Some(read) = expect {
            // Compared as late as possible, right before the rename.
            let now = std::fs::read(&target)?;
            if now != read {
                return Err(std::io::Error::other(Changed));
            }
        }
        if linked {
            // Keep the inode: copy over the file in place.
            let mut f = std::fs::OpenOptions::new().write(true).open(&target)?;
            f.write_all(bytes)?;
            f.set_len(bytes.len() as u64)?;
            f.sync_all()?;
            return std::fs::remove_file(&tmp);
        }
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        if e.get_ref().is_some_and(|inner| inner.is::<Changed>()) {
            return Err(ToolError::ChangedMeanwhile { path: path.to_path_buf() });
        }
        return Err(werr(e));
    }
    Ok(())
}

/// The file changed on disk between reading and replacing it.
#[derive(Debug)]
struct Changed;

impl std::fmt::Display for Changed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("文件在读取之后被修改过")
    }
}

impl std::error::Error for Changed {}

/// Has the file other names (hard links) that a rename would leave behind?
fn hard_linked(m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        m.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        false
    }
}

/// Give the new file the old one's permissions (and owner, where allowed).
fn keep_metadata(tmp: &Path, old: &std::fs::Metadata) -> std::io::Result<()> {
    std::fs::set_permissions(tmp, old.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; otherwise the owner is ours anyway.
        let _ = std::os::unix::fs::chown(tmp, Some(old.uid()), Some(old.gid()));
    }
    Ok(())
}

/// Remove `.NAME.PID.tmp` files in `dir` left by runs that were killed
/// (their process no longer exists); a live run's file is left alone.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(pid) = file.to_str().and_then(|f| f.strip_prefix(&prefix)).and_then(|r| r.strip_suffix(".tmp")) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid != std::process::id() && !alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Is process `pid` running? Where that cannot be told (no `/proc`), it is
/// assumed to be, and its file is kept.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("charter-fsutil-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn writes_and_replaces() {
        let dir = dir("replace");
        let p = dir.join("sub").join("a.txt");
        write_atomic(&p, b"one").unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&p, b"two").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"two");
        let leftovers = std::fs::read_dir(p.parent().unwrap_or(&dir)).map(|d| d.count()).unwrap_or(0);
        assert_eq!(leftovers, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_changed_file_is_not_replaced() {
        let dir = dir("changed");
        let p = dir.join("a.yaml");
        write_atomic(&p, b"edited by the user").unwrap_or_else(|e| panic!("{e}"));
        let err = replace_if_unchanged(&p, b"what charter read", b"fixed").err().map(|e| e.to_string());
        assert!(err.as_deref().is_some_and(|e| e.contains("被修改过")), "{err:?}");
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"edited by the user");
        replace_if_unchanged(&p, b"edited by the user", b"fixed").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"fixed");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn stale_temporaries_are_removed() {
        let dir = dir("stale");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        // PIDs above the kernel's maximum (4194304) never run.
        let stale = dir.join(".a.pdf.4294967.tmp");
        let other = dir.join(".b.pdf.4294967.tmp");
        std::fs::write(&stale, b"x").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&other, b"x").unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&dir.join("a.pdf"), b"pdf").unwrap_or_else(|e| panic!("{e}"));
        assert!(!stale.exists() || !Path::new("/proc/self").exists());
        assert!(other.exists(), "another file's temporary is not ours to remove");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_is_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = dir("hardlink");
        let a = dir.join("charter.yaml");
        let b = dir.join("backup.yaml");
        write_atomic(&a, b"first version, rather long").unwrap_or_else(|e| panic!("{e}"));
        std::fs::hard_link(&a, &b).unwrap_or_else(|e| panic!("{e}"));
        let ino = std::fs::metadata(&a).map(|m| m.ino()).unwrap_or(0);
        replace_if_unchanged(&a, b"first version, rather long", b"second").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&b).unwrap_or_default(), b"second", "the other name lost the write");
        assert_eq!(std::fs::metadata(&a).map(|m| (m.ino(), m.nlink())).unwrap_or_default(), (ino, 2));
        // Changed meanwhile: nothing written through either name.
        let err = replace_if_unchanged(&a, b"stale", b"third").err().map(|e| e.to_string());
        assert!(err.as_deref().is_some_and(|e| e.contains("被修改过")), "{err:?}");
        assert_eq!(std::fs::read(&b).unwrap_or_default(), b"second");
        // No temporary is left.
        let names: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 2, "{names:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn mode_symlink_and_read_only_are_respected() {
        use std::os::unix::fs::PermissionsExt;
        let dir = dir("meta");
        let real = dir.join("real.yaml");
        write_atomic(&real, b"one").unwrap_or_else(|e| panic!("{e}"));
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&real, b"two").unwrap_or_else(|e| panic!("{e}"));
        let mode = std::fs::metadata(&real).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
        assert_eq!(mode, 0o600);
        // Through a symlink: the link stays, its target is written.
        let link = dir.join("link.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| panic!("{e}"));
        write_atomic(&link, b"three").unwrap_or_else(|e| panic!("{e}"));
        assert!(std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        assert_eq!(std::fs::read(&real).unwrap_or_default(), b"three");
        // Read-only: refused, untouched (root ignores the mode when
        // writing, but charter checks it).
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o400)).unwrap_or_else(|e| panic!("{e}"));
        let err = write_atomic(&real, b"four").err().map(|e| e.to_string());
        assert!(err.as_deref().is_some_and(|e| e.contains("只读")), "{err:?}");
        assert_eq!(std::fs::read(&real).unwrap_or_default(), b"three");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
