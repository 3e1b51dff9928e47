//! The Audit view: Ctrl-a from any pane, newest first, `/` filters, Enter shows before and
//! after; and `u` taking back a decision made before the desk was opened.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use chrono::{TimeZone, Utc};
use mentordesk::desk::{Desk, FixedClock};
use mentordesk::domain::PairingStatus;
use mentordesk::store::Store;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{Detail, Overlay, Pane};
use mentordesk::tui::input::{dispatch, handle_event};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_support::{app, app_on, desk_of, fill, render};

fn decisions(app: &mut mentordesk::tui::app::App) {
    let desk = desk_of(app);
    desk.set_weight("topic", 40).unwrap();
    let proposal = desk.pairings(Some(PairingStatus::Proposed)).unwrap()[0].id;
    desk.decline(proposal, Some("learner asked for a woman mentor"))
        .unwrap();
}

#[test]
fn ctrl_a_opens_the_trail_newest_first_with_names_and_words() {
    let mut app = app();
    decisions(&mut app);
    dispatch(&mut app, Action::PanePeople);
    handle_event(
        &mut app,
        &Event::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL)),
    );
    assert_eq!(app.pane, Pane::Audit);
    let lines = app.panes.audit.lines.clone().expect("the trail was read");
    assert_eq!(lines[0].entry.action, "decline");
    assert_eq!(
        lines[0].change,
        "declined: learner asked for a woman mentor"
    );
    assert!(lines[0].subject.contains(" → "), "{}", lines[0].subject);
    insta::assert_snapshot!("audit_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("audit_200x60", render(&app, 200, 60));

    dispatch(&mut app, Action::Filter);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("/ opens the filter")
    };
    prompt.input = tui_input::Input::new("weights".into());
    mentordesk::tui::update::prompt_edited(&mut app);
    dispatch(&mut app, Action::Submit);
    let selected = app.panes.audit.selected().unwrap();
    assert_eq!(selected.entry.action, "weights.set");

    dispatch(&mut app, Action::Open);
    let Some(Overlay::Detail {
        detail: Detail::Audit(line),
        ..
    }) = &app.overlay
    else {
        panic!("Enter shows the entry: {:?}", app.overlay)
    };
    assert_eq!(line.change, "weights: topic 30 → 40");
    let shown = render(&app, 80, 24);
    assert!(
        shown.contains("Before") && shown.contains("After"),
        "{shown}"
    );
}

#[test]
fn u_takes_back_a_decision_made_before_the_desk_was_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let open = || Desk::with_store(Store::open(&path).unwrap(), Box::new(FixedClock(now)));
    let mut earlier = open();
    fill(&mut earlier);
    let active = earlier.pairings(Some(PairingStatus::Active)).unwrap()[0].id;
    earlier.pause(active, Some("holiday")).unwrap();
    drop(earlier);

    let mut app = app_on(open());
    assert!(
        app.undo_ready,
        "the footer offers u: the log holds a decision"
    );
    dispatch(&mut app, Action::Undo);
    // Made before this session: named and asked about first.
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("asked first: {:?}", app.status)
    };
    assert!(prompt.title.contains("paused pairing"), "{}", prompt.title);
    assert_eq!(
        desk_of(&mut app).pairing(active).unwrap().status,
        PairingStatus::Paused,
        "nothing undone before the answer"
    );
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("still asking")
    };
    prompt.input = tui_input::Input::new("y".into());
    mentordesk::tui::update::prompt_edited(&mut app);
    let status = app.status.clone().unwrap();
    assert!(!status.is_error, "{}", status.text);
    assert!(
        status.text.starts_with("Undid the pause"),
        "{}",
        status.text
    );
    assert_eq!(
        desk_of(&mut app).pairing(active).unwrap().status,
        PairingStatus::Active
    );
    // Decisions of this session are taken back at once.
    desk_of(&mut app).pause(active, None).unwrap();
    dispatch(&mut app, Action::Undo);
    assert!(app.overlay.is_none());
    assert_eq!(
        desk_of(&mut app).pairing(active).unwrap().status,
        PairingStatus::Active
    );
    dispatch(&mut app, Action::Undo);
    assert!(app.status.clone().unwrap().text.contains("Nothing to undo"));
    assert!(!app.undo_ready);
}
