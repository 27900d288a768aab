//! charter-core's integration tests (one binary).

mod fuzzlike;
mod numbering;
