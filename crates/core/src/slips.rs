//! Line-level YAML slips behind a syntax error, diagnosed as what they are:
//! a key indented a space too far or too little, a full-width colon after a
//! key (the most common input-method slip), a key without its colon. Each
//! diagnosis points at the culprit and carries a fix that repairs exactly it.

use crate::diagnostic::{Diagnostic, Edit};
use crate::load::codes;
use crate::source::{FileId, SourceFile, Span};

/// Every key of the charter format (for "is this line a key without its
/// colon").
pub(crate) const KEYS: &[&str] = &[
    "title",
    "status",
    "date",
    "history",
    "preamble",
    "terms",
    "body",
    "part",
    "subpart",
    "chapter",
    "section",
    "id",
    "unnumbered",
    "allow",
    "heading",
    "text",
    "items",
    "paragraphs",
    "repealed",
    "inserted",
    "name",
    "short",
    "wrong",
    "kind",
    "note",
];

/// A key of the format after a space inside a value (`presidium heading：主席团职权`):
/// a more-indented next line that YAML folded into the value.
pub(crate) fn swallowed_key(value: &str) -> Option<&str> {
    value.split(' ').skip(1).find_map(format_key)
}

/// A key of the format among the words of a continuation line (its first
/// word included).
pub(crate) fn key_in_line(line: &str) -> Option<&str> {
    line.split(' ').find_map(format_key)
}

fn format_key(word: &str) -> Option<&str> {
    key_of(word).filter(|k| KEYS.contains(&k.0)).map(|k| k.0)
}

/// One line as YAML structure sees it.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    /// Byte offset of the line start.
    start: usize,
    /// Spaces before the first character.
    indent: usize,
    /// Column of the content after any `- ` markers.
    key_col: usize,
    /// The content after the markers.
    content: &'a str,
}

fn line_at(text: &str, start: usize) -> Line<'_> {
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let l = text[start..end].trim_end_matches('\r');
    let indent = l.len() - l.trim_start_matches(' ').len();
    let mut key_col = indent;
    let b = l.as_bytes();
    while key_col + 1 < b.len() && b[key_col] == b'-' && b[key_col + 1] == b' ' {
        key_col += 2;
        while key_col < b.len() && b[key_col] == b' ' {
            key_col += 1;
        }
    }
    Line { start, indent, key_col, content: &l[key_col.min(l.len())..] }
}

/// `word` followed by `:` or `：`: the key, the colon's byte index in
/// `content` and whether the colon is full-width.
fn key_of(content: &str) -> Option<(&str, usize, bool)> {
    let k = content.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-').count();
    if k == 0 || !content.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let after = &content[k..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    let rest = &after[spaces..];
    if rest.starts_with('：') {
        Some((&content[..k], k + spaces, true))
    } else if rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with([' ', '\r'])) {
        Some((&content[..k], k + spaces, false))
    } else {
        None
    }
}

/// Does this line open a block scalar (`text: |`, `- >-`)?
fn opens_block_scalar(content: &str) -> bool {
    let t = content.trim_end();
    let t = t.split(" #").next().unwrap_or(t).trim_end();
    let last = t.rsplit([' ', ':']).next().unwrap_or("");
    (t.ends_with(|c| matches!(c, '|' | '>' | '-' | '+' | '0'..='9')))
        && last.starts_with(['|', '>'])
        && last.len() <= 3
        && (t.len() == last.len() || t[..t.len() - last.len()].ends_with([' ', ':']))
}

/// The structural lines before byte `before` (no blanks, comments or
/// block-scalar content), in order.
fn structure(text: &str, before: usize) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::new();
    let mut block: Option<usize> = None; // indent of the line opening a block scalar
    let mut start = 0;
    while start < before.min(text.len()) {
        let l = line_at(text, start);
        let next = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
        let blank = l.content.trim().is_empty() && l.key_col == l.indent;
        if let Some(b) = block {
            if blank || l.indent > b {
                start = next;
                continue;
            }
            block = None;
        }
        if !blank && !l.content.starts_with('#') {
            if opens_block_scalar(l.content) {
                block = Some(l.indent);
            }
            out.push(l);
        }
        start = next;
    }
    out
}

/// The columns a key on a new line may start at after `lines`: the key
/// column and the `-` column of the last line and of each of its ancestors.
/// `None` when the last line opens a nested block (deeper is fine too).
fn valid_columns(lines: &[Line]) -> Option<Vec<usize>> {
    let last = lines.last()?;
    let opens = last.content.trim_end().ends_with(':') || last.content.trim_end().ends_with('：');
    let mut cols = vec![last.key_col, last.indent];
    let mut min = last.indent;
    for l in lines.iter().rev().skip(1) {
        if l.indent < min || (l.key_col < min && l.key_col > l.indent) {
            cols.push(l.key_col);
            cols.push(l.indent);
            min = min.min(l.indent);
        }
        if min == 0 {
            break;
        }
    }
    cols.push(0);
    if opens {
        return None;
    }
    cols.sort_unstable();
    cols.dedup();
    Some(cols)
}

/// A diagnosis of the syntax error at byte `at`, when one of the lines
/// around it shows a known slip.
pub(crate) fn diagnose(file: &SourceFile, id: FileId, at: usize) -> Option<Diagnostic> {
    let text = &file.text;
    let err_line = file.line_index(file.clamp(at));
    // The parser may stop on the culprit, the line after it or the one before.
    for line in [err_line, err_line.saturating_sub(1), err_line + 1] {
        let start = file.offset_of(line + 1, 1);
        if start >= text.len() && line > 0 {
            continue;
        }
        let l = line_at(text, start);
        if let Some(d) = colon_slip(l, id) {
            return Some(d);
        }
        if let Some(d) = indentation(text, l, id) {
            return Some(d);
        }
    }
    None
}

/// A full-width colon after a key on the line at `at` (where the parser
/// read the line as text instead of a mapping).
pub(crate) fn colon_slip_at(file: &SourceFile, id: FileId, at: usize) -> Option<Diagnostic> {
    let line = file.line_index(file.clamp(at));
    let l = line_at(&file.text, file.offset_of(line + 1, 1));
    match key_of(l.content) {
        Some((_, _, true)) => colon_slip(l, id),
        _ => None,
    }
}

/// `heading：主席团职权` or `heading 主席团职权` on a line of keys.
fn colon_slip(l: Line, id: FileId) -> Option<Diagnostic> {
    let c = l.content;
    let base = l.start + l.key_col;
    if let Some((key, colon, true)) = key_of(c) {
        let after = &c[colon + '：'.len_utf8()..];
        let replacement = if after.starts_with(' ') || after.is_empty() { ":" } else { ": " };
        let span = Span::new(id, base + colon, base + colon + '：'.len_utf8());
        return Some(
            Diagnostic::new(codes::Y002, format!("YAML 语法错误：键“{key}”后面用了全角冒号“：”"))
                .at(span, "这里要用半角冒号")
                .hint(format!(
                    "键后面的冒号必须是半角的“:”，再加一个空格：{key}: {}（正文里的冒号仍用全角）。",
                    after.trim()
                ))
                .with_fix("把全角冒号改成半角冒号", vec![Edit { span, replacement: replacement.into() }]),
        );
    }
    let k = c.bytes().take_while(u8::is_ascii_alphabetic).count();
    let key = &c[..k];
    if k > 0 && KEYS.contains(&key) && c[k..].starts_with(' ') && !c[k..].trim().is_empty() && key_of(c).is_none() {
        let span = Span::new(id, base + k, base + k + 1);
        let value = c[k..].trim();
        return Some(
            Diagnostic::new(codes::Y002, format!("YAML 语法错误：键“{key}”后面缺少冒号"))
                .at(span, "这里缺少半角冒号“:”")
                .hint(format!("写成“{key}: {value}”。"))
                .with_fix("补上冒号", vec![Edit { span: Span::new(id, base + k, base + k), replacement: ":".into() }]),
        );
    }
    None
}

/// A key line whose indentation matches none of the columns the lines
/// above allow, but is within three spaces of one.
fn indentation(text: &str, l: Line, id: FileId) -> Option<Diagnostic> {
    key_of(l.content)?;
    let above = structure(text, l.start);
    let cols = valid_columns(&above)?;
    if cols.contains(&l.indent) {
        return None;
    }
    let prev = above.last()?;
    // The sibling column of the line above first, then the nearest other.
    // A list item aligns with the `- ` of an earlier item.
    let dashes: Vec<usize> =
        above.iter().filter(|a| a.key_col > a.indent).map(|a| a.indent).filter(|c| cols.contains(c)).collect();
    let target = if l.key_col > l.indent {
        *dashes.iter().min_by_key(|c| c.abs_diff(l.indent))?
    } else if prev.key_col.abs_diff(l.indent) <= 3 {
        prev.key_col
    } else {
        *cols.iter().min_by_key(|c| c.abs_diff(l.indent))?
    };
    let diff = target.abs_diff(l.indent);
    if diff == 0 || diff > 3 {
        return None;
    }
    let prev_no = text[..prev.start].matches('\n').count() + 1;
    let key = key_of(l.content).map_or("", |k| k.0);
    let (more, span) = if l.indent > target {
        ("多", Span::new(id, l.start + target, l.start + l.indent))
    } else {
        ("少", Span::new(id, l.start, l.start + l.indent))
    };
    let message = format!("缩进不对：“{key}”比应有的位置{more}缩进了 {diff} 个空格");
    let aligned = if target == prev.key_col {
        let pk = key_of(prev.content).map_or("上一行", |k| k.0);
        format!("与第 {prev_no} 行的“{pk}”左端对齐")
    } else {
        format!("缩进 {target} 个空格")
    };
    Some(
        Diagnostic::new(codes::Y003, message)
            .at(
                if span.start == span.end { Span::new(id, l.start, l.start + 1) } else { span },
                format!("应当{aligned}"),
            )
            .hint(format!("同一层的键必须左端对齐：把这一行改为{aligned}。冒号不用改。"))
            .with_fix(
                "调整缩进",
                vec![Edit { span: Span::new(id, l.start, l.start + l.indent), replacement: " ".repeat(target) }],
            ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_scalar_openers() {
        for t in ["text: |", "text: |-", "- |", "text: >+", "text: |2"] {
            assert!(opens_block_scalar(t), "{t}");
        }
        for t in ["text: 甲|乙", "heading: 主席团", "text: a-", "items:"] {
            assert!(!opens_block_scalar(t), "{t}");
        }
    }

    #[test]
    fn keys() {
        assert_eq!(key_of("heading：主席团"), Some(("heading", 7, true)));
        assert_eq!(key_of("heading: 主席团"), Some(("heading", 7, false)));
        assert_eq!(key_of("items:"), Some(("items", 5, false)));
        assert_eq!(key_of("主席团：负责"), None);
        assert_eq!(key_of("http://x"), None);
    }
}
