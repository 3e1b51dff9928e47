//! Reusable pieces of the screen: the selectable table and how its columns fit, the
//! scrollable box, the word filter, the footer, the help overlay, prompts, bars and the
//! small-screen notice.

pub mod bar;
pub mod brief;
pub mod columns;
pub mod detail;
pub mod filter;
pub mod footer;
pub mod form;
pub mod help;
pub mod prompt;
pub mod scroll;
pub mod selection;
pub mod small;
pub mod table;
pub mod text_box;

use std::borrow::Cow;

/// Text from the database made safe to draw: no control characters, bidi overrides or
/// zero-width characters ever reach the terminal.
pub fn safe(text: &str) -> Cow<'_, str> {
    if crate::domain::text::is_clean_line(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(crate::domain::text::clean_line(text))
    }
}

/// `text` in lines of at most `width` characters, broken at spaces (long words are cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut current = String::new();
        for word in paragraph.split_whitespace() {
            let mut word: Vec<char> = word.chars().collect();
            while word.len() > width {
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                lines.push(word.drain(..width).collect());
            }
            let word: String = word.into_iter().collect();
            let needed =
                current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
            if needed > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&word);
        }
        lines.push(current);
    }
    lines
}

/// `text` cut to `width` characters, its last one an ellipsis when anything was cut, so a
/// reader sees that more was there.
pub fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{clip, wrap};

    #[test]
    fn clip_marks_what_it_cuts() {
        assert_eq!(clip("Imran Banerjee", 14), "Imran Banerjee");
        assert_eq!(clip("Imran Banerjee", 8), "Imran B…");
        assert_eq!(clip("abc", 0), "");
    }

    #[test]
    fn wrap_counts_characters_and_cuts_long_words() {
        // Six characters, nine bytes: one line.
        assert_eq!(wrap("añó ñu", 6), vec!["añó ñu"]);
        assert_eq!(wrap("añó ñu", 5), vec!["añó", "ñu"]);
        assert_eq!(wrap("Buenos_Aires now", 6), vec!["Buenos", "_Aires", "now"]);
    }
}
