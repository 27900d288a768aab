//! Writing texts into the charter's YAML so that they load back as the same
//! printed text: the one place that knows what the loader's inline Markdown
//! interprets and what a YAML scalar can hold. Every writer of charter YAML
//! (`charter import`, `charter apply`) goes through it.

/// A text as one line: no line breaks, no tabs or other controls, and
/// nothing YAML cannot hold (the non-characters U+FFFE and U+FFFF are
/// outside its printable set: a file holding them does not load).
pub fn one_line(s: &str) -> String {
    s.chars().map(|c| if yaml_printable(c) { c } else { ' ' }).collect::<String>().trim().to_string()
}

/// A character YAML allows in a scalar (its printable set, less tab and
/// line breaks, which are not part of a one-line text).
fn yaml_printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}')
}

/// Escape what the loader's inline Markdown would interpret: `\`, `*`, `_`,
/// `` ` ``, `[` always; `<` and `&` where they would start an HTML tag or
/// an entity.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let escape = match c {
            '\\' | '*' | '_' | '`' | '[' => true,
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `s` (made one line) as a double-quoted YAML scalar: always safe.
pub fn double_quoted(s: &str) -> String {
    let s = one_line(s);
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// The comments of one node of a charter's YAML: the comment lines
/// directly above its first line, and the comment ending that line — kept
/// by writers that rewrite a file (`charter apply`) on the nodes that
/// survive. Each is stored from its `#`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    pub above: Vec<String>,
    pub after: Option<String>,
}

impl Comments {
    pub fn is_empty(&self) -> bool {
        self.above.is_empty() && self.after.is_none()
    }
}

/// The start of the line holding byte `offset` of `src`.
fn line_start(src: &str, offset: usize) -> usize {
    let offset = offset.min(src.len());
    src[..offset].rfind('\n').map_or(0, |p| p + 1)
}

/// The line before the one starting at `start`, as (its start, its text).
fn line_before(src: &str, start: usize) -> Option<(usize, &str)> {
    if start == 0 {
        return None;
    }
    let s = line_start(src, start - 1);
    Some((s, src[s..start - 1].trim_end_matches('\r')))
}

/// A block scalar's header line (`- |`, `text: |-`, `>`): its content
/// starts on the next line.
fn block_header(line: &str) -> bool {
    let t = line.trim_end();
    ["|", "|-", "|+", ">", ">-", ">+"].iter().any(|h| t.ends_with(h))
}

/// The comment ending a line (` # …` after a plain value), if any: not
/// inside quotes, and not in a line of a block scalar's text.
fn trailing_comment(line: &str) -> Option<String> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && (prev == ' ' || prev == '\t') && !line[..i].trim().is_empty() => {
                return Some(line[i..].trim_end().to_string());
            }
            None => {}
        }
        prev = c;
    }
    None
}

/// The comments of the node whose YAML starts at byte `offset` of `src`
/// (a mapping's first key, or a scalar: a block scalar's text lines lead
/// back to its header line).
pub fn comments_at(src: &str, offset: usize) -> Comments {
    let mut start = line_start(src, offset);
    // Inside a block scalar's text: back to its header.
    if let Some((s, l)) = line_before(src, start) {
        let here = src[start..].lines().next().unwrap_or("");
        let indent = |x: &str| x.len() - x.trim_start().len();
        if block_header(l) && indent(here) > indent(l) {
            start = s;
        }
    }
    let first = src[start..].lines().next().unwrap_or("");
    let after = if block_header(first) { None } else { trailing_comment(first) };
    let mut above = Vec::new();
    let mut at = start;
    while let Some((s, l)) = line_before(src, at) {
        let t = l.trim_start();
        if !t.starts_with('#') {
            break;
        }
        above.push(t.trim_end().to_string());
        at = s;
    }
    above.reverse();
    Comments { above, after }
}

/// The comment lines at the top of a file, before its first key (the
/// `yaml-language-server` line, notes to the secretariat).
pub fn leading_comments(src: &str) -> Vec<String> {
    src.lines()
        .map(str::trim)
        .take_while(|l| l.is_empty() || l.starts_with('#'))
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Write `c.above` as lines indented by `pad` into `out`.
pub fn write_comments_above(out: &mut String, c: &Comments, pad: &str) {
    for l in &c.above {
        out.push_str(pad);
        out.push_str(l);
        out.push('\n');
    }
}

/// `line` (one line of YAML, no line break) with `c.after` at its end.
pub fn with_trailing_comment(line: &str, c: &Comments) -> String {
    match &c.after {
        Some(a) => format!("{line}  {a}"),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_of_nodes() {
        let src = "# head\ntitle: T\nbody:\n  # 总则一章\n  - chapter: 总则  # 章\n    body:\n      # 第一条\n      # 两行\n      - id: a1  # 条\n        text: |\n          正文 # 不是注释\n      - id: a2\n        text: \"x # y\"\n";
        let ch = src.find("chapter").unwrap_or(0);
        assert_eq!(comments_at(src, ch), Comments { above: vec!["# 总则一章".into()], after: Some("# 章".into()) });
        let a1 = src.find("id: a1").unwrap_or(0);
        assert_eq!(
            comments_at(src, a1),
            Comments { above: vec!["# 第一条".into(), "# 两行".into()], after: Some("# 条".into()) }
        );
        let text = src.find("正文").unwrap_or(0);
        assert_eq!(comments_at(src, text), Comments::default());
        let a2 = src.find("id: a2").unwrap_or(0);
        assert_eq!(comments_at(src, a2 + 20), Comments::default());
        assert_eq!(leading_comments(src), vec!["# head".to_string()]);
    }

    #[test]
    fn texts_that_yaml_or_markdown_would_change_are_escaped() {
        assert_eq!(one_line(" a\u{FFFE}b\tc\n"), "a b c");
        assert_eq!(escape_markdown("*甲*_乙_[[x]] <b> &amp; 1<2"), "\\*甲\\*\\_乙\\_\\[\\[x]] \\<b> \\&amp; 1<2");
        assert_eq!(double_quoted("他说\"好\"\\"), "\"他说\\\"好\\\"\\\\\"");
    }
}
