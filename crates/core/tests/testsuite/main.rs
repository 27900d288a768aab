//! charter-core's integration tests (one binary).

mod numbering;
mod walk;
