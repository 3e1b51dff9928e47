//! The reflection form of the Timeline pane, driven by actions and keys on the demo program
//! with a fixed clock: errors beside their fields and nothing written, the draft kept on
//! Esc and quitting asking first, a saved reflection on the learner's story with its
//! self-reported confidence in the trend; snapshots at 120×40 and 80×24.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::domain::{Author, PairingStatus};
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay};
use mentordesk::tui::input::{dispatch, handle_event};
use mentordesk::tui::keymap::Context;
use mentordesk::tui::panes::timeline::reflection::{BY, CONFIDENCE, TEXT, WHEN};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_support::{app, desk_of, render};

/// The Timeline on the learner of the first active pairing, the form open.
fn open_form(app: &mut App) -> mentordesk::domain::LearnerId {
    let learner = desk_of(app)
        .pairings(Some(PairingStatus::Active))
        .unwrap()
        .remove(0)
        .learner;
    dispatch(app, Action::PaneTimeline);
    dispatch(app, Action::Filter);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("no filter prompt")
    };
    prompt.input = tui_input::Input::new(learner.to_string());
    mentordesk::tui::update::prompt_edited(app);
    dispatch(app, Action::Submit);
    assert_eq!(
        app.panes.timeline.selected_learner().unwrap().id,
        learner,
        "{:?}",
        app.status
    );
    dispatch(app, Action::NewReflection);
    assert_eq!(app.context(), Context::ReflectionForm);
    learner
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn set_field(app: &mut App, index: usize, text: &str) {
    let draft = app.panes.timeline.reflection.as_mut().unwrap();
    draft.form.fields[index].input = tui_input::Input::new(text.into());
}

fn reflections(app: &mut App, learner: &mentordesk::domain::LearnerId) -> usize {
    desk_of(app).reflections(learner).unwrap().len()
}

#[test]
fn the_form_shows_errors_beside_fields_then_saves_onto_the_story() {
    let mut app = app();
    let learner = open_form(&mut app);
    assert_eq!(app.panes.timeline.reflection.as_ref().unwrap().focus, TEXT);
    // Nothing typed, a day after today, a rating of 6, an author nobody is.
    set_field(&mut app, WHEN, "2026-11-03");
    set_field(&mut app, CONFIDENCE, "6");
    set_field(&mut app, BY, "my aunt");
    dispatch(&mut app, Action::Submit);
    let draft = app.panes.timeline.reflection.as_ref().unwrap();
    let error = |i: usize| draft.form.fields[i].error.clone().unwrap_or_default();
    assert!(
        error(WHEN).contains("after today (2026-11-02)"),
        "{}",
        error(WHEN)
    );
    assert!(error(CONFIDENCE).contains("from 1 to 5"));
    assert!(error(BY).contains("neither coordinator nor mentor"));
    assert_eq!(
        draft.form.note.as_deref(),
        Some("reflection text is required")
    );
    assert_eq!(draft.focus, WHEN, "the first bad field takes the cursor");
    insta::assert_snapshot!("reflection_form_errors_80x24", render(&app, 80, 24));
    assert_eq!(reflections(&mut app, &learner), 0, "nothing written");

    set_field(&mut app, WHEN, "2026-11-01");
    set_field(&mut app, CONFIDENCE, "4");
    set_field(&mut app, BY, "mentor");
    // From the date, back-tab reaches the words.
    dispatch(&mut app, Action::PrevField);
    assert_eq!(app.panes.timeline.reflection.as_ref().unwrap().focus, TEXT);
    type_keys(
        &mut app,
        "Pull requests feel normal now\nNext: a talk at the meetup",
    );
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.timeline.reflection.is_none(), "{:?}", app.status);
    assert_ne!(app.context(), Context::ReflectionForm);

    let saved = desk_of(&mut app).reflections(&learner).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved[0].text,
        "Pull requests feel normal now\nNext: a talk at the meetup"
    );
    assert_eq!(saved[0].confidence.unwrap().get(), 4);
    assert!(matches!(saved[0].author, Author::Mentor(_)));
    let story = app.panes.timeline.timeline.as_ref().unwrap();
    assert_eq!(story.learner, learner, "the story was read again");
    assert_eq!(story.metrics.reflections, 1);
    assert!(story.confidence_trend.iter().any(|p| p.self_reported));

    let at = story
        .events
        .iter()
        .position(|e| e.kind == mentordesk::desk::TimelineKind::Reflection)
        .unwrap();
    dispatch(&mut app, Action::FocusRight);
    dispatch(&mut app, Action::Top);
    for _ in 0..at {
        dispatch(&mut app, Action::Down);
    }
    insta::assert_snapshot!("timeline_with_reflection_120x40", render(&app, 120, 40));
    dispatch(&mut app, Action::Open);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("In their own words") && screen.contains("self-reported"),
        "{screen}"
    );
}

#[test]
fn esc_keeps_the_words_and_quitting_asks_first() {
    let mut app = app();
    let learner = open_form(&mut app);
    type_keys(&mut app, "half a thought");
    dispatch(&mut app, Action::Back);
    assert_ne!(app.context(), Context::ReflectionForm);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("r opens it again")
    );
    dispatch(&mut app, Action::PaneDashboard);
    dispatch(&mut app, Action::PaneTimeline);
    dispatch(&mut app, Action::NewReflection);
    assert_eq!(app.context(), Context::ReflectionForm);
    assert_eq!(
        app.panes.timeline.reflection.as_ref().unwrap().text(),
        "half a thought"
    );
    dispatch(&mut app, Action::Quit);
    assert!(!app.quit, "unsaved words are not thrown away silently");
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("no question")
    };
    assert!(
        prompt.title.contains("reflection draft"),
        "{}",
        prompt.title
    );
    dispatch(&mut app, Action::Back);
    assert!(!app.quit);
    assert_eq!(reflections(&mut app, &learner), 0);

    // An empty form closes without a draft left behind.
    let mut fresh = tui_support::app();
    open_form(&mut fresh);
    dispatch(&mut fresh, Action::Back);
    assert!(fresh.panes.timeline.reflection.is_none());
    dispatch(&mut fresh, Action::Quit);
    assert!(fresh.quit);
}

#[test]
fn a_search_match_in_a_reflection_opens_the_learner_s_timeline() {
    let mut app = app();
    let learner = open_form(&mut app);
    type_keys(&mut app, "the marimba lessons help me focus");
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.timeline.reflection.is_none(), "{:?}", app.status);

    dispatch(&mut app, Action::PaneCheckIns);
    dispatch(&mut app, Action::SearchProgram);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("no search prompt")
    };
    prompt.input = tui_input::Input::new("marimba".into());
    dispatch(&mut app, Action::Submit);
    let Some(Overlay::Search(list)) = &app.overlay else {
        panic!("no results: {:?}", app.status)
    };
    assert_eq!(list.results.hits[0].kind.as_str(), "reflection");
    dispatch(&mut app, Action::Open);
    assert_eq!(app.pane, mentordesk::tui::app::Pane::Timeline);
    assert_eq!(app.panes.timeline.selected_learner().unwrap().id, learner);
    assert_eq!(
        app.panes.timeline.timeline.as_ref().unwrap().learner,
        learner
    );
    assert!(app.status.as_ref().unwrap().text.contains("[marimba]"));
}
