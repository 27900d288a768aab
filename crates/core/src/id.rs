//! Stable ids: the names the YAML gives divisions, articles, paragraphs
//! and items. A leaf module: loading checks ids, references name them.

/// Is `s` a valid id: lowercase ASCII letters, digits and hyphens, starting
/// with a letter, at most 64 characters.
pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}
