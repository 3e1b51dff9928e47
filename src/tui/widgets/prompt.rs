//! A one-line question at the bottom of the screen ("Reason for excluding?").

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use tui_input::Input;

use crate::tui::theme::Theme;

pub struct PromptView<'a> {
    pub title: &'a str,
    pub input: &'a Input,
    pub hint: &'a str,
    pub error: Option<&'a str>,
    pub theme: &'a Theme,
}

impl PromptView<'_> {
    /// The box a prompt takes: three rows (four with an error) across the bottom.
    pub fn area(&self, screen: Rect) -> Rect {
        let height = if self.error.is_some() { 4 } else { 3 };
        Rect {
            x: screen.x + 2,
            y: screen.y + screen.height.saturating_sub(height + 2),
            width: screen.width.saturating_sub(4),
            height,
        }
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
        if let Some(error) = self.error {
            lines.push(Line::from(Span::styled(
                format!("✗ {error}"),
                self.theme.bad,
            )));
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }
}
