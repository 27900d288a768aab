//! The importer's integration tests (one test binary for the crate).

mod bombs;
mod roundtrip;
mod signature;
mod support;
