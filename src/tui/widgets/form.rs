//! A small form: labelled one-line fields, one focused, each with its own error shown beside
//! it. Used for agreements and check-ins.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use tui_input::Input;

use super::safe;
use crate::tui::theme::Theme;

/// Width of the label column.
const LABEL: usize = 22;

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub input: Input,
    pub hint: String,
    pub error: Option<String>,
    /// Something to confirm rather than fix (e.g. a date after today), shown with `!`.
    pub warning: Option<String>,
    initial: String,
}

impl Field {
    pub fn new(label: &'static str, value: &str, hint: impl Into<String>) -> Field {
        Field {
            label,
            input: Input::new(value.to_string()),
            hint: hint.into(),
            error: None,
            warning: None,
            initial: value.to_string(),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// What the field opened with.
    pub fn initial_value(&self) -> &str {
        &self.initial
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A message about the whole form (e.g. why saving failed).
    pub note: Option<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            note: None,
        }
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev(&mut self) {
        let len = self.fields.len().max(1);
        self.focus = (self.focus + len - 1) % len;
    }

    pub fn focused(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    pub fn value(&self, index: usize) -> &str {
        self.fields.get(index).map_or("", Field::value)
    }

    /// True when any field differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(|f| f.input.value() != f.initial)
    }

    pub fn clear_errors(&mut self) {
        self.note = None;
        for field in &mut self.fields {
            field.error = None;
            field.warning = None;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }
}

pub struct FormView<'a> {
    pub form: &'a Form,
    pub theme: &'a Theme,
}

impl FormView<'_> {
    /// The popup's box on `screen`.
    pub fn area(&self, screen: Rect) -> Rect {
        let width = screen.width.saturating_sub(6).min(96);
        let rows = self.form.fields.len() as u16 * 2 + 5;
        let height = rows.min(screen.height.saturating_sub(2));
        Rect {
            x: screen.x + (screen.width - width) / 2,
            y: screen.y + (screen.height - height) / 2,
            width,
            height,
        }
    }

    /// Where the terminal cursor goes: the focused field's insertion point.
    pub fn cursor(&self, screen: Rect) -> (u16, u16) {
        let area = self.area(screen);
        let field = self.form.fields.get(self.form.focus);
        let width = usize::from(area.width.saturating_sub(2)).saturating_sub(LABEL + 2);
        let x = field.map_or(0, |f| {
            f.input
                .visual_cursor()
                .saturating_sub(f.input.visual_scroll(width))
        });
        let row = 2 + self.form.focus as u16 * 2 - self.scroll(area);
        (
            area.x + 1 + LABEL as u16 + 2 + u16::try_from(x).unwrap_or(0),
            area.y + row,
        )
    }

    /// Lines scrolled off the top so the focused field and its hint stay in a box too short
    /// for the whole form (0 when it fits).
    fn scroll(&self, area: Rect) -> u16 {
        let inner = area.height.saturating_sub(2);
        let focus_end = 1 + self.form.focus as u16 * 2 + 2;
        focus_end.saturating_sub(inner)
    }
}

impl Widget for FormView<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let area = self.area(screen);
        Clear.render(area, buf);
        let t = self.theme;
        let width = usize::from(area.width.saturating_sub(2)).saturating_sub(LABEL + 2);
        let mut lines = vec![Line::default()];
        for (i, field) in self.form.fields.iter().enumerate() {
            let focused = i == self.form.focus;
            let marker = if focused { "▶ " } else { "  " };
            let scroll = field.input.visual_scroll(width);
            let shown = crate::domain::text::typed_line(
                &field
                    .input
                    .value()
                    .chars()
                    .skip(scroll)
                    .take(width)
                    .collect::<String>(),
            );
            let value_style = if focused { t.selected } else { t.base };
            let padded = format!("{shown:<width$}");
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{marker}{:<w$}", field.label, w = LABEL),
                    if focused { t.title } else { t.dim },
                ),
                Span::styled(padded, value_style),
            ]));
            let below = match (&field.error, &field.warning) {
                (Some(error), _) => {
                    Span::styled(format!("{:LABEL$}  ✗ {}", "", safe(error)), t.bad)
                }
                (None, Some(warning)) => {
                    Span::styled(format!("{:LABEL$}  ! {}", "", safe(warning)), t.warn)
                }
                (None, None) => Span::styled(format!("{:LABEL$}  {}", "", field.hint), t.dim),
            };
            lines.push(Line::from(below));
        }
        if let Some(note) = &self.form.note {
            lines.push(Line::from(Span::styled(format!("✗ {}", safe(note)), t.bad)));
        }
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.title)
                    .title(Span::styled(
                        format!(" {} ", safe(&self.form.title)),
                        t.title,
                    ))
                    .title_bottom(Span::styled(
                        " Tab next field · Enter/Ctrl-s save · Esc cancel ",
                        t.dim,
                    )),
            )
            .wrap(Wrap { trim: false })
            .scroll((self.scroll(area), 0))
            .render(area, buf);
    }
}
