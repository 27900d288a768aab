//! Bytes → text: recognise the container (.docx, other binaries) and the
//! encoding of plain text (UTF-8, UTF-16 with BOM, GB18030/GBK, Big5, …).

use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use super::{InputFormat, cfb, docx, zip};

/// A decoded input.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub format: InputFormat,
    /// The encoding's name as shown to users (UTF-8, GB18030, …).
    pub encoding: &'static str,
    /// Detected rather than known for sure (no BOM, not valid UTF-8).
    pub guessed: bool,
    /// Bytes that were not valid in the encoding became U+FFFD.
    pub replaced: bool,
    /// Paragraphs whose label came from Word's automatic numbering.
    pub docx_numbered: usize,
    /// Tracked changes in a .docx.
    pub docx_revisions: docx::RevisionStats,
    /// Comments in a .docx: (line, text).
    pub docx_comments: Vec<(usize, String)>,
    /// Lines of a table of contents Word generated (see `DocxText::toc_lines`).
    pub docx_toc: Vec<usize>,
}

/// Decode `bytes`. `Err` carries a message for the user: the file is not
/// something the importer can read at all.
pub fn decode(
    path: &Path,
    bytes: &[u8],
    format: Option<InputFormat>,
    encoding: Option<&'static Encoding>,
    revisions: docx::Revisions,
) -> Result<Decoded, String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    // Compound files first: an encrypted .docx is one, whatever its name.
    if cfb::is_cfb(bytes) {
        return Err(cfb::message(bytes, &ext));
    }
    if format == Some(InputFormat::Docx) || (format.is_none() && (zip::is_zip(bytes) || ext == "docx")) {
        if bytes.is_empty() {
            return Err("文件是空的（0 字节），不是 Word 文档；文件可能没有保存完或没有传完整，请重新获取".into());
        }
        if !zip::is_zip(bytes) {
            return Err("文件扩展名是 .docx，但内容不是 Word 文档（.docx 是 ZIP 压缩包）".into());
        }
        let d = docx::extract(bytes, revisions)?;
        return Ok(Decoded {
            text: d.text,
            format: InputFormat::Docx,
            encoding: "UTF-8",
            guessed: false,
            replaced: false,
            docx_numbered: d.numbered,
            docx_revisions: d.revisions,
            docx_comments: d.comments,
            docx_toc: d.toc_lines,
        });
    }
    if bytes.starts_with(b"%PDF") {
        return Err("这是 PDF 文件，无法导入；请把文字复制到文本文件（.txt），或导入原始的 Word 文档".into());
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err("这是 RTF 文件；请在 Word 或 WPS 中另存为 .docx 或纯文本后再导入".into());
    }
    let format = format.unwrap_or(if matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkd") {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    });
    let (text, name, guessed, replaced) = decode_text(bytes, encoding)?;
    Ok(Decoded {
        text,
        format,
        encoding: name,
        guessed,
        replaced,
        docx_numbered: 0,
        docx_revisions: Default::default(),
        docx_comments: Vec::new(),
        docx_toc: Vec::new(),
    })
}

/// The encoding's display name.
fn display_name(e: &'static Encoding) -> &'static str {
    if e == GB18030 || e == encoding_rs::GBK { "GB18030" } else { e.name() }
}

fn decode_text(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<(String, &'static str, bool, bool), String> {
    // A byte-order mark settles it.
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), display_name(enc), false, had_errors));
    }
    if let Some(enc) = forced {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), display_name(enc), false, had_errors));
    }
    if let Some(at) = binary_at(bytes) {
        // UTF-16 without BOM: every other byte is NUL in mostly-ASCII text.
        if let Some(enc) = utf16_without_bom(bytes) {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            return Ok((text.into_owned(), display_name(enc), true, had_errors));
        }
        return Err(format!(
            "这不是文本文件：第 {} 个字节起是二进制数据。可以导入的是纯文本（.txt）、Markdown（.md）和 Word 文档（.docx）",
            at + 1
        ));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8", false, false));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let mut enc = det.guess(None, chardetng::Utf8Detection::Deny);
    // Chinese Windows' "ANSI" is GBK; GB18030 is its superset and decodes
    // every GBK file the same way.
    if enc == encoding_rs::GBK {
        enc = GB18030;
    }
    // A guess of some other script (short texts can look Japanese or
    // Korean) loses to GB18030 when the bytes are valid GB18030: a charter
    // is Chinese.
    if enc != GB18030
        && enc != encoding_rs::BIG5
        && GB18030.decode_without_bom_handling_and_without_replacement(bytes).is_some()
    {
        enc = GB18030;
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), display_name(enc), true, had_errors))
}

/// The offset of the first byte that no text file contains (NUL and other
/// C0 controls besides tab, line breaks, form feed and escape), if any.
fn binary_at(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
}

fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_nul = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nul * 10 > pairs * 3 && even_nul == 0 {
        Some(UTF_16LE)
    } else if even_nul * 10 > pairs * 3 && odd_nul == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, &'static str) {
        let d = decode(Path::new("a.txt"), bytes, None, None, Default::default()).unwrap_or_else(|e| panic!("{e}"));
        (d.text, d.encoding)
    }

    #[test]
    fn encodings() {
        let s = "第一条　本会的名称是示例大学学生会。";
        assert_eq!(text(s.as_bytes()), (s.to_string(), "UTF-8"));
        let (gb, _, _) = GB18030.encode(s);
        assert_eq!(text(&gb), (s.to_string(), "GB18030"));
        let mut le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(text(&le), (s.to_string(), "UTF-16LE"));
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(s.as_bytes());
        assert_eq!(text(&bom8).0, s);
    }

    #[test]
    fn short_gbk_texts() {
        for s in ["第一条　本会。", "（草案）", "附则", "章程第三条"] {
            let (gb, _, _) = GB18030.encode(s);
            assert_eq!(text(&gb), (s.to_string(), "GB18030"), "{s}");
        }
    }

    #[test]
    fn binaries_are_refused() {
        let e = decode(Path::new("a.bin"), &[0x7F, b'E', b'L', b'F', 0, 1, 2], None, None, Default::default());
        assert!(e.is_err_and(|m| m.contains("二进制")));
        assert!(decode(Path::new("a.doc"), &[0xD0, 0xCF, 0x11, 0xE0, 0, 0], None, None, Default::default()).is_err());
        assert!(decode(Path::new("a.docx"), b"not a zip", None, None, Default::default()).is_err());
    }
}
