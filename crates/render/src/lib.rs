//! Rendering: the numbered charter to a printable PDF (typst) and to a
//! self-contained HTML page (minijinja).
//!
//! Both renderers consume the export ([`charter_core::export`], schema
//! `charter-export/1`) plus a small build record ([`BuildData`]); neither
//! splices user text into template source. Templates are compiled into the
//! binary (`templates/`); a charter project's own `templates/` folder
//! overrides them file by file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use charter_core::diagnostic::{Code, Diagnostic};
use charter_core::error::ToolError;
use charter_core::model::{Charter, PrintLayout};
use charter_core::number::Numbering;
use charter_core::script::Script;
use charter_core::source::Sources;

pub mod diff_html;
pub mod fonts;
pub mod glyphs;
pub mod html;
pub mod pdf;

pub use fonts::{FontOptions, FontSet, ResolvedFonts};

/// The registry of rendering codes (`R…`): severity and the text
/// `charter explain` prints.
pub mod codes {
    charter_core::declare_codes! { Render;
        R001 = Error, "字符在所有可用的字体中都没有字形。\n\n排版引擎遇到没有字形的字符会悄悄丢掉它，所以 build 在排版前逐字检查，发现就报错并指出位置。内置字体收录通用规范汉字表的 8105 字和常用符号。\n解决办法：安装含有这个字的字体，或用 --font-path 指定字体所在的文件夹；也可以改用常用字。";
        R010 = Error, "PDF 排版模板（typst）出错。\n\n内置模板不会出这个错；如果章程文件夹里有自己的 templates/charter.typ，请按提示修改它。模板只能读取 /charter.json、/build.json 和 templates 文件夹里的文件，格式见 templates/README.md。";
        R011 = Warning, "PDF 排版模板（typst）的警告。文件照常生成；请按提示检查模板。";
        R020 = Error, "网页模板（minijinja）出错。\n\n如果章程文件夹里有自己的 templates/charter.html.j2 或 templates/diff.html.j2，请按提示修改它；可用的数据见 templates/README.md。";
    }
}

/// The PDF template's file name.
pub const PDF_TEMPLATE: &str = "charter.typ";
/// The HTML template's file name.
pub const HTML_TEMPLATE: &str = "charter.html.j2";
/// The template of the PDF 修改对照表 (`charter diff --format pdf`).
pub const DIFF_TEMPLATE: &str = "diff.typ";
/// The template of the diff's HTML page (`charter diff --format html`).
pub const DIFF_HTML_TEMPLATE: &str = "diff.html.j2";

/// The PDF template of the reform disclosure (`charter disclosure`).
pub const DISCLOSURE_PDF_TEMPLATE: &str = "disclosure.typ";
/// The HTML template of the reform disclosure.
pub const DISCLOSURE_HTML_TEMPLATE: &str = "disclosure.html.j2";

/// The PDF template of the amendment decision (`charter amend --format pdf`).
pub const DECISION_TEMPLATE: &str = "decision.typ";
/// The HTML template of the amendment decision.
pub const DECISION_HTML_TEMPLATE: &str = "decision.html.j2";
/// The template of the congress packet (`charter packet`).
pub const PACKET_TEMPLATE: &str = "packet.typ";

/// The built-in templates: (file name, source).
pub const BUILTIN_TEMPLATES: [(&str, &str); 9] = [
    (PDF_TEMPLATE, include_str!("../../../templates/charter.typ")),
    (HTML_TEMPLATE, include_str!("../../../templates/charter.html.j2")),
    (DIFF_TEMPLATE, include_str!("../../../templates/diff.typ")),
    (DIFF_HTML_TEMPLATE, include_str!("../../../templates/diff.html.j2")),
    (DISCLOSURE_PDF_TEMPLATE, include_str!("../../../templates/disclosure.typ")),
    (DISCLOSURE_HTML_TEMPLATE, include_str!("../../../templates/disclosure.html.j2")),
    (DECISION_TEMPLATE, include_str!("../../../templates/decision.typ")),
    (DECISION_HTML_TEMPLATE, include_str!("../../../templates/decision.html.j2")),
    (PACKET_TEMPLATE, include_str!("../../../templates/packet.typ")),
];

/// The built-in modules templates import (`#import "charter-text.typ"`):
/// (file name, source). A project's `templates/` folder overrides each one
/// like a template; a template of the project that imports one it does not
/// have gets the built-in one.
pub const BUILTIN_MODULES: [(&str, &str); 3] = [
    ("charter-text.typ", include_str!("../../../templates/charter-text.typ")),
    ("diff-table.typ", include_str!("../../../templates/diff-table.typ")),
    ("decision-text.typ", include_str!("../../../templates/decision-text.typ")),
];

/// A template's source and where it came from.
#[derive(Clone, Debug)]
pub struct Template {
    /// Shown in messages: the file's path, or `内置模板/charter.typ`.
    pub name: String,
    pub source: String,
    /// The folder further files (imports, images) are read from; `None`
    /// for a built-in template.
    pub dir: Option<PathBuf>,
}

/// Diagnostics from rendering (template errors and warnings), with the
/// sources they point into.
#[derive(Debug, Default)]
pub struct Report {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// A report of one message that points nowhere.
    pub fn message(code: Code, message: impl Into<String>) -> Report {
        Report { sources: Sources::default(), diagnostics: vec![Diagnostic::new(code, message)] }
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

/// The built-in template `name` (one of [`BUILTIN_TEMPLATES`]). A
/// project's own templates are read by the project layer (`charter::project`),
/// which hands them over as [`Template`]s.
pub fn builtin_template(name: &str) -> Option<Template> {
    let (_, source) = BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == name)?;
    Some(Template { name: format!("内置模板/{name}"), source: (*source).to_string(), dir: None })
}

/// How a build was asked for.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Number of errors in the charter (built anyway with `--force`).
    pub errors: usize,
    /// Text of the diagonal watermark, if any.
    pub watermark: Option<String>,
    pub standard: pdf::Standard,
    /// The print layout asked for (`build --layout`); `None`: the charter's
    /// `layout:`, else by length.
    pub layout: Option<PrintLayout>,
}

/// The document date when the charter has none: fixed, never the clock.
pub const FALLBACK_DATE: (i32, u8, u8) = (1980, 1, 1);

/// What a template gets besides the export (`/build.json` for typst,
/// `build` for HTML). Documented in `templates/README.md`.
#[derive(Clone, Debug, Serialize)]
pub struct BuildData {
    pub schema: &'static str,
    /// False when the charter has errors and was built with `--force`.
    pub checked: bool,
    pub errors: usize,
    pub watermark: Option<String>,
    /// `short` (no cover, no table of contents, one-sided, no blank pages)
    /// or `full`: the `--layout` flag, else the charter's `layout:`, else
    /// `short` up to [`PrintLayout::SHORT_MAX_ARTICLES`] articles.
    pub layout: PrintLayout,
    /// The document date for metadata: the charter's `date`, or
    /// [`FALLBACK_DATE`] (then `from_charter` is false).
    pub date: BuildDate,
    /// Each typographic role resolved to installed font families.
    pub fonts: ResolvedFonts,
    pub generator: String,
    /// The fixed words templates print, in the charter's script.
    pub words: Words,
}

/// The fixed words a charter's templates print, in the charter's script
/// (`script:`): templates take them from `build.words` rather than writing
/// them, so that a Traditional charter gets 目錄 and （刪去）.
#[derive(Clone, Debug, Serialize)]
pub struct Words {
    /// `simplified` or `traditional`.
    pub script: Script,
    /// The HTML language tag: zh-CN, or zh-Hant.
    pub lang: &'static str,
    /// typst's `region` for `lang: "zh"`: cn, or hk.
    pub region: &'static str,
    /// 目录 / 目錄 (the PDF spaces it out: 目　　录).
    pub toc: String,
    /// 序言.
    pub preamble: String,
    /// 删去 / 刪去: the text of a repealed article.
    pub repealed: String,
    /// 未通过检查 / 未通過檢查: the heading of a forced build's red box.
    pub unchecked: String,
    /// Its sentence around the number of errors: 本文件生成时章程尚有 ·
    /// 个错误，不能作为正式文本。
    pub unchecked_before: String,
    pub unchecked_after: String,
    /// For the templates' other fixed words (the 修改对照表's, the
    /// packet's): each Simplified character of the script table with its
    /// Traditional form, and the quotation marks (“ → 「, Script::quote_table)
    /// — empty for a Simplified charter. typst templates
    /// map a string through it (`w("修改对照表")` in diff-table.typ), the
    /// HTML templates through the filter `words` (`"修改对照"|words`).
    pub chars: BTreeMap<String, String>,
}

impl Words {
    pub fn new(script: Script) -> Words {
        let w = |s: &str| script.words(s).into_owned();
        Words {
            script,
            lang: if script.is_traditional() { "zh-Hant" } else { "zh-CN" },
            region: if script.is_traditional() { "hk" } else { "cn" },
            toc: w("目录"),
            preamble: w("序言"),
            repealed: w("删去"),
            unchecked: w("未通过检查"),
            unchecked_before: w("本文件生成时章程尚有 "),
            unchecked_after: w(" 个错误，不能作为正式文本。"),
            chars: script
                .table()
                .into_iter()
                .chain(script.quote_table())
                .map(|(s, t)| (s.to_string(), t.to_string()))
                .collect(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct BuildDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// `YYYY-MM-DD`.
    pub iso: String,
    pub from_charter: bool,
}

pub const BUILD_SCHEMA: &str = "charter-build/1";

impl BuildData {
    pub fn new(charter: &Charter, fonts: ResolvedFonts, options: &BuildOptions) -> BuildData {
        let layout =
            options.layout.or(charter.meta.layout).unwrap_or_else(|| PrintLayout::auto(charter.articles().len()));
        BuildData {
            layout,
            words: Words::new(charter.meta.script),
            ..BuildData::dated(charter.meta.date.as_deref(), fonts, options)
        }
    }

    /// The build record of a document dated `date` (`YYYY-MM-DD`, else
    /// [`FALLBACK_DATE`]).
    pub fn dated(date: Option<&str>, fonts: ResolvedFonts, options: &BuildOptions) -> BuildData {
        let parsed = date.and_then(parse_date);
        let (year, month, day) = parsed.unwrap_or(FALLBACK_DATE);
        BuildData {
            schema: BUILD_SCHEMA,
            checked: options.errors == 0,
            errors: options.errors,
            watermark: options.watermark.clone().filter(|w| !w.trim().is_empty()),
            layout: options.layout.unwrap_or(PrintLayout::Full),
            date: BuildDate {
                year,
                month,
                day,
                iso: format!("{year:04}-{month:02}-{day:02}"),
                from_charter: parsed.is_some(),
            },
            fonts,
            generator: format!("charter {}", env!("CARGO_PKG_VERSION")),
            words: Words::new(Script::Simplified),
        }
    }
}

/// A valid `YYYY-MM-DD` date as (year, month, day).
fn parse_date(s: &str) -> Option<(i32, u8, u8)> {
    charter_core::date::Date::parse_iso(s).map(|d| (i32::from(d.year), d.month, d.day))
}

/// The charter to PDF with the template `template`, compiled in `session`
/// (a watcher's long-lived one, or a fresh [`pdf::Session`]).
pub fn charter_pdf(
    charter: &Charter,
    numbering: &Numbering,
    template: &Template,
    fonts: &FontSet,
    options: &BuildOptions,
    session: &pdf::Session,
) -> Result<pdf::Pdf, RenderError> {
    let files = charter_files(charter, numbering, fonts, options)?;
    let settings = pdf::PdfSettings { standard: options.standard, ident: Some(charter.meta.title.clone()) };
    Ok(session.pdf(template, &files, fonts, &settings)?)
}

/// The charter's printed pages as SVG images (the PDF template, the same
/// data), compiled in `session`: the preview's pages view.
pub fn charter_svg(
    charter: &Charter,
    numbering: &Numbering,
    template: &Template,
    fonts: &FontSet,
    options: &BuildOptions,
    session: &pdf::Session,
) -> Result<pdf::Svg, RenderError> {
    let files = charter_files(charter, numbering, fonts, options)?;
    Ok(session.svg(template, &files, fonts)?)
}

/// The virtual files the charter's PDF template reads.
fn charter_files(
    charter: &Charter,
    numbering: &Numbering,
    fonts: &FontSet,
    options: &BuildOptions,
) -> Result<[(&'static str, Vec<u8>); 2], ToolError> {
    let export = json_vec("导出数据", &charter_core::export::export(charter, numbering))?;
    let build = json_vec("排版信息", &BuildData::new(charter, fonts.resolve(), options))?;
    Ok([("/charter.json", export), ("/build.json", build)])
}

/// Why a render produced nothing.
#[derive(Debug)]
pub enum RenderError {
    /// The template has errors (diagnostics pointing into it).
    Template(Report),
    /// The tool failed (the data could not be serialised).
    Tool(ToolError),
}

impl From<Report> for RenderError {
    fn from(r: Report) -> Self {
        RenderError::Template(r)
    }
}

impl From<ToolError> for RenderError {
    fn from(e: ToolError) -> Self {
        RenderError::Tool(e)
    }
}

/// The JSON a template reads as a virtual file.
fn json_vec<T: serde::Serialize + ?Sized>(what: &'static str, value: &T) -> Result<Vec<u8>, ToolError> {
    serde_json::to_vec(value).map_err(ToolError::serialize(what))
}

/// The 修改对照表 of a diff to PDF with the template `template` (normally
/// [`DIFF_TEMPLATE`]). The template gets `/table.json` (`table`, the rows
/// made by [`charter_diff::table::table`] from `d`), `/diff.json` (the whole
/// diff, `charter-diff/1`) and `/build.json`, dated with the new draft's
/// date (else the old one's).
pub fn diff_pdf(
    d: &charter_diff::Diff,
    table: &charter_diff::table::Table,
    template: &Template,
    fonts: &FontSet,
) -> Result<pdf::Pdf, RenderError> {
    let table = json_vec("修改对照表数据", table)?;
    let diff = json_vec("修改对照数据", d)?;
    let date = d.new.date.as_deref().filter(|s| parse_date(s).is_some()).or(d.old.date.as_deref());
    let build = BuildData {
        words: Words::new(d.new.script),
        ..BuildData::dated(date, fonts.resolve(), &BuildOptions::default())
    };
    let build = json_vec("排版信息", &build)?;
    let settings =
        pdf::PdfSettings { standard: pdf::Standard::Pdf17, ident: Some(format!("{}修改对照表", d.new.title)) };
    Ok(pdf::compile(
        template,
        &[("/table.json", table), ("/diff.json", diff), ("/build.json", build)],
        fonts,
        &settings,
    )?)
}

/// The charter to HTML with the template `template`.
pub fn charter_html(
    charter: &Charter,
    numbering: &Numbering,
    template: &Template,
    options: &BuildOptions,
) -> Result<String, Report> {
    let export = charter_core::export::export(charter, numbering);
    let build = BuildData::new(charter, ResolvedFonts::default(), options);
    html::render(template, &export, &build)
}

/// The reform disclosure to PDF: the template gets `/disclosure.json`
/// (`data`, schema `charter-disclosure/1`, made by `charter-disclosure`),
/// `/charter.json` (the charter's export, part 二) and `/build.json`
/// (dated `date`, `YYYY-MM-DD`, else the charter's date).
pub fn disclosure_pdf(
    data: &impl Serialize,
    charter: &Charter,
    numbering: &Numbering,
    template: &Template,
    fonts: &FontSet,
    options: &BuildOptions,
) -> Result<pdf::Pdf, RenderError> {
    let data = json_vec("改革情况公开数据", data)?;
    let export = json_vec("导出数据", &charter_core::export::export(charter, numbering))?;
    let build = json_vec("排版信息", &BuildData::new(charter, fonts.resolve(), options))?;
    let settings = pdf::PdfSettings {
        standard: options.standard,
        ident: Some(format!("{}改革情况公开", charter.meta.title)),
    };
    Ok(pdf::compile(
        template,
        &[("/disclosure.json", data), ("/charter.json", export), ("/build.json", build)],
        fonts,
        &settings,
    )?)
}

/// The reform disclosure to HTML: the template gets `disclosure` (`data`),
/// `charter` (the export) and `build`.
pub fn disclosure_html(
    data: &impl Serialize,
    charter: &Charter,
    numbering: &Numbering,
    template: &Template,
    options: &BuildOptions,
) -> Result<String, Report> {
    use minijinja::value::{Serde, Value};
    let export = charter_core::export::export(charter, numbering);
    let build = BuildData::new(charter, ResolvedFonts::default(), options);
    html::render_with(
        template,
        minijinja::context! {
            disclosure => Value::from(Serde(data)),
            charter => Value::from(Serde(&export)),
            build => Value::from(Serde(&build)),
        },
    )
}

/// The amendment decision to PDF: the template (normally
/// [`DECISION_TEMPLATE`]) gets `/decision.json` (`data`, the printed
/// decision made by the project layer from `charter-amend`) and
/// `/build.json`, dated `date` (`YYYY-MM-DD`), with the fixed words of the
/// decision's `script`. `ident` names the document (its title).
pub fn decision_pdf(
    data: &impl Serialize,
    date: Option<&str>,
    script: Script,
    ident: &str,
    template: &Template,
    fonts: &FontSet,
) -> Result<pdf::Pdf, RenderError> {
    let data = json_vec("修改决定数据", data)?;
    let build =
        BuildData { words: Words::new(script), ..BuildData::dated(date, fonts.resolve(), &BuildOptions::default()) };
    let build = json_vec("排版信息", &build)?;
    let settings = pdf::PdfSettings { standard: pdf::Standard::Pdf17, ident: Some(ident.to_string()) };
    Ok(pdf::compile(template, &[("/decision.json", data), ("/build.json", build)], fonts, &settings)?)
}

/// The amendment decision to HTML: the template gets `decision` (`data`)
/// and `build` (dated `date`, the fixed words of `script`).
pub fn decision_html(
    data: &impl Serialize,
    date: Option<&str>,
    script: Script,
    template: &Template,
) -> Result<String, Report> {
    use minijinja::value::{Serde, Value};
    let build = BuildData {
        words: Words::new(script),
        ..BuildData::dated(date, ResolvedFonts::default(), &BuildOptions::default())
    };
    html::render_with(
        template,
        minijinja::context! {
            decision => Value::from(Serde(data)),
            build => Value::from(Serde(&build)),
        },
    )
}

/// The congress packet to PDF: the template (normally [`PACKET_TEMPLATE`])
/// gets `/packet.json` (`packet`: the cover, the decision and the 修改说明,
/// made by the project layer), `/table.json` (the 修改对照表 of
/// [`charter_diff::table::table`]), `/charter.json` (the new draft's export)
/// and `/build.json`, dated `date`.
pub fn packet_pdf(
    packet: &impl Serialize,
    table: &charter_diff::table::Table,
    new: (&Charter, &Numbering),
    date: Option<&str>,
    template: &Template,
    fonts: &FontSet,
) -> Result<pdf::Pdf, RenderError> {
    let packet = json_vec("大会文件数据", packet)?;
    let table = json_vec("修改对照表数据", table)?;
    let export = json_vec("导出数据", &charter_core::export::export(new.0, new.1))?;
    let build = BuildData {
        words: Words::new(new.0.meta.script),
        ..BuildData::dated(date, fonts.resolve(), &BuildOptions::default())
    };
    let build = json_vec("排版信息", &build)?;
    let settings =
        pdf::PdfSettings { standard: pdf::Standard::Pdf17, ident: Some(format!("{}修改草案", new.0.meta.title)) };
    Ok(pdf::compile(
        template,
        &[("/packet.json", packet), ("/table.json", table), ("/charter.json", export), ("/build.json", build)],
        fonts,
        &settings,
    )?)
}
