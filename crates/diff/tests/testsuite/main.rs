//! charter-diff's integration tests (one binary).

mod alignment;
mod statement;
mod table_heading;
