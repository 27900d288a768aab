//! The amend crate's integration tests (one binary).

mod roundtrip;
