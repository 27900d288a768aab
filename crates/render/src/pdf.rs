//! PDF through typst, embedded as a library.
//!
//! [`compile`] is generic: a typst template plus data files (JSON, read by
//! the template with `json("/charter.json")`) → PDF bytes. The data is never
//! spliced into markup, so nothing a user writes can be read as typst code.
//! The world is in memory: the template, the data files, the fonts of a
//! [`FontSet`] and, for a project's own templates, further files from the
//! template's folder (images, imported `.typ` files). There is no clock:
//! `datetime.today()` fails, and the document date comes from the data.

use std::collections::{BTreeMap, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use typst::diag::{FileError, FileResult, Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use super::fonts::FontSet;
use super::{Report, Template};
use charter_core::diagnostic::Diagnostic;
use charter_core::source::Sources;

/// The PDF standard to conform to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Standard {
    /// Plain PDF 1.7 (tagged).
    #[default]
    Pdf17,
    /// PDF/A-2b, for archiving.
    PdfA2b,
}

/// Settings of one PDF export.
#[derive(Clone, Debug, Default)]
pub struct PdfSettings {
    pub standard: Standard,
    /// A stable identifier of the document (e.g. the charter's title and
    /// file name), hashed into the PDF's document id.
    pub ident: Option<String>,
}

/// A compiled PDF.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Typst's warnings, as diagnostics pointing into the template.
    pub warnings: Report,
}

/// The virtual path of the main template file.
pub const MAIN_PATH: &str = "/main.typ";

/// Compile `template` with the data `files` (virtual path such as
/// `/charter.json` → bytes) into a PDF. Template errors come back as
/// diagnostics pointing into the template.
pub fn compile(
    template: &Template,
    files: &[(&str, Vec<u8>)],
    fonts: &FontSet,
    settings: &PdfSettings,
) -> Result<Pdf, Report> {
    let world = CharterWorld::new(template, files, fonts)?;
    let compiled = std::panic::catch_unwind(AssertUnwindSafe(|| typst::compile::<PagedDocument>(&world)));
    let Ok(warned) = compiled else {
        return Err(Report::message(
            crate::codes::R010,
            "排版引擎内部出错（typst 崩溃）。请把章程文件和模板报告给维护者。",
        ));
    };
    let warnings = world.report(&warned.warnings);
    let doc = match warned.output {
        Ok(doc) => doc,
        Err(errors) => {
            let mut report = world.report(&errors);
            report.diagnostics.extend(warnings.diagnostics);
            return Err(report);
        }
    };
    let standards = match settings.standard {
        Standard::Pdf17 => PdfStandards::new(&[PdfStandard::V_1_7]),
        Standard::PdfA2b => PdfStandards::new(&[PdfStandard::A_2b]),
    }
    .map_err(|e| Report::message(crate::codes::R010, format!("无法设定 PDF 标准：{}", e.message())))?;
    let options = PdfOptions {
        ident: settings.ident.clone().map_or(Smart::Auto, Smart::Custom),
        creator: Smart::Custom(Some(format!("charter {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    let bytes = typst_pdf::pdf(&doc, &options).map_err(|errors| world.report(&errors))?;
    Ok(Pdf { bytes, pages: doc.pages().len(), warnings })
}

/// The in-memory world of one compilation.
struct CharterWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a FontSet,
    main: FileId,
    main_source: Source,
    template_name: String,
    files: HashMap<FileId, Bytes>,
    dir: Option<PathBuf>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
}

fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

impl<'a> CharterWorld<'a> {
    fn new(template: &Template, files: &[(&str, Vec<u8>)], fonts: &'a FontSet) -> Result<Self, Report> {
        let bad_path = |p: &str| Report::message(crate::codes::R010, format!("虚拟文件路径无效：{p}"));
        let main = file_id(MAIN_PATH).ok_or_else(|| bad_path(MAIN_PATH))?;
        let mut map = HashMap::new();
        for (path, bytes) in files {
            let id = file_id(path).ok_or_else(|| bad_path(path))?;
            map.insert(id, Bytes::new(bytes.clone()));
        }
        Ok(CharterWorld {
            library: LazyHash::new(Library::default()),
            fonts,
            main,
            main_source: Source::new(main, template.source.clone()),
            template_name: template.name.clone(),
            files: map,
            dir: template.dir.clone(),
            sources: Mutex::new(HashMap::new()),
        })
    }

    /// Read a file of the template's folder.
    fn read_dir_file(&self, id: FileId) -> FileResult<Vec<u8>> {
        let Some(dir) = &self.dir else {
            return Err(FileError::NotFound(id.vpath().get_without_slash().into()));
        };
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some("模板不能使用 typst 包".into())));
        }
        let path = dir.join(id.vpath().get_without_slash());
        // `dir` is canonical; a symlink (file or folder) may not lead out.
        let real = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(dir) {
            return Err(FileError::Other(Some(outside(dir).to_string().into())));
        }
        std::fs::read(&real).map_err(|e| FileError::from_io(e, &path))
    }

    /// The path shown in messages for a typst file.
    fn display_name(&self, id: FileId) -> String {
        if id == self.main {
            return self.template_name.clone();
        }
        match &self.dir {
            Some(d) if !self.files.contains_key(&id) => d.join(id.vpath().get_without_slash()).display().to_string(),
            _ => id.vpath().get_with_slash().to_string(),
        }
    }

    /// Convert typst diagnostics into ours, the files they point into added
    /// to a fresh [`Sources`].
    fn report(&self, diags: &[SourceDiagnostic]) -> Report {
        let mut sources = Sources::default();
        let mut ids: BTreeMap<String, charter_core::FileId> = BTreeMap::new();
        let mut out = Vec::new();
        for d in diags {
            let (code, what) = match d.severity {
                TypstSeverity::Error => (crate::codes::R010, "排版模板出错"),
                TypstSeverity::Warning => (crate::codes::R011, "排版模板警告"),
            };
            let mut diag = Diagnostic::new(code, format!("{what}：{}", d.message));
            if let (Some(id), Some(range)) = (d.span.id(), self.range(d.span)) {
                let name = self.display_name(id);
                let text = self.source(id).map(|s| s.text().to_string()).ok();
                if let Some(text) = text {
                    let fid = *ids.entry(name.clone()).or_insert_with(|| sources.add(&name, text));
                    diag = diag.at(charter_core::Span::new(fid, range.start, range.end), "");
                }
            }
            for h in &d.hints {
                diag = diag.hint(h.v.to_string());
            }
            out.push(diag);
        }
        Report { sources, diagnostics: out }
    }
}

impl World for CharterWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            return Ok(self.main_source.clone());
        }
        let mut cache = self.sources.lock().map_err(|_| FileError::Other(None))?;
        if let Some(s) = cache.get(&id) {
            return s.clone();
        }
        let result = self.file(id).and_then(|bytes| {
            let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.to_string()))
        });
        cache.insert(id, result.clone());
        result
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main {
            return Ok(Bytes::from_string(self.main_source.clone()));
        }
        if let Some(b) = self.files.get(&id) {
            return Ok(b.clone());
        }
        match self.read_dir_file(id) {
            Err(FileError::NotFound(path)) => builtin_module(id).ok_or(FileError::NotFound(path)),
            read => read.map(Bytes::new),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Builds never read the clock.
        None
    }
}

/// A built-in module (`charter-text.typ`, …) at the root of the virtual
/// project, for a template that imports one its folder does not have.
fn builtin_module(id: FileId) -> Option<Bytes> {
    if !matches!(id.root(), VirtualRoot::Project) {
        return None;
    }
    let name = id.vpath().get_without_slash();
    let (_, source) = crate::BUILTIN_MODULES.iter().find(|(n, _)| *n == name)?;
    Some(Bytes::from_string(source.to_string()))
}

/// A template read from a file, with its folder for further files.
///
/// The folder is the sandbox: the template file and every file it reads
/// are resolved (symlinks followed) and refused when they land outside it,
/// so a symlink placed in `templates/` cannot expose other files.
pub fn template_from_file(path: &Path) -> std::io::Result<Template> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.canonicalize()?,
        _ => std::env::current_dir()?.canonicalize()?,
    };
    let real = path.canonicalize()?;
    if !real.starts_with(&dir) {
        return Err(outside(&dir));
    }
    Ok(Template { name: path.display().to_string(), source: std::fs::read_to_string(&real)?, dir: Some(dir) })
}

/// The error for a path that resolves outside the template folder.
fn outside(dir: &Path) -> std::io::Error {
    std::io::Error::other(format!("这是指向模板文件夹 {} 以外的符号链接，出于安全考虑拒绝读取", dir.display()))
}
