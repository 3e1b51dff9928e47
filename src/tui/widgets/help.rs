//! The `?` overlay: every binding of every context, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

pub struct HelpOverlay<'a> {
    /// Whether this desk offers a binding (a mentor desk lists no Match keys).
    pub offered: &'a dyn Fn(Context, crate::tui::action::Action) -> bool,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub scroll: u16,
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
                let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<18}", keys.join(" / ")), self.theme.key),
                    Span::raw(b.desc.clone()),
                ]));
            }
            lines.push(Line::default());
        }
        lines
    }
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
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.title)
            .title(Span::styled(
                " Keys — Esc closes, j/k scroll ",
                self.theme.title,
            ));
        Paragraph::new(self.lines())
            .block(block)
            .style(self.theme.base)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0))
            .render(popup, buf);
    }
}
