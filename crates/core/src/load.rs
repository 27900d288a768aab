//! Loading: bytes → YAML (serde-saphyr, raw structs with positions) →
//! checked model, with a [`Diagnostic`] for every mistake.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use rustc_hash::FxHashMap;

use serde::de::{self, Deserialize as _};
use serde_saphyr::{Error as YamlError, Location, Spanned, budget::BudgetBreach};

use crate::diagnostic::Diagnostic;
pub use crate::id::is_valid_id;
use crate::model::{
    Allow, Article, Block, Charter, Division, Level, Meta, Name, Node, Note, PrintLayout, Term, TermKind,
};
use crate::raw::{RawBlock, RawCharter, RawNode, RawTerm, S};
use crate::script::Script;
use crate::source::{FileId, ScalarStyle, SourceFile, Sources, Span, scalar_style};
use crate::suggest::did_you_mean;
use crate::text::{ProblemKind, Text, join_lines};

/// The file name looked for when a path names a folder.
pub const CHARTER_FILE: &str = "charter.yaml";

/// Deepest YAML nesting accepted. The deepest legal document (编 › 分编 ›
/// 章 › 节 › 条 › 款 › 项 › 目) needs about 20.
const MAX_DEPTH: usize = 48;

/// The result of loading one charter file.
#[derive(Debug)]
pub struct Loaded {
    pub file: FileId,
    /// The charter, when the YAML could be read at all (it may still have
    /// errors among the diagnostics).
    pub charter: Option<Charter>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Load from bytes already read (a file, or a git revision).
pub fn load_bytes(path: &Path, bytes: Vec<u8>, sources: &mut Sources) -> Loaded {
    match add_source(path, bytes, sources) {
        (id, None) => load_source(sources, id),
        (id, Some(d)) => Loaded { file: id, charter: None, diagnostics: vec![d] },
    }
}

/// [`load_bytes`] for text already known to be UTF-8 (not validated again).
pub fn load_text(path: &Path, text: String, sources: &mut Sources) -> Loaded {
    let id = add_text(path, text, sources);
    load_source(sources, id)
}

/// Add UTF-8 text to `sources` with any byte-order mark dropped.
fn add_text(path: &Path, mut text: String, sources: &mut Sources) -> FileId {
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    sources.add(path, text)
}

/// Add a file's bytes to `sources` as text: UTF-8 with any byte-order mark
/// dropped. Bytes that are not UTF-8 are added lossily and come back with
/// the `Y001` diagnostic (then the file should not be parsed).
pub fn add_source(path: &Path, bytes: Vec<u8>, sources: &mut Sources) -> (FileId, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (add_text(path, text, sources), None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let lossy = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let (line, col) = {
                let f = SourceFile::new(path, lossy.clone());
                f.line_col(valid)
            };
            let encoding_hint = if looks_like_gbk(&bytes[valid..]) {
                "文件看起来是 GBK/GB18030 编码（中文 Windows 的“ANSI”）。请用编辑器“另存为 UTF-8”后再试。"
            } else {
                "请用编辑器把文件另存为 UTF-8 编码。"
            };
            let mut text = lossy;
            text.push_str(&String::from_utf8_lossy(&bytes[valid..]));
            let id = sources.add(path, text);
            let at = sources.file(id).offset_of(line, col);
            let d = Diagnostic::new(codes::Y001, "文件不是 UTF-8 编码")
                .at(Span::new(id, at, at), format!("第 {line} 行第 {col} 列起不是有效的 UTF-8"))
                .hint(encoding_hint);
            (id, Some(d))
        }
    }
}

fn looks_like_gbk(rest: &[u8]) -> bool {
    rest.len() >= 2 && (0x81..=0xFE).contains(&rest[0]) && (0x40..=0xFE).contains(&rest[1])
}

/// Parse and check the YAML of one file already in `sources`.
pub fn load_source(sources: &Sources, id: FileId) -> Loaded {
    let file = sources.file(id);
    let mut parsed: Parsed<RawCharter> = parse_recovering_lists(file, id, &["body", "terms"]);
    let mut diags = std::mem::take(&mut parsed.diagnostics);
    let Some(mut raw) = parsed.value.take() else {
        return Loaded { file: id, charter: None, diagnostics: diags };
    };
    let mut controls = Controls { file, id, found: Vec::new() };
    controls.charter(&mut raw);
    diags.extend(controls.found);
    let mut guesses = std::mem::take(&mut parsed.guesses);
    let mut conv = Converter {
        file,
        id,
        diags: Vec::new(),
        ids: FxHashMap::default(),
        restored: &parsed.restored,
        guesses: &mut guesses,
    };
    let charter = conv.charter(raw);
    let mut found = conv.diags;
    // Drop what only follows from an entry we blanked (a "missing text"
    // after an unknown key "txt").
    found.retain(|d| !(matches!(d.code.as_str(), "Y020" | "Y023" | "Y030" | "Y034") && parsed.in_blanked(d)));
    diags.extend(found);
    Loaded { file: id, charter, diagnostics: diags }
}

/// A control character (C0 but tab and line feed, DEL, C1): YAML lets a
/// double-quoted scalar write one as an escape (`"\0"`, `"\u0007"`).
pub fn is_control(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// Whether `s` has a character [`is_control`] finds, read byte by byte (this
/// runs on every string of the charter): C0 and DEL are single bytes, C1 is
/// 0xC2 followed by 0x80–0x9F.
fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    let exact = |i: usize, x: u8| {
        (x < b' ' && x != b'\t' && x != b'\n')
            || x == 0x7f
            || (x == 0xc2 && b.get(i + 1).is_some_and(|y| (0x80..=0x9f).contains(y)))
    };
    // A branch-free test of each 32-byte chunk first (vectorised): almost
    // every text has no byte below a space but its line breaks, no DEL and
    // no 0xC2.
    b.chunks(32).enumerate().any(|(k, chunk)| {
        let suspect = chunk.iter().fold(false, |acc, &x| acc | (x < b' ' && x != b'\n') | (x == 0x7f) | (x == 0xc2));
        suspect && chunk.iter().enumerate().any(|(j, &x)| exact(k * 32 + j, x))
    })
}

/// The name of a control character in messages.
fn control_name(c: char) -> String {
    let name = match c {
        '\0' => "空字符 NUL",
        '\u{7}' => "响铃 BEL",
        '\u{8}' => "退格 BS",
        '\u{1b}' => "转义 ESC",
        '\r' => "回车 CR",
        '\u{c}' => "换页 FF",
        '\u{b}' => "垂直制表 VT",
        '\u{7f}' => "删除 DEL",
        _ => "控制字符",
    };
    format!("U+{:04X}（{name}）", c as u32)
}

/// Finds the control characters in every string of a charter (written as
/// escapes of double-quoted scalars: YAML refuses them written raw),
/// reports each (`Y044`, at the escape, with a fix that deletes it) and
/// removes them from the value, so that even `build --force` prints none.
struct Controls<'a> {
    file: &'a SourceFile,
    id: FileId,
    found: Vec<Diagnostic>,
}

impl Controls<'_> {
    fn charter(&mut self, raw: &mut RawCharter) {
        for s in [&mut raw.title, &mut raw.status, &mut raw.date].into_iter().flatten() {
            self.string(s);
        }
        raw.history.iter_mut().for_each(|s| self.string(s));
        raw.preamble.iter_mut().for_each(|b| self.block(b));
        for t in &mut raw.terms {
            let t = &mut t.value;
            for s in [&mut t.name, &mut t.kind, &mut t.note].into_iter().flatten() {
                self.string(s);
            }
            t.short.iter_mut().chain(t.wrong.iter_mut()).for_each(|s| self.string(s));
        }
        if let Some(b) = &mut raw.body {
            b.value.iter_mut().for_each(|n| self.node(n));
        }
    }

    fn node(&mut self, n: &mut S<Box<RawNode>>) {
        let n = &mut n.value;
        for s in [
            n.id.as_mut(),
            n.part.as_deref_mut(),
            n.subpart.as_deref_mut(),
            n.chapter.as_deref_mut(),
            n.section.as_deref_mut(),
            n.heading.as_deref_mut(),
            n.text.as_mut(),
            n.note.as_deref_mut(),
        ]
        .into_iter()
        .flatten()
        {
            self.string(s);
        }
        for list in [n.items.as_deref_mut(), n.paragraphs.as_deref_mut()].into_iter().flatten() {
            list.value.iter_mut().for_each(|b| self.block(b));
        }
        if let Some(a) = &mut n.allow {
            a.value.iter_mut().for_each(|s| self.string(s));
        }
        if let Some(b) = &mut n.body {
            b.value.iter_mut().for_each(|n| self.node(n));
        }
    }

    fn block(&mut self, b: &mut S<RawBlock>) {
        match &mut b.value {
            RawBlock::Short(s) => {
                if has_control(s) {
                    let at = loc_offset(self.file, &b.referenced);
                    self.value(s, at);
                }
            }
            RawBlock::Full(m) => {
                for s in [&mut m.id, &mut m.text].into_iter().flatten() {
                    self.string(s);
                }
                if let Some(items) = &mut m.items {
                    items.value.iter_mut().for_each(|b| self.block(b));
                }
                if let Some(a) = &mut m.allow {
                    a.value.iter_mut().for_each(|s| self.string(s));
                }
            }
        }
    }

    fn string(&mut self, s: &mut S<String>) {
        if has_control(&s.value) {
            let at = loc_offset(self.file, &s.referenced);
            self.value(&mut s.value, at);
        }
    }

    /// Report and remove the control characters of the scalar at byte `at`.
    fn value(&mut self, v: &mut String, at: usize) {
        if !has_control(v) {
            return;
        }
        let Some(first) = v.chars().find(|&c| is_control(c)) else { return };
        v.retain(|c| !is_control(c));
        let hint = "控制字符印不出来，会让 PDF、HTML 和终端出错；读入时已把它去掉，build 因这个错误拒绝生成。请删除这个转义（charter check --fix 可以自动删除）。";
        let escapes = control_escapes(&self.file.text, at);
        if escapes.is_empty() {
            let sp = Span::new(self.id, at, at);
            let d = Diagnostic::new(codes::Y044, format!("文字里有控制字符 {}", control_name(first)))
                .at(sp, "这段文字里")
                .hint(hint);
            self.found.push(d);
        }
        for (a, b, c) in escapes {
            let sp = Span::new(self.id, a, b);
            let edit = crate::diagnostic::Edit { span: sp, replacement: String::new() };
            let d = Diagnostic::new(codes::Y044, format!("文字里有控制字符 {}", control_name(c)))
                .at(sp, "转义写出的控制字符")
                .hint(hint)
                .with_fix("删除控制字符", vec![edit]);
            self.found.push(d);
        }
    }
}

/// The escapes of control characters in the double-quoted scalar that
/// starts at byte `at` of `text`: (start, end, character). Empty when the
/// scalar is not double-quoted.
fn control_escapes(text: &str, at: usize) -> Vec<(usize, usize, char)> {
    let mut out = Vec::new();
    if !text.get(at..).is_some_and(|t| t.starts_with('"')) {
        return out;
    }
    let bytes = text.as_bytes();
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => break,
            b'\\' => {
                let Some(&e) = bytes.get(i + 1) else { break };
                let hex = |n: usize| {
                    text.get(i + 2..i + 2 + n)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        .map(|c| (c, 2 + n))
                };
                let decoded = match e {
                    b'0' => Some(('\0', 2)),
                    b'a' => Some(('\u{7}', 2)),
                    b'b' => Some(('\u{8}', 2)),
                    b'v' => Some(('\u{b}', 2)),
                    b'f' => Some(('\u{c}', 2)),
                    b'r' => Some(('\r', 2)),
                    b'e' => Some(('\u{1b}', 2)),
                    b'N' => Some(('\u{85}', 2)),
                    b'x' => hex(2),
                    b'u' => hex(4),
                    b'U' => hex(8),
                    _ => None,
                };
                match decoded {
                    Some((c, len)) => {
                        if is_control(c) {
                            out.push((i, i + len, c));
                        }
                        i += len;
                    }
                    None => i += 2,
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// What [`parse_recovering`] made of a file.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The raw structs, when the YAML could be read (possibly with entries
    /// blanked out, see `blanked`).
    pub value: Option<T>,
    /// The character warnings (`Y041`–`Y043`) and every YAML error.
    pub diagnostics: Vec<Diagnostic>,
    /// Zero-based line ranges (parent entry, last blanked line) that were
    /// blanked out to get past an error.
    pub blanked: Vec<(usize, usize)>,
    /// `blanked` as byte ranges: from the start of the first line to the
    /// start of the line after the last.
    blanked_bytes: Vec<(usize, usize)>,
    file: FileId,
    /// Scalars kept as quoted placeholders, by offset, with their text as
    /// written (so that the charter's converter can report them).
    restored: HashMap<usize, String>,
    /// Misspelt division keys and what they probably meant.
    guesses: Vec<Guess>,
}

impl<T> Parsed<T> {
    /// Does a diagnostic point into a blanked entry (so that it only
    /// follows from an error already reported)?
    pub fn in_blanked(&self, d: &Diagnostic) -> bool {
        let Some(s) = d.span().filter(|s| s.file == self.file) else { return false };
        self.blanked_bytes.iter().any(|&(a, b)| a <= s.start && s.start < b)
    }
}

/// Parse a YAML file into `T` (raw serde structs, `deny_unknown_fields`,
/// values `Spanned`), with the loader's options (no anchors, depth limit,
/// strict booleans) and its recovery: a mistake in one mapping entry
/// (unknown key, wrong type, duplicate key) is reported, blanked out and
/// the text parsed again, so one run reports them all. Every YAML error is
/// a `Y0xx` diagnostic in Chinese. Other file formats of the project
/// (`disclosure.yaml`) use this too.
pub fn parse_recovering<T: serde::de::DeserializeOwned>(file: &SourceFile, id: FileId) -> Parsed<T> {
    parse_recovering_lists(file, id, &[])
}

/// [`parse_recovering`], where every item of the lists under the top-level
/// `keys` (and of the `body` lists inside them) is a document of type `T`
/// on its own once written under its key (`body:\n` + the item's lines): a
/// file with mistakes then has each such item parsed (and re-parsed after
/// each mistake) alone, not the whole file once per mistake. An item of
/// `body` with a mistake has, in turn, each item of its `items` and
/// `paragraphs` lists (and of their `items`, down to 目) parsed alone,
/// written as `body:\n- items:\n` + the item's lines, before the item
/// itself is parsed again for the mistakes in its own keys: one article
/// with thousands of 项 costs its size, not its size per mistake. A syntax
/// error ends recovery where it stands, as in the whole file: the items
/// before its line are still checked one by one. The whole file is parsed
/// once more at the end, for what lies outside those items. Work is
/// linear in the file's size, whatever the number of mistakes.
pub fn parse_recovering_lists<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    id: FileId,
    keys: &[&str],
) -> Parsed<T> {
    let diags = scan_characters(file, id);
    let options = yaml_options(file.text.len());
    let lines = file.line_starts();

    // serde stops at the first error. To report the others in the same run,
    // a mistake in one mapping entry (unknown key, wrong type, duplicate key)
    // is blanked out with spaces — byte offsets and lines stay the same — and
    // the text parsed again. Syntax errors end the loop.
    let mut rec = Recovery {
        file,
        id,
        lines,
        text: Cow::Borrowed(&file.text),
        found: Vec::new(),
        blanked: Vec::new(),
        restored: HashMap::new(),
        guesses: Vec::new(),
        limit: file.text.len(),
    };
    let parse = |text: &str| -> Result<T, YamlError> { serde_saphyr::from_str_with_options(text, options.clone()) };
    let mut first = Some(parse(&rec.text));
    if let Some(Err(e)) = &first
        && !keys.is_empty()
        && RECOVERABLE.contains(&yaml_error(e, file, id).code.as_str())
    {
        let before = rec.found.len();
        rec.check_lists::<T>(keys, &options);
        if rec.found.len() > before {
            first = None;
        }
    }
    let mut value = None;
    loop {
        let raw = first.take().unwrap_or_else(|| parse(&rec.text));
        match raw {
            Ok(raw) => {
                value = Some(raw);
                break;
            }
            Err(e) => {
                let d = yaml_error(&e, file, id);
                let recoverable = RECOVERABLE.contains(&d.code.as_str());
                if recoverable && rec.found.len() >= MAX_RECOVERIES {
                    let at = d.span().unwrap_or(Span::new(id, file.text.len(), file.text.len()));
                    rec.found.push(too_many(at));
                    break;
                }
                let at = d.span().map(|s| s.start);
                rec.note(d, file);
                match at.filter(|_| recoverable) {
                    Some(at) if rec.blank(at).is_some() => {}
                    _ => break,
                }
            }
        }
    }
    // Mistakes found item by item come before those found in the whole
    // file: report them all in the order of the file.
    let Recovery { mut found, blanked, restored, guesses, .. } = rec;
    found.sort_by_key(|d| d.span().map_or(usize::MAX, |s| s.start));
    let mut diagnostics = diags;
    diagnostics.extend(found);
    // The blanked lines as byte ranges, for `in_blanked`.
    let blanked_bytes = blanked
        .iter()
        .map(|&(a, b)| (lines.get(a).copied().unwrap_or(usize::MAX), lines.get(b + 1).copied().unwrap_or(usize::MAX)))
        .collect();
    Parsed { value, diagnostics, blanked, blanked_bytes, file: id, restored, guesses }
}

/// The YAML parser's options for a file of `size` bytes: no anchors or
/// aliases, the depth limit, strict booleans. Without aliases (refused: no
/// alias bombs) a file cannot hold more nodes or events than it has bytes:
/// the budget grows with the file, so a large charter (100,000 articles)
/// loads; the library's defaults stay the floor. Public for the benches'
/// bare-parse baseline (the same parser, the same options).
pub fn yaml_options(size: usize) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_aliases: 0,
            max_anchors: 0,
            max_nodes: size.max(250_000),
            max_events: size.saturating_mul(2).max(1_000_000),
        },
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
    }
}

/// The YAML errors after which the loader blanks the entry and goes on.
const RECOVERABLE: [&str; 4] = ["Y010", "Y011", "Y012", "Y013"];

/// The diagnostic for a file with more than [`MAX_RECOVERIES`] mistakes.
fn too_many(at: Span) -> Diagnostic {
    Diagnostic::new(codes::Y017, format!("文件中的错误超过 {MAX_RECOVERIES} 处，从这里起没有再检查，章程也没有读入"))
        .at(at, format!("第 {} 处错误", MAX_RECOVERIES + 1))
        .hint("请先改正上面报告的错误（常见的是同一个键在许多条里写错了，可以用编辑器的“全部替换”），再运行一次。")
}

/// The state of [`parse_recovering_lists`]: the text with the entries
/// blanked so far, and what was found.
struct Recovery<'f> {
    file: &'f SourceFile,
    id: FileId,
    lines: &'f [usize],
    /// The text as parsed: the file's, until a mistake is blanked out.
    text: Cow<'f, str>,
    found: Vec<Diagnostic>,
    blanked: Vec<(usize, usize)>,
    restored: HashMap<usize, String>,
    guesses: Vec<Guess>,
    /// Items that end past this byte are left to the whole-file parse (a
    /// syntax error stands there).
    limit: usize,
}

/// What a 款, 项 or 目 is written under when it is parsed alone: a list
/// of them is the same type wherever it stands.
const BLOCK_HEADER: &str = "body:\n- items:\n";

impl Recovery<'_> {
    /// Keep a diagnostic (and, for an unknown key that looks like a
    /// misspelt division key, what it probably meant).
    fn note(&mut self, d: Diagnostic, file: &SourceFile) {
        if d.code.as_str() == "Y010"
            && let Some(g) = d.span().and_then(|sp| division_guess(file, sp))
        {
            self.guesses.push(g);
        }
        self.found.push(d);
    }

    /// Blank the entry at byte `at` of the text; its byte range.
    fn blank(&mut self, at: usize) -> Option<(usize, usize)> {
        let (parent, last, kept, range) = blank_entry(self.text.to_mut(), at, self.lines)?;
        self.blanked.push((parent, last));
        self.restored.extend(kept);
        Some(range)
    }

    /// Check every item of the lists under `keys` on its own (see
    /// [`parse_recovering_lists`]). Items whose place cannot be told from
    /// their lines are left to the parse of the whole file.
    fn check_lists<T: serde::de::DeserializeOwned>(&mut self, keys: &[&str], options: &serde_saphyr::Options) {
        // The skeleton reads past duplicate keys (the first wins: the items
        // of a repeated list are blanked with it by the whole-file parse).
        let mut lenient = options.clone();
        lenient.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::FirstWins;
        let text = &self.file.text;
        let skel = match serde_saphyr::from_str_with_options::<SkelRoot>(text, lenient.clone()) {
            Ok(skel) => skel,
            // A syntax error further on: the whole-file parse would report
            // the mistakes before it one by one, then stop there. The items
            // that end before its line are checked alone; the rest is left
            // to the whole-file parse (which stops at the error).
            Err(e) => {
                let Some(at) = e.location().map(|l| loc_offset(self.file, &l)) else { return };
                let cut = text.get(..at.min(text.len())).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
                let Ok(skel) = serde_saphyr::from_str_with_options::<SkelRoot>(&text[..cut], lenient) else {
                    return;
                };
                self.limit = cut;
                skel
            }
        };
        for (key, items) in &skel.0 {
            if keys.contains(&key.as_str()) {
                self.check_items::<T>(key, items, options);
            }
        }
    }

    fn check_items<T: serde::de::DeserializeOwned>(
        &mut self,
        key: &str,
        items: &[Spanned<SkelNode>],
        options: &serde_saphyr::Options,
    ) {
        let chunks: Vec<Option<(usize, usize)>> =
            items.iter().map(|it| item_lines(self.file, loc_offset(self.file, &it.referenced))).collect();
        for (k, item) in items.iter().enumerate() {
            let Some((start, end)) = chunks[k] else { continue };
            // The item must end where the next one begins, and before a
            // syntax error.
            if let Some(Some((next, _))) = chunks.get(k + 1)
                && *next != end
            {
                continue;
            }
            if item.value.body.is_empty() {
                // An article (or a glossary entry): its 款 and 项 are
                // checked alone once it has a mistake; those before a
                // syntax error inside it are checked alone anyway.
                let blocks: &[Spanned<SkelBlock>] = if key == "body" { &item.value.blocks } else { &[] };
                if end <= self.limit {
                    self.check_chunk::<T>(&format!("{key}:\n"), start, end, blocks, options);
                } else {
                    self.check_blocks::<T>(blocks, options);
                }
            } else {
                // A division: its articles one by one; its own keys are
                // left to the parse of the whole file.
                self.check_items::<T>("body", &item.value.body, options);
            }
        }
    }

    /// Check each item of a list of 款, 项 or 目 (see [`Self::check_items`])
    /// alone, written as `body:\n- items:\n` + its lines (the same type
    /// wherever it stands), with its own 项 or 目 checked alone first once
    /// it has a mistake.
    fn check_blocks<T: serde::de::DeserializeOwned>(
        &mut self,
        items: &[Spanned<SkelBlock>],
        options: &serde_saphyr::Options,
    ) {
        let chunks: Vec<Option<(usize, usize)>> =
            items.iter().map(|it| item_lines(self.file, loc_offset(self.file, &it.referenced))).collect();
        for (k, item) in items.iter().enumerate() {
            let Some((start, end)) = chunks[k] else { continue };
            if let Some(Some((next, _))) = chunks.get(k + 1)
                && *next != end
            {
                continue;
            }
            if end <= self.limit {
                self.check_chunk::<T>(BLOCK_HEADER, start, end, &item.value.items, options);
            } else {
                self.check_blocks::<T>(&item.value.items, options);
            }
        }
    }

    /// Parse `header` + the lines `start..end` as a `T`, blanking each
    /// recoverable mistake (in the text and in the piece) until it parses.
    /// When it has a mistake, the items of its lists of 款, 项 or 目
    /// (`blocks`) are checked alone first, so that the piece is parsed
    /// again only for the mistakes in its own keys.
    fn check_chunk<T: serde::de::DeserializeOwned>(
        &mut self,
        header: &str,
        start: usize,
        end: usize,
        blocks: &[Spanned<SkelBlock>],
        options: &serde_saphyr::Options,
    ) {
        let mut piece = String::with_capacity(header.len() + end - start);
        piece.push_str(header);
        piece.push_str(&self.text[start..end]);
        if !blocks.is_empty() {
            if serde_saphyr::from_str_with_options::<T>(&piece, options.clone()).is_ok() {
                return;
            }
            self.check_blocks::<T>(blocks, options);
            piece.truncate(header.len());
            piece.push_str(&self.text[start..end]);
        }
        loop {
            let Err(e) = serde_saphyr::from_str_with_options::<T>(&piece, options.clone()) else { return };
            let Some(loc) = e.location() else { return };
            let Some(at) = loc.span().byte_offset().and_then(|b| usize::try_from(b).ok()) else { return };
            if at < header.len() || at > piece.len() || self.found.len() >= MAX_RECOVERIES {
                return;
            }
            let at = at - header.len() + start;
            let len = loc.span().byte_len().and_then(|l| usize::try_from(l).ok()).unwrap_or(0);
            let d = yaml_error_at(&e, self.file, Span::new(self.id, at, self.file.clamp(at + len)));
            if !RECOVERABLE.contains(&d.code.as_str()) {
                return;
            }
            self.note(d, self.file);
            let Some((a, b)) = self.blank(at) else { return };
            if a < start || b > end {
                return;
            }
            let (pa, pb) = (a - start + header.len(), b - start + header.len());
            piece.replace_range(pa..pb, &self.text[a..b]);
        }
    }
}

/// The lines of a list item whose content starts at byte `at`: from the
/// start of its line (which must hold only the indentation and `- ` before
/// `at`) through every following line that is blank or indented more than
/// its `-`. None when the item is not written that way (a flow list).
fn item_lines(file: &SourceFile, at: usize) -> Option<(usize, usize)> {
    let text = &file.text;
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    let dash = before.len() - before.trim_start_matches(' ').len();
    if !before[dash..].starts_with("- ") || !before[dash + 1..].trim_matches(' ').is_empty() {
        return None;
    }
    let mut end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    while end < text.len() {
        let next_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        let line = text[end..next_end].trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start_matches(' ').len();
        if line.trim().is_empty() || indent > dash {
            end = next_end;
        } else {
            break;
        }
    }
    Some((line_start, end))
}

/// Where the list items of a YAML document stand, read leniently (anything
/// of an unexpected shape is skipped): for each top-level key whose value is
/// a list, its items; for each item, the items of its `body` list, or of
/// its `items` and `paragraphs` lists (款 and 项), and theirs (目).
struct SkelRoot(Vec<SkelLists>);

/// A key and the items of the list under it.
type SkelLists = (String, Vec<Spanned<SkelNode>>);

/// An item of `body` (or of a top-level list): the items of its `body`
/// list (empty for an article), and of its `items` and `paragraphs` lists,
/// in the order of the file.
#[derive(Default)]
struct SkelNode {
    body: Vec<Spanned<SkelNode>>,
    blocks: Vec<Spanned<SkelBlock>>,
}

/// A 款, 项 or 目: the items of its `items` list.
#[derive(Default)]
struct SkelBlock {
    items: Vec<Spanned<SkelBlock>>,
}

/// A list, or nothing when the value is not a list.
struct SkelList<E>(Vec<Spanned<E>>);

/// A mapping key, when it is a string.
struct SkelKey(Option<String>);

/// Visitor methods that accept (and skip) any value as `$default`.
macro_rules! skel_accept_any {
    ($default:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_i128<E: de::Error>(self, _: i128) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_u128<E: de::Error>(self, _: u128) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_char<E: de::Error>(self, _: char) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($default)
        }
        fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            de::IgnoredAny::deserialize(d).map(|_| $default)
        }
        fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            de::IgnoredAny::deserialize(d).map(|_| $default)
        }
        fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
            de::IgnoredAny.visit_enum(a).map(|_| $default)
        }
    };
}

impl<'de> de::Deserialize<'de> for SkelKey {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = SkelKey;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SkelKey, E> {
                Ok(SkelKey(Some(v.to_string())))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, a: A) -> Result<SkelKey, A::Error> {
                de::IgnoredAny.visit_seq(a).map(|_| SkelKey(None))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<SkelKey, A::Error> {
                de::IgnoredAny.visit_map(a).map(|_| SkelKey(None))
            }
            skel_accept_any!(SkelKey(None));
        }
        d.deserialize_any(V)
    }
}

impl<'de, I: de::Deserialize<'de>> de::Deserialize<'de> for SkelList<I> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<I>(std::marker::PhantomData<I>);
        impl<'de, I: de::Deserialize<'de>> de::Visitor<'de> for V<I> {
            type Value = SkelList<I>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<SkelList<I>, E> {
                Ok(SkelList(Vec::new()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<SkelList<I>, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = a.next_element::<Spanned<I>>()? {
                    out.push(x);
                }
                Ok(SkelList(out))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<SkelList<I>, A::Error> {
                de::IgnoredAny.visit_map(a).map(|_| SkelList(Vec::new()))
            }
            skel_accept_any!(SkelList(Vec::new()));
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// Every list under the keys of a mapping (the top level).
fn skel_root<'de, A: de::MapAccess<'de>>(mut a: A) -> Result<Vec<SkelLists>, A::Error> {
    let mut out = Vec::new();
    while let Some(SkelKey(k)) = a.next_key::<SkelKey>()? {
        match k {
            Some(k) => {
                let SkelList(items) = a.next_value()?;
                out.push((k, items));
            }
            None => {
                a.next_value::<de::IgnoredAny>()?;
            }
        }
    }
    Ok(out)
}

/// The lists of an item of `body`: `body`, and `items` and `paragraphs`.
fn skel_node<'de, A: de::MapAccess<'de>>(mut a: A) -> Result<SkelNode, A::Error> {
    let mut out = SkelNode::default();
    while let Some(SkelKey(k)) = a.next_key::<SkelKey>()? {
        match k.as_deref() {
            Some("body") => out.body.extend(a.next_value::<SkelList<SkelNode>>()?.0),
            Some("items" | "paragraphs") => out.blocks.extend(a.next_value::<SkelList<SkelBlock>>()?.0),
            _ => {
                a.next_value::<de::IgnoredAny>()?;
            }
        }
    }
    Ok(out)
}

/// The list of a 款 or 项 written as a mapping: `items`.
fn skel_block<'de, A: de::MapAccess<'de>>(mut a: A) -> Result<SkelBlock, A::Error> {
    let mut out = SkelBlock::default();
    while let Some(SkelKey(k)) = a.next_key::<SkelKey>()? {
        match k.as_deref() {
            Some("items") => out.items.extend(a.next_value::<SkelList<SkelBlock>>()?.0),
            _ => {
                a.next_value::<de::IgnoredAny>()?;
            }
        }
    }
    Ok(out)
}

/// How deep [`SkelNode`]s and [`SkelBlock`]s nest before their lists are
/// skipped (left to the parse of the whole file): 编 › 分编 › 章 › 节 ›
/// 条 › 款 › 项 › 目 needs eight.
const SKEL_DEPTH: usize = 8;

thread_local! {
    static SKEL_NESTING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Deserialize a skeleton item with `f` reading its mapping, or skip it
/// past [`SKEL_DEPTH`].
fn skel_nested<'de, D: de::Deserializer<'de>, T: Default>(
    d: D,
    f: fn(D) -> Result<T, D::Error>,
) -> Result<T, D::Error> {
    let depth = SKEL_NESTING.with(|n| n.get());
    if depth >= SKEL_DEPTH {
        return de::IgnoredAny::deserialize(d).map(|_| T::default());
    }
    SKEL_NESTING.with(|n| n.set(depth + 1));
    let out = f(d);
    SKEL_NESTING.with(|n| n.set(depth));
    out
}

/// A visitor for a skeleton item: a mapping read by `$read`, anything else
/// skipped as `$ty::default()`.
macro_rules! skel_item_visitor {
    ($ty:ident, $read:ident, $d:expr) => {{
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = $ty;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<$ty, E> {
                Ok($ty::default())
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, a: A) -> Result<$ty, A::Error> {
                de::IgnoredAny.visit_seq(a).map(|_| $ty::default())
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<$ty, A::Error> {
                $read(a)
            }
            skel_accept_any!($ty::default());
        }
        $d.deserialize_any(V)
    }};
}

impl<'de> de::Deserialize<'de> for SkelNode {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        skel_nested(d, |d| skel_item_visitor!(SkelNode, skel_node, d))
    }
}

impl<'de> de::Deserialize<'de> for SkelBlock {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        skel_nested(d, |d| skel_item_visitor!(SkelBlock, skel_block, d))
    }
}

impl<'de> de::Deserialize<'de> for SkelRoot {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = SkelRoot;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<SkelRoot, E> {
                Ok(SkelRoot(Vec::new()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, a: A) -> Result<SkelRoot, A::Error> {
                de::IgnoredAny.visit_seq(a).map(|_| SkelRoot(Vec::new()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<SkelRoot, A::Error> {
                Ok(SkelRoot(skel_root(a)?))
            }
            skel_accept_any!(SkelRoot(Vec::new()));
        }
        d.deserialize_any(V)
    }
}

/// The span of a spanned raw value.
pub fn span_of<T>(file: &SourceFile, id: FileId, s: &S<T>) -> Span {
    loc_span(file, id, &s.referenced)
}

/// A scalar kept as a quoted placeholder: its offset and text as written.
type Kept = (usize, String);

/// What [`blank_entry`] did: the zero-based lines (parent entry, last
/// blanked line), the scalar kept as a placeholder, the byte range changed.
type Blanked = (usize, usize, Option<Kept>, (usize, usize));

/// How many mistakes one file may have before the loader stops (and says
/// so, `Y017`). Recovery is linear in the file, so this only keeps the
/// report readable.
const MAX_RECOVERIES: usize = 1000;

/// Blank out (with spaces) the mapping entry or list item at byte `at`: from
/// its key to the end of the line, plus the more-indented lines that follow.
/// Returns the zero-based lines (parent entry, last blanked line), for a
/// scalar list item kept as a quoted placeholder its offset and original
/// text, and the byte range changed; None when nothing could be blanked.
/// `lines` are the text's line starts (blanking keeps them). The work is
/// the entry's length plus the distance to its parent, not the file's.
fn blank_entry(text: &mut String, at: usize, lines: &[usize]) -> Option<Blanked> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    // The entry's column: after the indentation and any "- " markers.
    let mut col = 0;
    let b = line.as_bytes();
    loop {
        while col < b.len() && b[col] == b' ' {
            col += 1;
        }
        if col + 1 < b.len() && b[col] == b'-' && b[col + 1] == b' ' {
            col += 2;
            continue;
        }
        break;
    }
    if col >= b.len() {
        col = line.len() - line.trim_start().len();
    }
    if col >= b.len() || line[col..].trim().is_empty() {
        return None;
    }
    // A list item that is a single plain scalar of the wrong type (`- 2021.11`):
    // keep its text as a quoted string of the same length, so the item and
    // its list stay as written and nothing follows from its absence.
    let value = line[col..].trim_end();
    let next_indent = text[line_end..].strip_prefix('\n').map(|n| n.len() - n.trim_start_matches(' ').len());
    let single_line = next_indent.is_none_or(|i| i <= col || text[line_end + 1..].starts_with('\n'));
    if col > 0
        && line[..col].trim_end().ends_with('-')
        && value.len() >= 2
        && single_line
        && !value.contains(": ")
        && !value.ends_with(':')
        && !value.starts_with(['[', '{', '"', '\'', '|', '>', '&', '*', '!', '#'])
    {
        let original = value.to_string();
        let len = value.len();
        let at = line_start + col;
        let quoted = format!("\"{}\"", " ".repeat(len - 2));
        text.replace_range(at..at + len, &quoted);
        let line_no = line_of(lines, line_start);
        return Some((line_no, line_no, Some((at, original)), (at, at + len)));
    }
    let mut end = line_end;
    let mut rest = line_end;
    while rest < text.len() {
        let next_end = text[rest + 1..].find('\n').map_or(text.len(), |i| rest + 1 + i);
        let next = &text[(rest + 1).min(text.len())..next_end];
        let indent = next.len() - next.trim_start_matches(' ').len();
        if next.trim().is_empty() || indent > col {
            end = next_end;
            rest = next_end;
        } else {
            break;
        }
    }
    let first_line = line_of(lines, line_start);
    let last_line = first_line + text[line_start..end].matches('\n').count();
    // The parent: the nearest line above with a smaller indentation.
    let parent = if col == 0 {
        0
    } else {
        (0..first_line)
            .rev()
            .find(|&i| {
                let a = lines[i];
                let b = lines.get(i + 1).map_or(text.len(), |&b| b.saturating_sub(1)).max(a);
                let l = text.get(a..b).unwrap_or("");
                !l.trim().is_empty() && (l.len() - l.trim_start_matches(' ').len()) < col
            })
            .unwrap_or(0)
    };
    // Replace character by character, keeping byte length: pad multi-byte
    // characters with as many spaces as they have bytes.
    let mut padded = String::with_capacity(end - line_start - col);
    for c in text[line_start + col..end].chars() {
        if c == '\n' {
            padded.push('\n');
        } else {
            padded.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    text.replace_range(line_start + col..end, &padded);
    Some((parent, last_line, None, (line_start + col, end)))
}

/// The zero-based line of byte `offset`, given the line starts.
fn line_of(lines: &[usize], offset: usize) -> usize {
    match lines.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    }
}

fn loc_offset(file: &SourceFile, loc: &Location) -> usize {
    if let Some(b) = loc.span().byte_offset() {
        return file.clamp(usize::try_from(b).unwrap_or(usize::MAX));
    }
    let line = usize::try_from(loc.line()).unwrap_or(0);
    let col = usize::try_from(loc.column()).unwrap_or(0);
    if line == 0 {
        return file.text.len();
    }
    file.offset_of(line, col)
}

fn loc_span(file: &SourceFile, id: FileId, loc: &Location) -> Span {
    let start = loc_offset(file, loc);
    let len = loc.span().byte_len().and_then(|l| usize::try_from(l).ok()).unwrap_or(0);
    Span::new(id, start, file.clamp(start + len))
}

/// Characters that look like something else, copied in from Word or the web.
///
/// Each kind is reported once per file, at its first occurrence. Found with
/// `memchr` on the characters' lead bytes (0xC2: U+00A0, U+00AD; 0xE2:
/// U+200B–U+2060, U+2E80–U+2FDF; 0xEF: U+FEFF) and a search for U+3000,
/// not by decoding every character of the file.
fn scan_characters(file: &SourceFile, id: FileId) -> Vec<Diagnostic> {
    let text = &file.text;
    let bytes = text.as_bytes();
    let char_at = |i: usize| text.get(i..).and_then(|t| t.chars().next());
    let mut invisible: Option<(usize, char)> = None;
    let mut lookalike: Option<(usize, char)> = None;
    for i in memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes) {
        let Some(c) = char_at(i) else { continue };
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00A0}' | '\u{00AD}' => {
                invisible.get_or_insert((i, c));
            }
            '\u{2F00}'..='\u{2FDF}' | '\u{2E80}'..='\u{2EFF}' => {
                lookalike.get_or_insert((i, c));
            }
            _ => continue,
        }
        if invisible.is_some() && lookalike.is_some() {
            break;
        }
    }
    // A full-width space at a line's start (after nothing but spaces).
    let indent = memchr::memmem::find_iter(bytes, "\u{3000}".as_bytes())
        .find(|&i| matches!(bytes[..i].iter().rev().find(|&&b| b != b' '), None | Some(b'\n')));
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
    if let Some((i, c)) = invisible {
        let name = match c {
            '\u{00A0}' => "不换行空格（U+00A0）",
            '\u{00AD}' => "软连字符（U+00AD）",
            _ => "零宽字符",
        };
        found.push((
            i,
            Diagnostic::new(codes::Y041, format!("文件中有看不见的{name}"))
                .at(Span::new(id, i, i + c.len_utf8()), format!("U+{:04X}", c as u32))
                .hint("通常是从 Word 或网页复制进来的。请删除它（此文件中只报告第一处）。"),
        ));
    }
    if let Some((i, c)) = lookalike {
        let normal = kangxi_to_unified(c).map(|u| format!("应为普通汉字“{u}”")).unwrap_or_default();
        found.push((
            i,
            Diagnostic::new(codes::Y042, format!("“{c}”是康熙部首或部首补充字符，不是普通汉字"))
                .at(Span::new(id, i, i + c.len_utf8()), format!("U+{:04X} {normal}", c as u32))
                .hint("它看起来和汉字一样，但检索、排版和比较都会出错。请改为普通汉字（此文件中只报告第一处）。"),
        ));
    }
    if let Some(i) = indent {
        found.push((
            i,
            Diagnostic::new(codes::Y043, "行首的全角空格（U+3000）不是缩进，会成为文字的一部分")
                .at(Span::new(id, i, i + '\u{3000}'.len_utf8()), "全角空格")
                .hint("YAML 只认半角空格缩进；段首缩进由排版自动处理，不必输入。"),
        ));
    }
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, d)| d).collect()
}

/// The ordinary CJK character a Kangxi radical (U+2F00–U+2FDF) or CJK
/// radicals supplement character (U+2E80–U+2EFF) stands for: its Unicode
/// compatibility decomposition (NFKC), restricted to these two blocks so
/// that nothing else (full-width forms, circled numbers) is touched. `None`
/// for the supplement's forms that have no decomposition.
///
/// Overrides where NFKC is wrong for a simplified-Chinese charter: the
/// radicals ⾧ and ⾨ decompose to the traditional 長 and 門, but in copied
/// simplified text they stand for 长 and 门.
pub fn kangxi_to_unified(c: char) -> Option<char> {
    match c {
        '\u{2FA7}' => return Some('长'),
        '\u{2FA8}' => return Some('门'),
        '\u{2F00}'..='\u{2FDF}' | '\u{2E80}'..='\u{2EFF}' => {}
        _ => return None,
    }
    let mut out = None;
    let mut count = 0;
    unicode_normalization::char::decompose_compatible(c, |d| {
        count += 1;
        out = Some(d);
    });
    out.filter(|&d| count == 1 && d != c)
}

fn zh_type(s: &str) -> String {
    let s = s.trim();
    let t = if s.contains("string") || s.contains("文字") {
        "文字"
    } else if s.contains("sequence") || s.starts_with("a seq") || s.contains("Vec") {
        "列表（每项以“- ”开头）"
    } else if s.contains("map") || s.contains("struct") {
        "映射（“键: 值”）"
    } else if s.contains("bool") {
        "true 或 false"
    } else if s.contains("integer") || s.contains("float") {
        "数字"
    } else if s.contains("unit") || s.contains("null") || s.contains("空") {
        "空值"
    } else {
        return s.to_string();
    };
    t.to_string()
}

/// What the value at `offset` looks like, in words.
fn found_at(file: &SourceFile, offset: usize) -> &'static str {
    match file.text[file.clamp(offset)..].chars().next() {
        Some('[' | '-') => "列表",
        Some('{') => "映射",
        Some('\n') | None => "空值",
        _ => "文字",
    }
}

fn type_hint(expected: &str) -> &'static str {
    let t = zh_type(expected);
    if t.starts_with("列表") {
        "列表的每一项单独一行，以“- ”开头，例如：\n    items:\n      - 第一项\n      - 第二项"
    } else if t == "文字" {
        "这里要写一段文字。没有引号的 2021.11、12、true 会被 YAML 读成数字或真假值，以 [ 或 { 开头会被读成列表或映射：请给文字加引号，或用块文字（“- |”或“text: |”后换行书写）。"
    } else {
        "文字值直接写；列表的每一项以“- ”开头；映射是“键: 值”的形式。"
    }
}

/// The fix of a number or true/false where a text belongs: quote it.
trait WithQuotes {
    fn with_quotes(self, file: &SourceFile, span: Span, text_expected: bool) -> Self;
}

impl WithQuotes for Diagnostic {
    fn with_quotes(self, file: &SourceFile, span: Span, text_expected: bool) -> Self {
        let (s, e) = (file.clamp(span.start), file.clamp(span.end));
        let v = &file.text[s..e];
        if !text_expected
            || v.is_empty()
            || v.contains(['\n', '"', '\\', '#'])
            || v.starts_with(['[', '{', '\'', '|', '>'])
        {
            return self;
        }
        let edits = vec![
            crate::diagnostic::Edit { span: Span::new(span.file, s, s), replacement: "\"".into() },
            crate::diagnostic::Edit { span: Span::new(span.file, e, e), replacement: "\"".into() },
        ];
        self.with_fix(format!("给“{v}”加上引号"), edits)
    }
}

/// Translate a YAML or serde error into a diagnostic in Chinese.
#[allow(clippy::let_and_return)]
fn yaml_error(e: &YamlError, file: &SourceFile, id: FileId) -> Diagnostic {
    let span = e
        .without_snippet()
        .location()
        .map_or(Span::new(id, file.text.len(), file.text.len()), |l| loc_span(file, id, &l));
    yaml_error_at(e, file, span)
}

/// The diagnostic for a YAML error found at `span` of `file`.
fn yaml_error_at(e: &YamlError, file: &SourceFile, span: Span) -> Diagnostic {
    let e = e.without_snippet();
    let id = span.file;
    let line = file.line_text(span.start);
    match e {
        YamlError::SerdeUnknownField { field, expected, .. } => {
            let mut d = Diagnostic::new(codes::Y010, format!("未知的键“{field}”")).at(span, "这个键不认识");
            if let Some(s) = did_you_mean(field, expected.iter().copied()) {
                d = d.hint(format!("您是不是想写“{s}”？"));
                if file.text.get(span.start..span.end) == Some(field) {
                    let edit = crate::diagnostic::Edit { span, replacement: s.to_string() };
                    d = d.with_fix(format!("把“{field}”改为“{s}”"), vec![edit]);
                }
            }
            d.hint(format!("这里可以用的键：{}", expected.join("、")))
        }
        YamlError::SerdeInvalidType { .. } | YamlError::Unexpected { .. }
            if let Some(d) = crate::slips::colon_slip_at(file, id, span.start) =>
        {
            d
        }
        YamlError::SerdeInvalidType { unexpected, expected, .. } => Diagnostic::new(
            codes::Y011,
            format!("类型不对：这里应当是{}，实际是{}", zh_type(expected), zh_type(unexpected)),
        )
        .at(span, format!("应当是{}", zh_type(expected)))
        .hint(type_hint(expected))
        .with_quotes(file, span, zh_type(expected) == "文字"),
        YamlError::Unexpected { expected, .. } => {
            let found = found_at(file, span.start);
            Diagnostic::new(codes::Y011, format!("类型不对：这里应当是{}，实际是{found}", zh_type(expected)))
                .at(span, format!("应当是{}", zh_type(expected)))
                .hint(type_hint(expected))
        }
        YamlError::NullIntoString { .. } => Diagnostic::new(codes::Y012, "这里缺少值")
            .at(span, "值是空的")
            .hint("在冒号后面写上内容；如果确实不需要，就删掉这一行。"),
        YamlError::DuplicateMappingKey { key, .. } => {
            let k = key.as_deref().unwrap_or("?");
            Diagnostic::new(codes::Y013, format!("键“{k}”在同一个映射里出现了两次"))
                .at(span, "重复的键")
                .hint("YAML 不允许重复的键；后一个会覆盖前一个。请删去或合并其中一个。")
        }
        YamlError::Budget { breach, .. } => match breach {
            BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
                Diagnostic::new(codes::Y014, "章程文件不支持 YAML 锚点和别名（& 与 *）")
                    .at(span, "锚点或别名")
                    .hint("请直接写出内容。锚点和别名可被用来构造“别名炸弹”，本工具一律拒绝，不会展开。")
            }
            BudgetBreach::Depth { depth } => {
                Diagnostic::new(codes::Y015, format!("嵌套过深（超过 {MAX_DEPTH} 层，实际 {depth} 层）"))
                    .at(span, "这里嵌套太深")
                    .hint("章程最多需要 编 › 分编 › 章 › 节 › 条 › 款 › 项 › 目 这几层；请检查缩进。")
            }
            other => Diagnostic::new(codes::Y015, format!("文件超出了处理上限：{other:?}")).at(span, "这里"),
        },
        YamlError::UnknownAnchor { .. } | YamlError::AliasError { .. } => {
            Diagnostic::new(codes::Y014, "章程文件不支持 YAML 锚点和别名（& 与 *）")
                .at(span, "别名")
                .hint("请直接写出内容。")
        }
        YamlError::MultipleDocuments { .. } => Diagnostic::new(codes::Y016, "一个文件只能有一个 YAML 文档")
            .at(span, "第二个文档从这里开始")
            .hint("删除多余的“---”分隔线。每份章程草案放在一个单独的文件里。"),
        YamlError::InvalidBooleanStrict { .. } | YamlError::InvalidScalar { .. } => {
            Diagnostic::new(codes::Y011, "这里应当是 true 或 false").at(span, "不是 true 或 false")
        }
        other => syntax_error(other, file, span, line),
    }
}

fn syntax_error(e: &YamlError, file: &SourceFile, span: Span, line: &str) -> Diagnostic {
    let english = e.to_string();
    let english = english.split(" at line ").next().unwrap_or(&english).to_string();
    // A tab anywhere in the indentation of the lines up to the error.
    // The parser may stop on the line before the tab, so look one line on.
    let err_line = file.line_index(span.start) + 1;
    if let Some((n, l)) =
        file.text.lines().enumerate().take(err_line + 1).find(|(_, l)| l.trim_start_matches(' ').starts_with('\t'))
    {
        let start = file.offset_of(n + 1, 1) + l.find('\t').unwrap_or(0);
        return Diagnostic::new(codes::Y004, "YAML 不能用制表符（Tab）缩进")
            .at(Span::new(span.file, start, start + 1), "这里是一个制表符")
            .hint("请把制表符换成空格。可在编辑器里打开“用空格代替 Tab”。");
    }
    if let Some(d) = crate::slips::diagnose(file, span.file, span.start) {
        return d;
    }
    let mut d = Diagnostic::new(codes::Y002, "YAML 语法错误").at(span, "解析在这里出错");
    if english.contains("mapping values are not allowed") || colon_in_plain(line) {
        d.message = "YAML 语法错误：文字里的半角冒号加空格（“: ”）被当成了“键: 值”".into();
        d = d.hint("把半角冒号“:”改成全角“：”，或者给文字加引号，或者用块文字（“text: |”后换行书写）。");
    } else if english.contains("did not find expected") || english.contains("while parsing") {
        d = d.hint("请检查缩进（同一层的键要对齐）、引号和括号是否成对。");
    }
    d.hint(format!("解析器原文：{english}"))
}

/// `key: 文字: 更多` — a plain value containing ": ".
fn colon_in_plain(line: &str) -> bool {
    let t = line.trim_start().trim_start_matches("- ");
    match t.find(": ") {
        Some(i) => {
            let rest = t[i + 2..].trim_start();
            !rest.starts_with(['|', '>', '"', '\'']) && rest.contains(": ")
        }
        None => false,
    }
}

/// Converts raw structs into the model, collecting diagnostics.
struct Converter<'a> {
    file: &'a SourceFile,
    id: FileId,
    diags: Vec<Diagnostic>,
    /// Every id seen, with its span, for duplicate detection.
    ids: FxHashMap<String, Span>,
    /// Scalars of the wrong type (already reported) kept as placeholders in
    /// the recovery text, by offset: their text as written.
    restored: &'a HashMap<usize, String>,
    /// Misspelt division keys (`chaptre: 总则`, already reported).
    guesses: &'a mut Vec<Guess>,
}

/// A misspelt division key, reported as unknown and blanked: the mapping
/// it began is read as that division, so that its `id` and `body` do not
/// make it an article with a body and no text.
#[derive(Debug)]
struct Guess {
    /// Zero-based line of the key.
    line: usize,
    /// Byte column of the key.
    col: usize,
    level: Level,
    title: String,
    title_span: Span,
}

/// The guess for an unknown key at `sp` close to `part`, `subpart`,
/// `chapter` or `section`.
fn division_guess(file: &SourceFile, sp: Span) -> Option<Guess> {
    let (s, e) = (file.clamp(sp.start), file.clamp(sp.end));
    let key = &file.text[s..e];
    let levels = [Level::Part, Level::Subpart, Level::Chapter, Level::Section];
    let best = did_you_mean(key, levels.iter().map(|l| l.key()))?;
    let level = *levels.iter().find(|l| l.key() == best)?;
    let line_start = file.text[..s].rfind('\n').map_or(0, |i| i + 1);
    let line_end = file.text[e..].find('\n').map_or(file.text.len(), |i| e + i);
    let rest = &file.text[e..line_end];
    let colon = rest.find(':')?;
    let value = &rest[colon + 1..];
    let title = value.trim().trim_matches(['"', '\'']).to_string();
    let vstart = e + colon + 1 + (value.len() - value.trim_start().len());
    Some(Guess {
        line: file.line_index(s),
        col: s - line_start,
        level,
        title,
        title_span: Span::new(sp.file, vstart, file.clamp(vstart + value.trim().len())),
    })
}

/// Convert each raw entry, keeping those that convert, into a vector sized
/// for all of them (no entry is dropped unless it has an error): collected
/// from a `filter_map`, it would be grown by doubling, leaving up to half
/// its room unused, and the model's nodes and blocks are its bulk.
fn convert_each<R, T>(raw: &[R], f: impl FnMut(&R) -> Option<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(raw.len());
    out.extend(raw.iter().filter_map(f));
    out
}

impl Converter<'_> {
    fn span<T>(&self, s: &S<T>) -> Span {
        loc_span(self.file, self.id, &s.referenced)
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn charter(&mut self, mut raw: RawCharter) -> Option<Charter> {
        let doc_start = Span::new(self.id, 0, 0);
        let title = match raw.title {
            Some(t) => {
                let sp = self.span(&t);
                let v = t.value.trim().to_string();
                if v.is_empty() {
                    self.err(Diagnostic::new(codes::Y020, "标题不能为空").at(sp, "空标题"));
                }
                (v, sp)
            }
            None => {
                self.err(
                    Diagnostic::new(codes::Y020, "缺少章程标题（title）")
                        .at(doc_start, "文件开头")
                        .hint("在文件开头加一行，例如：title: 某某学生会章程"),
                );
                (String::new(), doc_start)
            }
        };
        let date = raw.date.and_then(|d| {
            let sp = self.span(&d);
            let v = d.value.trim().to_string();
            let (message, label, hint) = match crate::date::Date::check_iso(&v) {
                Ok(_) => return Some(v),
                Err(crate::date::DateError::Form) => {
                    (format!("日期“{v}”的格式不对"), "应为 YYYY-MM-DD".to_string(), "例如：date: 2021-11-24")
                }
                Err(crate::date::DateError::NoSuchMonth) => {
                    (format!("日期“{v}”不存在"), "月份应为 01 到 12".to_string(), "请核对日期，例如：date: 2021-11-24")
                }
                Err(crate::date::DateError::NoSuchDay { days }) => (
                    format!("日期“{v}”不存在"),
                    format!("这个月只有 {days} 天"),
                    "请核对日期（闰年的 2 月才有 29 日）。",
                ),
            };
            self.err(Diagnostic::new(codes::Y028, message).at(sp, label).hint(hint));
            None
        });
        let status_span = raw.status.as_ref().map(|s| self.span(s));
        let status = raw.status.map(|s| s.value.trim().to_string()).filter(|s| !s.is_empty());
        let history = convert_each(&raw.history, |h| self.text(h));
        let issuer =
            raw.issuer.map(|s| s.value.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"));
        let issuer = issuer.filter(|s| !s.is_empty());
        let layout = raw.layout.as_ref().and_then(|l| match l.value.trim() {
            "short" => Some(PrintLayout::Short),
            "full" => Some(PrintLayout::Full),
            other => {
                let mut d = Diagnostic::new(codes::Y036, format!("未知的印刷版式“{other}”")).at(self.span(l), "版式");
                if let Some(s) = did_you_mean(other, ["short", "full"]) {
                    d = d.hint(format!("您是不是想写“{s}”？"));
                }
                self.err(d.hint("layout 只能是 short（不要封面和目录，单面印刷）或 full（封面、目录，双面印刷）；不写时按条数自动选择。"));
                None
            }
        });
        let script = raw.script.as_ref().map_or(Script::Simplified, |l| match Script::from_name(&l.value) {
            Some(s) => s,
            None => {
                let other = l.value.trim();
                let mut d = Diagnostic::new(codes::Y053, format!("未知的文字“{other}”")).at(self.span(l), "文字");
                if let Some(s) = did_you_mean(other, ["simplified", "traditional"]) {
                    d = d.hint(format!("您是不是想写“{s}”？"));
                }
                self.err(d.hint("script 只能是 simplified（简体，默认）或 traditional（繁體）。"));
                Script::Simplified
            }
        });
        let preamble = convert_each(&raw.preamble, |p| self.paragraph(p, None));
        let terms = convert_each(&raw.terms, |t| self.term(t));
        let body = match raw.body.take() {
            Some(b) => {
                if b.value.is_empty() {
                    let sp = self.span(&b);
                    self.err(Diagnostic::new(codes::Y023, "正文（body）是空的，章程至少要有一条").at(sp, "空的正文"));
                }
                self.nodes(b.value, None)
            }
            None => {
                self.err(
                    Diagnostic::new(codes::Y020, "缺少正文（body）")
                        .at(doc_start, "文件开头")
                        .hint("章程的章、节、条写在 body 下面，见 docs/charter-format.md。"),
                );
                Vec::new()
            }
        };
        Some(Charter {
            meta: Meta {
                title: title.0,
                title_span: title.1,
                status,
                status_span,
                date,
                issuer,
                layout,
                script,
                history,
                preamble,
            },
            terms,
            body,
        })
    }

    fn term(&mut self, t: &S<RawTerm>) -> Option<Term> {
        let sp = self.span(t);
        let raw = &t.value;
        let Some(name) = &raw.name else {
            self.err(
                Diagnostic::new(codes::Y020, "术语缺少名称（name）").at(sp, "这一条术语").hint("例如：- name: 主席团"),
            );
            return None;
        };
        let kind = match raw.kind.as_ref().map(|k| (k.value.trim(), self.span(k))) {
            None | Some(("body", _)) => TermKind::Body,
            Some(("role", _)) => TermKind::Role,
            Some(("outside", _)) => TermKind::Outside,
            Some(("document", _)) => TermKind::Document,
            Some((other, ksp)) => {
                let mut d = Diagnostic::new(codes::Y029, format!("未知的术语类别“{other}”")).at(ksp, "类别");
                if let Some(s) = did_you_mean(other, ["body", "role", "outside", "document"]) {
                    d = d.hint(format!("您是不是想写“{s}”？"));
                }
                self.err(
                    d.hint("可用的类别：body（本组织的机构）、role（职务）、outside（外部机构）、document（文件）"),
                );
                TermKind::Body
            }
        };
        let names = |v: &[S<String>], c: &Self| -> Vec<Name> {
            v.iter()
                .map(|n| Name { text: n.value.trim().to_string(), span: c.span(n) })
                .filter(|n| !n.text.is_empty())
                .collect()
        };
        Some(Term {
            name: Name { text: name.value.trim().to_string(), span: self.span(name) },
            short: names(&raw.short, self),
            wrong: names(&raw.wrong, self),
            kind,
            note: raw.note.as_ref().map(|n| n.value.clone()),
        })
    }

    fn check_id(&mut self, id: &S<String>) -> Option<(String, Span)> {
        let sp = self.span(id);
        let v = id.value.trim();
        if !is_valid_id(v) {
            let suggestion = slugify(v);
            let mut d = Diagnostic::new(codes::Y021, format!("id“{v}”的格式不对"))
                .at(sp, "id 只能由小写英文字母、数字和连字符组成，以字母开头，最长 64 个字符");
            if let Some(key) = crate::slips::swallowed_key(v) {
                d = d.hint(format!(
                    "“{key}”那一行缩进得比 id 深，YAML 把它读成了 id 的续行。请让它与 id 左端对齐，键后面用半角冒号加空格：{key}: …"
                ));
            } else if !suggestion.is_empty() && suggestion != v {
                d = d.hint(format!("例如改为“{suggestion}”。"));
            }
            self.err(d.hint("id 不会印出来，只用于引用和比较草案；中文名称请写在标题或 heading 里。"));
            return None;
        }
        if let Some(first) = self.ids.get(v) {
            let first = *first;
            self.err(
                Diagnostic::new(codes::Y022, format!("id“{v}”重复"))
                    .at(sp, "又用了一次")
                    .also(first, "第一次在这里")
                    .hint("整个文件里的 id 必须各不相同，包括章、节、条、款、项。"),
            );
            return None;
        }
        self.ids.insert(v.to_string(), sp);
        Some((v.to_string(), sp))
    }

    /// Each raw node is dropped once converted (its divisions' bodies taken
    /// from it first): the model is built in the room the raw structs free,
    /// not beside all of them.
    fn nodes(&mut self, raw: Vec<S<Box<RawNode>>>, parent: Option<Level>) -> Vec<Node> {
        let mut out = Vec::with_capacity(raw.len());
        for mut n in raw {
            out.extend(self.node(&mut n, parent));
        }
        out
    }

    fn node(&mut self, n: &mut S<Box<RawNode>>, parent: Option<Level>) -> Option<Node> {
        let sp = self.span(n);
        let r: &mut RawNode = &mut n.value;
        let levels: Vec<(Level, &S<String>)> = {
            let mut levels = [
                (Level::Part, r.part.as_deref()),
                (Level::Subpart, r.subpart.as_deref()),
                (Level::Chapter, r.chapter.as_deref()),
                (Level::Section, r.section.as_deref()),
            ]
            .into_iter()
            .filter_map(|(l, v)| v.map(|v| (l, v)));
            match levels.next() {
                // An article (most nodes) has none: nothing allocated.
                None => Vec::new(),
                Some(first) => std::iter::once(first).chain(levels).collect(),
            }
        };
        if levels.len() > 1 {
            let mut d =
                Diagnostic::new(codes::Y024, format!("同一处同时写了“{}”和“{}”", levels[0].0.key(), levels[1].0.key()))
                    .at(self.span(levels[1].1), "第二个层级键");
            d = d
                .also(self.span(levels[0].1), "第一个层级键")
                .hint("一个映射只能是一个编、分编、章或节；下一层写在它的 body 里。");
            self.err(d);
            return None;
        }
        if let Some((level, title)) = levels.first() {
            let (title, title_span) = (title.value.trim().to_string(), self.span(title));
            return self.division(r, *level, title, title_span, sp, parent).map(Node::Division);
        }
        // A misspelt division key (already reported) directly above this
        // mapping's first key, at the same column.
        if r.body.is_some() {
            let line = self.file.line_index(sp.start);
            let byte_col = sp.start.saturating_sub(self.file.offset_of(line + 1, 1));
            if let Some(i) =
                self.guesses.iter().position(|g| g.col == byte_col && (g.line == line || g.line + 1 == line))
            {
                let g = self.guesses.remove(i);
                return self.division(r, g.level, g.title, g.title_span, sp, parent).map(Node::Division);
            }
        }
        self.article(r, sp).map(Node::Article)
    }

    fn division(
        &mut self,
        r: &mut RawNode,
        level: Level,
        title_text: String,
        title_span: Span,
        sp: Span,
        parent: Option<Level>,
    ) -> Option<Division> {
        if let Some(p) = parent
            && p >= level
        {
            self.err(
                Diagnostic::new(codes::Y025, format!("{}不能放在{}里面", level.word(), p.word()))
                    .at(title_span, format!("这个{}", level.word()))
                    .hint("层级从外到内依次是：编、分编、章、节。"),
            );
        }
        for (key, present) in [
            ("heading", r.heading.as_deref().map(|v| self.span(v))),
            ("text", r.text.as_ref().map(|v| self.span(v))),
            ("items", r.items.as_deref().map(|v| self.span(v))),
            ("paragraphs", r.paragraphs.as_deref().map(|v| self.span(v))),
            ("repealed", r.repealed.as_deref().map(|v| self.span(v))),
            ("inserted", r.inserted.as_deref().map(|v| self.span(v))),
        ] {
            if let Some(ksp) = present {
                self.err(
                    Diagnostic::new(codes::Y024, format!("{}不能有“{key}”", level.word()))
                        .at(ksp, "这个键属于条")
                        .also(title_span, format!("这是一个{}", level.word()))
                        .hint(format!("条写在{}的 body 列表里，每条有自己的 id。", level.word())),
                );
            }
        }
        let id = match &r.id {
            Some(id) => self.check_id(id),
            None => {
                self.err(
                    Diagnostic::new(codes::Y020, format!("{}缺少 id", level.word()))
                        .at(title_span, format!("这个{}", level.word()))
                        .hint("在它下面加一行 id，例如：id: general"),
                );
                None
            }
        };
        if title_text.is_empty() {
            self.err(Diagnostic::new(codes::Y030, format!("{}的标题是空的", level.word())).at(title_span, "空标题"));
        }
        let body = match r.body.take() {
            Some(b) => {
                if b.value.is_empty() {
                    self.err(
                        Diagnostic::new(codes::Y034, format!("{}“{}”是空的", level.word(), title_text))
                            .at(self.span(&b), "空的 body"),
                    );
                }
                self.nodes(b.value, Some(level))
            }
            None => {
                self.err(
                    Diagnostic::new(codes::Y020, format!("{}“{}”缺少 body", level.word(), title_text))
                        .at(title_span, format!("这个{}", level.word()))
                        .hint("在它下面写 body:，再列出其中的条。"),
                );
                Vec::new()
            }
        };
        let (id, id_span) = id?;
        Some(Division {
            id,
            id_span,
            level,
            title: title_text,
            title_span,
            unnumbered: r.unnumbered.as_deref().is_some_and(|u| u.value),
            body,
            span: sp,
            allow: self.allow(r.allow.as_deref()),
            note: self.note(r.note.as_deref()),
        })
    }

    fn article(&mut self, r: &RawNode, sp: Span) -> Option<Article> {
        if let Some(b) = &r.body {
            self.err(
                Diagnostic::new(codes::Y024, "条不能有 body")
                    .at(self.span(b), "body 只属于编、分编、章、节")
                    .hint("如果这是一章，请写“chapter: 标题”；如果这是一条，请用 text 或 paragraphs。"),
            );
        }
        if let Some(u) = &r.unnumbered {
            self.err(
                Diagnostic::new(codes::Y024, "条不能有 unnumbered").at(self.span(u), "只有编、分编、章、节可以不编号"),
            );
        }
        let Some(raw_id) = &r.id else {
            let at = r.heading.as_deref().or(r.text.as_ref()).map_or(sp, |t| self.span(t));
            self.err(
                Diagnostic::new(codes::Y020, "条缺少 id")
                    .at(at, "这一条")
                    .hint("每条都要有一个 id，例如：- id: basis（id 不会印出来，条的序号自动计算）"),
            );
            return None;
        };
        let id = self.check_id(raw_id);
        let id_span = self.span(raw_id);
        let repealed = r.repealed.as_deref().is_some_and(|v| v.value);
        let inserted = r.inserted.as_deref().is_some_and(|v| v.value);
        let heading = r.heading.as_deref().and_then(|h| self.text(h));
        // Sized exactly: most articles have one paragraph, and a vector
        // grown from empty holds room for four (a block is 200 bytes).
        let mut paragraphs = Vec::with_capacity(r.paragraphs.as_ref().map_or(1, |p| p.value.len()));
        match (&r.text, &r.paragraphs) {
            (Some(t), Some(p)) => {
                self.err(
                    Diagnostic::new(codes::Y024, "条不能同时有 text 和 paragraphs")
                        .at(self.span(p), "paragraphs")
                        .also(self.span(t), "text")
                        .hint("只有一款时用 text（可带 items）；多款时把每一款写进 paragraphs。"),
                );
            }
            (None, Some(p)) => {
                if let Some(items) = &r.items {
                    self.err(
                        Diagnostic::new(codes::Y024, "用 paragraphs 时，项要写在所属的那一款里")
                            .at(self.span(items), "这里的 items")
                            .hint("把 items 移到 paragraphs 中那一款的映射里：- text: … 换行 items: …"),
                    );
                }
                for b in &p.value {
                    if let Some(par) = self.paragraph(b, None) {
                        paragraphs.push(par);
                    }
                }
                if p.value.is_empty() {
                    self.err(Diagnostic::new(codes::Y023, "paragraphs 是空的").at(self.span(p), "空列表"));
                }
            }
            (t, None) => {
                let text = t.as_ref().and_then(|t| self.text(t));
                let items = r.items.as_deref().map(|i| self.items(&i.value, 1)).unwrap_or_default();
                if text.is_some() || !items.is_empty() {
                    let text = text.unwrap_or_else(|| Text::empty(r.items.as_deref().map_or(sp, |i| self.span(i))));
                    paragraphs.push(Block { id: None, id_span: None, text, items, allow: Vec::new() });
                }
            }
        }
        if repealed && !paragraphs.is_empty() {
            self.err(
                Diagnostic::new(codes::Y024, "已删去的条（repealed: true）不能再有正文")
                    .at(r.repealed.as_deref().map_or(sp, |v| self.span(v)), "repealed")
                    .hint("删去的条只保留序号，印作“第X条　（删去）”。要恢复它，去掉 repealed。"),
            );
        }
        if !repealed && paragraphs.is_empty() && r.text.is_none() && r.paragraphs.is_none() {
            self.err(
                Diagnostic::new(codes::Y023, "这一条没有正文")
                    .at(id_span, "空条")
                    .hint("用 text 写正文；若这一条已被删去，写 repealed: true。"),
            );
        }
        let allow = self.allow(r.allow.as_deref());
        let note = self.note(r.note.as_deref());
        let (id, id_span) = id?;
        Some(Article { id, id_span, heading, paragraphs, repealed, inserted, span: sp, allow, note })
    }

    fn paragraph(&mut self, b: &S<RawBlock>, _parent: Option<&str>) -> Option<Block> {
        self.block(b, 1)
    }

    fn items(&mut self, list: &[S<RawBlock>], depth: u8) -> Vec<Block> {
        convert_each(list, |b| self.block(b, depth + 1))
    }

    /// A paragraph (depth 1), item (2) or sub-item (3).
    fn block(&mut self, b: &S<RawBlock>, depth: u8) -> Option<Block> {
        let sp = self.span(b);
        match &b.value {
            RawBlock::Short(s) => {
                // A scalar item of the wrong type (`- 2021.11`) was kept as a
                // quoted placeholder: its text is the one written.
                let text = match self.restored.get(&sp.start) {
                    Some(original) => self.text_at(&original.clone(), sp)?,
                    None => self.text_at(s, sp)?,
                };
                Some(Block { id: None, id_span: None, text, items: Vec::new(), allow: Vec::new() })
            }
            RawBlock::Full(m) => {
                let m = m.as_ref();
                let id = m.id.as_ref().and_then(|i| self.check_id(i));
                let text = match &m.text {
                    Some(t) => self.text(t),
                    None if m.items.is_some() && depth == 1 => Some(Text::empty(sp)),
                    None => {
                        self.err(
                            Diagnostic::new(codes::Y020, "缺少 text")
                                .at(sp, "这一项")
                                .hint("写成 - text: … ；带 id 时：- id: x 换行 text: …"),
                        );
                        None
                    }
                };
                let items = match &m.items {
                    Some(i) if depth >= 3 => {
                        self.err(
                            Diagnostic::new(codes::Y031, "目之下不能再分项")
                                .at(self.span(i), "多出的一层")
                                .hint("层次依次是款、项（（一））、目（1.）；目是最低一层。"),
                        );
                        Vec::new()
                    }
                    Some(i) => self.items(&i.value, depth),
                    None => Vec::new(),
                };
                let allow = self.allow(m.allow.as_ref());
                let text = text?;
                Some(Block { id: id.as_ref().map(|i| i.0.clone()), id_span: id.map(|i| i.1), text, items, allow })
            }
        }
    }

    /// A `note:`. Kept as written (not a charter text: no references, no
    /// checks); a blank note is no note.
    fn note(&mut self, note: Option<&S<String>>) -> Option<Note> {
        let n = note?;
        let text = n.value.trim();
        (!text.is_empty()).then(|| Note { text: text.to_string(), span: self.span(n) })
    }

    /// An `allow:` list. Whether the codes exist is checked by the
    /// checker, which knows the rules.
    fn allow(&mut self, list: Option<&S<Vec<S<String>>>>) -> Vec<Allow> {
        let Some(list) = list else { return Vec::new() };
        list.value
            .iter()
            .map(|c| Allow { code: c.value.trim().to_string(), span: self.span(c) })
            .filter(|a| !a.code.is_empty())
            .collect()
    }

    fn text(&mut self, s: &S<String>) -> Option<Text> {
        let sp = self.span(s);
        if let Some(original) = self.restored.get(&sp.start) {
            return self.text_at(&original.clone(), sp);
        }
        self.text_at(&s.value, sp)
    }

    fn text_at(&mut self, value: &str, sp: Span) -> Option<Text> {
        // Only a plain scalar can swallow a line or lose a comment (a
        // block scalar's span starts at its content, after the `|` line).
        let f = self.file;
        if f.clamp(sp.start) < f.text.len() && scalar_style(f, sp) == ScalarStyle::Plain {
            self.check_comment_trap(sp);
            self.check_swallowed_item(sp);
        }
        let joined = match join_lines(value) {
            Ok(j) => j,
            Err(_) => {
                self.err(
                    Diagnostic::new(codes::Y026, "一段文字里不能有空行")
                        .at(sp, "这段文字有空行")
                        .hint("一条有几款时，用 paragraphs 列出每一款。"),
                );
                return None;
            }
        };
        if joined.trim().is_empty() {
            self.err(Diagnostic::new(codes::Y030, "文字是空的").at(sp, "空文字").hint("写上内容，或者删去这一项。"));
            return None;
        }
        let (text, problems) = Text::parse(joined, sp);
        for p in problems {
            let at = text.locate(self.file, p.raw.clone());
            let d = match p.kind {
                ProblemKind::Html => Diagnostic::new(codes::Y027, "文字里不允许 HTML")
                    .at(at, "HTML 标签")
                    .hint("只支持 *强调* 和 **加粗**。要写尖括号本身，请用全角“＜＞”或《》。"),
                ProblemKind::Link => Diagnostic::new(codes::Y027, "文字里不支持链接或图片")
                    .at(at, "链接")
                    .hint("引用本章程的条文请用 [[id]]；要写方括号本身，请在前面加反斜杠：\\[。"),
                ProblemKind::Block => Diagnostic::new(codes::Y027, "文字里不支持标题、列表、引用块等块级格式")
                    .at(at, "这里")
                    .hint("项请写在 items 里，编号会自动生成。"),
                ProblemKind::BadReference(msg) => Diagnostic::new(codes::Y027, format!("引用写法有误：{msg}"))
                    .at(at, "引用")
                    .hint("引用写作 [[id]]、[[id1, id2]] 或 [[id1..id2]]。"),
            };
            self.err(d);
        }
        Some(text)
    }

    /// A plain text one of whose continuation lines starts with `- `: a list
    /// item indented deeper than its siblings, which YAML folded into the
    /// previous item's text (`服务同学； - 代表同学。`).
    fn check_swallowed_item(&mut self, sp: Span) {
        let f = self.file;
        let (start, end) = (f.clamp(sp.start), f.clamp(sp.end.max(sp.start)));
        let scalar = &f.text[start..end];
        // Each continuation line on its own (the rest of the scalar from
        // every line would make this quadratic in a long text).
        let line = |i: usize| &f.text[i..f.text[i..end].find('\n').map_or(end, |j| i + j)];
        if let Some((nl, key)) = scalar
            .match_indices('\n')
            .map(|(i, _)| start + i + 1)
            .find_map(|i| crate::slips::key_in_line(line(i).trim_start_matches(' ')).map(|k| (i, k.to_string())))
        {
            let indent = f.text[nl..].len() - f.text[nl..].trim_start_matches(' ').len();
            self.err(
                Diagnostic::new(codes::Y035, format!("“{key}”这一行被并进了上一行的文字"))
                    .at(Span::new(self.id, nl + indent, nl + indent + key.len()), "这不是一个键")
                    .hint(format!(
                        "它缩进得比上一行的键深，YAML 把它读成了上一行文字的续行。请让它与上一行的键左端对齐，键后面用半角冒号加空格：{key}: …"
                    )),
            );
            return;
        }
        let Some(nl) = scalar.match_indices('\n').map(|(i, _)| start + i + 1).find(|&i| {
            let l = &f.text[i..end];
            l.trim_start_matches(' ').starts_with("- ")
        }) else {
            return;
        };
        let indent = f.text[nl..].len() - f.text[nl..].trim_start_matches(' ').len();
        // The item that swallowed it: the `- ` of the scalar's own line.
        let own = f.line_text(start);
        let own_dash = own.find("- ").filter(|&i| own[..i].trim().is_empty());
        let mut d = Diagnostic::new(codes::Y035, "这一行以“- ”开头，却被并进了上一项的文字")
            .at(Span::new(self.id, nl + indent, nl + indent + 1), "这不是新的一项");
        d = match own_dash {
            Some(col) if col < indent => d
                .hint(format!(
                    "它比上一项的“- ”多缩进了 {} 个空格，YAML 把它读成了上一项文字的续行。要让它成为新的一项，请把“- ”与上一项的“- ”左端对齐。",
                    indent - col
                ))
                .with_fix(
                    "把“- ”与上一项对齐",
                    vec![crate::diagnostic::Edit { span: Span::new(self.id, nl, nl + indent), replacement: " ".repeat(col) }],
                ),
            _ => d.hint("YAML 把它读成了上一段文字的续行。要让它成为新的一项，请把“- ”与上一项的“- ”左端对齐；如果它确实是文字，请用块文字（“text: |”后换行书写）。"),
        };
        self.err(d);
    }

    /// A plain (unquoted) scalar followed by ` #` on its last line: YAML has
    /// silently cut the rest of the line off as a comment.
    fn check_comment_trap(&mut self, sp: Span) {
        let f = self.file;
        let end = f.clamp(sp.end.max(sp.start));
        let line_end = f.text[end..].find('\n').map_or(f.text.len(), |i| end + i);
        let rest = &f.text[end..line_end];
        if let Some(i) = rest.find('#')
            && rest[..i].chars().all(|c| c == ' ' || c == '\t')
            && i > 0
        {
            let at = end + i;
            let cut = rest[i + 1..].trim();
            if cut.is_empty() {
                return;
            }
            self.err(
                Diagnostic::new(codes::Y040, "“ #”之后的文字被 YAML 当作注释删掉了")
                    .at(Span::new(self.id, at, line_end), format!("“{cut}”不会出现在章程里"))
                    .hint("没有引号的文字中，空格加“#”表示注释开始。如果这是正文，请改用块文字（“text: |”后换行书写）或加引号。"),
            );
        }
    }
}

/// A best-effort slug for a malformed id.
fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c == '-' || c == '_' || c == ' ') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.starts_with(|c: char| c.is_ascii_digit()) { format!("art-{out}") } else { out }
}

/// The registry of codes reported while loading a charter or its
/// `lint.yaml` (`Y…`): severity and the text `charter explain` prints.
pub mod codes {
    crate::declare_codes! { Load;
        Y001 = Error, "文件不是 UTF-8 编码。\n\n章程文件必须是 UTF-8。中文 Windows 的记事本“ANSI”其实是 GBK；请“另存为”并选择 UTF-8。";
        Y002 = Error, "YAML 语法错误。\n\n常见原因：缩进没有对齐；文字里有半角冒号加空格（“: ”）；引号或括号不成对。\n提示里给出了解析器的原文。长文字请一律使用块文字：\n\n    text: |\n      正文……";
        Y003 = Error, "缩进不对。\n\n同一层的键必须左端对齐（用同样多的空格缩进），下一层多缩进两个空格。多一个或少一个空格，YAML 就会把这一行读成上一行文字的一部分或读不下去。\n诊断指出应当对齐的那一行；charter check --fix 可以自动改正。";
        Y004 = Error, "用制表符（Tab）缩进。\n\nYAML 只允许用空格缩进。请在编辑器里打开“用空格代替 Tab”。";
        Y010 = Error, "未知的键。\n\n键写错了（例如 heading 写成 headng），或者写在了错误的层级。提示里列出了这一层可以用的键。";
        Y011 = Error, "值的类型不对。\n\n例如应当是列表的地方写成了文字，或 repealed 写成了 true/false 以外的值。";
        Y012 = Error, "键后面没有值。\n\n在冒号后写上内容，或者删去这一行。";
        Y013 = Error, "同一个映射里重复的键。\n\nYAML 不允许重复的键；请删去或合并其中一个。";
        Y014 = Error, "锚点与别名（& 与 *）。\n\n章程文件不需要它们；它们可以构造“别名炸弹”，所以一律拒绝，不会展开。";
        Y015 = Error, "嵌套过深或文件超出处理上限。";
        Y016 = Error, "一个文件里有多个 YAML 文档（---）。\n\n每份草案放在单独的文件里。";
        Y017 = Error, "文件里的错误太多（超过 1000 处），后面的部分没有检查。\n\n先改正报告出来的错误（多半是同一个键在许多条里写错了），再检查一次。";
        Y020 = Error, "缺少必需的键：title、body，编/章/节与条的 id，编/章/节的 body 等。";
        Y021 = Error, "id 的格式不对。\n\nid 只能由小写英文字母、数字和连字符组成，以字母开头，最长 64 个字符。id 不会印出来。";
        Y022 = Error, "id 重复。\n\n整个文件里的 id 必须各不相同，包括章、节、条、款、项。";
        Y023 = Error, "空的条、章或正文。\n\n条要有 text 或 paragraphs；已删去的条写 repealed: true。";
        Y024 = Error, "键的组合不成立。\n\n例如一条同时有 text 和 paragraphs，章里写了 text，条里写了 body。";
        Y025 = Error, "层级顺序不对。\n\n从外到内依次是编、分编、章、节；例如章不能放在节里。";
        Y026 = Error, "一段文字里有空行。\n\n一条有几款时用 paragraphs 分别列出。";
        Y027 = Error, "文字中的格式不被支持：HTML、链接、块级 Markdown，或引用写法有误。\n\n只支持 *强调*、**加粗** 和 [[id]] 引用。";
        Y028 = Error, "日期格式不对，应为 YYYY-MM-DD。";
        Y029 = Error, "术语类别不认识：只能是 body、role、outside、document。";
        Y030 = Error, "文字或标题是空的。";
        Y031 = Error, "目之下又分了一层。层次依次是款、项、目。";
        Y032 = Warning, "第一条被标为插入条（inserted）。";
        Y033 = Error, "allow 里写了不存在的规则代码。\n\n编、章、节、条、款、项上的 allow: [CH0xx] 只能列出检查规则（charter rules 列出全部规则），\n也可以写规则名，例如 allow: [latin-word]。Y 开头的问题是文件本身的错误，不能 allow，请直接改正。";
        Y034 = Warning, "编、章、节的 body 是空列表。\n\n空的编、章、节不会印出任何条文；请写上其中的条，或者删去这一层。";
        Y035 = Warning, "一行列表项（“- ”）或键（“heading：”）缩进得比上一行深，被 YAML 并进了上一行的文字，而不是新的一项或新的键。\n\n列表项的“- ”要与上一项的“- ”左端对齐；同一层的键要左端对齐，键后面用半角冒号加空格。";
        Y036 = Error, "印刷版式（layout）不认识：只能是 short 或 full。\n\nshort：不要封面和目录，单面印刷、没有空白页；full：封面、目录，双面印刷（目录和正文从右页开始）。不写 layout 时，不超过 20 条的章程用 short。";
        Y040 = Warning, "没有引号的文字里，空格加“#”之后的内容被 YAML 当作注释删掉了。\n\n请改用块文字（text: | 后换行书写）或加引号。";
        Y050 = Error, "检查设置文件（lint.yaml）里写了不存在的规则。\n\nrules 下面的每个键是一条规则的代码（CH001）或名称（duplicate-heading）。用 charter rules 列出全部规则。";
        Y051 = Error, "检查设置文件（lint.yaml）里有未知的键或选项。\n\n顶层只有 rules；每条规则下面可以写 level 和这条规则的选项（charter explain 代码 列出选项）。";
        Y052 = Error, "检查设置文件（lint.yaml）里的值不对：级别只能是 error、warning、info、off；列表选项写成 [词语, 词语]；映射选项写成 错误写法: 正确写法。";
        Y041 = Warning, "看不见的字符：零宽空格、不换行空格、软连字符等，通常从 Word 或网页复制而来。";
        Y042 = Warning, "康熙部首等“长得像汉字”的字符，例如“⼀”（U+2F00）冒充“一”。";
        Y043 = Warning, "行首的全角空格（U+3000）：它不是缩进，会成为文字的一部分。";
        Y053 = Error, "文字（script）不认识：只能是 simplified（简体，默认）或 traditional（繁體）；也可以写“简体”“繁體”。\n\n它决定工具生成的文字用哪种字形：编号（第一条或第一條）、目录（目录或目錄）、修改决定的表述。章程正文本身照原样印出。";
        Y044 = Error, "文字里有控制字符（如 \"\\0\"、\"\\u0007\" 这样的转义写出的空字符、响铃）。\n\n控制字符印不出来，会让 PDF、HTML 和终端出错。读入时把它们去掉并报告这个错误，build 因此拒绝生成（--force 生成的文件里也没有它们）。删除这些转义即可；charter check --fix 可以自动删除。";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunked test finds exactly what [`is_control`] finds, at any
    /// position in a long string.
    #[test]
    fn has_control_agrees_with_is_control() {
        let base = "本会章程，“示例”\t——\n".repeat(5);
        for c in ('\0'..='\u{3ff}').chain(['\u{3000}', '\u{FEFF}', '\u{2F00}']) {
            for at in [0, 6, 41, base.len()] {
                let mut s = base.clone();
                s.insert(at, c);
                assert_eq!(has_control(&s), is_control(c), "U+{:04X} at {at}", c as u32);
            }
        }
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("presidium-election"));
        assert!(is_valid_id("art-21"));
        assert!(!is_valid_id("21"));
        assert!(!is_valid_id("Presidium"));
        assert!(!is_valid_id("主席团"));
        assert!(!is_valid_id(""));
        assert_eq!(slugify("Art_21"), "art-21");
        assert_eq!(slugify("21"), "art-21");
    }

    #[test]
    fn all_214_kangxi_radicals_map_to_ideographs() {
        let radicals: Vec<char> = ('\u{2F00}'..='\u{2FD5}').collect();
        assert_eq!(radicals.len(), 214);
        for r in radicals {
            let u = kangxi_to_unified(r).unwrap_or_else(|| panic!("U+{:04X} has no mapping", r as u32));
            assert!(('\u{4E00}'..='\u{9FFF}').contains(&u), "U+{:04X} → U+{:04X}", r as u32, u as u32);
        }
        for (r, u) in [('⼀', '一'), ('⼈', '人'), ('⾔', '言'), ('⾧', '长'), ('⾨', '门'), ('⾺', '馬'), ('⿔', '龜')]
        {
            assert_eq!(kangxi_to_unified(r), Some(u), "{r}");
        }
        // The supplement: decomposable forms map, the others are left alone.
        assert_eq!(kangxi_to_unified('⺟'), Some('母'));
        assert_eq!(kangxi_to_unified('⻳'), Some('龟'));
        assert_eq!(kangxi_to_unified('⻓'), None);
        // Outside the two blocks nothing is normalised.
        assert_eq!(kangxi_to_unified('１'), None);
        assert_eq!(kangxi_to_unified('长'), None);
        // Unassigned code points at the end of the Kangxi block.
        assert_eq!(kangxi_to_unified('\u{2FD6}'), None);
    }
}
