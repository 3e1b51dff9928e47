//! The first-run screen on an empty database: load the demo, import CSV, or start empty.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::tui::theme::Theme;

pub struct WelcomeView<'a> {
    pub theme: &'a Theme,
    pub database: String,
}

impl Widget for WelcomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let key = |k: &'static str, text: &'static str| {
            Line::from(vec![
                Span::styled(format!("  {k}  "), t.key),
                Span::raw(text),
            ])
        };
        let lines = vec![
            Line::from(Span::styled("Welcome to mentordesk", t.title)),
            Line::from(""),
            Line::from("This desk is empty. Pick how to start:"),
            Line::from(""),
            key(
                "d",
                "load the demo program (120 learners, 30 mentors, months of history)",
            ),
            key("i", "import CSV files (mentors.csv, then learners.csv)"),
            key("e", "start empty"),
            key("q", "quit"),
            Line::from(""),
            Line::from(Span::styled(format!("Database: {}", self.database), t.dim)),
            Line::from(Span::styled(
                "Everything stays in this one file on this machine.",
                t.dim,
            )),
        ];
        let width = area.width.min(84);
        let height = area.height.min(lines.len() as u16 + 2);
        let centred = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        Paragraph::new(lines)
            .alignment(Alignment::Left)
            .block(Block::default().borders(Borders::ALL).border_style(t.title))
            .wrap(Wrap { trim: false })
            .render(centred, buf);
    }
}
