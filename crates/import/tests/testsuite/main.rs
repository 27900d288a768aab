//! The importer's integration tests (one test binary for the crate).

mod bombs;
mod comments;
mod fuzzed;
mod roundtrip;
mod signature;
mod support;
mod toc;
