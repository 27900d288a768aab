//! The printed document: a charter as the decision sees it — titles and
//! article texts as printed (citations resolved), articles in a flat list
//! each with the path of divisions it stands in. `apply` edits this and
//! writes it back as YAML.

use std::fmt::Write;

use charter_core::model::{Block as MBlock, Charter, Level, Node, TermKind};
use charter_core::number::Numbering;
use charter_core::numerals::{item_label, subitem_label, to_chinese};
use charter_core::text::Text;
use charter_core::yaml_text::{
    Comments, comments_at, double_quoted as quoted, escape_markdown, leading_comments, one_line, with_trailing_comment,
    write_comments_above,
};

/// A text as printed, and its YAML source when it is unchanged (so that
/// `[[id]]` citations survive and follow renumbering).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PText {
    pub printed: String,
    pub raw: Option<String>,
    /// Written or edited by an item of a decision: its citations are in the
    /// new numbering already (not renumbered by `apply`).
    pub edited: bool,
    /// Its source in OLD cites by `[[id]]` (kept when the source form is
    /// dropped, so that `apply` can restore the references).
    pub linked: bool,
}

impl PText {
    /// A new text (quoted by a decision).
    pub fn new(printed: impl Into<String>) -> PText {
        PText { printed: printed.into(), raw: None, edited: true, linked: false }
    }
    fn of(t: &Text, numbering: &Numbering, from: Option<&str>) -> PText {
        let printed = t.plain_with(&|r| charter_core::resolve::cite(numbering, r, from)).text.into_owned();
        PText { printed, raw: Some(t.raw.clone()), edited: false, linked: !t.references().is_empty() }
    }
    /// Replace the printed text (the source form is dropped).
    pub fn set(&mut self, s: String) {
        if s != self.printed {
            self.printed = s;
            self.raw = None;
        }
    }
    /// Replace the printed text by an item's edit.
    pub fn edit(&mut self, s: String) {
        self.set(s);
        self.edited = true;
    }
    /// Whether its citations are plain text in the old numbering (not
    /// `[[id]]` references, which follow by themselves, nor an item's text).
    pub fn cites_old_numbers(&self) -> bool {
        !self.edited && !self.raw.as_deref().is_some_and(|r| r.contains("[["))
    }
}

/// A paragraph (款), item (项) or sub-item (目).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Its id in OLD (`- id: …` of a 款 or 项), kept while it survives, so
    /// that `[[id]]` citations of it still resolve.
    pub id: Option<String>,
    pub text: PText,
    pub items: Vec<Block>,
    /// Its comments in OLD's YAML (kept while it survives).
    pub comments: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Art {
    pub id: String,
    pub heading: Option<PText>,
    pub paragraphs: Vec<Block>,
    /// Ids of the enclosing divisions, outermost first.
    pub path: Vec<String>,
    pub repealed: bool,
    /// The drafter's note (`note:`): drafting metadata, kept on a surviving
    /// article, never part of its text.
    pub note: Option<String>,
    /// Its comments in OLD's YAML.
    pub comments: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Div {
    pub id: String,
    pub level: Level,
    pub title: String,
    pub unnumbered: bool,
    /// The drafter's note (`note:`).
    pub note: Option<String>,
    /// Its comments in OLD's YAML.
    pub comments: Comments,
}

#[derive(Clone, Debug, Default)]
pub struct TermOut {
    pub name: String,
    pub short: Vec<String>,
    pub wrong: Vec<String>,
    pub kind: &'static str,
    pub note: Option<String>,
    /// Its comments in OLD's YAML.
    pub comments: Comments,
}

/// The whole printed document.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// The comment lines at the top of OLD's file.
    pub header: Vec<String>,
    pub title: String,
    pub status: Option<String>,
    pub date: Option<String>,
    /// The charter's script (`script:`), kept in the YAML written.
    pub script: charter_core::script::Script,
    pub history: Vec<PText>,
    pub preamble: Vec<Block>,
    pub terms: Vec<TermOut>,
    /// Every division, by id (document order).
    pub divisions: Vec<Div>,
    pub articles: Vec<Art>,
}

fn block_of_items(items: &[MBlock], numbering: &Numbering, from: Option<&str>) -> Vec<Block> {
    items
        .iter()
        .map(|i| Block {
            id: i.id.clone(),
            text: PText::of(&i.text, numbering, from),
            items: block_of_items(&i.items, numbering, from),
            comments: Comments::default(),
        })
        .collect()
}

fn block_of(p: &MBlock, numbering: &Numbering, from: Option<&str>) -> Block {
    Block {
        id: p.id.clone(),
        text: PText::of(&p.text, numbering, from),
        items: block_of_items(&p.items, numbering, from),
        comments: Comments::default(),
    }
}

impl Doc {
    pub fn from_charter(c: &Charter, numbering: &Numbering) -> Doc {
        let mut d = Doc {
            title: c.meta.title.clone(),
            status: c.meta.status.clone(),
            date: c.meta.date.clone(),
            script: c.meta.script,
            history: c.meta.history.iter().map(|t| PText::of(t, numbering, None)).collect(),
            preamble: c.meta.preamble.iter().map(|p| block_of(p, numbering, None)).collect(),
            terms: c
                .terms
                .iter()
                .map(|t| TermOut {
                    name: t.name.text.clone(),
                    short: t.short.iter().map(|n| n.text.clone()).collect(),
                    wrong: t.wrong.iter().map(|n| n.text.clone()).collect(),
                    kind: match t.kind {
                        TermKind::Body => "body",
                        TermKind::Role => "role",
                        TermKind::Outside => "outside",
                        TermKind::Document => "document",
                    },
                    note: t.note.clone(),
                    comments: Comments::default(),
                })
                .collect(),
            ..Doc::default()
        };
        fn walk(nodes: &[Node], path: &mut Vec<String>, numbering: &Numbering, d: &mut Doc) {
            for n in nodes {
                match n {
                    Node::Division(v) => {
                        d.divisions.push(Div {
                            id: v.id.clone(),
                            level: v.level,
                            title: v.title.clone(),
                            unnumbered: v.unnumbered,
                            note: v.note.as_ref().map(|n| n.text.clone()),
                            comments: Comments::default(),
                        });
                        path.push(v.id.clone());
                        walk(&v.body, path, numbering, d);
                        path.pop();
                    }
                    Node::Article(a) => {
                        let from = Some(a.id.as_str());
                        d.articles.push(Art {
                            id: a.id.clone(),
                            heading: a.heading.as_ref().map(|h| PText::of(h, numbering, from)),
                            paragraphs: a.paragraphs.iter().map(|p| block_of(p, numbering, from)).collect(),
                            path: path.clone(),
                            repealed: a.repealed,
                            note: a.note.as_ref().map(|n| n.text.clone()),
                            comments: Comments::default(),
                        })
                    }
                }
            }
        }
        walk(&c.body, &mut Vec::new(), numbering, &mut d);
        d
    }

    /// The comments of `c`'s YAML source `src` on this document's nodes
    /// (built from `c` by [`Doc::from_charter`]): the file's leading
    /// comments, and those above or ending the first line of every
    /// division, article and 款/项/目.
    pub fn with_comments(mut self, c: &Charter, src: &str) -> Doc {
        self.header = leading_comments(src);
        for (t, m) in self.terms.iter_mut().zip(&c.terms) {
            t.comments = comments_at(src, m.name.span.start);
        }
        let line = |off: usize| src[..off.min(src.len())].rfind('\n').map_or(0, |p| p + 1);
        fn blocks(bs: &mut [Block], ms: &[MBlock], src: &str, skip_line: Option<usize>) {
            for (b, m) in bs.iter_mut().zip(ms) {
                let off = m.id_span.map_or(m.text.span.start, |s| s.start);
                let l = src[..off.min(src.len())].rfind('\n').map_or(0, |p| p + 1);
                if Some(l) != skip_line {
                    b.comments = comments_at(src, off);
                }
                blocks(&mut b.items, &m.items, src, None);
            }
        }
        let mut arts = self.articles.iter_mut();
        let mut divs = self.divisions.iter_mut();
        fn walk<'a>(
            nodes: &[Node],
            src: &str,
            arts: &mut impl Iterator<Item = &'a mut Art>,
            divs: &mut impl Iterator<Item = &'a mut Div>,
            line: &dyn Fn(usize) -> usize,
        ) {
            for n in nodes {
                match n {
                    Node::Division(v) => {
                        if let Some(d) = divs.next() {
                            d.comments = comments_at(src, v.span.start);
                        }
                        walk(&v.body, src, arts, divs, line);
                    }
                    Node::Article(a) => {
                        if let Some(x) = arts.next() {
                            x.comments = comments_at(src, a.span.start);
                            // A paragraph on the article's first line is the article's.
                            blocks(&mut x.paragraphs, &a.paragraphs, src, Some(line(a.span.start)));
                        }
                    }
                }
            }
        }
        walk(&c.body, src, &mut arts, &mut divs, &line);
        self
    }

    pub fn division(&self, id: &str) -> Option<&Div> {
        self.divisions.iter().find(|d| d.id == id)
    }

    /// Labels of the divisions in document order (第四章, 第四章第一节), as
    /// numbered from the articles' paths: (id, label).
    pub fn division_labels(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut counters: Vec<(String, u32)> = Vec::new(); // (parent key + level) → count
        let mut seen = std::collections::HashSet::new();
        for a in &self.articles {
            for (k, id) in a.path.iter().enumerate() {
                if !seen.insert(id.clone()) {
                    continue;
                }
                let Some(div) = self.division(id) else { continue };
                let parent = if k == 0 { String::new() } else { a.path[k - 1].clone() };
                let key = format!("{parent}/{}", div.level.key());
                let label = if div.unnumbered {
                    String::new()
                } else {
                    let n = match counters.iter_mut().find(|(k2, _)| *k2 == key) {
                        Some((_, n)) => {
                            *n += 1;
                            *n
                        }
                        None => {
                            counters.push((key, 1));
                            1
                        }
                    };
                    // Sections restart in every chapter; chapters run through the document.
                    format!("第{}{}", to_chinese(n), div.level.word())
                };
                let full = match (k, div.level) {
                    (k, Level::Section) if k > 0 => {
                        let outer =
                            out.iter().find(|(i, _)| *i == a.path[k - 1]).map(|(_, l)| l.clone()).unwrap_or_default();
                        format!("{outer}{label}")
                    }
                    _ => label,
                };
                out.push((id.clone(), full));
            }
        }
        out
    }

    /// The document as plain text for comparison: divisions and articles
    /// in order with labels and printed texts.
    pub fn printed(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{}", self.title);
        let labels = self.division_labels();
        let mut open: Vec<String> = Vec::new();
        for (k, a) in self.articles.iter().enumerate() {
            let common = open.iter().zip(&a.path).take_while(|(x, y)| x == y).count();
            open.truncate(common);
            for id in &a.path[common..] {
                let l = labels.iter().find(|(i, _)| i == id).map(|(_, l)| l.as_str()).unwrap_or("");
                let t = self.division(id).map(|d| d.title.as_str()).unwrap_or("");
                let _ = writeln!(s, "{l} {t}");
                open.push(id.clone());
            }
            let _ = write!(s, "第{}条", to_chinese(k as u32 + 1));
            if let Some(h) = &a.heading {
                let _ = write!(s, "【{}】", h.printed);
            }
            if a.repealed {
                s.push_str("（删去）");
            }
            s.push('\n');
            for p in &a.paragraphs {
                print_block(&mut s, p, "", 0);
            }
        }
        s
    }
}

fn print_block(s: &mut String, b: &Block, label: &str, depth: usize) {
    let _ = writeln!(s, "{}{label}{}", "  ".repeat(depth), b.text.printed);
    for (i, it) in b.items.iter().enumerate() {
        let l = if depth == 0 { item_label(i as u32 + 1) } else { subitem_label(i as u32 + 1) };
        print_block(s, it, &l, depth + 1);
    }
}

// ---------------------------------------------------------------- YAML

/// The source form of a text: its YAML source when unchanged, else the
/// printed text escaped.
fn source(t: &PText) -> String {
    match &t.raw {
        Some(r) => one_line(r),
        None => escape_markdown(&one_line(&t.printed)),
    }
}

impl Doc {
    /// The YAML of this document (written by hand, like `charter import`).
    pub fn to_yaml(&self, header: &str) -> String {
        let mut s = String::with_capacity(self.articles.len() * 200 + 1024);
        for l in &self.header {
            let _ = writeln!(s, "{l}");
        }
        for l in header.lines() {
            let _ = writeln!(s, "# {l}");
        }
        let _ = writeln!(s, "title: {}", quoted(&self.title));
        if let Some(st) = &self.status {
            let _ = writeln!(s, "status: {}", quoted(st));
        }
        if let Some(d) = &self.date {
            let _ = writeln!(s, "date: {d}");
        }
        if self.script.is_traditional() {
            let _ = writeln!(s, "script: {}", self.script.name());
        }
        if !self.history.is_empty() {
            s.push_str("history:\n");
            for h in &self.history {
                let _ = writeln!(s, "  - {}", quoted(&source(h)));
            }
        }
        if !self.preamble.is_empty() {
            s.push_str("preamble:\n");
            for p in &self.preamble {
                block(&mut s, p, 2);
            }
        }
        if !self.terms.is_empty() {
            s.push_str("terms:\n");
            for t in &self.terms {
                write_comments_above(&mut s, &t.comments, "  ");
                let _ =
                    writeln!(s, "{}", with_trailing_comment(&format!("  - name: {}", quoted(&t.name)), &t.comments));
                let list = |v: &[String]| v.iter().map(|x| quoted(x)).collect::<Vec<_>>().join(", ");
                if !t.short.is_empty() {
                    let _ = writeln!(s, "    short: [{}]", list(&t.short));
                }
                if !t.wrong.is_empty() {
                    let _ = writeln!(s, "    wrong: [{}]", list(&t.wrong));
                }
                let _ = writeln!(s, "    kind: {}", t.kind);
                if let Some(n) = &t.note {
                    let _ = writeln!(s, "    note: {}", quoted(n));
                }
            }
        }
        s.push_str("body:\n");
        // Open divisions as the articles' paths require.
        let mut open: Vec<String> = Vec::new();
        for a in &self.articles {
            let common = open.iter().zip(&a.path).take_while(|(x, y)| x == y).count();
            open.truncate(common);
            for id in &a.path[common..] {
                let pad = " ".repeat(2 + 4 * open.len());
                let none = Comments::default();
                let (level, title, unnumbered, note, comments) = match self.division(id) {
                    Some(d) => (d.level, d.title.as_str(), d.unnumbered, d.note.as_deref(), &d.comments),
                    None => (Level::Chapter, "", false, None, &none),
                };
                write_comments_above(&mut s, comments, &pad);
                let first = format!("{pad}- {}: {}", level.key(), quoted(title));
                let _ = writeln!(s, "{}", with_trailing_comment(&first, comments));
                let _ = writeln!(s, "{pad}  id: {id}");
                if unnumbered {
                    let _ = writeln!(s, "{pad}  unnumbered: true");
                }
                if let Some(n) = note {
                    let _ = writeln!(s, "{pad}  note: {}", quoted(n));
                }
                let _ = writeln!(s, "{pad}  body:");
                open.push(id.clone());
            }
            article(&mut s, a, 2 + 4 * open.len());
        }
        if self.articles.is_empty() {
            s.push_str("  []\n");
        }
        s
    }
}

fn article(s: &mut String, a: &Art, indent: usize) {
    let pad = " ".repeat(indent);
    write_comments_above(s, &a.comments, &pad);
    let _ = writeln!(s, "{}", with_trailing_comment(&format!("{pad}- id: {}", a.id), &a.comments));
    if let Some(n) = &a.note {
        let _ = writeln!(s, "{pad}  note: {}", quoted(n));
    }
    if let Some(h) = &a.heading {
        let _ = writeln!(s, "{pad}  heading: {}", quoted(&source(h)));
    }
    if a.repealed {
        let _ = writeln!(s, "{pad}  repealed: true");
        return;
    }
    match a.paragraphs.as_slice() {
        [] => {}
        [p] if p.id.is_none() => {
            if !p.text.printed.is_empty() {
                write_comments_above(s, &p.comments, &format!("{pad}  "));
                let line = format!("{pad}  text: {}", quoted(&source(&p.text)));
                let _ = writeln!(s, "{}", with_trailing_comment(&line, &p.comments));
            }
            items(s, &p.items, indent + 2);
        }
        ps => {
            let _ = writeln!(s, "{pad}  paragraphs:");
            for p in ps {
                block(s, p, indent + 4);
            }
        }
    }
}

fn items(s: &mut String, list: &[Block], indent: usize) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "{}items:", " ".repeat(indent));
    for i in list {
        block(s, i, indent + 2);
    }
}

fn block(s: &mut String, b: &Block, indent: usize) {
    let pad = " ".repeat(indent);
    write_comments_above(s, &b.comments, &pad);
    if let Some(id) = &b.id {
        let line = format!("{pad}- id: {id}");
        let _ = writeln!(s, "{}", with_trailing_comment(&line, &b.comments));
        if !b.text.printed.is_empty() || b.items.is_empty() {
            let _ = writeln!(s, "{pad}  text: {}", quoted(&source(&b.text)));
        }
        items(s, &b.items, indent + 2);
        return;
    }
    if b.text.printed.is_empty() && !b.items.is_empty() {
        let _ = writeln!(s, "{pad}- items:");
        for i in &b.items {
            block(s, i, indent + 4);
        }
        return;
    }
    let line = format!("{pad}- text: {}", quoted(&source(&b.text)));
    let _ = writeln!(s, "{}", with_trailing_comment(&line, &b.comments));
    items(s, &b.items, indent + 2);
}
