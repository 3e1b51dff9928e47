//! Reusable pieces of the screen: the selectable table, fuzzy filtering, the footer, the
//! help overlay, prompts, bars and the small-screen notice.

pub mod bar;
pub mod brief;
pub mod detail;
pub mod footer;
pub mod form;
pub mod fuzzy;
pub mod help;
pub mod prompt;
pub mod selection;
pub mod small;
pub mod table;

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
