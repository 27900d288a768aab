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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_that_yaml_or_markdown_would_change_are_escaped() {
        assert_eq!(one_line(" a\u{FFFE}b\tc\n"), "a b c");
        assert_eq!(escape_markdown("*甲*_乙_[[x]] <b> &amp; 1<2"), "\\*甲\\*\\_乙\\_\\[\\[x]] \\<b> \\&amp; 1<2");
        assert_eq!(double_quoted("他说\"好\"\\"), "\"他说\\\"好\\\"\\\\\"");
    }
}
