//! Reading members of a ZIP archive (a .docx) into memory, through the
//! `zip` crate (central directory, ZIP64, stored and deflate), with the
//! protections an importer of untrusted files needs on top:
//!
//! - **a size budget while inflating**: a member declaring more than 64 MB
//!   is refused before it is inflated; one declaring less is read through
//!   a limit of 64 MB (and the crate stops it at its declared size), so a
//!   "zip bomb" whose headers lie is refused while inflating, never after;
//! - **every member checked against its CRC-32** (the crate checks it at the
//!   end of the member), so a damaged file is an error, never silently
//!   wrong text;
//! - **members are read by exact name into memory, never extracted**, so a
//!   name like `../../x` or `/tmp/x` means nothing;
//! - **encrypted members and unknown methods are refused** with a message,
//!   not read as garbage.
//!
//! Every failure is a [`ZipError`] phrased in Chinese for the user.

use std::io::{Cursor, Read};

use zip::result::ZipError as CrateError;

/// Largest uncompressed member we accept.
const MAX_MEMBER: u64 = 64 * 1024 * 1024;

/// Why a member could not be read, phrased for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipError(pub String);

/// An opened archive.
#[derive(Debug)]
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

/// Does this look like a ZIP file (local header signature)?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, ZipError> {
        // Whatever the crate finds wrong with the directory (no end record,
        // a directory beyond the file, bad signatures) is a damaged file.
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            ZipError(
                "文件不完整或已损坏：读不到 ZIP 压缩包末尾的目录（.docx 是 ZIP 压缩包），文件可能没有下载、复制或保存完整；\
                 请重新获取完整的文件，或在 Word / WPS 中打开后重新保存"
                    .into(),
            )
        })?;
        Ok(Archive { zip })
    }

    /// The names of all members (raw bytes read as UTF-8, lossily).
    pub fn names(&self) -> impl Iterator<Item = String> + '_ {
        self.zip.file_names_raw().map(|n| String::from_utf8_lossy(n).into_owned())
    }

    /// The uncompressed bytes of member `name` (exact bytes of the name, no
    /// case folding or path normalisation); `Ok(None)` when absent.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ZipError> {
        let Some(index) = self.zip.index_for_name_raw(name.as_bytes()) else {
            return Ok(None);
        };
        let broken = || ZipError(format!("压缩包中的 {name} 已损坏"));
        let too_big = || {
            ZipError(format!(
                "压缩包中的 {name} 解压后超过 64 MB，不是正常的 Word 文档（可能是故意构造的“压缩炸弹”），已拒绝读取"
            ))
        };
        let entry = self.zip.by_index_data(index).map_err(|_| broken())?;
        let declared = entry.size();
        if entry.encrypted() {
            return Err(ZipError(format!(
                "压缩包中的 {name} 已加密（设置了密码），无法读取；请在 Word 或 WPS 中打开，取消密码后重新保存为 .docx 再导入"
            )));
        }
        match entry.compression() {
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated => {}
            m => return Err(ZipError(format!("压缩包中的 {name} 使用了不支持的压缩方法（{m}）"))),
        }
        if declared > MAX_MEMBER {
            return Err(too_big());
        }
        let file = self.zip.by_index(index).map_err(|e| match e {
            CrateError::UnsupportedArchive(_) | CrateError::CompressionMethodNotSupported(_) => {
                ZipError(format!("压缩包中的 {name} 使用了不支持的压缩方法或加密方式，无法读取"))
            }
            _ => broken(),
        })?;
        let mut out = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(1 << 20));
        // The budget does not rely on the declared size: whatever the
        // headers say, no more than MAX_MEMBER + 1 bytes are inflated.
        let read = file.take(MAX_MEMBER + 1).read_to_end(&mut out);
        if out.len() as u64 > MAX_MEMBER {
            return Err(too_big());
        }
        if let Err(e) = read {
            let what = e.to_string();
            return Err(if what.contains("declared uncompressed size") {
                // The crate stops a member at the size it declares: a damaged
                // stream or a bomb lying about its size.
                ZipError(format!(
                    "压缩包中的 {name} 已损坏：解压后超过了它自己声明的大小（{declared} 字节），文件可能不完整或传输时出错，\
                     也可能是故意构造的“压缩炸弹”，已拒绝读取；请重新获取该文件，或在 Word / WPS 中打开后重新保存"
                ))
            } else if what.contains("checksum") {
                crc_error(name)
            } else {
                broken()
            });
        }
        if out.len() as u64 != declared {
            return Err(crc_error(name));
        }
        Ok(Some(out))
    }
}

fn crc_error(name: &str) -> ZipError {
    ZipError(format!(
        "压缩包中的 {name} 已损坏（CRC 校验不符），文件可能不完整或传输时出错；请重新获取该文件，或在 Word / WPS 中打开后重新保存"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One member: name, method, general-purpose flags, declared size, CRC, data.
    type Member<'a> = (&'a str, u16, u16, u32, u32, Vec<u8>);

    /// Build an archive by hand, headers saying exactly what the caller says.
    fn raw_zip(files: &[Member]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, method, flags, declared, crc, data) in files {
            let offset = out.len() as u32;
            let mut head = Vec::new();
            head.extend_from_slice(&20u16.to_le_bytes());
            head.extend_from_slice(&flags.to_le_bytes());
            head.extend_from_slice(&method.to_le_bytes());
            head.extend_from_slice(&[0, 0, 0x21, 0]); // 1980-01-01
            head.extend_from_slice(&crc.to_le_bytes());
            head.extend_from_slice(&(data.len() as u32).to_le_bytes());
            head.extend_from_slice(&declared.to_le_bytes());
            head.extend_from_slice(&(name.len() as u16).to_le_bytes());
            head.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&head);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            central.extend_from_slice(b"PK\x01\x02\x14\x00");
            central.extend_from_slice(&head);
            central.extend_from_slice(&[0; 10]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let (dir_at, dir_len, n) = (out.len() as u32, central.len() as u32, files.len() as u16);
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&dir_len.to_le_bytes());
        out.extend_from_slice(&dir_at.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    fn stored<'a>(name: &'a str, data: &[u8]) -> Member<'a> {
        (name, 0, 0, data.len() as u32, crc32fast::hash(data), data.to_vec())
    }

    fn deflated(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap_or_else(|e| panic!("{e}"));
        e.finish().unwrap_or_else(|e| panic!("{e}"))
    }

    fn error_of(z: &[u8], name: &str) -> String {
        let mut a = Archive::open(z).unwrap_or_else(|e| panic!("{e:?}"));
        match a.read(name) {
            Ok(v) => panic!("read {} bytes", v.map_or(0, |v| v.len())),
            Err(e) => e.0,
        }
    }

    #[test]
    fn reads_stored_and_deflated_members() {
        let text = "第一条 本会名称为示例会。".repeat(50);
        let packed = deflated(text.as_bytes());
        let z = raw_zip(&[
            stored("a.txt", b"hello"),
            ("word/document.xml", 8, 0, text.len() as u32, crc32fast::hash(text.as_bytes()), packed),
        ]);
        assert!(is_zip(&z));
        let mut a = Archive::open(&z).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(a.names().collect::<Vec<_>>(), ["a.txt", "word/document.xml"]);
        assert_eq!(a.read("a.txt").unwrap_or_default(), Some(b"hello".to_vec()));
        assert_eq!(a.read("word/document.xml").unwrap_or_default(), Some(text.into_bytes()));
        assert_eq!(a.read("missing").unwrap_or_default(), None);
        // Exact names only: no case folding, no path normalisation.
        assert_eq!(a.read("A.TXT").unwrap_or_default(), None);
        assert_eq!(a.read("./a.txt").unwrap_or_default(), None);
    }

    #[test]
    fn crc_mismatch_is_an_error() {
        let mut z = raw_zip(&[stored("word/document.xml", b"<w:t>abc</w:t>")]);
        let at = z.windows(3).position(|w| w == b"abc").unwrap_or_else(|| panic!("no data"));
        z[at + 1] = b'x';
        let err = error_of(&z, "word/document.xml");
        assert!(err.contains("word/document.xml 已损坏（CRC 校验不符）"), "{err}");
    }

    #[test]
    fn truncated_archives_are_errors() {
        let z = raw_zip(&[stored("a.txt", b"hello")]);
        for keep in [z.len() - 30, z.len() - 22, z.len() - 1, 4, 0] {
            let err = Archive::open(&z[..keep]).err().map(|e| e.0).unwrap_or_default();
            assert!(err.contains("文件不完整或已损坏"), "{keep}: {err}");
        }
        assert!(Archive::open(b"PK\x03\x04garbage").is_err());
    }

    #[test]
    fn encrypted_members_are_refused() {
        // Flag bit 0: traditional PKWARE encryption.
        let mut m = stored("word/document.xml", b"\x12\x34 scrambled bytes");
        m.2 = 1;
        let err = error_of(&raw_zip(&[m]), "word/document.xml");
        assert!(err.contains("已加密") && err.contains("取消密码"), "{err}");
    }

    #[test]
    fn unknown_methods_are_refused() {
        let mut m = stored("word/document.xml", b"BZh91AY&SY");
        m.1 = 12; // bzip2
        let err = error_of(&raw_zip(&[m]), "word/document.xml");
        assert!(err.contains("不支持的压缩方法"), "{err}");
    }

    #[test]
    fn a_member_larger_than_it_declares_is_stopped_while_inflating() {
        let data = vec![b' '; 100_000];
        let m = ("word/document.xml", 8, 0, 1_000, crc32fast::hash(&data), deflated(&data));
        let err = error_of(&raw_zip(&[m]), "word/document.xml");
        assert!(err.contains("超过了它自己声明的大小（1000 字节）") && err.contains("压缩炸弹"), "{err}");
        // Declaring more than the budget is refused before inflating.
        let m = ("word/document.xml", 8, 0, 65 * 1024 * 1024, 0, deflated(b"x"));
        let err = error_of(&raw_zip(&[m]), "word/document.xml");
        assert!(err.contains("解压后超过 64 MB"), "{err}");
    }
}
