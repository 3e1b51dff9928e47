//! The `?` overlay: every binding of every context, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::scroll::{Scroll, ScrollBox};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

pub struct HelpOverlay<'a> {
    /// Whether this desk offers a binding (a mentor desk lists no Match keys).
    pub offered: &'a dyn Fn(Context, crate::tui::action::Action) -> bool,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub scroll: &'a Scroll,
    /// The context the person was in, listed first.
    pub current: Context,
    /// What the pane on screen wants said before its keys (the Dashboard's definitions).
    pub preface: Vec<Line<'static>>,
}

impl HelpOverlay<'_> {
    pub fn lines(&self) -> Vec<Line<'static>> {
        let mut order: Vec<Context> = vec![self.current];
        order.extend(self.keymap.contexts().filter(|c| *c != self.current));
        let mut lines = self.preface.clone();
        // The keys column as wide as its longest entry, so no description runs into it.
        let keys_width = order
            .iter()
            .flat_map(|c| self.keymap.bindings(*c))
            .map(|b| keys_text(b).chars().count())
            .max()
            .unwrap_or(0)
            .clamp(16, 24);
        for context in order {
            let bindings: Vec<_> = self
                .keymap
                .bindings(context)
                .iter()
                .filter(|b| (self.offered)(context, b.action))
                .collect();
            if bindings.is_empty() {
                continue;
            }
            lines.push(Line::from(Span::styled(
                context.label().to_string(),
                self.theme.title,
            )));
            for b in bindings {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<keys_width$}  ", keys_text(b)), self.theme.key),
                    Span::raw(b.desc.clone()),
                ]));
            }
            lines.push(Line::default());
        }
        lines
    }
}

/// A binding's keys as the help lists them: `j / ↓`.
fn keys_text(binding: &crate::tui::keymap::Binding) -> String {
    let keys: Vec<String> = binding.keys.iter().map(ToString::to_string).collect();
    keys.join(" / ")
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = area.width.saturating_sub(8).min(72);
        let height = area.height.saturating_sub(4);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        ScrollBox::new("Keys", self.lines(), self.scroll, self.theme)
            .popup("Esc closes · j/k/PgDn scroll")
            .render(popup, buf);
    }
}
