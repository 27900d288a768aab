//! The project: where a charter's files are, and the only place the tool
//! reads them.

use std::path::{Path, PathBuf};

use charter_core::error::ToolError;
use charter_core::load::CHARTER_FILE;
use charter_import::{Import, Options, import_bytes};
use charter_lint::config::CONFIG_FILE;

/// Where a path's charter file is: the path itself, or `charter.yaml` in it.
pub fn resolve_path(path: &Path) -> Result<PathBuf, ToolError> {
    if path.is_dir() {
        let f = path.join(CHARTER_FILE);
        if f.is_file() {
            return Ok(f);
        }
        return Err(ToolError::NotFound { path: path.to_path_buf() });
    }
    if path.exists() {
        return Ok(path.to_path_buf());
    }
    Err(ToolError::NotFound { path: path.to_path_buf() })
}

/// A file's bytes; failing to read is a tool error.
pub fn read(path: &Path) -> Result<Vec<u8>, ToolError> {
    std::fs::read(path).map_err(|e| ToolError::Read { path: path.to_path_buf(), source: e })
}

/// Where the configuration of a charter file is: `lint.yaml` in the
/// charter's folder, else in its parent folder (for `drafts/*.yaml`).
pub fn discover_config(charter_file: &Path) -> Option<PathBuf> {
    let dir = charter_file.parent()?;
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let here = dir.join(CONFIG_FILE);
    if here.is_file() {
        return Some(here);
    }
    let up = dir.parent()?.join(CONFIG_FILE);
    up.is_file().then_some(up)
}

/// Import the file at `path`. Unreadable files and files that are not text
/// or .docx at all are [`ToolError`]s; everything else is a diagnostic.
pub fn import_file(path: &Path, options: Options) -> Result<Import, ToolError> {
    if path.is_dir() {
        return Err(ToolError::Other(format!("{} 是一个文件夹；请给出要导入的文件", path.display())));
    }
    let bytes = std::fs::read(path).map_err(|e| ToolError::Read { path: path.to_path_buf(), source: e })?;
    import_bytes(path, &bytes, options)
}

/// Where a path's disclosure file is: the path itself (a file), or
/// `disclosure.yaml` in it (a folder, normally the charter's).
pub fn resolve_disclosure(path: &Path) -> Result<PathBuf, ToolError> {
    if path.is_dir() {
        let f = path.join(charter_disclosure::DISCLOSURE_FILE);
        if f.is_file() {
            return Ok(f);
        }
        return Err(ToolError::NotFound { path: f });
    }
    if path.exists() {
        return Ok(path.to_path_buf());
    }
    Err(ToolError::NotFound { path: path.to_path_buf() })
}

/// The charter a disclosure belongs to: its `charter:` key (relative to
/// the disclosure's folder), else `charter.yaml` beside it.
pub fn disclosure_charter(disclosure_file: &Path, named: Option<&str>) -> PathBuf {
    let dir = disclosure_file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    dir.join(named.unwrap_or(CHARTER_FILE))
}
