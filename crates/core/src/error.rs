//! Failures of the tool itself (exit code 2), as opposed to mistakes in a
//! charter, which are [`crate::Diagnostic`]s. Each variant names what
//! failed and carries its cause; `Display` is the Chinese message.

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
    /// A folder was given where a file is needed (`charter import`).
    IsAFolder { path: PathBuf },
    /// The output file exists and `--force` was not given.
    Exists { path: PathBuf },
    /// Standard output could not be written (other than a closed pipe).
    Stdout { source: std::io::Error },
    /// Serialising `what` (a report, an export, the schema) failed.
    Serialize { what: &'static str, source: serde_json::Error },
    /// A template had errors; they were reported as diagnostics.
    Template,
    /// No built-in template of this name.
    NoBuiltinTemplate { name: String },
    /// The charter a disclosure names (or `charter.yaml` beside it) is not
    /// there.
    DisclosureCharterMissing { path: PathBuf },
    /// The file to replace is read-only: charter does not overwrite it.
    ReadOnly { path: PathBuf },
    /// The file changed between reading and writing (an editor saved it):
    /// nothing was written.
    ChangedMeanwhile { path: PathBuf },
    /// A project's templates folder is a symlink out of the project.
    TemplateOutside { path: PathBuf },
    /// A `--font-path` folder does not exist.
    FontFolderMissing { path: PathBuf },
    /// `--encoding` names no encoding.
    UnknownEncoding { name: String },
    /// `charter explain` of a code that does not exist.
    UnknownCode { code: String },
    /// A file the importer cannot read at all; `reason` says why, for the
    /// user (not a Word document, a damaged .docx, …).
    Import { path: PathBuf, reason: String },
    /// The command line asks for something that cannot be done; the text
    /// says what to type instead.
    Usage(String),
    /// git could not be started.
    GitSpawn { source: std::io::Error },
    /// A git command failed; `stderr` is git's own message.
    GitFailed { args: String, stderr: String },
    /// `path` does not exist in git revision `rev`.
    GitMissing { rev: String, path: String },
    /// A bug: the YAML the importer wrote does not load back.
    ImportRoundTrip { errors: Vec<String> },
    /// The file watcher (`charter watch`) could not be set up or failed.
    Watch { reason: String },
    /// `charter init` found files it would overwrite.
    InitExists { paths: Vec<PathBuf> },
    /// A Word document's ZIP package could not be written (`reason`: the
    /// zip crate's message).
    Package { reason: String },
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ToolError::Read { path, source } => write!(f, "无法读取 {}：{}", path.display(), io_zh(source)),
            ToolError::Write { path, source } => write!(f, "无法写入 {}：{}", path.display(), io_zh(source)),
            ToolError::NotFound { path } => {
                write!(f, "找不到章程：{} 不存在，或者是一个没有 charter.yaml 的文件夹", path.display())
            }
            ToolError::IsAFolder { path } => write!(f, "{} 是一个文件夹；请给出要导入的文件", path.display()),
            ToolError::Exists { path } => {
                write!(f, "{} 已经存在；要覆盖它请加 --force，或用 -o 指定另一个文件", path.display())
            }
            ToolError::Stdout { source } => write!(f, "无法输出：{source}"),
            ToolError::Serialize { what, source } => {
                write!(f, "内部错误：无法把{what}转换为 JSON（这是 charter 的缺陷，请报告）：{source}")
            }
            ToolError::Template => f.write_str("模板有错误，没有生成文件。"),
            ToolError::NoBuiltinTemplate { name } => write!(f, "没有名为 {name} 的内置模板"),
            ToolError::DisclosureCharterMissing { path } => write!(
                f,
                "找不到改革情况公开所附的章程：{}（在 disclosure.yaml 里用 charter: 指定章程文件）",
                path.display()
            ),
            ToolError::ReadOnly { path } => write!(
                f,
                "无法写入 {}：这是只读文件，charter 不改写只读文件（请先取消只读，例如 chmod u+w）",
                path.display()
            ),
            ToolError::ChangedMeanwhile { path } => write!(
                f,
                "没有写入 {}：运行期间这个文件被修改过（也许编辑器保存了它），为免覆盖这些修改，charter 什么也没写；请重新运行",
                path.display()
            ),
            ToolError::TemplateOutside { path } => write!(
                f,
                "{} 是指向章程文件夹以外的符号链接：出于安全考虑，模板只能放在章程自己的 templates 文件夹里",
                path.display()
            ),
            ToolError::FontFolderMissing { path } => write!(f, "字体文件夹不存在：{}", path.display()),
            ToolError::UnknownEncoding { name } => {
                write!(f, "不认识的编码“{name}”；可以用 utf-8、gb18030、gbk、big5、utf-16le 等")
            }
            ToolError::UnknownCode { code } => {
                write!(f, "没有代码为“{code}”的规则或诊断。用 charter rules 列出所有规则。")
            }
            ToolError::Import { path, reason } => write!(f, "无法导入 {}：{reason}", path.display()),
            ToolError::Usage(s) => f.write_str(s),
            ToolError::Watch { reason } => write!(f, "无法监视文件的变化：{reason}"),
            ToolError::Package { reason } => write!(f, "无法生成 Word 文档的压缩包：{reason}"),
            ToolError::InitExists { paths } => {
                let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "这些文件已经存在：{}。charter init 不会覆盖已有的文件；请换一个新的文件夹，或者先把它们移走",
                    list.join("、")
                )
            }
            ToolError::GitSpawn { source } => write!(f, "无法运行 git：{source}"),
            ToolError::GitFailed { args, stderr } => write!(f, "git {args} 失败：{stderr}"),
            ToolError::GitMissing { rev, path } => write!(f, "git 版本 {rev} 中没有 {path}"),
            ToolError::ImportRoundTrip { errors } => {
                write!(f, "内部错误：导入生成的 YAML 无法读回（这是 charter 的缺陷，请报告）：\n{}", errors.join("\n"))
            }
        }
    }
}

impl std::error::Error for ToolError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ToolError::Read { source, .. }
            | ToolError::Write { source, .. }
            | ToolError::Stdout { source }
            | ToolError::GitSpawn { source } => Some(source),
            ToolError::Serialize { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl ToolError {
    /// A serialisation failure of `what` (“检查报告”, “导出数据”).
    pub fn serialize(what: &'static str) -> impl FnOnce(serde_json::Error) -> ToolError {
        move |source| ToolError::Serialize { what, source }
    }
}

/// `value` as pretty JSON with a final newline; an error names `what`.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(what: &'static str, value: &T) -> Result<String, ToolError> {
    let mut s = serde_json::to_string_pretty(value).map_err(ToolError::serialize(what))?;
    s.push('\n');
    Ok(s)
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn serialisation_failure_is_an_error_with_its_cause() {
        // JSON object keys must be strings: a map keyed by pairs cannot be
        // written, and that must not become empty output.
        let value: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let err = to_json_pretty("测试数据", &value).err().unwrap_or_else(|| panic!("serialised"));
        assert!(matches!(err, ToolError::Serialize { what: "测试数据", .. }));
        assert!(err.to_string().contains("无法把测试数据转换为 JSON"), "{err}");
        assert!(err.source().is_some_and(|s| s.to_string().contains("key must be a string")), "{:?}", err.source());
        assert_eq!(to_json_pretty("x", &[1, 2]).ok().as_deref(), Some("[\n  1,\n  2\n]\n"));
    }

    #[test]
    fn messages_name_what_failed() {
        let e = ToolError::GitMissing { rev: "HEAD~1".into(), path: "charter/charter.yaml".into() };
        assert_eq!(e.to_string(), "git 版本 HEAD~1 中没有 charter/charter.yaml");
        let e =
            ToolError::Import { path: "a.docx".into(), reason: "压缩包中的 word/document.xml 已损坏".into() };
        assert_eq!(e.to_string(), "无法导入 a.docx：压缩包中的 word/document.xml 已损坏");
    }
}
