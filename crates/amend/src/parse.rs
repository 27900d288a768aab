//! Reading a decision text: the opening sentence, items 一、二、三… and
//! the operations in them, with byte ranges for every failure.

use std::ops::Range;

use charter_core::diagnostic::Code;
use charter_core::model::Level;
use charter_core::numerals;

use crate::codes;
use crate::decision::{Addr, Decision, Edit, Item, Op, Part, QArt, QBlock, SCHEMA};

/// A failure to read the decision, at a byte range of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub code: Code,
    pub range: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

fn err(code: Code, range: Range<usize>, message: impl Into<String>, hint: Option<&str>) -> ParseError {
    ParseError { code, range, message: message.into(), hint: hint.map(str::to_string) }
}

const NUM_CHARS: &str = "零〇一二两三四五六七八九十百千0123456789０１２３４５６７８９";

/// Leading item number: 十二、 → (12, bytes consumed).
fn item_number(line: &str) -> Option<(u32, usize)> {
    let end = line.find('、')?;
    let head = &line[..end];
    if head.is_empty() || !head.chars().all(|c| NUM_CHARS.contains(c)) {
        return None;
    }
    Some((numerals::parse(head)?, end + '、'.len_utf8()))
}

/// 第一条　… : an item of a 修正案 (amendment), (number, bytes before its
/// text) — the label, then a space, then a clause.
fn amendment_number(line: &str) -> Option<(u32, usize)> {
    let rest = line.strip_prefix('第')?;
    let end = rest.find('条')?;
    let head = &rest[..end];
    if head.is_empty() || !head.chars().all(|c| NUM_CHARS.contains(c)) {
        return None;
    }
    let after = &rest[end + '条'.len_utf8()..];
    let t = after.trim_start_matches([' ', '\u{3000}']);
    if t.len() == after.len() || !starts_clause(t) {
        return None;
    }
    Some((numerals::parse(head)?, line.len() - t.len()))
}

/// How the items are numbered: 一、二、… (a decision) or 第一条、第二条… (a
/// 修正案).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Items,
    Articles,
}

fn numbered(form: Form, line: &str) -> Option<(u32, usize)> {
    match form {
        Form::Items => item_number(line),
        Form::Articles => amendment_number(line),
    }
}

struct Cur<'a> {
    s: &'a str,
    pos: usize,
    /// Offset of `s` in the whole text.
    base: usize,
}

impl<'a> Cur<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }
    fn at_end(&self) -> bool {
        self.rest().trim().is_empty()
    }
    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }
    fn ws(&mut self) {
        let r = self.rest();
        let t = r.trim_start_matches(|c: char| c.is_whitespace() || c == '>' || c == '\u{3000}');
        self.pos += r.len() - t.len();
    }
    /// Separators between clauses.
    fn seps(&mut self) {
        loop {
            self.ws();
            if !(self.eat("，") || self.eat("；") || self.eat("。") || self.eat(",") || self.eat(";")) {
                break;
            }
        }
        // 并 joining two clauses (改为第四十条，并在第一款中的…); 相应地 and
        // 同时 opening a consequential one.
        for w in ["并", "相应地", "同时"] {
            let r = self.rest();
            if let Some(t) = r.strip_prefix(w) {
                let t = t.trim_start_matches(['，', ',']);
                if ["将", "在", "删去", "增加", "第", "其中", "修改为", "对"].iter().any(|p| t.starts_with(p))
                {
                    self.pos += r.len() - t.len();
                }
            }
        }
    }
    fn here(&self) -> Range<usize> {
        let end = self.rest().char_indices().nth(1).map(|(i, _)| i).unwrap_or(self.rest().len());
        self.base + self.pos..self.base + self.pos + end
    }
    /// A numeral followed by `unit` (after 第): 第十二条 → 12.
    fn number(&mut self, unit: &str) -> Option<u32> {
        let save = self.pos;
        if !self.eat("第") {
            return None;
        }
        let r = self.rest();
        let len: usize = r.chars().take_while(|c| NUM_CHARS.contains(*c)).map(char::len_utf8).sum();
        let n = numerals::parse(&r[..len]);
        self.pos += len;
        match n {
            Some(n) if self.eat(unit) => Some(n),
            _ => {
                self.pos = save;
                None
            }
        }
    }
    /// 第三、四、五款 → [3, 4, 5] (a list of numerals under one 第…unit).
    fn number_list(&mut self, unit: &str) -> Option<Vec<u32>> {
        let save = self.pos;
        if !self.eat("第") {
            return None;
        }
        let mut out = Vec::new();
        loop {
            let r = self.rest();
            let len: usize = r.chars().take_while(|c| NUM_CHARS.contains(*c)).map(char::len_utf8).sum();
            match numerals::parse(&r[..len]) {
                Some(n) if len > 0 => out.push(n),
                _ => break,
            }
            self.pos += len;
            if !self.eat("、") {
                break;
            }
            // 第一款、第二款: the next one repeats 第.
            self.eat("第");
        }
        if out.is_empty() || !self.eat(unit) {
            self.pos = save;
            return None;
        }
        Some(out)
    }
    /// 第X条 (not 第X条之一: not supported), after the text's name when
    /// the decision names it (章程第五条, 刑法第二十条: `name_prefix`).
    fn article(&mut self) -> Option<u32> {
        let save = self.pos;
        self.name_prefix();
        let n = self.number("条");
        if n.is_none() {
            self.pos = save;
        }
        n
    }
    /// The amended text's name before 第 (本章程, 章程, 刑法, 中华人民共和国
    /// 立法法): a short run of Han characters ending in a kind of text,
    /// right before 第. Nothing when there is none.
    fn name_prefix(&mut self) {
        const KINDS: [&str; 12] =
            ["章程", "条例", "办法", "规定", "细则", "规则", "准则", "守则", "规程", "决定", "纲要", "法"];
        let r = self.rest();
        let run: usize =
            r.chars().take(16).take_while(|c| *c != '第' && charter_core::punct::is_han(*c)).map(char::len_utf8).sum();
        if run > 0 && r[run..].starts_with('第') && KINDS.iter().any(|k| r[..run].ends_with(k)) {
            self.pos += run;
        }
    }
    /// 第二款第三项第1目 (any of them), after an article.
    fn addr(&mut self) -> Option<Addr> {
        let para = self.number("款");
        let item = self.number("项");
        let sub = self.number("目");
        if para.is_none() && item.is_none() && sub.is_none() {
            return None;
        }
        Some(Addr { para: para.unwrap_or(1), item: item.unwrap_or(0), sub: sub.unwrap_or(0), named: para.is_some() })
    }
    /// 一款 / 两款: the counted unit after 增加.
    fn counted(&mut self) -> Option<(u32, &'static str)> {
        for unit in ["条", "款", "项", "目", "章", "节"] {
            for (w, k) in [("一", 1), ("两", 2), ("二", 2), ("三", 3)] {
                if self.eat(&format!("{w}{unit}")) {
                    return Some((k, unit));
                }
            }
        }
        None
    }
    /// A quotation “…” (several paragraphs: each opens with “, the last
    /// closes), as lines with inner quotation marks restored.
    fn quote(&mut self) -> Result<Vec<String>, ParseError> {
        self.ws();
        let start = self.here();
        let close = if self.eat("“") {
            '”'
        } else if self.eat("\"") {
            '"'
        } else {
            return Err(err(codes::A003, start, "这里应当是一段引文（以“开始）", Some("写成：修改为：“……”")));
        };
        let open = if close == '”' { "“" } else { "\"" };
        let mut lines = Vec::new();
        loop {
            let r = self.rest();
            let nl = r.find('\n').unwrap_or(r.len());
            match r[..nl].find(close) {
                Some(k) => {
                    lines.push(restore(&r[..k]));
                    self.pos += k + close.len_utf8();
                    return Ok(lines);
                }
                None => {
                    let line = r[..nl].trim_end().to_string();
                    let bare_label = is_article_label(&line);
                    lines.push(restore(&line));
                    self.pos += nl;
                    if self.pos >= self.s.len() {
                        return Err(err(
                            codes::A003,
                            start,
                            "引文没有结束：找不到与这个“配对的”",
                            Some("多段引文的每一段以“开始，只有最后一段以”结束"),
                        ));
                    }
                    self.ws();
                    if !self.eat(open) && !bare_label {
                        return Err(err(
                            codes::A003,
                            self.here(),
                            "引文的这一段没有以“开始，或者上一段缺少结尾的”",
                            Some("多段引文的每一段以“开始，只有最后一段以”结束"),
                        ));
                    }
                }
            }
        }
    }
    /// “A”: a short quotation on one line.
    fn short_quote(&mut self) -> Option<String> {
        let save = self.pos;
        let close = if self.eat("“") {
            '”'
        } else if self.eat("\"") {
            '"'
        } else {
            return None;
        };
        let r = self.rest();
        let nl = r.find('\n').unwrap_or(r.len());
        match r[..nl].find(close) {
            Some(k) => {
                let q = restore(&r[..k]);
                self.pos += k + close.len_utf8();
                Some(q)
            }
            None => {
                self.pos = save;
                None
            }
        }
    }
}

/// Inner quotation marks back to double ones; ASCII ' pairs to “”.
fn restore(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut open = true;
    for c in s.chars() {
        match c {
            '‘' => out.push('“'),
            '’' => out.push('”'),
            '\'' => {
                out.push(if open { '“' } else { '”' });
                open = !open;
            }
            c => out.push(c),
        }
    }
    out
}

fn is_article_label(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('第')
        && t.ends_with('条')
        && numerals::parse(&t['第'.len_utf8()..t.len() - '条'.len_utf8()]).is_some()
}

/// Split a leading label: （三） → (item 3), 2. → (sub 2).
fn label(line: &str) -> (Option<(bool, u32)>, &str) {
    if let Some(r) = line.strip_prefix('（').or_else(|| line.strip_prefix('(')) {
        if let Some(end) = r.find(['）', ')']) {
            if let Some(n) = numerals::parse(&r[..end]) {
                let close = r[end..].chars().next().map(char::len_utf8).unwrap_or(0);
                return (Some((false, n)), &r[end + close..]);
            }
        }
    }
    let digits: usize = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let r = &line[digits..];
        if let Some(t) = r.strip_prefix('.').or_else(|| r.strip_prefix('．')) {
            if let Ok(n) = line[..digits].parse() {
                return (Some((true, n)), t);
            }
        }
    }
    (None, line)
}

/// Quoted lines → an article.
fn to_qart(lines: &[String]) -> QArt {
    let mut a = QArt { heading: None, paragraphs: Vec::new() };
    for (k, l) in lines.iter().enumerate() {
        if k == 0 && l.starts_with('【') && l.ends_with('】') {
            a.heading = Some(l['【'.len_utf8()..l.len() - '】'.len_utf8()].to_string());
            continue;
        }
        match label(l) {
            (Some((false, _)), text) => {
                if a.paragraphs.is_empty() {
                    a.paragraphs.push(QBlock { text: String::new(), items: Vec::new() });
                }
                if let Some(p) = a.paragraphs.last_mut() {
                    p.items.push(QBlock { text: text.to_string(), items: Vec::new() });
                }
            }
            (Some((true, _)), text) => {
                let last = a.paragraphs.last_mut().and_then(|p| p.items.last_mut());
                match last {
                    Some(i) => i.items.push(QBlock { text: text.to_string(), items: Vec::new() }),
                    None => a.paragraphs.push(QBlock { text: l.clone(), items: Vec::new() }),
                }
            }
            (None, _) => a.paragraphs.push(QBlock { text: l.clone(), items: Vec::new() }),
        }
    }
    a
}

/// Quoted lines → one block (its own label stripped, items below it).
fn to_qblock(lines: &[String]) -> QBlock {
    let mut b = QBlock { text: String::new(), items: Vec::new() };
    for (k, l) in lines.iter().enumerate() {
        let (lab, text) = label(l);
        if k == 0 {
            b.text = text.to_string();
        } else if lab.is_some() {
            b.items.push(QBlock { text: text.to_string(), items: Vec::new() });
        } else {
            b.items.push(QBlock { text: l.clone(), items: Vec::new() });
        }
    }
    b
}

/// Split pieces: lines starting with 第X条 open a piece.
fn to_pieces(lines: &[String]) -> Vec<QArt> {
    to_numbered_pieces(lines).into_iter().map(|(_, a)| a).collect()
}

/// Pieces with the number each is quoted with (None: a first piece
/// without 第X条).
fn to_numbered_pieces(lines: &[String]) -> Vec<(Option<u32>, QArt)> {
    let mut pieces: Vec<(Option<u32>, Vec<String>)> = Vec::new();
    for l in lines {
        let t = l.trim_start();
        let mut c = Cur { s: t, pos: 0, base: 0 };
        if let Some(n) = c.number("条") {
            let rest = c.rest().trim_start_matches([' ', '\u{3000}']).to_string();
            pieces.push((Some(n), if rest.is_empty() { Vec::new() } else { vec![rest] }));
        } else if let Some(p) = pieces.last_mut() {
            p.1.push(l.clone());
        } else {
            pieces.push((None, vec![l.clone()]));
        }
    }
    pieces.into_iter().map(|(n, p)| (n, to_qart(&p))).collect()
}

fn unsupported(c: &Cur, what: &str) -> ParseError {
    err(
        codes::A001,
        c.here(),
        format!("无法识别的修改表述：{what}"),
        Some("每一项写成“将第X条修改为：……”“增加一条，作为第X条：……”“删去第X条。”等规范表述（docs/amend.md）"),
    )
}

fn preview(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    let p: String = line.chars().take(16).collect();
    if line.chars().count() > 16 { format!("“{p}……”") } else { format!("“{p}”") }
}

/// Target of a list: 第X条[第Y款…], or 第X章[第Y节].
#[derive(Clone, Copy, Debug)]
enum Target {
    Article(u32, Option<Addr>),
    Division(Level, Option<u32>, u32),
}

fn targets(c: &mut Cur) -> Vec<Target> {
    let mut out = Vec::new();
    loop {
        if let Some(a) = c.article() {
            out.push(Target::Article(a, c.addr()));
        } else if let Some(ch) = c.number("章") {
            match c.number("节") {
                Some(s) => out.push(Target::Division(Level::Section, Some(ch), s)),
                None => out.push(Target::Division(Level::Chapter, None, ch)),
            }
        } else if let (Some(Target::Article(a, Some(_))), Some(at)) = (out.last().copied(), c.addr()) {
            // 第二十九条第三款和第四款
            out.push(Target::Article(a, Some(at)));
        } else {
            break;
        }
        if !(c.eat("、") || c.eat("和") || c.eat("及")) {
            break;
        }
    }
    out
}

/// The edits after 将第X条[改为第Y条]，.
fn edits(c: &mut Cur, mut pre: Option<Addr>, out: &mut Vec<Edit>) -> Result<(), ParseError> {
    let mut scope: Option<Addr> = pre;
    loop {
        c.seps();
        if c.at_end() {
            return Ok(());
        }
        // 将第二款修改为 / 将其中的“A”…: 将 before a place of this article.
        let before = c.pos;
        if c.eat("将") && c.article().is_some() || !(c.rest().starts_with('第') || c.rest().starts_with("其中")) {
            c.pos = before;
        }
        let at = pre.take().or_else(|| c.addr());
        if at.is_some() {
            scope = at;
        }
        let start = c.pos;
        // 删去第五条… / 在第五条… / 将第五条…: a clause on an article of its
        // own, not an edit of this one.
        let other = {
            let _ = c.eat("删去") || c.eat("在") || c.eat("将");
            let art = c.article().is_some();
            c.pos = start;
            art
        };
        if other {
            return Ok(());
        }
        if c.eat("修改为：") || c.eat("修改为:") {
            let lines = c.quote()?;
            match at {
                Some(at) => out.push(Edit::Block { at, block: to_qblock(&lines) }),
                None => out.push(Edit::Whole { article: to_qart(&lines) }),
            }
        } else if c.eat("标题修改为") {
            let Some(t) = c.short_quote() else {
                return Err(unsupported(c, "标题修改为后应当是“新标题”"));
            };
            out.push(Edit::Heading { text: t });
        } else if c.rest().starts_with("其中的")
            || c.rest().starts_with("中的")
            || c.rest().starts_with('“')
            || c.rest().starts_with('"')
        {
            let scoped = if c.eat("其中的") {
                None
            } else if c.eat("中的") {
                at
            } else {
                scope
            };
            scope = scoped;
            let Some(from) = c.short_quote() else { return Err(unsupported(c, "应当是“原文”")) };
            // “A”、“B”分别修改为“C”、“D” · “A”、“B”修改为“C”
            let mut froms = vec![from.clone()];
            loop {
                let save = c.pos;
                match (c.eat("、"), c.short_quote()) {
                    (true, Some(q)) => froms.push(q),
                    _ => {
                        c.pos = save;
                        break;
                    }
                }
            }
            if froms.len() > 1 || c.rest().starts_with("分别修改为") {
                let each = c.eat("分别修改为");
                if !each && !c.eat("修改为") {
                    return Err(unsupported(c, "“A”、“B”后应当是“分别修改为”或“修改为”"));
                }
                let mut tos = Vec::new();
                while let Some(q) = c.short_quote() {
                    tos.push(q);
                    if !c.eat("、") {
                        break;
                    }
                }
                let tos = match (each, tos.len()) {
                    (false, 1) => vec![tos[0].clone(); froms.len()],
                    (_, n) if n == froms.len() => tos,
                    _ => return Err(unsupported(c, "修改前后的文字应当一一对应：“A”、“B”分别修改为“C”、“D”")),
                };
                out.extend(froms.into_iter().zip(tos).map(|(from, to)| Edit::Words { at: scoped, from, to }));
            } else if c.eat("修改为") {
                let Some(to) = c.short_quote() else {
                    return Err(unsupported(c, "修改为后应当是“新文字”"));
                };
                out.push(Edit::Words { at: scoped, from, to });
            } else if let Some(to) = insertion(c, &from)? {
                out.push(Edit::Words { at: scoped, to, from });
            } else if c.eat("删去") {
                // 将第X条中的“A”删去
                out.push(Edit::Words { at: scoped, from, to: String::new() });
            } else {
                return Err(unsupported(c, &preview(c.rest())));
            }
        } else if c.eat("删去") {
            let scoped = if c.eat("其中的") { None } else { c.addr().or(at) };
            let has_in = c.eat("中的");
            if let Some(from) = c.short_quote() {
                out.push(Edit::Words { at: if has_in { scoped } else { scoped.or(scope) }, from, to: String::new() });
            } else if let Some(at) = scoped {
                out.push(Edit::DeleteBlock { at });
            } else {
                return Err(unsupported(c, "删去后应当是第X款、第X项或“原文”"));
            }
        } else if c.eat("在") {
            let at2 = if c.eat("其中的") {
                None
            } else {
                match c.addr().or(at) {
                    Some(a) => {
                        c.eat("中的");
                        Some(a)
                    }
                    None => scope,
                }
            };
            let Some(from) = c.short_quote() else { return Err(unsupported(c, "在……后应当是“原文”")) };
            let Some(to) = insertion(c, &from)? else { return Err(unsupported(c, &preview(c.rest()))) };
            out.push(Edit::Words { at: at2, to, from });
        } else if c.eat("增加") {
            let Some((k, unit)) = c.counted() else { return Err(unsupported(c, &preview(c.rest()))) };
            c.seps();
            if !(c.eat("分别作为") || c.eat("作为")) {
                return Err(unsupported(c, "增加一款（项）后应当写明“作为第X款（项）”"));
            }
            let mut numbers = Vec::new();
            while let Some(n) = c.number(unit) {
                numbers.push(n);
                c.eat("、");
            }
            if numbers.len() != k as usize {
                return Err(unsupported(c, "增加的款（项）数与“作为第X款”的个数不一致"));
            }
            c.eat("：");
            c.eat(":");
            let lines = c.quote()?;
            // Several paragraphs added at once: one line each.
            for (i, n) in numbers.iter().enumerate() {
                let line: Vec<String> =
                    if numbers.len() > 1 { lines.get(i).cloned().into_iter().collect() } else { lines.clone() };
                let block = to_qblock(&line);
                let at = match unit {
                    "款" => Addr { para: *n, item: 0, sub: 0, named: true },
                    "项" => Addr {
                        para: at.map(|a| a.para).unwrap_or(1),
                        item: *n,
                        sub: 0,
                        named: at.is_some_and(|a| a.named),
                    },
                    _ => Addr {
                        para: at.map(|a| a.para).unwrap_or(1),
                        item: at.map(|a| a.item).unwrap_or(1),
                        sub: *n,
                        named: true,
                    },
                };
                out.push(Edit::AddBlock { at, block });
            }
        } else {
            c.pos = start;
            return Ok(());
        }
    }
}

/// One clause starting an operation; appends to `ops`.
fn clause(c: &mut Cur, ops: &mut Vec<Op>) -> Result<(), ParseError> {
    inserted_number(c)?;
    // 相应地将第二十八条… (a consequential change) reads as 将第二十八条….
    let _ = c.eat("相应地") || c.eat("同时，") || c.eat("同时");
    let here = c.here();
    // Continuation of the previous article's edits.
    if let Some(Op::Edit { edits: list, .. }) = ops.last_mut() {
        let before = c.pos;
        edits(c, None, list)?;
        if c.pos != before {
            return Ok(());
        }
    }
    // 增加一款，作为第N条第K款：“……” after 增加一条，作为第N条，….
    if let Some(Op::Compose { number, parts, .. }) = ops.last_mut() {
        let save = c.pos;
        if c.eat("增加一款") {
            c.seps();
            let ok = c.eat("作为") && c.article() == Some(*number);
            match (ok, c.number("款")) {
                (true, Some(k)) => {
                    c.eat("：");
                    c.eat(":");
                    let lines = c.quote()?;
                    insert_part(parts, k, Part::New { block: to_qblock(&lines) }, c)?;
                    return Ok(());
                }
                _ => c.pos = save,
            }
        }
    }
    if c.eat("对部分条文中的有关表述作以下修改：") || c.eat("对部分条文中的有关表述作如下修改：")
    {
        return Ok(());
    }
    if let (Some(_), rest) = label(c.rest()) {
        // （一）… inside an item: a list of sub-clauses.
        c.pos = c.s.len() - rest.len();
        return Ok(());
    }
    let save = c.pos;
    if c.eat("将") && {
        // 将章程名称修改为 · 将本章程的名称修改为 · 将《测试章程》的名称修改为
        let _ = c.eat("本章程") || c.eat("章程") || c.eat("本法") || c.eat("法律") || c.eat("本条例") || {
            let r = c.rest();
            match (r.starts_with('《'), r.find('》')) {
                (true, Some(k)) if !r[..k].contains('\n') => {
                    c.pos += k + '》'.len_utf8();
                    true
                }
                _ => false,
            }
        };
        c.eat("的");
        c.eat("名称修改为") || c.eat("标题修改为")
    } {
        let Some(t) = c.short_quote() else { return Err(unsupported(c, "应当是“新名称”")) };
        ops.push(Op::Title { text: t });
        return Ok(());
    }
    c.pos = save;
    if c.eat("将章程名称修改为") {
        let Some(t) = c.short_quote() else { return Err(unsupported(c, "应当是“新名称”")) };
        ops.push(Op::Title { text: t });
        return Ok(());
    }
    if c.rest().starts_with("将本") || c.rest().starts_with("将全文") {
        let r = c.rest();
        if let Some(k) = r.find("中的") {
            if !r[..k].contains('第') && !r[..k].contains('\n') {
                c.pos += k + "中的".len();
                if punctuation(c) {
                    ops.push(Op::Punctuation);
                    return Ok(());
                }
                let from = c.short_quote();
                let ok = c.eat("修改为");
                let to = c.short_quote();
                if let (Some(from), true, Some(to)) = (from, ok, to) {
                    ops.push(Op::Global { from, to });
                    return Ok(());
                }
            }
        }
        // 将本章程第五条…: a target, read below.
        if r.find("第").is_none_or(|f| r.find("中的").is_some_and(|k| f >= k)) {
            return Err(unsupported(c, &preview(c.rest())));
        }
        c.pos = c.s.len() - r.len();
    }
    // 将第X条… or, as the NPC also writes, 第X条… without 将.
    let lead = c.eat("将");
    let target_first = ["第", "本章程第", "章程第"].iter().any(|p| c.rest().starts_with(p));
    if lead || target_first {
        let list = targets(c);
        match list.as_slice() {
            [] if lead => {
                return Err(unsupported(c, &format!("“将”后应当是第X条、第X章等，而不是{}", preview(c.rest()))));
            }
            [] => return Err(unsupported(c, &preview(c.rest()))),
            [Target::Division(level, parent, number)] => {
                c.eat("的");
                if c.eat("章名修改为") || c.eat("节名修改为") || c.eat("编名修改为") || c.eat("名称修改为")
                {
                    let Some(title) = c.short_quote() else { return Err(unsupported(c, "应当是“新名称”")) };
                    ops.push(Op::DivisionRename { level: *level, parent: *parent, number: *number, title });
                    return Ok(());
                }
                return Err(unsupported(c, &preview(c.rest())));
            }
            _ => {}
        }
        let arts: Vec<(u32, Option<Addr>)> =
            list.iter().filter_map(|t| if let Target::Article(a, at) = t { Some((*a, *at)) } else { None }).collect();
        if arts.len() != list.len() {
            return Err(unsupported(c, "条和章不能在同一处并列"));
        }
        if c.eat("合并") {
            let mark = c.pos;
            c.seps();
            if !c.rest().starts_with("作为") {
                // 将第X条、第Y条合并，修改为：“……” — the merged article
                // stands where the first stood: the first restated, the
                // others deleted.
                if !(c.eat("修改为：") || c.eat("修改为:")) {
                    c.pos = mark;
                    return Err(unsupported(c, "合并后应当写明“作为第X条”或“修改为：”和合并后的条文"));
                }
                let lines = c.quote()?;
                let mut olds = arts.iter().map(|a| a.0);
                if let Some(first) = olds.next() {
                    ops.push(Op::Edit {
                        article: first,
                        renumber: None,
                        edits: vec![Edit::Whole { article: to_qart(&lines) }],
                    });
                }
                ops.extend(olds.map(|article| Op::Delete { article }));
                return Ok(());
            }
            let (true, Some(number)) = (c.eat("作为"), c.article()) else {
                return Err(unsupported(c, "合并后应当写明“作为第X条”"));
            };
            c.seps();
            if !c.eat("修改为：") {
                return Err(unsupported(c, "应当写明“修改为：”和合并后的条文"));
            }
            let lines = c.quote()?;
            ops.push(Op::Merge { articles: arts.iter().map(|a| a.0).collect(), number, article: to_qart(&lines) });
            return Ok(());
        }
        if arts.iter().all(|(a, at)| *a == arts[0].0 && at.is_some()) && c.rest().starts_with("改为第") {
            // 将第九十九条第一款、第二款改为第一百一十条[，修改为：“……”]
            c.eat("改为");
            let Some(number) = c.article() else { return Err(unsupported(c, "改为后应当是第X条")) };
            let takes: Vec<(u32, u32)> = arts.iter().filter_map(|(a, at)| at.map(|x| (*a, x.para))).collect();
            c.seps();
            let parts = if c.eat("修改为：") || c.eat("修改为:") {
                let lines = c.quote()?;
                lines.iter().map(|l| Part::New { block: to_qblock(std::slice::from_ref(l)) }).collect()
            } else {
                takes.iter().map(|(a, p)| Part::Old { article: *a, para: *p }).collect()
            };
            ops.push(Op::Compose { number, takes, parts });
            return Ok(());
        }
        if arts.len() > 1 {
            // 将第A条、第B条第二款中的“X”修改为“Y”.
            if !c.eat("中的") {
                return Err(unsupported(c, &preview(c.rest())));
            }
            let from = c.short_quote();
            let ok = c.eat("修改为");
            let to = c.short_quote();
            let (Some(from), true, Some(to)) = (from, ok, to) else { return Err(unsupported(c, &preview(c.rest()))) };
            for (a, at) in arts {
                ops.push(Op::Edit {
                    article: a,
                    renumber: None,
                    edits: vec![Edit::Words { at, from: from.clone(), to: to.clone() }],
                });
            }
            return Ok(());
        }
        let (article, at) = arts[0];
        if c.eat("移作") || c.eat("移至") {
            let Some(number) = c.article() else { return Err(unsupported(c, "移作后应当是第X条")) };
            ops.push(Op::Move { article, number });
            return Ok(());
        }
        if c.eat("改为") {
            if let Some((k, "条")) = c.counted() {
                c.seps();
                let save = c.pos;
                let shared = c.number_list("款").is_some();
                c.pos = save;
                if shared {
                    // 第一款作为第八十条；第二款作为第八十一条第一款，修改为：“……”；
                    // 第三、四款分别作为第八十一条第二、三款.
                    let made = distribute(c, article)?;
                    if made.len() != k as usize {
                        return Err(err(
                            codes::A001,
                            here,
                            format!("改为{k}条，但列出的是{}条", made.len()),
                            Some("每一条写成“第X款作为第Y条”"),
                        ));
                    }
                    ops.extend(made);
                    return Ok(());
                }
                let mut numbers = Vec::new();
                if c.eat("作为") {
                    while let Some(n) = c.article() {
                        numbers.push(n);
                        c.eat("、");
                    }
                }
                c.seps();
                if numbers.len() != k as usize || !c.eat("修改为：") {
                    return Err(unsupported(c, "拆分应当写成“改为两条，作为第X条、第Y条，修改为：……”"));
                }
                let lines = c.quote()?;
                let pieces = to_pieces(&lines);
                if pieces.len() != numbers.len() {
                    return Err(err(
                        codes::A001,
                        here,
                        format!("拆分为{}条，但引文里有{}条", numbers.len(), pieces.len()),
                        Some("每一条的引文以“第X条”开头"),
                    ));
                }
                ops.push(Op::Split { article, numbers, pieces });
                return Ok(());
            }
            let Some(n) = c.article() else { return Err(unsupported(c, "改为后应当是第X条")) };
            let mut list = Vec::new();
            edits(c, at, &mut list)?;
            if list.is_empty() && at.is_none() {
                // 将第X条改为第Y条。 alone: the article takes that place.
                ops.push(Op::Move { article, number: n });
            } else {
                ops.push(Op::Edit { article, renumber: Some(n), edits: list });
            }
            return Ok(());
        }
        c.eat("的");
        let mut list = Vec::new();
        edits(c, at, &mut list)?;
        if list.is_empty() {
            return Err(unsupported(c, &preview(c.rest())));
        }
        ops.push(Op::Edit { article, renumber: None, edits: list });
        return Ok(());
    }
    if c.eat("删去") {
        if let Some(article) = c.article() {
            let at = c.addr();
            if c.eat("中的") {
                let Some(from) = c.short_quote() else { return Err(unsupported(c, "应当是“原文”")) };
                let mut list = vec![Edit::Words { at, from, to: String::new() }];
                edits(c, None, &mut list)?;
                ops.push(Op::Edit { article, renumber: None, edits: list });
                return Ok(());
            }
            match at {
                Some(at) => {
                    let mut list = vec![Edit::DeleteBlock { at }];
                    // 删去第二十条第二款、第三款 · 删去第五条第二款第三项和第四项
                    let mut last = at;
                    loop {
                        let save = c.pos;
                        match (c.eat("、") || c.eat("和"), c.addr()) {
                            (true, Some(mut next)) => {
                                if !next.named && next.item > 0 {
                                    (next.para, next.named) = (last.para, last.named);
                                }
                                list.push(Edit::DeleteBlock { at: next });
                                last = next;
                            }
                            _ => {
                                c.pos = save;
                                break;
                            }
                        }
                    }
                    edits(c, None, &mut list)?;
                    ops.push(Op::Edit { article, renumber: None, edits: list });
                }
                None => {
                    ops.push(Op::Delete { article });
                    // 删去第十条、第十一条 · 删去第十条至第十二条
                    loop {
                        if c.eat("至") {
                            // (A range of more than 10,000 articles is no charter's.)
                            let Some(last) = c.article().filter(|l| *l > article && *l - article <= 10_000) else {
                                return Err(unsupported(c, "删去第X条至第Y条：“至”后应当是更后面的第Y条"));
                            };
                            ops.extend((article + 1..=last).map(|article| Op::Delete { article }));
                            continue;
                        }
                        let save = c.pos;
                        if !(c.eat("、") || c.eat("和")) {
                            break;
                        }
                        match c.article() {
                            Some(article) if c.addr().is_none() => ops.push(Op::Delete { article }),
                            _ => {
                                c.pos = save;
                                break;
                            }
                        }
                    }
                }
            }
            return Ok(());
        }
        if let Some(ch) = c.number("章") {
            let (level, parent, number) = match c.number("节") {
                Some(s) => (Level::Section, Some(ch), s),
                None => (Level::Chapter, None, ch),
            };
            c.eat("的");
            c.eat("章名");
            c.eat("节名");
            ops.push(Op::DivisionDelete { level, parent, number });
            return Ok(());
        }
        return Err(unsupported(c, "删去后应当是第X条、第X条第X款或第X章"));
    }
    if c.eat("在") {
        // 在第X章中增加一节 / 在第X条第Y款、…中的“A”后增加“B”
        let list = targets(c);
        if let [Target::Division(level, parent, number)] = list.as_slice() {
            if c.eat("后") {
                // 在第二章后增加一章 · 在第二章第一节后增加一节
                return division_add(c, ops, if *level == Level::Section { *parent } else { None });
            }
            if *level == Level::Chapter {
                c.eat("中");
                return division_add(c, ops, Some(*number));
            }
        }
        if let [Target::Article(article, at)] = list.as_slice()
            && c.eat("后")
        {
            c.seps();
            match at {
                // 在第五条第二款后增加一款，作为第三款：“……”
                Some(at) => {
                    let mut edit_list = Vec::new();
                    edits(c, Some(*at), &mut edit_list)?;
                    if edit_list.is_empty() {
                        return Err(unsupported(c, "应当是“增加一款，作为第X款：……”"));
                    }
                    ops.push(Op::Edit { article: *article, renumber: None, edits: edit_list });
                }
                // 在第五条后增加一条，作为第六条：“……”
                None => add_articles(c, ops)?,
            }
            return Ok(());
        }
        if !c.eat("中的") {
            return Err(unsupported(c, &preview(c.rest())));
        }
        let Some(from) = c.short_quote() else { return Err(unsupported(c, &preview(c.rest()))) };
        let Some(to) = insertion(c, &from)? else { return Err(unsupported(c, &preview(c.rest()))) };
        for t in list {
            let Target::Article(a, at) = t else { return Err(unsupported(c, "章节中不能增加文字")) };
            ops.push(Op::Edit {
                article: a,
                renumber: None,
                edits: vec![Edit::Words { at, from: from.clone(), to: to.clone() }],
            });
        }
        return Ok(());
    }
    if c.rest().starts_with("增加一章") || c.rest().starts_with("增加一节") {
        return division_add(c, ops, None);
    }
    if c.rest().starts_with("增加两条") || c.rest().starts_with("增加三条") {
        return add_articles(c, ops);
    }
    if c.eat("增加一条") {
        c.seps();
        let (true, Some(number)) = (c.eat("作为"), c.article()) else {
            return Err(unsupported(c, "增加一条后应当写明“作为第X条”"));
        };
        c.seps();
        if c.rest().starts_with("将第") {
            // 将第X条第Y款[修改后]作为本条第K款[：“……”]，…
            let (mut takes, mut parts) = (Vec::new(), Vec::new());
            while c.eat("将") {
                let (Some(a), Some(at)) = (c.article(), c.addr()) else {
                    return Err(unsupported(c, "应当是“将第X条第Y款作为本条第K款”"));
                };
                let changed = c.eat("修改后");
                if !c.eat("作为本条") {
                    return Err(unsupported(c, "应当是“作为本条第K款”"));
                }
                let Some(k) = c.number("款") else { return Err(unsupported(c, "应当是“本条第K款”")) };
                takes.push((a, at.para));
                let part = if changed {
                    c.eat("：");
                    c.eat(":");
                    let lines = c.quote()?;
                    Part::New { block: to_qblock(&lines) }
                } else {
                    Part::Old { article: a, para: at.para }
                };
                insert_part(&mut parts, k, part, c)?;
                c.seps();
            }
            ops.push(Op::Compose { number, takes, parts });
            return Ok(());
        }
        c.eat("：");
        c.eat(":");
        let lines = c.quote()?;
        ops.push(Op::Add { number, article: to_qart(&lines) });
        return Ok(());
    }
    if let Some(article) = c.article() {
        // 第五条增加一款，作为第三款：
        let at = c.addr();
        let mut list = Vec::new();
        edits(c, at, &mut list)?;
        if !list.is_empty() {
            ops.push(Op::Edit { article, renumber: None, edits: list });
            return Ok(());
        }
    }
    let _ = here;
    Err(unsupported(c, &preview(c.rest())))
}

/// 半角标点符号[统一]修改为[相应的]全角标点符号 (after 将本章程中的): the
/// half-width punctuation normalised. False (nothing read) otherwise.
fn punctuation(c: &mut Cur) -> bool {
    let save = c.pos;
    let ok = (c.eat("半角标点符号") || c.eat("半角标点"))
        && {
            c.eat("统一");
            c.eat("修改为") || c.eat("改为")
        }
        && {
            c.eat("相应的");
            c.eat("对应的");
            c.eat("全角标点符号") || c.eat("全角标点")
        };
    if !ok {
        c.pos = save;
    }
    ok
}

/// 第十条之一 before the clause's first quotation: numbers here are
/// positions, so an inserted number cannot be placed.
fn inserted_number(c: &Cur) -> Result<(), ParseError> {
    let r = c.rest();
    let head = &r[..r.find(['“', '"', '\n']).unwrap_or(r.len())];
    let Some(k) = head.find("条之") else { return Ok(()) };
    let after = &head[k + "条之".len()..];
    if !after.starts_with(|ch: char| "一二三四五六七八九十".contains(ch)) {
        return Ok(());
    }
    let start = head[..k].rfind('第').unwrap_or(k);
    Err(err(
        codes::A001,
        c.base + c.pos + start..c.base + c.pos + k + "条之".len() + after.chars().next().map_or(0, char::len_utf8),
        "不支持“第X条之一”这样的条号：章程的条号按条文的位置依次计算",
        Some("写成调整后的条号，例如“增加一条，作为第十一条”，其后各条的序号由“此外，对条文顺序……作相应调整”一句调整"),
    ))
}

/// After “A”: 后增加“B” (之后增加, 后面增加) → AB, 前增加“B” (之前增加,
/// 前面增加) → BA; None when neither follows.
fn insertion(c: &mut Cur, from: &str) -> Result<Option<String>, ParseError> {
    let after = ["后增加", "之后增加", "后面增加"].iter().any(|w| c.eat(w));
    let before = !after && ["前增加", "之前增加", "前面增加"].iter().any(|w| c.eat(w));
    if !after && !before {
        return Ok(None);
    }
    let Some(add) = c.short_quote() else { return Err(unsupported(c, "增加后应当是“增加的文字”")) };
    Ok(Some(if after { format!("{from}{add}") } else { format!("{add}{from}") }))
}

/// 增加一条，作为第N条：“……” · 增加两条，分别作为第N条、第M条：“第N条　……
/// “第M条　……”: articles added (new numbers).
fn add_articles(c: &mut Cur, ops: &mut Vec<Op>) -> Result<(), ParseError> {
    let here = c.here();
    let (true, Some((k, "条"))) = (c.eat("增加"), c.counted()) else {
        return Err(unsupported(c, "应当是“增加一条，作为第X条：……”"));
    };
    c.seps();
    if !(c.eat("分别作为") || c.eat("作为")) {
        return Err(unsupported(c, "增加的条文应当写明“作为第X条”"));
    }
    let mut numbers = Vec::new();
    while let Some(n) = c.article() {
        numbers.push(n);
        if !c.eat("、") {
            break;
        }
    }
    if numbers.len() != k as usize {
        return Err(err(
            codes::A001,
            here,
            format!("增加{k}条，但“作为”后列出的条数是{}", numbers.len()),
            Some("增加的条数与列出的条号一一对应：增加两条，分别作为第X条、第Y条"),
        ));
    }
    c.seps();
    c.eat("：");
    c.eat(":");
    let lines = c.quote()?;
    if numbers.len() == 1 {
        ops.push(Op::Add { number: numbers[0], article: to_qart(&lines) });
        return Ok(());
    }
    let pieces = to_pieces(&lines);
    if pieces.len() != numbers.len() {
        return Err(err(
            codes::A001,
            here,
            format!("增加{}条，但引文里有{}条", numbers.len(), pieces.len()),
            Some("每一条的引文以“第X条”开头"),
        ));
    }
    ops.extend(numbers.into_iter().zip(pieces).map(|(number, article)| Op::Add { number, article }));
    Ok(())
}

/// Put part `k` (1-based) of a composed article in its place.
fn insert_part(parts: &mut Vec<Part>, k: u32, part: Part, c: &Cur) -> Result<(), ParseError> {
    if k as usize != parts.len() + 1 {
        return Err(err(
            codes::A001,
            c.here(),
            format!(
                "本条的第{}款之前应当先有第{}款",
                numerals::to_chinese(k),
                numerals::to_chinese(parts.len() as u32 + 1)
            ),
            Some("按本条第一款、第二款……的顺序写"),
        ));
    }
    parts.push(part);
    Ok(())
}

/// 第一款作为第八十条；第二款作为第八十一条第一款，修改为：“……”；第三、四款
/// 分别作为第八十一条第二、三款: the 款 of old article `article` shared out
/// among new articles, one [`Op::Compose`] each (in order of number).
fn distribute(c: &mut Cur, article: u32) -> Result<Vec<Op>, ParseError> {
    // new article → (款 → part)
    let mut made: std::collections::BTreeMap<u32, std::collections::BTreeMap<u32, Part>> = Default::default();
    let mut takes: std::collections::BTreeMap<u32, Vec<(u32, u32)>> = Default::default();
    loop {
        c.seps();
        let Some(olds) = c.number_list("款") else { break };
        if !(c.eat("分别作为") || c.eat("作为")) {
            return Err(unsupported(c, "应当是“第X款作为第Y条”"));
        }
        let Some(number) = c.article() else { return Err(unsupported(c, "作为后应当是第X条")) };
        let places = c.number_list("款").unwrap_or_else(|| (1..=olds.len() as u32).collect());
        if places.len() != olds.len() {
            return Err(unsupported(c, "款的个数前后不一致"));
        }
        let save = c.pos;
        c.seps();
        let quoted = if c.eat("修改为：") || c.eat("修改为:") {
            Some(c.quote()?)
        } else {
            c.pos = save;
            None
        };
        let slot = made.entry(number).or_default();
        for (i, (o, k)) in olds.iter().zip(&places).enumerate() {
            takes.entry(number).or_default().push((article, *o));
            let part = match &quoted {
                Some(lines) if lines.len() == olds.len() => {
                    Part::New { block: to_qblock(std::slice::from_ref(&lines[i])) }
                }
                Some(lines) => Part::New { block: to_qblock(lines) },
                None => Part::Old { article, para: *o },
            };
            if slot.insert(*k, part).is_some() {
                return Err(unsupported(c, "同一款列出了两次"));
            }
        }
    }
    let mut ops = Vec::new();
    for (number, parts) in made {
        if parts.keys().copied().ne(1..=parts.len() as u32) {
            return Err(unsupported(c, "新条文的款应当从第一款起连续"));
        }
        ops.push(Op::Compose {
            number,
            takes: takes.remove(&number).unwrap_or_default(),
            parts: parts.into_values().collect(),
        });
    }
    if ops.is_empty() {
        return Err(unsupported(c, "应当是“第X款作为第Y条”"));
    }
    Ok(ops)
}

fn division_add(c: &mut Cur, ops: &mut Vec<Op>, parent: Option<u32>) -> Result<(), ParseError> {
    let level = if c.eat("增加一章") {
        Level::Chapter
    } else if c.eat("增加一节") {
        Level::Section
    } else {
        return Err(unsupported(c, &preview(c.rest())));
    };
    let unit = level.word();
    c.seps();
    let (true, Some(number)) = (c.eat("作为"), c.number(unit)) else {
        return Err(unsupported(c, "应当写明“作为第X章（节）”"));
    };
    c.seps();
    if c.eat("：") || c.eat(":") || c.rest().starts_with('“') {
        // 增加一章，作为第七章：“第七章　经费\n“第三十五条　……” — the
        // division with its articles quoted (their new numbers).
        let here = c.here();
        let lines = c.quote()?;
        let head = lines.first().map(|l| l.trim()).unwrap_or("");
        let mut h = Cur { s: head, pos: 0, base: 0 };
        let title = match h.number(unit) {
            Some(n) if n == number => h.rest().trim_start_matches([' ', '\u{3000}']).to_string(),
            _ => String::new(),
        };
        let pieces = to_numbered_pieces(&lines[1..]);
        if title.is_empty() || pieces.is_empty() || pieces.iter().any(|(n, _)| n.is_none()) {
            return Err(err(
                codes::A001,
                here,
                format!("增加的{unit}应当引出“第{}{unit}　名称”和其中的各条“第X条　……”", numerals::to_chinese(number)),
                None,
            ));
        }
        let numbers: Vec<u32> = pieces.iter().filter_map(|(n, _)| *n).collect();
        let (first, last) = (numbers[0], numbers[numbers.len() - 1]);
        if numbers.windows(2).any(|w| w[1] != w[0] + 1) {
            return Err(err(codes::A001, here, format!("增加的{unit}中的条号应当连续"), None));
        }
        ops.extend(pieces.into_iter().filter_map(|(n, article)| Some(Op::Add { number: n?, article })));
        ops.push(Op::DivisionAdd { level, parent, number, title, first, last });
        return Ok(());
    }
    if !(c.eat(&format!("{unit}名为")) || c.eat("名为")) {
        return Err(unsupported(c, &format!("应当写明“{unit}名为“……””")));
    }
    let Some(title) = c.short_quote() else { return Err(unsupported(c, "应当是“名称”")) };
    c.seps();
    c.eat("调整后的");
    let Some(first) = c.article() else { return Err(unsupported(c, "应当写明哪些条文列入该章（节）")) };
    let last = if c.eat("至") { c.article().unwrap_or(first) } else { first };
    c.eat(&format!("列入该{unit}"));
    c.eat("列入本章");
    c.eat("列入本节");
    ops.push(Op::DivisionAdd { level, parent, number, title, first, last });
    Ok(())
}

/// Read a decision. `text` is the whole file.
pub fn parse(text: &str) -> Result<Decision, Vec<ParseError>> {
    let (d, errors) = parse_lenient(text)?;
    if errors.is_empty() { Ok(d) } else { Err(errors) }
}

/// Read a decision, keeping the items that can be read: the decision
/// without the unreadable items, and the errors (for validation against
/// real decisions). Fails only when no item is found at all.
pub fn parse_lenient(text: &str) -> Result<(Decision, Vec<ParseError>), Vec<ParseError>> {
    // A decision in Traditional script (第五條, 修改為, 「」) reads as one in
    // Simplified; same offsets (`script`).
    let norm = crate::script::normalise(text);
    let (mut d, errors) = parse_text(&norm.text)?;
    if norm.traditional {
        crate::script::restore_quoted(&mut d);
    }
    Ok((d, errors))
}

fn parse_text(text: &str) -> Result<(Decision, Vec<ParseError>), Vec<ParseError>> {
    let mut errors = Vec::new();
    // Lines with their byte offsets.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut off = 0;
    for l in text.split_inclusive('\n') {
        lines.push((off, l));
        off += l.len();
    }
    let mut title = String::new();
    let mut body = String::new();
    let mut date = None;
    let mut first_item = None;
    // A 修正案 numbers its items 第一条、第二条… when no line starts 一、.
    let form = if lines.iter().any(|(_, l)| item_number(l.trim().trim_start_matches('>').trim()).is_some()) {
        Form::Items
    } else {
        Form::Articles
    };
    for (k, (_, l)) in lines.iter().enumerate() {
        let t = l.trim().trim_start_matches('>').trim();
        if numbered(form, t).is_some() {
            first_item = Some(k);
            break;
        }
        if form == Form::Articles && title.is_empty() && t.ends_with("修正案") {
            // 《测试章程》修正案 · 测试章程修正案
            title = t.trim_end_matches("修正案").trim_start_matches('《').trim_end_matches('》').to_string();
        }
        if let Some(p) = t.find("作如下修改") {
            let head = &t[..p];
            // The last 》 after the first 《 (a stray 》 before it is no title).
            if let Some(a) = head.find('《')
                && let Some(b) = head[a..].rfind('》')
            {
                title = head[a + '《'.len_utf8()..a + b].to_string();
            }
            if let Some(b) = head.find("决定对") {
                body = head[..b].to_string();
            }
        }
        if date.is_none() && t.contains('年') && t.contains('月') && t.contains('日') {
            date = chinese_to_iso(t);
        }
    }
    let Some(first_item) = first_item else {
        return Err(vec![err(
            codes::A002,
            0..text.len().min(1),
            "修改决定里没有修改项（一、二、三……）",
            Some("每一项以“一、”“二、”……开头，各占一段"),
        )]);
    };
    if title.is_empty() {
        errors.push(err(codes::A001, 0..0, "没有找到开头一句“……决定对《……》作如下修改：”", None));
    }
    // Items: from one numbered line to the next; the closing ends the last.
    let mut items: Vec<(u32, usize, usize)> = Vec::new(); // (number, start, end)
    // The line before was a bare 第X条 inside a quotation (its text follows).
    let mut prev_label = false;
    for (off, l) in &lines[first_item..] {
        let t = l.trim_start();
        let lead = l.len() - t.len();
        if let Some((n, len)) = numbered(form, t.trim_start_matches('>').trim_start()) {
            if let Some(last) = items.last_mut() {
                last.2 = *off;
            }
            let skip = t.len() - t.trim_start_matches('>').trim_start().len();
            items.push((n, off + lead + skip + len, off + l.len()));
            continue;
        }
        let t = t.trim();
        if t.starts_with("此外") || t.starts_with("本决定") || (t.starts_with('《') && t.contains("根据本决定"))
        {
            break;
        }
        let after_label = std::mem::replace(&mut prev_label, is_article_label(t.trim_start_matches(['“', '"'])));
        if t.is_empty() {
            prev_label = after_label;
        }
        if t.is_empty() || t.starts_with('“') || t.starts_with('"') || starts_clause(t) || after_label {
            if let Some(last) = items.last_mut() {
                last.2 = off + l.len();
            }
            continue;
        }
        // Anything else after the items is not part of them (e.g. a
        // provision of the decision itself).
        if let Some(last) = items.last_mut() {
            last.2 = *off;
        }
        break;
    }
    let mut out = Vec::new();
    for (k, (n, start, end)) in items.iter().enumerate() {
        if *n as usize != k + 1 {
            errors.push(err(
                codes::A004,
                *start..*start,
                format!(
                    "修改项的序号应当是“{}、”，这里是“{}、”",
                    numerals::to_chinese(k as u32 + 1),
                    numerals::to_chinese(*n)
                ),
                None,
            ));
        }
        let mut c = Cur { s: &text[*start..*end], pos: 0, base: *start };
        let mut ops = Vec::new();
        let mut failed = false;
        while !c.at_end() {
            let before = c.pos;
            if let Err(e) = clause(&mut c, &mut ops) {
                errors.push(e);
                failed = true;
                break;
            }
            c.seps();
            if c.pos == before {
                errors.push(unsupported(&c, &preview(c.rest())));
                failed = true;
                break;
            }
        }
        if !failed && ops.is_empty() {
            errors.push(err(codes::A001, *start..*end, "这一项没有任何修改", None));
            failed = true;
        }
        if !failed {
            out.push(Item { no: *n as usize, ops, span: Some(*start..*end) });
        }
    }
    Ok((Decision { schema: SCHEMA, script: Default::default(), title, body, date, items: out }, errors))
}

fn starts_clause(t: &str) -> bool {
    ["将", "增加", "删去", "在", "第", "其中", "修改为", "标题", "（", "(", "相应地", "同时", "并"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// （2023年3月13日…） → 2023-03-13.
fn chinese_to_iso(t: &str) -> Option<String> {
    let y = t.find('年')?;
    let ys: String =
        t[..y].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    let r = &t[y + '年'.len_utf8()..];
    let m = r.find('月')?;
    let r2 = &r[m + '月'.len_utf8()..];
    let d = r2.find('日')?;
    let (mo, da): (u32, u32) = (r[..m].parse().ok()?, r2[..d].parse().ok()?);
    if ys.len() != 4 {
        return None;
    }
    Some(format!("{ys}-{mo:02}-{da:02}"))
}
