//! Enter is never answered by silence: a prompt or form whose submit cannot be applied says
//! why on the status line (which also writes it to the log), whether its own check refused
//! it or the desk did — for instance after another process replaced the program under the
//! open prompt. Flows are driven by feeding actions to `update`, effects run inline.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::demo::DemoSpec;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay, Pane, PromptPurpose};
use mentordesk::tui::input::dispatch;
use tui_support::{app, desk_of, render};

/// Types `text` into the open prompt, replacing what is there.
fn answer(app: &mut App, text: &str) {
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!(
            "no prompt open: {:?}",
            app.overlay.as_ref().map(|_| "another overlay")
        );
    };
    prompt.input = tui_input::Input::new(text.into());
}

/// The status line as drawn, and whether it is an error.
fn status(app: &App) -> (String, bool) {
    let status = app.status.as_ref().expect("the status line says something");
    (status.text.clone(), status.is_error)
}

/// Opens "Never propose …? Reason" for the first waiting learner's top candidate.
fn open_exclusion(app: &mut App) {
    dispatch(app, Action::FocusRight);
    dispatch(app, Action::Exclude);
    assert!(
        matches!(
            &app.overlay,
            Some(Overlay::Prompt(p)) if matches!(p.purpose, PromptPurpose::ExcludeReason { .. })
        ),
        "the exclusion prompt is open"
    );
}

#[test]
fn an_exclusion_after_the_program_was_replaced_says_why_it_was_not_saved() {
    let mut app = app();
    open_exclusion(&mut app);
    answer(&mut app, "conflict of interest");
    // Another process replaces the program meanwhile (`demo --force` with another seed):
    // the learner the prompt names is gone.
    let other = DemoSpec {
        learners: 20,
        mentors: 5,
        seed: 7,
    };
    mentordesk::cli::demo::load(desk_of(&mut app), &other, true).unwrap();
    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(is_error, "a refusal is shown as one: {text}");
    assert!(
        text.contains("no learner with id"),
        "the status line says why: {text}"
    );
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("no learner with id"),
        "and it is on screen:\n{screen}"
    );
}

#[test]
fn an_exclusion_without_a_reason_says_why_on_the_status_line() {
    let mut app = app();
    open_exclusion(&mut app);
    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("say why"), "{text}");
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "the prompt stays open"
    );
}

#[test]
fn a_bad_strategy_or_score_says_why_on_the_status_line() {
    let mut app = app();
    dispatch(&mut app, Action::PanePairings);
    assert_eq!(app.pane, Pane::Pairings);
    dispatch(&mut app, Action::Plan);
    answer(&mut app, "quickest");
    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("type o, s or g"), "{text}");
    dispatch(&mut app, Action::Back);

    dispatch(&mut app, Action::ApproveAbove);
    answer(&mut app, "lots");
    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("not a number"), "{text}");
}

#[test]
fn an_approval_form_with_a_bad_field_says_which_on_the_status_line() {
    let mut app = app();
    dispatch(&mut app, Action::FocusRight);
    dispatch(&mut app, Action::Approve);
    let Some(Overlay::Form { form, .. }) = &mut app.overlay else {
        panic!("the agreement form is open");
    };
    form.fields[0].input = tui_input::Input::new("zero".into());
    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("Check-in every (days)"), "{text}");
}

#[test]
fn enter_on_quit_anyway_without_y_says_the_desk_stays() {
    let mut app = app();
    dispatch(&mut app, Action::FocusRight);
    dispatch(&mut app, Action::Approve);
    let Some(Overlay::Form { form, .. }) = &mut app.overlay else {
        panic!("the agreement form is open");
    };
    form.fields[3].input = tui_input::Input::new("changed goals".into());
    dispatch(&mut app, Action::Quit);
    dispatch(&mut app, Action::Submit);
    assert!(!app.quit);
    let (text, _) = status(&app);
    assert!(text.contains("Not quitting"), "{text}");
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
}
