//! A small converter from the statute texts in `../shared/data/laws/`
//! (lawrefbook Markdown and the Civil Code's plain text) to charter YAML,
//! for measuring the checker's false positives on well-drafted law. It is
//! test scaffolding, not the importer: it knows just enough of those two
//! layouts. Nothing it produces is written to the repository.

#![allow(dead_code)]

use std::fmt::Write as _;

#[derive(Debug, Default)]
pub struct Converted {
    pub yaml: String,
    pub articles: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Level {
    Part,
    Subpart,
    Chapter,
    Section,
}

struct Article {
    id: String,
    /// Paragraphs, each with its items.
    paragraphs: Vec<(String, Vec<String>)>,
}

const NUMERALS: &str = "零〇一二三四五六七八九十百千两";

fn clean(line: &str) -> String {
    line.trim_start_matches('#')
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{200b}' || c == '\u{feff}')
        .to_string()
}

/// `第X编 title` etc.: (level, title).
fn division(line: &str) -> Option<(Level, String)> {
    let rest = line.strip_prefix('第')?;
    let n = rest.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum::<usize>();
    if n == 0 {
        return None;
    }
    let after = &rest[n..];
    let (level, title) = if let Some(t) = after.strip_prefix("分编") {
        (Level::Subpart, t)
    } else if let Some(t) = after.strip_prefix('编') {
        (Level::Part, t)
    } else if let Some(t) = after.strip_prefix('章') {
        (Level::Chapter, t)
    } else if let Some(t) = after.strip_prefix('节') {
        (Level::Section, t)
    } else {
        return None;
    };
    if !title.starts_with([' ', '\u{3000}']) && !title.is_empty() {
        return None;
    }
    let title: String = title.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    if title.is_empty() || title.chars().count() > 30 {
        return None;
    }
    Some((level, title))
}

/// `第X条 text`: the text.
fn article(line: &str) -> Option<String> {
    let rest = line.strip_prefix('第')?;
    let n = rest.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum::<usize>();
    if n == 0 {
        return None;
    }
    let mut after = rest[n..].strip_prefix('条')?;
    if let Some(x) = after.strip_prefix('之') {
        let m = x.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum::<usize>();
        after = &x[m..];
    }
    if !after.starts_with([' ', '\u{3000}']) {
        return None;
    }
    Some(after.trim_start_matches([' ', '\u{3000}']).to_string())
}

/// `（一）text`: the text.
fn item(line: &str) -> Option<String> {
    let rest = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let n = rest.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum::<usize>();
    if n == 0 {
        return None;
    }
    let after = rest[n..].strip_prefix('）').or_else(|| rest[n..].strip_prefix(')'))?;
    Some(after.trim_start_matches([' ', '\u{3000}']).to_string())
}

/// Escape what the charter's inline Markdown would read as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '[' | '<' | '`' | '\\' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn block(out: &mut String, indent: &str, key: &str, text: &str) {
    let extra = if key.starts_with("- ") && key.len() > 2 { "  " } else { "" };
    let _ = writeln!(out, "{indent}{key}|\n{indent}{extra}  {}", escape(text));
}

pub fn convert(source: &str) -> Converted {
    let lines: Vec<String> = source.lines().map(clean).collect();
    // The body starts at the first article, with the headings just above it.
    let Some(first) = lines.iter().position(|l| article(l).is_some()) else { return Converted::default() };
    let mut start = first;
    while start > 0 && (lines[start - 1].is_empty() || division(&lines[start - 1]).is_some()) {
        start -= 1;
    }
    let preamble_at = lines[..start].iter().position(|l| l == "序言");
    let title = lines.iter().find(|l| !l.is_empty()).cloned().unwrap_or_default();
    let mut y = String::new();
    let _ = writeln!(y, "title: |\n  {}", escape(&title));
    if let Some(p) = preamble_at {
        let paras: Vec<&String> =
            lines[p + 1..start].iter().filter(|l| !l.is_empty() && !l.starts_with("<!--")).collect();
        if !paras.is_empty() {
            let _ = writeln!(y, "preamble:");
            for para in paras {
                block(&mut y, "  ", "- ", para);
            }
        }
    }
    let _ = writeln!(y, "body:");
    let mut stack: Vec<Level> = Vec::new();
    let mut current: Option<Article> = None;
    let mut n_articles = 0;
    let mut n_div = 0;
    let flush = |y: &mut String, a: Option<Article>, depth: usize| {
        let Some(a) = a else { return };
        let ind = "  ".repeat(depth * 2 + 1);
        let _ = writeln!(y, "{ind}- id: {}", a.id);
        let para = |y: &mut String, ind: &str, key: &str, text: &str, items: &[String]| {
            if text.is_empty() && !items.is_empty() {
                let _ = writeln!(y, "{ind}{key}items:");
            } else {
                block(y, ind, &format!("{key}text: "), text);
                if !items.is_empty() {
                    let pad = " ".repeat(key.chars().count());
                    let _ = writeln!(y, "{ind}{pad}items:");
                }
            }
            for it in items {
                let pad = " ".repeat(key.chars().count());
                block(y, &format!("{ind}{pad}  "), "- ", it);
            }
        };
        if a.paragraphs.len() == 1 {
            let (t, items) = &a.paragraphs[0];
            para(y, &format!("{ind}  "), "", t, items);
        } else {
            let _ = writeln!(y, "{ind}  paragraphs:");
            for (t, items) in &a.paragraphs {
                para(y, &format!("{ind}    "), "- ", t, items);
            }
        }
    };
    for l in &lines[start..] {
        if l.is_empty() || l.starts_with("<!--") {
            continue;
        }
        if let Some((level, title)) = division(l)
            .or_else(|| (l.replace([' ', '\u{3000}'], "") == "附则").then(|| (Level::Chapter, "附则".to_string())))
        {
            flush(&mut y, current.take(), stack.len());
            while stack.last().is_some_and(|top| *top >= level) {
                stack.pop();
            }
            n_div += 1;
            let ind = "  ".repeat(stack.len() * 2 + 1);
            let key = match level {
                Level::Part => "part",
                Level::Subpart => "subpart",
                Level::Chapter => "chapter",
                Level::Section => "section",
            };
            let _ = writeln!(y, "{ind}- {key}: {title}\n{ind}  id: d{n_div}");
            if division(l).is_none() {
                let _ = writeln!(y, "{ind}  unnumbered: true");
            }
            let _ = writeln!(y, "{ind}  body:");
            stack.push(level);
            continue;
        }
        if let Some(text) = article(l) {
            flush(&mut y, current.take(), stack.len());
            n_articles += 1;
            current = Some(Article { id: format!("a{n_articles}"), paragraphs: vec![(text, Vec::new())] });
            continue;
        }
        let Some(a) = current.as_mut() else { continue };
        if let Some(text) = item(l) {
            if let Some(p) = a.paragraphs.last_mut() {
                p.1.push(text);
            }
        } else if a.paragraphs.last().is_some_and(|p| {
            p.0.ends_with("组成：") && (p.1.is_empty() || p.1.last().is_some_and(|i| !i.ends_with('。')))
        }) {
            // 由下列人员组成：委员长，副委员长若干人，……: unlabelled items.
            if let Some(p) = a.paragraphs.last_mut() {
                p.1.push(l.clone());
            }
        } else if a.paragraphs.last().is_some_and(|p| !p.1.is_empty()) && !l.ends_with(['。', '：']) {
            // A continuation of the last item (a wrapped line).
            if let Some(it) = a.paragraphs.last_mut().and_then(|p| p.1.last_mut()) {
                it.push_str(l);
            }
        } else {
            a.paragraphs.push((l.clone(), Vec::new()));
        }
    }
    flush(&mut y, current.take(), stack.len());
    Converted { yaml: y, articles: n_articles }
}
