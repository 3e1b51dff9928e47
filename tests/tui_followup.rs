//! Following pairings in the desk: the Pairings pane with health, the Check-ins pane and its
//! form, and the Timeline, on the demo program with a fixed clock. Flows are driven by
//! feeding actions; the panes are compared with snapshots at 120×40.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::domain::PairingStatus;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay, Pane};
use mentordesk::tui::input::dispatch;
use mentordesk::tui::keymap::Context;
use mentordesk::tui::panes::checkins::{
    CONFIDENCE, MINUTES, NEW_DUE, NEW_KIND, NEW_MILESTONE, NOTES, WHEN,
};
use mentordesk::tui::panes::pairings::Section;
use tui_support::{app, desk_of, health_ranks, render};

/// Moves the cursor to the pairings under way and onto the first active one.
fn select_first_active(app: &mut App) {
    dispatch(app, Action::PanePairings);
    app.panes.pairings.section = Section::Active;
    let pos = app
        .panes
        .pairings
        .active
        .iter()
        .position(|r| r.row.pairing.status == PairingStatus::Active)
        .unwrap();
    app.panes.pairings.active_sel.selected = pos;
}

fn answer_prompt(app: &mut App, text: &str) {
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("no prompt open: {:?}", app.status)
    };
    prompt.input = tui_input::Input::new(text.into());
    dispatch(app, Action::Submit);
}

#[test]
fn pairings_under_way_are_sorted_worst_first_with_health_in_words() {
    let mut app = app();
    dispatch(&mut app, Action::PanePairings);
    let ranks = health_ranks(&app);
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert_eq!(ranks.first(), Some(&0), "the demo has pairings at risk");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("✗ at risk"), "{screen}");
    insta::assert_snapshot!("pairings_health", screen);
}

#[test]
fn enter_opens_the_pairing_with_agreement_checkins_and_milestones() {
    let mut app = app();
    select_first_active(&mut app);
    dispatch(&mut app, Action::Open);
    assert!(
        matches!(app.overlay, Some(Overlay::Detail { .. })),
        "no detail: {:?}",
        app.status
    );
    // The detail is data; its view formats the headings. A tall screen shows it whole.
    let lines = render(&app, 120, 200);
    let lines: Vec<&str> = lines
        .lines()
        .map(|l| l.trim_start_matches(['"', '│', ' ']))
        .collect();
    for heading in ["Agreement", "Check-ins (", "Milestones ("] {
        assert!(lines.iter().any(|l| l.starts_with(heading)), "{lines:?}");
    }
    dispatch(&mut app, Action::Back);
    assert!(app.overlay.is_none());
}

#[test]
fn pause_then_resume_through_the_desk() {
    let mut app = app();
    select_first_active(&mut app);
    let id = app.panes.pairings.selected_active().unwrap().row.pairing.id;
    dispatch(&mut app, Action::PauseResume);
    assert_eq!(
        desk_of(&mut app).pairing(id).unwrap().status,
        PairingStatus::Paused
    );
    assert!(app.status.as_ref().unwrap().text.starts_with("Paused"));
    let pos = app
        .panes
        .pairings
        .active
        .iter()
        .position(|r| r.row.pairing.id == id)
        .unwrap();
    assert!(
        app.panes.pairings.active[pos].report.is_none(),
        "paused is not judged"
    );
    app.panes.pairings.active_sel.selected = pos;
    dispatch(&mut app, Action::PauseResume);
    assert_eq!(
        desk_of(&mut app).pairing(id).unwrap().status,
        PairingStatus::Active
    );
}

#[test]
fn end_asks_for_a_reason_and_a_number_picks_one() {
    let mut app = app();
    select_first_active(&mut app);
    let id = app.panes.pairings.selected_active().unwrap().row.pairing.id;
    dispatch(&mut app, Action::EndPairing);
    answer_prompt(&mut app, "  ");
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.error.is_some()),
        "an empty reason keeps the prompt open"
    );
    answer_prompt(&mut app, "1");
    let ended = desk_of(&mut app).pairing(id).unwrap();
    assert_eq!(ended.status, PairingStatus::Completed);
    assert_eq!(ended.end_reason.as_deref(), Some("goals met"));
    assert!(
        app.panes
            .pairings
            .active
            .iter()
            .all(|r| r.row.pairing.id != id)
    );
}

#[test]
fn rematch_goes_to_the_learners_candidates_without_the_old_mentor() {
    let mut app = app();
    select_first_active(&mut app);
    let row = app
        .panes
        .pairings
        .selected_active()
        .unwrap()
        .row
        .pairing
        .clone();
    dispatch(&mut app, Action::Rematch);
    answer_prompt(&mut app, "goals met");
    assert!(
        app.status.as_ref().unwrap().is_error,
        "goals met is no rematch"
    );
    assert_eq!(
        desk_of(&mut app).pairing(row.id).unwrap().status,
        PairingStatus::Active
    );
    dispatch(&mut app, Action::Rematch);
    answer_prompt(&mut app, "mismatch");
    assert_eq!(app.pane, Pane::Match, "{:?}", app.status);
    assert_eq!(
        app.panes.matching.selected_learner().unwrap().learner.id,
        row.learner
    );
    let ranking = app.panes.matching.ranking.as_ref().unwrap();
    assert!(ranking.candidates.iter().all(|c| c.mentor != row.mentor));
    assert!(ranking.rejected.iter().any(|r| r.mentor == row.mentor));
}

/// Opens the check-in form for the first active pairing in the Check-ins pane.
fn open_new_checkin(app: &mut App) -> mentordesk::domain::PairingId {
    dispatch(app, Action::PaneCheckIns);
    let id = app.panes.checkins.selected_pairing().unwrap().pairing.id;
    dispatch(app, Action::NewCheckIn);
    assert_eq!(app.context(), Context::CheckInForm);
    id
}

fn set_field(app: &mut App, index: usize, text: &str) {
    let draft = app.panes.checkins.draft.as_mut().unwrap();
    draft.form.fields[index].input = tui_input::Input::new(text.into());
}

fn type_notes(app: &mut App, text: &str) {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        mentordesk::tui::input::handle_event(app, &event);
    }
}

#[test]
fn new_checkin_shows_errors_beside_fields_then_saves() {
    let mut app = app();
    let pairing = open_new_checkin(&mut app);
    let before = desk_of(&mut app).checkin_rows(None, false).unwrap().len();
    assert_eq!(app.panes.checkins.draft.as_ref().unwrap().focus, CONFIDENCE);
    set_field(&mut app, CONFIDENCE, "6");
    set_field(&mut app, MINUTES, "0");
    dispatch(&mut app, Action::Submit);
    let draft = app.panes.checkins.draft.as_ref().unwrap();
    assert!(draft.form.fields[CONFIDENCE].error.is_some());
    assert!(
        draft.form.fields[MINUTES]
            .error
            .as_deref()
            .unwrap()
            .contains("minutes")
    );
    insta::assert_snapshot!("checkin_form_errors", render(&app, 120, 40));
    set_field(&mut app, CONFIDENCE, "4");
    set_field(&mut app, MINUTES, "45");
    // The errors moved the focus to the first bad field; from confidence, three Tabs reach
    // the notes (the milestone fields are drawn, and tabbed to, after them).
    app.panes
        .checkins
        .draft
        .as_mut()
        .unwrap()
        .set_focus(CONFIDENCE);
    for _ in 0..3 {
        dispatch(&mut app, Action::NextField);
    }
    assert_eq!(app.panes.checkins.draft.as_ref().unwrap().focus, NOTES);
    type_notes(&mut app, "Reviewed the portfolio\nNext: SQL joins");
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.checkins.draft.is_none(), "{:?}", app.status);
    assert!(!app.panes.checkins.form_open);
    let rows = desk_of(&mut app).checkin_rows(None, false).unwrap();
    assert_eq!(rows.len(), before + 1);
    let saved = &app.panes.checkins.selected_checkin().unwrap().checkin;
    assert_eq!(saved.pairing, pairing);
    assert_eq!(saved.notes, "Reviewed the portfolio\nNext: SQL joins");
    assert_eq!(saved.confidence.unwrap().get(), 4);
    assert_eq!(saved.minutes, 45);
}

#[test]
fn the_draft_survives_a_pane_switch_and_quit_asks_first() {
    let mut app = app();
    open_new_checkin(&mut app);
    set_field(&mut app, CONFIDENCE, "3");
    dispatch(&mut app, Action::Back);
    assert!(!app.panes.checkins.form_open);
    dispatch(&mut app, Action::PaneTimeline);
    dispatch(&mut app, Action::PaneCheckIns);
    dispatch(&mut app, Action::NewCheckIn);
    assert!(app.panes.checkins.form_open);
    let draft = app.panes.checkins.draft.as_ref().unwrap();
    assert_eq!(draft.form.fields[CONFIDENCE].value(), "3");
    dispatch(&mut app, Action::Back);
    dispatch(&mut app, Action::Quit);
    assert!(!app.quit, "a draft with input is not thrown away silently");
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    dispatch(&mut app, Action::Back);
    assert!(app.overlay.is_none());
    dispatch(&mut app, Action::DiscardDraft);
    dispatch(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn edit_supersedes_and_keeps_history() {
    let mut app = app();
    dispatch(&mut app, Action::PaneCheckIns);
    while app.panes.checkins.history().is_empty() {
        dispatch(&mut app, Action::Down);
    }
    dispatch(&mut app, Action::FocusRight);
    let old = app
        .panes
        .checkins
        .selected_checkin()
        .unwrap()
        .checkin
        .clone();
    let versions = app.panes.checkins.history().len();
    dispatch(&mut app, Action::EditCheckIn);
    assert_eq!(app.context(), Context::CheckInForm);
    set_field(&mut app, MINUTES, "50");
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.checkins.draft.is_none(), "{:?}", app.status);
    let history = app.panes.checkins.history();
    assert_eq!(history.len(), versions + 1);
    let newest = app.panes.checkins.selected_checkin().unwrap();
    assert_eq!(newest.checkin.supersedes, Some(old.id));
    assert_eq!(newest.checkin.minutes, 50);
    assert_eq!(newest.checkin.notes, old.notes);
    let replaced = history.iter().find(|r| r.checkin.id == old.id).unwrap();
    assert_eq!(replaced.superseded_by, Some(newest.checkin.id));
    insta::assert_snapshot!("checkins_history", render(&app, 120, 40));
    // The replaced version cannot be edited again.
    let pos = history.iter().position(|r| r.checkin.id == old.id).unwrap();
    app.panes.checkins.history_sel.selected = pos;
    dispatch(&mut app, Action::EditCheckIn);
    assert!(app.panes.checkins.draft.is_none());
    assert!(app.status.as_ref().unwrap().is_error);
}

#[test]
fn timeline_follows_the_learner_and_opens_entries() {
    let mut app = app();
    // From a pane with no learner in view, the Timeline opens on its first learner.
    dispatch(&mut app, Action::PaneDashboard);
    dispatch(&mut app, Action::PaneTimeline);
    let first = app.panes.timeline.selected_learner().unwrap().id.clone();
    assert_eq!(app.panes.timeline.timeline.as_ref().unwrap().learner, first);
    dispatch(&mut app, Action::Down);
    let second = app.panes.timeline.selected_learner().unwrap().id.clone();
    assert_ne!(first, second);
    assert_eq!(
        app.panes.timeline.timeline.as_ref().unwrap().learner,
        second
    );
    dispatch(&mut app, Action::Filter);
    answer_prompt_live(&mut app, first.as_str());
    assert_eq!(app.panes.timeline.selected_learner().unwrap().id, first);
    assert_eq!(app.panes.timeline.timeline.as_ref().unwrap().learner, first);
    dispatch(&mut app, Action::FocusRight);
    dispatch(&mut app, Action::Bottom);
    insta::assert_snapshot!("timeline", render(&app, 120, 40));
    dispatch(&mut app, Action::Open);
    assert!(matches!(app.overlay, Some(Overlay::Detail { .. })));
}

/// Types into the filter prompt the way keys do (the list follows each change).
fn answer_prompt_live(app: &mut App, text: &str) {
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("no prompt")
    };
    prompt.input = tui_input::Input::new(text.into());
    mentordesk::tui::update::prompt_edited(app);
    dispatch(app, Action::Submit);
}

#[test]
fn panes_fit_the_smallest_window() {
    let mut app = app();
    for pane in [
        Action::PanePairings,
        Action::PaneCheckIns,
        Action::PaneTimeline,
    ] {
        dispatch(&mut app, pane);
        let screen = render(&app, 80, 24);
        assert!(!screen.contains("larger"), "{screen}");
    }
    dispatch(&mut app, Action::PaneCheckIns);
    dispatch(&mut app, Action::NewCheckIn);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Notes"), "{screen}");
    assert!(screen.contains("its due date"), "{screen}");
    dispatch(&mut app, Action::Back);
    dispatch(&mut app, Action::PanePairings);
    dispatch(&mut app, Action::HealthThresholds);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("at risk: no first check-in in"), "{screen}");
}

#[test]
fn a_new_checkin_can_plan_a_milestone_with_errors_beside_its_fields() {
    let mut app = app();
    let pairing = open_new_checkin(&mut app);
    let learner = desk_of(&mut app).pairing(pairing).unwrap().learner;
    let before = desk_of(&mut app).milestones(Some(&learner)).unwrap().len();
    set_field(&mut app, CONFIDENCE, "4");
    // A kind and a due date without a title, and a bad kind: each marked beside its field.
    set_field(&mut app, NEW_KIND, "project");
    set_field(&mut app, NEW_DUE, "2026-12-01");
    dispatch(&mut app, Action::Submit);
    let draft = app.panes.checkins.draft.as_ref().unwrap();
    for field in [NEW_KIND, NEW_DUE] {
        assert!(
            draft.form.fields[field]
                .error
                .as_deref()
                .unwrap()
                .contains("title first"),
            "{:?}",
            draft.form.fields[field]
        );
    }
    assert_eq!(draft.focus, NEW_KIND, "focus goes to the first bad field");
    set_field(&mut app, NEW_MILESTONE, "Portfolio v2");
    set_field(&mut app, NEW_KIND, "trophy");
    set_field(&mut app, NEW_DUE, "2026-10-01");
    dispatch(&mut app, Action::Submit);
    let draft = app.panes.checkins.draft.as_ref().unwrap();
    let error = |i: usize| draft.form.fields[i].error.clone().unwrap_or_default();
    assert!(error(NEW_KIND).contains("trophy"), "{}", error(NEW_KIND));
    assert!(
        error(NEW_DUE).contains("before the check-in (2026-11-02)"),
        "{}",
        error(NEW_DUE)
    );
    insta::assert_snapshot!("checkin_form_milestone_errors", render(&app, 120, 40));
    assert_eq!(
        desk_of(&mut app).milestones(Some(&learner)).unwrap().len(),
        before,
        "nothing written"
    );
    set_field(&mut app, NEW_KIND, "project");
    set_field(&mut app, NEW_DUE, "2026-12-01");
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.checkins.draft.is_none(), "{:?}", app.status);
    let status = &app.status.as_ref().unwrap().text;
    assert!(status.contains("planned milestone"), "{status}");
    let saved = app.panes.checkins.selected_checkin().unwrap().clone();
    let milestones = desk_of(&mut app).milestones(Some(&learner)).unwrap();
    assert_eq!(milestones.len(), before + 1);
    let planned = milestones.last().unwrap();
    assert_eq!(planned.title, "Portfolio v2");
    assert_eq!(planned.kind.to_string(), "project");
    assert_eq!(planned.due.unwrap().to_string(), "2026-12-01");
    assert_eq!(planned.from_checkin, Some(saved.checkin.id));
    assert_eq!(saved.planned_milestones, vec![planned.id]);
}

#[test]
fn a_future_dated_checkin_is_saved_on_a_second_ctrl_s() {
    let mut app = app();
    open_new_checkin(&mut app);
    let before = desk_of(&mut app).checkin_rows(None, false).unwrap().len();
    set_field(&mut app, WHEN, "2026-11-05 18:00");
    dispatch(&mut app, Action::Submit);
    let draft = app.panes.checkins.draft.as_ref().expect("not saved yet");
    let warning = draft.form.fields[WHEN].warning.clone().unwrap();
    assert!(
        warning.contains("2026-11-05 is after today (2026-11-02)") && warning.contains("Ctrl-s"),
        "{warning}"
    );
    assert!(draft.form.fields[WHEN].error.is_none());
    assert_eq!(draft.focus, WHEN);
    assert!(app.status.as_ref().unwrap().text.contains("Not saved yet"));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("! 2026-11-05 is after today"), "{screen}");
    assert_eq!(
        desk_of(&mut app).checkin_rows(None, false).unwrap().len(),
        before
    );
    // Another future date needs its own confirmation.
    set_field(&mut app, WHEN, "2026-11-06 18:00");
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.checkins.draft.is_some(), "a new date asks again");
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.checkins.draft.is_none(), "{:?}", app.status);
    assert!(app.status.as_ref().unwrap().text.contains("ahead of today"));
    let rows = desk_of(&mut app).checkin_rows(None, false).unwrap();
    assert_eq!(rows.len(), before + 1);
    let saved = &app.panes.checkins.selected_checkin().unwrap().checkin;
    assert_eq!(saved.at.to_rfc3339(), "2026-11-06T18:00:00+00:00");
    // Today needs no confirmation.
    open_new_checkin(&mut app);
    set_field(&mut app, WHEN, "2026-11-02 08:00");
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.checkins.draft.is_none(), "{:?}", app.status);
}

/// At 80×24 the check-in form keeps a row for every field (the hints of fields without the
/// focus step aside), with an error shown beside the field it belongs to.
#[test]
fn every_checkin_field_is_on_screen_at_80x24() {
    let mut app = app();
    open_new_checkin(&mut app);
    set_field(&mut app, MINUTES, "0");
    dispatch(&mut app, Action::Submit);
    let screen = render(&app, 80, 24);
    let labels: Vec<String> = app
        .panes
        .checkins
        .draft
        .as_ref()
        .unwrap()
        .form
        .fields
        .iter()
        .map(|f| f.label.trim().to_string())
        .collect();
    for label in &labels {
        assert!(
            screen.contains(label.as_str()),
            "{label} is off screen:\n{screen}"
        );
    }
    assert!(screen.contains("Notes"), "{screen}");
    assert!(screen.contains("minutes"), "the error is shown:\n{screen}");
    insta::assert_snapshot!("checkin_form_80x24", screen);
}
