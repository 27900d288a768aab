//! Files that are not a readable Word document, handed to `import`: an
//! encrypted .docx, old binary .doc/.wps, Excel and PowerPoint files, a
//! truncated download, a zip bomb, XML entity bombs and path-traversal
//! names. Each is built here (no binary fixtures), and each gets a Chinese
//! message, exit 2 and no output file.

use std::path::{Path, PathBuf};

use crate::common::charter;

fn temp(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("charter-badword-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

/// A compound file (CFB, version 3, 512-byte sectors) whose directory
/// holds the given streams (empty): header, one FAT sector, the directory.
pub fn cfb(streams: &[&str]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    let mut entries: Vec<[u8; 128]> = Vec::new();
    let entry = |name: &str, kind: u8, child: u32, right: u32| {
        let mut e = [0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[0x42] = kind;
        e[0x43] = 1; // black
        e[0x44..0x48].copy_from_slice(&u32::MAX.to_le_bytes()); // left
        e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
        e[0x74..0x78].copy_from_slice(&END.to_le_bytes()); // start sector
        e
    };
    let n = streams.len() as u32;
    entries.push(entry("Root Entry", 5, if n > 0 { 1 } else { u32::MAX }, u32::MAX));
    for (i, s) in streams.iter().enumerate() {
        let next = if (i as u32 + 2) <= n { i as u32 + 2 } else { u32::MAX };
        entries.push(entry(s, 2, u32::MAX, next));
    }
    while !entries.len().is_multiple_of(4) {
        entries.push([0u8; 128]);
    }
    let dir_sectors = entries.len() / 4;
    let mut out = vec![0u8; 512];
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    out[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
    out[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    out[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    out[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    out[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    out[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes()); // FAT sectors
    out[0x30..0x34].copy_from_slice(&1u32.to_le_bytes()); // first directory sector
    out[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    out[0x3C..0x40].copy_from_slice(&END.to_le_bytes()); // mini FAT
    out[0x44..0x48].copy_from_slice(&END.to_le_bytes()); // DIFAT chain
    for i in 0..109 {
        let v: u32 = if i == 0 { 0 } else { u32::MAX };
        out[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    // Sector 0: the FAT (itself, then the directory chain 1 → 2 → … → end).
    let mut fat = vec![u32::MAX; 128];
    fat[0] = 0xFFFF_FFFD;
    for k in 0..dir_sectors {
        fat[1 + k] = if k + 1 == dir_sectors { END } else { 2 + k as u32 };
    }
    for v in fat {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for e in entries {
        out.extend_from_slice(&e);
    }
    out
}

/// A ZIP of members (name, method, declared uncompressed size, CRC, data).
fn zip(members: &[(&str, u16, u32, u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, size, crc, data) in members {
        let offset = out.len() as u32;
        let mut head = Vec::new();
        head.extend_from_slice(&[20, 0, 0, 0]);
        head.extend_from_slice(&method.to_le_bytes());
        head.extend_from_slice(&[0, 0, 0x21, 0]); // 1980-01-01
        head.extend_from_slice(&crc.to_le_bytes());
        head.extend_from_slice(&(data.len() as u32).to_le_bytes());
        head.extend_from_slice(&size.to_le_bytes());
        head.extend_from_slice(&(name.len() as u16).to_le_bytes());
        head.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&head);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02\x14\x00");
        central.extend_from_slice(&head);
        central.extend_from_slice(&[0; 10]); // comment, disk, attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (dir_at, dir_len, n) = (out.len() as u32, central.len() as u32, members.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&dir_len.to_le_bytes());
    out.extend_from_slice(&dir_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
        }
    }
    !c
}

fn stored(name: &str, data: &[u8]) -> (&'static str, u16, u32, u32, Vec<u8>) {
    let name: &'static str = Box::leak(name.to_string().into_boxed_str());
    (name, 0, data.len() as u32, crc32(data), data.to_vec())
}

/// A raw deflate stream of `n` spaces, written by hand with the fixed
/// Huffman code: one literal, then copies of 258 bytes at distance 1
/// (13 bits each), so 100 MB take about 630 KB.
fn deflate_spaces(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, v: u64, n: u32) {
            self.acc |= v << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u64, n: u32) {
            let mut r = 0;
            for i in 0..n {
                r |= ((code >> i) & 1) << (n - 1 - i);
            }
            self.put(r, n);
        }
    }
    let mut b = Bits { out: Vec::new(), acc: 0, len: 0 };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30 + u64::from(b' '), 8);
    let mut left = n - 1;
    while left >= 258 {
        b.code(0b1100_0101, 8); // length 258 (code 285)
        b.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30 + u64::from(b' '), 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

/// Import `bytes` saved as `name` with `-o`: exit 2, the message, no output.
fn refused(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let input = dir.join(name);
    std::fs::write(&input, bytes).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join(format!("{name}.yaml"));
    let (code, stdout, stderr) =
        charter(&["import", "--color", "never", &input.to_string_lossy(), "-o", &out.to_string_lossy()]);
    assert_eq!(code, 2, "{name}: {stderr}");
    assert!(stdout.is_empty(), "{name}: {stdout}");
    assert!(!out.exists(), "{name}: output written");
    assert!(stderr.contains(&format!("无法导入 {}：", input.display())), "{name}: {stderr}");
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{name}: temporaries left: {leftovers:?}");
    stderr
}

#[test]
fn compound_files_say_what_they_are_and_what_to_do() {
    let d = temp("cfb");
    // An encrypted .docx: the streams Word and WPS write for a password.
    let enc = cfb(&["\u{6}DataSpaces", "EncryptionInfo", "EncryptedPackage"]);
    for name in ["加密.docx", "加密.doc", "noext"] {
        let m = refused(&d, name, &enc);
        assert!(m.contains("设置了打开密码") && m.contains("取消密码") && m.contains(".docx"), "{name}: {m}");
    }
    let doc = cfb(&["WordDocument", "1Table", "\u{5}SummaryInformation", "CompObj"]);
    let m = refused(&d, "旧稿.doc", &doc);
    assert!(m.contains("旧版 Word 文档（.doc") && m.contains("另存为” .docx"), "{m}");
    // Renamed to .docx, it is still a .doc.
    let m = refused(&d, "改了扩展名.docx", &doc);
    assert!(m.contains("旧版 Word 文档（.doc"), "{m}");
    let m = refused(&d, "旧稿.wps", &doc);
    assert!(m.contains("WPS 文字的旧格式文档（.wps）") && m.contains(".docx"), "{m}");
    let m = refused(&d, "表.xls", &cfb(&["Workbook"]));
    assert!(m.contains("Excel 表格（.xls）"), "{m}");
    let m = refused(&d, "演示.ppt", &cfb(&["PowerPoint Document", "Current User"]));
    assert!(m.contains("PowerPoint 演示文稿（.ppt）"), "{m}");
    // Many streams: the directory runs over several sectors.
    let many: Vec<String> = (0..30).map(|i| format!("Stream{i}")).chain(["WordDocument".into()]).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert!(refused(&d, "长目录.doc", &cfb(&many)).contains("旧版 Word 文档"));
    // A damaged compound file (header only) still gets advice.
    let m = refused(&d, "坏.doc", &enc[..600]);
    assert!(m.contains("复合文档") && m.contains("另存为” .docx"), "{m}");
}

/// Real files from LibreOffice, where it is installed: its .doc is
/// recognised by the same directory walk.
#[test]
fn a_doc_written_by_libreoffice_is_recognised() {
    let d = temp("lo");
    let html = d.join("a.html");
    std::fs::write(&html, "<html><body><p>第一条　测试。</p></body></html>").unwrap_or_else(|e| panic!("{e}"));
    let run = std::process::Command::new("libreoffice")
        .args(["--headless", "--convert-to", "doc:MS Word 97", "--outdir"])
        .arg(&d)
        .arg(&html)
        .output();
    let doc = d.join("a.doc");
    if !matches!(run, Ok(o) if o.status.success()) || !doc.exists() {
        eprintln!("skipped: libreoffice is not installed or could not write a .doc");
        return;
    }
    let bytes = std::fs::read(&doc).unwrap_or_else(|e| panic!("{e}"));
    let m = refused(&d, "lo.doc", &bytes);
    assert!(m.contains("旧版 Word 文档（.doc"), "{m}");
}

#[test]
fn other_zip_packages_are_named() {
    let d = temp("zip");
    let x = zip(&[stored("[Content_Types].xml", b"<Types/>"), stored("xl/workbook.xml", b"<workbook/>")]);
    assert!(refused(&d, "名册.xlsx", &x).contains("Excel 表格（.xlsx），不是 Word 文档"));
    // Renamed to .docx: the content decides.
    assert!(refused(&d, "名册.docx", &x).contains("Excel 表格（.xlsx）"));
    let p = zip(&[stored("ppt/presentation.xml", b"<p/>")]);
    assert!(refused(&d, "报告.pptx", &p).contains("PowerPoint 演示文稿（.pptx）"));
    let o = zip(&[stored("mimetype", b"application/vnd.oasis.opendocument.text"), stored("content.xml", b"<x/>")]);
    assert!(refused(&d, "章程.odt", &o).contains("OpenDocument 文本（.odt）"));
    let s =
        zip(&[stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), stored("content.xml", b"<x/>")]);
    assert!(refused(&d, "表.ods", &s).contains("OpenDocument 表格（.ods）"));
    let z = zip(&[stored("readme.txt", b"hello")]);
    assert!(refused(&d, "包.zip", &z).contains("没有 word/document.xml"));
}

#[test]
fn truncated_and_empty_files_are_refused() {
    let d = temp("trunc");
    let good = std::fs::read("tests/fixtures/import/charter.docx").unwrap_or_else(|e| panic!("{e}"));
    for keep in [good.len() - 1, good.len() - 22, good.len() / 2, 100, 4] {
        let m = refused(&d, &format!("cut{keep}.docx"), &good[..keep]);
        assert!(m.contains("文件不完整或已损坏") && m.contains("重新获取"), "{keep}: {m}");
    }
    assert!(refused(&d, "empty.docx", b"").contains("文件是空的（0 字节）"));
}

#[test]
fn a_zip_bomb_is_refused_within_the_budget() {
    let d = temp("bomb");
    let size = 100 * 1024 * 1024;
    let data = deflate_spaces(size);
    assert!(data.len() < 700_000, "{}", data.len());
    // Honest about its size: refused before inflating.
    let honest = zip(&[("word/document.xml", 8, size as u32, 0, data.clone())]);
    let m = refused(&d, "bomb.docx", &honest);
    assert!(m.contains("解压后超过 64 MB") && m.contains("压缩炸弹"), "{m}");
    // Lying (declares 1 KB): inflating stops at the declared size, long
    // before the budget.
    let liar = zip(&[("word/document.xml", 8, 1024, 0, data.clone())]);
    let m = refused(&d, "liar.docx", &liar);
    assert!(m.contains("超过了它自己声明的大小（1024 字节）") && m.contains("压缩炸弹"), "{m}");
    // Lying just under the budget (declares 60 MB): still stopped while
    // inflating, at 60 MB, not after 100 MB.
    let near = zip(&[("word/document.xml", 8, 60 * 1024 * 1024, 0, data)]);
    let m = refused(&d, "near.docx", &near);
    assert!(m.contains("超过了它自己声明的大小") && m.contains("压缩炸弹"), "{m}");
    // The hand-made stream is a real one: a small version inflates.
    let spaces = vec![b' '; 1000];
    let ok = zip(&[("word/document.xml", 8, 1000, crc32(&spaces), deflate_spaces(1000))]);
    let input = d.join("spaces.docx");
    std::fs::write(&input, ok).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = charter(&["import", &input.to_string_lossy()]);
    // Only spaces: no charter in it (exit 1, I003), not a broken archive.
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("I003"), "{stderr}");
}

#[test]
fn entity_bombs_and_external_entities_are_not_expanded() {
    let d = temp("xxe");
    let secret = d.join("secret.txt");
    std::fs::write(&secret, "机密内容").unwrap_or_else(|e| panic!("{e}"));
    let mut lol = String::from("<!DOCTYPE w:document [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\">");
    for i in 1..10 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        lol.push_str(&format!("<!ENTITY {cur} \"{}\">", format!("&{prev};").repeat(10)));
    }
    lol.push_str(&format!("<!ENTITY xxe SYSTEM \"file://{}\">]>", secret.display()));
    let doc = format!(
        "<?xml version=\"1.0\"?>{lol}<w:document xmlns:w=\"w\"><w:body>\
<w:p><w:r><w:t>示例章程</w:t></w:r></w:p>\
<w:p><w:r><w:t>第一条　本会名称&j;为示例会&xxe;。</w:t></w:r></w:p></w:body></w:document>"
    );
    let bytes = zip(&[stored("word/document.xml", doc.as_bytes())]);
    let input = d.join("lol.docx");
    std::fs::write(&input, bytes).unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, stderr) = charter(&["import", &input.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("本会名称为示例会。"), "{stdout}");
    assert!(!stdout.contains("哈") && !stdout.contains("机密"), "{stdout}");
}

#[test]
fn path_traversal_names_are_never_extracted() {
    let d = temp("traversal");
    let inner = d.join("inner");
    std::fs::create_dir_all(&inner).unwrap_or_else(|e| panic!("{e}"));
    let doc = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>示例章程</w:t></w:r></w:p><w:p><w:r><w:t>第一条　本会名称为示例会。</w:t></w:r></w:p></w:body></w:document>"#.as_bytes();
    let bytes = zip(&[
        stored("../../evil.txt", b"owned"),
        stored("/tmp/charter-evil-abs.txt", b"owned"),
        stored("..\\..\\evil2.txt", b"owned"),
        stored("word/document.xml", doc),
    ]);
    let input = inner.join("t.docx");
    std::fs::write(&input, bytes).unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, stderr) = charter(&["import", &input.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("本会名称为示例会。"), "{stdout}");
    assert!(!d.join("evil.txt").exists() && !Path::new("/tmp/charter-evil-abs.txt").exists());
    assert!(!d.join("evil2.txt").exists() && !d.parent().unwrap_or(&d).join("evil.txt").exists());
}

/// A .docx really encrypted (msoffcrypto-tool, where installed: `pip
/// install msoffcrypto-tool`) is recognised by its stream names.
#[test]
fn a_docx_encrypted_by_msoffcrypto_is_recognised() {
    let d = temp("msoff");
    let enc = d.join("enc.docx");
    let run = std::process::Command::new("msoffcrypto-tool")
        .args(["-e", "-p", "1234", "tests/fixtures/import/charter.docx"])
        .arg(&enc)
        .output();
    if !matches!(run, Ok(o) if o.status.success()) || !enc.exists() {
        eprintln!("skipped: msoffcrypto-tool is not installed");
        return;
    }
    let bytes = std::fs::read(&enc).unwrap_or_else(|e| panic!("{e}"));
    let m = refused(&d, "真加密.docx", &bytes);
    assert!(m.contains("设置了打开密码"), "{m}");
}
