//! `export calendar`: an iCalendar file a calendar program reads back (parsed here with the
//! `icalendar` crate), stable UIDs, one mentor's dates, a mentor desk's own dates only, and a
//! valid empty calendar when nothing is due.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;
mod sync_support;

use std::collections::BTreeSet;

use cli_support::Desk;
use icalendar::{Calendar, CalendarComponent, Component};
use sync_support::{busy_mentor, mentor_desk, other_mentor, path_str};

/// (uid, summary) of every event in `text`, which must parse.
fn events(text: &str) -> Vec<(String, String)> {
    let calendar: Calendar = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap().to_string(),
                e.get_summary().unwrap().to_string(),
            )),
            _ => None,
        })
        .collect()
}

fn mentor_name(desk: &Desk, id: &str) -> String {
    let mentors = desk.json(&["mentors", "--json"]);
    let found = mentors
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap();
    found["name"].as_str().unwrap().to_string()
}

#[test]
fn the_program_calendar_round_trips_with_stable_uids() {
    let desk = Desk::demo();
    let file = desk.dir.path().join("due.ics");
    let out = desk.ok(&["export", "calendar", "--weeks", "8", "-o", path_str(&file)]);
    assert!(out.contains("due dates from"), "{out}");
    let first = events(&std::fs::read_to_string(&file).unwrap());
    assert!(!first.is_empty());
    let uids: BTreeSet<_> = first.iter().map(|(uid, _)| uid.clone()).collect();
    assert_eq!(uids.len(), first.len(), "one UID per event");
    assert!(
        first.iter().all(|(_, summary)| summary.contains(" & ")),
        "{first:?}"
    );
    assert!(
        first.iter().any(|(_, s)| s.contains("Check-in due")),
        "{first:?}"
    );
    // A check-in logged moves that pairing's event: same UID, not a second event.
    let active = desk.json(&["pairings", "--status", "active", "--json"]);
    let pairing = active[0]["id"].as_i64().unwrap().to_string();
    desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairing,
        "--minutes",
        "30",
        "--notes",
        "ok",
    ]);
    let again = events(&desk.ok(&["export", "calendar", "--weeks", "8"]));
    let uids_again: BTreeSet<_> = again.iter().map(|(uid, _)| uid.clone()).collect();
    assert!(uids_again.is_subset(&uids), "{uids_again:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn one_mentors_dates_and_a_mentor_desk_keeps_its_own() {
    let coord = Desk::demo();
    let (mentor, _) = busy_mentor(&coord);
    let (other, _) = other_mentor(&coord, &mentor);
    let name = mentor_name(&coord, &mentor);
    let theirs = events(&coord.ok(&["export", "calendar", "--mentor", &mentor, "--weeks", "12"]));
    assert!(!theirs.is_empty());
    assert!(theirs.iter().all(|(_, s)| s.contains(&name)), "{theirs:?}");

    let (mentor_desk, _) = mentor_desk(&coord, &mentor);
    let own = events(&mentor_desk.ok(&["export", "calendar", "--weeks", "12"]));
    assert!(!own.is_empty());
    assert!(own.iter().all(|(_, s)| s.contains(&name)), "{own:?}");
    let err = mentor_desk.refused(&["export", "calendar", "--mentor", &other]);
    assert!(
        err.contains("mentor desk; it holds no dates of mentor"),
        "{err}"
    );
}

#[test]
fn nothing_due_is_an_empty_calendar_and_bad_options_are_refused() {
    let desk = Desk::sample();
    let text = desk.ok(&["export", "calendar"]);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(events(&text).is_empty());
    let file = desk.dir.path().join("never.ics");
    desk.refuses_each(
        &["export", "calendar", "-o", path_str(&file)],
        &[
            (
                vec!["--weeks", "0"],
                "weeks \"0\" is not a whole number from 1 to 52",
            ),
            (vec!["--weeks", "53"], "from 1 to 52"),
            (vec!["--mentor", "NOBODY"], "no mentor with id \"NOBODY\""),
        ],
    );
    assert!(!file.exists(), "nothing written");
    let err = desk.refused(&["export", "learners", "--weeks", "2"]);
    assert!(
        err.contains("--mentor and --weeks go with export calendar"),
        "{err}"
    );
}

#[test]
fn due_days_are_the_desks_days() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    // A zone whose day is not UTC's right now: 11 hours behind before 11:00 UTC, 14 ahead
    // from then on.
    use chrono::Timelike;
    let zone = if chrono::Utc::now().hour() < 11 {
        chrono_tz::Pacific::Pago_Pago
    } else {
        chrono_tz::Pacific::Kiritimati
    };
    desk.ok(&["default-zone", zone.name()]);
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    assert_ne!(today, chrono::Utc::now().date_naive());
    let file = desk.dir.path().join("due.ics");
    let out = desk.ok(&["export", "calendar", "-o", path_str(&file)]);
    assert!(out.contains(&format!("from {today}")), "{today}: {out}");
    // The pairing was approved just now with a 7-day cadence: its check-in is due a week from
    // today, there.
    let due = (today + chrono::Duration::days(7))
        .format("%Y%m%d")
        .to_string();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("DTSTART") && l.ends_with(&due)),
        "no event on {due}:\n{text}"
    );
}
