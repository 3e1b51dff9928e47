//! The desk's screens rendered with `TestBackend` at 120×40 and compared with snapshots, and
//! flows driven by feeding actions to `update`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use chrono::{TimeZone, Utc};
use mentordesk::desk::{Desk, FixedClock};
use mentordesk::exchange::csv as people_csv;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay, Pane, Screen};
use mentordesk::tui::input::dispatch;
use mentordesk::tui::keymap::Keymap;
use mentordesk::tui::theme::Theme;
use tui_support::render;

fn desk(with_sample: bool) -> Desk {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
    desk.set_actor("coordinator");
    // The machine's zone must not leak into snapshots.
    desk.set_default_zone("UTC").unwrap();
    if with_sample {
        let root = env!("CARGO_MANIFEST_DIR");
        let mentors = std::fs::read(format!("{root}/assets/sample/mentors.csv")).unwrap();
        let learners = std::fs::read(format!("{root}/assets/sample/learners.csv")).unwrap();
        let mentors = people_csv::parse_mentors("mentors.csv", &mentors, now).unwrap();
        let learners = people_csv::parse_learners("learners.csv", &learners, now).unwrap();
        desk.import_mentors("mentors.csv", &mentors, false).unwrap();
        desk.import_learners("learners.csv", &learners, false)
            .unwrap();
    }
    desk
}

fn app(with_sample: bool) -> App {
    let services = tui_support::refusing_services();
    App::new(
        desk(with_sample),
        services,
        Keymap::defaults(),
        Theme::monochrome(),
    )
}

/// The desk the app's effects run on (inline in tests).
fn desk_of(app: &mut App) -> &mut Desk {
    app.inline_desk().expect("tests run effects inline")
}

#[test]
fn welcome_on_an_empty_desk() {
    let app = app(false);
    assert_eq!(app.screen, Screen::Welcome);
    insta::assert_snapshot!(render(&app, 120, 40));
}

#[test]
fn start_empty_leaves_the_welcome_screen() {
    let mut app = app(false);
    dispatch(&mut app, Action::StartEmpty);
    assert_eq!(app.screen, Screen::Desk);
}

#[test]
fn failing_demo_load_says_why_and_stays() {
    let mut app = app(false);
    dispatch(&mut app, Action::LoadDemo);
    assert_eq!(app.screen, Screen::Welcome);
    assert!(app.status.as_ref().unwrap().is_error);
}

#[test]
fn people_pane_lists_learners_and_mentors() {
    let mut app = app(true);
    dispatch(&mut app, Action::PanePeople);
    dispatch(&mut app, Action::Down);
    insta::assert_snapshot!("people_learners", render(&app, 120, 40));
    dispatch(&mut app, Action::TogglePeople);
    insta::assert_snapshot!("people_mentors", render(&app, 120, 40));
}

#[test]
fn filter_narrows_the_list_and_esc_clears_it() {
    let mut app = app(true);
    dispatch(&mut app, Action::PanePeople);
    dispatch(&mut app, Action::Filter);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("no prompt")
    };
    prompt.input = tui_input::Input::new("priya".into());
    mentordesk::tui::update::prompt_edited(&mut app);
    assert!(app.panes.people.visible.len() < app.panes.people.learners.len());
    dispatch(&mut app, Action::Back);
    assert_eq!(
        app.panes.people.visible.len(),
        app.panes.people.learners.len()
    );
}

#[test]
fn help_lists_every_context() {
    let mut app = app(true);
    dispatch(&mut app, Action::Help);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Keys"));
    insta::assert_snapshot!("help", screen);
    dispatch(&mut app, Action::Back);
    assert!(app.overlay.is_none());
}

#[test]
fn small_window_asks_for_more_room() {
    let app = app(true);
    insta::assert_snapshot!("small", render(&app, 60, 20));
}

#[test]
fn tabs_cycle_and_quit_quits() {
    let mut app = app(true);
    assert_eq!(app.pane, Pane::Match);
    dispatch(&mut app, Action::PrevPane);
    assert_eq!(app.pane, Pane::People);
    dispatch(&mut app, Action::NextPane);
    assert_eq!(app.pane, Pane::Match);
    dispatch(&mut app, Action::Quit);
    assert!(app.quit);
}

fn type_into_form(app: &mut App, index: usize, text: &str) {
    let Some(Overlay::Form { form, .. }) = &mut app.overlay else {
        panic!("no form")
    };
    form.focus = index;
    form.fields[index].input = tui_input::Input::new(text.into());
}

#[test]
fn match_pane_ranks_the_longest_waiting_learner() {
    let app = app(true);
    assert_eq!(app.pane, Pane::Match);
    let first = app.panes.matching.selected_learner().unwrap();
    assert!(
        app.panes
            .matching
            .waiting
            .iter()
            .all(|w| w.since >= first.since)
    );
    assert!(app.panes.matching.ranking.is_some());
    insta::assert_snapshot!("match", render(&app, 120, 40));
    // At the smallest size the desk draws, scores are numbers and every column still reads.
    let narrow = render(&app, 80, 24);
    assert!(narrow.contains("SCORE FREE H/WK"), "{narrow}");
    insta::assert_snapshot!("match_80x24", narrow);
}

#[test]
fn approve_with_agreement_then_undo() {
    let mut app = app(true);
    let learner = app
        .panes
        .matching
        .selected_learner()
        .unwrap()
        .learner
        .id
        .clone();
    let waiting_before = app.panes.matching.waiting.len();
    dispatch(&mut app, Action::FocusRight);
    dispatch(&mut app, Action::Approve);
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
    insta::assert_snapshot!("approve_form", render(&app, 120, 40));
    type_into_form(&mut app, 0, "0");
    dispatch(&mut app, Action::Submit);
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("form closed on a bad value")
    };
    assert!(form.fields[0].error.as_deref().unwrap().contains("1 to 90"));
    type_into_form(&mut app, 0, "7");
    type_into_form(&mut app, 4, "First portfolio piece");
    type_into_form(&mut app, 5, "2026-12-15");
    dispatch(&mut app, Action::Submit);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    assert!(app.status.as_ref().unwrap().text.starts_with("Approved"));
    assert_eq!(app.panes.matching.waiting.len(), waiting_before - 1);
    let active = desk_of(&mut app)
        .pairings(Some(mentordesk::domain::PairingStatus::Active))
        .unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].learner, learner);
    assert_eq!(active[0].agreement.cadence_days, 7);

    dispatch(&mut app, Action::Undo);
    assert!(
        desk_of(&mut app)
            .pairings(Some(mentordesk::domain::PairingStatus::Active))
            .unwrap()
            .is_empty()
    );
    assert_eq!(app.panes.matching.waiting.len(), waiting_before);
    // The next decision in the log is the sample's import, from before this session: `u`
    // names it and asks; Esc keeps it.
    dispatch(&mut app, Action::Undo);
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("an older decision is asked about: {:?}", app.status)
    };
    assert!(
        prompt.title.contains("from before this session"),
        "{}",
        prompt.title
    );
    dispatch(&mut app, Action::Back);
    assert_eq!(
        app.panes.matching.waiting.len(),
        waiting_before,
        "nothing undone"
    );
}

#[test]
fn exclude_needs_a_reason_and_rules_the_mentor_out() {
    let mut app = app(true);
    dispatch(&mut app, Action::FocusRight);
    let mentor = app
        .panes
        .matching
        .selected_candidate()
        .unwrap()
        .mentor
        .clone();
    dispatch(&mut app, Action::Exclude);
    dispatch(&mut app, Action::Submit);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("prompt closed without a reason")
    };
    assert!(prompt.error.is_some());
    prompt.input = tui_input::Input::new("conflict of interest".into());
    dispatch(&mut app, Action::Submit);
    let ranking = app.panes.matching.ranking.as_ref().unwrap();
    assert!(ranking.candidates.iter().all(|c| c.mentor != mentor));
    assert!(ranking.rejected.iter().any(|r| r.mentor == mentor));
    dispatch(&mut app, Action::Undo);
    assert!(
        app.panes
            .matching
            .ranking
            .as_ref()
            .unwrap()
            .candidates
            .iter()
            .any(|c| c.mentor == mentor)
    );
}

#[test]
fn weights_change_the_ranking_live_and_esc_discards() {
    let mut app = app(true);
    let before = app.panes.matching.ranking.clone().unwrap();
    dispatch(&mut app, Action::Weights);
    assert_eq!(app.context(), mentordesk::tui::keymap::Context::Weights);
    for _ in 0..6 {
        dispatch(&mut app, Action::Decrease);
    }
    let trial = app.panes.matching.ranking.clone().unwrap();
    assert_ne!(before, trial, "topic weight 0 changes the scores");
    insta::assert_snapshot!("weights", render(&app, 120, 40));
    dispatch(&mut app, Action::Back);
    assert_eq!(app.panes.matching.ranking.clone().unwrap(), before);
    assert_eq!(
        desk_of(&mut app).weights().unwrap(),
        mentordesk::matching::Weights::default()
    );
    dispatch(&mut app, Action::Weights);
    dispatch(&mut app, Action::Decrease);
    dispatch(&mut app, Action::Submit);
    assert_eq!(desk_of(&mut app).weights().unwrap().topic, 25);
}

#[test]
fn quitting_from_a_filled_form_asks_first() {
    let mut app = app(true);
    dispatch(&mut app, Action::FocusRight);
    dispatch(&mut app, Action::Approve);
    type_into_form(&mut app, 4, "Something typed");
    dispatch(&mut app, Action::Quit);
    assert!(!app.quit);
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    dispatch(&mut app, Action::Back);
    assert!(
        matches!(app.overlay, Some(Overlay::Form { .. })),
        "Esc returns to the form"
    );
}

#[test]
fn plan_review_in_the_background_then_approve_decline_and_above() {
    let mut app = app(true);
    dispatch(&mut app, Action::PanePairings);
    insta::assert_snapshot!("pairings_empty", render(&app, 120, 40));
    dispatch(&mut app, Action::Plan);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("no strategy prompt")
    };
    prompt.input = tui_input::Input::new("g".into());
    mentordesk::tui::update::prompt_edited(&mut app);
    assert!(app.overlay.is_none(), "one letter chooses");
    assert!(app.job.is_some(), "planning runs in the background");
    app.wait_for_job(std::time::Duration::from_secs(30));
    assert!(app.job.is_none());
    let proposals = app.panes.pairings.proposals.len();
    assert!(proposals > 3, "{:?}", app.status);
    assert!(app.status.as_ref().unwrap().text.contains("greedy plan"));
    // The status names the solve time, which varies from run to run.
    app.status = None;
    insta::assert_snapshot!("pairings_proposals", render(&app, 120, 40));

    dispatch(&mut app, Action::Approve);
    assert!(
        matches!(app.overlay, Some(Overlay::Form { .. })),
        "a opens the agreement form"
    );
    dispatch(&mut app, Action::Submit);
    assert_eq!(app.panes.pairings.proposals.len(), proposals - 1);
    assert_eq!(app.panes.pairings.active.len(), 1);

    dispatch(&mut app, Action::Decline);
    dispatch(&mut app, Action::Submit);
    assert_eq!(app.panes.pairings.proposals.len(), proposals - 2);
    dispatch(&mut app, Action::Undo);
    assert_eq!(
        app.panes.pairings.proposals.len(),
        proposals - 1,
        "undo brings the proposal back"
    );

    dispatch(&mut app, Action::ApproveAbove);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("no threshold prompt")
    };
    prompt.input = tui_input::Input::new("lots".into());
    dispatch(&mut app, Action::Submit);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("a bad number keeps the prompt")
    };
    assert!(prompt.error.as_deref().unwrap().contains("not a number"));
    prompt.input = tui_input::Input::new("80".into());
    dispatch(&mut app, Action::Submit);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("the count is shown and confirmed first")
    };
    prompt.input = tui_input::Input::new("y".into());
    dispatch(&mut app, Action::Submit);
    assert!(
        app.panes
            .pairings
            .proposals
            .iter()
            .all(|p| p.pairing.score.unwrap() < 800)
    );
    assert!(desk_of(&mut app).check().unwrap().is_ok());
}

#[test]
fn compare_shows_every_strategy() {
    let mut app = app(true);
    dispatch(&mut app, Action::PanePairings);
    dispatch(&mut app, Action::Compare);
    app.wait_for_job(std::time::Duration::from_secs(30));
    let results = app.panes.pairings.comparison.as_ref().expect("comparison");
    assert_eq!(results.len(), 3);
    let optimal = &results[0].summary;
    for other in &results[1..] {
        assert!(
            (optimal.matched, optimal.total_score)
                >= (other.summary.matched, other.summary.total_score)
        );
    }
    dispatch(&mut app, Action::Back);
    assert!(app.panes.pairings.comparison.is_none());
}

#[test]
fn undo_keeps_a_decision_the_busy_desk_could_not_take_back() {
    use mentordesk::desk::{DeskError, Refusal};
    use mentordesk::domain::OperationId;
    use mentordesk::tui::effect::Outcome;
    use mentordesk::tui::outcome::apply;
    let mut app = app(true);
    // Another desk holds the write lock past the busy timeout: the decision is not skipped.
    apply(
        &mut app,
        Outcome::Undone {
            operation: Some(OperationId(7)),
            result: Err(DeskError::Store(mentordesk::store::StoreError::Busy)),
        },
    );
    assert!(app.undo_refused.is_empty());
    assert!(app.status.as_ref().unwrap().is_error);
    // A refusal is final for the session: `u` goes past that decision to the one before.
    apply(
        &mut app,
        Outcome::Undone {
            operation: Some(OperationId(7)),
            result: Err(DeskError::Refused(Refusal::NotExcluded {
                learner: mentordesk::domain::LearnerId::parse("L1").unwrap(),
                mentor: mentordesk::domain::MentorId::parse("M1").unwrap(),
            })),
        },
    );
    assert_eq!(app.undo_refused, vec![OperationId(7)]);
    let text = &app.status.as_ref().unwrap().text;
    assert!(text.contains("Could not undo #7"), "{text}");
}
