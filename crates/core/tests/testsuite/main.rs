//! charter-core's integration tests (one binary).

mod anchor;
mod block_scalars;
mod characters;
mod controls;
mod dates;
mod docs;
mod fuzzlike;
mod hints;
mod numbering;
mod recovery;
mod render;
mod walk;
