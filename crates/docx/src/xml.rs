//! The document as paragraphs of runs, each possibly a tracked revision,
//! and its WordprocessingML.

/// A tracked revision kind (or none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rev {
    None,
    Ins,
    Del,
    MoveFrom,
    MoveTo,
}

impl Rev {
    fn tag(self) -> Option<&'static str> {
        match self {
            Rev::None => None,
            Rev::Ins => Some("w:ins"),
            Rev::Del => Some("w:del"),
            Rev::MoveFrom => Some("w:moveFrom"),
            Rev::MoveTo => Some("w:moveTo"),
        }
    }
    /// Text gone when the revision is accepted.
    fn is_removal(self) -> bool {
        matches!(self, Rev::Del | Rev::MoveFrom)
    }
}

/// A character style, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Char {
    Plain,
    /// The article number (条号), 黑体.
    Number,
    Strong,
    Emph,
    /// Text added, in the 修改对照表 (黑体, underlined): a mark, not a
    /// tracked revision.
    Inserted,
    /// Text added to an article heading, in the 修改对照表 (also on grey).
    InsertedHeading,
    /// Text removed, in the 修改对照表 (struck through).
    Deleted,
    /// A remark in a cell: （条文内容未修改）, ……
    Muted,
    /// 【修改理由待补充】 in the 修改说明 (red 黑体).
    Placeholder,
}

impl Char {
    /// The character style's id in `styles.xml`, if any.
    pub fn style_id(self) -> Option<&'static str> {
        match self {
            Char::Plain => None,
            Char::Number => Some("ArticleNumber"),
            Char::Strong => Some("Strong"),
            Char::Emph => Some("Emphasis"),
            Char::Inserted => Some("Inserted"),
            Char::InsertedHeading => Some("InsertedHeading"),
            Char::Deleted => Some("Deleted"),
            Char::Muted => Some("Muted"),
            Char::Placeholder => Some("Placeholder"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Run {
    pub text: String,
    pub style: Char,
    pub rev: Rev,
}

#[derive(Clone, Debug)]
pub struct Para {
    pub style: &'static str,
    pub runs: Vec<Run>,
    /// The paragraph mark's revision: an inserted or deleted paragraph.
    pub mark: Rev,
    /// Opens (Some(name)) or closes a move range around this paragraph.
    pub move_start: Option<(Rev, u32)>,
    pub move_end: Option<(Rev, u32)>,
    /// Comments (by index into the document's notes) whose range opens
    /// before this paragraph's text, and those that close after it.
    pub comments_start: Vec<u32>,
    pub comments_end: Vec<u32>,
    /// A bookmark `_Toc<n>` around the paragraph's text (the packet's
    /// headings, which its contents refer to).
    pub bookmark: Option<u32>,
    /// A '\n' in the text is a line break (`w:br`), not a space: a long
    /// title broken where the PDF breaks it.
    pub line_breaks: bool,
}

impl Para {
    pub fn new(style: &'static str) -> Para {
        Para {
            style,
            runs: Vec::new(),
            mark: Rev::None,
            move_start: None,
            move_end: None,
            comments_start: Vec::new(),
            comments_end: Vec::new(),
            bookmark: None,
            line_breaks: false,
        }
    }
    pub fn push(&mut self, text: &str, style: Char, rev: Rev) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && last.style == style
            && last.rev == rev
        {
            last.text.push_str(text);
            return;
        }
        self.runs.push(Run { text: text.to_string(), style, rev });
    }
    /// The whole paragraph as one revision (an inserted, deleted or moved
    /// paragraph, its mark included).
    pub fn all(mut self, rev: Rev) -> Para {
        for r in &mut self.runs {
            r.rev = rev;
        }
        self.mark = rev;
        self
    }
    /// The text with revisions accepted or rejected (for tests and checks).
    pub fn text(&self, accept: bool) -> String {
        self.runs
            .iter()
            .filter(|r| r.rev == Rev::None || r.rev.is_removal() != accept)
            .map(|r| r.text.as_str())
            .collect()
    }
}

/// Escape text for XML content or attributes; characters XML 1.0 cannot
/// hold become U+FFFD.
pub fn esc(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Who and when, for every revision.
#[derive(Debug)]
pub struct Stamp {
    pub author: String,
    /// `YYYY-MM-DD`, or none (then revisions carry no date).
    pub date: Option<String>,
}

/// A comment over `paras` (the first to the last) saying `note`, added to
/// the document's `notes`.
pub fn annotate(paras: &mut [Para], note: &str, notes: &mut Vec<String>) {
    if paras.is_empty() {
        return;
    }
    let id = notes.len() as u32;
    notes.push(note.to_string());
    if let Some(p) = paras.first_mut() {
        p.comments_start.push(id);
    }
    if let Some(p) = paras.last_mut() {
        p.comments_end.push(id);
    }
}

/// `word/comments.xml`: one comment per note, by `stamp`, each line of a
/// note a paragraph.
pub fn comments(notes: &[String], stamp: &Stamp) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    for (id, note) in notes.iter().enumerate() {
        s.push_str(&format!("<w:comment w:id=\"{id}\" w:author=\""));
        esc(&stamp.author, &mut s);
        s.push('"');
        if let Some(d) = &stamp.date {
            s.push_str(" w:date=\"");
            esc(d, &mut s);
            s.push_str("T00:00:00Z\"");
        }
        s.push_str(" w:initials=\"");
        esc(&stamp.author.chars().take(2).collect::<String>(), &mut s);
        s.push_str("\">");
        for line in note.lines() {
            s.push_str("<w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">");
            esc(line, &mut s);
            s.push_str("</w:t></w:r></w:p>");
        }
        s.push_str("</w:comment>");
    }
    s.push_str("</w:comments>");
    s
}

/// Writes paragraphs as `w:p` elements, numbering revisions from 1.
#[derive(Debug)]
pub struct Writer<'a> {
    pub out: String,
    next_id: u32,
    stamp: &'a Stamp,
    /// Open move ranges: (kind, name) → the id of their start.
    ranges: Vec<((Rev, u32), u32)>,
}

impl<'a> Writer<'a> {
    pub fn new(stamp: &'a Stamp) -> Self {
        Writer { out: String::new(), next_id: 1, stamp, ranges: Vec::new() }
    }

    fn attrs(&mut self) -> String {
        let id = self.next_id;
        self.next_id += 1;
        let mut s = format!(" w:id=\"{id}\" w:author=\"");
        esc(&self.stamp.author, &mut s);
        s.push('"');
        if let Some(d) = &self.stamp.date {
            s.push_str(" w:date=\"");
            esc(d, &mut s);
            s.push_str("T00:00:00Z\"");
        }
        s
    }

    pub fn para(&mut self, p: &Para) {
        self.out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
        self.out.push_str(p.style);
        self.out.push('"');
        self.out.push_str("/>");
        if let Some(tag) = p.mark.tag() {
            let a = self.attrs();
            self.out.push_str(&format!("<w:rPr><{tag}{a}/></w:rPr>"));
        }
        self.out.push_str("</w:pPr>");
        if let Some((rev, name)) = p.move_start {
            let tag = if rev == Rev::MoveFrom { "w:moveFromRangeStart" } else { "w:moveToRangeStart" };
            self.ranges.push(((rev, name), self.next_id));
            let a = self.attrs();
            self.out.push_str(&format!("<{tag}{a} w:name=\"move{name}\"/>"));
        }
        if let Some(b) = p.bookmark {
            self.out.push_str(&format!("<w:bookmarkStart w:id=\"{b}\" w:name=\"_Toc{b}\"/>"));
        }
        for c in &p.comments_start {
            self.out.push_str(&format!("<w:commentRangeStart w:id=\"{c}\"/>"));
        }
        for r in &p.runs {
            let tag = r.rev.tag();
            if let Some(tag) = tag {
                let a = self.attrs();
                self.out.push_str(&format!("<{tag}{a}>"));
            }
            self.out.push_str("<w:r>");
            if let Some(s) = r.style.style_id() {
                self.out.push_str(&format!("<w:rPr><w:rStyle w:val=\"{s}\"/></w:rPr>"));
            }
            let t = if r.rev == Rev::Del { "w:delText" } else { "w:t" };
            self.out.push_str(&format!("<{t} xml:space=\"preserve\">"));
            if p.line_breaks {
                for (i, piece) in r.text.split('\n').enumerate() {
                    if i > 0 {
                        self.out.push_str(&format!("</{t}><w:br/><{t} xml:space=\"preserve\">"));
                    }
                    esc(piece, &mut self.out);
                }
            } else {
                esc(&r.text, &mut self.out);
            }
            self.out.push_str(&format!("</{t}>"));
            self.out.push_str("</w:r>");
            if let Some(tag) = tag {
                self.out.push_str(&format!("</{tag}>"));
            }
        }
        for c in &p.comments_end {
            self.out.push_str(&format!(
                "<w:commentRangeEnd w:id=\"{c}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{c}\"/></w:r>"
            ));
        }
        if let Some(b) = p.bookmark {
            self.out.push_str(&format!("<w:bookmarkEnd w:id=\"{b}\"/>"));
        }
        if let Some(key) = p.move_end {
            let tag = if key.0 == Rev::MoveFrom { "w:moveFromRangeEnd" } else { "w:moveToRangeEnd" };
            let id = self.ranges.iter().find(|(k, _)| *k == key).map_or(0, |(_, id)| *id);
            self.out.push_str(&format!("<{tag} w:id=\"{id}\"/>"));
        }
        self.out.push_str("</w:p>");
    }
}
