//! The program's due dates as an iCalendar file (RFC 5545), through the `icalendar` crate: one
//! all-day event per date, the pair's names in the summary, a UID that stays the same from one
//! export to the next (so importing again moves an event instead of adding a second one).
//!
//! Owns: the calendar's wording and layout. May use: `domain`, `desk`.

use chrono::Duration;
use icalendar::{Calendar, Component, Event, EventLike};

use crate::desk::{CalendarDates, DueDate, DueKind};
use crate::domain::text::clean_line;

fn summary(date: &DueDate) -> String {
    let pair = format!(
        "{} & {}",
        clean_line(&date.learner_name),
        clean_line(&date.mentor_name)
    );
    let late = if date.overdue_since.is_some() {
        "Overdue: "
    } else {
        ""
    };
    match date.kind {
        DueKind::CheckIn => format!("{late}Check-in due: {pair}"),
        DueKind::Milestone => format!("{late}Milestone due: {} ({pair})", clean_line(&date.title)),
    }
}

fn description(date: &DueDate) -> String {
    let mut text = match date.kind {
        DueKind::CheckIn => format!(
            "Next check-in of pairing {} (mentordesk checkin add --pairing {}).",
            date.pairing, date.pairing
        ),
        DueKind::Milestone => format!(
            "Planned milestone \"{}\" of pairing {}.",
            clean_line(&date.title),
            date.pairing
        ),
    };
    if let Some(since) = date.overdue_since {
        text.push_str(&format!(" Due since {since}."));
    }
    text
}

/// The calendar as RFC 5545 text (CRLF lines). An empty `dates` gives a valid calendar with
/// no events.
pub fn write_calendar(dates: &CalendarDates) -> String {
    let mut calendar = Calendar::new();
    let name = match &dates.mentor {
        Some(mentor) => format!("mentordesk: {mentor}'s due dates"),
        None => "mentordesk: due dates".to_string(),
    };
    calendar.name(&name);
    for date in &dates.dates {
        calendar.push(
            Event::new()
                .uid(&date.uid)
                .summary(&summary(date))
                .description(&description(date))
                .starts(date.day)
                .ends(date.day + Duration::days(1))
                .timestamp(dates.made_at)
                .done(),
        );
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, Utc};
    use icalendar::{CalendarComponent, DatePerhapsTime};

    use super::*;
    use crate::domain::PairingId;

    fn dates(list: Vec<DueDate>) -> CalendarDates {
        CalendarDates {
            dates: list,
            mentor: None,
            from: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            until: NaiveDate::from_ymd_opt(2026, 12, 16).unwrap(),
            made_at: DateTime::<Utc>::from_timestamp(1_796_000_000, 0).unwrap(),
        }
    }

    fn due(kind: DueKind, uid: &str, day: u32, title: &str) -> DueDate {
        DueDate {
            kind,
            uid: uid.into(),
            day: NaiveDate::from_ymd_opt(2026, 12, day).unwrap(),
            overdue_since: None,
            pairing: PairingId(7),
            learner_name: "Ana Ruiz".into(),
            mentor_name: "Sam Lee; \"the\" mentor".into(),
            title: title.into(),
        }
    }

    #[test]
    fn the_file_parses_back_with_the_same_events() {
        let written = write_calendar(&dates(vec![
            due(
                DueKind::CheckIn,
                "pairing-a-next-check-in@mentordesk",
                3,
                "",
            ),
            due(
                DueKind::Milestone,
                "milestone-b@mentordesk",
                9,
                "Ship, the portfolio",
            ),
        ]));
        let parsed: Calendar = written.parse().unwrap();
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0].get_uid(),
            Some("pairing-a-next-check-in@mentordesk")
        );
        assert_eq!(
            events[0].get_summary(),
            Some("Check-in due: Ana Ruiz & Sam Lee; \"the\" mentor")
        );
        assert_eq!(
            events[1].get_summary(),
            Some("Milestone due: Ship, the portfolio (Ana Ruiz & Sam Lee; \"the\" mentor)")
        );
        assert_eq!(
            events[1].get_start(),
            Some(DatePerhapsTime::Date(
                NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()
            ))
        );
        assert!(written.contains("BEGIN:VCALENDAR\r\n") && written.contains("END:VCALENDAR"));
        // Written twice from the same dates: the same file (UIDs and stamps stable).
        let again = write_calendar(&dates(vec![
            due(
                DueKind::CheckIn,
                "pairing-a-next-check-in@mentordesk",
                3,
                "",
            ),
            due(
                DueKind::Milestone,
                "milestone-b@mentordesk",
                9,
                "Ship, the portfolio",
            ),
        ]));
        assert_eq!(written, again);
    }

    #[test]
    fn nothing_due_is_a_valid_empty_calendar() {
        let written = write_calendar(&dates(Vec::new()));
        let parsed: Calendar = written.parse().unwrap();
        assert_eq!(parsed.components.len(), 0);
        assert!(written.contains("VERSION:2.0"));
    }
}
