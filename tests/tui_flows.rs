//! Flows that must ask, say or follow (issue 13): undoing a bulk approval in one step says
//! so; discarding a draft with typed input asks; re-planning says how many proposals it
//! replaces before it does; the agreement form refuses a milestone due in the past; the
//! Timeline opens on the learner in view; the check-in confirmation names the milestone it
//! marked achieved; the `/` filter keeps whole words and prefixes in the list's own order.
//! Driven by feeding actions; asserted on the screen, the status line and the desk.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use mentordesk::desk::{Approval, Desk, FixedClock};
use mentordesk::domain::{Agreement, PairingId, PairingStatus};
use mentordesk::exchange::csv as people_csv;
use mentordesk::matching::Strategy;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay, Pane};
use mentordesk::tui::input::{dispatch, handle_event};
use mentordesk::tui::panes::checkins::{CONFIDENCE, MILESTONE, NOTES};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_support::{app, app_on, desk_of, render};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

/// A desk with the sample program, zone UTC, at [`now`].
fn sample_desk() -> Desk {
    let mut desk = Desk::in_memory(Box::new(FixedClock(now()))).unwrap();
    desk.set_actor("coordinator");
    desk.set_default_zone("UTC").unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let mentors = std::fs::read(format!("{root}/assets/sample/mentors.csv")).unwrap();
    let learners = std::fs::read(format!("{root}/assets/sample/learners.csv")).unwrap();
    let mentors = people_csv::parse_mentors("mentors.csv", &mentors, now()).unwrap();
    let learners = people_csv::parse_learners("learners.csv", &learners, now()).unwrap();
    desk.import_mentors("mentors.csv", &mentors, false).unwrap();
    desk.import_learners("learners.csv", &learners, false)
        .unwrap();
    desk
}

/// The sample program with a greedy plan saved, the Pairings pane on screen.
fn planned() -> App {
    let mut desk = sample_desk();
    let plan = desk
        .cohort_input()
        .unwrap()
        .solve(Strategy::Greedy)
        .unwrap();
    desk.save_plan(&plan).unwrap();
    let mut app = app_on(desk);
    dispatch(&mut app, Action::PanePairings);
    app
}

fn status(app: &App) -> (String, bool) {
    let status = app.status.as_ref().expect("a status");
    (status.text.clone(), status.is_error)
}

fn proposals(app: &mut App) -> Vec<PairingId> {
    desk_of(app)
        .pairings(Some(PairingStatus::Proposed))
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect()
}

fn press(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::from(code)));
}

/// Types `text` as the terminal would hand it over, key by key.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn prompt_title(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Prompt(p)) => p.title.clone(),
        other => panic!("no prompt open: {other:?}"),
    }
}

// Item 4: one `u` takes the whole batch back, and the status line says so.
#[test]
fn undoing_a_bulk_approval_says_it_took_the_whole_batch_back() {
    let mut app = planned();
    let before = proposals(&mut app);
    dispatch(&mut app, Action::ApproveAbove);
    type_text(&mut app, "0");
    dispatch(&mut app, Action::Submit);
    type_text(&mut app, "y");
    assert!(proposals(&mut app).is_empty());
    dispatch(&mut app, Action::Undo);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(
        text.contains(&format!("Undid the {} approvals", before.len()))
            && text.contains("one step"),
        "{text}"
    );
    assert_eq!(proposals(&mut app), before);
}

/// Opens the check-in form on the first pairing of the Check-ins pane.
fn open_new_checkin(app: &mut App) {
    dispatch(app, Action::PaneCheckIns);
    dispatch(app, Action::NewCheckIn);
    assert!(app.panes.checkins.form_open, "{:?}", app.status);
}

// Item 6: a draft holding typed notes is discarded only after a y.
#[test]
fn discarding_a_draft_with_typed_notes_asks_first() {
    let mut app = app();
    open_new_checkin(&mut app);
    app.panes.checkins.draft.as_mut().unwrap().set_focus(NOTES);
    type_text(&mut app, "Talked through the portfolio");
    dispatch(&mut app, Action::Back);
    assert!(!app.panes.checkins.form_open);

    dispatch(&mut app, Action::DiscardDraft);
    assert!(
        prompt_title(&app).contains("Discard the check-in draft? y/n"),
        "asks first"
    );
    assert!(render(&app, 80, 24).contains("y/n"));
    assert!(app.panes.checkins.draft.is_some(), "nothing gone yet");
    type_text(&mut app, "n");
    assert!(app.overlay.is_none());
    assert_eq!(
        app.panes.checkins.draft.as_ref().unwrap().notes_text(),
        "Talked through the portfolio",
        "n keeps the draft"
    );
    assert!(status(&app).0.contains("kept"), "{:?}", status(&app));

    dispatch(&mut app, Action::DiscardDraft);
    dispatch(&mut app, Action::Back);
    assert!(app.panes.checkins.draft.is_some(), "Esc keeps it too");

    dispatch(&mut app, Action::DiscardDraft);
    type_text(&mut app, "y");
    assert!(app.panes.checkins.draft.is_none(), "y discards");
    assert!(status(&app).0.contains("discarded"), "{:?}", status(&app));
}

#[test]
fn an_untouched_draft_is_discarded_without_a_question() {
    let mut app = app();
    open_new_checkin(&mut app);
    dispatch(&mut app, Action::Back);
    dispatch(&mut app, Action::DiscardDraft);
    assert!(app.overlay.is_none(), "nothing typed, nothing to lose");
    assert!(app.panes.checkins.draft.is_none());
}

// Item 7: the strategy question says how many proposals a new plan replaces.
#[test]
fn replanning_says_how_many_proposals_it_replaces_before_it_does() {
    let mut app = planned();
    let before = proposals(&mut app);
    dispatch(&mut app, Action::Plan);
    let title = prompt_title(&app);
    assert!(
        title.contains(&format!("Replace {} proposals under review?", before.len())),
        "{title}"
    );
    dispatch(&mut app, Action::Back);
    assert_eq!(proposals(&mut app), before, "Esc keeps them");
    assert!(status(&app).0.contains("Nothing planned"));

    dispatch(&mut app, Action::Plan);
    type_text(&mut app, "s");
    app.wait_for_job(std::time::Duration::from_secs(60));
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(
        text.contains(&format!("replaced {} earlier proposals", before.len())),
        "{text}"
    );
}

#[test]
fn the_first_plan_asks_only_for_a_strategy() {
    let mut app = app_on(sample_desk());
    dispatch(&mut app, Action::PanePairings);
    dispatch(&mut app, Action::Plan);
    assert!(!prompt_title(&app).contains("Replace"));
}

// Item 8: a first milestone due before today is refused beside its field, and by the desk.
#[test]
fn the_agreement_form_refuses_a_milestone_due_in_the_past() {
    let mut app = planned();
    let before = proposals(&mut app);
    dispatch(&mut app, Action::Approve);
    let Some(Overlay::Form { form, .. }) = &mut app.overlay else {
        panic!("the agreement form is open")
    };
    form.fields[4].input = tui_input::Input::new("Portfolio draft".into());
    form.fields[5].input = tui_input::Input::new("2020-01-01".into());
    dispatch(&mut app, Action::Submit);
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("the form stays open: {:?}", app.status)
    };
    let error = form.fields[5].error.clone().unwrap_or_default();
    assert!(error.contains("before today (2026-11-02)"), "{error}");
    assert!(render(&app, 80, 24).contains("before today"));
    assert_eq!(proposals(&mut app), before, "nothing approved");

    let Some(Overlay::Form { form, .. }) = &mut app.overlay else {
        unreachable!()
    };
    form.fields[5].input = tui_input::Input::new("2026-11-02".into());
    dispatch(&mut app, Action::Submit);
    assert!(app.overlay.is_none(), "today is accepted: {:?}", app.status);
    assert_eq!(proposals(&mut app).len(), before.len() - 1);
}

#[test]
fn the_desk_refuses_a_first_milestone_due_in_the_past() {
    let mut desk = sample_desk();
    let learner = desk.learners().unwrap()[0].id.clone();
    let (_, ranking) = desk.candidates(&learner).unwrap();
    let mentor = ranking.candidates[0].mentor.clone();
    let approval = |due: NaiveDate| Approval {
        learner: learner.clone(),
        mentor: mentor.clone(),
        agreement: Agreement::default(),
        override_reason: None,
        first_milestone: Some(("First project".into(), Some(due))),
    };
    let yesterday = now().date_naive() - Duration::days(1);
    let err = desk.approve(&approval(yesterday)).unwrap_err();
    assert!(
        err.to_string().contains("is before today (2026-11-02)"),
        "{err}"
    );
    assert!(
        desk.pairings(Some(PairingStatus::Active))
            .unwrap()
            .is_empty()
    );
    desk.approve(&approval(now().date_naive())).unwrap();
}

/// The learner the Timeline has selected.
fn timeline_learner(app: &App) -> String {
    app.panes
        .timeline
        .selected_learner()
        .expect("a learner selected")
        .id
        .to_string()
}

// Item 10: `4` opens the Timeline on the learner in view, from every pane that has one.
#[test]
fn the_timeline_opens_on_the_learner_in_view() {
    let mut app = app();
    dispatch(&mut app, Action::PaneCheckIns);
    for _ in 0..5 {
        dispatch(&mut app, Action::Down);
    }
    let learner = app
        .panes
        .checkins
        .selected_pairing()
        .unwrap()
        .pairing
        .learner
        .to_string();
    dispatch(&mut app, Action::PaneTimeline);
    assert_eq!(timeline_learner(&app), learner, "from Check-ins");
    let story = app.panes.timeline.timeline.as_ref().expect("story read");
    assert_eq!(story.learner.to_string(), learner);

    dispatch(&mut app, Action::PaneMatch);
    for _ in 0..3 {
        dispatch(&mut app, Action::Down);
    }
    let waiting = app
        .panes
        .matching
        .selected_learner()
        .unwrap()
        .learner
        .id
        .to_string();
    dispatch(&mut app, Action::PaneTimeline);
    assert_eq!(timeline_learner(&app), waiting, "from Match");
    assert!(
        render(&app, 200, 60).contains(&waiting),
        "the story on screen is theirs"
    );

    dispatch(&mut app, Action::PanePeople);
    for _ in 0..7 {
        dispatch(&mut app, Action::Down);
    }
    let index = app.panes.people.selected_index().unwrap();
    let person = app.panes.people.learners[index].id.to_string();
    dispatch(&mut app, Action::PaneTimeline);
    assert_eq!(timeline_learner(&app), person, "from People");

    dispatch(&mut app, Action::PanePairings);
    dispatch(&mut app, Action::FocusRight);
    let active = app
        .panes
        .pairings
        .selected_active()
        .map(|r| r.row.pairing.learner.to_string());
    if let Some(active) = active {
        dispatch(&mut app, Action::PaneTimeline);
        assert_eq!(timeline_learner(&app), active, "from Pairings");
    }
}

#[test]
fn the_timeline_clears_a_filter_that_hides_the_learner_it_follows() {
    let mut app = app();
    dispatch(&mut app, Action::PaneTimeline);
    dispatch(&mut app, Action::Filter);
    type_text(&mut app, "zzzz");
    dispatch(&mut app, Action::Submit);
    assert!(app.panes.timeline.visible.is_empty());
    dispatch(&mut app, Action::PaneCheckIns);
    let learner = app
        .panes
        .checkins
        .selected_pairing()
        .unwrap()
        .pairing
        .learner
        .to_string();
    dispatch(&mut app, Action::PaneTimeline);
    assert_eq!(timeline_learner(&app), learner);
}

// Item 13: the confirmation names the milestone the check-in marked achieved.
#[test]
fn the_checkin_confirmation_names_the_milestone_it_achieved() {
    let mut app = app();
    dispatch(&mut app, Action::PaneCheckIns);
    // The first pairing whose learner has a planned milestone.
    let mut found = None;
    for _ in 0..app.panes.checkins.visible.len() {
        let entry = app.panes.checkins.selected_pairing().unwrap().clone();
        if entry.pairing.status == PairingStatus::Active {
            let planned = desk_of(&mut app)
                .milestones(Some(&entry.pairing.learner))
                .unwrap()
                .into_iter()
                .find(|m| m.status == mentordesk::domain::MilestoneStatus::Planned);
            if let Some(m) = planned {
                found = Some(m);
                break;
            }
        }
        dispatch(&mut app, Action::Down);
    }
    let milestone = found.expect("the demo plans milestones");
    dispatch(&mut app, Action::NewCheckIn);
    let draft = app.panes.checkins.draft.as_mut().unwrap();
    draft.form.fields[CONFIDENCE].input = tui_input::Input::new("4".into());
    draft.form.fields[MILESTONE].input = tui_input::Input::new(milestone.id.to_string());
    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(
        text.contains(&format!(
            "milestone {} \"{}\" achieved",
            milestone.id, milestone.title
        )),
        "{text}"
    );
}

// Item 9: the filter on a fixed program keeps whole words and prefixes, every typed word,
// any case or accent, in the list's own order (longest wait first).
#[test]
fn the_match_filter_keeps_what_a_person_means_in_wait_order() {
    let mut desk = Desk::in_memory(Box::new(FixedClock(now()))).unwrap();
    desk.set_actor("coordinator");
    desk.set_default_zone("UTC").unwrap();
    let mentors = b"id,name,capacity,languages,expertise\nM1,Sam Lee,3,en,rust\n";
    let mentors = people_csv::parse_mentors("m.csv", mentors, now()).unwrap();
    desk.import_mentors("m.csv", &mentors, false).unwrap();
    // Each learner joins a day after the one before: L1 has waited longest.
    let rows = [
        ("L1", "Ana Ruiz", "rust;systems"),
        ("L2", "Bea Ortiz", "product-management;research;writing"),
        ("L3", "Zoë Müller", "data-analysis;python"),
        ("L4", "Tom Trust", "databases;rust"),
        ("L5", "José Núñez", "rust;web"),
        ("L6", "Ana Datta", "writing"),
    ];
    for (days, (id, name, interests)) in rows.iter().enumerate() {
        let csv = format!("id,name,interests\n{id},{name},{interests}\n");
        let joined = now() - Duration::days(60 - days as i64);
        let learners = people_csv::parse_learners("l.csv", csv.as_bytes(), joined).unwrap();
        desk.import_learners("l.csv", &learners, false).unwrap();
    }
    let mut app = app_on(desk);
    let shown = |app: &App| -> Vec<String> {
        app.panes
            .matching
            .visible
            .iter()
            .map(|i| app.panes.matching.waiting[*i].learner.id.to_string())
            .collect()
    };
    assert_eq!(shown(&app), ["L1", "L2", "L3", "L4", "L5", "L6"]);
    let filtered = |app: &mut App, query: &str| {
        dispatch(app, Action::Filter);
        type_text(app, query);
        dispatch(app, Action::Submit);
        let kept = shown(app);
        dispatch(app, Action::Filter);
        dispatch(app, Action::Back);
        kept
    };
    assert_eq!(
        filtered(&mut app, "rust"),
        ["L1", "L4", "L5"],
        "not research"
    );
    assert_eq!(
        filtered(&mut app, "data"),
        ["L3", "L4"],
        "prefixes, not Datta"
    );
    assert_eq!(filtered(&mut app, "ana rust"), ["L1"], "every word");
    assert_eq!(filtered(&mut app, "MULLER"), ["L3"]);
    assert_eq!(filtered(&mut app, "jose nunez"), ["L5"]);
    assert_eq!(filtered(&mut app, "search"), Vec::<String>::new());
    assert!(app.pane == Pane::Match);
}

/// Opens the first entry of `kind` in the selected learner's story.
fn open_entry(app: &mut App, kind: mentordesk::desk::TimelineKind) {
    let events = &app
        .panes
        .timeline
        .timeline
        .as_ref()
        .expect("a story")
        .events;
    let index = events
        .iter()
        .position(|e| e.kind == kind)
        .expect("such an entry");
    dispatch(app, Action::FocusRight);
    dispatch(app, Action::Top);
    for _ in 0..index {
        dispatch(app, Action::Down);
    }
    dispatch(app, Action::Open);
    assert!(
        matches!(app.overlay, Some(Overlay::Detail { .. })),
        "{:?}",
        app.status
    );
}

// Item 11: one vocabulary with the CLI, and an entry's details in words.
#[test]
fn timeline_entries_read_in_words() {
    use mentordesk::desk::TimelineKind;
    let mut app = app();
    dispatch(&mut app, Action::PaneDashboard);
    dispatch(&mut app, Action::PaneTimeline);
    let story = render(&app, 200, 60);
    assert!(story.contains("◇ milestone planned"), "{story}");
    assert!(!story.contains("milestone due"), "{story}");

    open_entry(&mut app, TimelineKind::Checkin);
    let shown = render(&app, 80, 24);
    assert!(shown.contains("Details"), "{shown}");
    assert!(shown.contains("Learner's confidence"), "{shown}");
    assert!(
        !shown.contains("Facts") && !shown.contains("edited:"),
        "{shown}"
    );
    insta::assert_snapshot!("timeline_checkin_entry", shown);
    dispatch(&mut app, Action::Back);

    open_entry(&mut app, TimelineKind::MilestonePlanned);
    let shown = render(&app, 80, 24);
    assert!(shown.contains("◇ milestone planned"), "{shown}");
    assert!(
        shown.contains("Due 20") && shown.contains("Now planned"),
        "{shown}"
    );
    assert!(
        !shown.contains("days_overdue") && !shown.contains("from_checkin"),
        "{shown}"
    );
    insta::assert_snapshot!("timeline_milestone_entry", shown);
}

// Item 12: a rematched learner keeps their place in the longest-wait list, and their brief
// says how long since their last pairing ended.
#[test]
fn a_rematched_learner_waits_from_first_asking_in_the_match_pane() {
    let mut app = app();
    let waiting = app.panes.matching.waiting.clone();
    assert!(
        waiting.windows(2).all(|w| w[0].since <= w[1].since),
        "longest wait first, counted from first asking"
    );
    let again = waiting
        .iter()
        .position(|w| w.again.is_some())
        .expect("the demo has learners waiting again after a pairing ended");
    let rematched = waiting[again].clone();
    let (ended, days_again) = rematched.again.unwrap();
    assert!(ended > rematched.since && days_again < rematched.days);
    assert_eq!(rematched.since, rematched.learner.joined_at);
    assert!(
        waiting.iter().any(|w| w.days < rematched.days),
        "not at the bottom of the list"
    );

    let position = app
        .panes
        .matching
        .visible
        .iter()
        .position(|i| *i == again)
        .unwrap();
    for _ in 0..position {
        dispatch(&mut app, Action::Down);
    }
    let shown = render(&app, 200, 60);
    assert!(
        shown.contains(&format!("waiting {} days", rematched.days)),
        "{shown}"
    );
    assert!(shown.contains("since their last pairing ended"), "{shown}");
}
