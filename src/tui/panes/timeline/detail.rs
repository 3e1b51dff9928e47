//! A time-line entry on one screen: what and when, its line, a check-in's full notes and
//! next steps, and every fact the entry carries. The desk reads the data
//! ([`EntryDetail`]); [`entry_lines`] formats it.

use chrono_tz::Tz;
use ratatui::text::{Line, Span};

use crate::desk::TimelineEvent;
use crate::domain::CheckIn;
use crate::tui::theme::Theme;
use crate::tui::widgets::safe;

#[derive(Debug, Clone)]
pub struct EntryDetail {
    pub(crate) event: TimelineEvent,
    /// The entry's kind in words (`● check-in`).
    pub(crate) heading: &'static str,
    /// Its line in the story (mentors by name).
    pub(crate) line: String,
    /// A check-in entry's check-in, read whole.
    pub(crate) checkin: Option<CheckIn>,
    /// The desk's zone when it was read.
    pub(crate) zone: Tz,
}

pub const TITLE: &str = "Time-line entry";

/// The screen's lines: headings in the title style, the rest plain (database text made safe).
pub(crate) fn entry_lines(d: &EntryDetail, t: &Theme) -> Vec<Line<'static>> {
    let heading = |text: &str| Line::from(Span::styled(safe(text).into_owned(), t.title));
    let plain = |text: &str| Line::from(safe(text).into_owned());
    let mut lines = vec![
        heading(d.heading),
        plain(&format!(
            "{} ({})",
            d.event.at.with_timezone(&d.zone).format("%Y-%m-%d %H:%M"),
            d.zone.name()
        )),
        plain(&d.line),
        Line::default(),
    ];
    if let Some(c) = &d.checkin {
        lines.push(heading("Notes"));
        lines.extend(c.notes.lines().map(plain));
        if let Some(next) = &c.next_steps {
            lines.push(Line::default());
            lines.push(heading("Next steps"));
            lines.extend(next.lines().map(plain));
        }
        lines.push(Line::default());
    }
    lines.push(heading("Facts"));
    if let Some(map) = d.event.detail.as_object() {
        for (key, value) in map {
            let shown = match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Null => "unknown".into(),
                other => other.to_string(),
            };
            lines.push(plain(&format!("{key}: {shown}")));
        }
    }
    lines
}
