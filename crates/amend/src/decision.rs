//! The decision as data (items, each a list of operations on targets) and
//! its wording (`render`).

use std::fmt::Write;
use std::ops::Range;

use charter_core::model::Level;
use charter_core::numerals::{item_label, to_chinese};
use charter_core::script::Script;
use serde::Serialize;

/// A quoted text block: a paragraph (款) or an item (项) with its items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QBlock {
    pub text: String,
    pub items: Vec<QBlock>,
}

/// A quoted article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QArt {
    pub heading: Option<String>,
    pub paragraphs: Vec<QBlock>,
}

/// A place inside an article: 款, 项, 目 (1-based; 0 = not this deep).
/// `named` is false when the article has a single 款, which is not named.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Addr {
    pub para: u32,
    pub item: u32,
    pub sub: u32,
    pub named: bool,
}

/// Equality and order ignore `named` (a matter of wording).
impl PartialEq for Addr {
    fn eq(&self, o: &Addr) -> bool {
        (self.para, self.item, self.sub) == (o.para, o.item, o.sub)
    }
}
impl Eq for Addr {}
impl PartialOrd for Addr {
    fn partial_cmp(&self, o: &Addr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Addr {
    fn cmp(&self, o: &Addr) -> std::cmp::Ordering {
        (self.para, self.item, self.sub).cmp(&(o.para, o.item, o.sub))
    }
}

impl Addr {
    /// 第二款第三项 (no 款 when not named).
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.named || self.item == 0 {
            let _ = write!(s, "第{}款", to_chinese(self.para));
        }
        if self.item > 0 {
            let _ = write!(s, "第{}项", to_chinese(self.item));
        }
        if self.sub > 0 {
            let _ = write!(s, "第{}目", to_chinese(self.sub));
        }
        s
    }
    fn unit(&self) -> &'static str {
        if self.sub > 0 {
            "目"
        } else if self.item > 0 {
            "项"
        } else {
            "款"
        }
    }
    fn number(&self) -> u32 {
        if self.sub > 0 {
            self.sub
        } else if self.item > 0 {
            self.item
        } else {
            self.para
        }
    }
}

/// An edit inside an existing article. Addresses of replaced, edited and
/// deleted blocks are old numbers; of added blocks, new numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// 修改为：“……” — the whole article restated.
    Whole { article: QArt },
    /// 标题修改为“……”.
    Heading { text: String },
    /// 第二款修改为：“……”.
    Block { at: Addr, block: QBlock },
    /// 其中的“A”修改为“B” (B empty: 删去“A”; B starting with A: 在“A”后增加…).
    Words { at: Option<Addr>, from: String, to: String },
    /// 增加一款，作为第三款：“……”.
    AddBlock { at: Addr, block: QBlock },
    /// 删去第二款.
    DeleteBlock { at: Addr },
}

/// A 款 of an article composed from parts of old ones ([`Op::Compose`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum Part {
    /// An old 款 as it stands (第三款作为第八十一条第二款).
    Old { article: u32, para: u32 },
    /// A quoted 款: an old one restated (修改后作为本条第一款) or an added one.
    New { block: QBlock },
}

/// One operation of an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Edits in an existing article (old number), renumbered to `renumber`.
    Edit { article: u32, renumber: Option<u32>, edits: Vec<Edit> },
    /// 增加一条，作为第N条.
    Add { number: u32, article: QArt },
    /// 删去第X条.
    Delete { article: u32 },
    /// 将第X条移作第N条.
    Move { article: u32, number: u32 },
    /// 将第X条改为两条，作为第N条、第N+1条，修改为.
    Split { article: u32, numbers: Vec<u32>, pieces: Vec<QArt> },
    /// 将第X条、第Y条合并，作为第N条，修改为.
    Merge { articles: Vec<u32>, number: u32, article: QArt },
    /// 将本章程中的“A”修改为“B”.
    Global { from: String, to: String },
    /// 将本章程中的半角标点符号统一修改为相应的全角标点符号: every
    /// half-width mark that is Chinese punctuation
    /// (`charter_core::punct::halfwidth_marks`) in full width.
    Punctuation,
    /// An article (new number) made of 款 taken from old articles: 将第七十二条
    /// 改为两条，第一款作为第八十条… · 将第九十九条第一款、第二款改为第一百一十条 ·
    /// 增加一条，作为第N条，将第X条第三款修改后作为本条第一款. `takes`: the old
    /// (article, 款) that leave their article (an article left with none is
    /// gone); `parts`: the new article's 款 in order.
    Compose { number: u32, takes: Vec<(u32, u32)>, parts: Vec<Part> },
    /// 增加一章（节），作为第N章，章名为“T”，第A条至第B条列入该章 (new numbers).
    DivisionAdd { level: Level, parent: Option<u32>, number: u32, title: String, first: u32, last: u32 },
    /// 将第X章（第X章第Y节）的章名（节名）修改为“T” (old numbers).
    DivisionRename { level: Level, parent: Option<u32>, number: u32, title: String },
    /// 删去第X章的章名 (old numbers; its articles join the preceding division).
    DivisionDelete { level: Level, parent: Option<u32>, number: u32 },
    /// 将章程名称修改为“T”.
    Title { text: String },
}

/// One numbered item (一、二、…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    pub no: usize,
    pub ops: Vec<Op>,
    /// Byte range in the decision text (parsed decisions only).
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

/// A whole decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub schema: &'static str,
    /// The script of the wording (the charter's): Traditional prints
    /// 關於修改, 第五條 and 「」 quotes (`script`); absent when Simplified.
    #[serde(skip_serializing_if = "is_simplified")]
    pub script: Script,
    /// The charter's title, as in 《》.
    pub title: String,
    /// The adopting body and meeting (学生代表大会第一次会议).
    pub body: String,
    /// YYYY-MM-DD, when known.
    pub date: Option<String>,
    pub items: Vec<Item>,
}

pub const SCHEMA: &str = "charter-amend/1";

fn is_simplified(s: &Script) -> bool {
    *s == Script::Simplified
}

/// The object of [`Op::Punctuation`]'s wording, after 将本章程中的.
pub const PUNCTUATION: &str = "半角标点符号统一修改为相应的全角标点符号";

/// Quotation marks inside a quotation become single ones.
pub fn inner_quotes(s: &str) -> String {
    s.replace('“', "‘").replace('”', "’")
}

/// A quotation of several paragraphs: every paragraph opens with “, only
/// the last closes.
pub fn quote_lines(lines: &[String]) -> String {
    let mut s = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push('“');
        s.push_str(&inner_quotes(l));
    }
    s.push('”');
    s
}

fn block_lines(b: &QBlock, label: &str, depth: usize, out: &mut Vec<String>) {
    if !(b.text.is_empty() && label.is_empty() && !b.items.is_empty()) {
        out.push(format!("{label}{}", b.text));
    }
    for (i, it) in b.items.iter().enumerate() {
        let l = if depth == 0 { item_label(i as u32 + 1) } else { format!("{}.", i + 1) };
        block_lines(it, &l, depth + 1, out);
    }
}

/// The lines of a quoted article (heading as 【T】 first).
pub fn article_lines(a: &QArt) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(h) = &a.heading {
        out.push(format!("【{h}】"));
    }
    for p in &a.paragraphs {
        block_lines(p, "", 0, &mut out);
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn n(k: u32) -> String {
    format!("第{}条", to_chinese(k))
}

fn div_label(level: Level, parent: Option<u32>, number: u32) -> String {
    match parent {
        Some(p) => format!("第{}章第{}{}", to_chinese(p), to_chinese(number), level.word()),
        None => format!("第{}{}", to_chinese(number), level.word()),
    }
}

fn count_word(k: usize) -> String {
    match k {
        2 => "两".to_string(),
        k => to_chinese(k as u32),
    }
}

/// One edit's wording. `ctx` is the article (第五条) when the edit opens
/// the item (no 将第X条改为第Y条 before it).
fn edit_text(e: &Edit, ctx: Option<&str>, bare: bool) -> String {
    let art = ctx.unwrap_or("");
    let scope = |at: &Option<Addr>| match (at, ctx) {
        _ if bare => String::new(),
        (Some(a), _) => format!("{art}{}中的", a.label()),
        (None, Some(_)) => format!("{art}中的"),
        (None, None) => "其中的".to_string(),
    };
    let lead = if ctx.is_some() { "将" } else { "" };
    match e {
        Edit::Whole { article } => format!("{lead}{art}修改为：{}", quote_lines(&article_lines(article))),
        Edit::Heading { text } => {
            format!("{lead}{art}{}标题修改为“{}”", if ctx.is_some() { "的" } else { "" }, inner_quotes(text))
        }
        Edit::Block { at, block } => {
            format!("{lead}{art}{}修改为：{}", at.label(), quote_lines(&labelled_lines(at, block)))
        }
        Edit::Words { at, from, to } => {
            if to.is_empty() {
                format!("删去{}“{}”", scope(at), inner_quotes(from))
            } else if !from.is_empty() && to.starts_with(from.as_str()) && to.len() > from.len() {
                format!("在{}“{}”后增加“{}”", scope(at), inner_quotes(from), inner_quotes(&to[from.len()..]))
            } else {
                format!("{lead}{}“{}”修改为“{}”", scope(at), inner_quotes(from), inner_quotes(to))
            }
        }
        Edit::AddBlock { at, block } => {
            let place = if at.item > 0 && at.named { format!("第{}款", to_chinese(at.para)) } else { String::new() };
            format!(
                "{art}{place}增加一{}，作为第{}{}：{}",
                at.unit(),
                to_chinese(at.number()),
                at.unit(),
                quote_lines(&labelled_lines(at, block))
            )
        }
        Edit::DeleteBlock { at } => format!("删去{art}{}", at.label()),
    }
}

fn labelled_lines(at: &Addr, block: &QBlock) -> Vec<String> {
    let mut lines = Vec::new();
    let label = if at.sub > 0 {
        format!("{}.", at.sub)
    } else if at.item > 0 {
        item_label(at.item)
    } else {
        String::new()
    };
    block_lines(block, &label, if at.item > 0 { 1 } else { 0 }, &mut lines);
    lines
}

/// Append a sentence's end: 。 unless the text ends with a quotation
/// that ends with a full stop already.
fn end_sentence(s: &mut String) {
    let ends = ["。”", "；”", "！”", "？”", "。\"", "：”"];
    let last = s.rsplit("\n\n").next().unwrap_or("");
    let quoted_text = last.rsplit('”').nth(1).is_some_and(|_| last.contains("：“"));
    if !(quoted_text && ends.iter().any(|e| s.ends_with(e))) {
        s.push('。');
    }
}

/// How a text names itself: 本法, 本条例, 本办法… after the kind its title
/// ends with; 本章程 otherwise.
/// A title in Traditional script names itself in it (本會章, 本條例).
pub fn self_name(title: &str) -> String {
    const KINDS: [&str; 13] =
        ["章程", "条例", "办法", "规定", "细则", "规则", "准则", "守则", "规程", "决定", "纲要", "会章", "法"];
    let simple = charter_core::script::simplify(title);
    let simple = simple.replace('準', "准");
    match KINDS.iter().find(|k| simple.ends_with(**k)) {
        // The kind as the title writes it (same length in either script).
        Some(k) => format!("本{}", &title[title.len() - k.len()..]),
        None => "本章程".to_string(),
    }
}

/// The wording of one operation (a text calling itself 本章程).
pub fn render_op(op: &Op) -> String {
    render_op_in(op, "本章程")
}

/// The wording of one operation in a text calling itself `me` (本法).
pub fn render_op_in(op: &Op, me: &str) -> String {
    match op {
        Op::Edit { article, renumber, edits } => {
            let art = n(*article);
            let mut s = String::new();
            if let Some(r) = renumber {
                let _ = write!(s, "将{art}改为{}", n(*r));
            }
            for (i, e) in edits.iter().enumerate() {
                let ctx = (i == 0 && renumber.is_none()).then_some(art.as_str());
                // A word edit in the same place as the one before: no scope again.
                let bare = i > 0
                    && matches!((e, &edits[i - 1]), (Edit::Words { at: a, .. }, Edit::Words { at: b, .. }) if a == b);
                let text = edit_text(e, ctx, bare);
                if !s.is_empty() {
                    if i > 0 && text.contains('：')
                        || s.ends_with('”')
                            && i > 0
                            && matches!(edits[i - 1], Edit::Whole { .. } | Edit::Block { .. } | Edit::AddBlock { .. })
                    {
                        end_sentence(&mut s);
                        s.push_str("\n\n");
                    } else {
                        s.push_str(if i == 0 { "，" } else { "；" });
                    }
                }
                s.push_str(&text);
            }
            end_sentence(&mut s);
            s
        }
        Op::Add { number, article } => {
            let mut s = format!("增加一条，作为{}：{}", n(*number), quote_lines(&article_lines(article)));
            end_sentence(&mut s);
            s
        }
        Op::Delete { article } => format!("删去{}。", n(*article)),
        Op::Move { article, number } => format!("将{}移作{}。", n(*article), n(*number)),
        Op::Split { article, numbers, pieces } => {
            let mut lines = Vec::new();
            for (k, p) in numbers.iter().zip(pieces) {
                let mut l = article_lines(p);
                l[0] = format!("{}\u{3000}{}", n(*k), l[0]);
                lines.extend(l);
            }
            let mut s = format!(
                "将{}改为{}条，作为{}，修改为：{}",
                n(*article),
                count_word(numbers.len()),
                numbers.iter().map(|k| n(*k)).collect::<Vec<_>>().join("、"),
                quote_lines(&lines)
            );
            end_sentence(&mut s);
            s
        }
        Op::Merge { articles, number, article } => {
            let mut s = format!(
                "将{}合并，作为{}，修改为：{}",
                articles.iter().map(|k| n(*k)).collect::<Vec<_>>().join("、"),
                n(*number),
                quote_lines(&article_lines(article))
            );
            end_sentence(&mut s);
            s
        }
        Op::Global { from, to } => {
            format!("将{me}中的“{}”修改为“{}”。", inner_quotes(from), inner_quotes(to))
        }
        Op::Punctuation => format!("将{me}中的{PUNCTUATION}。"),
        Op::Compose { number, takes, parts } => {
            // 增加一条，作为第N条，将第X条第Y款作为本条第一款；将第X条第Z款修改后
            // 作为本条第二款：“……”；增加一款，作为第N条第三款：“……”
            let mut s = format!("增加一条，作为{}", n(*number));
            let mut free = takes.iter().filter(|t| {
                !parts.iter().any(|p| matches!(p, Part::Old { article, para } if (*article, *para) == **t))
            });
            for (k, p) in parts.iter().enumerate() {
                let place = format!("本条第{}款", to_chinese(k as u32 + 1));
                match p {
                    Part::Old { article, para } => {
                        let _ = write!(s, "，将{}第{}款作为{place}", n(*article), to_chinese(*para));
                    }
                    Part::New { block } => {
                        let q = quote_lines(&labelled_lines(&Addr { para: 1, item: 0, sub: 0, named: true }, block));
                        match free.next() {
                            Some((a, p)) => {
                                let _ = write!(s, "，将{}第{}款修改后作为{place}：{q}", n(*a), to_chinese(*p));
                            }
                            None => {
                                let _ =
                                    write!(s, "；增加一款，作为{}第{}款：{q}", n(*number), to_chinese(k as u32 + 1));
                            }
                        }
                    }
                }
            }
            end_sentence(&mut s);
            s
        }
        Op::DivisionAdd { level, parent, number, title, first, last } => {
            let range = if first == last { n(*first) } else { format!("{}至{}", n(*first), n(*last)) };
            let w = level.word();
            match parent {
                Some(p) => format!(
                    "在第{}章中增加一{w}，作为第{}{w}，{w}名为“{}”，调整后的{range}列入该{w}。",
                    to_chinese(*p),
                    to_chinese(*number),
                    inner_quotes(title)
                ),
                None => format!(
                    "增加一{w}，作为第{}{w}，{w}名为“{}”，调整后的{range}列入该{w}。",
                    to_chinese(*number),
                    inner_quotes(title)
                ),
            }
        }
        Op::DivisionRename { level, parent, number, title } => {
            format!("将{}的{}名修改为“{}”。", div_label(*level, *parent, *number), level.word(), inner_quotes(title))
        }
        Op::DivisionDelete { level, parent, number } => {
            format!("删去{}的{}名。", div_label(*level, *parent, *number), level.word())
        }
        Op::Title { text } => format!("将章程名称修改为“{}”。", inner_quotes(text)),
    }
}

/// The same word edit in several articles, as one clause with a list of
/// targets (将第二十四条、第二十九条第三款中的“A”修改为“B” · 在第十四条第二款、
/// 第二十六条第二款中的“A”后增加“B”), as the NPC writes it; None for other
/// operations.
pub fn render_list(ops: &[Op]) -> Option<String> {
    if ops.len() < 2 {
        return None;
    }
    let mut targets = Vec::new();
    let mut pair: Option<(&str, &str)> = None;
    for op in ops {
        let Op::Edit { article, renumber: None, edits } = op else { return None };
        let [Edit::Words { at, from, to }] = edits.as_slice() else { return None };
        if to.is_empty() || pair.is_some_and(|p| p != (from.as_str(), to.as_str())) {
            return None;
        }
        pair = Some((from, to));
        targets.push(format!("{}{}", n(*article), at.map(|a| a.label()).unwrap_or_default()));
    }
    let (from, to) = pair?;
    let list = targets.join("、");
    Some(if !from.is_empty() && to.starts_with(from) && to.len() > from.len() {
        format!("在{list}中的“{}”后增加“{}”。", inner_quotes(from), inner_quotes(&to[from.len()..]))
    } else {
        format!("将{list}中的“{}”修改为“{}”。", inner_quotes(from), inner_quotes(to))
    })
}

impl Decision {
    /// A text composed in Simplified (the wording of this module) in the
    /// decision's script: 第五條, 修改為, 「」 for Traditional.
    pub fn words(&self, s: &str) -> String {
        crate::script::localise(s, self.script)
    }

    /// The opening sentence.
    pub fn opening(&self) -> String {
        self.words(&format!("{}决定对《{}》作如下修改：", self.body, self.title))
    }

    /// The closing sentences.
    pub fn closing(&self) -> Vec<String> {
        vec![
            self.words("此外，对条文顺序和条文中引用的条文序号作相应调整。"),
            self.words(&format!("《{}》根据本决定作相应修改，重新公布。", self.title)),
        ]
    }

    pub fn heading(&self) -> String {
        self.words(&format!("关于修改《{}》的决定", self.title))
    }

    /// The date line: （2021年12月1日学生代表大会第一次会议通过）.
    pub fn adopted_line(&self) -> String {
        let date = match &self.date {
            Some(d) => chinese_date(d),
            None => "××××年××月××日".to_string(),
        };
        self.words(&format!("（{date}{}通过）", self.body))
    }

    /// The decision as plain text.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{}\n", self.heading());
        let _ = writeln!(s, "{}\n", self.adopted_line());
        let _ = writeln!(s, "{}\n", self.opening());
        for it in &self.items {
            let me = self_name(&self.title);
            let body = match render_list(&it.ops) {
                Some(list) => list,
                None => it.ops.iter().map(|op| render_op_in(op, &me)).collect::<Vec<_>>().join("\n\n"),
            };
            let _ = writeln!(s, "{}、{}\n", to_chinese(it.no as u32), self.words(&body));
        }
        for c in self.closing() {
            let _ = writeln!(s, "{c}");
        }
        s
    }

    /// The decision as pretty JSON with a final newline; a failure is an
    /// error naming what failed, never empty output.
    pub fn to_json(&self) -> Result<String, charter_core::ToolError> {
        serde_json::to_string_pretty(self).map(|s| s + "\n").map_err(charter_core::ToolError::serialize("修改决定"))
    }
}

/// 2021-12-01 → 2021年12月1日 (a text that is no date stays as it is).
pub fn chinese_date(d: &str) -> String {
    charter_core::date::Date::parse_iso(d).map_or_else(|| d.to_string(), |x| x.chinese())
}
