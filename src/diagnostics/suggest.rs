//! "Did you mean": one way to find the candidate a designer meant.

/// The one candidate close to `word`, for "did you mean": the one equal to it but for letter
/// case first; else the nearest by Jaro–Winkler (at least 0.85) or by a small edit distance
/// (at most 2, and a third of the candidate's length); `None` when none is close, or when two
/// are equally close (`LPR3Y` is as near `LPR1Y` as `LPR5Y`: guessing would mislead). The one
/// "did you mean" of loanspec: keys, values, rule names, `extends` files, product codes.
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.trim().to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let same: Vec<&&str> = candidates.iter().filter(|c| c.to_lowercase() == lower).collect();
    if let [only] = same.as_slice() {
        return Some(only);
    }
    let mut scored: Vec<(&str, f64, usize)> = candidates
        .into_iter()
        .map(|c| {
            (
                c,
                strsim::jaro_winkler(&lower, &c.to_lowercase()),
                strsim::levenshtein(&lower, &c.to_lowercase()),
            )
        })
        .filter(|(c, jw, lev)| *jw >= 0.85 || *lev <= 2.min(c.len() / 3).max(1))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    match scored.as_slice() {
        [(_, score, lev), (_, next_score, next_lev), ..] if score.total_cmp(next_score).is_eq() && lev == next_lev => {
            None
        }
        [(best, _, _), ..] => Some(best),
        [] => None,
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn the_one_close_candidate() {
        assert_eq!(closest("ammount", ["amount", "term"]), Some("amount"));
        assert_eq!(closest("busines", ["business", "consumption"]), Some("business"));
        assert_eq!(closest("zzz", ["amount"]), None);
        assert_eq!(
            closest("test-product", ["TEST-PRODUCT", "TEST-PRODUCTS"]),
            Some("TEST-PRODUCT")
        );
        assert_eq!(closest("LPR3Y", ["LPR1Y", "LPR5Y"]), None);
    }
}
