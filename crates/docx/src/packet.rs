//! The congress packet (`charter packet OLD NEW --format docx`) as one Word
//! document, in the parts and order of the PDF (`templates/packet.typ`):
//! a cover, the contents (a TOC field), the decision (草案), the 修改说明,
//! the 修改对照表 as a Word table and the new text in full.
//!
//! Each part opens with its title as Heading 1 (the charter's divisions
//! move down to Heading 2–5), so Word's navigation pane and the TOC field
//! (`TOC \o "1-2"`, marked dirty: Word and LibreOffice update it, and its
//! cached entries are the part titles and chapters already) list them.
//! Each part is a section starting on a new page: the cover and contents
//! have no footer; from the decision on one sequence of page numbers
//! “— 1 —” runs to the end; the table's section is A4 landscape.

use charter_core::error::ToolError;
use charter_core::export;
use charter_core::model::Charter;
use charter_core::number::Numbering;
use charter_core::numerals::to_chinese;
use charter_core::script::Script;
use charter_diff::SegOp;
use charter_diff::statement::{PLACEHOLDER, Statement};
use charter_diff::table::{Draft, ParaKind, Piece, Span, Table};

use crate::build;
use crate::xml::{Char, Para, Rev, Stamp, Writer, esc};
use crate::{Formal, Options, Parts, kinds, package, zip_package};

/// Everything the packet prints, worded by the caller (the project maps
/// the decision, the statement and the table to it).
#[derive(Debug)]
pub struct Packet<'a> {
    /// The new draft's title (as in 《》).
    pub title: &'a str,
    /// The meeting that considers the draft ("" when none).
    pub meeting: &'a str,
    /// The meeting's date in Chinese (2021年12月1日).
    pub date_text: Option<&'a str>,
    /// The decision: its heading, and its paragraphs (opening, items with
    /// their labels, closing); `subtitle` is ignored (the packet's decision
    /// is a draft: （草案）); `date` (`YYYY-MM-DD`) goes to the properties.
    pub decision: Formal<'a>,
    pub statement: &'a Statement,
    pub table: &'a Table,
    pub charter: &'a Charter,
    pub numbering: &'a Numbering,
}

/// A piece of the body: a paragraph, or prepared XML (a table, a section
/// break).
enum Block {
    P(Para),
    Raw(String),
}

/// The type area of the landscape page (297 − 25 − 20 mm), in twips, and
/// the table's columns: 序号 13 mm, 说明 38 mm, the two texts share the rest.
const TABLE_WIDTH: u32 = 14287;
const COLUMNS: [u32; 4] = [737, 5698, 5698, 2154];

/// The packet as a .docx.
pub fn packet(p: &Packet, options: &Options) -> Result<Vec<u8>, ToolError> {
    // The packet's own words in the new draft's script (目錄, 修改對照表).
    let sc = p.charter.meta.script;
    let names = [
        sc.words(&format!("{}（草案）", p.decision.title)).into_owned(),
        p.statement.heading.clone(),
        sc.words(&format!("《{}》修改对照表", p.title)).into_owned(),
        sc.words(&format!("《{}》修改后文本", p.title)).into_owned(),
    ];
    let ex = export::export(p.charter, p.numbering);
    let kinds = kinds(&[&ex]);

    let mut body: Vec<Block> = Vec::new();
    decision(&p.decision, sc, &mut body);
    body.push(Block::Raw(section_break(&package::section(true, true, false))));
    statement(p.statement, sc, &mut body);
    body.push(Block::Raw(section_break(&package::section(true, false, false))));
    table_part(p.table, sc, &mut body);
    body.push(Block::Raw(section_break(&package::section(true, false, true))));
    // The new text: the charter as `build --format docx` writes it, its
    // title the part's heading, its divisions one heading level down; its
    // notes are the 修改说明's business, not comments here.
    let mut text = build::paragraphs(&ex, &kinds, 0, &mut Vec::new());
    for para in &mut text {
        para.comments_start.clear();
        para.comments_end.clear();
        para.style = match para.style {
            "Title" => "Heading1",
            "Heading1" => "Heading2",
            "Heading2" => "Heading3",
            "Heading3" => "Heading4",
            "Heading4" => "Heading5",
            s => s,
        };
    }
    body.extend(text.into_iter().map(Block::P));

    // The cached entries of the contents: what the TOC field lists, each
    // heading bookmarked so that its entry links to it and shows its page
    // (a PAGEREF field, which LibreOffice computes when it lays out).
    let mut heads: Vec<(u8, String, u32)> = Vec::new();
    for b in &mut body {
        if let Block::P(q) = b {
            let level = match q.style {
                "Heading1" => 1,
                "Heading2" => 2,
                _ => continue,
            };
            let id = heads.len() as u32 + 1;
            q.bookmark = Some(id);
            heads.push((level, q.text(true).replace('\n', ""), id));
        }
    }

    let stamp = Stamp { author: options.author.clone(), date: None };
    let mut w = Writer::new(&stamp);
    for q in cover(p, &names) {
        w.para(&q);
    }
    w.para(&build::line("ContentsTitle", &sc.words("目　　录")));
    contents(&heads, &mut w.out);
    w.out.push_str(&section_break(&package::section(false, false, false)));
    for b in &body {
        match b {
            Block::P(q) => w.para(q),
            Block::Raw(x) => w.out.push_str(x),
        }
    }
    let title = sc.words(&format!("《{}》修改草案", p.title)).into_owned();
    let parts = Parts {
        document: package::document_with(&w.out, &package::section(true, false, false)),
        styles: package::styles(&options.fonts, kinds.len(), true, package::lang(p.charter.meta.script)),
        notes: &[],
        title: &title,
        date: p.decision.date,
        lang: package::lang(p.charter.meta.script),
    };
    zip_package(&parts, &stamp, false)
}

/// An empty paragraph ending a section with properties `sect`.
fn section_break(sect: &str) -> String {
    format!("<w:p><w:pPr>{sect}</w:pPr></w:p>")
}

fn run(style: Char, text: &str) -> Para {
    let mut q = Para::new("Centered");
    q.push(text, style, Rev::None);
    q
}

/// The cover: 《T》 / 修改草案, the meeting it goes to, the parts, the
/// meeting and its date.
fn cover(p: &Packet, names: &[String; 4]) -> Vec<Para> {
    let w = |s: &str| p.charter.meta.script.words(s).into_owned();
    let blank = || Para::new("Normal");
    let mut out = vec![blank(), blank(), blank()];
    out.push(build::line("Cover", &format!("《{}》", p.title)));
    out.push(build::line("Cover", &w("修改草案")));
    out.push(blank());
    if !p.meeting.is_empty() {
        out.push(build::line("History", &w(&format!("（提请{}审议）", p.meeting))));
    }
    out.extend([blank(), blank()]);
    out.push(run(Char::Number, &w("目　　录")));
    for (i, n) in names.iter().enumerate() {
        out.push(build::line("Centered", &format!("{}、{n}", to_chinese(i as u32 + 1))));
    }
    out.extend([blank(), blank()]);
    if !p.meeting.is_empty() {
        out.push(run(Char::Number, p.meeting));
    }
    if let Some(d) = p.date_text {
        out.push(build::line("Centered", d));
    }
    out
}

/// The TOC field over levels 1–2, dirty: Word rebuilds it, with page
/// numbers, when it opens the document (LibreOffice when the user updates
/// it: 工具 ▸ 更新 ▸ 全部更新). Its cached result lists the headings, each
/// a link to the heading's bookmark, without page numbers: they are only
/// known once laid out, and a wrong number is worse than none.
fn contents(heads: &[(u8, String, u32)], out: &mut String) {
    let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>\
<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    if heads.is_empty() {
        out.push_str(&format!("<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr>{begin}{end}</w:p>"));
        return;
    }
    for (i, (level, text, id)) in heads.iter().enumerate() {
        out.push_str(&format!("<w:p><w:pPr><w:pStyle w:val=\"TOC{level}\"/></w:pPr>"));
        if i == 0 {
            out.push_str(begin);
        }
        out.push_str(&format!("<w:hyperlink w:anchor=\"_Toc{id}\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">"));
        esc(text, out);
        out.push_str("</w:t></w:r></w:hyperlink>");
        if i + 1 == heads.len() {
            out.push_str(end);
        }
        out.push_str("</w:p>");
    }
}

/// The characters of 二号 (22 pt) that fit on a line of the 156 mm type area.
const TITLE_LINE: usize = 20;

/// A part's title as Heading 1: on one line when it fits, else broken as
/// the PDF breaks it — before 《 or after 》, whichever gives the more even
/// lines (关于修改 / 《T》的决定).
fn title(text: &str) -> Para {
    let mut q = build::line("Heading1", text);
    let len = text.chars().count();
    if len <= TITLE_LINE {
        return q;
    }
    let chars: Vec<char> = text.chars().collect();
    let cuts = [chars.iter().position(|&c| c == '《'), chars.iter().position(|&c| c == '》').map(|i| i + 1)];
    let best = cuts
        .into_iter()
        .flatten()
        .filter(|&c| c > 0 && c < len)
        .map(|c| (c, c.max(len - c)))
        .filter(|&(_, longest)| longest <= TITLE_LINE)
        .min_by_key(|&(_, longest)| longest);
    if let Some((cut, _)) = best {
        let broken: String = chars[..cut].iter().chain(['\n'].iter()).chain(chars[cut..].iter()).collect();
        q = build::line("Heading1", &broken);
        q.line_breaks = true;
    }
    q
}

/// The decision (草案): heading, （草案）, then its paragraphs.
fn decision(f: &Formal, sc: Script, out: &mut Vec<Block>) {
    out.push(Block::P(title(f.title)));
    out.push(Block::P(build::line("History", &sc.words("（草案）"))));
    out.push(Block::P(Para::new("Normal")));
    for t in f.paragraphs.iter().filter(|t| !t.trim().is_empty()) {
        out.push(Block::P(build::line("Normal", t)));
    }
}

/// The 修改说明: heading, the opening, the changes by chapter (each with
/// its reason, or a red placeholder), the minor changes, the closing.
fn statement(s: &Statement, sc: Script, out: &mut Vec<Block>) {
    let placeholder = sc.words(PLACEHOLDER);
    out.push(Block::P(title(&s.heading)));
    out.push(Block::P(Para::new("Normal")));
    out.push(Block::P(build::line("Normal", &s.intro)));
    let entry = |label: String, e: &charter_diff::statement::Entry| {
        let mut q = Para::new("Normal");
        q.push(&format!("{label}{}。", e.text), Char::Emph, Rev::None);
        match &e.reason {
            Some(r) => q.push(r, Char::Plain, Rev::None),
            None => q.push(&placeholder, Char::Placeholder, Rev::None),
        }
        q
    };
    let grouped = s.groups.len() > 1 || s.groups.iter().any(|g| !g.heading.is_empty());
    for (i, g) in s.groups.iter().enumerate() {
        if grouped {
            let mut q = Para::new("Normal");
            q.push(&format!("{}、{}", to_chinese(i as u32 + 1), g.heading), Char::Number, Rev::None);
            out.push(Block::P(q));
        }
        for (j, e) in g.entries.iter().enumerate() {
            let n = to_chinese(j as u32 + 1);
            let label = if grouped { format!("（{n}）") } else { format!("{n}、") };
            out.push(Block::P(entry(label, e)));
        }
    }
    if !s.minor.is_empty() {
        out.push(Block::P(build::line("Normal", &s.minor)));
    }
    out.push(Block::P(build::line("Normal", &sc.words("以上说明，连同修改草案，请予审议。"))));
}

/// The 修改对照表: heading, the two drafts, the summary and the legend,
/// the table (序号 | 修改前条文 | 修改后条文 | 说明; inserted text in 黑体
/// underlined, deleted text struck through), the sentences after it.
fn table_part(t: &Table, sc: Script, out: &mut Vec<Block>) {
    let w = |s: &str| sc.words(s).into_owned();
    out.push(Block::P(build::line("Heading1", &w(&format!("《{}》修改对照表", t.title)))));
    for (what, d) in [("修改前", &t.old), ("修改后", &t.new)] {
        out.push(Block::P(draft_line(&w(what), d, &t.title, sc)));
    }
    let mut q = Para::new("TableMeta");
    q.push(&w("修改概要："), Char::Number, Rev::None);
    q.push(&t.summary, Char::Plain, Rev::None);
    out.push(Block::P(q));
    if !t.rows.is_empty() {
        let mut q = Para::new("TableNote");
        for (text, style) in [
            ("说明：修改后条文中", Char::Plain),
            ("加粗、加下划线", Char::Inserted),
            ("的文字为新增内容，修改前条文中", Char::Plain),
            ("加删除线", Char::Deleted),
            ("的文字为删去的内容；条标题中新增的文字另加", Char::Plain),
            ("灰底", Char::InsertedHeading),
            ("；“……”表示未修改的款、项。", Char::Plain),
        ] {
            q.push(&sc.quoted_words(text), style, Rev::None);
        }
        out.push(Block::P(q));
        out.push(Block::Raw(table_xml(t, sc)));
    }
    let mut after = Vec::new();
    if t.renumbered > 0 {
        after.push(format!("另有{}条仅序号变化、内容未修改，未列入本表：{}。", t.renumbered, t.renumber_sentence));
    }
    if !t.division_renumber_sentence.is_empty() {
        after.push(format!("以下章、节仅序号变化，未列入本表：{}。", t.division_renumber_sentence));
    }
    if t.citations_updated > 0 {
        after.push(format!("另有{}条文字未变，其中引用的条文序号随之更新，未列入本表。", t.citations_updated));
    }
    out.extend(after.iter().map(|a| Block::P(build::line("TableText", &w(a)))));
    if !t.references.is_empty() {
        let mut q = Para::new("TableNote");
        q.push(&w("需要核对的引用"), Char::Number, Rev::None);
        out.push(Block::P(q));
        out.extend(t.references.iter().map(|r| Block::P(build::line("TableText", r))));
    }
}

/// 修改前：《T》，（草案），2021年11月24日，共40条
fn draft_line(what: &str, d: &Draft, title: &str, sc: Script) -> Para {
    let mut parts = Vec::new();
    if d.title != title {
        parts.push(format!("《{}》", d.title));
    }
    parts.extend(d.status.clone());
    parts.extend(d.date_text.clone());
    parts.push(sc.words(&format!("共{}条", d.articles)).into_owned());
    let mut q = Para::new("TableMeta");
    q.push(&format!("{what}："), Char::Number, Rev::None);
    q.push(&parts.join("，"), Char::Plain, Rev::None);
    q
}

/// The table as WordprocessingML: fixed layout, the header row repeated
/// on every page, rows kept whole where they fit.
fn table_xml(t: &Table, sc: Script) -> String {
    let border = |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>");
    let mut s = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TABLE_WIDTH}\" w:type=\"dxa\"/><w:tblBorders>{}</w:tblBorders>\
<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"45\" w:type=\"dxa\"/><w:left w:w=\"102\" w:type=\"dxa\"/>\
<w:bottom w:w=\"45\" w:type=\"dxa\"/><w:right w:w=\"102\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>",
        ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).concat()
    );
    for c in COLUMNS {
        s.push_str(&format!("<w:gridCol w:w=\"{c}\"/>"));
    }
    s.push_str("</w:tblGrid>");
    let stamp = Stamp { author: String::new(), date: None };
    let mut w = Writer::new(&stamp);
    let mut cell = |paras: &[Para], width: u32, head: bool, s: &mut String| {
        w.out.clear();
        for q in paras {
            w.para(q);
        }
        if paras.is_empty() {
            w.para(&Para::new("TableText"));
        }
        let shade = if head {
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6E6E6\"/><w:vAlign w:val=\"center\"/>"
        } else {
            ""
        };
        s.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shade}</w:tcPr>{}</w:tc>", w.out));
    };
    s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (h, width) in ["序号", "修改前条文", "修改后条文", "说明"].into_iter().zip(COLUMNS) {
        cell(&[build::line("TableHead", &sc.words(h))], width, true, &mut s);
    }
    s.push_str("</w:tr>");
    for r in &t.rows {
        s.push_str("<w:tr>");
        cell(&[build::line("TableCenter", &r.no.to_string())], COLUMNS[0], false, &mut s);
        cell(&pieces(&r.old), COLUMNS[1], false, &mut s);
        cell(&pieces(&r.new), COLUMNS[2], false, &mut s);
        cell(&[build::line("TableNote", &r.note)], COLUMNS[3], false, &mut s);
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// A cell's paragraphs: each piece's label in 黑体 run in before its first
/// paragraph; a division's title centred.
fn pieces(list: &[Piece]) -> Vec<Para> {
    let mut out = Vec::new();
    for p in list {
        let label = (!p.label.is_empty()).then_some(p.label.as_str());
        if p.paras.is_empty()
            && let Some(l) = label
        {
            let mut q = Para::new("TableText");
            q.push(l, Char::Number, Rev::None);
            out.push(q);
        }
        for (i, para) in p.paras.iter().enumerate() {
            let mut q;
            if para.kind == ParaKind::Division {
                q = Para::new("TableCenter");
                if let Some(l) = label {
                    q.push(l, Char::Number, Rev::None);
                    q.push("　", Char::Number, Rev::None);
                }
                spans(&mut q, &para.spans, Mark::Heading);
            } else {
                q = Para::new("TableText");
                if i == 0
                    && let Some(l) = label
                {
                    q.push(l, Char::Number, Rev::None);
                    q.push("　", Char::Plain, Rev::None);
                }
                let mark = match para.kind {
                    ParaKind::Heading => Mark::Heading,
                    ParaKind::Note | ParaKind::Elided => Mark::Muted,
                    _ => Mark::Text,
                };
                spans(&mut q, &para.spans, mark);
            }
            out.push(q);
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Mark {
    Text,
    Heading,
    Muted,
}

/// Spans as runs: equal plain (黑体 in a heading, grey in a remark),
/// inserted 黑体 underlined (on grey in a heading), deleted struck through.
fn spans(q: &mut Para, list: &[Span], mark: Mark) {
    for s in list {
        let style = match (s.op, mark) {
            (SegOp::Insert, Mark::Heading) => Char::InsertedHeading,
            (SegOp::Insert, _) => Char::Inserted,
            (SegOp::Delete, _) => Char::Deleted,
            (SegOp::Equal, Mark::Heading) => Char::Number,
            (SegOp::Equal, Mark::Muted) => Char::Muted,
            (SegOp::Equal, Mark::Text) => Char::Plain,
        };
        q.push(&s.text, style, Rev::None);
    }
}
