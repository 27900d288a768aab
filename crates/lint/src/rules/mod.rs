//! The rules, one per file, named `chNNN_snake_name.rs`.

use crate::Rule;

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
mod ch014_count_mismatch;
mod ch015_inconsistent_quantity;
mod ch016_empty_division;
mod ch017_subdivision_structure;
mod ch018_single_item_list;
mod ch019_items_without_lead_in;
mod ch020_halfwidth_punctuation;
mod ch021_hyphen_range;
mod ch022_latin_word;
mod ch023_stray_space;
mod ch024_mixed_quotes;
mod ch025_title_variant;
mod ch026_manual_numbering;
mod ch027_confusable_word;
mod ch028_text_ending;
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
pub use ch014_count_mismatch::COUNT_MISMATCH;
pub use ch015_inconsistent_quantity::INCONSISTENT_QUANTITY;
pub use ch016_empty_division::EMPTY_DIVISION;
pub use ch017_subdivision_structure::SUBDIVISION_STRUCTURE;
pub use ch018_single_item_list::SINGLE_ITEM_LIST;
pub use ch019_items_without_lead_in::ITEMS_WITHOUT_LEAD_IN;
pub use ch020_halfwidth_punctuation::HALFWIDTH_PUNCTUATION;
pub use ch021_hyphen_range::HYPHEN_RANGE;
pub use ch022_latin_word::LATIN_WORD;
pub use ch023_stray_space::STRAY_SPACE;
pub use ch024_mixed_quotes::MIXED_QUOTES;
pub use ch025_title_variant::TITLE_VARIANT;
pub use ch026_manual_numbering::MANUAL_NUMBERING;
pub use ch027_confusable_word::CONFUSABLE_WORD;
pub use ch028_text_ending::TEXT_ENDING;
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
    &COUNT_MISMATCH,
    &INCONSISTENT_QUANTITY,
    &EMPTY_DIVISION,
    &SUBDIVISION_STRUCTURE,
    &SINGLE_ITEM_LIST,
    &ITEMS_WITHOUT_LEAD_IN,
    &HALFWIDTH_PUNCTUATION,
    &HYPHEN_RANGE,
    &LATIN_WORD,
    &STRAY_SPACE,
    &MIXED_QUOTES,
    &TITLE_VARIANT,
    &MANUAL_NUMBERING,
    &CONFUSABLE_WORD,
    &TEXT_ENDING,
    &UNUSED_ALLOW,
];
