//! A read-only popup of lines: a pairing opened from the Pairings pane, a time-line entry
//! opened from the Timeline. The lines come formatted by the pane that owns the data.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::safe;
use crate::tui::theme::Theme;

pub struct DetailView<'a> {
    pub title: &'a str,
    pub lines: Vec<Line<'a>>,
    pub scroll: u16,
    pub theme: &'a Theme,
}

impl Widget for DetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let width = area.width.saturating_sub(8).min(100);
        let height = (self.lines.len() as u16 + 2)
            .max(6)
            .min(area.height.saturating_sub(4));
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        Clear.render(popup, buf);
        Paragraph::new(self.lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.title)
                    .title(Span::styled(format!(" {} ", safe(self.title)), t.title))
                    .title_bottom(Span::styled(" Esc closes · j/k scroll ", t.dim)),
            )
            .style(t.base)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0))
            .render(popup, buf);
    }
}
