//! The notice shown instead of a broken layout when the window is too small.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Smallest window the desk lays out.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub struct SmallScreen;

impl Widget for SmallScreen {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = vec![
            Line::from("mentordesk"),
            Line::from(""),
            Line::from("Please make the window larger."),
            Line::from(format!(
                "Needs {MIN_WIDTH}×{MIN_HEIGHT}, now {}×{}.",
                area.width, area.height
            )),
            Line::from("q quits."),
        ];
        let top = area.height.saturating_sub(lines.len() as u16) / 2;
        let body = Rect {
            y: area.y + top,
            height: area.height - top,
            ..area
        };
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(body, buf);
    }
}
