//! charter-docx's integration tests (one test binary).

mod docx;
mod packet;
