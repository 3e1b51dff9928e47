//! Typing into a multi-line text box (check-in notes, coordinator notes, reflections): one
//! routine, so every box keeps and refuses the same characters.
//!
//! May use: ratatui-textarea, the crossterm events and the domain's text cleaning.

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::domain::text::{clean_multiline, typed_line};

/// Feeds a key or paste into `text`: Enter is a new line, the box's own keys move and
/// delete. A character that could talk to the terminal is never kept (a paste without
/// bracketed paste arrives as keys), and a line separator becomes a space.
pub fn type_into(text: &mut TextArea<'static>, event: &Event) {
    match event {
        Event::Paste(pasted) => {
            text.insert_str(clean_multiline(pasted));
        }
        Event::Key(key) if key.kind == KeyEventKind::Press => match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                for c in typed_line(&c.to_string()).chars() {
                    text.insert_char(c);
                }
            }
            _ => {
                text.input(*key);
            }
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn keys_and_pastes_are_kept_clean_and_enter_breaks_the_line() {
        let mut text = TextArea::default();
        type_into(&mut text, &key(KeyCode::Char('a')));
        type_into(&mut text, &key(KeyCode::Enter));
        type_into(&mut text, &key(KeyCode::Char('\u{1b}')));
        type_into(&mut text, &key(KeyCode::Char('\u{2028}')));
        type_into(&mut text, &Event::Paste("b\u{7}c".into()));
        assert_eq!(text.lines().len(), 2);
        assert_eq!(text.lines()[0], "a");
        assert!(!text.lines()[1].contains('\u{1b}') && !text.lines()[1].contains('\u{7}'));
        assert!(text.lines()[1].contains('b') && text.lines()[1].contains('c'));
    }
}
