//! Classified lines → the charter's structure, with a diagnostic for every
//! anomaly and every repair.
//!
//! The document is located first: the first article, the headings right
//! above it (the body's start), a table of contents to leave out, the title
//! above that and whatever precedes the title (not part of the charter).
//! Then one pass over the body builds divisions, articles, paragraphs, items
//! and sub-items. Whether a line that starts like "第X条" begins an article
//! is decided by sequence and context: the number expected next, whether a
//! separator follows the label, whether the previous line ended its
//! sentence, and whether the rest reads like the tail of a cross-reference.

use std::collections::HashMap;

use charter_core::diagnostic::Diagnostic;
use charter_core::model::Level;
use charter_core::numerals::{item_label, to_chinese};
use charter_core::source::{FileId, Span};

use super::lines::{
    Kind, Line, cites_on, ends_closed, ends_mid_phrase, heading_title, is_history, is_space, parens_open,
    starts_as_continuation, status_of,
};
use super::{IArticle, IBlock, IDivision, INode, Imported, InputFormat};

/// A physical line at least this long (in characters) that does not end
/// its sentence is taken as hard-wrapped.
const WRAP_MIN_CHARS: usize = 16;
/// Longest article heading (第二条　本会的性质).
const HEADING_MAX_CHARS: usize = 24;

#[derive(Debug)]
pub struct Built {
    pub charter: Option<Imported>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Facts about the decoding, reported as notes.
#[derive(Debug)]
pub struct Notes {
    pub encoding: &'static str,
    pub guessed: bool,
    pub replaced: Option<usize>,
    pub kangxi: Option<(usize, usize)>,
    pub docx_numbered: usize,
    /// Tracked changes in a .docx: counts, the byte offset of the first,
    /// and which version was imported.
    pub revisions: Option<(crate::RevisionStats, usize, crate::Revisions)>,
    /// Word comments: how many were imported, how many of them are loose
    /// (YAML comments), the byte offset of the first one's paragraph.
    pub comments: Option<(usize, usize, usize)>,
}

/// Diagnostics about the decoding, at the start of the file.
pub fn notes(diags: &mut Vec<Diagnostic>, file: FileId, n: &Notes) {
    let start = Span::new(file, 0, 0);
    if n.guessed {
        diags.push(
            Diagnostic::new(crate::codes::I001, format!("文件不是 UTF-8，按 {} 编码读取", n.encoding))
                .at(start, "文件开头")
                .hint("如果导入的文字是乱码，请用 --encoding 指定编码，例如 --encoding gb18030。"),
        );
    }
    if let Some(at) = n.replaced {
        diags.push(
            Diagnostic::new(crate::codes::I002, format!("有些字节不是有效的 {} 编码，已替换为“�”", n.encoding))
                .at(Span::new(file, at, at + '\u{FFFD}'.len_utf8()), "第一处")
                .hint("请确认文件的编码，必要时用 --encoding 指定。"),
        );
    }
    if let Some((count, at)) = n.kangxi {
        diags.push(
            Diagnostic::new(crate::codes::I013, format!("{count} 行里有康熙部首等形似汉字的字符，已换成普通汉字"))
                .at(Span::new(file, at, at + 3), "第一处"),
        );
    }
    revision_note(diags, file, n);
    if let Some((total, loose, at)) = n.comments {
        let rest = if loose > 0 {
            format!("；其中 {loose} 条不在任何条或章节标题上，写成了 YAML 开头的注释")
        } else {
            String::new()
        };
        diags.push(
            Diagnostic::new(
                crate::codes::I017,
                format!("Word 文档里的 {total} 条批注已作为修改说明（note:）导入到所在的条或章节{rest}"),
            )
            .at(Span::new(file, at, at), "第一条批注"),
        );
    }
    if n.docx_numbered > 0 {
        diags.push(
            Diagnostic::new(
                crate::codes::I014,
                format!("从 Word 的自动编号还原了 {} 个编号（第一条、（一）等）", n.docx_numbered),
            )
            .at(start, "文件开头"),
        );
    }
}

/// I016: a .docx with tracked changes, how many, where the first is, and
/// which version was imported.
fn revision_note(diags: &mut Vec<Diagnostic>, file: FileId, n: &Notes) {
    let Some((stats, at, mode)) = &n.revisions else { return };
    let mut parts = Vec::new();
    for (count, what) in [(stats.insertions, "插入"), (stats.deletions, "删除"), (stats.moves, "移动")] {
        if count > 0 {
            parts.push(format!("{what} {count} 处"));
        }
    }
    let (how, hint) = match mode {
        crate::Revisions::Accept => ("已按“全部接受”导入", "要导入修订前的原文，加 --reject-changes。"),
        crate::Revisions::Reject => {
            ("已按“全部拒绝”导入（修订前的原文）", "要导入修订后的文字，去掉 --reject-changes。")
        }
    };
    diags.push(
        Diagnostic::new(crate::codes::I016, format!("Word 文档里有未处理的修订：{}；{how}", parts.join("、")))
            .at(Span::new(file, *at, *at), "第一处修订")
            .hint(format!("请核对导入结果；{hint}")),
    );
}

/// Build the charter from the lines of one file.
pub fn build(
    lines: &[Line],
    file: FileId,
    format: InputFormat,
    fallback_title: &str,
    comments: &[(usize, String)],
    toc_lines: &[usize],
) -> Built {
    let mut diags = Vec::new();
    if lines.iter().all(|l| matches!(l.kind, Kind::Blank | Kind::PageNumber)) {
        diags.push(
            Diagnostic::new(crate::codes::I003, "文件是空的，没有可以导入的内容")
                .at(Span::new(file, 0, 0), "空文件")
                .hint("请确认选对了文件。"),
        );
        return Built { charter: None, diagnostics: diags };
    }
    let layout = match locate(lines, toc_lines) {
        Some(l) => l,
        None => {
            diags.push(
                Diagnostic::new(crate::codes::I004, "没有找到任何条（“第一条”“第二条”……），无法导入")
                    .at(first_content(lines, file), "文件从这里开始")
                    .hint("导入只认以“第X条”开头的条文。修改决定、通知等不是章程的文件不能导入。"),
            );
            return Built { charter: None, diagnostics: diags };
        }
    };
    let pages: Vec<&Line> = lines.iter().filter(|l| l.kind == Kind::PageNumber).collect();
    if let Some(first) = pages.first() {
        diags.push(
            Diagnostic::new(crate::codes::I012, format!("删去了 {} 行页码", pages.len()))
                .at(Span::new(file, first.start, first.end.max(first.start)), "第一处"),
        );
    }
    let mut b = Builder::new(lines, file, format, &layout);
    for (line, text) in comments {
        b.comments.entry(*line).or_default().push(text.clone());
    }
    b.header(&layout, fallback_title);
    b.body(&layout);
    if let Some(toc) = layout.toc {
        check_toc(lines, file, toc, layout.body_start, &mut b.diags);
    }
    let mut charter = b.finish();
    dedupe_ids(&mut charter.body);
    diags.append(&mut b.diags);
    // Every “第X条” line found may have turned out to be running text (a
    // citation at a line's start, out of order): no article is left, and a
    // charter without one cannot be written.
    if charter.articles().is_empty() {
        diags.push(
            Diagnostic::new(crate::codes::I004, "没有找到任何条（“第一条”“第二条”……），无法导入")
                .at(first_content(lines, file), "文件从这里开始")
                .hint("行首的“第X条”都被判断为正文的续行（见上面的提示）。请确认每一条都以“第X条”另起一行，条号从第一条起依次排列。"),
        );
        return Built { charter: None, diagnostics: diags };
    }
    Built { charter: Some(charter), diagnostics: diags }
}

/// The table of contents should list the body's headings: report the
/// first difference (a heading renamed in the body but not in the 目录, or
/// one missing).
fn check_toc(lines: &[Line], file: FileId, toc: Toc, body_start: usize, diags: &mut Vec<Diagnostic>) {
    let is_heading = |l: &&Line| matches!(l.kind, Kind::Heading { .. } | Kind::Supplementary { .. });
    let key = |l: &Line| -> String {
        heading_title(without_page_number(&l.text)).chars().filter(|c| !is_space(*c)).collect()
    };
    let listed: Vec<&Line> = lines[toc.entries..toc.end].iter().filter(is_heading).collect();
    // A table of contents may list only the outer levels (章 without 节):
    // compare the body's headings of the levels it lists.
    let level = |l: &Line| match l.kind {
        Kind::Heading { level, .. } => Some(level),
        _ => None,
    };
    let levels: Vec<Option<Level>> = listed.iter().map(|l| level(l)).collect();
    let body: Vec<&Line> =
        lines[body_start..].iter().filter(is_heading).filter(|l| levels.contains(&level(l))).collect();
    if listed.is_empty() {
        return;
    }
    let span = |l: &Line| Span::new(file, l.start, l.end.max(l.start));
    for (i, t) in listed.iter().enumerate() {
        match body.get(i) {
            Some(b) if key(t) == key(b) => {}
            Some(b) => {
                diags.push(
                    Diagnostic::new(
                        crate::codes::I015,
                        format!("目录与正文不一致：目录是“{}”，正文是“{}”", t.text, b.text),
                    )
                    .at(span(t), "目录中的标题")
                    .also(span(b), "正文中的标题")
                    .hint("结构取自正文；请核对目录。"),
                );
                return;
            }
            None => {
                diags.push(
                    Diagnostic::new(crate::codes::I015, format!("目录中的“{}”在正文中没有", t.text))
                        .at(span(t), "正文里没有这个标题")
                        .hint("结构取自正文；请核对目录。"),
                );
                return;
            }
        }
    }
    if let Some(b) = body.get(listed.len()) {
        diags.push(
            Diagnostic::new(crate::codes::I015, format!("正文中的“{}”没有列入目录", b.text))
                .at(span(b), "目录里没有这个标题")
                .hint("结构取自正文；请核对目录。"),
        );
    }
}

fn first_content(lines: &[Line], file: FileId) -> Span {
    lines
        .iter()
        .find(|l| !matches!(l.kind, Kind::Blank))
        .map_or(Span::new(file, 0, 0), |l| Span::new(file, l.start, l.end))
}

/// A table of contents entry without its page number: “第一章　总则……1”,
/// “第一章 总则\t1” → “第一章 总则”. Digits count as a page number only
/// after a space, a tab or a leader, so a title ending in a number stays.
fn without_page_number(t: &str) -> &str {
    let trimmed = t.trim_end();
    let digits = trimmed.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits.len() == trimmed.len() {
        return t;
    }
    let lead = digits.trim_end_matches(|c: char| {
        is_space(c) || matches!(c, '.' | '．' | '·' | '•' | '…' | '‥' | '⋯' | '-' | '—' | '－' | '_' | '＿')
    });
    if lead.len() == digits.len() || lead.is_empty() { t } else { lead }
}

/// A table of contents: lines [start, end), its entries from `entries`
/// (after a 目录 line, or from `start` when Word's TOC field has none).
#[derive(Debug, Clone, Copy)]
struct Toc {
    start: usize,
    entries: usize,
    end: usize,
}

/// Where the parts of the document are (line indexes).
#[derive(Debug)]
struct Layout {
    toc: Option<Toc>,
    /// The first line of the body (a heading or the first article).
    body_start: usize,
}

/// `toc_lines`: source lines (zero-based) that a Word TOC field generated;
/// they are the table of contents whether or not a 目录 line heads them.
fn locate(lines: &[Line], toc_lines: &[usize]) -> Option<Layout> {
    let is_art = |l: &Line| matches!(l.kind, Kind::Article { sep: true, .. } | Kind::Article { number: 1, .. });
    // Both in source order: one merge finds the hinted lines' indexes.
    let mut hinted = Vec::new();
    let mut h = toc_lines.iter().peekable();
    for (i, l) in lines.iter().enumerate() {
        while h.next_if(|&&n| n < l.no).is_some() {}
        if h.peek().is_some_and(|&&n| n == l.no) {
            hinted.push(i);
        }
    }
    let first_art = (0..lines.len()).find(|&i| is_art(&lines[i]) && hinted.binary_search(&i).is_err())?;
    let field_toc = match (hinted.first(), hinted.last()) {
        (Some(&f), Some(&l)) if f < first_art => {
            // A 目录 line right above (across blank lines), or the first
            // hinted line itself (a TOC content control holds its title).
            let title = (0..=f)
                .rev()
                .take_while(|&i| i == f || matches!(lines[i].kind, Kind::Blank | Kind::PageNumber | Kind::Toc))
                .find(|&i| lines[i].kind == Kind::Toc);
            Some(match title {
                Some(t) => Toc { start: t, entries: t + 1, end: l + 1 },
                None => Toc { start: f, entries: f, end: l + 1 },
            })
        }
        _ => None,
    };
    let toc = field_toc.or_else(|| {
        let t = lines[..first_art].iter().position(|l| l.kind == Kind::Toc)?;
        Some(Toc { start: t, entries: t + 1, end: toc_end(lines, t, first_art) })
    });
    // The first article after the table of contents.
    let first_art = match toc {
        Some(t) => t.end + lines[t.end..].iter().position(is_art)?,
        None => first_art,
    };
    let floor = toc.map_or(0, |t| t.end);
    let mut body_start = first_art;
    let mut i = first_art;
    while i > floor {
        i -= 1;
        match lines[i].kind {
            Kind::Heading { .. } | Kind::Supplementary { .. } => body_start = i,
            Kind::Blank | Kind::PageNumber => {}
            _ => break,
        }
    }
    Some(Layout { toc, body_start })
}

/// The end of a table of contents starting at line `t`: where its first
/// entry is repeated as the body's first heading, or else after its run of
/// headings minus the chain of headings directly above the first article.
fn toc_end(lines: &[Line], t: usize, first_art: usize) -> usize {
    let key = |l: &Line| -> Option<String> {
        match &l.kind {
            Kind::Heading { .. } | Kind::Supplementary { .. } | Kind::Text => {
                Some(heading_title(without_page_number(&l.text)).chars().filter(|c| !is_space(*c)).collect())
            }
            _ => None,
        }
    };
    let entries: Vec<usize> =
        (t + 1..first_art).filter(|&i| !matches!(lines[i].kind, Kind::Blank | Kind::PageNumber)).collect();
    if let Some(&first) = entries.first()
        && let Some(k) = key(&lines[first])
        && let Some(&again) = entries.iter().skip(1).find(|&&i| key(&lines[i]).as_ref() == Some(&k))
    {
        return again;
    }
    // No repeat: keep the chain of headings of strictly rising level right
    // above the first article (第一编 › 第一章 › 第一节) as the body's.
    let mut end = first_art;
    let mut last_level: Option<Level> = None;
    for &i in entries.iter().rev() {
        match &lines[i].kind {
            Kind::Heading { level, .. } if last_level.is_none_or(|l| *level < l) => {
                last_level = Some(*level);
                end = i;
            }
            _ => break,
        }
    }
    end
}

/// An article being built.
#[derive(Debug)]
struct OpenArt {
    art: IArticle,
    no: (u32, u32),
    label: Span,
    /// A short rest of the article line that may be its heading.
    pending: Option<String>,
    /// Where continuation text goes: 0 the last paragraph, 1 its last item,
    /// 2 that item's last sub-item.
    depth: u8,
    /// The last physical line: did it end its sentence, how long was it,
    /// did it end mid-phrase.
    last_closed: bool,
    last_len: usize,
    last_mid: bool,
    /// Source labels of the last item and sub-item.
    item_no: Option<u32>,
    sub_no: Option<u32>,
    /// The last line was a bare label (（一） alone): its text follows.
    awaiting_text: bool,
}

#[derive(Debug)]
struct OpenDiv {
    div: IDivision,
}

struct Builder<'a> {
    lines: &'a [Line],
    file: FileId,
    markdown: bool,
    diags: Vec<Diagnostic>,
    out: Imported,
    stack: Vec<OpenDiv>,
    art: Option<OpenArt>,
    last_no: Option<(u32, u32)>,
    /// Articles seen, by source number: the flattened text of each, its
    /// line (zero-based) and label span.
    seen: HashMap<(u32, u32), (String, usize, Span)>,
    /// Last source number per level in the current context.
    counters: [Option<u32>; 4],
    last_chapter_overall: Option<u32>,
    /// The level an unnumbered 附则 takes: the outermost level in use.
    outer_level: Level,
    /// The number of the "二、" section of a surrounding document that holds
    /// the charter (a public notice with the charter as its part 二).
    outer_n: Option<u32>,
    rejected_articles: usize,
    /// Word comments not yet placed, by line.
    comments: std::collections::BTreeMap<usize, Vec<String>>,
}

fn span_of(file: FileId, l: &Line, len: usize) -> Span {
    Span::new(file, l.start, (l.start + len).min(l.end.max(l.start)))
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Join a hard-wrapped line to what came before: nothing between Chinese
/// characters, a space between Latin words.
fn join(into: &mut String, next: &str) {
    if let (Some(a), Some(b)) = (into.chars().last(), next.chars().next())
        && a.is_ascii_alphanumeric()
        && b.is_ascii_alphanumeric()
    {
        into.push(' ');
    }
    into.push_str(next);
}

pub(super) fn heading_like(s: &str) -> bool {
    let n = chars(s);
    (1..=HEADING_MAX_CHARS).contains(&n)
        && !s.contains(['，', '。', '；', '：', '、', ',', ';', ':', '!', '?', '！', '？'])
        && !starts_as_continuation(s)
}

fn is_placeholder(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !is_space(*c)).collect();
    matches!(
        t.as_str(),
        "（删去）"
            | "(删去)"
            | "（删除）"
            | "(删除)"
            | "（刪除）"
            | "(刪除)"
            | "（刪去）"
            | "删去"
            | "删除"
            | "（已删除）"
            | "（已删去）"
    )
}

fn flatten(a: &IArticle) -> String {
    let mut s = a.heading.clone().unwrap_or_default();
    fn block(b: &IBlock, s: &mut String) {
        s.push_str(&b.text);
        for i in &b.items {
            block(i, s);
        }
    }
    for p in &a.paragraphs {
        block(p, &mut s);
    }
    s
}

fn article_label(no: (u32, u32)) -> String {
    if no.1 == 0 {
        format!("第{}条", to_chinese(no.0))
    } else {
        format!("第{}条之{}", to_chinese(no.0), to_chinese(no.1))
    }
}

fn level_index(l: Level) -> usize {
    match l {
        Level::Part => 0,
        Level::Subpart => 1,
        Level::Chapter => 2,
        Level::Section => 3,
    }
}

impl<'a> Builder<'a> {
    fn new(lines: &'a [Line], file: FileId, format: InputFormat, layout: &Layout) -> Self {
        let outer_level = lines[layout.body_start..]
            .iter()
            .filter_map(|l| match &l.kind {
                Kind::Heading { level, sep: true, .. } => Some(*level),
                _ => None,
            })
            .min()
            .unwrap_or(Level::Chapter);
        Builder {
            lines,
            file,
            markdown: format == InputFormat::Markdown,
            diags: Vec::new(),
            out: Imported::default(),
            stack: Vec::new(),
            art: None,
            last_no: None,
            seen: HashMap::new(),
            counters: [None; 4],
            last_chapter_overall: None,
            outer_level,
            outer_n: None,
            rejected_articles: 0,
            comments: std::collections::BTreeMap::new(),
        }
    }

    fn line_span(&self, l: &Line) -> Span {
        Span::new(self.file, l.start, l.end.max(l.start))
    }

    // ----- header: title, status, history, preamble -----

    fn header(&mut self, layout: &Layout, fallback_title: &str) {
        let zone: Vec<usize> = match layout.toc {
            Some(t) => (0..t.start).chain(t.end..layout.body_start).collect(),
            None => (0..layout.body_start).collect(),
        };
        if let Some(Toc { start: s, end: e, .. }) = layout.toc {
            let l = &self.lines[s];
            self.diags.push(
                Diagnostic::new(crate::codes::I011, "目录已略去，章节结构取自正文")
                    .at(self.line_span(l), format!("目录（第 {} 至 {} 行）", s + 1, e)),
            );
        }
        // Blocks: lines joined while a bracket is open (a wrapped history line).
        let mut blocks: Vec<(usize, usize, String)> = Vec::new();
        for &i in &zone {
            let l = &self.lines[i];
            if matches!(l.kind, Kind::Blank | Kind::PageNumber) {
                continue;
            }
            if let Some(last) = blocks.last_mut()
                && parens_open(&last.2)
                && last.1 + 3 >= i
            {
                join(&mut last.2, &l.text);
                last.1 = i;
                continue;
            }
            blocks.push((i, i, l.text.clone()));
        }
        let title_at = if self.markdown { blocks.iter().position(|b| self.lines[b.0].md_depth == 1) } else { None }
            .or_else(|| {
                blocks.iter().rposition(|(i, _, t)| {
                    let k = &self.lines[*i].kind;
                    chars(t) <= 60
                        && !ends_closed(t)
                        && !is_history(t)
                        && status_of(t).is_none()
                        && !matches!(k, Kind::Item { .. } | Kind::SubItem { .. } | Kind::PreambleMark | Kind::Toc)
                })
            });
        // The title repeated below the header (after the history, sometimes
        // with a space or a line break inside): the first one is the title,
        // the repeat is skipped below.
        let squash = |s: &str| -> String { s.chars().filter(|c| !is_space(*c)).collect() };
        let title_at = title_at.map(|t| {
            let last = squash(&blocks[t].2);
            let pair = (t > 0).then(|| squash(&blocks[t - 1].2) + &last);
            (0..t)
                .find(|&e| {
                    let k = squash(&blocks[e].2);
                    k == last || (e + 1 < t && pair.as_ref() == Some(&k))
                })
                .unwrap_or(t)
        });
        let title_key = title_at.map(|t| squash(&blocks[t].2)).unwrap_or_default();
        let after = match title_at {
            Some(t) => {
                let (i, _, text) = &blocks[t];
                let (title, status) = split_status(text);
                self.out.title = title;
                self.out.status = status;
                if t > 0 {
                    let first = &self.lines[blocks[0].0];
                    let skipped = self.lines[*i].no - first.no;
                    self.diags.push(
                        Diagnostic::new(crate::codes::I010, format!("标题之前的 {skipped} 行不是章程的内容，已略去"))
                            .at(self.line_span(first), "从这里")
                            .also(self.line_span(&self.lines[*i]), "章程的标题"),
                    );
                    let before = &blocks[t - 1].2;
                    let n: String = before.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
                    if !n.is_empty() && before[n.len()..].starts_with('、') {
                        self.outer_n = charter_core::numerals::parse(&n);
                    }
                }
                t + 1
            }
            None => {
                self.out.title = fallback_title.to_string();
                let at = blocks.first().map_or(layout.body_start, |b| b.0);
                let l = &self.lines[at.min(self.lines.len() - 1)];
                self.diags.push(
                    Diagnostic::new(crate::codes::I005, format!("没有找到标题，用文件名“{fallback_title}”作标题"))
                        .at(self.line_span(l), "章程从这里开始")
                        .hint("请在生成的 YAML 里改正 title。"),
                );
                0
            }
        };
        // After the title: status, history, then the preamble.
        let mut preamble_started = false;
        let mut last_line: Option<usize> = None;
        let mut skip = 0;
        for (k, (i, last, text)) in blocks.iter().enumerate().skip(after) {
            let l = &self.lines[*i];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if !preamble_started && !title_key.is_empty() {
                let key = squash(text);
                if key == title_key {
                    continue;
                }
                if let Some(next) = blocks.get(k + 1)
                    && key.clone() + &squash(&next.2) == title_key
                {
                    skip = 1;
                    continue;
                }
            }
            if !preamble_started {
                if self.out.status.is_none()
                    && self.out.history.is_empty()
                    && let Some(s) = status_of(text)
                {
                    self.out.status = Some(s);
                    continue;
                }
                if is_history(text) {
                    self.out.history.push(strip_brackets(text));
                    continue;
                }
                if l.kind == Kind::PreambleMark {
                    preamble_started = true;
                    continue;
                }
            }
            if l.kind == Kind::PreambleMark {
                continue;
            }
            preamble_started = true;
            let wrap = match (last_line, self.out.preamble.last()) {
                (Some(prev), Some(p)) => {
                    if self.markdown {
                        !l.after_blank && prev + 1 == *i
                    } else {
                        let pl = &self.lines[prev].text;
                        !ends_closed(p) && (chars(pl) >= WRAP_MIN_CHARS || ends_mid_phrase(pl))
                    }
                }
                _ => false,
            };
            match self.out.preamble.last_mut() {
                Some(p) if wrap => join(p, text),
                _ => self.out.preamble.push(text.clone()),
            }
            last_line = Some(*last);
        }
    }

    // ----- body -----

    fn body(&mut self, layout: &Layout) {
        let lines = self.lines;
        let mut i = layout.body_start;
        while i < lines.len() {
            let l = &lines[i];
            if self.art.is_some()
                && l.kind == Kind::Text
                && let Some(sig) = crate::signature::at(lines, i)
            {
                self.signature(&sig);
                i = sig.last + 1;
                continue;
            }
            if self.is_trailer(l) {
                let rest = lines[i..].iter().filter(|x| !matches!(x.kind, Kind::Blank)).count();
                self.diags.push(
                    Diagnostic::new(crate::codes::I010, format!("从这里起的 {rest} 行不是章程的内容，已略去"))
                        .at(self.line_span(l), "章程到此为止"),
                );
                break;
            }
            match &l.kind {
                Kind::Blank | Kind::PreambleMark | Kind::Toc => {}
                Kind::PageNumber => {}
                Kind::Heading { level, number, title, sep, label_len } => {
                    if self.heading_plausible(l, title, *sep) {
                        let mut title = title.clone();
                        // A heading whose title is on the next line.
                        if title.is_empty()
                            && let Some(j) = next_content(lines, i)
                            && lines[j].kind == Kind::Text
                            && heading_like(&lines[j].text)
                        {
                            title = heading_title(&lines[j].text);
                            i = j;
                        }
                        self.division(l, *level, Some(*number), title, *label_len);
                    } else {
                        self.text(l, &l.text);
                    }
                }
                Kind::Supplementary { title } => {
                    let level = if self.markdown && l.md_depth > 0 {
                        self.level_of_depth(l.md_depth).unwrap_or(self.outer_level)
                    } else {
                        self.outer_level
                    };
                    self.division(l, level, None, title.clone(), l.text.len());
                }
                Kind::Article { number, sub, sep, rest, label_len } => {
                    if self.accept_article(l, *number, *sub, *sep, rest) {
                        self.start_article(l, (*number, *sub), rest, *label_len);
                    } else {
                        self.text(l, &l.text);
                    }
                }
                Kind::Item { number, rest, label_len, .. } => self.item(l, *number, rest, *label_len, false),
                Kind::SubItem { number, rest, label_len } => self.item(l, *number, rest, *label_len, true),
                Kind::Text => {
                    if self.markdown && l.md_depth > 0 && !l.text.is_empty() {
                        // An unnumbered Markdown heading other than 附则.
                        let level = self.level_of_depth(l.md_depth).unwrap_or(self.outer_level);
                        self.division(l, level, None, heading_title(&l.text), l.text.len());
                    } else {
                        self.text(l, &l.text);
                    }
                }
            }
            self.place_comments(l.no..lines[i].no + 1);
            i += 1;
        }
        self.close_article();
        if self.rejected_articles > 0 {
            // Reported one by one in `accept_article`.
        }
    }

    /// The closing signature: metadata, not text of the last article.
    fn signature(&mut self, sig: &crate::signature::Signature) {
        let (first, last) = (&self.lines[sig.first], &self.lines[sig.last]);
        let date = sig.date.to_string();
        let issuer = (!sig.bodies.is_empty()).then(|| sig.bodies.join("\n"));
        let what = match &issuer {
            Some(b) => format!("{}，{}", b.replace('\n', "、"), sig.date.chinese()),
            None => sig.date.chinese(),
        };
        let span = Span::new(self.file, first.start, last.end.max(first.start));
        self.diags.push(
            Diagnostic::new(
                crate::codes::I018,
                format!("文末的落款（{what}）不是最后一条的正文，已写入 issuer 和 date"),
            )
            .at(span, "落款")
            .hint("生成 PDF 和网页时落款印在文末；不要落款就删去 issuer。"),
        );
        self.out.date = Some(date);
        self.out.issuer = issuer;
    }

    /// The level Markdown headings of this depth have elsewhere in the body.
    fn level_of_depth(&self, depth: u8) -> Option<Level> {
        self.lines.iter().find_map(|l| match &l.kind {
            Kind::Heading { level, .. } if l.md_depth == depth => Some(*level),
            _ => None,
        })
    }

    fn heading_plausible(&self, l: &Line, title: &str, sep: bool) -> bool {
        if self.markdown && l.md_depth > 0 {
            return true;
        }
        if !sep && (self.prev_open(l) || starts_as_continuation(title)) {
            return false;
        }
        chars(title) <= 40 && !title.ends_with(['。', '；', '，', ',', ';']) && !title.contains('。')
    }

    /// A line after which the charter is over: the next section of a
    /// surrounding document ("三、…" after a charter that was its "二、"),
    /// or an attachment ("附件：").
    fn is_trailer(&self, l: &Line) -> bool {
        if self.art.is_none() && self.last_no.is_none() {
            return false;
        }
        if let (Some(n), Kind::Item { number, dun: true, .. }) = (self.outer_n, &l.kind)
            && *number == n + 1
            && self.art.as_ref().is_none_or(|a| a.item_no.map_or(1, |k| k + 1) != *number)
        {
            return true;
        }
        let t: String = l.text.chars().filter(|c| !is_space(*c)).collect();
        let attachment = t.strip_prefix("附件").is_some_and(|r| {
            r.is_empty()
                || r.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
                    .starts_with(['：', ':'])
                || r.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        });
        attachment && l.kind == Kind::Text
    }

    /// Did the text before `l` stop in mid-sentence (so `l` may continue it)?
    fn prev_open(&self, l: &Line) -> bool {
        let Some(a) = &self.art else { return false };
        if a.awaiting_text {
            return true;
        }
        if a.art.paragraphs.is_empty() && a.pending.is_none() {
            return false;
        }
        if self.markdown {
            return !l.after_blank;
        }
        !a.last_closed && (a.last_len >= WRAP_MIN_CHARS || a.last_mid)
    }

    fn accept_article(&mut self, l: &Line, n: u32, sub: u32, sep: bool, rest: &str) -> bool {
        let in_seq = match self.last_no {
            None => true,
            Some((b, s)) => (sub == 0 && n == b + 1) || (sub > 0 && n == b && sub == s + 1),
        };
        let open = self.prev_open(l);
        let reject = (!sep && cites_on(rest)) || (open && (!in_seq || !sep));
        if reject {
            self.rejected_articles += 1;
            let label = article_label((n, sub));
            self.diags.push(
                Diagnostic::new(
                    crate::codes::I051,
                    format!("“{label}”在行首，但不是新的一条：按条号顺序和上下文判断为正文的续行"),
                )
                .at(span_of(self.file, l, label.len()), "作为正文导入")
                .hint(match self.last_no {
                    Some(no) => format!("前一条是{}；这里接着上一行的文字。", article_label(no)),
                    None => "这里接着上一行的文字。".to_string(),
                }),
            );
        }
        !reject
    }

    // ----- divisions -----

    fn division(&mut self, l: &Line, level: Level, number: Option<u32>, title: String, label_len: usize) {
        self.close_article();
        while self.stack.last().is_some_and(|d| d.div.level >= level) {
            self.pop_division();
        }
        let li = level_index(level);
        let mut note = None;
        if let Some(n) = number {
            note = self.check_division_number(l, level, n, label_len);
            self.counters[li] = Some(n);
            if level == Level::Chapter {
                self.last_chapter_overall = Some(n);
            }
        }
        for c in &mut self.counters[li + 1..] {
            *c = None;
        }
        let title = if title.is_empty() {
            self.diags.push(
                Diagnostic::new(crate::codes::I041, format!("{}没有标题", self.label_of(level, number)))
                    .at(span_of(self.file, l, label_len), "标题是空的")
                    .hint("导入时暂用“（无标题）”；请在 YAML 里补上标题。"),
            );
            note.get_or_insert_with(|| format!("没有标题（原稿第 {} 行）", l.no + 1));
            "（无标题）".to_string()
        } else {
            title
        };
        let id = self.division_id(level, number, &title);
        let unnumbered = number.is_none();
        self.stack.push(OpenDiv {
            div: IDivision { level, id, title, unnumbered, body: Vec::new(), note, drafter_note: None },
        });
    }

    fn label_of(&self, level: Level, number: Option<u32>) -> String {
        number.map_or_else(|| level.word().to_string(), |n| format!("第{}{}", to_chinese(n), level.word()))
    }

    /// Report a division number out of sequence; returns the note for the
    /// YAML.
    fn check_division_number(&mut self, l: &Line, level: Level, n: u32, label_len: usize) -> Option<String> {
        let li = level_index(level);
        let word = level.word();
        let prev = self.counters[li];
        let continues = level == Level::Chapter && self.last_chapter_overall.is_some_and(|g| n == g + 1);
        let expected = prev.map_or(1, |p| p + 1);
        if n == expected || (prev.is_none() && continues) {
            return None;
        }
        let label = |k: u32| format!("第{}{word}", to_chinese(k));
        let (msg, note) = match prev {
            Some(p) if n > p + 1 => (
                format!(
                    "{}之后是{}，缺{}",
                    label(p),
                    label(n),
                    if n == p + 2 { label(p + 1) } else { format!("{}至{}", label(p + 1), label(n - 1)) }
                ),
                format!("导入后按顺序编为{}", label(p + 1)),
            ),
            Some(p) if n == p => (format!("{}出现了两次", label(n)), format!("导入后编为{}", label(p + 1))),
            Some(p) => (format!("{}之后是{}，序号倒退", label(p), label(n)), format!("导入后编为{}", label(p + 1))),
            None => (format!("第一个{word}是{}", label(n)), format!("导入后编为{}", label(1))),
        };
        let yaml_note = format!("{msg}（原稿第 {} 行）", l.no + 1);
        self.diags.push(Diagnostic::new(crate::codes::I040, msg).at(span_of(self.file, l, label_len), note));
        Some(yaml_note)
    }

    fn division_id(&self, level: Level, number: Option<u32>, title: &str) -> String {
        let Some(n) = number else {
            return if title == "附则" || title == "附則" {
                "fuze".into()
            } else {
                format!("{}-x", level_prefix(level))
            };
        };
        let parent = self.stack.last().map(|d| d.div.id.clone());
        let part =
            self.stack.iter().find(|d| d.div.level == Level::Part && !d.div.unnumbered).map(|d| d.div.id.clone());
        match level {
            Level::Part => format!("part-{n}"),
            Level::Subpart => match part {
                Some(p) => format!("{p}-sub-{n}"),
                None => format!("sub-{n}"),
            },
            Level::Chapter => match part {
                Some(p) => format!("{p}-ch-{n}"),
                None => format!("ch-{n}"),
            },
            Level::Section => match parent {
                Some(p) => format!("{p}-s{n}"),
                None => format!("sec-{n}"),
            },
        }
    }

    fn pop_division(&mut self) {
        if let Some(d) = self.stack.pop() {
            self.push_node(INode::Division(d.div));
        }
    }

    fn push_node(&mut self, n: INode) {
        match self.stack.last_mut() {
            Some(d) => d.div.body.push(n),
            None => self.out.body.push(n),
        }
    }

    // ----- articles -----

    fn start_article(&mut self, l: &Line, no: (u32, u32), rest: &str, label_len: usize) {
        self.close_article();
        let label = span_of(self.file, l, label_len);
        let note = self.check_article_number(no, label).map(|m| format!("{m}（原稿第 {} 行）", l.no + 1));
        self.last_no = Some(no);
        let id = if no.1 == 0 { format!("art-{}", no.0) } else { format!("art-{}-{}", no.0, no.1) };
        let mut art = IArticle { id, inserted: no.1 > 0, note, ..IArticle::default() };
        let mut pending = None;
        let rest = rest.trim_matches(is_space);
        if is_placeholder(rest) {
            art.repealed = true;
        } else if let Some(inner) = rest.strip_prefix('【')
            && let Some((h, after)) = inner.split_once('】')
        {
            // An empty 【】 is no heading (`heading: ""` would not load).
            art.heading = Some(h.trim_matches(is_space).to_string()).filter(|h| !h.is_empty());
            let after = after.trim_matches(is_space);
            if !after.is_empty() {
                art.paragraphs.push(IBlock::new(after.to_string()));
            }
        } else if heading_like(rest) {
            pending = Some(rest.to_string());
        } else if !rest.is_empty() {
            art.paragraphs.push(IBlock::new(rest.to_string()));
        }
        self.art = Some(OpenArt {
            art,
            no,
            label,
            pending,
            depth: 0,
            last_closed: rest.is_empty() || ends_closed(rest),
            last_len: chars(&l.text),
            last_mid: ends_mid_phrase(rest),
            item_no: None,
            sub_no: None,
            awaiting_text: false,
        });
    }

    /// Report an article number out of sequence; returns the message.
    fn check_article_number(&mut self, no: (u32, u32), at: Span) -> Option<String> {
        let label = article_label(no);
        let d = match self.last_no {
            None if no != (1, 0) => Some(
                Diagnostic::new(crate::codes::I020, format!("第一条缺失：正文从{label}开始"))
                    .at(at, "导入后编为第一条")
                    .hint("如果只导入了章程的一部分，这是正常的；id 保留原来的条号。"),
            ),
            None => None,
            Some(prev) => {
                let (pb, ps) = prev;
                if no.1 > 0 {
                    (no.0 != pb || no.1 != ps + 1).then(|| {
                        Diagnostic::new(
                            crate::codes::I024,
                            format!("{label}跟在{}之后，编号不衔接", article_label(prev)),
                        )
                        .at(at, "作为插入条（inserted）导入")
                    })
                } else if no.0 == pb + 1 {
                    None
                } else if no.0 > pb + 1 {
                    let missing = if no.0 == pb + 2 {
                        article_label((pb + 1, 0))
                    } else {
                        format!("{}至{}", article_label((pb + 1, 0)), article_label((no.0 - 1, 0)))
                    };
                    Some(
                        Diagnostic::new(
                            crate::codes::I020,
                            format!("{}之后是{label}，缺{missing}", article_label(prev)),
                        )
                        .at(at, "条号跳过")
                        .hint("导入后各条按顺序重新编号；id 保留原来的条号。"),
                    )
                } else if no.0 == pb && ps == 0 {
                    None // reported when the article is complete (same or different text)
                } else {
                    Some(
                        Diagnostic::new(crate::codes::I021, format!("{}之后是{label}，条号倒退", article_label(prev)))
                            .at(at, "条号倒退")
                            .hint("导入后各条按出现的顺序编号。"),
                    )
                }
            }
        };
        let msg = d.as_ref().map(|d| d.message.clone());
        if let Some(d) = d {
            self.diags.push(d);
        }
        msg
    }

    fn close_article(&mut self) {
        let Some(mut a) = self.art.take() else { return };
        if let Some(p) = a.pending.take() {
            a.art.paragraphs.insert(0, IBlock::new(p));
        }
        let mut empty = 0;
        for p in &mut a.art.paragraphs {
            prune_empty(&mut p.items, &mut empty);
        }
        a.art.paragraphs.retain(|p| !p.text.is_empty() || !p.items.is_empty());
        if empty > 0 {
            a.art.note.get_or_insert_with(|| format!("原稿有 {empty} 个项或目只有编号、没有内容，已略去"));
            self.diags.push(
                Diagnostic::new(
                    crate::codes::I026,
                    format!("{}有 {empty} 个项或目只有编号、没有内容", article_label(a.no)),
                )
                .at(a.label, "空的项已略去"),
            );
        }
        if a.art.paragraphs.is_empty() && !a.art.repealed {
            self.diags.push(
                Diagnostic::new(crate::codes::I025, format!("{}没有正文", article_label(a.no)))
                    .at(a.label, "按“（删去）”导入")
                    .hint("如果正文丢了，请在 YAML 里补上 text 并去掉 repealed。"),
            );
            a.art.note.get_or_insert_with(|| "原稿此条没有正文，按（删去）导入".to_string());
            a.art.repealed = true;
        }
        let flat = flatten(&a.art);
        let line = self.lines.iter().find(|l| l.start <= a.label.start && a.label.start <= l.end).map_or(0, |l| l.no);
        if let Some((prev, first_line, first_span)) = self.seen.get(&a.no).cloned() {
            let label = article_label(a.no);
            if prev == flat {
                self.diags.push(
                    Diagnostic::new(crate::codes::I022, format!("{label}重复出现，内容相同"))
                        .at(a.label, "重复的一份已略去"),
                );
                return;
            }
            // Both versions are kept (Word's track changes can leave the
            // old and the new one), each marked with the other's line.
            let (l1, l2) = (first_line + 1, line + 1);
            a.art.note.get_or_insert_with(|| format!("原稿{label}出现了两次（第 {l1} 行和第 {l2} 行），这是第二次"));
            let id = a.art.id.clone();
            if let Some(first) = self.find_open_article(&id) {
                first
                    .note
                    .get_or_insert_with(|| format!("原稿{label}出现了两次（第 {l1} 行和第 {l2} 行），这是第一次"));
            }
            self.diags.push(
                Diagnostic::new(
                    crate::codes::I023,
                    format!("{label}出现了两次，内容不同（原稿第 {l1} 行和第 {l2} 行）"),
                )
                .at(a.label, "第二次出现")
                .also(first_span, "第一次出现")
                .hint("两条都已导入，按顺序重新编号；请核对原文（可能是 Word 修订留下的新旧两版），删去多余的一条。"),
            );
        } else {
            self.seen.insert(a.no, (flat, line, a.label));
        }
        self.push_node(INode::Article(a.art));
    }

    /// The last article with this id built so far (in an open division or
    /// at the top level).
    fn find_open_article(&mut self, id: &str) -> Option<&mut IArticle> {
        fn find<'n>(nodes: &'n mut [INode], id: &str) -> Option<&'n mut IArticle> {
            for n in nodes.iter_mut().rev() {
                match n {
                    INode::Article(a) if a.id == id => return Some(a),
                    INode::Article(_) => {}
                    INode::Division(d) => {
                        if let Some(a) = find(&mut d.body, id) {
                            return Some(a);
                        }
                    }
                }
            }
            None
        }
        for d in self.stack.iter_mut().rev() {
            if let Some(a) = find(&mut d.div.body, id) {
                return Some(a);
            }
        }
        find(&mut self.out.body, id)
    }

    // ----- paragraphs, items, sub-items -----

    fn text(&mut self, l: &Line, text: &str) {
        let open = self.prev_open(l);
        let Some(a) = &mut self.art else {
            self.stray(l);
            return;
        };
        if let Some(p) = a.pending.take() {
            if heading_like(&p) && !starts_as_continuation(text) {
                a.art.heading = Some(p);
                a.art.paragraphs.push(IBlock::new(text.to_string()));
            } else {
                let mut t = p;
                join(&mut t, text);
                a.art.paragraphs.push(IBlock::new(t));
            }
            a.depth = 0;
        } else if open && !a.art.paragraphs.is_empty() {
            let target = current_block(&mut a.art.paragraphs, a.depth);
            join(&mut target.text, text);
        } else {
            a.art.paragraphs.push(IBlock::new(text.to_string()));
            a.depth = 0;
            a.item_no = None;
            a.sub_no = None;
        }
        a.last_closed = ends_closed(text);
        a.last_len = chars(&l.text);
        a.last_mid = ends_mid_phrase(text);
        a.awaiting_text = false;
    }

    fn item(&mut self, l: &Line, n: u32, rest: &str, label_len: usize, sub: bool) {
        let open = self.prev_open(l);
        let Some(a) = &self.art else {
            self.stray(l);
            return;
        };
        let has_item = a.art.paragraphs.last().is_some_and(|p| !p.items.is_empty());
        let nested = sub && has_item && a.item_no.is_some();
        let expected = if nested { a.sub_no.map_or(1, |k| k + 1) } else { a.item_no.map_or(1, |k| k + 1) };
        if open && n != expected {
            self.text(l, &l.text);
            return;
        }
        let note = if n != expected {
            let msg = self.item_anomaly(l, n, expected, label_len, nested, sub);
            Some(format!("{msg}（原稿第 {} 行）", l.no + 1))
        } else {
            None
        };
        let Some(a) = &mut self.art else { return };
        if let Some(p) = a.pending.take() {
            a.art.heading = Some(p);
        }
        if a.art.paragraphs.is_empty() {
            a.art.paragraphs.push(IBlock::default());
        }
        let block = IBlock { note, ..IBlock::new(rest) };
        if let Some(p) = a.art.paragraphs.last_mut() {
            if nested {
                if let Some(item) = p.items.last_mut() {
                    item.items.push(block);
                }
                a.sub_no = Some(n);
                a.depth = 2;
            } else {
                p.items.push(block);
                a.item_no = Some(n);
                a.sub_no = None;
                a.depth = 1;
            }
        }
        a.last_closed = ends_closed(rest);
        a.last_len = chars(&l.text);
        a.last_mid = ends_mid_phrase(rest);
        a.awaiting_text = rest.is_empty();
    }

    /// Report an item label out of sequence; returns the message.
    fn item_anomaly(&mut self, l: &Line, n: u32, expected: u32, label_len: usize, nested: bool, sub: bool) -> String {
        let Some(a) = &self.art else { return String::new() };
        let art = article_label(a.no);
        let label = |k: u32| if sub { format!("{k}.") } else { item_label(k) };
        let prev = expected - 1;
        let what = if nested { "目" } else { "项" };
        let at = span_of(self.file, l, label_len);
        let d = if prev == 0 {
            Diagnostic::new(crate::codes::I031, format!("{art}的第一{what}编为{}，应为{}", label(n), label(1)))
                .at(at, format!("导入后编为{}", label(1)))
        } else if n > expected {
            let missing =
                if n == expected + 1 { label(expected) } else { format!("{}至{}", label(expected), label(n - 1)) };
            Diagnostic::new(
                crate::codes::I030,
                format!("{art}的{what}号从{}跳到{}，缺{missing}", label(prev), label(n)),
            )
            .at(at, format!("导入后按顺序编为{}", label(expected)))
            .hint("编号由工具按顺序计算；如果原文确实漏了一项，请在 YAML 里补上。")
        } else {
            Diagnostic::new(crate::codes::I031, format!("{art}的{what}号在{}之后是{}", label(prev), label(n)))
                .at(at, format!("导入后按顺序编为{}", label(expected)))
        };
        let msg = d.message.clone();
        self.diags.push(d);
        msg
    }

    fn stray(&mut self, l: &Line) {
        self.diags.push(
            Diagnostic::new(crate::codes::I050, "这段文字不属于任何条，已略去")
                .at(self.line_span(l), "不在任何条里")
                .hint("章、节标题和第一条之间的文字无法放进章程结构；如有需要，请把它并入某一条。"),
        );
    }

    /// Word comments on lines `range` go to the open article, else to the
    /// division whose heading is the line, else stay loose.
    fn place_comments(&mut self, range: std::ops::Range<usize>) {
        let keys: Vec<usize> = self.comments.range(range).map(|(k, _)| *k).collect();
        for k in keys {
            let Some(texts) = self.comments.remove(&k) else { continue };
            let target = match (&mut self.art, self.stack.last_mut()) {
                (Some(a), _) => Some(&mut a.art.drafter_note),
                (None, Some(d)) if d.div.body.is_empty() => Some(&mut d.div.drafter_note),
                _ => None,
            };
            match target {
                Some(note) => {
                    for t in texts {
                        match note {
                            Some(n) => {
                                n.push('\n');
                                n.push_str(&t);
                            }
                            None => *note = Some(t),
                        }
                    }
                }
                None => self.out.loose_comments.extend(texts),
            }
        }
    }

    fn finish(&mut self) -> Imported {
        // Comments on lines the body did not reach (title, preamble, a
        // trailer) stay loose, in order.
        let rest: Vec<String> = std::mem::take(&mut self.comments).into_values().flatten().collect();
        self.out.loose_comments.splice(0..0, rest);
        self.close_article();
        while !self.stack.is_empty() {
            self.pop_division();
        }
        std::mem::take(&mut self.out)
    }
}

/// Drop items and sub-items without text (a label with nothing after it);
/// an empty item's sub-items move up into its place.
fn prune_empty(items: &mut Vec<IBlock>, count: &mut usize) {
    let mut out = Vec::with_capacity(items.len());
    for mut it in items.drain(..) {
        prune_empty(&mut it.items, count);
        if it.text.is_empty() {
            *count += 1;
            out.extend(it.items);
        } else {
            out.push(it);
        }
    }
    *items = out;
}

fn level_prefix(l: Level) -> &'static str {
    match l {
        Level::Part => "part",
        Level::Subpart => "sub",
        Level::Chapter => "ch",
        Level::Section => "sec",
    }
}

fn next_content(lines: &[Line], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| !matches!(lines[j].kind, Kind::Blank | Kind::PageNumber))
}

/// The block continuation text goes into: the last paragraph, its last
/// item or that item's last sub-item.
fn current_block(paragraphs: &mut [IBlock], depth: u8) -> &mut IBlock {
    let len = paragraphs.len();
    let mut b = &mut paragraphs[len - 1];
    for _ in 0..depth {
        if b.items.is_empty() {
            break;
        }
        let n = b.items.len();
        b = &mut b.items[n - 1];
    }
    b
}

/// "（2020年5月28日…通过）" → the text inside the brackets; an unbalanced
/// closing bracket at the end is dropped too.
fn strip_brackets(s: &str) -> String {
    let t = s.trim_matches(is_space);
    if let Some(inner) = t.strip_prefix(['（', '(']).and_then(|x| x.strip_suffix(['）', ')'])) {
        return inner.trim_matches(is_space).to_string();
    }
    if t.ends_with(['）', ')']) && !super::lines::parens_balanced(t) {
        return t[..t.len() - t.chars().last().map_or(0, char::len_utf8)].trim_matches(is_space).to_string();
    }
    t.to_string()
}

/// "示例章程（草案）" → ("示例章程", Some("草案")).
fn split_status(title: &str) -> (String, Option<String>) {
    const WORDS: [&str; 11] =
        ["草案", "征求意见稿", "送审稿", "讨论稿", "修订稿", "试行", "暂行", "徵求意見稿", "討論稿", "試行", "暫行"];
    let t = heading_title(title);
    if let Some(open) = t.rfind(['（', '('])
        && let Some(s) = status_of(&t[open..])
        && WORDS.iter().any(|w| s.contains(w))
        && open > 0
    {
        return (t[..open].trim_matches(is_space).to_string(), Some(s));
    }
    (t, None)
}

/// Make every id unique: a repeated id gets -b, -c, … in document order.
fn dedupe_ids(body: &mut [INode]) {
    fn walk(nodes: &mut [INode], seen: &mut HashMap<String, u32>) {
        for n in nodes {
            let id = match n {
                INode::Division(d) => &mut d.id,
                INode::Article(a) => &mut a.id,
            };
            let count = seen.entry(id.clone()).or_insert(0);
            *count += 1;
            if *count > 1 {
                let k = *count;
                let suffix = if k <= 26 { ((b'a' + (k - 1) as u8) as char).to_string() } else { format!("z{k}") };
                *id = format!("{id}-{suffix}");
            }
            if let INode::Division(d) = n {
                walk(&mut d.body, seen);
            }
        }
    }
    walk(body, &mut HashMap::new());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;

    fn import(text: &str) -> (Imported, Vec<Diagnostic>) {
        let (lines, _) = split(text, InputFormat::Text);
        let lines = crate::runon::resplit(lines);
        let b = build(&lines, FileId(0), InputFormat::Text, "文件名", &[], &[]);
        (b.charter.unwrap_or_default(), b.diagnostics)
    }

    fn codes(d: &[Diagnostic]) -> Vec<&str> {
        d.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn basic_structure() {
        let (c, d) = import(
            "示例章程\n（草案）\n\n第一章　总　则\n\n第一条　为了规范。\n第二条　本会的性质\n本会是组织。\n第三条　任务如下：\n（一）服务；\n（二）学习。\n第二章　附则\n第四条　本章程自通过之日起施行。\n",
        );
        assert_eq!(c.title, "示例章程");
        assert_eq!(c.status.as_deref(), Some("草案"));
        assert_eq!(c.counts().chapters, 2);
        assert_eq!(c.counts().articles, 4);
        let arts = c.articles();
        assert_eq!(arts[1].heading.as_deref(), Some("本会的性质"));
        assert_eq!(arts[2].paragraphs[0].items.len(), 2);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.divisions()[0].title, "总则");
    }

    #[test]
    fn wrapped_reference_is_not_an_article() {
        let (c, d) = import(
            "法\n第一条　当事人没有约定的，依据本法\n第五百一十条的规定仍不能确定的，适用下列规定。\n第二条　完。\n",
        );
        assert_eq!(c.counts().articles, 2);
        assert_eq!(
            c.articles()[0].paragraphs[0].text,
            "当事人没有约定的，依据本法第五百一十条的规定仍不能确定的，适用下列规定。"
        );
        assert_eq!(codes(&d), ["I051"]);
    }

    #[test]
    fn anomalies_are_reported() {
        let (c, d) = import(
            "章程\n第一条　甲。\n第三条　乙：\n（一）一；\n（二）二；\n（四）四。\n第三条　乙：\n（一）一；\n（二）二；\n（四）四。\n第四条　（删去）\n第四条之一　新增。\n",
        );
        assert_eq!(codes(&d), ["I020", "I030", "I030", "I022"]);
        let arts = c.articles();
        assert_eq!(arts.len(), 4);
        assert!(arts[2].repealed);
        assert!(arts[3].inserted);
        assert_eq!(arts[3].id, "art-4-1");
    }

    #[test]
    fn hard_wraps_join() {
        let (c, _) = import(
            "章程\n第一条　学生会主席团候选人由各分团委推荐，经各党\n\n总支同意，报学院党委确定。\n第二条　本会的宗旨\n（一）坚持以习近平新时代中国特色社会主义思想为指导,\n\n以党的十九大精神为指引。\n",
        );
        let arts = c.articles();
        assert_eq!(arts[0].paragraphs[0].text, "学生会主席团候选人由各分团委推荐，经各党总支同意，报学院党委确定。");
        assert_eq!(arts[1].heading.as_deref(), Some("本会的宗旨"));
        assert_eq!(
            arts[1].paragraphs[0].items[0].text,
            "坚持以习近平新时代中国特色社会主义思想为指导,以党的十九大精神为指引。"
        );
    }

    #[test]
    fn labels_on_their_own_line() {
        let (c, d) =
            import("章程\n第一条\n本会的任务是：\n（一）\n服务同学；\n（二）\n组织学习。\n第二章\n第二条　（）\n");
        let a = c.articles();
        assert_eq!(a[0].paragraphs[0].text, "本会的任务是：");
        let items: Vec<&str> = a[0].paragraphs[0].items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["服务同学；", "组织学习。"]);
        assert_eq!(codes(&d), ["I040", "I041"]);
    }

    #[test]
    fn table_of_contents_is_checked() {
        let (c, d) =
            import("章程\n目录\n第一章 总则\n第二章 会员\n第一章 总则\n第一条 甲。\n第二章 会员们\n第二条 乙。\n");
        assert_eq!(c.counts().chapters, 2);
        assert_eq!(codes(&d), ["I011", "I015"]);
        assert!(d[1].message.contains("会员们"), "{}", d[1].message);
    }

    #[test]
    fn empty_and_no_articles() {
        let (lines, _) = split("\n  \n", InputFormat::Text);
        assert_eq!(codes(&build(&lines, FileId(0), InputFormat::Text, "x", &[], &[]).diagnostics), ["I003"]);
        let (lines, _) = split("通知\n请各部门注意。\n", InputFormat::Text);
        assert_eq!(codes(&build(&lines, FileId(0), InputFormat::Text, "x", &[], &[]).diagnostics), ["I004"]);
    }

    #[test]
    fn ids_are_unique() {
        let (c, _) = import("章程\n第一章 甲\n第一条 甲。\n第一章 乙\n第二条 乙。\n");
        let ids: Vec<&str> = c.divisions().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["ch-1", "ch-1-b"]);
    }

    /// A charter in Traditional script with Arabic article numbers
    /// (tests/fixtures/import/traditional.txt).
    #[test]
    fn traditional_script_and_arabic_numbers() {
        let (c, d) = import(include_str!("../../../tests/fixtures/import/traditional.txt"));
        assert_eq!(c.title, "國立示例大學學生會組織章程");
        assert_eq!(c.history.len(), 3, "{:?}", c.history);
        assert!(c.history[2].starts_with("民國110年"), "{:?}", c.history);
        assert_eq!(c.preamble, ["為保障同學權益，促進校園民主，特制定本章程。"]);
        let divs: Vec<(&str, &str)> = c.divisions().iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();
        assert_eq!(
            divs,
            [("ch-1", "總則"), ("ch-2", "組織"), ("ch-2-s1", "學生代表大會"), ("ch-2-s2", "會長"), ("fuze", "附則")]
        );
        let arts = c.articles();
        let ids: Vec<&str> = arts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["art-1", "art-2", "art-3", "art-4", "art-4-1", "art-5", "art-6", "art-6-b", "art-8"]);
        assert_eq!(arts[0].paragraphs[0].text, "本會定名為國立示例大學學生會（以下簡稱本會）。");
        let items: Vec<&str> = arts[2].paragraphs[0].items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["代表全體學生表達意見。", "辦理學生福利事項。", "其他依法令規定之事項。"]);
        assert!(arts[4].inserted && !arts[4].repealed);
        assert!(arts[5].repealed && arts[5].paragraphs.is_empty());
        // The number used twice: both kept, each marked with both lines.
        assert_eq!(arts[6].paragraphs[0].text, "會長任期一年，連選得連任一次。");
        assert_eq!(arts[7].paragraphs[0].text, "會長任期一年，得連任一次。");
        for (a, which) in [(arts[6], "第一次"), (arts[7], "第二次")] {
            let note = a.note.as_deref().unwrap_or_default();
            assert!(note.contains("第 37 行和第 40 行") && note.contains(which), "{note}");
        }
        assert_eq!(codes(&d), ["I023", "I020"], "{d:#?}");
        assert!(d[0].message.contains("第六条") && d[0].message.contains("37") && d[0].message.contains("40"));
        assert!(d[1].message.contains("缺第七条"), "{}", d[1].message);
    }

    /// Markdown headings in a .txt file, and the title repeated after the
    /// history with a line break inside
    /// (tests/fixtures/import/markdown-in-text.txt).
    #[test]
    fn markdown_headings_in_text_and_repeated_title() {
        let (c, d) = import(include_str!("../../../tests/fixtures/import/markdown-in-text.txt"));
        assert_eq!(c.title, "示例社团章程");
        assert_eq!(c.history, ["2021年3月1日会员大会通过"]);
        assert!(c.preamble.is_empty(), "{:?}", c.preamble);
        let divs: Vec<(&str, &str)> = c.divisions().iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();
        assert_eq!(divs, [("ch-1", "总则"), ("ch-2", "附则")]);
        assert_eq!(c.counts().articles, 3);
        assert!(c.articles().iter().all(|a| a.paragraphs.len() == 1), "{c:#?}");
        assert!(d.is_empty(), "{d:#?}");
    }

    /// The repeat of the title, with a space inside, in Markdown and in text.
    #[test]
    fn repeated_title_is_not_a_preamble() {
        for format in [InputFormat::Markdown, InputFormat::Text] {
            let (lines, _) = split(
                "# 示例学生会章程\n\n（2020年5月1日学生代表大会通过）\n\n示例学生会　章程\n\n本会全体成员共同遵守。\n\n第一条 甲。\n",
                format,
            );
            let c = build(&lines, FileId(0), format, "x", &[], &[]).charter.unwrap_or_default();
            assert_eq!(c.title, "示例学生会章程", "{format:?}");
            assert_eq!(c.preamble, ["本会全体成员共同遵守。"], "{format:?}");
            assert_eq!(c.history.len(), 1, "{format:?}");
        }
    }

    /// Run-on PDF text (tests/fixtures/import/pdf-runon.txt).
    #[test]
    fn run_on_pdf_text() {
        let (c, d) = import(include_str!("../../../tests/fixtures/import/pdf-runon.txt"));
        let divs: Vec<(&str, &str)> = c.divisions().iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();
        assert_eq!(divs, [("ch-1", "总则"), ("ch-2", "会员"), ("fuze", "附则")]);
        let arts = c.articles();
        let ids: Vec<&str> = arts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["art-1", "art-2", "art-3", "art-4", "art-5", "art-6", "art-7"], "{c:#?}");
        assert_eq!(arts[2].paragraphs[0].items.len(), 2);
        assert_eq!(arts[3].paragraphs[0].text, "本会接受业务指导，依照本章程第三条的规定开展工作。");
        assert_eq!(arts[4].paragraphs[0].text, "第三人申请入会的，适用本章程。");
        let items: Vec<&str> = arts[5].paragraphs[0].items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, ["选举权；", "被选举权。"]);
        assert_eq!(arts[5].paragraphs[1].text, "会员退会应当书面通知本会。");
        assert_eq!(codes(&d), ["I012", "I051"], "{d:#?}");
        assert!(d[0].message.contains('3'), "{}", d[0].message);
    }
}
