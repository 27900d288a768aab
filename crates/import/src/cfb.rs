//! OLE compound files (CFB, "D0 CF 11 E0"): what kind of document one is,
//! from the names of its streams, so the user hears what to do with it.
//!
//! Word and WPS write three kinds of CFB a user may hand to `import`: a
//! password-protected .docx (the encrypted package inside a CFB with the
//! streams `EncryptionInfo` and `EncryptedPackage`), an old binary Word
//! document (.doc, stream `WordDocument`; WPS's .wps is the same format)
//! and, by mistake, Excel or PowerPoint files (`Workbook`/`Book`,
//! `PowerPoint Document`). Only the directory is read: the header, the
//! sector allocation table and the directory chain, every step bounded by
//! the file's size, so a damaged file ends the walk, never loops.

/// The signature of a compound file.
pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Is this a compound file? The first four bytes suffice (some writers of
/// beta-era files differ in the rest).
pub fn is_cfb(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC[..4])
}

/// What a compound file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An Office Open XML document under a password (ECMA-376 encryption).
    Encrypted,
    /// A Word 97–2003 binary document (also WPS's .wps).
    Doc,
    Excel,
    PowerPoint,
    /// A compound file whose streams name none of the above (or whose
    /// directory could not be read).
    Other,
}

/// The kind of document, from the stream names.
pub fn kind(bytes: &[u8]) -> Kind {
    let names = stream_names(bytes);
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("EncryptionInfo") || has("EncryptedPackage") {
        Kind::Encrypted
    } else if has("WordDocument") {
        Kind::Doc
    } else if has("Workbook") || has("Book") {
        Kind::Excel
    } else if has("PowerPoint Document") {
        Kind::PowerPoint
    } else {
        Kind::Other
    }
}

/// The user's message for a compound file named with extension `ext`.
pub fn message(bytes: &[u8], ext: &str) -> String {
    match kind(bytes) {
        Kind::Encrypted => "这个 Word 文档设置了打开密码（文件已加密），charter 无法读取；请在 Word 或 WPS 中打开它，\
             取消密码（Word：“文件 → 信息 → 保护文档 → 用密码进行加密”，清空密码；WPS：“文件 → 文档加密 → 密码加密”，清空密码）\
             后重新保存为 .docx，再导入"
            .into(),
        Kind::Doc if ext == "wps" => {
            "这是 WPS 文字的旧格式文档（.wps），无法直接读取；请在 WPS 或 Word 中“另存为” Word 文档（.docx）后再导入".into()
        }
        Kind::Doc => {
            "这是旧版 Word 文档（.doc，Word 97–2003 格式），无法直接读取；请在 Word 或 WPS 中“另存为” .docx 后再导入".into()
        }
        Kind::Excel => "这是 Excel 表格（.xls），不是 Word 文档；章程请从 Word 文档（.docx）或纯文本导入".into(),
        Kind::PowerPoint => "这是 PowerPoint 演示文稿（.ppt），不是 Word 文档；章程请从 Word 文档（.docx）或纯文本导入".into(),
        Kind::Other => "这是 Office 旧格式的复合文档（.doc、.wps 等），无法直接读取；如果是 Word 或 WPS 文档，\
             请在 Word 或 WPS 中“另存为” .docx 后再导入"
            .into(),
    }
}

const FREE: u32 = 0xFFFF_FFFF;
const END: u32 = 0xFFFF_FFFE;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([*b.get(at)?, *b.get(at + 1)?, *b.get(at + 2)?, *b.get(at + 3)?]))
}

/// The names of all storages and streams in the directory, in directory
/// order; as many as could be read from a damaged file.
pub fn stream_names(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    if !is_cfb(bytes) {
        return names;
    }
    let shift = u16_at(bytes, 0x1E).unwrap_or(9);
    if !(7..=16).contains(&shift) {
        return names;
    }
    let size = 1usize << shift;
    // Sector n starts after the header, which takes one sector (512 bytes
    // for version 3, a whole 4096-byte sector for version 4).
    let sector = |n: u32| -> Option<&[u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let sectors = bytes.len() / size + 1;
    // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
    // A FAT covering every sector of the file needs no more than `cap`
    // sectors; a crafted DIFAT listing more (or one sector many times)
    // is cut there, so the FAT is never larger than the file.
    let cap = sectors.div_ceil(size / 4) + 1;
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).collect();
    let mut difat = u32_at(bytes, 0x44).unwrap_or(END);
    let mut steps = 0;
    while difat != END && difat != FREE && steps < sectors && fat_sectors.len() < 109 + cap {
        let Some(s) = sector(difat) else { break };
        let per = size / 4 - 1;
        fat_sectors.extend((0..per).filter_map(|i| u32_at(s, 4 * i)));
        difat = u32_at(s, 4 * per).unwrap_or(END);
        steps += 1;
    }
    let fat: Vec<u32> = fat_sectors
        .into_iter()
        .filter(|&s| s != FREE && s != END)
        .take(cap)
        .filter_map(sector)
        .flat_map(|s| s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
        .collect();
    // The directory chain: 128-byte entries, name in UTF-16LE.
    let mut at = u32_at(bytes, 0x30).unwrap_or(END);
    let mut steps = 0;
    while at != END && at != FREE && steps < sectors {
        let Some(s) = sector(at) else { break };
        for e in s.chunks_exact(128) {
            let kind = e[0x42];
            let len = u16_at(e, 0x40).unwrap_or(0) as usize;
            if !(1..=2).contains(&kind) || !(2..=64).contains(&len) {
                continue; // unused, the root, or damaged
            }
            let units: Vec<u16> = e[..len - 2].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            names.push(String::from_utf16_lossy(&units));
        }
        at = fat.get(at as usize).copied().unwrap_or(END);
        steps += 1;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_compound_file_has_no_names() {
        assert!(stream_names(b"PK\x03\x04").is_empty());
        assert_eq!(kind(&MAGIC), Kind::Other);
        // A header pointing its directory at itself through a looping FAT
        // ends (the walk is bounded by the file's sector count).
        let mut b = vec![0u8; 512 * 3];
        b[..8].copy_from_slice(&MAGIC);
        b[0x1E] = 9;
        b[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes());
        b[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
        b[0x44..0x48].copy_from_slice(&END.to_le_bytes());
        b[512 + 4..512 + 8].copy_from_slice(&1u32.to_le_bytes()); // FAT[1] = 1
        assert!(stream_names(&b).is_empty());
    }

    #[test]
    fn a_fat_listed_many_times_is_read_once_and_the_names_found() {
        // Header, FAT (sector 0), directory (sector 1) with one stream; the
        // header lists the FAT sector 109 times and the DIFAT chain points
        // at the FAT too: the FAT stays within the file's size.
        let mut b = vec![0u8; 512 * 3];
        b[..8].copy_from_slice(&MAGIC);
        b[0x1E] = 9;
        b[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
        b[0x44..0x48].copy_from_slice(&0u32.to_le_bytes());
        let fat: [u32; 2] = [0xFFFF_FFFD, END];
        for (i, v) in fat.iter().enumerate() {
            b[512 + 4 * i..516 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        let dir = 1024 + 128; // entry 1 (entry 0, the root, is left unused)
        for (i, u) in "WordDocument".encode_utf16().enumerate() {
            b[dir + 2 * i..dir + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        b[dir + 0x40] = 26;
        b[dir + 0x42] = 2;
        assert_eq!(stream_names(&b), ["WordDocument"]);
        assert_eq!(kind(&b), Kind::Doc);
        // Any single byte changed, or the file cut anywhere: no panic.
        for at in 0..b.len() {
            let mut m = b.clone();
            m[at] ^= 0xA5;
            let _ = kind(&m);
            let _ = kind(&b[..at]);
        }
    }
}
