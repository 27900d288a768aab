//! charter-diff's integration tests (one binary).

mod alignment;
mod table_heading;
