//! Word (.docx) → plain lines, one per paragraph.
//!
//! The text of a paragraph is its `w:t` runs (deleted text and field codes
//! left out). Word's *automatic* numbering is not in the text at all: a
//! paragraph only says "numbering instance 3, level 0" (`w:numPr`, directly
//! or through its style), and `word/numbering.xml` says that level 0 of that
//! list prints as `第%1条` in `chineseCounting`. We replay the counters the
//! way Word does and put the label back in front of the text, so that
//! "第一条", "（一）" or "1." typed by Word survive the import.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::zip::Archive;
use charter_core::numerals::{to_chinese, to_chinese_financial};

/// The paragraphs of a document as lines, and how many labels came from
/// automatic numbering.
#[derive(Debug, Default)]
pub struct DocxText {
    pub text: String,
    pub numbered: usize,
    /// Unaccepted tracked changes found (see [`Revisions`]).
    pub revisions: RevisionStats,
    /// Word comments (批注): the output line (zero-based) where each is
    /// anchored, and its text (paragraphs joined by '\n'), in document order.
    pub comments: Vec<(usize, String)>,
    /// Output lines (zero-based) inside a table of contents that Word
    /// generated (a TOC field's result, or a content control marked as one),
    /// in order; their page numbers (PAGEREF fields) are left out.
    pub toc_lines: Vec<usize>,
}

/// The longest label automatic numbering may produce, in bytes. Real labels
/// ("第一百二十三条", "（十二）", "1.2.3") are a few dozen bytes at most; a
/// longer one only comes from a crafted `w:lvlText` (`%2%2%2…`).
pub const MAX_LABEL_BYTES: usize = 256;

/// Budget on all labels of one document: generated text may not exceed the
/// size of `word/document.xml` it comes from (every numbered paragraph costs
/// far more XML than its label) plus this allowance.
pub const LABEL_ALLOWANCE: usize = 64 * 1024;

/// Extract the text of a .docx held in `bytes`. Errors are phrased for the
/// user.
///
/// What Word's numbering generates is bounded: each label by
/// [`MAX_LABEL_BYTES`], all labels together by the size of
/// `word/document.xml` plus [`LABEL_ALLOWANCE`]; a document that needs more
/// (a numbering bomb) is refused.
pub fn extract(bytes: &[u8], mode: Revisions) -> Result<DocxText, String> {
    let mut archive = Archive::open(bytes).map_err(|e| e.0)?;
    let Some(document) = archive.read("word/document.xml").map_err(|e| e.0)? else {
        return Err(not_word(&mut archive));
    };
    let numbering = match archive.read("word/numbering.xml").map_err(|e| e.0)? {
        Some(b) => parse_numbering(&String::from_utf8_lossy(&b)),
        None => Numbering::default(),
    };
    let styles = match archive.read("word/styles.xml").map_err(|e| e.0)? {
        Some(b) => parse_styles(&String::from_utf8_lossy(&b)),
        None => HashMap::new(),
    };
    let comment_texts = match archive.read("word/comments.xml").map_err(|e| e.0)? {
        Some(b) => parse_comments(&String::from_utf8_lossy(&b)),
        None => HashMap::new(),
    };
    let (paragraphs, revisions) = parse_document(&String::from_utf8_lossy(&document), mode)?;
    let paragraphs = join_removed_marks(paragraphs, mode);
    let budget = document.len().saturating_add(LABEL_ALLOWANCE);
    let mut generated = 0usize;
    let mut counters = Counters::default();
    let mut out = DocxText { revisions, ..DocxText::default() };
    // The output line the next paragraph starts on (counted as text is
    // added, never by rescanning it).
    let mut line = 0usize;
    for (index, p) in paragraphs.into_iter().enumerate() {
        if p.revised && out.revisions.first_line.is_none() {
            out.revisions.first_line = Some(index);
        }
        let style_num = p.style.as_ref().and_then(|s| styles.get(s)).cloned().unwrap_or_default();
        let num_id = p.num.num_id.clone().or(style_num.num_id);
        let ilvl = p.num.ilvl.or(style_num.ilvl).unwrap_or(0).min(8);
        let label = match num_id.as_deref() {
            Some(id) if id != "0" && !p.text.trim().is_empty() => counters.next(&numbering, id, ilvl).map_err(|_| {
                format!(
                    "Word 文档第 {} 段的自动编号生成的编号超过 {MAX_LABEL_BYTES} 字节，不是正常的编号（word/numbering.xml 中的编号格式 w:lvlText 异常，文件可能是故意构造的）；请在 Word 或 WPS 中检查这个列表的编号格式，或把自动编号转为普通文字后再导入",
                    index + 1
                )
            })?,
            _ => None,
        };
        generated = generated.saturating_add(label.as_ref().map_or(0, String::len));
        if generated > budget {
            return Err(format!(
                "Word 文档的自动编号生成的文字超过了文档本身的大小（{} 字节），不是正常的编号（word/numbering.xml 的编号格式异常，文件可能是故意构造的）；请在 Word 或 WPS 中把自动编号转为普通文字后再导入",
                document.len()
            ));
        }
        if p.toc {
            out.toc_lines.push(line);
        }
        for id in &p.comments {
            if let Some(t) = comment_texts.get(id).filter(|t| !t.is_empty()) {
                out.comments.push((line, t.clone()));
            }
        }
        if let Some(l) = label.filter(|l| !l.is_empty()) {
            out.numbered += 1;
            out.text.push_str(&l);
            out.text.push(' ');
        }
        out.text.push_str(&p.text);
        out.text.push('\n');
        line += 1 + p.text.matches('\n').count();
    }
    Ok(out)
}

/// What a ZIP without `word/document.xml` is, for the user: the other
/// Office Open XML and OpenDocument packages by their main part.
fn not_word(archive: &mut Archive) -> String {
    let names: Vec<String> = archive.names().collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let kind = if has("xl/workbook.xml") {
        Some("Excel 表格（.xlsx）")
    } else if has("ppt/presentation.xml") {
        Some("PowerPoint 演示文稿（.pptx）")
    } else if has("content.xml") {
        let mime = archive.read("mimetype").ok().flatten().unwrap_or_default();
        Some(match mime.as_slice() {
            b"application/vnd.oasis.opendocument.spreadsheet" => "OpenDocument 表格（.ods）",
            b"application/vnd.oasis.opendocument.presentation" => "OpenDocument 演示文稿（.odp）",
            _ => "OpenDocument 文本（.odt）",
        })
    } else {
        None
    };
    match kind {
        Some(k) if k.contains(".odt") => {
            format!("这是 {k} 文件，不是 Word 文档；请在 WPS 或 Word 中“另存为” .docx 后再导入")
        }
        Some(k) => format!("这是 {k}，不是 Word 文档；章程请从 Word 文档（.docx）或纯文本导入"),
        None => "这是 ZIP 压缩包，但里面没有 word/document.xml，不是 Word 文档（.docx）；请确认选对了文件".into(),
    }
}

#[derive(Debug, Clone, Default)]
struct NumPr {
    num_id: Option<String>,
    ilvl: Option<u8>,
}

#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    num: NumPr,
    text: String,
    /// The paragraph mark is a tracked insertion, deletion or move.
    mark: Option<RevKind>,
    /// Holds a tracked change.
    revised: bool,
    /// Ids of the comments anchored here (their range starts here, or,
    /// without a range, their reference is here).
    comments: Vec<String>,
    /// Part of a table of contents Word generated.
    toc: bool,
}

// ------------------------------------------------------------ revisions
// Tracked changes (修订) are kept apart from the text and numbering logic:
// `RevKind::of` names the elements, `RevisionState` follows nesting while
// the document is read and says whether text is kept, and
// `join_removed_marks` joins paragraphs whose mark goes away.

/// Which text of unaccepted tracked changes to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Revisions {
    /// As if every change were accepted (the default).
    #[default]
    Accept,
    /// As if every change were rejected (the original text).
    Reject,
}

/// The tracked changes a document holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevisionStats {
    /// `w:ins` (runs, and inserted paragraph marks).
    pub insertions: usize,
    /// `w:del`.
    pub deletions: usize,
    /// `w:moveFrom`/`w:moveTo` pairs (counted at the source).
    pub moves: usize,
    /// The output line (paragraph) of the first change.
    pub first_line: Option<usize>,
}

impl RevisionStats {
    pub fn any(&self) -> bool {
        self.insertions + self.deletions + self.moves > 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RevKind {
    Ins,
    Del,
    MoveFrom,
    MoveTo,
}

impl RevKind {
    fn of(name: &[u8]) -> Option<RevKind> {
        match name {
            b"w:ins" => Some(RevKind::Ins),
            b"w:del" => Some(RevKind::Del),
            b"w:moveFrom" => Some(RevKind::MoveFrom),
            b"w:moveTo" => Some(RevKind::MoveTo),
            _ => None,
        }
    }
    /// Is content of this kind present in the chosen version?
    fn kept(self, mode: Revisions) -> bool {
        let added = matches!(self, RevKind::Ins | RevKind::MoveTo);
        added == (mode == Revisions::Accept)
    }
    fn count(self, stats: &mut RevisionStats) {
        match self {
            RevKind::Ins => stats.insertions += 1,
            RevKind::Del => stats.deletions += 1,
            RevKind::MoveFrom => stats.moves += 1,
            RevKind::MoveTo => {}
        }
    }
}

/// The tracked changes enclosing the reader's position.
#[derive(Debug, Default)]
struct RevisionState {
    open: Vec<RevKind>,
    stats: RevisionStats,
}

impl RevisionState {
    /// A start tag: Some when it opens a tracked change.
    fn start(&mut self, name: &[u8]) -> bool {
        let Some(k) = RevKind::of(name) else { return false };
        k.count(&mut self.stats);
        self.open.push(k);
        true
    }
    fn end(&mut self, name: &[u8]) -> bool {
        if RevKind::of(name).is_some() {
            self.open.pop();
            return true;
        }
        false
    }
    /// An empty `w:ins`… inside a paragraph mark's properties.
    fn mark(&mut self, name: &[u8]) -> Option<RevKind> {
        let k = RevKind::of(name)?;
        k.count(&mut self.stats);
        Some(k)
    }
    /// Is text at this position in the chosen version?
    fn keeps_text(&self, mode: Revisions) -> bool {
        self.open.iter().all(|k| k.kept(mode))
    }
}

/// A paragraph whose mark is not in the chosen version runs on into the
/// next paragraph (as in Word: the joined paragraph keeps the later mark
/// and its properties).
fn join_removed_marks(paras: Vec<Para>, mode: Revisions) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut carry: Option<(String, bool, Vec<String>)> = None;
    for mut p in paras {
        if let Some((text, revised, comments)) = carry.take() {
            p.text.insert_str(0, &text);
            p.revised |= revised;
            p.comments.splice(0..0, comments);
        }
        if p.mark.is_some_and(|k| !k.kept(mode)) {
            carry = Some((std::mem::take(&mut p.text), true, std::mem::take(&mut p.comments)));
            continue;
        }
        out.push(p);
    }
    if let Some((text, revised, comments)) = carry
        && (!text.is_empty() || !comments.is_empty())
    {
        out.push(Para { text, revised, comments, ..Para::default() });
    }
    out
}

#[derive(Debug, Clone)]
struct Lvl {
    start: u32,
    fmt: String,
    text: String,
}

impl Default for Lvl {
    fn default() -> Self {
        Lvl { start: 1, fmt: "decimal".into(), text: String::new() }
    }
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its nine levels.
    abstracts: HashMap<String, Vec<Lvl>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into())
}

/// Call `f` with every event of a well-formed part; stop at the end or at
/// the first XML error (numbering and styles are optional extras).
fn for_each_event(xml: &str, mut f: impl FnMut(Event<'_>)) {
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => f(ev),
        }
    }
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut n = Numbering::default();
    let mut abs: Option<(String, Vec<Lvl>)> = None;
    let mut lvl: Option<(usize, Lvl)> = None;
    let mut num: Option<(String, String, HashMap<u8, u32>)> = None;
    let mut override_lvl: Option<u8> = None;
    for_each_event(xml, |ev| match ev {
        Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
            "w:abstractNum" => {
                abs = attr(&e, "w:abstractNumId").map(|id| (id, vec![Lvl::default(); 9]));
            }
            "w:lvl" if abs.is_some() => {
                let i = attr(&e, "w:ilvl").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(8);
                lvl = Some((i, Lvl::default()));
            }
            "w:start" => {
                let v = attr(&e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1);
                if let Some((_, l)) = &mut lvl {
                    l.start = v;
                }
            }
            "w:numFmt" => {
                if let (Some((_, l)), Some(v)) = (&mut lvl, attr(&e, "w:val")) {
                    l.fmt = v;
                }
            }
            "w:lvlText" => {
                if let (Some((_, l)), Some(v)) = (&mut lvl, attr(&e, "w:val")) {
                    l.text = v;
                }
            }
            "w:num" => num = attr(&e, "w:numId").map(|id| (id, String::new(), HashMap::new())),
            "w:abstractNumId" => {
                if let (Some(x), Some(v)) = (&mut num, attr(&e, "w:val")) {
                    x.1 = v;
                }
            }
            "w:lvlOverride" => override_lvl = attr(&e, "w:ilvl").and_then(|v| v.parse().ok()),
            "w:startOverride" => {
                if let (Some(x), Some(i), Some(v)) =
                    (&mut num, override_lvl, attr(&e, "w:val").and_then(|v| v.parse().ok()))
                {
                    x.2.insert(i, v);
                }
            }
            _ => {}
        },
        Event::End(e) => match e.name().as_ref() {
            "w:lvl" => {
                if let (Some((_, levels)), Some((i, l))) = (&mut abs, lvl.take())
                    && let Some(slot) = levels.get_mut(i)
                {
                    *slot = l;
                }
            }
            "w:abstractNum" => {
                if let Some((id, levels)) = abs.take() {
                    n.abstracts.insert(id, levels);
                }
            }
            "w:num" => {
                if let Some((id, a, o)) = num.take() {
                    n.nums.insert(id, (a, o));
                }
            }
            _ => {}
        },
        _ => {}
    });
    n
}

/// styleId → the numbering it gives its paragraphs (following `basedOn`).
fn parse_styles(xml: &str) -> HashMap<String, NumPr> {
    let mut direct: HashMap<String, (NumPr, Option<String>)> = HashMap::new();
    let mut cur: Option<(String, NumPr, Option<String>)> = None;
    for_each_event(xml, |ev| match ev {
        Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
            "w:style" => cur = attr(&e, "w:styleId").map(|id| (id, NumPr::default(), None)),
            "w:basedOn" => {
                if let Some(c) = &mut cur {
                    c.2 = attr(&e, "w:val");
                }
            }
            "w:numId" => {
                if let Some(c) = &mut cur {
                    c.1.num_id = attr(&e, "w:val");
                }
            }
            "w:ilvl" => {
                if let Some(c) = &mut cur {
                    c.1.ilvl = attr(&e, "w:val").and_then(|v| v.parse().ok());
                }
            }
            _ => {}
        },
        Event::End(e) if e.name().as_ref() == "w:style" => {
            if let Some((id, np, based)) = cur.take() {
                direct.insert(id, (np, based));
            }
        }
        _ => {}
    });
    let mut out = HashMap::new();
    for id in direct.keys() {
        let mut np = NumPr::default();
        let mut at = Some(id.clone());
        for _ in 0..16 {
            let Some((p, based)) = at.as_ref().and_then(|a| direct.get(a)) else { break };
            if np.num_id.is_none() {
                np.num_id.clone_from(&p.num_id);
            }
            if np.ilvl.is_none() {
                np.ilvl = p.ilvl;
            }
            at.clone_from(based);
        }
        out.insert(id.clone(), np);
    }
    out
}

fn parse_document(xml: &str, mode: Revisions) -> Result<(Vec<Para>, RevisionStats), String> {
    let mut out = Vec::new();
    let mut revs = RevisionState::default();
    let mut in_mark_rpr = false;
    let mut in_ppr = false;
    let mut r = Reader::from_str(xml);
    let mut para: Option<Para> = None;
    // Inside these, text is not part of the document's visible text.
    let mut skip_depth = 0usize;
    let mut in_text = false;
    let mut in_ppr_change = 0usize;
    let mut in_numpr = false;
    // Comments: ranges opened between paragraphs wait for the next one;
    // ids already anchored by a range start are not anchored again by
    // their reference.
    let mut pending_comments: Vec<String> = Vec::new();
    let mut anchored: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut fields = Fields::default();
    loop {
        let ev = match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(ev) => ev,
            Err(e) => return Err(format!("word/document.xml 不是有效的 XML：{e}")),
        };
        match ev {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                if revs.start(name.as_bytes()) {
                    if let Some(p) = &mut para {
                        p.revised = true;
                    }
                    continue;
                }
                if fields.start(&e) {
                    continue;
                }
                match name {
                    "mc:Fallback" | "w:txbxContent" | "w:footnoteReference" => skip_depth = 1,
                    "w:p" => para = Some(Para { comments: std::mem::take(&mut pending_comments), ..Para::default() }),
                    "w:t" | "w:delText" => in_text = true,
                    "w:rPr" if in_ppr && in_ppr_change == 0 => in_mark_rpr = true,
                    "w:pPr" => in_ppr = true,
                    "w:pPrChange" => in_ppr_change += 1,
                    "w:numPr" if in_ppr_change == 0 => in_numpr = true,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                if e.name().as_ref() == "w:p" {
                    out.push(Para {
                        comments: std::mem::take(&mut pending_comments),
                        toc: fields.in_toc(),
                        ..Para::default()
                    });
                    continue;
                }
                if fields.empty(&e) {
                    continue;
                }
                if matches!(e.name().as_ref(), "w:commentRangeStart" | "w:commentReference")
                    && let Some(id) = attr(&e, "w:id")
                    && anchored.insert(id.clone())
                {
                    match &mut para {
                        Some(p) => p.comments.push(id),
                        None => pending_comments.push(id),
                    }
                    continue;
                }
                let Some(p) = &mut para else { continue };
                if in_mark_rpr {
                    if let Some(k) = revs.mark(e.name().as_ref().as_bytes()) {
                        p.mark = Some(k);
                        p.revised = true;
                    }
                    continue;
                }
                match e.name().as_ref() {
                    "w:tab" | "w:ptab" if revs.keeps_text(mode) => p.text.push('\t'),
                    "w:br" | "w:cr" if revs.keeps_text(mode) => p.text.push('\n'),
                    "w:pStyle" if in_ppr_change == 0 => p.style = attr(&e, "w:val"),
                    "w:numId" if in_numpr => p.num.num_id = attr(&e, "w:val"),
                    "w:ilvl" if in_numpr => p.num.ilvl = attr(&e, "w:val").and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                if revs.end(e.name().as_ref().as_bytes()) {
                    continue;
                }
                if fields.end(e.name().as_ref()) {
                    continue;
                }
                match e.name().as_ref() {
                    "w:p" => {
                        if let Some(mut p) = para.take() {
                            if fields.in_toc() {
                                p.toc = true;
                            }
                            if p.toc {
                                // The tab before the (omitted) page number.
                                p.text.truncate(p.text.trim_end().len());
                            }
                            out.push(p);
                        }
                    }
                    "w:t" | "w:delText" => in_text = false,
                    "w:rPr" => in_mark_rpr = false,
                    "w:pPr" => in_ppr = false,
                    "w:pPrChange" => in_ppr_change = in_ppr_change.saturating_sub(1),
                    "w:numPr" => in_numpr = false,
                    _ => {}
                }
            }
            Event::Text(t) if fields.in_instr && skip_depth == 0 => fields.instr(&t.xml10_content()),
            Event::Text(t) if in_text && skip_depth == 0 && revs.keeps_text(mode) => {
                if let Some(p) = &mut para {
                    if fields.in_toc() {
                        p.toc = true;
                    }
                    if !fields.in_page_ref() {
                        p.text.push_str(&t.xml10_content());
                    }
                }
            }
            Event::GeneralRef(g) if in_text && skip_depth == 0 && revs.keeps_text(mode) => {
                if let Some(p) = &mut para {
                    let c = reference_char(&g);
                    if let Some(c) = c {
                        p.text.push(c);
                    }
                }
            }
            _ => {}
        }
    }
    Ok((out, revs.stats))
}

/// Fields (w:fldChar begin/separate/end with w:instrText, or w:fldSimple)
/// and content controls (w:sdt) as the document is read: enough to know
/// when text is a table of contents Word generated (a TOC field's result,
/// or a control whose gallery is "Table of Contents") and when it is a
/// page number inside one (a PAGEREF field's result).
#[derive(Debug, Default)]
struct Fields {
    /// Open fields: the instruction, and whether its result is being read.
    open: Vec<(String, bool)>,
    /// Inside w:instrText.
    in_instr: bool,
    /// Open content controls: whether each is a table of contents.
    sdts: Vec<bool>,
}

impl Fields {
    /// An opening tag; true when it was a field's or a control's.
    fn start(&mut self, e: &BytesStart<'_>) -> bool {
        match e.name().as_ref() {
            "w:instrText" => self.in_instr = true,
            "w:fldSimple" => self.open.push((attr(e, "w:instr").unwrap_or_default(), true)),
            "w:sdt" => self.sdts.push(false),
            "w:fldChar" => self.char_type(e),
            _ => return false,
        }
        true
    }

    /// An empty element; true when it was a field's or a control's.
    fn empty(&mut self, e: &BytesStart<'_>) -> bool {
        match e.name().as_ref() {
            "w:fldChar" => self.char_type(e),
            "w:docPartGallery" => {
                if attr(e, "w:val").is_some_and(|v| v.contains("Table of Contents"))
                    && let Some(s) = self.sdts.last_mut()
                {
                    *s = true;
                }
            }
            _ => return false,
        }
        true
    }

    fn char_type(&mut self, e: &BytesStart<'_>) {
        match attr(e, "w:fldCharType").as_deref() {
            Some("begin") => self.open.push((String::new(), false)),
            Some("separate") => {
                if let Some(f) = self.open.last_mut() {
                    f.1 = true;
                }
            }
            Some("end") => {
                self.open.pop();
            }
            _ => {}
        }
    }

    /// A closing tag; true when it was a field's or a control's.
    fn end(&mut self, name: &str) -> bool {
        match name {
            "w:instrText" => self.in_instr = false,
            "w:fldSimple" => {
                self.open.pop();
            }
            "w:sdt" => {
                self.sdts.pop();
            }
            "w:fldChar" => {}
            _ => return false,
        }
        true
    }

    fn instr(&mut self, text: &str) {
        if let Some(f) = self.open.last_mut() {
            // Bounded: an instruction is a few words; a crafted document
            // cannot grow it without limit.
            if f.0.len() < 256 {
                f.0.push_str(text);
            }
        }
    }

    fn result_of(&self, field: &str) -> bool {
        self.open.iter().any(|(instr, result)| {
            *result && instr.trim_start().get(..field.len()).is_some_and(|w| w.eq_ignore_ascii_case(field))
        })
    }

    fn in_toc(&self) -> bool {
        self.sdts.iter().any(|t| *t) || self.result_of("TOC ") || self.result_of("TOC\\")
    }

    fn in_page_ref(&self) -> bool {
        self.result_of("PAGEREF")
    }
}

/// `word/comments.xml`: comment id → its text, paragraphs joined by '\n'
/// (each trimmed; empty paragraphs dropped).
fn parse_comments(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut cur: Option<(String, Vec<String>)> = None;
    let mut in_text = false;
    for_each_event(xml, |ev| match ev {
        Event::Start(e) => match e.name().as_ref() {
            "w:comment" => cur = attr(&e, "w:id").map(|id| (id, Vec::new())),
            "w:p" => {
                if let Some((_, ps)) = &mut cur {
                    ps.push(String::new());
                }
            }
            "w:t" => in_text = true,
            _ => {}
        },
        Event::Empty(e) => {
            if let (Some((_, ps)), "w:tab") = (&mut cur, e.name().as_ref())
                && let Some(p) = ps.last_mut()
            {
                p.push(' ');
            }
        }
        Event::End(e) => match e.name().as_ref() {
            "w:t" => in_text = false,
            "w:comment" => {
                if let Some((id, ps)) = cur.take() {
                    let lines: Vec<&str> = ps.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
                    out.insert(id, lines.join("\n"));
                }
            }
            _ => {}
        },
        Event::Text(t) if in_text => {
            if let Some(p) = cur.as_mut().and_then(|(_, ps)| ps.last_mut()) {
                p.push_str(&t.xml10_content());
            }
        }
        Event::GeneralRef(g) if in_text => {
            if let Some(p) = cur.as_mut().and_then(|(_, ps)| ps.last_mut()) {
                let c = reference_char(&g);
                p.extend(c);
            }
        }
        _ => {}
    });
    out
}

/// Word's list counters, per abstract numbering (lists sharing one abstract
/// numbering continue each other, as in Word).
#[derive(Debug, Default)]
struct Counters {
    /// abstractNumId → (value, started) per level.
    by_abstract: HashMap<String, [(u32, bool); 9]>,
    /// numIds already seen (a start override applies at first use).
    seen: HashMap<String, ()>,
}

/// A label would exceed [`MAX_LABEL_BYTES`].
#[derive(Debug)]
struct LabelTooLong;

impl Counters {
    /// The label of the next paragraph of list `num_id` at level `ilvl`;
    /// `Ok(None)` when the list or level is unknown. Work and output are
    /// bounded by [`MAX_LABEL_BYTES`], whatever the level text holds.
    fn next(&mut self, n: &Numbering, num_id: &str, ilvl: u8) -> Result<Option<String>, LabelTooLong> {
        let Some((abs_id, overrides)) = n.nums.get(num_id) else { return Ok(None) };
        let Some(levels) = n.abstracts.get(abs_id) else { return Ok(None) };
        let counters = self.by_abstract.entry(abs_id.clone()).or_insert([(0, false); 9]);
        if self.seen.insert(num_id.to_string(), ()).is_none() {
            for (l, start) in overrides {
                if let Some(c) = counters.get_mut(*l as usize) {
                    *c = (start.saturating_sub(1), true);
                }
            }
        }
        let i = ilvl as usize;
        let Some(lvl) = levels.get(i) else { return Ok(None) };
        counters[i] = if counters[i].1 { (counters[i].0.saturating_add(1), true) } else { (lvl.start, true) };
        for c in counters.iter_mut().skip(i + 1) {
            c.1 = false;
        }
        if lvl.fmt == "bullet" || lvl.fmt == "none" {
            return Ok(Some(String::new()));
        }
        let mut label = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let k = (d as usize).saturating_sub(1).min(8);
                let (value, started) = counters[k];
                let level = levels.get(k);
                let value = if started { value } else { level.map_or(1, |l| l.start) };
                label.push_str(&format_number(value, level.map_or("decimal", |l| l.fmt.as_str())));
            } else {
                label.push(c);
            }
            if label.len() > MAX_LABEL_BYTES {
                return Err(LabelTooLong);
            }
        }
        Ok(Some(label))
    }
}

/// A counter value in one of Word's number formats.
fn format_number(n: u32, fmt: &str) -> String {
    if n > 10_000 {
        return n.to_string(); // no list gets there; keeps letters and numerals small
    }
    const TIANGAN: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographDigital" => to_chinese(n),
        "chineseLegalSimplified" => to_chinese_financial(n),
        "ideographTraditional" => TIANGAN.get((n as usize).wrapping_sub(1) % 10).map_or(n.to_string(), char::to_string),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), |c| c.to_string())
        }
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" | "lowerLetter" => {
            let base = if fmt == "upperLetter" { b'A' } else { b'a' };
            let k = (n.max(1) - 1) as usize;
            let letter = (base + (k % 26) as u8) as char;
            letter.to_string().repeat(k / 26 + 1)
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            if fmt == "lowerRoman" { r.to_lowercase() } else { r }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The character of a reference in text: a character reference (`&#x4E00;`)
/// or one of XML's five predefined entities; anything else (a DTD's own
/// entity, which Word never writes) is dropped, never expanded.
fn reference_char(g: &BytesRef) -> Option<char> {
    match g.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match g.xml10_content().as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_number(21, "chineseCounting"), "二十一");
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(12, "upperRoman"), "XII");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(11, "chineseLegalSimplified"), "拾壹");
    }

    #[test]
    fn numbering_is_replayed() {
        let numbering = r#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
        </w:numbering>"#;
        let n = parse_numbering(numbering);
        let mut c = Counters::default();
        let labels: Vec<String> = [0u8, 1, 1, 0, 1].iter().filter_map(|l| c.next(&n, "5", *l).ok().flatten()).collect();
        assert_eq!(labels, ["第一条", "（一）", "（二）", "第二条", "（一）"]);
    }

    #[test]
    fn document_text() {
        let doc = r#"<w:document xmlns:w="x"><w:body>
          <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>章程</w:t></w:r></w:p>
          <w:p><w:r><w:t xml:space="preserve">甲&amp;乙 </w:t></w:r><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del><w:r><w:t>丙</w:t></w:r></w:p>
          <w:p/>
        </w:body></w:document>"#;
        let ps = parse_document(doc, Revisions::Accept).map(|r| r.0).unwrap_or_default();
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["章程", "甲&乙 丙", ""]);
        assert_eq!(ps[0].style.as_deref(), Some("Title"));
    }

    #[test]
    fn tracked_changes_accepted_or_rejected_and_removed_marks_join() {
        let doc = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>第一条　会员</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>大会</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>代表</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>
<w:p><w:pPr><w:rPr><w:ins w:id="3" w:author="a"/></w:rPr></w:pPr><w:ins w:id="4" w:author="a"><w:r><w:t>第二条　新增。</w:t></w:r></w:ins></w:p>
<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr><w:del w:id="6" w:author="a"><w:r><w:delText>第三条　删去。</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:t>第四条　不变。</w:t></w:r></w:p></w:body></w:document>"#;
        let text = |mode| {
            let (ps, stats) = parse_document(doc, mode).unwrap_or_default();
            let ps = join_removed_marks(ps, mode);
            (ps.iter().map(|p| p.text.clone()).collect::<Vec<_>>(), stats)
        };
        let (accepted, stats) = text(Revisions::Accept);
        assert_eq!(accepted, ["第一条　会员代表。", "第二条　新增。", "第四条　不变。"]);
        assert_eq!((stats.insertions, stats.deletions, stats.moves), (3, 3, 0));
        let (rejected, _) = text(Revisions::Reject);
        assert_eq!(rejected, ["第一条　会员大会。", "第三条　删去。", "第四条　不变。"]);
    }
}
