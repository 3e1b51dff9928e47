//! The placeholder's view: the pane's name, "coming", and what it will show.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::tui::theme::Theme;

pub struct ComingView<'a> {
    pub title: &'a str,
    pub what: &'a str,
    pub theme: &'a Theme,
}

impl Widget for ComingView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = vec![
            Line::from(Span::styled(
                format!("{} — coming", self.title),
                self.theme.title,
            )),
            Line::from(""),
            Line::from(self.what.to_string()),
        ];
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(self.theme.border),
            )
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}
