//! Import: an existing charter or statute (plain text, Markdown, Word) →
//! a YAML charter in the format of `docs/charter-format.md`.
//!
//! ```text
//! bytes ──decode──▶ text ──lines──▶ classified lines ──build──▶ Imported ──yaml──▶ YAML
//!        (decode.rs,        (lines.rs)                (build.rs)          (yaml.rs)
//!         docx.rs, zip.rs)
//! ```
//!
//! Every anomaly of the input (a skipped article number, a repeated item
//! label, text that fits nowhere) is a [`Diagnostic`] pointing into the
//! input file, which is added to the [`Sources`] like any other file. The
//! import always produces the best structure it can; only an input with no
//! charter in it at all (empty, no articles) yields no YAML.
//!
//! The entry points are [`import_file`] and [`import_bytes`].

use std::path::Path;

use charter_core::diagnostic::Diagnostic;
use charter_core::error::ToolError;
use charter_core::model::{Charter, Level, Node};
use charter_core::number::Numbering;
use charter_core::source::{FileId, Sources};

mod build;
mod cfb;
mod cite_ids;
mod decode;
mod docx;
mod lines;
mod runon;
mod signature;
pub mod text_out;
pub mod yaml;
mod zip;

pub use lines::is_space;

/// Would the importer read `heading` as an article heading when it stands
/// alone after the label (第二条　本会的性质)? Short, no punctuation.
pub fn heading_is_plain(heading: &str) -> bool {
    build::heading_like(heading)
}

/// The kind of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Markdown,
    Docx,
}

impl InputFormat {
    /// The name shown to users.
    pub fn name_zh(self) -> &'static str {
        match self {
            InputFormat::Text => "纯文本",
            InputFormat::Markdown => "Markdown",
            InputFormat::Docx => "Word 文档",
        }
    }
}

/// How to read the input; `None` fields are detected.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub format: Option<InputFormat>,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Word's unaccepted tracked changes: accepted (default) or rejected.
    pub revisions: Revisions,
}

pub use docx::{RevisionStats, Revisions};

/// An imported charter: plain structure, no spans. Ids follow the scheme of
/// `docs/import.md` (numbers of the source: `ch-3`, `art-21`, `art-5-1`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub title: String,
    pub status: Option<String>,
    pub history: Vec<String>,
    pub preamble: Vec<String>,
    pub body: Vec<INode>,
    /// `YYYY-MM-DD`: the date of the closing signature (落款).
    pub date: Option<String>,
    /// The issuing body (bodies, one a line) of the closing signature.
    pub issuer: Option<String>,
    /// Word comments anchored outside any article or division heading
    /// (the title, the preamble): written as YAML comments at the top.
    pub loose_comments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum INode {
    Division(IDivision),
    Article(IArticle),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IDivision {
    pub level: Level,
    pub id: String,
    pub title: String,
    pub unnumbered: bool,
    pub body: Vec<INode>,
    /// What the import repaired here, written as a YAML comment.
    pub note: Option<String>,
    /// The drafter's note (`note:`, 修改说明): from Word comments on the
    /// heading.
    pub drafter_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IArticle {
    pub id: String,
    pub heading: Option<String>,
    pub paragraphs: Vec<IBlock>,
    pub repealed: bool,
    pub inserted: bool,
    /// What the import repaired here, written as a YAML comment.
    pub note: Option<String>,
    /// The drafter's note (`note:`, 修改说明): from Word comments anchored
    /// in the article.
    pub drafter_note: Option<String>,
}

/// A paragraph (款), item (项) or sub-item (目): its text and the blocks
/// one level down. The text of a paragraph may be empty when it only holds
/// items (an article with a heading and a list).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IBlock {
    /// Set only for a paragraph or item that a citation in the document
    /// points at (see `cite_ids`), so that the citation can become an
    /// `[[id]]` reference.
    pub id: Option<String>,
    pub text: String,
    pub items: Vec<IBlock>,
    /// What the import repaired here, written as a YAML comment.
    pub note: Option<String>,
}

impl IBlock {
    pub fn new(text: impl Into<String>) -> Self {
        IBlock { id: None, text: text.into(), items: Vec::new(), note: None }
    }
}

/// Counts of an imported structure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub parts: usize,
    pub subparts: usize,
    pub chapters: usize,
    pub sections: usize,
    pub articles: usize,
}

impl Imported {
    /// The script the text is written in ([`charter_core::script::detect`]
    /// over all of it): `import` writes `script: traditional` for a text in
    /// Traditional script, so that its numbering prints 第一條.
    pub fn script(&self) -> Option<charter_core::script::Script> {
        fn blocks(b: &[IBlock], s: &mut String) {
            for x in b {
                s.push_str(&x.text);
                blocks(&x.items, s);
            }
        }
        fn nodes(n: &[INode], s: &mut String) {
            for x in n {
                match x {
                    INode::Division(d) => {
                        s.push_str(&d.title);
                        nodes(&d.body, s);
                    }
                    INode::Article(a) => {
                        s.push_str(a.heading.as_deref().unwrap_or(""));
                        blocks(&a.paragraphs, s);
                    }
                }
            }
        }
        let mut s = self.title.clone();
        self.history.iter().chain(&self.preamble).for_each(|t| s.push_str(t));
        nodes(&self.body, &mut s);
        charter_core::script::detect(&s)
    }

    pub fn counts(&self) -> ImportCounts {
        fn walk(nodes: &[INode], c: &mut ImportCounts) {
            for n in nodes {
                match n {
                    INode::Article(_) => c.articles += 1,
                    INode::Division(d) => {
                        match d.level {
                            Level::Part => c.parts += 1,
                            Level::Subpart => c.subparts += 1,
                            Level::Chapter => c.chapters += 1,
                            Level::Section => c.sections += 1,
                        }
                        walk(&d.body, c);
                    }
                }
            }
        }
        let mut c = ImportCounts::default();
        walk(&self.body, &mut c);
        c
    }

    /// All articles in document order.
    pub fn articles(&self) -> Vec<&IArticle> {
        fn walk<'a>(nodes: &'a [INode], out: &mut Vec<&'a IArticle>) {
            for n in nodes {
                match n {
                    INode::Article(a) => out.push(a),
                    INode::Division(d) => walk(&d.body, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.body, &mut out);
        out
    }

    /// All divisions in document order.
    pub fn divisions(&self) -> Vec<&IDivision> {
        fn walk<'a>(nodes: &'a [INode], out: &mut Vec<&'a IDivision>) {
            for n in nodes {
                if let INode::Division(d) = n {
                    out.push(d);
                    walk(&d.body, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.body, &mut out);
        out
    }

    /// The same structure with every id blanked (and the import's notes
    /// dropped): for comparing two imports, or an import with a loaded
    /// charter, regardless of ids.
    pub fn without_ids(&self) -> Imported {
        self.map(&|id| id.clear())
    }

    /// The same structure without the import's notes (which a loaded
    /// charter does not have: they are YAML comments).
    pub fn without_notes(&self) -> Imported {
        self.map(&|_| {})
    }

    /// What a printed document (the text layout, a Word file) carries of
    /// the metadata: the date only in a signature, with an issuer.
    pub fn as_printed(&self) -> Imported {
        let date = if self.issuer.is_some() { self.date.clone() } else { None };
        Imported { date, ..self.clone() }
    }

    fn map(&self, id: &dyn Fn(&mut String)) -> Imported {
        fn block(b: &IBlock) -> IBlock {
            IBlock { id: None, text: b.text.clone(), items: b.items.iter().map(block).collect(), note: None }
        }
        fn strip(nodes: &[INode], id: &dyn Fn(&mut String)) -> Vec<INode> {
            nodes
                .iter()
                .map(|n| match n {
                    INode::Division(d) => {
                        let mut d = IDivision { body: strip(&d.body, id), note: None, ..d.clone() };
                        id(&mut d.id);
                        INode::Division(d)
                    }
                    INode::Article(a) => {
                        let mut a =
                            IArticle { paragraphs: a.paragraphs.iter().map(block).collect(), note: None, ..a.clone() };
                        id(&mut a.id);
                        INode::Article(a)
                    }
                })
                .collect()
        }
        Imported { body: strip(&self.body, id), loose_comments: Vec::new(), ..self.clone() }
    }
}

/// The plain structure of a loaded charter, texts as a reader sees them
/// (references replaced by their citations, markup removed). Used to check
/// that an import loads back to what was imported, and that
/// `export --format text` followed by `import` reproduces a charter.
pub fn from_charter(charter: &Charter, numbering: &Numbering) -> Imported {
    use charter_core::model::Block;
    use charter_core::text::Text;
    let plain = |t: &Text, from: Option<&str>| {
        t.plain_with(&|r| charter_core::resolve::cite(numbering, r, from)).text.into_owned()
    };
    // A map from one tree to another, so a recursive map rather than a walk.
    fn block(b: &Block, f: &dyn Fn(&Text) -> String) -> IBlock {
        IBlock { id: None, text: f(&b.text), items: b.items.iter().map(|i| block(i, f)).collect(), note: None }
    }
    fn nodes(v: &[Node], plain: &dyn Fn(&Text, Option<&str>) -> String) -> Vec<INode> {
        v.iter()
            .map(|n| match n {
                Node::Division(d) => INode::Division(IDivision {
                    level: d.level,
                    id: d.id.clone(),
                    title: d.title.clone(),
                    unnumbered: d.unnumbered,
                    body: nodes(&d.body, plain),
                    note: None,
                    drafter_note: d.note.as_ref().map(|n| n.text.clone()),
                }),
                Node::Article(a) => {
                    let from = Some(a.id.as_str());
                    let f = |t: &Text| plain(t, from);
                    INode::Article(IArticle {
                        id: a.id.clone(),
                        heading: a.heading.as_ref().map(&f),
                        paragraphs: a.paragraphs.iter().map(|p| block(p, &f)).collect(),
                        repealed: a.repealed,
                        inserted: a.inserted,
                        note: None,
                        drafter_note: a.note.as_ref().map(|n| n.text.clone()),
                    })
                }
            })
            .collect()
    }
    let none = |t: &Text| plain(t, None);
    Imported {
        title: charter.meta.title.clone(),
        status: charter.meta.status.clone(),
        history: charter.meta.history.iter().map(none).collect(),
        preamble: charter.meta.preamble.iter().map(|p| none(&p.text)).collect(),
        body: nodes(&charter.body, &plain),
        date: charter.meta.date.clone(),
        issuer: charter.meta.issuer.clone(),
        loose_comments: Vec::new(),
    }
}

/// The result of an import.
#[derive(Debug)]
pub struct Import {
    /// Holds the input (as decoded text; for .docx one line per paragraph),
    /// so that diagnostics show its lines.
    pub sources: Sources,
    pub file: FileId,
    pub format: InputFormat,
    /// The encoding the text was read in (UTF-8, GB18030, …).
    pub encoding: &'static str,
    /// None when the input holds no charter (see the diagnostics).
    pub charter: Option<Imported>,
    /// The YAML, when there is a charter.
    pub yaml: Option<String>,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Import {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Import bytes already read; `path` names them in messages and picks the
/// format by its extension.
pub fn import_bytes(path: &Path, bytes: &[u8], options: Options) -> Result<Import, ToolError> {
    let decoded = decode::decode(path, bytes, options.format, options.encoding, options.revisions)
        .map_err(|reason| ToolError::Import { path: path.to_path_buf(), reason })?;
    // Windows (CRLF) and old Mac (CR) line ends become '\n': lines and
    // columns stay the same, and messages show no stray '\r'.
    let text =
        if decoded.text.contains('\r') { decoded.text.replace("\r\n", "\n").replace('\r', "\n") } else { decoded.text };
    let mut sources = Sources::default();
    let file = sources.add(path, text);
    let (lines, kangxi) = lines::split(&sources.file(file).text, decoded.format);
    let lines = runon::resplit(lines);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut built = build::build(&lines, file, decoded.format, &stem, &decoded.docx_comments, &decoded.docx_toc);
    if let Some(c) = &mut built.charter {
        cite_ids::assign(c);
    }
    let mut diagnostics = std::mem::take(&mut built.diagnostics);
    build::notes(
        &mut diagnostics,
        file,
        &build::Notes {
            encoding: decoded.encoding,
            guessed: decoded.guessed,
            replaced: decoded.replaced.then(|| sources.file(file).text.find('\u{FFFD}').unwrap_or(0)),
            kangxi,
            docx_numbered: decoded.docx_numbered,
            revisions: decoded.docx_revisions.first_line.map(|line| {
                let text = &sources.file(file).text;
                let at = text.split_inclusive('\n').take(line).map(str::len).sum::<usize>().min(text.len());
                (decoded.docx_revisions.clone(), at, options.revisions)
            }),
            comments: decoded.docx_comments.first().map(|(line, _)| {
                let text = &sources.file(file).text;
                let at = text.split_inclusive('\n').take(*line).map(str::len).sum::<usize>().min(text.len());
                let loose = built.charter.as_ref().map_or(0, |c| c.loose_comments.len());
                (decoded.docx_comments.len(), loose, at)
            }),
        },
    );
    charter_core::diagnostic::sort(&mut diagnostics);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let yaml = built
        .charter
        .as_ref()
        .map(|c| yaml::write(c, &yaml::Origin { file: &name, format: decoded.format, encoding: decoded.encoding }));
    Ok(Import {
        sources,
        file,
        format: decoded.format,
        encoding: decoded.encoding,
        charter: built.charter,
        yaml,
        diagnostics,
    })
}

/// The registry of import codes (`I…`): severity and the text
/// `charter explain` prints.
pub mod codes {
    charter_core::declare_codes! { Import;
        I001 = Info, "导入时使用的编码。\n\n不是 UTF-8 的文本按检测到的编码（通常是 GB18030，即中文 Windows 的“ANSI”）读取；若识别错误，请用 --encoding 指定。";
        I002 = Warning, "文件中有不能按所用编码解读的字节，已替换为“�”。\n\n请确认文件的编码，必要时用 --encoding 指定。";
        I003 = Error, "文件是空的，或只有空白。";
        I004 = Error, "没有找到任何条（第一条、第二条……）。\n\n导入只认“第X条”开头的条文；修改决定、通知等不是章程的文件不能导入。";
        I005 = Warning, "没有找到标题，改用文件名作标题。请在生成的 YAML 里改正 title。";
        I010 = Info, "标题之前或最后一条之后的内容不属于章程，已略去（例如公示材料中的其他部分、附件、落款）。";
        I011 = Info, "目录已略去：章节结构只取自正文。";
        I012 = Info, "页码行已删去。";
        I013 = Warning, "康熙部首等形似汉字的字符已换成普通汉字。";
        I014 = Info, "Word 的自动编号不在文字里，已按 numbering.xml 还原为“第一条”“（一）”等编号。";
        I016 = Warning, "Word 文档里有尚未接受或拒绝的修订（修订模式下的插入、删除、移动）。\n\n默认按“全部接受”导入；加 --reject-changes 按“全部拒绝”导入，即修订前的原文。导入后请核对这些位置。";
        I017 = Info, "Word 文档里的批注已作为修改说明（note:）导入到批注所在的条或编、章、节标题上；不在任何条上的批注（例如标题、序言上的）写成 YAML 文件开头的注释。";
        I018 = Info, "文末的落款（发文机关和日期，常常右对齐）不是最后一条的正文：已写入 issuer（发文机关）和 date（日期），生成 PDF 时印在文末。\n\n落款可以是机关在上、日期在下，也可以日期在上；日期可写作 2021年11月24日、二〇二一年十一月二十四日或 2021-11-24。";
        I015 = Warning, "目录与正文的章节标题不一致，或者缺了某个标题。结构以正文为准。";
        I020 = Warning, "条号不连续：跳过了某些条号。\n\n导入后各条按顺序重新编号，原来的条号只保留在 id 里（art-12）。";
        I021 = Warning, "条号重复或倒退。";
        I022 = Warning, "同一条出现了两次，内容相同：重复的一份已略去。";
        I023 = Warning, "同一个条号出现了两次，内容不同：两条都已导入，按顺序重新编号。";
        I024 = Warning, "“第X条之Y”的编号与前一条不衔接。";
        I025 = Warning, "条没有正文，按“（删去）”导入。";
        I030 = Warning, "项号不连续：例如从（四）跳到（六）。导入后按顺序重新编号。";
        I031 = Warning, "项号重复或倒退，或第一项不是（一）。";
        I040 = Warning, "编、章、节的序号不连续、重复或倒退。导入后按顺序重新编号。";
        I026 = Warning, "项或目只有编号、没有内容，已略去。";
        I041 = Warning, "编、章、节没有标题，暂用“（无标题）”。";
        I050 = Warning, "这段文字不属于任何条，已略去。";
        I051 = Info, "看起来像“第X条”开头，但按条号顺序和上下文判断为上一行的续行（例如折行的“第五百一十条的规定……”）。";
    }
}
