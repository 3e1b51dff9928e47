//! Guides in the check-in form: `Ctrl-g` opens the picker with the guides that suit the pair
//! first, `Enter` puts the agenda into the notes and `s` into the next steps, `Esc` goes back
//! untouched, and the saved check-in records the guide it used. On the demo program with a
//! fixed clock; the picker is compared with a snapshot at 80×24.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use std::sync::Arc;

use mentordesk::domain::guide::{Guide, GuideLibrary, GuideName, GuideSource, Stage};
use mentordesk::tui::action::Action;
use mentordesk::tui::app::App;
use mentordesk::tui::input::dispatch;
use mentordesk::tui::keymap::Context;
use mentordesk::tui::panes::checkins::{NEXT_STEPS, NOTES};
use tui_support::{app, desk_of, render};

/// Opens a new check-in for the first pairing of the Check-ins pane, then the picker.
fn open_picker(app: &mut App) -> mentordesk::domain::PairingId {
    dispatch(app, Action::PaneCheckIns);
    let id = app.panes.checkins.selected_pairing().unwrap().pairing.id;
    dispatch(app, Action::NewCheckIn);
    assert_eq!(app.context(), Context::CheckInForm);
    dispatch(app, Action::PickGuide);
    assert_eq!(app.context(), Context::GuidePicker, "{:?}", app.status);
    id
}

fn picker(app: &App) -> &mentordesk::tui::panes::checkins::guide_picker::GuidePicker {
    app.panes
        .checkins
        .draft
        .as_ref()
        .and_then(|d| d.picker.as_ref())
        .expect("the picker is open")
}

#[test]
fn the_picker_leads_with_the_guides_that_suit_the_pair() {
    let mut app = app();
    open_picker(&mut app);
    let entry = app.panes.checkins.selected_pairing().unwrap().clone();
    let p = picker(&app);
    // What the picker leads with is exactly the domain's rule for this pair.
    let sessions = app
        .panes
        .checkins
        .rows()
        .iter()
        .filter(|r| r.checkin.pairing == entry.pairing.id && r.superseded_by.is_none())
        .count();
    let stage = Stage::of(
        entry.pairing.started_at,
        entry.pairing.agreement.planned_weeks,
        sessions,
        // The clock of `tui_support::app`.
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 2, 9, 0, 0).unwrap(),
    );
    let expected: Vec<String> = GuideLibrary::built_in()
        .relevant(entry.learner_track, stage)
        .iter()
        .map(|g| g.name.to_string())
        .collect();
    let lead: Vec<String> = p.guides[..p.lead]
        .iter()
        .map(|g| g.name.to_string())
        .collect();
    assert_eq!(lead, expected);
    assert_eq!(p.guides.len(), GuideLibrary::built_in().all().len());
    let screen = render(&app, 80, 24);
    assert!(screen.contains("★ suits this pair"), "{screen}");
    assert!(
        screen.contains("Enter into notes · s into next steps"),
        "{screen}"
    );
    insta::assert_snapshot!("guide_picker_80x24", screen);
}

#[test]
fn enter_puts_the_agenda_into_the_notes_and_the_checkin_records_the_guide() {
    let mut app = app();
    let pairing = open_picker(&mut app);
    // Walk to the first-session agenda wherever it stands in the list.
    let at = picker(&app)
        .guides
        .iter()
        .position(|g| g.name.as_str() == "first-session")
        .unwrap();
    for _ in 0..at {
        dispatch(&mut app, Action::Down);
    }
    dispatch(&mut app, Action::Submit);
    assert_eq!(app.context(), Context::CheckInForm);
    let draft = app.panes.checkins.draft.as_ref().unwrap();
    assert!(draft.picker.is_none());
    assert_eq!(draft.focus, NOTES);
    assert_eq!(
        draft.guide.as_ref().map(GuideName::as_str),
        Some("first-session")
    );
    let notes = draft.notes_text();
    assert!(
        notes.starts_with("First session: agenda\n1. Introductions"),
        "{notes}"
    );
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("records guide first-session")
    );
    assert!(render(&app, 120, 40).contains("· guide first-session"));

    dispatch(&mut app, Action::Submit);
    let saved = desk_of(&mut app)
        .checkin_rows(None, false)
        .unwrap()
        .into_iter()
        .filter(|r| r.checkin.pairing == pairing)
        .max_by_key(|r| r.checkin.recorded_at)
        .unwrap();
    assert_eq!(
        saved.checkin.guide.as_ref().map(GuideName::as_str),
        Some("first-session")
    );
    assert!(
        saved.checkin.notes.contains("7. Before you part"),
        "{}",
        saved.checkin.notes
    );
    // The check-in's detail says which guide it used.
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("guide") && screen.contains("first-session"),
        "{screen}"
    );
}

#[test]
fn s_puts_the_agenda_into_the_next_steps_after_what_is_there() {
    let mut app = app();
    open_picker(&mut app);
    dispatch(&mut app, Action::Back);
    assert_eq!(
        app.context(),
        Context::CheckInForm,
        "Esc goes back to the form"
    );
    let draft = app.panes.checkins.draft.as_mut().unwrap();
    assert!(draft.guide.is_none() && draft.notes_text().is_empty());
    draft.form.fields[NEXT_STEPS].input = tui_input::Input::new("Read chapter 3".into());
    dispatch(&mut app, Action::PickGuide);
    let first = picker(&app).guides[0].clone();
    dispatch(&mut app, Action::GuideToNextSteps);
    let draft = app.panes.checkins.draft.as_ref().unwrap();
    let steps = draft.form.fields[NEXT_STEPS].value();
    assert!(
        steps.starts_with(&format!("Read chapter 3; {}: ", first.title)),
        "{steps}"
    );
    assert!(!steps.contains('\n'), "{steps}");
    assert_eq!(draft.guide.as_ref(), Some(&first.name));
    assert!(draft.notes_text().is_empty());
}

#[test]
fn a_guide_from_the_folder_is_offered_and_says_where_it_comes_from() {
    let mut app = app();
    let mine = Guide {
        name: GuideName::parse("portfolio-review").unwrap(),
        title: "Portfolio review".into(),
        when: "before job applications".into(),
        body: "- Three projects\n- One story each".into(),
        source: GuideSource::Folder,
    };
    app.panes.checkins.guides = Arc::new(GuideLibrary::built_in().overlaid(vec![mine]));
    open_picker(&mut app);
    let p = picker(&app);
    assert_eq!(p.guides.last().unwrap().name.as_str(), "portfolio-review");
    for _ in 0..p.guides.len() {
        dispatch(&mut app, Action::Down);
    }
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("Portfolio review · your folder"),
        "{screen}"
    );
    assert!(
        screen.contains("When to use: before job applications"),
        "{screen}"
    );
}

#[test]
fn a_pairing_that_has_not_met_shows_the_suggested_first_session() {
    use mentordesk::tui::panes::pairings::Section;
    let mut app = app();
    dispatch(&mut app, Action::PanePairings);
    app.panes.pairings.section = Section::Active;
    let rows: Vec<_> = app
        .panes
        .pairings
        .active
        .iter()
        .map(|r| r.row.pairing.clone())
        .collect();
    let logged = desk_of(&mut app).checkin_rows(None, false).unwrap();
    let pos = rows
        .iter()
        .position(|p| p.status.holds_seat() && !logged.iter().any(|r| r.checkin.pairing == p.id))
        .expect("the demo has a pairing that has not met yet");
    app.panes.pairings.active_sel.selected = pos;
    dispatch(&mut app, Action::Open);
    let screen = render(&app, 120, 200);
    assert!(
        screen.contains("Suggested first session: First session: agenda (guide first-session"),
        "{screen}"
    );
    assert!(screen.contains("1. Introductions (10 min)"), "{screen}");
}
