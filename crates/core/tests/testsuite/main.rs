//! charter-core's integration tests (one binary).

mod docs;
mod hints;
mod numbering;
