//! "Did you mean" suggestions.

/// The candidate closest to `input`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(input, c);
        let close = score >= 0.8 || strsim::levenshtein(input, c) <= input.chars().count().max(3) / 3;
        if close && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}
