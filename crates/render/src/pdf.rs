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
/// diagnostics pointing into the template. A one-off compilation: a
/// program that compiles again and again (a watcher) keeps a [`Session`].
pub fn compile(
    template: &Template,
    files: &[(&str, Vec<u8>)],
    fonts: &FontSet,
    settings: &PdfSettings,
) -> Result<Pdf, Report> {
    let library = LazyHash::new(Library::default());
    let main = Source::new(main_id()?, template.source.clone());
    typeset(&library, main, template, files, fonts, |world, doc| export_pdf(world, doc, settings))
}

/// A typst session kept alive between compilations, for a watcher.
///
/// typst's incremental compilation (comemo) memoises parsing, evaluation
/// and layout process-wide, keyed by what the world returned; a session
/// gives it a stable world between rebuilds: the standard library is built
/// and hashed once, each template's source is kept and updated in place
/// (incremental reparse), and after each compilation the caches are
/// trimmed to what the last rebuilds used (`comemo::evict`), so that a
/// long-running preview does not grow without bound. The fonts stay with
/// the caller (loaded once). The output is byte-identical to [`compile`].
#[derive(Default)]
pub struct Session {
    state: Mutex<SessionState>,
}

#[derive(Default)]
struct SessionState {
    library: Option<LazyHash<Library>>,
    /// The main source of each template, by the template's name.
    mains: HashMap<String, Source>,
    compilations: u64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.state.lock().map_or(0, |s| s.compilations);
        f.debug_struct("Session").field("compilations", &n).finish_non_exhaustive()
    }
}

/// How many past compilations' cache entries a session keeps (typst-cli's
/// watch mode keeps 10).
const CACHE_AGE: usize = 10;

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// Like [`compile`], in this session.
    pub fn pdf(
        &self,
        template: &Template,
        files: &[(&str, Vec<u8>)],
        fonts: &FontSet,
        settings: &PdfSettings,
    ) -> Result<Pdf, Report> {
        self.run(template, files, fonts, |world, doc| export_pdf(world, doc, settings))
    }

    /// The pages as SVG images (typst-svg), in this session.
    pub fn svg(&self, template: &Template, files: &[(&str, Vec<u8>)], fonts: &FontSet) -> Result<Svg, Report> {
        self.run(template, files, fonts, |_, doc| {
            let options = typst_svg::SvgOptions::default();
            let pages = std::panic::catch_unwind(AssertUnwindSafe(|| {
                doc.pages().iter().map(|p| typst_svg::svg(p, &options)).collect::<Vec<_>>()
            }))
            .map_err(|_| crash())?;
            Ok(Svg { pages, warnings: Report::default() })
        })
    }

    /// The number of compilations done in this session.
    pub fn compilations(&self) -> u64 {
        self.state.lock().map_or(0, |s| s.compilations)
    }

    fn run<T: WithWarnings>(
        &self,
        template: &Template,
        files: &[(&str, Vec<u8>)],
        fonts: &FontSet,
        then: impl FnOnce(&CharterWorld, &PagedDocument) -> Result<T, Report>,
    ) -> Result<T, Report> {
        let mut state =
            self.state.lock().map_err(|_| Report::message(crate::codes::R010, "排版会话出错（上一次排版崩溃）。"))?;
        let state = &mut *state;
        let main = match state.mains.get_mut(&template.name) {
            Some(source) => {
                if source.text() != template.source {
                    source.replace(&template.source);
                }
                source.clone()
            }
            None => {
                let source = Source::new(main_id()?, template.source.clone());
                state.mains.insert(template.name.clone(), source.clone());
                source
            }
        };
        let library = state.library.get_or_insert_with(|| LazyHash::new(Library::default()));
        let result = typeset(library, main, template, files, fonts, then);
        state.compilations += 1;
        typst::comemo::evict(CACHE_AGE);
        result
    }
}

/// The pages of a compiled document as SVG images.
#[derive(Debug)]
pub struct Svg {
    /// One SVG document per page.
    pub pages: Vec<String>,
    /// Typst's warnings, as diagnostics pointing into the template.
    pub warnings: Report,
}

/// A result that carries typst's warnings.
trait WithWarnings {
    fn set_warnings(&mut self, warnings: Report);
}

impl WithWarnings for Pdf {
    fn set_warnings(&mut self, warnings: Report) {
        self.warnings = warnings;
    }
}

impl WithWarnings for Svg {
    fn set_warnings(&mut self, warnings: Report) {
        self.warnings = warnings;
    }
}

fn main_id() -> Result<FileId, Report> {
    file_id(MAIN_PATH).ok_or_else(|| Report::message(crate::codes::R010, format!("虚拟文件路径无效：{MAIN_PATH}")))
}

fn crash() -> Report {
    Report::message(crate::codes::R010, "排版引擎内部出错（typst 崩溃）。请把章程文件和模板报告给维护者。")
}

/// Compile in the world made of `library`, the template's `main` source,
/// the data `files` and `fonts`, then export the document with `then`.
fn typeset<T: WithWarnings>(
    library: &LazyHash<Library>,
    main: Source,
    template: &Template,
    files: &[(&str, Vec<u8>)],
    fonts: &FontSet,
    then: impl FnOnce(&CharterWorld, &PagedDocument) -> Result<T, Report>,
) -> Result<T, Report> {
    let world = CharterWorld::new(library, main, template, files, fonts)?;
    let compiled = std::panic::catch_unwind(AssertUnwindSafe(|| typst::compile::<PagedDocument>(&world)));
    let Ok(warned) = compiled else {
        return Err(crash());
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
    let mut out = then(&world, &doc)?;
    out.set_warnings(warnings);
    Ok(out)
}

fn export_pdf(world: &CharterWorld, doc: &PagedDocument, settings: &PdfSettings) -> Result<Pdf, Report> {
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
    let bytes = typst_pdf::pdf(doc, &options).map_err(|errors| world.report(&errors))?;
    Ok(Pdf { bytes, pages: doc.pages().len(), warnings: Report::default() })
}

/// The in-memory world of one compilation.
struct CharterWorld<'a> {
    library: &'a LazyHash<Library>,
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
    fn new(
        library: &'a LazyHash<Library>,
        main_source: Source,
        template: &Template,
        files: &[(&str, Vec<u8>)],
        fonts: &'a FontSet,
    ) -> Result<Self, Report> {
        let bad_path = |p: &str| Report::message(crate::codes::R010, format!("虚拟文件路径无效：{p}"));
        let main = main_source.id();
        let mut map = HashMap::new();
        for (path, bytes) in files {
            let id = file_id(path).ok_or_else(|| bad_path(path))?;
            map.insert(id, Bytes::new(bytes.clone()));
        }
        Ok(CharterWorld {
            library,
            fonts,
            main,
            main_source,
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
        self.library
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
