//! The rules, one per file.

use crate::lint::Rule;

mod ch001_duplicate_heading;
mod ch002_unresolved_reference;

pub use ch001_duplicate_heading::DUPLICATE_HEADING;
pub use ch002_unresolved_reference::UNRESOLVED_REFERENCE;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[&DUPLICATE_HEADING, &UNRESOLVED_REFERENCE];
