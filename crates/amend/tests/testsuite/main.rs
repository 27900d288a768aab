//! The amend crate's integration tests (one binary).

mod compose;
mod fuzzed;
mod keep;
mod lifafa;
mod roundtrip;
mod wording;
