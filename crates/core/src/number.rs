//! Numbering by Chinese drafting convention, and citation text.
//!
//! 编 are numbered through the document; 分编 and 章 restart in every 编
//! (as in the Civil Code); 节 restart in every 章; 条 run through the whole
//! document; an `inserted` article is 第X条之一 after its predecessor.
//! Paragraphs (款) are counted but not printed; items (项) print as （一）,
//! sub-items (目) as 1.

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Article, Block, Charter, Division, Level};
use crate::numerals::to_chinese;
use crate::script::Script;
use crate::source::Span;
use crate::walk::{self, BlockAt, BlockLevel, Flow, Visitor};

/// The number of an article: 第{base}条之{sub} (sub 0: no 之).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ArticleNo {
    pub base: u32,
    pub sub: u32,
}

impl ArticleNo {
    /// 第二十一条, 第五条之一.
    pub fn label(self) -> String {
        if self.sub == 0 {
            format!("第{}条", to_chinese(self.base))
        } else {
            format!("第{}条之{}", to_chinese(self.base), to_chinese(self.sub))
        }
    }
}

/// What an id denotes, with its computed numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Division {
        level: Level,
        /// None for an unnumbered division.
        number: Option<u32>,
        /// Labels of the enclosing numbered divisions, outermost first
        /// (第二编, 第三章), used to cite a chapter or section fully.
        parents: Vec<String>,
        title: String,
    },
    Article {
        no: ArticleNo,
        paragraphs: usize,
        repealed: bool,
    },
    /// `paragraph`, `item`, `sub` are 1-based; 0 means "not this deep".
    Part {
        article: String,
        no: ArticleNo,
        paragraphs: usize,
        paragraph: u32,
        item: u32,
        sub: u32,
    },
}

impl Target {
    /// The position in document order (articles and their parts), for
    /// checking that a range runs forwards.
    fn order(&self) -> Option<(ArticleNo, u32, u32, u32)> {
        match self {
            Target::Article { no, .. } => Some((*no, 0, 0, 0)),
            Target::Part { no, paragraph, item, sub, .. } => Some((*no, *paragraph, *item, *sub)),
            Target::Division { .. } => None,
        }
    }
}

/// Counts of a document's structure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub parts: usize,
    pub subparts: usize,
    pub chapters: usize,
    pub sections: usize,
    pub articles: usize,
    pub repealed: usize,
    pub paragraphs: usize,
    pub items: usize,
    pub subitems: usize,
}

/// The numbers of every id in a charter.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    pub targets: FxHashMap<String, Target>,
    /// Article numbers in document order, with ids.
    pub articles: Vec<(String, ArticleNo)>,
    pub counts: Counts,
    /// The charter's script: labels and citations are written in it
    /// (第一条 or 第一條).
    pub script: Script,
}

impl Numbering {
    /// An article's label in the charter's script: 第五条之一 / 第五條之一.
    pub fn article_label(&self, no: ArticleNo) -> String {
        self.script.words(&no.label()).into_owned()
    }

    pub fn article(&self, id: &str) -> Option<ArticleNo> {
        match self.targets.get(id) {
            Some(Target::Article { no, .. }) => Some(*no),
            _ => None,
        }
    }

    /// The label of a division: 第一章 (empty for an unnumbered one).
    pub fn division_label(&self, d: &Division) -> String {
        match self.targets.get(&d.id) {
            Some(Target::Division { number: Some(n), level, .. }) => {
                self.script.words(&format!("第{}{}", to_chinese(*n), level.word())).into_owned()
            }
            _ => String::new(),
        }
    }

    /// Cite one id as seen from the article `from`. None when unknown.
    pub fn cite_one(&self, id: &str, from: Option<&str>) -> Option<String> {
        if let Some(Target::Division { number: None, title, .. }) = self.targets.get(id) {
            return Some(title.clone());
        }
        let cite = self.cite_simplified(id, from)?;
        Some(match self.script.words(&cite) {
            std::borrow::Cow::Borrowed(_) => cite,
            std::borrow::Cow::Owned(t) => t,
        })
    }

    /// [`Numbering::cite_one`] in the tool's own (Simplified) words.
    fn cite_simplified(&self, id: &str, from: Option<&str>) -> Option<String> {
        Some(match self.targets.get(id)? {
            Target::Division { level, number, parents, title } => match number {
                Some(n) => {
                    let mut s = parents.concat();
                    s.push_str(&format!("第{}{}", to_chinese(*n), level.word()));
                    s
                }
                None => title.clone(),
            },
            Target::Article { no, .. } if from == Some(id) => {
                let _ = no;
                "本条".to_string()
            }
            Target::Article { no, .. } => no.label(),
            Target::Part { article, no, paragraphs, paragraph, item, sub } => {
                let mut s = if from == Some(article.as_str()) { "本条".to_string() } else { no.label() };
                if *paragraphs > 1 || *item == 0 {
                    s.push_str(&format!("第{}款", to_chinese(*paragraph)));
                }
                if *item > 0 {
                    s.push_str(&format!("第{}项", to_chinese(*item)));
                }
                if *sub > 0 {
                    s.push_str(&format!("第{}目", to_chinese(*sub)));
                }
                // A paragraph of a one-paragraph article is the article.
                if *paragraphs <= 1 && *item == 0 {
                    return Some(if from == Some(article.as_str()) { "本条".to_string() } else { no.label() });
                }
                s
            }
        })
    }

    /// Cite a list: 第一条、第三条和第五条.
    pub fn cite_list(&self, ids: &[&str], from: Option<&str>) -> Option<String> {
        let parts: Vec<String> = ids.iter().map(|i| self.cite_one(i, from)).collect::<Option<_>>()?;
        Some(match parts.len() {
            0 => String::new(),
            1 => parts[0].clone(),
            n => format!("{}和{}", parts[..n - 1].join("、"), parts[n - 1]),
        })
    }

    /// Cite a range: 第十条至第十五条. The second end drops the leading
    /// parts it shares with the first: 第二十条第一项至第三项.
    pub fn cite_range(&self, a: &str, b: &str, from: Option<&str>) -> Option<String> {
        let first = self.cite_one(a, from)?;
        let second = self.cite_one(b, from)?;
        let fa = segments(&first);
        let sb = segments(&second);
        let shared = fa.iter().zip(&sb).take_while(|(x, y)| x == y).count().min(sb.len().saturating_sub(1));
        Some(format!("{first}至{}", sb[shared..].concat()))
    }

    /// Is `a..b` a forward range of the same kind?
    pub fn range_ok(&self, a: &str, b: &str) -> Result<(), &'static str> {
        let (Some(ta), Some(tb)) = (self.targets.get(a), self.targets.get(b)) else {
            return Ok(());
        };
        match (ta, tb) {
            (Target::Division { level: la, .. }, Target::Division { level: lb, .. }) => {
                if la != lb {
                    return Err("范围两端的层级不同");
                }
                Ok(())
            }
            (Target::Division { .. }, _) | (_, Target::Division { .. }) => Err("范围两端一个是章节、一个是条款"),
            _ => match (ta.order(), tb.order()) {
                (Some(x), Some(y)) if x >= y => Err("范围的起点不在终点之前"),
                _ => Ok(()),
            },
        }
    }
}

/// Split a citation into its parts: 第二条|第二款|第三项.
fn segments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '编' | '章' | '节' | '条' | '款' | '项' | '目' | '編' | '節' | '條' | '項') {
            let end = i + c.len_utf8();
            out.push(&s[start..end]);
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Number a charter. Diagnostics: an `inserted` article with nothing before
/// it.
pub fn number(charter: &Charter, diags: &mut Vec<Diagnostic>) -> Numbering {
    let mut st = State::default();
    st.n.script = charter.meta.script;
    walk::walk_nodes(&charter.body, &mut st);
    diags.append(&mut st.diags);
    st.n
}

#[derive(Default)]
struct State {
    n: Numbering,
    diags: Vec<Diagnostic>,
    part: u32,
    /// Counters that restart: 分编 and 章 in a 编, 节 in a 章.
    subpart: u32,
    chapter: u32,
    section: u32,
    article: ArticleNo,
    /// For each open division, the citation prefix of what it contains
    /// (第一编第二章); the body's is empty.
    cites: Vec<Vec<String>>,
    /// The article whose blocks are being visited: its number and its
    /// number of paragraphs.
    current: (ArticleNo, usize),
}

impl<'a> Visitor<'a> for State {
    fn division(&mut self, d: &'a Division, _: &[&'a Division]) -> Flow {
        let counter = match d.level {
            Level::Part => {
                self.n.counts.parts += 1;
                self.subpart = 0;
                self.chapter = 0;
                &mut self.part
            }
            Level::Subpart => {
                self.n.counts.subparts += 1;
                &mut self.subpart
            }
            Level::Chapter => {
                self.n.counts.chapters += 1;
                self.section = 0;
                &mut self.chapter
            }
            Level::Section => {
                self.n.counts.sections += 1;
                &mut self.section
            }
        };
        let number = if d.unnumbered {
            None
        } else {
            *counter += 1;
            Some(*counter)
        };
        let parents = self.cites.last().cloned().unwrap_or_default();
        // A chapter is cited with its 编, a section with its 章; 分编 are
        // not part of a chapter's citation (chapters restart per 编).
        let mut inner = parents.clone();
        self.n
            .targets
            .insert(d.id.clone(), Target::Division { level: d.level, number, parents, title: d.title.clone() });
        if let Some(n) = number
            && d.level != Level::Subpart
        {
            inner.push(format!("第{}{}", to_chinese(n), d.level.word()));
        }
        if d.level == Level::Part || d.level == Level::Chapter {
            inner.retain(|p| !p.ends_with("节"));
        }
        self.cites.push(inner);
        Flow::Descend
    }

    fn leave_division(&mut self, _: &'a Division, _: &[&'a Division]) {
        self.cites.pop();
    }

    fn article(&mut self, a: &'a Article, _: &[&'a Division]) {
        self.n.counts.articles += 1;
        if a.repealed {
            self.n.counts.repealed += 1;
        }
        if a.inserted && self.article.base > 0 {
            self.article.sub += 1;
        } else {
            if a.inserted {
                self.diags.push(
                    Diagnostic::new(crate::load::codes::Y032, "第一条不能是插入条（inserted）")
                        .at(a.id_span, "前面没有可以跟随的条")
                        .hint("“第X条之一”跟在第X条后面；请删去 inserted。"),
                );
            }
            self.article = ArticleNo { base: self.article.base + 1, sub: 0 };
        }
        let no = self.article;
        self.n.articles.push((a.id.clone(), no));
        let paragraphs = a.paragraphs.len();
        self.current = (no, paragraphs);
        self.n.targets.insert(a.id.clone(), Target::Article { no, paragraphs, repealed: a.repealed });
    }

    fn block(&mut self, b: &'a Block, at: BlockAt<'a>) {
        let Some(a) = at.article else { return };
        match at.level {
            BlockLevel::Paragraph => self.n.counts.paragraphs += 1,
            BlockLevel::Item => self.n.counts.items += 1,
            BlockLevel::SubItem => self.n.counts.subitems += 1,
        }
        if let Some(id) = &b.id {
            let (no, paragraphs) = self.current;
            let [paragraph, item, sub] = at.path;
            self.n
                .targets
                .insert(id.clone(), Target::Part { article: a.id.clone(), no, paragraphs, paragraph, item, sub });
        }
    }
}

/// The span of an id anywhere in the charter, for messages.
pub fn id_span(charter: &Charter, id: &str) -> Option<Span> {
    for d in charter.divisions() {
        if d.id == id {
            return Some(d.id_span);
        }
    }
    for a in charter.articles() {
        if a.id == id {
            return Some(a.id_span);
        }
        let mut found = None;
        walk::for_each_block(Some(a), &a.paragraphs, |b, _| {
            if found.is_none() && b.id.as_deref() == Some(id) {
                found = Some(b.id_span);
            }
        });
        if let Some(span) = found {
            return span;
        }
    }
    None
}
