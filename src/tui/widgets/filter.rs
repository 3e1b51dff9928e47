//! The `/` filter every list uses: a row is kept when each typed word begins a word of the
//! row (whole words and prefixes, case- and accent-insensitive), and kept rows stay in the
//! list's own order. Also how a list's title shows the filter in use.
//!
//! Why not fuzzy: a fuzzy matcher (nucleo, used here before) keeps any row holding the typed
//! letters in order, so `rust` kept learners interested in "research" and "trust", and it
//! sorted by match quality, losing the longest-wait-first order. A person filtering a list
//! means words.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What a list's title adds for the filter in use: ` · "query"`, or nothing.
pub fn filter_note(query: &str) -> String {
    if query.is_empty() {
        String::new()
    } else {
        format!(" · \"{}\"", super::safe(query))
    }
}

/// The words of `text` as the filter compares them: split at anything not a letter or a
/// digit, lower-cased, accents taken off (`Zoë-Müller` → `zoe`, `muller`).
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A typed filter, read once and compared with many rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(query: &str) -> Query {
        Query {
            words: words(query),
        }
    }

    /// True when nothing was typed (every row is kept).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every typed word begins some word of `text`.
    pub fn matches(&self, text: &str) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let row = words(text);
        self.words
            .iter()
            .all(|typed| row.iter().any(|word| word.starts_with(typed.as_str())))
    }
}

/// Indices of `haystacks` that match `query`, in list order. An empty query keeps every row.
pub fn filter<'a>(query: &str, haystacks: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let query = Query::new(query);
    haystacks
        .enumerate()
        .filter(|(_, text)| query.matches(text))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_title_note_shows_the_filter_cleaned_or_nothing() {
        assert_eq!(filter_note(""), "");
        assert_eq!(filter_note("ana"), " · \"ana\"");
        assert!(!filter_note("ana\u{1b}[31m").contains('\u{1b}'));
    }

    #[test]
    fn whole_words_and_prefixes_match_letters_in_order_do_not() {
        let rows = [
            "L001 Ana Ruiz rust;systems",
            "L002 Sam Lee product-management;research;writing",
            "L003 Ananya Rao data-analysis;python",
            "L004 Tom Trust databases",
        ];
        let keep = |q: &str| filter(q, rows.iter().copied());
        assert_eq!(keep(""), vec![0, 1, 2, 3]);
        assert_eq!(keep("rust"), vec![0], "not research, not Trust");
        assert_eq!(
            keep("data"),
            vec![2, 3],
            "a prefix of data-analysis and databases"
        );
        assert_eq!(keep("ana"), vec![0, 2], "Ana, Ananya (and analysis)");
        assert_eq!(keep("ananya"), vec![2]);
        assert_eq!(keep("analysis"), vec![2], "each part of a tag is a word");
        assert_eq!(keep("l003"), vec![2], "ids are words too");
        assert_eq!(keep("zzz"), Vec::<usize>::new());
    }

    #[test]
    fn every_typed_word_must_be_there_in_any_order() {
        let rows = ["Ana Ruiz python", "Ana Lopez rust", "Sam Ruiz python"];
        let keep = |q: &str| filter(q, rows.iter().copied());
        assert_eq!(keep("ana python"), vec![0]);
        assert_eq!(keep("python ana"), vec![0]);
        assert_eq!(keep("ruiz  "), vec![0, 2]);
        assert_eq!(keep("ana go"), Vec::<usize>::new());
    }

    #[test]
    fn case_and_accents_do_not_matter_either_way() {
        let rows = ["Zoë Müller", "José Ñúñez", "ANGSTRÖM"];
        let keep = |q: &str| filter(q, rows.iter().copied());
        assert_eq!(keep("zoe"), vec![0]);
        assert_eq!(keep("MULLER"), vec![0]);
        assert_eq!(keep("jose nunez"), vec![1]);
        assert_eq!(keep("Jösé"), vec![1]);
        assert_eq!(keep("angstrom"), vec![2]);
    }

    proptest! {
        #[test]
        fn kept_rows_are_in_list_order_and_each_holds_every_word(
            rows in proptest::collection::vec("[a-zA-Zéü ;-]{0,24}", 0..30),
            query in "[a-zA-Zé ]{0,8}",
        ) {
            let kept = filter(&query, rows.iter().map(String::as_str));
            prop_assert!(kept.windows(2).all(|w| w[0] < w[1]), "list order kept");
            let typed = words(&query);
            for (i, row) in rows.iter().enumerate() {
                let row_words = words(row);
                let holds_all = typed
                    .iter()
                    .all(|t| row_words.iter().any(|w| w.starts_with(t.as_str())));
                prop_assert_eq!(kept.contains(&i), holds_all, "row {:?} query {:?}", row, query);
            }
        }

        #[test]
        fn a_row_always_matches_its_own_words_in_any_case(row in "[a-zA-Zàéîõü0-9 -]{1,30}") {
            let kept = filter(&row.to_uppercase(), std::iter::once(row.as_str()));
            prop_assert_eq!(kept, vec![0]);
        }

        #[test]
        fn typing_more_never_keeps_more(
            rows in proptest::collection::vec("[a-z ]{0,20}", 0..20),
            first in "[a-z]{1,5}",
            more in "[a-z ]{0,6}",
        ) {
            let narrow = filter(&format!("{first}{more}"), rows.iter().map(String::as_str));
            let wide = filter(&first, rows.iter().map(String::as_str));
            prop_assert!(narrow.iter().all(|i| wide.contains(i)));
        }
    }
}
