//! The amend crate's integration tests (one binary).

mod keep;
mod lifafa;
mod roundtrip;
mod wording;
