//! The build step: the glyph check, the `--force` gate, every output
//! rendered in memory, then written all at once.

use std::path::PathBuf;

use charter_core::diagnostic::{self, Diagnostic};
use charter_core::error::ToolError;
use charter_core::model::PrintLayout;
use charter_render::{BuildOptions, RenderError, Report, glyphs, pdf};

use super::output::{Output, RenderContext};
use super::{Project, Session};

/// What to build.
#[derive(Debug)]
pub struct BuildRequest<'a> {
    /// The outputs, rendered and written in this order.
    pub outputs: Vec<&'a dyn Output>,
    /// The folder the files go to.
    pub out_dir: PathBuf,
    /// Build even when the charter has errors (the cover says so).
    pub force: bool,
    /// The diagonal watermark; an empty text means the charter's status
    /// (else 草案).
    pub watermark: Option<String>,
    pub standard: pdf::Standard,
    /// A watcher's long-lived session (fonts loaded once, typst's
    /// incremental compilation kept warm); `None` loads the project's fonts
    /// when an output needs them and compiles afresh.
    pub session: Option<&'a Session>,
    /// The print layout (`--layout short|full`); `None`: the charter's
    /// `layout:`, else by length (`PrintLayout::auto`).
    pub layout: Option<PrintLayout>,
}

impl Default for BuildRequest<'_> {
    fn default() -> Self {
        BuildRequest {
            outputs: super::output::ALL.to_vec(),
            out_dir: PathBuf::from("out"),
            force: false,
            watermark: None,
            standard: pdf::Standard::default(),
            session: None,
            layout: None,
        }
    }
}

/// How a build ended.
#[derive(Debug)]
pub enum BuildStatus {
    /// The charter could not be read at all: nothing was rendered.
    Unreadable,
    /// The charter has errors and `force` was off: nothing was rendered.
    Refused,
    /// An output failed: the outputs before it are in
    /// [`BuildOutcome::rendered`] (for their warnings), nothing may be
    /// written.
    Failed(BuildFailure),
    /// Every output was rendered.
    Rendered,
}

/// Why an output could not be rendered.
#[derive(Debug)]
pub enum BuildFailure {
    /// The template has errors.
    Template(Report),
    /// The project's template could not be read.
    Tool(ToolError),
}

/// One rendered output, in memory.
#[derive(Debug)]
pub struct RenderedFile {
    /// The format's name (`pdf`, `html`).
    pub format: &'static str,
    /// Where it goes: `<out_dir>/<stem>.<extension>`.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub pages: Option<usize>,
    /// A format of one file per page: the pages, written as
    /// `<stem>-1.<extension>`, `<stem>-2.<extension>`, … (`bytes` is empty).
    pub parts: Vec<Vec<u8>>,
    /// The renderer's warnings, pointing into the template.
    pub warnings: Report,
}

/// The result of [`Project::build`].
#[derive(Debug)]
pub struct BuildOutcome {
    /// Every diagnostic of the charter, the glyph check's (R001) included,
    /// sorted by position; they point into the project's
    /// [`sources`](charter_core::Document::sources).
    pub diagnostics: Vec<Diagnostic>,
    /// The number of errors among them.
    pub errors: usize,
    pub status: BuildStatus,
    /// The outputs rendered, in order.
    pub rendered: Vec<RenderedFile>,
}

impl BuildOutcome {
    /// Whether every output was rendered (and may be written).
    pub fn is_complete(&self) -> bool {
        matches!(self.status, BuildStatus::Rendered)
    }

    /// Write every rendered file, each atomically. Writes nothing unless
    /// the build [is complete](BuildOutcome::is_complete): a refused or
    /// failed build leaves no half of its output behind. Returns the paths
    /// written.
    pub fn write(&self) -> Result<Vec<PathBuf>, ToolError> {
        if !self.is_complete() {
            return Ok(Vec::new());
        }
        let mut written = Vec::new();
        for f in &self.rendered {
            if f.parts.is_empty() {
                crate::fsutil::write_atomic(&f.path, &f.bytes)?;
                written.push(f.path.clone());
            }
            for (i, part) in f.parts.iter().enumerate() {
                let stem = f.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let ext = f.path.extension().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let path = f.path.with_file_name(format!("{stem}-{}.{ext}", i + 1));
                crate::fsutil::write_atomic(&path, part)?;
                written.push(path);
            }
        }
        Ok(written)
    }
}

impl Project {
    /// Check the glyphs (when an output needs fonts), apply the gate, and
    /// render every requested output in memory. Nothing is written:
    /// [`BuildOutcome::write`] does that.
    pub fn build(&self, request: &BuildRequest) -> BuildOutcome {
        let doc = self.document();
        let needs_fonts = request.outputs.iter().any(|o| o.needs_fonts());
        let loaded;
        let fonts = match (request.session, needs_fonts) {
            (_, false) => None,
            (Some(s), true) => Some(s.fonts()),
            (None, true) => {
                loaded = self.load_fonts();
                Some(&loaded)
            }
        };
        let fresh;
        let typst = match request.session {
            Some(s) => s.typst(),
            None => {
                fresh = pdf::Session::new();
                &fresh
            }
        };
        let mut diagnostics = doc.diagnostics.clone();
        let embeds = request.outputs.iter().any(|o| o.embeds_fonts());
        if let (Some(fonts), Some(c), true) = (fonts, &doc.charter, embeds) {
            diagnostics.extend(glyphs::check(c, doc.sources.file(doc.file), fonts));
            diagnostic::sort(&mut diagnostics);
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let outcome = |status, rendered| BuildOutcome { diagnostics: diagnostics.clone(), errors, status, rendered };
        let Some(charter) = &doc.charter else {
            return outcome(BuildStatus::Unreadable, Vec::new());
        };
        if errors > 0 && !request.force {
            return outcome(BuildStatus::Refused, Vec::new());
        }

        let watermark = request.watermark.as_ref().map(|w| {
            if w.trim().is_empty() {
                charter.meta.status.clone().unwrap_or_else(|| "草案".to_string())
            } else {
                w.clone()
            }
        });
        let options = BuildOptions { errors, watermark, standard: request.standard, layout: request.layout };
        let stem = self.stem();
        let mut rendered = Vec::new();
        for output in &request.outputs {
            let template = match output.template().map(|name| self.template(name)).transpose() {
                Ok(t) => t,
                Err(e) => return outcome(BuildStatus::Failed(BuildFailure::Tool(e)), rendered),
            };
            let ctx = RenderContext {
                charter,
                numbering: &doc.numbering,
                template: template.as_ref(),
                fonts: if output.needs_fonts() { fonts } else { None },
                typst,
                options: &options,
            };
            match output.render(&ctx) {
                Ok(r) => rendered.push(RenderedFile {
                    format: output.name(),
                    path: request.out_dir.join(format!("{stem}.{}", output.extension())),
                    bytes: r.bytes,
                    pages: r.pages,
                    parts: r.parts,
                    warnings: r.warnings,
                }),
                Err(RenderError::Template(report)) => {
                    return outcome(BuildStatus::Failed(BuildFailure::Template(report)), rendered);
                }
                Err(RenderError::Tool(e)) => return outcome(BuildStatus::Failed(BuildFailure::Tool(e)), rendered),
            }
        }
        outcome(BuildStatus::Rendered, rendered)
    }
}
