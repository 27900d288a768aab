//! Failures of the tool itself (exit code 2), as opposed to mistakes in a
//! charter, which are [`crate::Diagnostic`]s.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum ToolError {
    /// A file or folder could not be read.
    Read { path: PathBuf, source: std::io::Error },
    /// A file could not be written.
    Write { path: PathBuf, source: std::io::Error },
    /// The path given holds no charter.
    NotFound { path: PathBuf },
    /// Anything else, already phrased for the user.
    Other(String),
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ToolError::Read { path, source } => write!(f, "无法读取 {}：{}", path.display(), io_zh(source)),
            ToolError::Write { path, source } => write!(f, "无法写入 {}：{}", path.display(), io_zh(source)),
            ToolError::NotFound { path } => {
                write!(f, "找不到章程：{} 不存在，或者是一个没有 charter.yaml 的文件夹", path.display())
            }
            ToolError::Other(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for ToolError {}

fn io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件不存在".into(),
        K::PermissionDenied => "没有权限".into(),
        K::IsADirectory => "这是一个文件夹".into(),
        // A message of charter's own (no OS error behind it) is Chinese already.
        _ if e.raw_os_error().is_none() && e.get_ref().is_some() => e.to_string(),
        K::AlreadyExists => format!("文件已存在（{e}）"),
        K::NotADirectory => format!("路径中有一段不是文件夹（{e}）"),
        K::ReadOnlyFilesystem => format!("文件系统是只读的（{e}）"),
        K::StorageFull | K::QuotaExceeded => format!("磁盘空间不足（{e}）"),
        K::InvalidData => format!("内容无效（{e}）"),
        K::Interrupted => format!("操作被中断（{e}）"),
        _ => format!("系统错误（{e}）"),
    }
}
