//! A coordinator's day in the desk, driven by keys and actions with effects run inline: a
//! person's pairings in their brief and Enter on one; a coordinator's note written in the
//! pairing view (refused empty, audited, shown at once and on the time line); and the keys
//! that search the program (`/` in Check-ins, `S` everywhere) against those that filter.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use mentordesk::desk::{PersonKind, TimelineKind};
use mentordesk::domain::{AuditFilter, PairingStatus};
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Detail, Overlay, Pane, PromptPurpose};
use mentordesk::tui::input::{dispatch, handle_event};
use mentordesk::tui::panes::people::Focus;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_support::{desk_of, render};

fn key(app: &mut App, code: KeyCode) {
    handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    handle_event(
        app,
        &Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        key(app, code);
    }
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The People pane on the mentors, the cursor on the first mentor with a pairing under way
/// and one that ended.
fn people_on_a_busy_mentor(app: &mut App) -> String {
    dispatch(app, Action::PanePeople);
    dispatch(app, Action::TogglePeople);
    loop {
        let (_, id) = app.panes.people.selected_key().unwrap();
        let rows = desk_of(app)
            .person_pairings(PersonKind::Mentor, &id)
            .unwrap();
        let under_way = rows.iter().any(|p| p.status.holds_seat());
        let ended = rows
            .iter()
            .any(|p| !p.status.holds_seat() && p.status != PairingStatus::Proposed);
        if under_way && ended {
            return id;
        }
        let before = app.panes.people.selection.selected;
        dispatch(app, Action::Down);
        assert_ne!(
            app.panes.people.selection.selected, before,
            "no mentor with both"
        );
    }
}

#[test]
fn a_persons_brief_lists_their_pairings_and_enter_opens_one() {
    let mut app = tui_support::app();
    let id = people_on_a_busy_mentor(&mut app);
    let expected = desk_of(&mut app)
        .person_pairings(PersonKind::Mentor, &id)
        .unwrap();
    assert_eq!(
        app.panes.people.pairing_rows(),
        expected.as_slice(),
        "the brief lists what `person show` lists, newest first"
    );
    insta::assert_snapshot!("people_pairings_80x24", render(&app, 80, 24));

    // Enter on the list goes to the pairings; Enter on one under way selects it in Pairings.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.panes.people.focus, Focus::Pairings);
    let under_way = expected.iter().position(|p| p.status.holds_seat()).unwrap();
    for _ in 0..under_way {
        key(&mut app, KeyCode::Char('j'));
    }
    let chosen = expected[under_way].pairing;
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.pane, Pane::Pairings, "{}", status_text(&app));
    let selected = app.panes.pairings.selected_active().unwrap();
    assert_eq!(selected.row.pairing.id, chosen);

    // One that ended is not in the Pairings pane: it opens on one screen.
    dispatch(&mut app, Action::PanePeople);
    assert_eq!(app.panes.people.focus, Focus::Pairings, "focus is kept");
    let ended = expected
        .iter()
        .position(|p| !p.status.holds_seat() && p.status != PairingStatus::Proposed)
        .unwrap();
    key(&mut app, KeyCode::Char('g'));
    for _ in 0..ended {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::Detail {
        detail: Detail::Pairing(opened),
        ..
    }) = &app.overlay
    else {
        panic!("the ended pairing opens: {}", status_text(&app));
    };
    assert_eq!(opened.row.row.pairing.id, expected[ended].pairing);
    assert_eq!(app.pane, Pane::People);
    insta::assert_snapshot!("people_ended_pairing_opened_80x24", render(&app, 80, 24));

    // h goes back through the boxes; moving to another person reads theirs.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('h'));
    assert_eq!(app.panes.people.focus, Focus::Brief);
    key(&mut app, KeyCode::Char('h'));
    assert_eq!(app.panes.people.focus, Focus::List);
    key(&mut app, KeyCode::Char('j'));
    let (_, next) = app.panes.people.selected_key().unwrap();
    let theirs = desk_of(&mut app)
        .person_pairings(PersonKind::Mentor, &next)
        .unwrap();
    assert_eq!(app.panes.people.pairing_rows(), theirs.as_slice());
}

#[test]
fn a_learners_brief_lists_their_mentors() {
    let mut app = tui_support::app();
    dispatch(&mut app, Action::PanePeople);
    let (kind, id) = app.panes.people.selected_key().unwrap();
    assert_eq!(kind, PersonKind::Learner);
    let expected = desk_of(&mut app)
        .person_pairings(PersonKind::Learner, &id)
        .unwrap();
    assert_eq!(app.panes.people.pairing_rows(), expected.as_slice());
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains(&format!("Mentors {}", expected.len())),
        "{screen}"
    );
}

/// The pairing view of the first pairing under way, opened with Enter in Pairings.
fn open_pairing_view(app: &mut App) -> mentordesk::domain::PairingId {
    dispatch(app, Action::PanePairings);
    dispatch(app, Action::FocusRight);
    let id = app.panes.pairings.selected_active().unwrap().row.pairing.id;
    key(app, KeyCode::Enter);
    assert!(
        matches!(
            &app.overlay,
            Some(Overlay::Detail {
                detail: Detail::Pairing(_),
                ..
            })
        ),
        "{}",
        status_text(app)
    );
    id
}

#[test]
fn a_note_written_in_the_pairing_view_is_audited_and_shown_at_once() {
    let mut app = tui_support::app();
    let pairing = open_pairing_view(&mut app);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("n add a note"),
        "the footer shows the key:\n{screen}"
    );
    let audited = |app: &mut App| {
        desk_of(app)
            .audit_trail(&AuditFilter {
                limit: 1_000,
                ..AuditFilter::default()
            })
            .unwrap()
            .iter()
            .filter(|l| l.entry.action == "note.add")
            .count()
    };
    assert_eq!(audited(&mut app), 0);

    key(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.overlay, Some(Overlay::Note(_))));
    // An empty note is refused with a message, the box stays, nothing is written.
    type_text(&mut app, "  \n ");
    ctrl(&mut app, 's');
    let Some(Overlay::Note(draft)) = &app.overlay else {
        panic!("the note stays open");
    };
    assert!(draft.error.as_deref().unwrap().contains("empty"));
    assert!(status_text(&app).contains("Note not saved"));
    assert!(desk_of(&mut app).notes(pairing).unwrap().is_empty());
    assert_eq!(audited(&mut app), 0);

    type_text(&mut app, "x");
    key(&mut app, KeyCode::Esc);
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.purpose == PromptPurpose::ConfirmDropNote),
        "a typed word is not thrown away without a question"
    );
    key(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.overlay, Some(Overlay::Note(_))),
        "Esc goes back to it"
    );

    // Enter is a new line; Ctrl-s saves, and the view opens again with the note in it.
    let Some(Overlay::Note(draft)) = &mut app.overlay else {
        panic!("the note is open");
    };
    draft.text = Default::default();
    type_text(&mut app, "Mentioned visa trouble\nasked HR for a letter");
    insta::assert_snapshot!("pairing_note_80x24", render(&app, 80, 24));
    ctrl(&mut app, 's');
    let Some(Overlay::Detail {
        detail: Detail::Pairing(opened),
        ..
    }) = &app.overlay
    else {
        panic!("the pairing view opens again: {}", status_text(&app));
    };
    assert_eq!(opened.row.row.pairing.id, pairing);
    let learner = opened.row.row.pairing.learner.clone();
    let notes = desk_of(&mut app).notes(pairing).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].text,
        "Mentioned visa trouble\nasked HR for a letter"
    );
    assert_eq!(audited(&mut app), 1);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Coordinator notes (1)"), "{screen}");
    assert!(screen.contains("asked HR for a letter"), "{screen}");
    assert!(status_text(&app).contains("added to pairing"));

    // On the learner's time line too.
    let story = desk_of(&mut app).timeline(&learner).unwrap();
    assert!(
        story
            .events
            .iter()
            .any(|e| e.kind == TimelineKind::Note && e.summary.contains("visa")),
        "{:?}",
        story.events
    );
    key(&mut app, KeyCode::Esc);
    dispatch(&mut app, Action::PaneTimeline);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Mentioned visa trouble"), "{screen}");
}

#[test]
fn slash_searches_in_check_ins_filters_elsewhere_and_s_searches_everywhere() {
    let mut app = tui_support::app();
    dispatch(&mut app, Action::PaneCheckIns);
    let screen = render(&app, 120, 40);
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("/ search program"), "{footer}");
    assert!(footer.contains("f filter list"), "{footer}");
    assert!(!footer.contains("/ filter"), "{footer}");

    key(&mut app, KeyCode::Char('/'));
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.purpose == PromptPurpose::SearchProgram)
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('f'));
    assert!(matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.purpose == PromptPurpose::Filter));
    key(&mut app, KeyCode::Esc);

    dispatch(&mut app, Action::PanePeople);
    key(&mut app, KeyCode::Char('/'));
    assert!(matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.purpose == PromptPurpose::Filter));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('S'));
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt(p)) if p.purpose == PromptPurpose::SearchProgram)
    );
    type_text(&mut app, "python");
    key(&mut app, KeyCode::Enter);
    let Some(Overlay::Search(list)) = &app.overlay else {
        panic!("results: {}", status_text(&app));
    };
    assert!(list.results.total > 1);
    // The results take keys of their own: j moves, / asks again with the words, Enter opens.
    key(&mut app, KeyCode::Char('j'));
    let Some(Overlay::Search(list)) = &app.overlay else {
        panic!("still open");
    };
    assert_eq!(list.selected, 1);
    let wanted = list.results.hits[1].pairing;
    key(&mut app, KeyCode::Char('/'));
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("the prompt opens again");
    };
    assert_eq!(prompt.input.value(), "python");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(app.pane, Pane::CheckIns);
    if let Some(wanted) = wanted {
        assert_eq!(
            app.panes.checkins.selected_pairing().unwrap().pairing.id,
            wanted
        );
    }
}
