//! A read-only popup of lines: a pairing opened from the Pairings pane, a time-line entry
//! opened from the Timeline. The lines come formatted by the pane that owns the data; the
//! popup scrolls ([`ScrollBox`]) when they do not fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::safe;
use super::scroll::{Scroll, ScrollBox, wrap_lines};
use crate::tui::theme::Theme;

pub struct DetailView<'a> {
    pub title: &'a str,
    pub lines: Vec<Line<'a>>,
    pub scroll: &'a Scroll,
    pub theme: &'a Theme,
}

impl Widget for DetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = area.width.saturating_sub(8).min(100);
        // As tall as the wrapped lines need, within the screen.
        let needed = wrap_lines(self.lines.clone(), usize::from(width.saturating_sub(2))).len();
        let height = (u16::try_from(needed).unwrap_or(u16::MAX).saturating_add(2))
            .max(6)
            .min(area.height.saturating_sub(4));
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        ScrollBox::new(
            safe(self.title).into_owned(),
            self.lines,
            self.scroll,
            self.theme,
        )
        .popup("Esc closes · j/k/PgDn scroll")
        .render(popup, buf);
    }
}
