//! A minimal ZIP reader: enough to take `word/document.xml` out of a .docx.
//!
//! Reads the central directory (so data descriptors don't matter), supports
//! the two methods Word writes (stored, deflate) and refuses the rest.
//! Sizes are capped so that a hostile file cannot make us allocate without
//! bound ("zip bomb"), and every member read is checked against the CRC-32
//! of the central directory, so a damaged file is an error, never silently
//! wrong text.
//!
//! Why not the `zip` crate: we need one read-only path (central directory,
//! stored or deflate, one member by exact name, never extracted to disk, so
//! no path traversal), and the crate would add its own dependency tree
//! (even with `default-features = false` and deflate only) for the ~100
//! lines here; CRC-32 comes from `crc32fast` and inflate from `miniz_oxide`,
//! which are already in the lock.

/// Largest uncompressed member we accept.
const MAX_MEMBER: usize = 64 * 1024 * 1024;

/// Why a member could not be read, phrased for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipError(pub String);

/// One entry of the central directory.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    compressed: usize,
    uncompressed: usize,
    local_offset: usize,
}

/// An opened archive.
#[derive(Debug)]
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([*b.get(at)?, *b.get(at + 1)?, *b.get(at + 2)?, *b.get(at + 3)?]))
}

/// Does this look like a ZIP file (local header signature)?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, ZipError> {
        let broken = || {
            ZipError(
                "文件不完整或已损坏：读不到 ZIP 压缩包末尾的目录（.docx 是 ZIP 压缩包），文件可能没有下载、复制或保存完整；\
                 请重新获取完整的文件，或在 Word / WPS 中打开后重新保存"
                    .into(),
            )
        };
        // End of central directory: the last "PK\5\6" within the final 64 KiB.
        let lo = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (lo..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| bytes.get(i..i + 4) == Some(b"PK\x05\x06"))
            .ok_or_else(broken)?;
        let count = u16_at(bytes, eocd + 10).ok_or_else(broken)? as usize;
        let dir_offset = u32_at(bytes, eocd + 16).ok_or_else(broken)? as usize;
        let mut entries = Vec::with_capacity(count.min(4096));
        let mut at = dir_offset;
        for _ in 0..count {
            if u32_at(bytes, at) != Some(0x0201_4b50) {
                return Err(broken());
            }
            let method = u16_at(bytes, at + 10).ok_or_else(broken)?;
            let crc = u32_at(bytes, at + 16).ok_or_else(broken)?;
            let compressed = u32_at(bytes, at + 20).ok_or_else(broken)? as usize;
            let uncompressed = u32_at(bytes, at + 24).ok_or_else(broken)? as usize;
            let name_len = u16_at(bytes, at + 28).ok_or_else(broken)? as usize;
            let extra_len = u16_at(bytes, at + 30).ok_or_else(broken)? as usize;
            let comment_len = u16_at(bytes, at + 32).ok_or_else(broken)? as usize;
            let local_offset = u32_at(bytes, at + 42).ok_or_else(broken)? as usize;
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(broken)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                crc,
                compressed,
                uncompressed,
                local_offset,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    /// The names of all members.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// The uncompressed bytes of member `name`; `Ok(None)` when absent.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>, ZipError> {
        let Some(e) = self.entries.iter().find(|e| e.name == name) else {
            return Ok(None);
        };
        let broken = || ZipError(format!("压缩包中的 {name} 已损坏"));
        let b = self.bytes;
        if u32_at(b, e.local_offset) != Some(0x0403_4b50) {
            return Err(broken());
        }
        let name_len = u16_at(b, e.local_offset + 26).ok_or_else(broken)? as usize;
        let extra_len = u16_at(b, e.local_offset + 28).ok_or_else(broken)? as usize;
        let start = e.local_offset + 30 + name_len + extra_len;
        let data = b.get(start..start.saturating_add(e.compressed)).ok_or_else(broken)?;
        let too_big = || {
            ZipError(format!(
                "压缩包中的 {name} 解压后超过 64 MB，不是正常的 Word 文档（可能是故意构造的“压缩炸弹”），已拒绝读取"
            ))
        };
        if e.uncompressed > MAX_MEMBER {
            return Err(too_big());
        }
        let out = match e.method {
            0 => data.to_vec(),
            // A member declaring a small size may still inflate without
            // bound: the limit stops it (a "zip bomb"), whatever it says.
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_MEMBER).map_err(|e| {
                if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput { too_big() } else { broken() }
            })?,
            m => return Err(ZipError(format!("压缩包中的 {name} 使用了不支持的压缩方法（{m}）"))),
        };
        if out.len() != e.uncompressed || crc32fast::hash(&out) != e.crc {
            return Err(ZipError(format!(
                "压缩包中的 {name} 已损坏（CRC 校验不符），文件可能不完整或传输时出错；请重新获取该文件，或在 Word / WPS 中打开后重新保存"
            )));
        }
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Build a stored (uncompressed) archive by hand.
    pub(crate) fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in files {
            let offset = out.len() as u32;
            let crc = crc32fast::hash(data);
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            central.extend_from_slice(b"PK\x01\x02");
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            central.extend_from_slice(&crc.to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let dir_offset = out.len() as u32;
        let dir_len = central.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&dir_len.to_le_bytes());
        out.extend_from_slice(&dir_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn reads_stored_members() {
        let z = stored_zip(&[("a.txt", b"hello"), ("word/document.xml", b"<x/>")]);
        assert!(is_zip(&z));
        let a = Archive::open(&z).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(a.names().count(), 2);
        assert_eq!(a.read("word/document.xml").unwrap_or_default(), Some(b"<x/>".to_vec()));
        assert_eq!(a.read("missing").unwrap_or_default(), None);
    }

    #[test]
    fn crc_mismatch_is_an_error() {
        let mut z = stored_zip(&[("word/document.xml", b"<w:t>abc</w:t>")]);
        let at = z.windows(3).position(|w| w == b"abc").unwrap_or_else(|| panic!("no data"));
        z[at + 1] = b'x';
        let a = Archive::open(&z).unwrap_or_else(|e| panic!("{e:?}"));
        let err = a.read("word/document.xml").err().map(|e| e.0).unwrap_or_default();
        assert!(err.contains("word/document.xml 已损坏（CRC 校验不符）"), "{err}");
    }

    #[test]
    fn truncated_archives_are_errors() {
        let z = stored_zip(&[("a.txt", b"hello")]);
        assert!(Archive::open(&z[..z.len() - 30]).is_err());
        assert!(Archive::open(b"PK\x03\x04garbage").is_err());
    }
}
