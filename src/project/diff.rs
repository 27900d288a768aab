//! `charter diff`'s project side: reading the two drafts (files, or a
//! charter at two git revisions) and producing the comparison in each
//! format. The CLI only parses arguments, prints and maps exit codes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use charter_core::diagnostic::Diagnostic;
use charter_core::error::ToolError;
use charter_core::{Charter, Document, load};
use charter_diff::{Diff, Draft};
use charter_render::{DIFF_HTML_TEMPLATE, DIFF_TEMPLATE, FontSet, RenderError, Report, Template, glyphs, pdf};

/// Where a draft comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A charter file, or a folder holding `charter.yaml`.
    Path(PathBuf),
    /// The charter at `path` as it was at the git revision `rev`.
    Git { rev: String, path: PathBuf },
}

impl Source {
    /// The two drafts of `charter diff OLD NEW` or of
    /// `charter diff --rev A..B [PATH]` (`PATH` is `old`, default
    /// `charter`; `B` empty means the work tree).
    pub fn pair(old: Option<&Path>, new: Option<&Path>, rev: Option<&str>) -> Result<(Source, Source), ToolError> {
        let bad = |m: &str| ToolError::Usage(m.to_string());
        match rev {
            Some(rev) => {
                if new.is_some() {
                    return Err(bad(
                        "使用 --rev 时只能给出一个章程路径，例如：charter diff --rev HEAD~1..HEAD charter/",
                    ));
                }
                let path = old.map_or_else(|| PathBuf::from("charter"), Path::to_path_buf);
                let Some((a, b)) = rev.split_once("..") else {
                    return Err(bad(&format!("--rev 的格式应为 A..B，例如 HEAD~1..HEAD，而不是“{rev}”")));
                };
                if a.is_empty() {
                    return Err(bad("--rev A..B 中缺少修改前的版本 A"));
                }
                let old = Source::Git { rev: a.to_string(), path: path.clone() };
                let new = if b.is_empty() { Source::Path(path) } else { Source::Git { rev: b.to_string(), path } };
                Ok((old, new))
            }
            None => match (old, new) {
                (Some(o), Some(n)) => Ok((Source::Path(o.to_path_buf()), Source::Path(n.to_path_buf()))),
                _ => Err(bad("请给出两份章程：charter diff 修改前 修改后（或 charter diff --rev A..B 路径）")),
            },
        }
    }

    /// The name in `out/diff-<old>-<new>.pdf`: the file's stem (its
    /// folder's name for `charter.yaml`), or the git revision.
    fn stem(&self) -> String {
        let name = match self {
            Source::Git { rev, .. } => rev.clone(),
            Source::Path(p) => {
                let file = super::resolve_path(p).unwrap_or_else(|_| p.clone());
                let folder = file
                    .parent()
                    .and_then(Path::file_name)
                    .filter(|_| file.file_name().is_some_and(|n| n == load::CHARTER_FILE));
                folder.or(file.file_stem()).map_or_else(|| "charter".to_string(), |s| s.to_string_lossy().into_owned())
            }
        };
        name.chars().map(|c| if c.is_alphanumeric() || "-_.~".contains(c) { c } else { '_' }).collect()
    }

    /// The folder whose `templates/` may hold the project's own diff.typ:
    /// the draft's folder in the work tree.
    fn project_dir(&self) -> Option<PathBuf> {
        let path = match self {
            Source::Path(p) | Source::Git { path: p, .. } => p,
        };
        super::resolve_path(path).ok()?.parent().map(Path::to_path_buf)
    }
}

/// One draft, read and checked.
#[derive(Debug)]
pub struct Side {
    pub source: Source,
    pub doc: Document,
    /// The name shown to the reader: the file's path, or `REV:path`.
    pub name: String,
}

impl Side {
    /// Read the draft at `source`.
    pub fn read(source: Source) -> Result<Side, ToolError> {
        match &source {
            // Load and number only: the comparison needs the model and its
            // numbers, not the checker's findings (running the checker on
            // both drafts was most of a large diff's time).
            Source::Path(p) => {
                let file = super::resolve_path(p)?;
                let doc = Document::load(&file, super::read(&file)?);
                let name = file.display().to_string();
                Ok(Side { source, doc, name })
            }
            Source::Git { rev, path } => {
                let (spec, bytes) = git_show(rev, path)?;
                let name = format!("{rev}:{spec}");
                let doc = Document::load(Path::new(&name), bytes);
                Ok(Side { source, doc, name })
            }
        }
    }

    /// The errors that stop the comparison (the YAML could not be read, or
    /// the loader refused it). Lint findings are not the diff's business:
    /// `charter check` reports them.
    pub fn load_errors(&self) -> Vec<&Diagnostic> {
        self.doc.diagnostics.iter().filter(|d| d.is_load_error()).collect()
    }

    /// Whether this draft can be compared.
    pub fn is_comparable(&self) -> bool {
        self.doc.charter.is_some() && self.load_errors().is_empty()
    }
}

/// Two drafts to compare.
#[derive(Debug)]
pub struct Comparison {
    pub old: Side,
    pub new: Side,
}

/// Characters to print that have no glyph in any font: the diagnostics of
/// each draft (old, new) where they occur, and of those found only
/// elsewhere (they point nowhere), and how many characters.
#[derive(Debug)]
pub struct Missing {
    pub sides: [Vec<Diagnostic>; 2],
    pub elsewhere: Vec<Diagnostic>,
    pub count: usize,
}

/// The 修改对照表 PDF, or why it was not made.
#[derive(Debug)]
pub enum DiffPdf {
    Rendered(pdf::Pdf),
    /// Characters to print have no glyph in any font: the diagnostics of
    /// each draft (old, new) where they occur, and of those found only in
    /// a file name (they point nowhere), and how many characters.
    MissingGlyphs {
        sides: [Vec<Diagnostic>; 2],
        elsewhere: Vec<Diagnostic>,
        count: usize,
    },
    /// The template has errors.
    Template(Report),
}

impl Comparison {
    /// The characters of `chars` (what a document made from the two drafts
    /// prints) that no font covers, each located in the drafts where it
    /// occurs; those found in neither come from `elsewhere` (a file name,
    /// an option). `None` when every character has a glyph.
    pub fn missing_glyphs(
        &self,
        chars: impl IntoIterator<Item = char>,
        fonts: &FontSet,
        elsewhere: &str,
    ) -> Option<Missing> {
        let missing = glyphs::uncovered(chars, fonts);
        if missing.is_empty() {
            return None;
        }
        let mut located = BTreeSet::new();
        let mut sides: [Vec<Diagnostic>; 2] = [Vec::new(), Vec::new()];
        for (side, out) in [&self.old, &self.new].into_iter().zip(sides.iter_mut()) {
            let Some(charter) = &side.doc.charter else { continue };
            let found = glyphs::check_only(charter, side.doc.sources.file(side.doc.file), fonts, &missing);
            located.extend(found.iter().map(|(c, _)| *c));
            out.extend(found.into_iter().map(|(_, d)| d));
        }
        let elsewhere =
            missing.iter().filter(|c| !located.contains(c)).map(|&c| glyphs::missing_elsewhere(c, elsewhere)).collect();
        Some(Missing { sides, elsewhere, count: missing.len() })
    }

    /// The template `name` of the new draft's project, else of the old
    /// one's, else the built-in one.
    pub(crate) fn template(&self, name: &str) -> Result<Template, ToolError> {
        let dirs: Vec<PathBuf> =
            [&self.new.source, &self.old.source].into_iter().filter_map(Source::project_dir).collect();
        // Built in when neither has it, with the new draft's templates
        // folder for the modules it imports.
        let dir = dirs.iter().find(|d| d.join("templates").join(name).is_file()).or(dirs.first());
        super::template(dir.map(PathBuf::as_path), name)
    }

    /// Read both drafts, the old one first.
    pub fn open(old: Source, new: Source) -> Result<Comparison, ToolError> {
        let old = Side::read(old)?;
        let new = Side::read(new)?;
        Ok(Comparison { old, new })
    }

    fn charters(&self) -> Option<(&Charter, &Charter)> {
        if !self.old.is_comparable() || !self.new.is_comparable() {
            return None;
        }
        Some((self.old.doc.charter.as_ref()?, self.new.doc.charter.as_ref()?))
    }

    /// The comparison, or `None` when a draft cannot be compared (see
    /// [`Side::load_errors`]).
    pub fn diff(&self) -> Option<Diff> {
        let (oc, nc) = self.charters()?;
        let od = Draft { name: self.old.name.clone(), charter: oc, numbering: &self.old.doc.numbering };
        let nd = Draft { name: self.new.name.clone(), charter: nc, numbering: &self.new.doc.numbering };
        Some(charter_diff::diff(&od, &nd))
    }

    /// `out/diff-<old>-<new>.pdf`.
    pub fn default_pdf_path(&self) -> PathBuf {
        self.default_path("pdf")
    }

    /// `out/diff-<old>-<new>.<extension>`.
    pub fn default_path(&self, extension: &str) -> PathBuf {
        PathBuf::from("out").join(format!("diff-{}-{}.{extension}", self.old.source.stem(), self.new.source.stem()))
    }

    /// The new draft as a Word document in which every change from the old
    /// one is a tracked revision (`charter-docx`): accept all gives the new
    /// draft, reject all the old. `Ok(None)` when a draft did not load.
    pub fn docx(&self, d: &Diff, fonts: &FontSet, author: &str) -> Result<Option<Vec<u8>>, ToolError> {
        let (Some(oc), Some(nc)) = (self.old.doc.charter.as_ref(), self.new.doc.charter.as_ref()) else {
            return Ok(None);
        };
        let options =
            charter_docx::Options { fonts: super::output::docx_fonts(fonts), errors: 0, author: author.to_string() };
        let old = charter_docx::Side { charter: oc, numbering: &self.old.doc.numbering };
        let new = charter_docx::Side { charter: nc, numbering: &self.new.doc.numbering };
        charter_docx::diff(d, &old, &new, &options).map(Some)
    }

    /// The 修改对照表 of `d` (this comparison's diff) as PDF: every
    /// character checked for a glyph, the template found in the new
    /// draft's folder, else the old one's, else built in.
    pub fn pdf(&self, d: &Diff, fonts: &FontSet) -> Result<DiffPdf, ToolError> {
        let table = charter_diff::table::table(d);
        // Nothing is dropped silently: every printed character needs a glyph.
        if let Some(Missing { sides, elsewhere, count }) = self.missing_glyphs(table.chars(), fonts, "文件名") {
            return Ok(DiffPdf::MissingGlyphs { sides, elsewhere, count });
        }
        let template = self.template(DIFF_TEMPLATE)?;
        Ok(match charter_render::diff_pdf(d, &table, &template, fonts) {
            Ok(pdf) => DiffPdf::Rendered(pdf),
            Err(RenderError::Template(report)) => DiffPdf::Template(report),
            Err(RenderError::Tool(e)) => return Err(e),
        })
    }
}

/// The comparison as text: `json` (`charter-diff/1`), `html` (the 修改对照
/// page, through the project's `templates/diff.html.j2` when the new or the
/// old draft's project has one) or the terminal's view (`term`, coloured
/// when `color`).
pub fn text(cmp: &Comparison, d: &Diff, format: TextFormat) -> Result<String, RenderError> {
    Ok(match format {
        TextFormat::Json => charter_diff::to_json(d)?,
        TextFormat::Html => {
            let template = cmp.template(DIFF_HTML_TEMPLATE)?;
            charter_render::diff_html::render(&template, d).map_err(RenderError::Template)?
        }
        TextFormat::Term { color } => charter_diff::term::render(d, color),
    })
}

/// The text formats of [`text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    Term { color: bool },
    Html,
    Json,
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, ToolError> {
    let output =
        Command::new("git").arg("-C").arg(dir).args(args).output().map_err(|e| ToolError::GitSpawn { source: e })?;
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(ToolError::GitFailed { args: args.join(" "), stderr: err });
    }
    Ok(output.stdout)
}

/// Read `path` (a file, or a folder holding charter.yaml) as it was at
/// `rev`, without touching the work tree. Returns the path within the
/// repository and the bytes.
fn git_show(rev: &str, path: &Path) -> Result<(String, Vec<u8>), ToolError> {
    let abs = std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf());
    // The nearest existing folder, to ask git where the repository is.
    let mut dir = abs.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    while !dir.is_dir() {
        match (dir.file_name().map(|n| n.to_os_string()), dir.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                dir = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let top = git(&dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let canon_dir = dir.canonicalize().unwrap_or(dir.clone());
    let canon_top = top.canonicalize().unwrap_or(top.clone());
    let mut rel = canon_dir.strip_prefix(&canon_top).map(Path::to_path_buf).unwrap_or_default();
    for r in rest.iter().rev() {
        rel.push(r);
    }
    let mut spec = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
    let kind = git(&top, &["cat-file", "-t", &format!("{rev}:{spec}")]).map_err(|_| ToolError::GitMissing {
        rev: rev.to_string(),
        path: if spec.is_empty() { ".".to_string() } else { spec.clone() },
    })?;
    if String::from_utf8_lossy(&kind).trim() == "tree" {
        spec = if spec.is_empty() { load::CHARTER_FILE.to_string() } else { format!("{spec}/{}", load::CHARTER_FILE) };
    }
    let bytes = git(&top, &["cat-file", "blob", &format!("{rev}:{spec}")])
        .map_err(|_| ToolError::GitMissing { rev: rev.to_string(), path: spec.clone() })?;
    Ok((spec, bytes))
}
