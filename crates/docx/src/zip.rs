//! The package's ZIP, written by the `zip` crate with every choice that
//! could vary pinned, so that the same parts give byte-identical archives
//! on every run and every platform: entries in the order given, deflated
//! at level 6, every timestamp 1980-01-01 00:00, "made by" Unix with mode
//! 0644 (the crate would otherwise take the running system), no extra
//! fields, no data descriptors (the archive is written in memory, so
//! sizes go into the local headers).

use std::io::{Cursor, Write};

use charter_core::error::ToolError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// Write `entries` (name, content) as a ZIP archive. Writing into memory
/// fails only past the crate's limits (a name over 64 KiB, a part over
/// 4 GiB), which a document of charter's never reaches; it is still an
/// error, never a panic or an empty file.
pub fn write(entries: &[(&str, Vec<u8>)]) -> Result<Vec<u8>, ToolError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let failed = |e: &dyn std::fmt::Display| ToolError::Package { reason: e.to_string() };
    for (name, data) in entries {
        zip.start_file(*name, options).map_err(|e| failed(&e))?;
        zip.write_all(data).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}
