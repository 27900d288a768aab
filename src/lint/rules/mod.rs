//! The rules, one per file, named `chNNN_snake_name.rs`.

use crate::lint::Rule;

mod ch001_duplicate_heading;
mod ch002_unresolved_reference;
mod ch003_duplicate_division_title;
mod ch004_repealed_reference;
mod ch005_self_reference;
mod ch006_hardcoded_citation;
mod ch007_wrong_term;
mod ch008_abbreviation_before_definition;
mod ch009_abbreviation_redefined;
mod ch010_abbreviation_conflict;
mod ch011_full_name_after_abbreviation;
mod ch012_near_duplicate_name;
mod ch013_undefined_name;
mod ch029_unused_allow;

pub use ch001_duplicate_heading::DUPLICATE_HEADING;
pub use ch002_unresolved_reference::UNRESOLVED_REFERENCE;
pub use ch003_duplicate_division_title::DUPLICATE_DIVISION_TITLE;
pub use ch004_repealed_reference::REPEALED_REFERENCE;
pub use ch005_self_reference::SELF_REFERENCE;
pub use ch006_hardcoded_citation::HARDCODED_CITATION;
pub use ch007_wrong_term::WRONG_TERM;
pub use ch008_abbreviation_before_definition::ABBREVIATION_BEFORE_DEFINITION;
pub use ch009_abbreviation_redefined::ABBREVIATION_REDEFINED;
pub use ch010_abbreviation_conflict::ABBREVIATION_CONFLICT;
pub use ch011_full_name_after_abbreviation::FULL_NAME_AFTER_ABBREVIATION;
pub use ch012_near_duplicate_name::NEAR_DUPLICATE_NAME;
pub use ch013_undefined_name::UNDEFINED_NAME;
pub use ch029_unused_allow::UNUSED_ALLOW;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &DUPLICATE_HEADING,
    &UNRESOLVED_REFERENCE,
    &DUPLICATE_DIVISION_TITLE,
    &REPEALED_REFERENCE,
    &SELF_REFERENCE,
    &HARDCODED_CITATION,
    &WRONG_TERM,
    &ABBREVIATION_BEFORE_DEFINITION,
    &ABBREVIATION_REDEFINED,
    &ABBREVIATION_CONFLICT,
    &FULL_NAME_AFTER_ABBREVIATION,
    &NEAR_DUPLICATE_NAME,
    &UNDEFINED_NAME,
    &UNUSED_ALLOW,
];
