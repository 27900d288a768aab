//! Helpers: .docx files built in the test, so a class of input is covered
//! without a fixture.

/// CRC-32 (IEEE), as ZIP stores it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A ZIP archive with stored (uncompressed) members and correct CRCs.
pub fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX).to_le_bytes();
    let n16 = |x: usize| u16::try_from(x).unwrap_or(u16::MAX).to_le_bytes();
    for (name, data) in files {
        let offset = out.len();
        let crc = crc32(data).to_le_bytes();
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&crc);
        out.extend_from_slice(&n(data.len()));
        out.extend_from_slice(&n(data.len()));
        out.extend_from_slice(&n16(name.len()));
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        central.extend_from_slice(&crc);
        central.extend_from_slice(&n(data.len()));
        central.extend_from_slice(&n(data.len()));
        central.extend_from_slice(&n16(name.len()));
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&n(offset));
        central.extend_from_slice(name.as_bytes());
    }
    let dir_offset = out.len();
    let dir_len = central.len();
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&n16(files.len()));
    out.extend_from_slice(&n16(files.len()));
    out.extend_from_slice(&n(dir_len));
    out.extend_from_slice(&n(dir_offset));
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A .docx whose paragraphs are numbered by list 1: `paragraphs` holds
/// (level, text); level 0 prints `第%1条`, level 1 prints `level1_text`
/// in `level1_fmt` starting at `level1_start`.
pub fn numbered_docx(level1_text: &str, level1_fmt: &str, level1_start: u32, paragraphs: &[(u8, &str)]) -> Vec<u8> {
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="{level1_start}"/><w:numFmt w:val="{level1_fmt}"/><w:lvlText w:val="{level1_text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let mut doc = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>示例章程</w:t></w:r></w:p>"#,
    );
    for (level, text) in paragraphs {
        doc.push_str(&format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        ));
    }
    doc.push_str("</w:body></w:document>");
    stored_zip(&[("word/document.xml", doc.as_bytes()), ("word/numbering.xml", numbering.as_bytes())])
}
