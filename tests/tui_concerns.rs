//! Concerns in the desk, driven through `update`: `!` raises one on the selected pairing
//! (form, each error beside its field), the queue at the top of Pairings shows it high and
//! newest first, the tab bar's marker counts the open ones on every pane, and `C` resolves the
//! selected one after asking what was done. Snapshots of the queue and the marker.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::desk::NewConcern;
use mentordesk::domain::{ConcernKind, Severity};
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay};
use mentordesk::tui::input::{dispatch, handle_event};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_support::{app, desk_of, render};

fn press(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::from(code)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn status(app: &App) -> (String, bool) {
    let status = app.status.as_ref().expect("a status");
    (status.text.clone(), status.is_error)
}

/// The tab bar as drawn (the test backend quotes each line).
fn tab_row(app: &App, width: u16) -> String {
    let screen = render(app, width, 24);
    let first = screen.lines().next().unwrap();
    first.trim_matches('"').trim_end().to_string()
}

/// Moves the open form's focus to field `index`.
fn focus(app: &mut App, index: usize) {
    for _ in 0..4 {
        match &app.overlay {
            Some(Overlay::Form { form, .. }) if form.focus != index => {
                dispatch(app, Action::NextField);
            }
            _ => return,
        }
    }
}

/// The demo desk on the Pairings pane with two concerns open: a low one, then a high one.
fn with_concerns() -> App {
    let mut app = app();
    let active: Vec<_> = desk_of(&mut app)
        .pairings(Some(mentordesk::domain::PairingStatus::Active))
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    let desk = desk_of(&mut app);
    desk.raise_concern(
        active[0],
        &NewConcern {
            kind: ConcernKind::NoShow,
            severity: None,
            note: "Missed the last two sessions\nno reply to e-mail".into(),
        },
    )
    .unwrap();
    desk.raise_concern(
        active[1],
        &NewConcern {
            kind: ConcernKind::Wellbeing,
            severity: Some(Severity::High),
            note: "Learner is overwhelmed at work".into(),
        },
    )
    .unwrap();
    app.reload();
    dispatch(&mut app, Action::PanePairings);
    app
}

#[test]
fn the_queue_and_the_marker_at_80x24() {
    let mut app = with_concerns();
    insta::assert_snapshot!("concerns_queue_80x24", render(&app, 80, 24));
    // Into the queue: its keys come first in the footer, its note whole on the border.
    dispatch(&mut app, Action::Up);
    insta::assert_snapshot!("concerns_queue_selected_120x40", render(&app, 120, 40));
}

#[test]
fn the_marker_shows_on_every_pane_and_is_never_pushed_off() {
    let mut app = with_concerns();
    for pane in [
        Action::PaneMatch,
        Action::PaneCheckIns,
        Action::PaneDashboard,
    ] {
        dispatch(&mut app, pane);
        for width in [80, 100, 120] {
            let row = tab_row(&app, width);
            assert!(row.ends_with("⚑ 2 open"), "{width}: {row:?}");
        }
    }
    // The tabs clicked where they are drawn, left of the marker.
    let spans = mentordesk::tui::view::tab_spans(&app, 80);
    let last = spans.last().unwrap().2;
    assert!(last <= 80 - "⚑ 2 open".chars().count() as u16, "{spans:?}");
}

#[test]
fn raise_with_errors_beside_fields_then_resolve_after_the_question() {
    let mut app = tui_support::app();
    dispatch(&mut app, Action::PanePairings);
    assert!(
        !tab_row(&app, 80).contains('⚑'),
        "no marker while none is open"
    );
    // `!` needs a pairing under way selected.
    dispatch(&mut app, Action::FocusRight);
    let pairing = app.panes.pairings.selected_active().unwrap().row.pairing.id;
    dispatch(&mut app, Action::RaiseConcern);
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));

    // A low conduct concern with no words: both refused beside their fields, nothing saved.
    type_text(&mut app, "conduct");
    dispatch(&mut app, Action::NextField);
    type_text(&mut app, "low");
    dispatch(&mut app, Action::Submit);
    let shown = render(&app, 120, 40);
    assert!(
        shown.contains("a conduct concern is always high"),
        "{shown}"
    );
    assert!(shown.contains("what happened is required"), "{shown}");
    assert!(desk_of(&mut app).concern_queue().unwrap().is_empty());

    // Fixed: severity emptied (conduct is high), the words typed.
    focus(&mut app, 1);
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    focus(&mut app, 2);
    type_text(&mut app, "Shouted at the learner in the session");
    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(
        text.contains("Raised high conduct concern #1")
            && text.contains("at risk until it is resolved"),
        "{text}"
    );
    assert!(app.overlay.is_none());
    assert!(tab_row(&app, 80).ends_with("⚑ 1 open"));
    let under_way = app
        .panes
        .pairings
        .active
        .iter()
        .find(|r| r.row.pairing.id == pairing)
        .unwrap();
    assert_eq!(
        under_way.report.as_ref().unwrap().reason,
        "open high conduct concern #1 raised today"
    );

    // `C` in the queue asks what was done; an empty answer is refused and keeps the prompt.
    while app.panes.pairings.selected_concern().is_none() {
        dispatch(&mut app, Action::Up);
    }
    dispatch(&mut app, Action::ResolveConcern);
    let shown = render(&app, 120, 40);
    assert!(
        shown.contains("Resolve concern #1 (high conduct) with what was done"),
        "{shown}"
    );
    dispatch(&mut app, Action::Submit);
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    assert_eq!(desk_of(&mut app).concern_queue().unwrap().len(), 1);
    // Esc cancels: still open.
    dispatch(&mut app, Action::Back);
    assert_eq!(desk_of(&mut app).concern_queue().unwrap().len(), 1);

    dispatch(&mut app, Action::ResolveConcern);
    type_text(&mut app, "Met both; mentor replaced");
    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(text.starts_with("Resolved concern #1"), "{text}");
    assert!(
        !tab_row(&app, 80).contains('⚑'),
        "the marker goes with the last one"
    );
    assert!(app.panes.pairings.concerns.is_empty());
    assert!(!render(&app, 80, 24).contains("Concerns open"));
    let audit = desk_of(&mut app).audit(5).unwrap();
    assert_eq!(audit[0].action, "concern.resolve");
    assert_eq!(audit[1].action, "concern.raise");
}
