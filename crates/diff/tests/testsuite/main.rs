//! charter-diff's integration tests (one binary).

mod alignment;
mod scale;
mod statement;
mod table_heading;
