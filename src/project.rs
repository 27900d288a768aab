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
    // The default project folder `charter` is absent but `charter.yaml` is
    // here: the user is inside the project folder.
    if path == Path::new("charter") && Path::new(CHARTER_FILE).is_file() {
        return Ok(PathBuf::from(CHARTER_FILE));
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
