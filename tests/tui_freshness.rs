//! The desk's reloads re-read check-ins when, and only when, SQLite says they may have
//! changed: another desk committed, or this desk wrote a check-in. Driven through actions;
//! what is asserted is read through the app's follow-up and the rendered screen.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use mentordesk::desk::{CheckInTarget, Desk, FixedClock, NewCheckIn};
use mentordesk::domain::{PairingId, PairingStatus};
use mentordesk::store::Store;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::App;
use mentordesk::tui::input::dispatch;

fn open(path: &std::path::Path) -> Desk {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    Desk::with_store(Store::open(path).unwrap(), Box::new(FixedClock(now)))
}

/// A desk app on the demo program in a file, the Pairings pane on screen.
fn app_on(path: &std::path::Path) -> App {
    let mut desk = open(path);
    tui_support::fill(&mut desk);
    let mut app = tui_support::app_on(desk);
    dispatch(&mut app, Action::PanePairings);
    app
}

fn checkins(app: &App) -> Arc<Vec<mentordesk::desk::CheckInRow>> {
    Arc::clone(&app.follow_up().expect("the Pairings pane read it").checkins)
}

fn checkin(pairing: PairingId, notes: &str) -> NewCheckIn {
    NewCheckIn {
        target: CheckInTarget::Pairing(pairing),
        at: None,
        minutes: 30,
        mode: None,
        confidence: Some(4),
        notes: notes.into(),
        topics: Vec::new(),
        next_steps: None,
        milestone: None,
        plan_milestone: None,
        allow_future: false,
        guide: None,
    }
}

#[test]
fn an_own_decision_does_not_read_the_checkins_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(&dir.path().join("desk.sqlite3"));
    let before = checkins(&app);
    let proposals = app
        .inline_desk()
        .unwrap()
        .pairings(Some(PairingStatus::Proposed))
        .unwrap();
    assert!(!proposals.is_empty(), "the demo holds proposals");

    dispatch(&mut app, Action::Approve);
    dispatch(&mut app, Action::Submit);
    assert!(app.status.as_ref().unwrap().text.starts_with("Approved"));
    assert!(
        Arc::ptr_eq(&checkins(&app), &before),
        "an approval writes no check-in: the reload kept them"
    );

    dispatch(&mut app, Action::Reload);
    assert!(
        Arc::ptr_eq(&checkins(&app), &before),
        "nothing changed in the file: Ctrl-r keeps them too"
    );
}

#[test]
fn a_checkin_this_desk_wrote_is_read_on_the_next_reload() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(&dir.path().join("desk.sqlite3"));
    let before = checkins(&app);
    let desk = app.inline_desk().unwrap();
    let pairing = desk.pairings(Some(PairingStatus::Active)).unwrap()[0].id;
    desk.add_checkin(&checkin(pairing, "Written here")).unwrap();

    dispatch(&mut app, Action::Reload);
    let after = checkins(&app);
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|r| r.checkin.notes == "Written here"));
}

#[test]
fn another_desks_checkin_shows_after_a_decision_here() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut app = app_on(&path);
    let before = checkins(&app);
    let mut mentor = open(&path);
    let pairing = mentor.pairings(Some(PairingStatus::Active)).unwrap()[0].id;
    mentor
        .add_checkin(&checkin(pairing, "Logged on the other desk"))
        .unwrap();

    // Not a Ctrl-r: the reload after this desk's own decision finds the other desk's write.
    dispatch(&mut app, Action::Approve);
    dispatch(&mut app, Action::Submit);
    let after = checkins(&app);
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        after
            .iter()
            .any(|r| r.checkin.notes == "Logged on the other desk")
    );
}
