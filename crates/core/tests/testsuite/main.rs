//! charter-core's integration tests (one binary).

mod anchor;
mod dates;
mod docs;
mod fuzzlike;
mod hints;
mod numbering;
mod walk;
