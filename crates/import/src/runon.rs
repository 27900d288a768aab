//! Run-on lines of text extracted from PDFs: several articles (and
//! headings) on one line, page numbers glued to what follows them
//! ("…制定本法。8第二条民法调整…").
//!
//! One pass over the classified lines keeps the numbering sequence (the
//! article expected next, the expected number of every division level, the
//! last page number) and splits a line where that sequence demands it: at
//! the article or heading expected next, when it follows the end of a
//! sentence (possibly through a glued page number) or a heading. A page
//! number glued in front of a label or, once the page sequence is known,
//! in front of text becomes a page-number line of its own. A cross-reference
//! that happens to start a line or follow a full stop (第五百一十条的规定,
//! 。第二章规定的) is not the expected label followed by text, so it stays
//! text.

use std::collections::HashSet;

use charter_core::model::Level;

use super::lines::{Kind, Line, cites_on, classify, ends_closed, is_space};

/// The numbering sequence seen so far.
#[derive(Default)]
struct Seq {
    article: Option<(u32, u32)>,
    /// Last number per level: 编, 分编, 章, 节.
    levels: [Option<u32>; 4],
    /// The last chapter within the current 编.
    last_chapter: Option<u32>,
    /// The last item label （N） in the current article.
    item: Option<u32>,
    page: Option<u32>,
    /// Numbers glued after a sentence end that form a run (n next to
    /// n − 1 or n + 1 among such numbers): page numbers, also before the
    /// page sequence is known.
    chain: HashSet<u32>,
}

fn level_index(l: Level) -> usize {
    match l {
        Level::Part => 0,
        Level::Subpart => 1,
        Level::Chapter => 2,
        Level::Section => 3,
    }
}

impl Seq {
    /// Is the glued number `n` a page number?
    fn is_page(&self, n: u32) -> bool {
        match self.page {
            Some(p) => n == p + 1 || (n > p + 1 && self.chain.contains(&n)),
            None => self.chain.contains(&n),
        }
    }

    fn item_expected(&self, n: u32) -> bool {
        n == self.item.map_or(1, |k| k + 1)
    }

    fn article_expected(&self, n: u32, sub: u32) -> bool {
        match self.article {
            None => (n, sub) == (1, 0),
            Some((b, s)) => (sub == 0 && n == b + 1) || (sub > 0 && n == b && sub == s + 1),
        }
    }

    fn heading_expected(&self, level: Level, n: u32) -> bool {
        match self.levels[level_index(level)] {
            Some(k) => n == k + 1,
            // Chapters may go on across 分编 (第二分编 › 第四章).
            None => n == 1 || (level == Level::Chapter && self.last_chapter.is_some_and(|c| n == c + 1)),
        }
    }

    /// Take in a line (or a piece of one) as the document goes on.
    fn update(&mut self, kind: &Kind) {
        match kind {
            Kind::Article { number, sub, sep, rest, .. }
                if *sep || !cites_on(rest) || self.article_expected(*number, *sub) =>
            {
                self.article = Some((*number, *sub));
                self.item = None;
            }
            Kind::Item { number, dun: false, .. } => self.item = Some(*number),
            Kind::Heading { level, number, title, sep, .. } if *sep || !cites_on(title) => {
                let i = level_index(*level);
                self.levels[i] = Some(*number);
                match level {
                    Level::Part => self.last_chapter = None,
                    Level::Chapter => self.last_chapter = Some(*number),
                    _ => {}
                }
                for l in &mut self.levels[i + 1..] {
                    *l = None;
                }
                self.item = None;
            }
            _ => {}
        }
    }
}

/// ASCII digits glued at the end of `s`, at most four: (value, bytes).
fn trailing_page(s: &str) -> Option<(u32, usize)> {
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    s[s.len() - digits..].parse().ok().map(|n| (n, digits))
}

/// ASCII digits at the start of `s`, at most four: (value, bytes).
fn leading_page(s: &str) -> Option<(u32, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    s[..digits].parse().ok().map(|n| (n, digits))
}

/// A character that may follow a glued page number in running text: a
/// Chinese character or an opening bracket, not a unit (3日, 5年, 2个).
fn starts_text(c: char) -> bool {
    let cjk = ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '（' | '“' | '《');
    cjk && !"年月日时時分秒个個元岁歲倍号號条條款项項章节節编編名人次天周週万萬亿億千百十度".contains(c)
}

/// A label at the start of `s` that the sequence expects next (or, when
/// `any`, any article or heading label not read as a cross-reference).
fn expected_label(seq: &Seq, s: &str) -> Option<Kind> {
    let kind = classify(s);
    let ok = match &kind {
        Kind::Article { number, sub, sep, rest, .. } => {
            seq.article_expected(*number, *sub) && (*sep || !cites_on(rest))
        }
        Kind::Heading { level, number, title, sep, .. } => {
            seq.heading_expected(*level, *number) && (*sep || !cites_on(title)) && !title.is_empty()
        }
        _ => false,
    };
    ok.then_some(kind)
}

/// Does the text before a label (page digits removed) leave room for a new
/// article or heading: the end of a sentence, or a heading's title?
fn boundary_before(before: &str, in_heading: bool) -> bool {
    in_heading || ends_closed(tail(before))
}

/// Split run-on lines; glued page numbers become lines of their own.
pub fn resplit(lines: Vec<Line>) -> Vec<Line> {
    let mut seq = Seq { chain: page_chain(&lines), ..Seq::default() };
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.kind == Kind::PageNumber {
            seq.page = line.text.trim().parse().ok().or(seq.page);
            out.push(line);
            continue;
        }
        if matches!(line.kind, Kind::Blank | Kind::Toc | Kind::PreambleMark) {
            seq.update(&line.kind);
            out.push(line);
            continue;
        }
        split_line(line, &mut seq, &mut out);
    }
    out
}

/// Numbers glued at a sentence boundary (line start or after 。；：) in
/// front of text, and page-number lines, in document order; those next to
/// their predecessor or successor in value form the page sequence.
fn page_chain(lines: &[Line]) -> HashSet<u32> {
    let mut found = Vec::new();
    for l in lines {
        if l.kind == Kind::PageNumber {
            if let Ok(n) = l.text.trim().parse() {
                found.push(n);
            }
            continue;
        }
        let t = l.text.as_str();
        let mut closed = true;
        let mut prev_digit = false;
        for (i, c) in t.char_indices() {
            let digit = c.is_ascii_digit();
            if digit
                && !prev_digit
                && closed
                && let Some((n, len)) = leading_page(&t[i..])
                && t[i + len..].chars().next().is_some_and(|c| c == '第' || starts_text(c))
            {
                found.push(n);
            }
            closed = matches!(c, '。' | '；' | '：' | '！' | '？');
            prev_digit = digit;
        }
    }
    let mut chain = HashSet::new();
    for w in found.windows(2) {
        if w[1] == w[0] + 1 {
            chain.insert(w[0]);
            chain.insert(w[1]);
        }
    }
    chain
}

/// A piece of `line`: bytes [a, b) of its text.
fn piece(line: &Line, a: usize, b: usize, kind: Option<Kind>) -> Line {
    // Spaces before the next label belong to neither piece.
    let b = a + line.text[a..b].trim_end_matches(is_space).len();
    let text = line.text[a..b].to_string();
    // Source offsets: exact when the normalised text is the source's,
    // otherwise clamped into the line.
    let width = line.end.saturating_sub(line.start);
    let map = |o: usize| line.start + o.min(width);
    let kind = kind.unwrap_or_else(|| classify(&text));
    Line {
        no: line.no,
        start: map(a),
        end: map(b),
        text,
        md_depth: if a == 0 { line.md_depth } else { 0 },
        after_blank: a == 0 && line.after_blank,
        kind,
    }
}

fn split_line(line: Line, seq: &mut Seq, out: &mut Vec<Line>) {
    let t = line.text.as_str();
    // A page number glued in front of the line.
    let mut seg = 0;
    if let Some((n, len)) = leading_page(t)
        && let Some(c) = t[len..].chars().next()
        && (expected_label(seq, head(t, len)).is_some() || (seq.is_page(n) && starts_text(c)))
    {
        out.push(piece(&line, 0, len, Some(Kind::PageNumber)));
        seq.page = Some(n);
        seg = len;
    }
    if seg == 0 && !has_candidate(t) {
        seq.update(&line.kind);
        out.push(line);
        return;
    }
    let mut seg_kind = classify(head(t, seg));
    seq.update(&seg_kind);
    let mut at = seg;
    while let Some(off) = next_break(t, at, seg) {
        at = off;
        let before = &t[seg..at];
        let in_heading = matches!(seg_kind, Kind::Heading { .. } | Kind::Supplementary { .. });
        // A label the sequence expects here, through glued page digits.
        let page = trailing_page(before);
        let bare = page.map_or(before, |(_, len)| &before[..before.len() - len]);
        let label = if t[at..].starts_with('第') { expected_label(seq, head(t, at)) } else { None };
        // An unnumbered 附则 (附　　则) right before the label.
        let sup = label.as_ref().and_then(|_| bare.rfind('附')).filter(|&p| {
            p > 0
                && bare.len() - p <= 24
                && matches!(classify(&bare[p..]), Kind::Supplementary { .. })
                && (in_heading || ends_closed(tail(&bare[..p])))
        });
        if let Some(kind) = label
            && !bare.is_empty()
            && (sup.is_some() || boundary_before(bare, in_heading))
        {
            let end = seg + bare.len();
            if let Some(p) = sup {
                let w = bare.len() - p;
                out.push(piece(&line, seg, end - w, None));
                out.push(piece(&line, end - w, end, None));
            } else {
                out.push(piece(&line, seg, end, None));
            }
            if let Some((n, len)) = page {
                out.push(piece(&line, end, end + len, Some(Kind::PageNumber)));
                seq.page = Some(n);
            }
            seg = at;
            seq.update(&kind);
            seg_kind = kind;
            at += '第'.len_utf8();
            continue;
        }
        // An item （N） expected next, after 。；：.
        if t[at..].starts_with(['（', '('])
            && let kind @ Kind::Item { number, dun: false, .. } = classify(head(t, at))
            && seq.item_expected(number)
            && bare.ends_with(['。', '；', '：'])
            && page.is_none()
        {
            out.push(piece(&line, seg, at, None));
            seg = at;
            seq.update(&kind);
            seg_kind = kind;
            at += t[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        // A page number glued to running text after a full stop.
        if let Some((n, len)) = leading_page(&t[at..])
            && seq.is_page(n)
            && t[at + len..].chars().next().is_some_and(starts_text)
            && ends_closed(tail(before))
        {
            out.push(piece(&line, seg, at, None));
            out.push(piece(&line, at, at + len, Some(Kind::PageNumber)));
            seq.page = Some(n);
            seg = at + len;
            seg_kind = classify(head(t, seg));
            seq.update(&seg_kind);
            at = seg;
            continue;
        }
        at += t[at..].chars().next().map_or(1, char::len_utf8);
    }
    out.push(piece(&line, seg, t.len(), None));
}

/// Labels are classified on a bounded window of the line from `at`, and
/// sentence ends looked for in a bounded tail, so a long run-on line with
/// many candidates costs linear time.
fn head(t: &str, at: usize) -> &str {
    let mut end = (at + WINDOW).min(t.len());
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    &t[at..end]
}

fn tail(t: &str) -> &str {
    let mut start = t.len().saturating_sub(WINDOW);
    while !t.is_char_boundary(start) {
        start += 1;
    }
    &t[start..]
}

const WINDOW: usize = 240;

/// Could this line hold a break at all (a 第 or a digit after its start)?
fn has_candidate(t: &str) -> bool {
    t.char_indices().skip(1).any(|(_, c)| matches!(c, '第' | '（' | '(') || c.is_ascii_digit())
}

/// The next position at or after `from` (and after `seg`) where a label or
/// a glued page number may start: a 第, or the first of a run of digits.
fn next_break(t: &str, from: usize, seg: usize) -> Option<usize> {
    let mut prev_digit = from > 0 && t[..from].ends_with(|c: char| c.is_ascii_digit());
    for (i, c) in t[from..].char_indices() {
        let pos = from + i;
        let digit = c.is_ascii_digit();
        if pos > seg && (matches!(c, '第' | '（' | '(') || (digit && !prev_digit)) {
            return Some(pos);
        }
        prev_digit = digit;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputFormat;
    use crate::lines::split;

    fn pieces(text: &str) -> Vec<String> {
        resplit(split(text, InputFormat::Text).0)
            .into_iter()
            .filter(|l| l.kind != Kind::Blank)
            .map(|l| if l.kind == Kind::PageNumber { format!("[{}]", l.text) } else { l.text })
            .collect()
    }

    #[test]
    fn run_on_articles_and_glued_pages() {
        let got = pieces(
            "法\n第一章总则第一条为了保护，制定本法。8第二条民法调整关系，适用本法第三条的规定。第三条当事人。\n9第四条甲。第二章附则\n第五条乙。\n",
        );
        assert_eq!(
            got,
            [
                "法",
                "第一章总则",
                "第一条为了保护，制定本法。",
                "[8]",
                "第二条民法调整关系，适用本法第三条的规定。",
                "第三条当事人。",
                "[9]",
                "第四条甲。",
                "第二章附则",
                "第五条乙。"
            ]
        );
    }

    /// Splitting loses nothing: the pieces of every line, page numbers
    /// included, put together give the line back, but for the spaces
    /// between pieces (random label soup).
    #[test]
    fn pieces_give_the_line_back() {
        const TOKENS: [&str; 24] = [
            "第", "一", "二", "十", "条", "條", "章", "节", "编", "之", "1", "23", "。", "；", "：", "（", "）", "附",
            "则", "\u{3000}", "\n", "的", "甲", "x",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let mut text = String::from("章程\n第一条甲。");
            for _ in 0..40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(TOKENS[(state % TOKENS.len() as u64) as usize]);
            }
            let (lines, _) = split(&text, InputFormat::Text);
            let originals: Vec<(usize, String)> = lines.iter().map(|l| (l.no, l.text.clone())).collect();
            let out = resplit(lines);
            for (no, original) in originals {
                let squash = |s: &str| s.chars().filter(|c| !is_space(*c)).collect::<String>();
                let joined: String = out.iter().filter(|l| l.no == no).map(|l| squash(&l.text)).collect();
                assert_eq!(joined, squash(&original), "{text:?}");
                assert!(out.iter().filter(|l| l.no == no).all(|l| l.text.trim_end_matches(is_space) == l.text));
            }
        }
    }

    #[test]
    fn cross_references_stay_text() {
        // 第三条 is expected but read as a citation (的规定); 第九条 is not
        // expected; 第二条 after a comma is no article start.
        let got = pieces("法\n第一条甲。第三条的规定。第九条乙。\n第二条丙，第三条丁。\n");
        assert_eq!(got, ["法", "第一条甲。第三条的规定。第九条乙。", "第二条丙，第三条丁。"]);
    }

    #[test]
    fn page_numbers_before_text_follow_the_sequence() {
        let got = pieces("法\n第一条甲。\n3\n第二条乙：\n4（一）丙；。5丁。2020年。\n");
        assert_eq!(got, ["法", "第一条甲。", "[3]", "第二条乙：", "[4]", "（一）丙；。", "[5]", "丁。2020年。"]);
    }

    /// The Civil Code as a PDF extraction without separators gives it:
    /// two of every three line breaks lost, no space after 第X条, a page
    /// number glued to the start of every 30th line. Every article must
    /// come back with its exact text; without this pass many are lost.
    #[test]
    fn civil_code_from_dirty_pdf_text() {
        const PATH: &str = "../../../shared/data/laws/civil-code_rag4legalqa.txt";
        let Ok(clean) = std::fs::read_to_string(PATH) else {
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                (format!("skipped: civil_code_from_dirty_pdf_text: {PATH} is absent") + "\n").as_bytes(),
            );
            return;
        };
        let dirty = dirty_copy(&clean, true);
        if let Ok(p) = std::env::var("RUNON_DUMP") {
            std::fs::write(p, &dirty).ok();
        }
        let import = |text: &str, resplit_on: bool| {
            let (lines, _) = split(text, InputFormat::Text);
            let lines = if resplit_on { resplit(lines) } else { lines };
            crate::build::build(&lines, charter_core::source::FileId(0), InputFormat::Text, "x", &[], &[])
                .charter
                .unwrap_or_default()
        };
        let reference: Vec<(String, String)> =
            import(&clean, true).articles().iter().map(|a| (a.id.clone(), printed(a))).collect();
        assert_eq!(reference.len(), 1260);
        let exact = |c: &crate::Imported| {
            let got: std::collections::HashMap<String, String> =
                c.articles().iter().map(|a| (a.id.clone(), printed(a))).collect();
            reference.iter().filter(|(id, text)| got.get(id) == Some(text)).count()
        };
        let before = import(&dirty, false);
        let after = import(&dirty, true);
        let (b, a) = (exact(&before), exact(&after));
        eprintln!(
            "civil code, dirty PDF text: articles with exact text {b}/1260 ({} found) without the pass, {a}/1260 ({} found) with it",
            before.counts().articles,
            after.counts().articles
        );
        // Milder: line breaks kept, only the separators lost and the page
        // numbers glued.
        let mild = dirty_copy(&clean, false);
        if let Ok(p) = std::env::var("RUNON_DUMP") {
            std::fs::write(format!("{p}.mild"), &mild).ok();
        }
        let (mb, ma) = (import(&mild, false), import(&mild, true));
        eprintln!(
            "civil code, line breaks kept: exact {}/1260 ({} found) without the pass, {}/1260 ({} found) with it",
            exact(&mb),
            mb.counts().articles,
            exact(&ma),
            ma.counts().articles
        );
        assert_eq!(exact(&ma), 1260);
        if std::env::var("RUNON_DEBUG").is_ok() {
            let got: std::collections::HashMap<String, String> =
                after.articles().iter().map(|a| (a.id.clone(), printed(a))).collect();
            for (id, text) in reference.iter().filter(|(id, text)| got.get(id) != Some(text)).take(12) {
                eprintln!(
                    "MISS {id}: want {}\n   got {:?}",
                    text.chars().take(60).collect::<String>(),
                    got.get(id).map(|t| t.chars().take(60).collect::<String>())
                );
            }
        }
        assert_eq!(after.counts().articles, 1260);
        assert_eq!(a, 1260);
        let n = after.counts();
        assert_eq!((n.parts, n.subparts, n.chapters, n.sections), (8, 8, 84, 37));
    }

    fn dirty_copy(clean: &str, join: bool) -> String {
        let lines: Vec<&str> = clean.lines().collect();
        let body =
            lines.iter().enumerate().filter(|(_, l)| l.trim_start_matches('\u{3000}').starts_with("第一编")).nth(1);
        let start = body.map_or(0, |(i, _)| i);
        let mut out = lines[..start].join("\n");
        let mut page = 0;
        let body = lines[start..].iter().map(|l| l.trim_matches(|c: char| c.is_whitespace())).filter(|l| !l.is_empty());
        for (k, l) in body.enumerate() {
            // No separator after an article label.
            let l = match l.split_once('条') {
                Some((label, rest))
                    if label.starts_with('第') && label.chars().count() <= 9 && rest.starts_with('\u{3000}') =>
                {
                    format!("{label}条{}", rest.trim_start_matches('\u{3000}'))
                }
                _ => l.to_string(),
            };
            if !join || k % 3 == 0 {
                out.push('\n');
            }
            if k % 30 == 29 {
                page += 1;
                out.push_str(&page.to_string());
            }
            out.push_str(&l);
        }
        out.push('\n');
        out
    }

    fn printed(a: &crate::IArticle) -> String {
        use charter_core::numerals::{item_label, subitem_label};
        fn block(b: &crate::IBlock, s: &mut String, depth: usize) {
            s.push_str(&b.text);
            for (i, it) in b.items.iter().enumerate() {
                s.push_str(&if depth == 0 { item_label(i as u32 + 1) } else { subitem_label(i as u32 + 1) });
                block(it, s, depth + 1);
            }
        }
        let mut s = a.heading.clone().unwrap_or_default();
        for p in &a.paragraphs {
            block(p, &mut s, 0);
        }
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }
}
