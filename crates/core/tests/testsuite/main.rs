//! charter-core's integration tests (one binary).

mod dates;
mod fuzzlike;
mod numbering;
mod walk;
