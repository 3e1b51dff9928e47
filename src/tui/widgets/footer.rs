//! The footer: the keys that work here and now, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::keymap::{Binding, Context, Keymap};
use crate::tui::theme::Theme;

pub struct Footer<'a> {
    pub keymap: &'a Keymap,
    pub context: Context,
    pub theme: &'a Theme,
}

/// Global actions worth a place in every footer, in this order.
const GLOBAL_HINTS: &[crate::tui::action::Action] = {
    use crate::tui::action::Action::*;
    &[Filter, Undo, Help, Quit]
};

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        let mut push = |binding: &Binding| {
            let Some(key) = binding.keys.first() else {
                return;
            };
            if !spans.is_empty() {
                spans.push(Span::styled("  ", self.theme.dim));
            }
            spans.push(Span::styled(key.to_string(), self.theme.key));
            spans.push(Span::raw(format!(" {}", binding.desc)));
        };
        for binding in self.keymap.bindings(self.context) {
            push(binding);
        }
        if self.context != Context::Global
            && !matches!(
                self.context,
                Context::Form
                    | Context::CheckInForm
                    | Context::Weights
                    | Context::Thresholds
                    | Context::Help
            )
        {
            let hints = if self.context == Context::Welcome {
                &GLOBAL_HINTS[2..]
            } else {
                GLOBAL_HINTS
            };
            for action in hints {
                if let Some(b) = self
                    .keymap
                    .bindings(Context::Global)
                    .iter()
                    .find(|b| b.action == *action)
                {
                    push(b);
                }
            }
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}
