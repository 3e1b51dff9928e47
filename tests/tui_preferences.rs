//! A learner's wishes changed in the desk: `e` in the Match pane opens the selected learner's
//! form, and saving re-ranks the candidates at once (the avoided mentor ruled out with its
//! reason, the preferred one scored on `prefer`), audited; the pane keeps the learner. The
//! candidates show trust signals; the snapshot shows them and the brief with the wishes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::matching::{Criterion, Failure};
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay};
use mentordesk::tui::input::dispatch;
use tui_input::Input;
use tui_support::{desk_of, render};

fn set_field(app: &mut App, label: &str, value: &str) {
    let Some(Overlay::Form { form, .. }) = &mut app.overlay else {
        panic!("no form open");
    };
    let index = form.fields.iter().position(|f| f.label == label).unwrap();
    form.fields[index].input = Input::new(value.to_string());
    form.focus = index;
}

#[test]
fn wishes_edited_in_the_match_pane_re_rank_the_candidates_at_once() {
    let mut app = tui_support::app();
    let state = &app.panes.matching;
    let learner = state.selected_learner().unwrap().learner.clone();
    let ranking = state.ranking.clone().unwrap();
    assert!(
        ranking.candidates.len() >= 2,
        "the demo learner has a choice"
    );
    let (top, second) = (
        ranking.candidates[0].mentor.clone(),
        ranking.candidates[1].mentor.clone(),
    );

    dispatch(&mut app, Action::EditPerson);
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("e opens the learner's form");
    };
    for label in ["prefer", "avoid", "mentor_experience"] {
        assert!(form.fields.iter().any(|f| f.label == label), "{label}");
    }
    set_field(&mut app, "avoid", &format!("{top};M9999"));
    set_field(&mut app, "prefer", second.as_str());
    dispatch(&mut app, Action::Submit);
    assert!(app.overlay.is_none(), "saved");
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.contains("avoid \"M9999\": no mentor has this id"),
        "an unknown mentor is said, not refused: {status}"
    );

    let state = &app.panes.matching;
    assert_eq!(
        state.selected_learner().unwrap().learner.id,
        learner.id,
        "the pane keeps the learner"
    );
    let ranking = state.ranking.clone().unwrap();
    assert!(ranking.candidates.iter().all(|c| c.mentor != top));
    let ruled_out = ranking.rejected.iter().find(|r| r.mentor == top).unwrap();
    assert!(ruled_out.reasons.contains(&Failure::LearnerAvoids));
    let first = &ranking.candidates[0];
    assert_eq!(first.mentor, second, "the preferred mentor leads now");
    let prefer = &first.breakdown.criteria[Criterion::Prefer.index()];
    assert!(
        prefer.points > 0 && prefer.points == prefer.max_points,
        "{prefer:?}"
    );
    assert_eq!(
        first
            .breakdown
            .criteria
            .iter()
            .map(|c| c.points)
            .sum::<u32>(),
        first.score
    );

    let audit = desk_of(&mut app)
        .audit(50)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "learner.update")
        .expect("the edit is audited");
    assert_eq!(audit.subject, format!("learner:{}", learner.id));

    insta::assert_snapshot!("match_wishes_trust_120x40", render(&app, 120, 40));
}
