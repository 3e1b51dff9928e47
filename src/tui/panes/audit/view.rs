//! The Audit pane's view: the trail as a table (newest first) beside the selected entry's
//! subject and change in words; and the lines of an entry's before/after overlay.

use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::AuditState;
use crate::desk::AuditLine;
use crate::domain::when::local_minute;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Col;
use crate::tui::widgets::safe;
use crate::tui::widgets::table::DataTable;

/// The list's columns: who made a change goes first when room runs out (the entry below
/// names them), then the subject is cut before what was done.
const COLUMNS: &[Col] = &[
    Col::text("#", 3, 5),
    Col::fixed("WHEN", 16, 4),
    Col::text("WHO", 5, 1).optional(),
    Col::text("WHAT", 10, 3),
    Col::rest("SUBJECT", 12, 2),
];

pub struct AuditView<'a> {
    pub state: &'a AuditState,
    pub theme: &'a Theme,
    pub zone: Tz,
}

impl Widget for AuditView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = self.theme;
        let wide = area.width >= 120;
        // The side panel needs about 60 columns; a wider screen gives the rest to the list.
        let side_share = if area.width >= 160 { 30 } else { 40 };
        let [list, side] = if wide {
            Layout::horizontal([
                Constraint::Percentage(100 - side_share),
                Constraint::Percentage(side_share),
            ])
            .areas(area)
        } else {
            Layout::vertical([Constraint::Min(6), Constraint::Length(6)]).areas(area)
        };
        let filter_note = if s.filter.is_empty() {
            String::new()
        } else {
            format!(" · filter \"{}\"", safe(&s.filter))
        };
        let title = match &s.lines {
            None => "Audit trail · reading…".to_string(),
            Some(_) => format!(
                "Audit trail {} of {}{filter_note} · newest first · Enter: before/after",
                s.visible.len(),
                s.total()
            ),
        };
        let window = s.selection.window(s.visible.len());
        let rows: Vec<Vec<Span<'_>>> = s.visible[window.clone()]
            .iter()
            .filter_map(|i| s.lines.as_ref()?.get(*i))
            .map(|l| {
                vec![
                    Span::raw(format!("#{}", l.entry.id)),
                    Span::raw(local_minute(l.entry.at, self.zone)),
                    Span::raw(safe(&l.entry.actor).into_owned()),
                    Span::raw(safe(&l.entry.action).into_owned()),
                    Span::raw(safe(&l.subject).into_owned()),
                ]
            })
            .collect();
        DataTable {
            title,
            columns: COLUMNS,
            rows,
            first: window.start,
            total: s.visible.len(),
            selection: &s.selection,
            theme: t,
            focused: true,
            empty: "No changes recorded yet (or none match the filter).",
            footer: None,
        }
        .render(list, buf);

        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(" Entry ", t.title));
        let lines = match s.selected() {
            Some(line) => summary_lines(line, self.zone, t),
            None => vec![Line::from(Span::styled("Nothing selected", t.dim))],
        };
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .render(side, buf);
    }
}

/// Who, when, the subject and the change, in a few lines.
fn summary_lines(l: &AuditLine, zone: Tz, t: &Theme) -> Vec<Line<'static>> {
    let e = &l.entry;
    vec![
        Line::from(vec![
            Span::styled(format!("#{} ", e.id), t.title),
            Span::raw(format!(
                "{} · {} · {}",
                local_minute(e.at, zone),
                safe(&e.actor),
                safe(&e.action)
            )),
        ]),
        Line::from(safe(&l.subject).into_owned()),
        Line::from(safe(&l.change).into_owned()),
    ]
}

/// The overlay Enter opens: the entry's facts, then its before and after in full.
pub(crate) fn audit_detail_lines(l: &AuditLine, zone: Tz, t: &Theme) -> Vec<Line<'static>> {
    let heading = |text: &str| Line::from(Span::styled(text.to_string(), t.title));
    let plain = |text: &str| Line::from(safe(text).into_owned());
    let e = &l.entry;
    let mut lines = vec![
        heading("Entry"),
        plain(&format!(
            "#{} · {} ({}) · {}",
            e.id,
            local_minute(e.at, zone),
            zone.name(),
            e.actor
        )),
        plain(&format!("written as {}", e.author)),
        plain(&format!("action: {}", e.action)),
        plain(&format!("subject: {}", l.subject)),
        plain(&format!("change: {}", l.change)),
        Line::default(),
    ];
    for (name, value) in [("Before", &e.before), ("After", &e.after)] {
        lines.push(heading(name));
        match value {
            None => lines.push(Line::from(Span::styled("(nothing)", t.dim))),
            Some(value) => {
                let text = serde_json::to_string_pretty(value).unwrap_or_default();
                lines.extend(text.lines().map(plain));
            }
        }
        lines.push(Line::default());
    }
    lines
}
