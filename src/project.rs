//! The project: where a charter's files are, and the only place the tool
//! reads them.
//!
//! [`Project::open`] resolves a charter (a file, or a folder holding
//! `charter.yaml`), discovers its `lint.yaml`, reads both and the project's
//! own templates, and checks the charter. [`Project::inputs`] lists every
//! file and folder whose change affects a build (for a watcher);
//! [`Project::build`] ([`build`]) renders every requested output in memory
//! behind the [`output::Output`] interface, and [`build::BuildOutcome::write`]
//! writes them all at once. [`diff`] does the same for `charter diff`: the
//! two drafts (files, or git revisions) and the comparison's outputs;
//! [`amend`] adds the congress's documents made from the same two drafts
//! (the decision as PDF and HTML, the packet).

use std::path::{Path, PathBuf};

use charter_core::Document;
use charter_core::error::ToolError;
use charter_core::load::CHARTER_FILE;
use charter_import::{Import, Options, import_bytes};
use charter_lint::config::CONFIG_FILE;
use charter_render::{BUILTIN_MODULES, BUILTIN_TEMPLATES, FontOptions, FontSet, Template};

use crate::ConfigChoice;

pub mod amend;
pub mod build;
pub mod diff;
pub mod init;
pub mod output;
pub mod session;

pub use build::{BuildFailure, BuildOutcome, BuildRequest, BuildStatus, RenderedFile};
pub use output::Output;
pub use session::Session;

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
        return Err(ToolError::IsAFolder { path: path.to_path_buf() });
    }
    let bytes = read_limited(path, MAX_IMPORT_BYTES)?;
    import_bytes(path, &bytes, options)
}

/// Font options: `dirs` (`--font-path`, each must be a folder) before the
/// system's fonts when `system`.
pub fn font_options(dirs: &[PathBuf], system: bool) -> Result<FontOptions, ToolError> {
    for dir in dirs {
        if !dir.is_dir() {
            return Err(ToolError::FontFolderMissing { path: dir.clone() });
        }
    }
    Ok(FontOptions { system, dirs: dirs.to_vec() })
}

/// The template `name`: `<project_dir>/templates/<name>` when it exists,
/// the built-in one otherwise. The templates folder must be the project's
/// own (not a symlink to elsewhere): everything a template reads is
/// confined to it (`charter_render::pdf::template_from_file`).
pub fn template(project_dir: Option<&Path>, name: &str) -> Result<Template, ToolError> {
    if let Some(path) = template_override(project_dir, name) {
        if let Some(dir) = project_dir {
            let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
            let folder = dir.join("templates");
            if own_templates(dir).is_none() {
                return Err(ToolError::TemplateOutside { path: folder });
            }
        }
        return read_template(&path).map_err(|e| ToolError::Read { path, source: e });
    }
    let mut t = builtin_template(name)?;
    t.dir = project_dir.and_then(own_templates);
    Ok(t)
}

/// The project's own `templates/` folder, canonical, when it exists and is
/// not a symlink out of the project: a built-in typst template imports the
/// modules it holds (`charter-text.typ`, …) instead of the built-in ones.
fn own_templates(dir: &Path) -> Option<PathBuf> {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let folder = dir.join("templates");
    match (dir.canonicalize(), folder.canonicalize()) {
        (Ok(d), Ok(f)) if f == d.join("templates") && f.is_dir() => Some(f),
        _ => None,
    }
}

/// The project's own copy of the template `name`, if it has one.
fn template_override(project_dir: Option<&Path>, name: &str) -> Option<PathBuf> {
    let path = project_dir?.join("templates").join(name);
    path.is_file().then_some(path)
}

fn builtin_template(name: &str) -> Result<Template, ToolError> {
    charter_render::builtin_template(name).ok_or_else(|| ToolError::NoBuiltinTemplate { name: name.to_string() })
}

/// A template read from a file, with its folder for further files (the
/// folder is its sandbox: see `charter_render::pdf::template_from_file`).
fn read_template(path: &Path) -> std::io::Result<Template> {
    charter_render::pdf::template_from_file(path)
}

/// How to open a project.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions<'a> {
    /// Where the checker's configuration comes from (default: discovered).
    pub config: ConfigChoice<'a>,
    /// Where fonts come from (default: only the embedded ones).
    pub fonts: FontOptions,
}

/// What a file or folder is to the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    /// The charter file.
    Charter,
    /// The checker's configuration (`lint.yaml`).
    Config,
    /// One of the project's own templates (`templates/charter.typ`, …).
    Template,
    /// A `--font-path` folder.
    FontFolder,
}

/// A file or folder whose change affects a build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub kind: InputKind,
    pub path: PathBuf,
}

/// A project template as read when the project was opened. A read failure
/// is kept (as its kind and message) and reported when the template is
/// used, so a broken template only stops the outputs that need it.
#[derive(Debug)]
struct TemplateFile {
    name: &'static str,
    path: PathBuf,
    read: Result<Template, (std::io::ErrorKind, String)>,
}

/// An opened charter project: its files, read and checked.
#[derive(Debug)]
pub struct Project {
    file: PathBuf,
    dir: Option<PathBuf>,
    config: Option<PathBuf>,
    fonts: FontOptions,
    templates: Vec<TemplateFile>,
    doc: Document,
}

impl Project {
    /// Open the project at `path` (a charter file, or a folder holding
    /// `charter.yaml`) with its discovered `lint.yaml` and only the
    /// embedded fonts.
    pub fn open(path: &Path) -> Result<Project, ToolError> {
        Project::open_with(path, &OpenOptions::default())
    }

    /// Like [`Project::open`], choosing the configuration and the fonts.
    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Project, ToolError> {
        let file = resolve_path(path)?;
        let (doc, config) = load_checked(&file, options.config)?;
        let dir = file.parent().map(Path::to_path_buf);
        // The templates and the modules they import (watched alike).
        let templates = BUILTIN_TEMPLATES
            .iter()
            .chain(BUILTIN_MODULES.iter())
            .filter_map(|(name, _)| {
                let path = template_override(dir.as_deref(), name)?;
                let read = read_template(&path).map_err(|e| (e.kind(), e.to_string()));
                Some(TemplateFile { name, path, read })
            })
            .collect();
        Ok(Project { file, dir, config, fonts: options.fonts.clone(), templates, doc })
    }

    /// The charter file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The folder holding the charter file (its `templates/` overrides the
    /// built-in templates).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The configuration file in use, if any.
    pub fn config(&self) -> Option<&Path> {
        self.config.as_deref()
    }

    /// The font options the project was opened with.
    pub fn font_options(&self) -> &FontOptions {
        &self.fonts
    }

    /// Load the fonts of the project's font options.
    pub fn load_fonts(&self) -> FontSet {
        FontSet::load(&self.fonts)
    }

    /// The loaded, numbered and checked charter.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The file name of the outputs without extension: the charter file's
    /// stem (`charter` for `charter.yaml`).
    pub fn stem(&self) -> String {
        self.file.file_stem().map_or_else(|| "charter".to_string(), |s| s.to_string_lossy().into_owned())
    }

    /// Every file and folder whose change affects a build: the charter,
    /// its configuration, each of the project's own templates, each font
    /// folder. (Files a project template imports from its folder are read
    /// by the template; a watcher should watch the templates' folder.)
    pub fn inputs(&self) -> Vec<Input> {
        let mut v = vec![Input { kind: InputKind::Charter, path: self.file.clone() }];
        if let Some(c) = &self.config {
            v.push(Input { kind: InputKind::Config, path: c.clone() });
        }
        for t in &self.templates {
            v.push(Input { kind: InputKind::Template, path: t.path.clone() });
        }
        for d in &self.fonts.dirs {
            v.push(Input { kind: InputKind::FontFolder, path: d.clone() });
        }
        v
    }

    /// The template `name`: the project's own, else the built-in one.
    pub fn template(&self, name: &str) -> Result<Template, ToolError> {
        match self.templates.iter().find(|t| t.name == name) {
            Some(t) => t.read.clone().map_err(|(kind, message)| ToolError::Read {
                path: t.path.clone(),
                source: std::io::Error::new(kind, message),
            }),
            None => {
                let mut t = builtin_template(name)?;
                t.dir = self.dir.as_deref().and_then(own_templates);
                Ok(t)
            }
        }
    }
}

/// Read the configuration and the charter file, load and check it.
pub(crate) fn load_checked(file: &Path, config: ConfigChoice) -> Result<(Document, Option<PathBuf>), ToolError> {
    let config = crate::read_config(file, config)?;
    let config_path = config.as_ref().map(|(p, _)| p.clone());
    let bytes = read(file)?;
    let mut doc = Document::load(file, bytes);
    charter_lint::check_document(&mut doc, config);
    Ok((doc, config_path))
}

/// The largest file `import` reads (a charter is a few hundred KB; this
/// also stops `/dev/zero` and other endless inputs).
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Read at most `limit` bytes of `path`; a longer file is refused.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ToolError> {
    use std::io::Read;
    let rerr = |e| ToolError::Read { path: path.to_path_buf(), source: e };
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes)).map_err(rerr)?;
    if bytes.len() as u64 > limit {
        return Err(ToolError::Import {
            path: path.to_path_buf(),
            reason: format!("文件超过 {} MB，不像是一份章程（或是没有尽头的设备文件）", limit / (1024 * 1024)),
        });
    }
    Ok(bytes)
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
