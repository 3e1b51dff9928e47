//! The Check-ins pane's view: pairing list | history of the selected pairing | detail of the
//! selected check-in, and the check-in form (one-line fields with errors or warnings beside
//! them, the notes in a multi-line editor, the milestone fields below the notes).

use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::desk::CheckInRow;
use crate::domain::sync::CheckInBrief;
use crate::domain::when::local_minute;
use crate::tui::panes::checkins::{ABOVE_NOTES, CheckInDraft, CheckInsState, Column, NOTES};
use crate::tui::theme::Theme;
use crate::tui::widgets::brief::{field, field_or};
use crate::tui::widgets::columns::Col;
use crate::tui::widgets::filter::filter_note;
use crate::tui::widgets::form::Field;
use crate::tui::widgets::safe;
use crate::tui::widgets::scroll::{ScrollBox, wrap_text};
use crate::tui::widgets::table::DataTable;
use crate::tui::widgets::wrap;

/// The pairings list: both names name the pairing, so they are cut alike; the status is said
/// when there is room and is the first to go when there is not. A mentor desk's pairings are
/// all the mentor's own.
const PAIRINGS: &[Col] = &[
    Col::text("LEARNER", 8, 8),
    Col::text("MENTOR", 8, 8),
    Col::text("STATUS", 6, 1).optional(),
];
const MENTOR_DESK_PAIRINGS: &[Col] = &[
    Col::text("LEARNER", 10, 9),
    Col::text("STATUS", 6, 1).optional(),
];

pub struct CheckInsView<'a> {
    pub state: &'a CheckInsState,
    pub theme: &'a Theme,
    /// The desk's zone: times are shown in it.
    pub zone: Tz,
}

impl Widget for CheckInsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, t) = (self.state, self.theme);
        // Below this the status column and full dates would squeeze names to a few letters.
        let narrow = area.width < 110;
        // The history is as wide as its columns need (short dates when narrow); the pairings
        // take a good share for two names; the check-in (which scrolls) takes the rest.
        // A mentor desk lists only learners: its list needs less room.
        let mentor_desk = s.pack.is_some();
        let share = match (narrow, mentor_desk) {
            (true, false) => 40,
            (true, true) => 30,
            (false, false) => 36,
            (false, true) => 26,
        };
        let [left, middle, right] = Layout::horizontal([
            Constraint::Percentage(share),
            Constraint::Length(if narrow { 23 } else { 42 }),
            Constraint::Min(0),
        ])
        .areas(area);
        let window = s.pairing_sel.window_in(s.visible.len(), left);
        let rows = s.visible[window.clone()]
            .iter()
            .filter_map(|i| s.pairings.get(*i))
            .map(|e| {
                let mut cells = vec![Span::raw(safe(&e.learner_name).into_owned())];
                // On a mentor desk every pairing is the mentor's own: the column says nothing.
                if !mentor_desk {
                    cells.push(Span::raw(safe(&e.mentor_name).into_owned()));
                }
                cells.push(Span::raw(e.pairing.status.to_string()));
                cells
            })
            .collect();
        let filter = filter_note(&s.filter);
        let draft_note = match &s.draft {
            Some(d) if !s.form_open => " · draft kept: n resumes",
            Some(d) if d.is_dirty() => " · draft",
            _ => "",
        };
        DataTable {
            title: format!("Pairings {}{filter}{draft_note}", s.visible.len()),
            columns: if mentor_desk {
                MENTOR_DESK_PAIRINGS
            } else {
                PAIRINGS
            },
            rows,
            first: window.start,
            total: s.visible.len(),
            selection: &s.pairing_sel,
            theme: t,
            focused: s.focus == Column::Pairings,
            empty: "No pairing is under way yet.",
            footer: None,
        }
        .render(left, buf);

        let history = s.history();
        let window = s.history_sel.window_in(history.len(), middle);
        let rows = history[window.clone()]
            .iter()
            .map(|r| {
                let c = &r.checkin;
                let version = match (r.superseded_by.is_some(), c.supersedes.is_some()) {
                    (true, _) if narrow => Span::styled("↺ old", t.dim),
                    (true, _) => Span::styled("↺ superseded", t.dim),
                    (false, true) if narrow => Span::raw("✎"),
                    (false, true) => Span::raw("✎ edited"),
                    (false, false) => Span::raw(""),
                };
                let when = if narrow {
                    c.at.with_timezone(&self.zone).format("%d %b").to_string()
                } else {
                    local_minute(c.at, self.zone)
                };
                vec![
                    Span::raw(when),
                    Span::raw(c.confidence.map_or("-".into(), |v| v.get().to_string())),
                    Span::raw(c.minutes.to_string()),
                    version,
                ]
            })
            .collect();
        let status = s
            .selected_pairing()
            .map(|e| e.pairing.status)
            .filter(|status| narrow && *status != crate::domain::PairingStatus::Active)
            .map_or(String::new(), |status| format!(" · {status}"));
        let before = s.before_this_desk();
        let before_note = match before.len() {
            0 => String::new(),
            n if narrow => format!(" · {n} earlier"),
            n => format!(" · {n} before this desk"),
        };
        DataTable {
            title: format!(
                "History {}{status}{before_note} · n new · e edit",
                history.len()
            ),
            columns: &[
                Col::text("WHEN", 6, 9),
                Col::text("CONF", 4, 7),
                Col::text("MIN", 3, 6),
                Col::text(if narrow { "" } else { "VERSION" }, 1, 8),
            ],
            rows,
            first: window.start,
            total: history.len(),
            selection: &s.history_sel,
            theme: t,
            focused: s.focus == Column::History,
            empty: if before.is_empty() {
                "No check-ins yet. Press n to log one."
            } else {
                "None on this desk yet: n logs one."
            },
            footer: None,
        }
        .render(middle, buf);

        let inner = Block::default().borders(Borders::ALL).inner(right);
        let mut lines = match s.selected_checkin() {
            Some(row) => detail_lines(
                row,
                s.selected_pairing().map(|e| e.mentor_name.as_str()),
                inner.width,
                t,
                self.zone,
            ),
            None if !before.is_empty() => Vec::new(),
            None => vec![Line::from(Span::styled("Nothing selected.", t.dim))],
        };
        if !before.is_empty() {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.extend(before_lines(&before, inner.width, t, self.zone));
        }
        ScrollBox::new("Check-in", lines, &s.detail_scroll, t)
            .focused(s.focus == Column::Detail)
            .render(right, buf);

        if let (Some(draft), true) = (&s.draft, s.form_open) {
            CheckInFormView { draft, theme: t }.render(area, buf);
            if let Some(picker) = &draft.picker {
                super::guide_picker::GuidePickerView { picker, theme: t }
                    .render(CheckInFormView::area(area), buf);
            }
        }
    }
}

/// `mentor_name`: the name of the pairing's mentor, for a check-in written on their desk.
fn detail_lines(
    row: &CheckInRow,
    mentor_name: Option<&str>,
    width: u16,
    t: &Theme,
    zone: Tz,
) -> Vec<Line<'static>> {
    let c = &row.checkin;
    let mut lines = Vec::new();
    if row.superseded_by.is_some() {
        lines.push(Line::from(Span::styled(
            "↺ superseded: a later edit replaces this version",
            t.warn,
        )));
    }
    let when = local_minute(c.at, zone);
    let minutes = c.minutes.to_string();
    let confidence = c.confidence.map(|v| format!("{} of 5", v.get()));
    let mode = c.mode.map(|m| m.to_string());
    let topics = crate::domain::person::join_list(&c.topics);
    // The record keeps which desk wrote it (`coordinator` or `mentor:<id>`); the pane names
    // the mentor when it is the pairing's own.
    let desk = match crate::domain::Author::parse(&c.author_desk) {
        Ok(author) => {
            let name = mentor_name.filter(|_| author.mentor() == Some(&row.mentor));
            author.words(name)
        }
        Err(_) => c.author_desk.clone(),
    };
    let by = format!("{desk} at {}", local_minute(c.recorded_at, zone));
    let planned: Vec<String> = row
        .planned_milestones
        .iter()
        .map(|id| format!("milestone {id}"))
        .collect();
    let planned = planned.join(", ");
    for (label, value, missing) in [
        ("when", Some(when.as_str()), "unknown"),
        ("minutes", Some(minutes.as_str()), "unknown"),
        ("mode", mode.as_deref(), "not given"),
        ("confidence", confidence.as_deref(), "not rated"),
        ("topics", Some(topics.as_str()), "none"),
        ("next steps", c.next_steps.as_deref(), "none"),
        ("written by", Some(by.as_str()), "unknown"),
    ] {
        lines.extend(field_or(label, value, missing, width, t));
    }
    if !planned.is_empty() {
        lines.extend(field("planned", Some(planned.as_str()), width, t));
    }
    // Only a session that used a guide says so: most do not, and "none" on each is noise.
    if let Some(guide) = &c.guide {
        lines.extend(field("guide", Some(guide.as_str()), width, t));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("notes", t.dim)));
    if c.notes.trim().is_empty() {
        lines.push(Line::from(Span::styled("(none)", t.dim)));
    }
    for line in c.notes.lines() {
        lines.push(Line::from(safe(line).into_owned()));
    }
    lines
}

/// A mentor desk's sessions from the pack: logged before this desk was made, on the
/// coordinator's desk, so they show apart from this desk's check-ins.
fn before_lines(briefs: &[&CheckInBrief], width: u16, t: &Theme, zone: Tz) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        "Before this desk (from your pack)",
        t.title,
    ))];
    for c in briefs {
        let day = c.at.with_timezone(&zone).format("%Y-%m-%d").to_string();
        let confidence = c
            .confidence
            .map_or("not rated".into(), |v| format!("{}/5", v.get()));
        lines.push(Line::from(vec![
            Span::styled(day, t.accent),
            Span::styled(format!(" · confidence {confidence}"), t.dim),
        ]));
        let next = format!("next: {}", safe(c.next_steps.as_deref().unwrap_or("none")));
        for part in wrap(&next, usize::from(width).saturating_sub(2)) {
            lines.push(Line::from(format!("  {part}")));
        }
    }
    lines
}

/// Width of the label column of the check-in form (and the reflection form).
pub(crate) const LABEL: usize = 18;
/// Width of a one-line value.
pub(crate) const VALUE: usize = 30;

/// The check-in form, drawn over the pane.
pub struct CheckInFormView<'a> {
    pub draft: &'a CheckInDraft,
    pub theme: &'a Theme,
}

/// The notes box's least height (one line of text in its border).
const NOTES_MIN: u16 = 3;

impl<'a> CheckInFormView<'a> {
    pub fn area(screen: Rect) -> Rect {
        let width = screen.width.saturating_sub(4).min(110);
        let height = screen.height.saturating_sub(2).min(30);
        Rect {
            x: screen.x + (screen.width - width) / 2,
            y: screen.y + (screen.height - height) / 2,
            width,
            height,
        }
    }

    /// Inside the box: the session's fields, a note about the whole form, the notes, and the
    /// milestone fields below them. A field whose error does not fit beside it takes the
    /// rows the error wraps to. When the box is short (80×24), fields other than the focused
    /// one leave their hints out, so every field keeps a row on screen.
    fn layout(&self, area: Rect) -> ([Rect; 4], bool) {
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let note = self.draft.form.note.as_ref().map_or(0, |n| {
            wrap_text(&format!("✗ {}", safe(n)), usize::from(inner.width)).len() as u16
        });
        let all = 0..self.draft.form.fields.len();
        let compact = self.rows(all, false, inner.width) + note + NOTES_MIN > inner.height;
        let areas = Layout::vertical([
            Constraint::Length(self.rows(0..ABOVE_NOTES, compact, inner.width)),
            Constraint::Length(note),
            Constraint::Min(NOTES_MIN),
            Constraint::Length(self.rows(
                ABOVE_NOTES..self.draft.form.fields.len(),
                compact,
                inner.width,
            )),
        ])
        .areas(inner);
        (areas, compact)
    }

    /// The rows the fields in `range` take.
    fn rows(&self, range: std::ops::Range<usize>, compact: bool, width: u16) -> u16 {
        range
            .map(|i| self.field(i, compact, width).len() as u16)
            .sum()
    }

    /// Field `i`'s rows as drawn.
    fn field(&self, i: usize, compact: bool, width: u16) -> Vec<Line<'a>> {
        let Some(f) = self.draft.form.fields.get(i) else {
            return Vec::new();
        };
        let focused = i == self.draft.focus;
        if compact && !focused && f.error.is_none() && f.warning.is_none() {
            return vec![Line::from(field_head(f, false, self.theme))];
        }
        field_lines(f, focused, self.theme, width)
    }

    /// Where the terminal cursor goes while a one-line field has the focus.
    pub fn cursor(&self, screen: Rect) -> Option<(u16, u16)> {
        let field = self.draft.form.fields.get(self.draft.focus)?;
        let ([top, _, _, bottom], compact) = self.layout(Self::area(screen));
        let x = field
            .input
            .visual_cursor()
            .saturating_sub(field.input.visual_scroll(VALUE));
        let y = if self.draft.focus < ABOVE_NOTES {
            top.y + self.rows(0..self.draft.focus, compact, top.width)
        } else {
            bottom.y + self.rows(ABOVE_NOTES..self.draft.focus, compact, top.width)
        };
        Some((
            top.x + (LABEL + 2) as u16 + u16::try_from(x).unwrap_or(0),
            y,
        ))
    }
}

/// A field's label and value, on one row.
fn field_head<'a>(f: &Field, focused: bool, t: &Theme) -> Vec<Span<'a>> {
    let marker = if focused { "▶ " } else { "  " };
    let scroll = f.input.visual_scroll(VALUE);
    let shown = crate::domain::text::typed_line(
        &f.input
            .value()
            .chars()
            .skip(scroll)
            .take(VALUE)
            .collect::<String>(),
    );
    vec![
        Span::styled(
            format!("{marker}{:<LABEL$}", f.label),
            if focused { t.title } else { t.dim },
        ),
        Span::styled(
            format!("{shown:<VALUE$}"),
            if focused { t.selected } else { t.base },
        ),
    ]
}

/// One field's rows: label, value, and its error, warning or hint beside it; what does not
/// fit beside the value wraps (at words) onto rows under it.
pub(crate) fn field_lines<'a>(f: &'a Field, focused: bool, t: &Theme, width: u16) -> Vec<Line<'a>> {
    let (beside, style) = match (&f.error, &f.warning) {
        (Some(error), _) => (format!("✗ {}", safe(error)), t.bad),
        (None, Some(warning)) => (format!("! {}", safe(warning)), t.warn),
        (None, None) => (f.hint.clone(), t.dim),
    };
    let head = field_head(f, focused, t);
    let room = usize::from(width).saturating_sub(LABEL + 2 + VALUE + 1);
    if beside.chars().count() <= room {
        let mut spans = head;
        spans.push(Span::styled(format!(" {beside}"), style));
        return vec![Line::from(spans)];
    }
    let indent = LABEL + 2;
    let mut lines = vec![Line::from(head)];
    for row in wrap_text(&beside, usize::from(width).saturating_sub(indent)) {
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(indent)),
            Span::styled(row, style),
        ]));
    }
    lines
}

impl Widget for CheckInFormView<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let d = self.draft;
        let area = Self::area(screen);
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.title)
            .title(Span::styled(
                match &d.guide {
                    Some(guide) => format!(" {} · guide {guide} ", safe(&d.form.title)),
                    None => format!(" {} ", safe(&d.form.title)),
                },
                t.title,
            ))
            .title_bottom(Span::styled(
                " Tab next · Ctrl-s save · Esc keeps draft · Ctrl-g guide · Ctrl-e editor ",
                t.dim,
            ));
        let ([top, note, notes_area, bottom], compact) = self.layout(area);
        block.render(area, buf);
        let width = top.width;
        let lines = |range: std::ops::Range<usize>| -> Vec<Line<'_>> {
            range.flat_map(|i| self.field(i, compact, width)).collect()
        };
        Paragraph::new(lines(0..ABOVE_NOTES)).render(top, buf);
        Paragraph::new(lines(ABOVE_NOTES..d.form.fields.len())).render(bottom, buf);
        if let Some(message) = &d.form.note {
            let rows: Vec<Line<'_>> =
                wrap_text(&format!("✗ {}", safe(message)), usize::from(width))
                    .into_iter()
                    .map(|row| Line::from(Span::styled(row, t.bad)))
                    .collect();
            Paragraph::new(rows).render(note, buf);
        }
        let focused = d.focus == NOTES;
        let mut notes = d.notes.clone();
        notes.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(if focused { t.title } else { t.border })
                .title(Span::styled(
                    if focused {
                        "▶ Notes (Enter: new line)"
                    } else {
                        "  Notes (Tab to here)"
                    },
                    if focused { t.title } else { t.dim },
                )),
        );
        notes.set_cursor_line_style(t.base);
        if !focused {
            notes.set_cursor_style(t.base);
        }
        notes.render(notes_area, buf);
    }
}
