//! People kept up to date in the desk: the edit form (a refusal shown under the field it
//! names, then a save), a status change, a person added by hand — driven by feeding actions,
//! effects run inline, the form snapshotted at 80×24 and 120×40.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::desk::Desk;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay};
use mentordesk::tui::input::dispatch;
use tui_input::Input;
use tui_support::render;

fn desk_of(app: &mut App) -> &mut Desk {
    app.inline_desk().expect("tests run effects inline")
}

/// Types `value` into the form field labelled `label` (replacing what was there).
fn set_field(app: &mut App, label: &str, value: &str) {
    let Some(Overlay::Form { form, .. }) = &mut app.overlay else {
        panic!("no form open");
    };
    let index = form.fields.iter().position(|f| f.label == label).unwrap();
    form.fields[index].input = Input::new(value.to_string());
    form.focus = index;
}

fn answer_prompt(app: &mut App, value: &str) {
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("no prompt open");
    };
    prompt.input = Input::new(value.to_string());
    dispatch(app, Action::Submit);
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_mentor_is_edited_in_a_form_and_a_refusal_names_the_field() {
    let mut app = tui_support::app();
    dispatch(&mut app, Action::PanePeople);
    dispatch(&mut app, Action::TogglePeople);
    dispatch(&mut app, Action::EditPerson);
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
    insta::assert_snapshot!("people_edit_form_80x24", render(&app, 80, 24));

    let mentor = desk_of(&mut app).mentors().unwrap().remove(0);
    assert!(
        mentor.load.seats_in_use > 0,
        "the demo's first mentor has learners"
    );
    set_field(&mut app, "capacity", "0");
    dispatch(&mut app, Action::Submit);
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("the refused form stays open");
    };
    let capacity = form.fields.iter().find(|f| f.label == "capacity").unwrap();
    assert!(
        capacity.error.as_deref().unwrap().contains("is below the"),
        "{capacity:?}"
    );
    insta::assert_snapshot!("people_edit_refused_120x40", render(&app, 120, 40));

    set_field(&mut app, "capacity", "9");
    set_field(&mut app, "timezone", "Europe/Lisbon");
    dispatch(&mut app, Action::Submit);
    assert!(app.overlay.is_none());
    assert!(
        status_text(&app).contains("timezone, capacity"),
        "{}",
        status_text(&app)
    );
    let saved = desk_of(&mut app).mentors().unwrap().remove(0);
    assert_eq!(saved.mentor.capacity, 9);
    assert_eq!(saved.mentor.timezone.unwrap().name(), "Europe/Lisbon");
}

#[test]
fn a_status_is_changed_from_the_brief_and_a_past_day_is_refused() {
    let mut app = tui_support::app();
    dispatch(&mut app, Action::PanePeople);
    dispatch(&mut app, Action::TogglePeople);
    dispatch(&mut app, Action::PersonStatus);
    answer_prompt(&mut app, "paused 2020-01-01");
    assert!(app.status.as_ref().unwrap().is_error);
    assert!(
        status_text(&app).contains("the day must be after today"),
        "{}",
        status_text(&app)
    );
    dispatch(&mut app, Action::PersonStatus);
    answer_prompt(&mut app, "someday");
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("an unreadable answer keeps the prompt");
    };
    assert!(
        prompt
            .error
            .as_deref()
            .unwrap()
            .contains("type active, paused")
    );
    answer_prompt(&mut app, "paused 2026-12-24");
    assert!(
        status_text(&app).contains("is paused until 2026-12-24"),
        "{}",
        status_text(&app)
    );
    let mentor = desk_of(&mut app).mentors().unwrap().remove(0).mentor;
    assert_eq!(mentor.status.as_str(), "paused");
}

#[test]
fn a_learner_is_added_by_hand() {
    let mut app = tui_support::app();
    dispatch(&mut app, Action::PanePeople);
    dispatch(&mut app, Action::AddPerson);
    dispatch(&mut app, Action::Submit);
    assert!(
        status_text(&app).contains("a new learner needs a id")
            || status_text(&app).contains("needs a"),
        "{}",
        status_text(&app)
    );
    set_field(&mut app, "id", "L9000");
    set_field(&mut app, "name", "Ines Vidal");
    set_field(&mut app, "timezone", "Mars/Base");
    dispatch(&mut app, Action::Submit);
    assert!(
        status_text(&app).contains("unknown time zone"),
        "{}",
        status_text(&app)
    );
    set_field(&mut app, "timezone", "Europe/Lisbon");
    dispatch(&mut app, Action::Submit);
    assert!(
        status_text(&app).contains("Added learner L9000"),
        "{}",
        status_text(&app)
    );
    let learners = desk_of(&mut app).learners().unwrap();
    assert!(learners.iter().any(|l| l.id.as_str() == "L9000"));
}

#[test]
fn a_search_from_check_ins_shows_words_in_context_and_enter_opens_the_pairing() {
    let mut app = tui_support::app();
    let pairing = desk_of(&mut app)
        .pairings_with_health(Some(mentordesk::domain::PairingStatus::Active))
        .unwrap()[0]
        .pairing
        .id;
    desk_of(&mut app)
        .add_note(pairing, "Mentioned visa trouble\nasked HR for a letter")
        .unwrap();
    dispatch(&mut app, Action::PaneCheckIns);
    dispatch(&mut app, Action::SearchProgram);
    answer_prompt(&mut app, "visa troub");
    let Some(Overlay::Search(list)) = &app.overlay else {
        panic!("the results open: {}", status_text(&app));
    };
    assert_eq!(list.results.total, 1);
    insta::assert_snapshot!("checkins_search_80x24", render(&app, 80, 24));
    dispatch(&mut app, Action::Submit);
    assert!(app.overlay.is_none());
    let chosen = app.panes.checkins.selected_pairing().unwrap();
    assert_eq!(chosen.pairing.id, pairing);

    dispatch(&mut app, Action::SearchProgram);
    answer_prompt(&mut app, "   ");
    assert!(
        app.status.as_ref().unwrap().is_error,
        "{}",
        status_text(&app)
    );
    assert!(status_text(&app).contains("a word to search for is required"));
}
