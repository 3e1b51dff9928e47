//! A one-line question at the bottom of the screen ("Reason for excluding?").

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use tui_input::Input;

use super::safe;
use super::scroll::wrap_text;
use crate::tui::theme::Theme;

pub struct PromptView<'a> {
    pub title: &'a str,
    pub input: &'a Input,
    pub hint: &'a str,
    pub error: Option<&'a str>,
    pub theme: &'a Theme,
}

impl PromptView<'_> {
    /// The box a prompt takes: three rows across the bottom, and the rows its error
    /// wraps to.
    pub fn area(&self, screen: Rect) -> Rect {
        let width = screen.width.saturating_sub(4);
        let error_rows = self.error_lines(width).len() as u16;
        let height = 3 + error_rows;
        Rect {
            x: screen.x + 2,
            y: screen.y + screen.height.saturating_sub(height + 2),
            width,
            height,
        }
    }

    /// The error, word-wrapped inside a box `width` wide (never cut mid-word).
    fn error_lines(&self, width: u16) -> Vec<String> {
        self.error.map_or_else(Vec::new, |error| {
            wrap_text(
                &format!("✗ {}", safe(error)),
                usize::from(width.saturating_sub(2)),
            )
        })
    }

    /// Where the terminal cursor goes.
    pub fn cursor(&self, screen: Rect) -> (u16, u16) {
        let area = self.area(screen);
        let width = usize::from(area.width.saturating_sub(2));
        let scroll = self.input.visual_scroll(width);
        let x = self.input.visual_cursor().saturating_sub(scroll);
        (area.x + 1 + u16::try_from(x).unwrap_or(0), area.y + 1)
    }
}

impl Widget for PromptView<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let area = self.area(screen);
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.title)
            .title(Span::styled(format!(" {} ", self.title), self.theme.title))
            .title_bottom(Span::styled(format!(" {} ", self.hint), self.theme.dim));
        let width = usize::from(area.width.saturating_sub(2));
        let scroll = self.input.visual_scroll(width);
        let mut lines = vec![Line::from(crate::domain::text::typed_line(
            &self.input.value().chars().skip(scroll).collect::<String>(),
        ))];
        for row in self.error_lines(area.width) {
            lines.push(Line::from(Span::styled(row, self.theme.bad)));
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }
}
