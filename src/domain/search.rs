//! What a person types to search the program's words, checked and turned into a full-text
//! query that matches those words (and words they begin) anywhere, in any order.

use serde::Serialize;

use super::error::DomainError;
use super::text::clean_line;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words in one query.
pub const MAX_QUERY_WORDS: usize = 12;

/// A checked query: its words, lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    words: Vec<String>,
}

impl SearchQuery {
    /// Reads typed text: words are runs of letters and digits; everything else separates
    /// them (so no operator of the index's own syntax ever reaches it).
    pub fn parse(raw: &str) -> Result<SearchQuery, DomainError> {
        let text = clean_line(raw);
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(DomainError::TooLong {
                what: "search",
                value: format!("{}…", text.chars().take(20).collect::<String>()),
                max: MAX_QUERY_CHARS,
            });
        }
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Err(DomainError::Missing {
                what: "a word to search for",
            });
        }
        if words.len() > MAX_QUERY_WORDS {
            return Err(DomainError::Invalid {
                what: "search",
                value: text,
                problem: format!("at most {MAX_QUERY_WORDS} words"),
            });
        }
        Ok(SearchQuery { words })
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The FTS5 query: every word, each as a quoted prefix (`"visa"* "trouble"*`).
    pub fn to_fts5(&self) -> String {
        self.words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A piece of a match in context: matched words are marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetPart {
    pub text: String,
    pub matched: bool,
}

/// Splits a snippet whose matches sit between `start` and `end` marks into parts, the text
/// cleaned to one line.
pub fn snippet_parts(raw: &str, start: char, end: char) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut matched = false;
    for piece in raw.split([start, end]) {
        let cleaned = clean_line(&piece.replace('\n', " "));
        let text = if matched {
            cleaned
        } else {
            pad(piece, cleaned)
        };
        if !text.is_empty() {
            parts.push(SnippetPart { text, matched });
        }
        matched = !matched;
    }
    parts
}

/// Keeps one space where the piece had white space at an edge, so words stay apart.
fn pad(piece: &str, text: String) -> String {
    if text.is_empty() {
        return if piece.is_empty() { text } else { " ".into() };
    }
    let lead = if piece.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if piece.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!("{lead}{text}{trail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_words_only() {
        let q = SearchQuery::parse("Visa  trouble; \"OR\" NEAR(").unwrap();
        assert_eq!(q.to_fts5(), "\"visa\"* \"trouble\"* \"or\"* \"near\"*");
        assert!(SearchQuery::parse("  ").is_err());
        assert!(SearchQuery::parse("*** ---").is_err());
        assert!(SearchQuery::parse(&"a".repeat(MAX_QUERY_CHARS + 1)).is_err());
        assert!(SearchQuery::parse(&"w ".repeat(MAX_QUERY_WORDS + 1)).is_err());
    }

    #[test]
    fn snippets_mark_their_matches() {
        let parts = snippet_parts("…said <visa> <trouble>\nagain", '<', '>');
        let marked: Vec<_> = parts
            .iter()
            .filter(|p| p.matched)
            .map(|p| &p.text)
            .collect();
        assert_eq!(marked, ["visa", "trouble"]);
        let whole: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(whole, "…said visa trouble again");
    }
}
