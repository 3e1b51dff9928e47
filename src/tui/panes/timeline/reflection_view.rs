//! The reflection form, drawn over the Timeline pane: the learner's words first (what the
//! form is for), then when, their own confidence and who writes it down, with the check-in
//! form's field rows (errors and hints beside their fields).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::reflection::{ReflectionDraft, TEXT};
use crate::tui::panes::checkins::view::{LABEL, VALUE, field_lines};
use crate::tui::theme::Theme;
use crate::tui::widgets::safe;
use crate::tui::widgets::scroll::wrap_text;

pub struct ReflectionFormView<'a> {
    pub draft: &'a ReflectionDraft,
    pub theme: &'a Theme,
}

impl ReflectionFormView<'_> {
    pub fn area(screen: Rect) -> Rect {
        let width = screen.width.saturating_sub(4).min(100);
        let height = screen.height.saturating_sub(2).min(22);
        Rect {
            x: screen.x + (screen.width - width) / 2,
            y: screen.y + (screen.height - height) / 2,
            width,
            height,
        }
    }

    /// Inside the box: the text, a note about the whole form, and the fields.
    fn layout(&self, area: Rect) -> [Rect; 3] {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let fields: u16 = self
            .draft
            .form
            .fields
            .iter()
            .map(|f| field_lines(f, false, self.theme, inner.width).len() as u16)
            .sum();
        let note = self.draft.form.note.as_ref().map_or(0, |n| {
            wrap_text(&format!("✗ {}", safe(n)), usize::from(inner.width)).len() as u16
        });
        Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(note),
            Constraint::Length(fields),
        ])
        .areas(inner)
    }

    /// Where the terminal cursor goes while a one-line field has the focus.
    pub fn cursor(&self, screen: Rect) -> Option<(u16, u16)> {
        let d = self.draft;
        let field = d.form.fields.get(d.focus)?;
        let [_, _, fields] = self.layout(Self::area(screen));
        let x = field
            .input
            .visual_cursor()
            .saturating_sub(field.input.visual_scroll(VALUE));
        let above: u16 = d.form.fields[..d.focus]
            .iter()
            .map(|f| field_lines(f, false, self.theme, fields.width).len() as u16)
            .sum();
        Some((
            fields.x + (LABEL + 2) as u16 + u16::try_from(x).unwrap_or(0),
            fields.y + above,
        ))
    }
}

impl Widget for ReflectionFormView<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let (t, d) = (self.theme, self.draft);
        let area = Self::area(screen);
        Clear.render(area, buf);
        let [text_area, note, fields] = self.layout(area);
        Block::default()
            .borders(Borders::ALL)
            .border_style(t.title)
            .title(Span::styled(format!(" {} ", safe(&d.form.title)), t.title))
            .title_bottom(Span::styled(
                " Tab next field · Ctrl-s save · Esc close (keeps it) ",
                t.dim,
            ))
            .render(area, buf);
        let focused = d.focus == TEXT;
        let mut text = d.text.clone();
        text.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(if focused { t.title } else { t.border })
                .title(Span::styled(
                    if focused {
                        "▶ Their words (Enter: new line)"
                    } else {
                        "  Their words (Tab to here)"
                    },
                    if focused { t.title } else { t.dim },
                )),
        );
        text.set_cursor_line_style(t.base);
        if !focused {
            text.set_cursor_style(t.base);
        }
        text.render(text_area, buf);
        if let Some(message) = &d.form.note {
            let rows: Vec<Line<'_>> =
                wrap_text(&format!("✗ {}", safe(message)), usize::from(note.width))
                    .into_iter()
                    .map(|row| Line::from(Span::styled(row, t.bad)))
                    .collect();
            Paragraph::new(rows).render(note, buf);
        }
        let lines: Vec<Line<'_>> = d
            .form
            .fields
            .iter()
            .enumerate()
            .flat_map(|(i, f)| field_lines(f, i == d.focus, t, fields.width))
            .collect();
        Paragraph::new(lines).render(fields, buf);
    }
}
