//! charter-core's integration tests (one binary).

mod dates;
mod numbering;
mod walk;
