//! The amend crate's integration tests (one binary).

mod compose;
mod forms;
mod fuzzed;
mod keep;
mod lifafa;
mod links;
mod punct;
mod roundtrip;
mod vote;
mod wording;
