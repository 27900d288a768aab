//! Decisions in Traditional script (`docs/amend.md`, *Traditional script*).
//!
//! The wording is composed in Simplified with “” quotation marks
//! (`decision`); [`localise`] puts a finished text into Traditional:
//! the tool's words outside quotations (關於修改, 修改為, 刪去, 第五條),
//! quotation marks 「」 with 『』 nested inside, quoted text and titles in
//! 《》 as the charter writes them.
//!
//! [`normalise`] is the reader's way back, at the entry of `parse`: the
//! structural characters outside quotations to Simplified (條 → 条, 將 →
//! 将, 為 → 为) and 「」 to “”, one character for one character of the
//! same length, so every byte offset — and every diagnostic — still points
//! into the text the user wrote. Quoted text is left as written;
//! [`restore_quoted`] turns the nested 『』 of a Traditional decision back
//! into the charter's 「」 after parsing.

use std::borrow::Cow;

use charter_core::script::{Script, simplified};

use crate::decision::{Decision, Edit, Op, Part, QArt, QBlock};

/// Is `line` (inside a quotation) led by an article label 第X条 followed by
/// an ideographic space (the pieces of a split article)? The label's end.
fn label_end(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('第')?;
    let n: usize =
        rest.chars().take_while(|c| charter_core::numerals::is_common_numeral_char(*c)).map(char::len_utf8).sum();
    let after = &rest[n..];
    let unit = after.chars().next()?;
    if n == 0 || !matches!(unit, '条' | '條') || !after[unit.len_utf8()..].starts_with('\u{3000}') {
        return None;
    }
    Some('第'.len_utf8() + n + unit.len_utf8())
}

/// A decision text composed in Simplified (“” quotes, ‘’ inside) in
/// `script`. Simplified: unchanged.
pub fn localise(text: &str, script: Script) -> String {
    if script == Script::Simplified {
        return text.to_string();
    }
    let [open, close, inner_open, inner_close] = script.quotes();
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    let mut title = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        // A quoted paragraph led by a split article's label: the label is
        // the tool's.
        if quoted
            && (line_start || c == '“')
            && let Some(end) = label_end(text[i..].strip_prefix('“').unwrap_or(&text[i..]))
        {
            let skip = if c == '“' { c.len_utf8() } else { 0 };
            if skip > 0 {
                out.push(open);
            }
            out.push_str(&script.words(&text[i + skip..i + skip + end]));
            i += skip + end;
            line_start = false;
            continue;
        }
        match c {
            '“' => {
                quoted = true;
                out.push(open);
                line_start = true;
                i += c.len_utf8();
                continue;
            }
            '”' => {
                quoted = false;
                out.push(close);
            }
            // The text's own 「」 nest as 『』 inside 「」; its “” (made ‘’
            // by `inner_quotes`) stay ‘’.
            '「' if quoted => out.push(inner_open),
            '」' if quoted => out.push(inner_close),
            '《' if !quoted => {
                title += 1;
                out.push(c);
            }
            '》' if !quoted => {
                title = title.saturating_sub(1);
                out.push(c);
            }
            c if quoted || title > 0 => out.push(c),
            c => out.push_str(&script.words(c.encode_utf8(&mut [0; 4]))),
        }
        line_start = c == '\n';
        i += c.len_utf8();
    }
    out
}

/// A decision text prepared for the parser: outside quotations and 《》,
/// Traditional structural characters as Simplified; 「」 as “”. Same byte
/// length, same offsets. `traditional` when the text quotes with 「」.
#[derive(Debug)]
pub struct Normalised<'a> {
    pub text: Cow<'a, str>,
    pub traditional: bool,
}

/// See [`Normalised`].
pub fn normalise(text: &str) -> Normalised<'_> {
    let mut out = String::with_capacity(text.len());
    let mut traditional = false;
    let mut quoted = false;
    // The mark that closes the open quotation: 」 or ”.
    let mut closer = '”';
    let mut title = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let is_open = matches!(c, '“' | '「') && (!quoted || line_start);
        if (quoted && line_start || is_open)
            && let Some(end) = label_end(text[i..].strip_prefix(['“', '「']).unwrap_or(&text[i..]))
        {
            let skip = if is_open { c.len_utf8() } else { 0 };
            if is_open {
                traditional |= c == '「';
                quoted = true;
                closer = if c == '「' { '」' } else { '”' };
                out.push('“');
            }
            out.extend(text[i + skip..i + skip + end].chars().map(simplified));
            i += skip + end;
            line_start = false;
            continue;
        }
        let d = match c {
            // An opening mark; inside a quotation only at a paragraph's
            // start (each paragraph of a long quotation opens again).
            '「' | '“' if !quoted || line_start => {
                traditional |= c == '「';
                quoted = true;
                closer = if c == '「' { '」' } else { '”' };
                '“'
            }
            c if quoted && c == closer => {
                quoted = false;
                '”'
            }
            '《' if !quoted => {
                title += 1;
                c
            }
            '》' if !quoted => {
                title = title.saturating_sub(1);
                c
            }
            c if quoted || title > 0 => c,
            c => simplified(c),
        };
        out.push(d);
        // Blanks and the Markdown quote mark before a paragraph's “.
        line_start = c == '\n' || line_start && matches!(c, ' ' | '\u{3000}' | '\t' | '>');
        i += c.len_utf8();
    }
    debug_assert_eq!(out.len(), text.len());
    Normalised { text: if out == text { Cow::Borrowed(text) } else { Cow::Owned(out) }, traditional }
}

fn unnest(s: &mut String) {
    if s.contains(['『', '』']) {
        *s = s.replace('『', "「").replace('』', "」");
    }
}

fn unnest_block(b: &mut QBlock) {
    unnest(&mut b.text);
    b.items.iter_mut().for_each(unnest_block);
}

fn unnest_art(a: &mut QArt) {
    if let Some(h) = &mut a.heading {
        unnest(h);
    }
    a.paragraphs.iter_mut().for_each(unnest_block);
}

/// After parsing a decision that quotes with 「」: the quoted texts' nested
/// 『』 back to the charter's 「」 (their ‘’ are “” already), and the
/// decision's script set.
pub fn restore_quoted(d: &mut Decision) {
    d.script = Script::Traditional;
    for it in &mut d.items {
        for op in &mut it.ops {
            match op {
                Op::Edit { edits, .. } => {
                    for e in edits {
                        match e {
                            Edit::Whole { article } => unnest_art(article),
                            Edit::Heading { text } => unnest(text),
                            Edit::Block { block, .. } | Edit::AddBlock { block, .. } => unnest_block(block),
                            Edit::Words { from, to, .. } => {
                                unnest(from);
                                unnest(to);
                            }
                            Edit::DeleteBlock { .. } => {}
                        }
                    }
                }
                Op::Add { article, .. } | Op::Merge { article, .. } => unnest_art(article),
                Op::Split { pieces, .. } => pieces.iter_mut().for_each(unnest_art),
                Op::Global { from, to } => {
                    unnest(from);
                    unnest(to);
                }
                Op::Compose { parts, .. } => {
                    for p in parts {
                        if let Part::New { block } = p {
                            unnest_block(block);
                        }
                    }
                }
                Op::DivisionAdd { title, .. } | Op::DivisionRename { title, .. } => unnest(title),
                Op::Title { text } => unnest(text),
                Op::Delete { .. } | Op::Move { .. } | Op::DivisionDelete { .. } | Op::Punctuation => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localise_and_back() {
        let s = "关于修改《香港示例大學學生會會章》的决定\n\n一、将第五条修改为：“本會「會徽」由代表會議決。”\n\n二、将第七条中的“三百”修改为“二百”。\n";
        let t = localise(s, Script::Traditional);
        assert_eq!(
            t,
            "關於修改《香港示例大學學生會會章》的決定\n\n一、將第五條修改為：「本會『會徽』由代表會議決。」\n\n二、將第七條中的「三百」修改為「二百」。\n"
        );
        let n = normalise(&t);
        assert!(n.traditional);
        assert_eq!(n.text.len(), t.len());
        assert_eq!(
            n.text,
            "关于修改《香港示例大學學生會會章》的决定\n\n一、将第五条修改为：“本會『會徽』由代表會議決。”\n\n二、将第七条中的“三百”修改为“二百”。\n"
        );
        assert_eq!(localise(s, Script::Simplified), s);
        assert!(!normalise(s).traditional);
    }

    #[test]
    fn split_labels() {
        let s = "将第五条改为两条，作为第五条、第六条，修改为：“第五条\u{3000}甲。\n“第六条\u{3000}乙。”";
        let t = localise(s, Script::Traditional);
        assert_eq!(t, "將第五條改為兩條，作為第五條、第六條，修改為：「第五條\u{3000}甲。\n「第六條\u{3000}乙。」");
        assert_eq!(normalise(&t).text, s);
    }
}
