//! Nothing out of reach at 80×24: every box whose text is longer than its room says how
//! much is out of sight and scrolls to its end with the keys (issue 13, items 1–3). Drawn
//! with `TestBackend` on the demo program and compared with snapshots; flows are driven by
//! feeding actions, rendering between them as the terminal does (a box learns its size when
//! it is drawn).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay, Pane, Status};
use mentordesk::tui::input::dispatch;
use tui_support::render;

const W: u16 = 80;
const H: u16 = 24;

/// Feeds `actions`, drawing the screen after each, and returns the last screen.
fn press(app: &mut App, actions: &[Action]) -> String {
    let mut screen = render(app, W, H);
    for action in actions {
        dispatch(app, *action);
        screen = render(app, W, H);
    }
    screen
}

/// The screen's rows (`TestBackend` quotes each), for looking at one box.
fn rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .map(|l| l.trim_start_matches('"').trim_end_matches('"'))
        .collect()
}

#[test]
fn why_this_score_scrolls_to_the_last_criterion_at_80x24() {
    let mut app = tui_support::app();
    let first = render(&app, W, H);
    assert!(first.contains("Why this score"), "{first}");
    assert!(
        !first.contains("rotation"),
        "the box is too short at 80×24 for every criterion:\n{first}"
    );
    assert!(first.contains("more ┘"), "a cut box says so:\n{first}");
    insta::assert_snapshot!("match_why_80x24_top", first);

    // l twice: candidates, then the box about the candidate; G: its last line.
    let end = press(
        &mut app,
        &[Action::FocusRight, Action::FocusRight, Action::Bottom],
    );
    for criterion in ["rotation", "prefer", "credential"] {
        assert!(end.contains(criterion), "{criterion} never shows:\n{end}");
    }
    assert!(
        end.contains("above ┐"),
        "scrolled boxes say what is above:\n{end}"
    );
    insta::assert_snapshot!("match_why_80x24_end", end);

    // And back up a page at a time.
    let top = press(&mut app, &[Action::PageUp, Action::PageUp, Action::PageUp]);
    assert!(!top.contains("above ┐"), "{top}");
}

#[test]
fn the_ruled_out_list_scrolls_to_its_last_mentor() {
    let mut app = tui_support::app();
    let ranking = app.panes.matching.ranking.clone().unwrap();
    assert!(
        ranking.rejected.len() > 5,
        "the demo rules out many mentors"
    );
    let last = ranking.rejected.last().unwrap().mentor.clone();
    let shown = press(&mut app, &[Action::ToggleRejected]);
    assert!(shown.contains("Ruled out"), "{shown}");
    assert!(!shown.contains(last.as_str()), "{shown}");

    // One line at a time reaches the end too, and stops there.
    let mut screen = press(&mut app, &[Action::FocusRight, Action::FocusRight]);
    for _ in 0..400 {
        dispatch(&mut app, Action::Down);
        screen = render(&app, W, H);
    }
    assert!(screen.contains(last.as_str()), "{screen}");
    // The right-hand box's bottom border: nothing more below.
    let bottom_border = rows(&screen)
        .iter()
        .rfind(|r| r.contains('┘'))
        .and_then(|r| r.rsplit('└').next())
        .unwrap();
    assert!(!bottom_border.contains("more"), "{screen}");
    insta::assert_snapshot!("match_ruled_out_80x24_end", screen);
}

#[test]
fn people_brief_scrolls_with_the_keys_and_the_list_keeps_its_place() {
    let mut app = tui_support::app();
    app.show(Pane::People);
    dispatch(&mut app, Action::TogglePeople);
    let first = render(&app, W, H);
    assert!(first.contains("more ┘"), "{first}");
    let selected = app.panes.people.selection.selected;
    let end = press(
        &mut app,
        &[Action::FocusRight, Action::PageDown, Action::Bottom],
    );
    assert!(end.contains("bio"), "the last field shows:\n{end}");
    assert!(end.contains("● Brief"), "the brief has the keys:\n{end}");
    assert_eq!(app.panes.people.selection.selected, selected);
    insta::assert_snapshot!("people_brief_80x24_end", end);
    // h gives the keys back to the list.
    press(&mut app, &[Action::FocusLeft, Action::Down]);
    assert_eq!(app.panes.people.selection.selected, selected + 1);
}

#[test]
fn a_long_history_says_how_many_more_and_scrolls_to_its_oldest() {
    let mut app = tui_support::app();
    app.show(Pane::CheckIns);
    // The pairing with the longest history.
    let longest = (0..app.panes.checkins.visible.len())
        .max_by_key(|i| {
            app.panes.checkins.pairing_sel.selected = *i;
            app.panes.checkins.history().len()
        })
        .unwrap();
    app.panes.checkins.pairing_sel.selected = longest;
    let len = app.panes.checkins.history().len();
    let first = render(&app, W, H);
    assert!(len > 17, "a history longer than the box: {len}");
    assert!(first.contains("more ┘"), "{first}");
    let end = press(&mut app, &[Action::FocusRight, Action::Bottom]);
    assert_eq!(app.panes.checkins.history_sel.selected, len - 1);
    assert!(end.contains("above ┐"), "{end}");
    insta::assert_snapshot!("checkins_history_80x24_end", end);
    // l once more: the check-in's own box has the keys.
    let detail = press(&mut app, &[Action::FocusRight]);
    assert!(detail.contains("● Check-in"), "{detail}");
    assert_eq!(app.panes.checkins.history_sel.selected, len - 1);
}

#[test]
fn help_scrolls_to_its_last_line() {
    let mut app = tui_support::app();
    let first = press(&mut app, &[Action::Help]);
    assert!(first.contains("more ┘"), "{first}");
    insta::assert_snapshot!("help_80x24_top", first);
    let end = press(&mut app, &[Action::PageDown, Action::Bottom]);
    assert!(end.contains("above ┐"), "{end}");
    assert!(!end.contains("more ┘"), "{end}");
    insta::assert_snapshot!("help_80x24_end", end);
    let Some(Overlay::Help { scroll }) = &app.overlay else {
        panic!("help closed")
    };
    assert!(scroll.offset > 0);
    dispatch(&mut app, Action::Back);
    assert!(app.overlay.is_none());
}

#[test]
fn a_long_status_wraps_at_words_instead_of_being_cut() {
    let mut app = tui_support::app();
    let text = "Ended Dimitris Shevchenko → Oksana Ionescu (learner asked); the mentor is \
                excluded. Pick a new mentor: a approves";
    app.status = Some(Status::info(text));
    let screen = render(&app, W, H);
    let lines = rows(&screen);
    let status: Vec<&str> = lines[lines.len() - 3..lines.len() - 1].to_vec();
    let joined = status
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(joined, format!("✓ {text}"), "{screen}");
    assert!(status[0].trim_end().ends_with("mentor is"), "{screen}");
    insta::assert_snapshot!("status_wraps_80x24", screen);
}

#[test]
fn the_mouse_wheel_scrolls_the_box_under_the_pointer() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let mut app = tui_support::app();
    let before = render(&app, W, H);
    // Over the "Why this score" box (lower right at 80×24), the keys still on the learners.
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 70,
            row: 15,
            modifiers: KeyModifiers::NONE,
        })
    };
    let learner = app
        .panes
        .matching
        .selected_learner()
        .map(|w| w.learner.id.clone());
    mentordesk::tui::input::handle_event(&mut app, &wheel(MouseEventKind::ScrollDown));
    let after = render(&app, W, H);
    assert!(!before.contains("↑ 3 above"), "{before}");
    assert!(after.contains("↑ 3 above"), "{after}");
    assert_eq!(
        app.panes
            .matching
            .selected_learner()
            .map(|w| w.learner.id.clone()),
        learner,
        "the wheel over a box scrolls it and leaves the list's cursor alone"
    );
    mentordesk::tui::input::handle_event(&mut app, &wheel(MouseEventKind::ScrollUp));
    assert!(!render(&app, W, H).contains("above ┐"));
}

#[test]
fn the_dashboards_mentor_load_scrolls_to_its_last_mentor() {
    let mut app = tui_support::app();
    app.show(Pane::Dashboard);
    let (w, h) = (120, 40);
    let first = render(&app, w, h);
    assert!(first.contains("Mentor load"), "{first}");
    assert!(
        first.contains("more ┘"),
        "the load box says it is cut:\n{first}"
    );
    let emptiest = {
        let insight = app.panes.dashboard.insight.as_ref().unwrap();
        // Names are cut to the box's name column; its first letters are enough.
        let name = &insight.metrics.mentor_load.mentors.last().unwrap().name;
        name.chars().take(12).collect::<String>()
    };
    assert!(!first.contains(&emptiest), "{first}");
    // l: from the attention list into the load box; G: its last mentor.
    for action in [Action::FocusRight, Action::Bottom] {
        dispatch(&mut app, action);
        render(&app, w, h);
    }
    let end = render(&app, w, h);
    assert!(end.contains("● Mentor load"), "{end}");
    assert!(end.contains(&emptiest), "{end}");
    // h goes back to the list, which moves again.
    let before = app.panes.dashboard.at_risk.selected;
    dispatch(&mut app, Action::FocusLeft);
    dispatch(&mut app, Action::Down);
    assert_eq!(app.panes.dashboard.at_risk.selected, before + 1);
}
