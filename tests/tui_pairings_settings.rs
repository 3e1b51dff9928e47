//! Settings and reads in the Pairings pane, on the demo program with a fixed clock: the health
//! thresholds editor judging the list again live, a reload showing what another desk saved,
//! and best scores worked out near the cursor only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{CheckInTarget, Desk, FixedClock, NewCheckIn};
use mentordesk::domain::PairingStatus;
use mentordesk::store::Store;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay, Pane};
use mentordesk::tui::input::dispatch;
use mentordesk::tui::keymap::Context;
use tui_support::{app, app_on, desk_of, fill, health_ranks, render};

#[test]
fn thresholds_editor_rejudges_the_list_then_keeps_or_discards() {
    let mut app = app();
    dispatch(&mut app, Action::PanePairings);
    let stored = desk_of(&mut app).health_thresholds().unwrap();
    let counts = app.panes.pairings.health_counts();
    let at_risk = |app: &App| app.panes.pairings.health_counts()[0].1;
    assert!(at_risk(&app) > 0);
    dispatch(&mut app, Action::HealthThresholds);
    assert_eq!(app.context(), Context::Thresholds);
    // Down to at_risk_cadences, then raise it: fewer pairings are at risk, at once.
    dispatch(&mut app, Action::Down);
    for _ in 0..6 {
        dispatch(&mut app, Action::Increase);
    }
    let Some(Overlay::Thresholds(draft)) = &app.overlay else {
        panic!("editor closed: {:?}", app.status)
    };
    assert_eq!(draft.thresholds.at_risk_cadences, 6.0);
    assert!(
        at_risk(&app) < counts[0].1,
        "{:?}",
        app.panes.pairings.health_counts()
    );
    let ranks = health_ranks(&app);
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "still worst first");
    insta::assert_snapshot!("thresholds_editor", render(&app, 120, 40));
    // Esc: the stored thresholds judge again, nothing written.
    dispatch(&mut app, Action::Back);
    assert!(app.overlay.is_none());
    assert_eq!(app.panes.pairings.health_counts(), counts);
    assert_eq!(desk_of(&mut app).health_thresholds().unwrap(), stored);
    assert!(
        !desk_of(&mut app)
            .audit(50)
            .unwrap()
            .iter()
            .any(|e| e.action.starts_with("health."))
    );
    // Enter keeps the set, audited, and the pane reads it back.
    dispatch(&mut app, Action::HealthThresholds);
    dispatch(&mut app, Action::Up);
    dispatch(&mut app, Action::Decrease);
    dispatch(&mut app, Action::Submit);
    assert!(app.overlay.is_none());
    let kept = desk_of(&mut app).health_thresholds().unwrap();
    assert_eq!(kept.first_checkin_days, 20);
    let audit = desk_of(&mut app).audit(50).unwrap();
    let entry = audit.iter().find(|e| e.action == "health.set").unwrap();
    assert_eq!(entry.subject, "setting:health.first_checkin_days");
    assert!(app.status.as_ref().unwrap().text.contains("kept"));
}

#[test]
fn reload_shows_what_another_desk_saved() {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let open = || Desk::with_store(Store::open(&path).unwrap(), Box::new(FixedClock(now)));
    let mut coordinator = open();
    fill(&mut coordinator);
    let mut app = app_on(coordinator);
    app.show(Pane::CheckIns);
    let before = app.panes.checkins.rows().len();

    let mut mentor = open();
    let pairing = mentor.pairings(Some(PairingStatus::Active)).unwrap()[0].id;
    mentor
        .add_checkin(&NewCheckIn {
            target: CheckInTarget::Pairing(pairing),
            at: None,
            minutes: 30,
            mode: None,
            confidence: Some(4),
            notes: "Logged on the other desk".into(),
            topics: Vec::new(),
            next_steps: None,
            milestone: None,
            plan_milestone: None,
            allow_future: false,
            guide: None,
        })
        .unwrap();
    assert_eq!(app.panes.checkins.rows().len(), before, "not read yet");

    dispatch(&mut app, Action::Reload);
    assert_eq!(app.panes.checkins.rows().len(), before + 1);
    assert!(
        app.panes
            .checkins
            .rows()
            .iter()
            .any(|r| r.checkin.notes == "Logged on the other desk")
    );
    let status = app.status.as_ref().unwrap();
    assert!(
        !status.is_error && status.text.contains("Read again"),
        "{}",
        status.text
    );
}

#[test]
fn best_scores_are_worked_out_near_the_cursor_only() {
    use mentordesk::matching::Strategy;
    use mentordesk::tui::panes::pairings::Best;
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
    let spec = DemoSpec {
        learners: 1500,
        mentors: 400,
        seed: 5,
    };
    mentordesk::cli::demo::load(&mut desk, &spec, false).unwrap();
    let plan = desk
        .cohort_input()
        .unwrap()
        .solve(Strategy::Greedy)
        .unwrap();
    desk.save_plan(&plan).unwrap();
    let mut app = app_on(desk);
    app.show(Pane::Pairings);
    let proposals = app.panes.pairings.proposals.len();
    assert!(proposals > 150, "a big plan to review: {proposals}");
    let known = |app: &App, i: usize| {
        app.panes.pairings.proposals[app.panes.pairings.visible[i]].best != Best::NotYet
    };
    assert!(known(&app, 0), "the rows on screen have their best score");
    assert!(
        !known(&app, proposals - 1),
        "rows far below are left for later"
    );

    dispatch(&mut app, Action::Bottom);
    assert!(known(&app, proposals - 1), "moving there works them out");
    let row = &app.panes.pairings.proposals[app.panes.pairings.visible[proposals - 1]];
    match row.best {
        Best::Score(best) => assert!(best >= row.pairing.score.unwrap_or(0)),
        other => panic!("a proposed learner has an allowed mentor: {other:?}"),
    }
}
