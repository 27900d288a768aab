//! charter-diff's integration tests (one binary).

mod alignment;
mod scale;
mod table_heading;
