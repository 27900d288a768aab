//! Source files and positions.
//!
//! Every position the tool reports is a byte range into one [`SourceFile`];
//! lines and columns are computed on demand, columns counted in characters
//! (not bytes), so that Chinese text gets the column a user sees.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end: end.max(start) }
    }
}

/// One loaded text file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or as found), for messages.
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// Every [`CHAR_STEP`] bytes: (byte offset of the first character at or
    /// after it, characters before that offset). Columns are counted from
    /// the nearest checkpoint, so each position costs O(1), not the length
    /// of its line (a whole article is often one long line). Built on the
    /// first column asked for: a file without findings never needs one.
    char_marks: OnceLock<Vec<(usize, usize)>>,
}

/// Distance between the checkpoints of [`SourceFile::char_marks`].
const CHAR_STEP: usize = 256;

/// The checkpoints of [`SourceFile::char_marks`] for `text`.
fn char_marks(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut marks = Vec::with_capacity(bytes.len() / CHAR_STEP + 1);
    // Characters are counted as the bytes that are not UTF-8 continuation
    // bytes, a chunk at a time (a loop the compiler vectorises).
    let (mut chars, mut counted) = (0, 0);
    for chunk_start in (0..bytes.len()).step_by(CHAR_STEP) {
        let mut at = chunk_start;
        while at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
            at += 1;
        }
        if at == bytes.len() {
            break;
        }
        chars += bytes[counted..at].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        counted = at;
        marks.push((at, chars));
    }
    marks
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        SourceFile { path: path.into(), text, line_starts, char_marks: OnceLock::new() }
    }

    /// Characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let marks = self.char_marks.get_or_init(|| char_marks(&self.text));
        let k = (offset / CHAR_STEP).min(marks.len().saturating_sub(1));
        // A checkpoint may lie a few bytes past `offset` (inside a
        // character); the one before is then at or before it.
        let mark = marks.get(..=k).and_then(|m| m.iter().rev().find(|(at, _)| *at <= offset));
        match mark {
            Some(&(at, n)) => n + self.text[at..offset].chars().count(),
            None => self.text[..offset].chars().count(),
        }
    }

    /// The byte offset at which each line starts (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Zero-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// One-based line and one-based column in characters of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let col = self.chars_before(offset) - self.chars_before(start) + 1;
        (line + 1, col)
    }

    /// Byte offset of a one-based line and one-based character column.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices()
            .take_while(|&(_, c)| c != '\n')
            .nth(col.saturating_sub(1))
            .map_or_else(|| start + self.line_text_len(start), |(i, _)| start + i)
    }

    fn line_text_len(&self, start: usize) -> usize {
        // The next line start (found by binary search) ends this line.
        let next = self.line_starts.partition_point(|&s| s <= start);
        self.line_starts.get(next).map_or(self.text.len(), |&s| s - 1) - start
    }

    /// Byte offset of a character offset from the start of the file.
    pub fn offset_of_char(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map_or(self.text.len(), |(i, _)| i)
    }

    /// The text of the line containing `offset`, without its line break.
    pub fn line_text(&self, offset: usize) -> &str {
        let line = self.line_index(self.clamp(offset));
        let start = self.line_starts[line];
        let end = start + self.line_text_len(start);
        self.text[start..end].trim_end_matches('\r')
    }

    /// Clamp an offset into the text and onto a character boundary.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }
}

/// All files of one run.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, path: impl AsRef<Path>, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile::new(path.as_ref(), text));
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// `path:line:col` of a span's start.
    pub fn describe(&self, span: Span) -> String {
        match self.get(span.file) {
            Some(f) => {
                let (l, c) = f.line_col(span.start);
                format!("{}:{l}:{c}", f.path.display())
            }
            None => String::from("?"),
        }
    }
}

/// How a YAML scalar is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    Single,
    Double,
    /// `|` or `>`: the span starts at the content, after the indicator line.
    Block,
}

/// The style of the scalar whose span is `scalar`.
pub fn scalar_style(file: &SourceFile, scalar: Span) -> ScalarStyle {
    let start = file.clamp(scalar.start);
    match file.text[start..].chars().next() {
        Some('"') => return ScalarStyle::Double,
        Some('\'') => return ScalarStyle::Single,
        Some('|' | '>') => return ScalarStyle::Block,
        _ => {}
    }
    // Look back over the indentation and line break to the indicator:
    // `text: |` then the content on the next line. (Byte-wise: this runs
    // for every text the loader reads.)
    let bytes = file.text.as_bytes();
    let mut i = start;
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    if i == 0 || bytes[i - 1] != b'\n' {
        return ScalarStyle::Plain;
    }
    let mut end = i - 1;
    if end > 0 && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    let line_start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |p| p + 1);
    let line = &bytes[line_start..end];
    let header = line.windows(2).position(|w| w == b" #").map_or(line, |k| &line[..k]);
    let header = header.trim_ascii_end();
    let indicator = match header.iter().rposition(|&b| !(b == b'-' || b == b'+' || b.is_ascii_digit())) {
        Some(k) => header[k],
        None => return ScalarStyle::Plain,
    };
    if indicator == b'|' || indicator == b'>' { ScalarStyle::Block } else { ScalarStyle::Plain }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let f = SourceFile::new("a.yaml", "title: 章程\ntext: 第一条 x\n".to_string());
        let off = f.text.find(" x").map_or(0, |i| i + 1);
        assert_eq!(f.line_col(off), (2, 11));
        assert_eq!(f.offset_of(2, 11), off);
        assert_eq!(f.line_text(off), "text: 第一条 x");
    }

    /// The checkpoints give every column the naive count gives, on long
    /// lines of one-, two-, three- and four-byte characters.
    #[test]
    fn checkpoints_agree_with_counting() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push(['a', 'é', '章', '𠀀', '，'][i % 5]);
            if i % 700 == 699 {
                text.push('\n');
            }
        }
        let f = SourceFile::new("a.yaml", text.clone());
        for (off, _) in text.char_indices() {
            let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
            let col = text[line_start..off].chars().count() + 1;
            assert_eq!(f.line_col(off).1, col, "at byte {off}");
        }
    }

    /// The style of each scalar, found from its span (which starts at the
    /// content: for a block scalar, on the line after the indicator).
    #[test]
    fn scalar_styles() {
        let cases = [
            ("text: |\n  甲\n", ScalarStyle::Block),
            ("text: |-\n  甲\n", ScalarStyle::Block),
            ("text: >2\n  甲\n", ScalarStyle::Block),
            ("text: |+ # 注释\n  甲\n", ScalarStyle::Block),
            ("- >\r\n  甲\r\n", ScalarStyle::Block),
            ("text: 甲\n  乙\n", ScalarStyle::Plain),
            ("text:\n  甲\n", ScalarStyle::Plain),
            ("text: 1-2\n  甲\n", ScalarStyle::Plain),
            ("text: \"甲\"\n", ScalarStyle::Double),
            ("text: '甲'\n", ScalarStyle::Single),
            ("甲\n", ScalarStyle::Plain),
        ];
        for (text, style) in cases {
            let f = SourceFile::new("a.yaml", text.to_string());
            let at = text.find(['甲', '"', '\'']).expect("content");
            assert_eq!(scalar_style(&f, Span::new(FileId(0), at, at + 3)), style, "{text:?}");
        }
    }
}
