//! Fuzzy filtering of list rows with nucleo's matcher, best match first, and how a list's
//! title shows the filter in use.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// What a list's title adds for the filter in use: ` · "query"`, or nothing.
pub fn filter_note(query: &str) -> String {
    if query.is_empty() {
        String::new()
    } else {
        format!(" · \"{}\"", super::safe(query))
    }
}

/// Indices of `haystacks` that match `query`, best first (ties keep list order). An empty
/// query keeps every row in order.
pub fn filter<'a>(query: &str, haystacks: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return haystacks.enumerate().map(|(i, _)| i).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut scored: Vec<(u32, usize)> = haystacks
        .enumerate()
        .filter_map(|(i, text)| {
            let score = pattern.score(Utf32Str::new(text, &mut buffer), &mut matcher)?;
            Some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_note_shows_the_filter_cleaned_or_nothing() {
        assert_eq!(filter_note(""), "");
        assert_eq!(filter_note("ana"), " · \"ana\"");
        assert!(!filter_note("ana\u{1b}[31m").contains('\u{1b}'));
    }

    #[test]
    fn filters_fuzzily_best_first() {
        let rows = ["Ana Ruiz", "Sam Lee", "Ananya Rao"];
        assert_eq!(filter("", rows.iter().copied()), vec![0, 1, 2]);
        let hits = filter("ana", rows.iter().copied());
        assert!(hits.contains(&0) && hits.contains(&2) && !hits.contains(&1));
        assert_eq!(filter("zzz", rows.iter().copied()), Vec::<usize>::new());
    }
}
