//! The desk in both roles, rendered with `TestBackend` and driven by feeding actions: a
//! mentor desk made from a real pack (banner, Check-ins with the pack's earlier sessions,
//! People's brief, `x` writing the bundle) and the coordinator's Sync pane with a real
//! conflict (shown side by side, resolved after asking).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{CheckInEdit, CheckInTarget, Desk, FixedClock, NewCheckIn};
use mentordesk::domain::{CheckInId, MentorId, PairingId};
use mentordesk::exchange::bundle::{export_bundle, import_bundle};
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay, Pane, PromptPurpose, Services};
use mentordesk::tui::input::dispatch;
use mentordesk::tui::keymap::Keymap;
use mentordesk::tui::panes::sync::Item;
use mentordesk::tui::theme::Theme;
use mentordesk::tui::view::Root;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn write(desk: &mut Desk, path: &Path) -> Result<(usize, PathBuf), String> {
    export_bundle(desk, Some(path), false)
        .map(|w| (w.records, w.path))
        .map_err(|e| e.to_string())
}

fn import(desk: &mut Desk, path: &Path) -> Result<String, String> {
    import_bundle(desk, path, None)
        .map(|done| done.import.summary())
        .map_err(|e| e.to_string())
}

fn services() -> Services {
    Services {
        import_csv: |_, _| Err("not in tests".into()),
        load_demo: |_| Err("not in tests".into()),
        write_bundle: write,
        import_bundle: import,
        write_intro: |_, _| Err("no introductions here".into()),
    }
}

fn clock() -> Box<FixedClock> {
    Box::new(FixedClock(
        Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
    ))
}

fn coordinator() -> Desk {
    let mut desk = Desk::in_memory(clock()).unwrap();
    desk.set_actor("coordinator");
    desk.set_default_zone("UTC").unwrap();
    mentordesk::cli::demo::load(&mut desk, &DemoSpec::standard(), false).unwrap();
    desk
}

/// A mentor of the demo with at least two pairings under way.
fn busy_mentor(desk: &mut Desk) -> MentorId {
    let rows = desk.mentors().unwrap();
    rows.into_iter()
        .filter(|r| r.load.seats_in_use >= 2)
        .map(|r| r.mentor.id)
        .min()
        .unwrap()
}

/// A mentor desk made from that mentor's pack.
fn mentor_desk(coordinator: &mut Desk) -> Desk {
    let mentor = busy_mentor(coordinator);
    let pack = coordinator.mentor_pack(&mentor, false).unwrap();
    let mut desk = Desk::in_memory(clock()).unwrap();
    desk.import_pack(&pack).unwrap();
    desk
}

fn app_on(desk: Desk) -> App {
    App::new(desk, services(), Keymap::defaults(), Theme::monochrome())
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(Root(app), frame.area()))
        .unwrap();
    terminal.backend().to_string()
}

fn log(desk: &mut Desk, pairing: PairingId, notes: &str) -> CheckInId {
    desk.add_checkin(&NewCheckIn {
        target: CheckInTarget::Pairing(pairing),
        at: None,
        minutes: 45,
        mode: None,
        confidence: Some(3),
        notes: notes.into(),
        topics: Vec::new(),
        next_steps: Some("Send the draft".into()),
        milestone: None,
        plan_milestone: None,
        allow_future: false,
        guide: None,
    })
    .unwrap()
    .checkin
    .id
}

fn first_pairing(desk: &mut Desk) -> PairingId {
    let briefs = desk.learner_briefs().unwrap();
    briefs
        .iter()
        .find(|b| !b.recent.is_empty())
        .unwrap_or(&briefs[0])
        .pairing
        .id
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_mentor_desk_shows_its_own_panes_with_a_banner() {
    let mut coordinator = coordinator();
    let mut desk = mentor_desk(&mut coordinator);
    let pairing = first_pairing(&mut desk);
    log(&mut desk, pairing, "Kickoff on the mentor's laptop");
    let mut app = app_on(desk);
    assert_eq!(app.pane, Pane::CheckIns, "a mentor desk opens on Check-ins");
    app.panes.checkins.select_pairing(pairing);

    let wide = render(&app, 120, 40);
    assert!(wide.contains("Mentor desk · "), "{wide}");
    assert!(wide.contains("1 record not yet handed back"), "{wide}");
    assert!(wide.contains("never exported"), "{wide}");
    assert!(wide.contains("Before this desk"), "{wide}");
    assert!(wide.contains("x write bundle"), "{wide}");
    assert!(!wide.contains("1 Match"), "no Match tab: {wide}");
    assert!(!wide.contains("2 Pairings"), "no Pairings tab: {wide}");
    insta::assert_snapshot!("mentor_checkins_120x40", wide);
    insta::assert_snapshot!("mentor_checkins_80x24", render(&app, 80, 24));

    dispatch(&mut app, Action::PanePeople);
    let people = render(&app, 120, 40);
    assert!(people.contains("Your pairing"), "{people}");
    assert!(
        people.contains("Last sessions (before this desk)"),
        "{people}"
    );
    insta::assert_snapshot!("mentor_people_120x40", people);
    insta::assert_snapshot!("mentor_people_80x24", render(&app, 80, 24));
}

#[test]
fn a_mentor_desk_refuses_the_coordinators_panes_and_keys() {
    let mut coordinator = coordinator();
    let mut app = app_on(mentor_desk(&mut coordinator));
    dispatch(&mut app, Action::PaneMatch);
    assert_eq!(app.pane, Pane::CheckIns);
    assert!(
        status_text(&app).contains("Match is on the coordinator's desk"),
        "{:?}",
        app.status
    );
    dispatch(&mut app, Action::PaneSync);
    assert_eq!(app.pane, Pane::CheckIns);
    for _ in 0..4 {
        dispatch(&mut app, Action::NextPane);
        assert!(
            [Pane::CheckIns, Pane::Timeline, Pane::People].contains(&app.pane),
            "{:?}",
            app.pane
        );
    }
    dispatch(&mut app, Action::Help);
    let help = render(&app, 120, 40);
    assert!(!help.contains("weights"), "no Match keys in help: {help}");
    assert!(help.contains("write bundle"), "{help}");
}

#[test]
fn x_writes_the_bundle_where_asked_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut coordinator = coordinator();
    let mut desk = mentor_desk(&mut coordinator);
    let pairing = first_pairing(&mut desk);
    log(&mut desk, pairing, "One");
    log(&mut desk, pairing, "Two");
    let mut app = app_on(desk);

    dispatch(&mut app, Action::WriteBundle);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        panic!("x asks where: {:?}", app.overlay);
    };
    assert_eq!(prompt.purpose, PromptPurpose::BundlePath);
    assert!(prompt.input.value().ends_with(".json"), "prefilled");
    let path = dir.path().join("week.json");
    prompt.input = tui_input::Input::new(path.display().to_string());
    dispatch(&mut app, Action::Submit);

    assert!(app.overlay.is_none());
    let said = status_text(&app);
    assert!(
        said.starts_with("Wrote 2 records to ") && said.contains("send this file"),
        "{said}"
    );
    assert!(path.exists());
    let banner = render(&app, 120, 40);
    assert!(banner.contains("last export 2026-11-02 09:00"), "{banner}");

    let done = import_bundle(&mut coordinator, &path, None).unwrap();
    assert_eq!(done.import.new, 2);
}

#[test]
fn a_bundle_that_cannot_be_written_brings_the_prompt_back_with_why() {
    let mut coordinator = coordinator();
    let mut desk = mentor_desk(&mut coordinator);
    let pairing = first_pairing(&mut desk);
    log(&mut desk, pairing, "One");
    let mut app = app_on(desk);
    dispatch(&mut app, Action::WriteBundle);
    if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
        prompt.input = tui_input::Input::new("/no/such/folder/b.json".into());
    }
    dispatch(&mut app, Action::Submit);
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("the prompt comes back: {:?}", app.overlay);
    };
    assert!(prompt.error.is_some());
}

/// A coordinator's desk holding one open conflict: the mentor and the coordinator both
/// edited the same check-in.
fn desk_with_conflict(dir: &Path) -> Desk {
    let mut coordinator = coordinator();
    let mut mentor = mentor_desk(&mut coordinator);
    let pairing = first_pairing(&mut mentor);
    let id = log(&mut mentor, pairing, "Kickoff");
    let first = dir.join("first.json");
    export_bundle(&mut mentor, Some(&first), false).unwrap();
    import_bundle(&mut coordinator, &first, None).unwrap();
    let edit = |notes: &str, confidence| CheckInEdit {
        notes: Some(notes.into()),
        confidence: Some(confidence),
        ..CheckInEdit::default()
    };
    coordinator
        .edit_checkin(id, &edit("Kickoff (coordinator's note)", 3))
        .unwrap();
    mentor
        .edit_checkin(id, &edit("Kickoff: three goals agreed", 4))
        .unwrap();
    let second = dir.join("second.json");
    export_bundle(&mut mentor, Some(&second), false).unwrap();
    let done = import_bundle(&mut coordinator, &second, None).unwrap();
    assert_eq!(done.import.conflicts.len(), 1);
    coordinator
}

/// UUIDs vary from run to run; the rest of the screen does not.
fn stable(screen: String) -> String {
    regex_lite(&screen)
}

/// Replaces each full UUID and each `…` short id with a placeholder.
fn regex_lite(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let hex = |c: char| c.is_ascii_hexdigit() && !c.is_ascii_uppercase();
    while i < chars.len() {
        let full = chars.len() >= i + 36
            && (0..36).all(|k| {
                let c = chars[i + k];
                if matches!(k, 8 | 13 | 18 | 23) {
                    c == '-'
                } else {
                    hex(c)
                }
            });
        if full {
            out.push_str("[uuid]");
            i += 36;
            continue;
        }
        let short = chars[i] == '…' && chars.len() > i + 12 && (1..=12).all(|k| hex(chars[i + k]));
        if short {
            out.push_str("…[id-tail--]");
            i += 13;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn the_sync_pane_shows_a_conflict_side_by_side_and_resolves_it_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(desk_with_conflict(dir.path()));
    dispatch(&mut app, Action::PaneSync);
    assert_eq!(app.pane, Pane::Sync);
    assert!(matches!(app.panes.sync.selected(), Some(Item::Conflict(0))));
    let wide = render(&app, 120, 40);
    assert!(wide.contains("≠ notes"), "differences are marked: {wide}");
    assert!(wide.contains("≠ confidence"), "{wide}");
    assert!(wide.contains("this desk (ours)"), "{wide}");
    assert!(wide.contains("t keep theirs"), "{wide}");
    assert!(
        wide.contains("7 Sync"),
        "a tab once bundles come in: {wide}"
    );
    insta::assert_snapshot!("sync_conflict_120x40", stable(wide));
    insta::assert_snapshot!("sync_conflict_80x24", stable(render(&app, 80, 24)));

    dispatch(&mut app, Action::KeepTheirs);
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("asks first: {:?}", app.overlay);
    };
    assert!(
        prompt.title.contains("'s version? (y / Esc)"),
        "{}",
        prompt.title
    );
    assert!(
        prompt.hint.contains("stays in the history"),
        "{}",
        prompt.hint
    );
    dispatch(&mut app, Action::Back);
    assert_eq!(
        app.inline_desk()
            .unwrap()
            .sync_conflicts(false)
            .unwrap()
            .len(),
        1,
        "Esc resolves nothing"
    );

    dispatch(&mut app, Action::KeepTheirs);
    if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
        prompt.input = tui_input::Input::new("y".into());
    }
    dispatch(&mut app, Action::Submit);
    assert!(
        status_text(&app).starts_with("Conflict 1 resolved: kept"),
        "{:?}",
        app.status
    );
    let desk = app.inline_desk().unwrap();
    assert!(desk.sync_conflicts(false).unwrap().is_empty());
    let all = desk.sync_conflicts(true).unwrap();
    assert_eq!(all[0].resolved.as_deref(), Some("theirs"));
    let audit = desk.audit(50).unwrap();
    assert!(
        audit.iter().any(|e| e.action == "sync.resolve"),
        "the resolution is audited"
    );
    let after = render(&app, 120, 40);
    assert!(after.contains("Open conflicts 0"), "{after}");
}

#[test]
fn the_coordinators_desk_has_a_sync_tab_and_writes_no_bundle() {
    let mut app = app_on(coordinator());
    let tabs = render(&app, 120, 40);
    assert!(
        !tabs.contains("7 Sync"),
        "no tab before a bundle comes in: {tabs}"
    );
    assert!(!tabs.contains("x write bundle"));
    dispatch(&mut app, Action::Help);
    assert!(render(&app, 120, 40).contains("Sync (coordinator's desk)"));
    dispatch(&mut app, Action::Back);
    dispatch(&mut app, Action::PaneSync);
    assert_eq!(app.pane, Pane::Sync, "7 opens it all the same");
    assert!(render(&app, 120, 40).contains("no bundle imported yet (i imports one)"));
    dispatch(&mut app, Action::PaneCheckIns);
    dispatch(&mut app, Action::WriteBundle);
    assert!(app.overlay.is_none());
    assert!(status_text(&app).contains("Bundles are written on a mentor's desk"));
}
