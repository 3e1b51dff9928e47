//! The Pairings pane's decisions driven through `update`: approving every shown proposal at
//! or above a score (counted, confirmed, one transaction, undone in one step, all or none),
//! and `a` opening the agreement form filled from the plan. What is asserted is read from
//! the rendered screen, the status line and the desk.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use chrono::{TimeZone, Utc};
use mentordesk::desk::{CheckInTarget, Desk, FixedClock, NewCheckIn};
use mentordesk::domain::{PairingId, PairingStatus};
use mentordesk::exchange::csv as people_csv;
use mentordesk::matching::Strategy;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::App;
use mentordesk::tui::input::{dispatch, handle_event};
use mentordesk::tui::keymap::Keymap;
use mentordesk::tui::theme::Theme;
use mentordesk::tui::view::Root;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};

/// The sample program with a greedy plan saved, the Pairings pane on screen.
fn planned() -> App {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
    desk.set_actor("coordinator");
    desk.set_default_zone("UTC").unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let mentors = std::fs::read(format!("{root}/assets/sample/mentors.csv")).unwrap();
    let learners = std::fs::read(format!("{root}/assets/sample/learners.csv")).unwrap();
    let mentors = people_csv::parse_mentors("mentors.csv", &mentors, now).unwrap();
    let learners = people_csv::parse_learners("learners.csv", &learners, now).unwrap();
    desk.import_mentors("mentors.csv", &mentors, false).unwrap();
    desk.import_learners("learners.csv", &learners, false)
        .unwrap();
    let input = desk.cohort_input().unwrap();
    let plan = input.solve(Strategy::Greedy).unwrap();
    desk.save_plan(&plan).unwrap();
    let services = tui_support::refusing_services();
    let mut app = App::new(desk, services, Keymap::defaults(), Theme::monochrome());
    dispatch(&mut app, Action::PanePairings);
    app
}

fn desk_of(app: &mut App) -> &mut Desk {
    app.inline_desk().expect("tests run effects inline")
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(Root(app), frame.area()))
        .unwrap();
    terminal.backend().to_string()
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

/// Types `text` into the open prompt (each key as the terminal would hand it over).
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// `A`, a score, Enter: the count is asked before anything is approved.
fn ask_approve_all(app: &mut App, score: &str) {
    dispatch(app, Action::ApproveAbove);
    type_text(app, score);
    dispatch(app, Action::Submit);
}

#[test]
fn approve_all_counts_asks_approves_in_one_step_and_undoes_in_one() {
    let mut app = planned();
    let before = proposals(&mut app);
    assert!(before.len() > 3, "the plan holds proposals");
    let audit_before = desk_of(&mut app).audit(100_000).unwrap().len();

    ask_approve_all(&mut app, "0");
    let shown = screen(&app);
    let question = format!("Approve {} proposals at or above 0.0? y/n", before.len());
    assert!(shown.contains(&question), "{shown}");
    assert_eq!(
        proposals(&mut app),
        before,
        "nothing approved before the answer"
    );

    type_text(&mut app, "y");
    assert!(
        proposals(&mut app).is_empty(),
        "every shown proposal approved"
    );
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert!(
        text.contains(&format!("Approved {} proposals", before.len())),
        "{text}"
    );
    let audit = desk_of(&mut app).audit(100_000).unwrap();
    assert_eq!(audit[0].action, "approve.batch", "one batch, audited");
    assert_eq!(audit.len(), audit_before + before.len() + 1);

    dispatch(&mut app, Action::Undo);
    let (text, is_error) = status(&app);
    assert!(!is_error, "{text}");
    assert_eq!(
        proposals(&mut app),
        before,
        "one u takes the whole batch back"
    );
    // The batch was one step: the next `u` reaches the decision before it in the log (the
    // learners' import, made before this session: asked about first), not another part of
    // the batch; and the import is refused, for the proposals now hold its learners.
    dispatch(&mut app, Action::Undo);
    let shown = screen(&app);
    assert!(
        shown.contains("from before this session: imported learners"),
        "{shown}"
    );
    assert_eq!(
        proposals(&mut app),
        before,
        "nothing taken back before the answer"
    );
    type_text(&mut app, "y");
    let (text, is_error) = status(&app);
    assert!(
        is_error && text.contains("cannot undo the import"),
        "{text}"
    );
    assert_eq!(proposals(&mut app), before, "nothing else was taken back");
    assert!(desk_of(&mut app).check().unwrap().is_ok());
}

#[test]
fn answering_no_approves_nothing() {
    let mut app = planned();
    let before = proposals(&mut app);
    ask_approve_all(&mut app, "0");
    type_text(&mut app, "n");
    assert_eq!(proposals(&mut app), before);
    assert!(
        status(&app).0.contains("nothing approved"),
        "{:?}",
        status(&app)
    );

    ask_approve_all(&mut app, "0");
    dispatch(&mut app, Action::Back);
    assert_eq!(proposals(&mut app), before, "Esc cancels too");
}

#[test]
fn a_score_no_proposal_reaches_says_so_without_asking() {
    let mut app = planned();
    ask_approve_all(&mut app, "100");
    assert!(!screen(&app).contains("y/n"));
    assert!(
        status(&app).0.contains("nothing approved"),
        "{:?}",
        status(&app)
    );
}

#[test]
fn a_batch_with_one_refused_proposal_approves_none_and_names_it() {
    let mut app = planned();
    let before = proposals(&mut app);
    ask_approve_all(&mut app, "0");
    // Another desk declines one of the counted proposals before the answer.
    let gone = before[1];
    let pairing = desk_of(&mut app).pairing(gone).unwrap();
    desk_of(&mut app).decline(gone, Some("not now")).unwrap();
    let learner_name = desk_of(&mut app)
        .learners()
        .unwrap()
        .into_iter()
        .find(|l| l.id == pairing.learner)
        .unwrap()
        .name;

    type_text(&mut app, "y");

    let left = proposals(&mut app);
    assert_eq!(left.len(), before.len() - 1, "none of the batch approved");
    let (text, is_error) = status(&app);
    assert!(is_error, "{text}");
    assert!(
        text.contains(&format!("None of {} approved", before.len())),
        "{text}"
    );
    assert!(
        text.contains(&learner_name),
        "names the refused one: {text}"
    );
    assert!(text.contains("not a proposal"), "says why: {text}");
}

#[test]
fn undoing_a_batch_after_a_checkin_is_refused_and_keeps_every_pairing() {
    let mut app = planned();
    let before = proposals(&mut app);
    ask_approve_all(&mut app, "0");
    type_text(&mut app, "y");
    desk_of(&mut app)
        .add_checkin(&NewCheckIn {
            target: CheckInTarget::Pairing(before[0]),
            at: None,
            minutes: 30,
            mode: None,
            confidence: Some(4),
            notes: "First session".into(),
            topics: Vec::new(),
            next_steps: None,
            milestone: None,
            plan_milestone: None,
            allow_future: false,
            guide: None,
        })
        .unwrap();

    dispatch(&mut app, Action::Undo);

    let (text, is_error) = status(&app);
    assert!(is_error, "{text}");
    assert!(text.contains("nothing was undone"), "{text}");
    assert!(
        proposals(&mut app).is_empty(),
        "every pairing still approved"
    );
}

#[test]
fn a_in_pairings_opens_the_agreement_form_filled_from_the_plan() {
    let mut app = planned();
    let before = proposals(&mut app);
    dispatch(&mut app, Action::Approve);
    let shown = screen(&app);
    assert!(shown.contains("Approve "), "the form is open: {shown}");
    assert!(shown.contains("Check-in every (days)"), "{shown}");
    assert_eq!(proposals(&mut app), before, "nothing approved before Enter");

    dispatch(&mut app, Action::Submit);
    let (text, is_error) = status(&app);
    assert!(!is_error && text.starts_with("Approved "), "{text}");
    let after = proposals(&mut app);
    assert_eq!(after.len(), before.len() - 1);
    let approved = before.iter().find(|id| !after.contains(id)).unwrap();
    let pairing = desk_of(&mut app).pairing(*approved).unwrap();
    assert_eq!(pairing.status, PairingStatus::Active);
    assert!(
        shown.contains(&format!("{}", pairing.agreement.cadence_days)),
        "the plan's cadence was in the form"
    );
    let goals = pairing
        .agreement
        .goals
        .expect("the sample learners state goals");
    let start: String = goals.chars().take(20).collect();
    assert!(
        shown.contains(&start),
        "the learner's goals were in the form: {shown}"
    );
}

#[test]
fn the_agreement_form_in_pairings_saves_what_was_typed() {
    let mut app = planned();
    let before = proposals(&mut app);
    dispatch(&mut app, Action::Approve);
    // Cadence is the first field: clear it and type 21.
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "21");
    dispatch(&mut app, Action::Submit);
    let after = proposals(&mut app);
    let approved = before.iter().find(|id| !after.contains(id)).unwrap();
    assert_eq!(
        desk_of(&mut app)
            .pairing(*approved)
            .unwrap()
            .agreement
            .cadence_days,
        21
    );
}
