//! The amend crate's integration tests (one binary).

mod lifafa;
mod roundtrip;
mod wording;
