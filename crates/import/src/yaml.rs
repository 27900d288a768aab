//! The YAML writer: what `charter import` prints.
//!
//! Written by hand (not by a serializer) so that it looks like what a person
//! writes: stable key order, one block scalar (`text: |`) per text — which
//! also protects against the ` #` and `: ` traps — and plain scalars for
//! short titles whenever YAML reads them back unchanged (quoted otherwise).
//! Texts are escaped for the inline Markdown the loader understands, so a
//! literal `*` or `[[` comes back as itself.

use std::fmt::Write;

use super::{IArticle, IBlock, INode, Imported, InputFormat};
pub use charter_core::yaml_text::escape_markdown;
use charter_core::yaml_text::{double_quoted, one_line};

/// Where the charter came from, for the header comment.
#[derive(Debug)]
pub struct Origin<'a> {
    pub file: &'a str,
    pub format: InputFormat,
    pub encoding: &'a str,
}

/// The YAML of an imported charter.
pub fn write(c: &Imported, origin: &Origin<'_>) -> String {
    let mut s = String::with_capacity(c.articles().len() * 200 + 1024);
    let enc = if origin.format == InputFormat::Docx { String::new() } else { format!("，{}", origin.encoding) };
    let _ = writeln!(s, "# 由 charter import 从 {} 导入（{}{enc}）。", one_line(origin.file), origin.format.name_zh());
    s.push_str("# 编号（第一章、第一条、（一））由工具计算，不要手写；id 取自原文的编号（art-21 即原第二十一条），\n");
    s.push_str("# 以后重新编号时 id 不变。每段正文都是 `|` 文本块，正文里的“ #”和“: ”不会被误读。\n");
    for c in &c.loose_comments {
        for (i, line) in c.lines().enumerate() {
            let head = if i == 0 { "# Word 批注（不在任何条上）：" } else { "#   " };
            let _ = writeln!(s, "{head}{}", one_line(line));
        }
    }
    let _ = writeln!(s, "title: {}", scalar(&c.title));
    if let Some(st) = &c.status {
        let _ = writeln!(s, "status: {}", scalar(st));
    }
    if let Some(d) = &c.date {
        let _ = writeln!(s, "date: {d}  # 取自原文的落款");
    }
    if c.script() == Some(charter_core::script::Script::Traditional) {
        s.push_str("script: traditional  # 原文是繁體字：編號印作第一條、第一章\n");
    }
    if let Some(issuer) = &c.issuer {
        if issuer.contains('\n') {
            s.push_str("issuer: |  # 取自原文的落款\n");
            for line in issuer.lines() {
                let _ = writeln!(s, "  {}", one_line(line));
            }
        } else {
            let _ = writeln!(s, "issuer: {}  # 取自原文的落款", scalar(issuer));
        }
    }
    if !c.history.is_empty() {
        s.push_str("history:\n");
        for h in &c.history {
            let _ = writeln!(s, "  - {}", scalar(&escape_markdown(h)));
        }
    }
    if !c.preamble.is_empty() {
        s.push_str("preamble:\n");
        for p in &c.preamble {
            s.push_str("  - |\n");
            block_lines(&mut s, p, 4);
        }
    }
    s.push_str("\nbody:\n");
    nodes(&mut s, &c.body, 2);
    s
}

fn nodes(s: &mut String, list: &[INode], indent: usize) {
    let pad = " ".repeat(indent);
    for n in list {
        match n {
            INode::Division(d) => {
                comment(s, &pad, d.note.as_deref());
                let _ = writeln!(s, "{pad}- {}: {}", d.level.key(), scalar(&d.title));
                let _ = writeln!(s, "{pad}  id: {}", d.id);
                note(s, &pad, d.drafter_note.as_deref());
                if d.unnumbered {
                    let _ = writeln!(s, "{pad}  unnumbered: true");
                }
                if d.body.is_empty() {
                    let _ = writeln!(s, "{pad}  body: []");
                } else {
                    let _ = writeln!(s, "{pad}  body:");
                    nodes(s, &d.body, indent + 4);
                }
            }
            INode::Article(a) => article(s, a, indent),
        }
    }
}

fn article(s: &mut String, a: &IArticle, indent: usize) {
    let pad = " ".repeat(indent);
    comment(s, &pad, a.note.as_deref());
    let _ = writeln!(s, "{pad}- id: {}", a.id);
    note(s, &pad, a.drafter_note.as_deref());
    if let Some(h) = &a.heading {
        let _ = writeln!(s, "{pad}  heading: {}", scalar(&escape_markdown(h)));
    }
    if a.inserted {
        let _ = writeln!(s, "{pad}  inserted: true");
    }
    if a.repealed {
        let _ = writeln!(s, "{pad}  repealed: true");
        return;
    }
    match a.paragraphs.as_slice() {
        [] => {}
        [p] if p.id.is_none() => {
            if !p.text.is_empty() {
                let _ = writeln!(s, "{pad}  text: |");
                block_lines(s, &p.text, indent + 4);
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

/// `items:` and its list, at `indent`.
fn items(s: &mut String, list: &[IBlock], indent: usize) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "{}items:", " ".repeat(indent));
    for i in list {
        block(s, i, indent + 2);
    }
}

/// One list entry: `- |` with the text, or a mapping when it has items.
fn block(s: &mut String, b: &IBlock, indent: usize) {
    let pad = " ".repeat(indent);
    comment(s, &pad, b.note.as_deref());
    if let Some(id) = &b.id {
        let _ = writeln!(s, "{pad}- id: {id}");
        if !b.text.is_empty() {
            let _ = writeln!(s, "{pad}  text: |");
            block_lines(s, &b.text, indent + 4);
        }
        items(s, &b.items, indent + 2);
        return;
    }
    if b.items.is_empty() {
        let _ = writeln!(s, "{pad}- |");
        block_lines(s, &b.text, indent + 2);
        return;
    }
    if b.text.is_empty() {
        let _ = writeln!(s, "{pad}- items:");
        for i in &b.items {
            block(s, i, indent + 4);
        }
        return;
    }
    let _ = writeln!(s, "{pad}- text: |");
    block_lines(s, &b.text, indent + 4);
    items(s, &b.items, indent + 2);
}

/// The drafter's note (`note:`, from Word comments) of the node at `pad`:
/// one line as a scalar, several as a `|` block (the loader trims it).
fn note(s: &mut String, pad: &str, note: Option<&str>) {
    let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) else { return };
    let lines: Vec<String> = n.lines().map(one_line).collect();
    if lines.len() == 1 {
        let _ = writeln!(s, "{pad}  note: {}", scalar(&lines[0]));
        return;
    }
    let _ = writeln!(s, "{pad}  note: |");
    for l in lines {
        let _ = writeln!(s, "{pad}    {l}");
    }
}

/// A note of the import as a comment line: `# 导入：…`.
fn comment(s: &mut String, pad: &str, note: Option<&str>) {
    if let Some(n) = note {
        let _ = writeln!(s, "{pad}# 导入：{}", one_line(n));
    }
}

/// The body of a block scalar: the (escaped) text on one indented line.
fn block_lines(s: &mut String, text: &str, indent: usize) {
    for _ in 0..indent {
        s.push(' ');
    }
    s.push_str(&escape_markdown(&one_line(text)));
    s.push('\n');
}

/// A scalar for a short one-line value: plain when YAML reads it back as
/// the same string, double-quoted otherwise.
pub fn scalar(s: &str) -> String {
    let s = one_line(s);
    if plain_ok(&s) {
        return s;
    }
    double_quoted(&s)
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace() {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.contains('\t') {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    const SPECIAL: [&str; 14] =
        ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", ".nan", "<<"];
    if SPECIAL.contains(&lower.as_str()) {
        return false;
    }
    // Anything that could be read as a number, date or time.
    !s.chars().all(|c| c.is_ascii_digit() || "+-.:eE_xXoObB ".contains(c) || c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars() {
        assert_eq!(scalar("总则"), "总则");
        assert_eq!(scalar("2021.11"), "\"2021.11\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("召开日期为: 2021"), "\"召开日期为: 2021\"");
        assert_eq!(scalar("#号"), "\"#号\"");
        assert_eq!(scalar("说\"明\""), "说\"明\"");
        assert_eq!(scalar("-说\"明\""), "\"-说\\\"明\\\"\"");
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_markdown("成绩*与[[a]]和<b>及<中华>&amp;"), "成绩\\*与\\[\\[a]]和\\<b>及<中华>\\&amp;");
    }
}
