//! The hostile-text harness: every sample of `hostile_corpus` pushed through every way text
//! enters the desk — CSV imports, command-line arguments (names, reasons, notes, paths),
//! argument-parsing errors, bundles and packs, and the desk's forms and panes — with
//! everything a terminal would show (stdout, stderr, the rendered `TestBackend` buffer)
//! scanned for control characters, escape sequences, bidi controls and line separators, and
//! messages checked for values echoed whole.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;
mod hostile_corpus;
mod tui_support;

use std::path::{Path, PathBuf};
use std::process::Output;

use cli_support::Desk;
use hostile_corpus::{LONG_CHARS, assert_inert, assert_lines_within, samples};

/// Longest line a message may have: room for a file name, a line number and a cut value,
/// far below the 10,000-character sample.
const MAX_MESSAGE_LINE: usize = 600;

/// Both streams of a finished command are inert and no line echoes a long value whole.
fn assert_shown_inert(what: &str, out: &Output) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_inert(&format!("{what} (stdout)"), &stdout);
    assert_inert(&format!("{what} (stderr)"), &stderr);
    assert_lines_within(&format!("{what} (stderr)"), &stderr, MAX_MESSAGE_LINE);
}

/// A CSV cell: quoted, with `"` doubled, so any text survives the trip.
fn cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Every sample but the long one as names, goals, needs and bios (names have a length limit;
/// the long sample goes in the free-text columns, which have none).
fn hostile_people(dir: &Path) -> (PathBuf, PathBuf) {
    let long = "x".repeat(LONG_CHARS);
    let mut learners = String::from("id,name,goals,interests,languages,modes,needs\n");
    let mut mentors = String::from("id,name,bio,expertise,languages,modes,capacity\n");
    for (i, (name, sample)) in samples().iter().enumerate() {
        let shown = if *name == "very long" { &long } else { sample };
        let person = if *name == "very long" {
            "Long Goals"
        } else {
            sample
        };
        learners.push_str(&format!(
            "H{i:02},{},{},python,en,video,{}\n",
            cell(person),
            cell(shown),
            cell(sample)
        ));
        mentors.push_str(&format!(
            "HM{i:02},{},{},python:4,en,video,2\n",
            cell(person),
            cell(shown)
        ));
    }
    (
        write(dir, "hostile_learners.csv", &learners),
        write(dir, "hostile_mentors.csv", &mentors),
    )
}

#[test]
fn imported_hostile_text_is_stored_clean_and_every_listing_shows_it_inert() {
    let desk = Desk::sample();
    let (learners, mentors) = hostile_people(desk.dir.path());
    for file in [&mentors, &learners] {
        let kind = if file == &mentors {
            "mentors"
        } else {
            "learners"
        };
        let out = desk.run(&["import", kind, file.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_shown_inert("import", &out);
    }
    for args in [
        vec!["learners"],
        vec!["learners", "--json"],
        vec!["mentors"],
        vec!["mentors", "--json"],
        vec!["candidates", "H00"],
        vec!["candidates", "H00", "--json"],
        vec!["candidates", "H07"],
        vec!["timeline", "H11"],
        vec!["export", "learners"],
        vec!["export", "mentors", "--json"],
        vec!["scores", "--json"],
        vec!["plan"],
        vec!["audit"],
    ] {
        let out = desk.run(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_shown_inert(&format!("{args:?}"), &out);
    }
    // The plain-text lists cut every cell, so the long goals never make a long line.
    let listing = desk.ok(&["learners"]);
    assert_lines_within("learners", &listing, 400);
}

#[test]
fn csv_errors_quote_hostile_values_inert_and_cut() {
    let desk = Desk::empty();
    let long = "y".repeat(LONG_CHARS);
    let mut text = String::from("id,name,timezone,track,availability\n");
    for (name, sample) in samples() {
        let value = if name == "very long" { &long } else { &sample };
        text.push_str(&format!(
            "{},{},{},{},{}\n",
            cell(value),
            cell(&format!("{value}{long}")),
            cell(value),
            cell(value),
            cell(&format!("Mon {value}"))
        ));
    }
    let file = write(desk.dir.path(), "bad.csv", &text);
    let out = desk.run(&["import", "learners", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_shown_inert("row errors", &out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv:2: column name"), "{err}");
    assert!(err.contains("and ") && err.contains(" more"), "{err}");

    for (name, sample) in samples() {
        let header = format!("id,name,{}\nL1,Ana,x\n", cell(&sample));
        let file = write(desk.dir.path(), "bad_header.csv", &header);
        let out = desk.run(&["import", "learners", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_shown_inert(&format!("header {name}"), &out);
    }
}

#[test]
fn arguments_are_echoed_inert_and_cut() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let other = desk.json(&["candidates", "L002", "--json"])["candidates"][0]["mentor"]
        .as_str()
        .unwrap()
        .to_string();
    let pairing = paired.pairing.to_string();
    for (name, sample) in samples() {
        // No process argument can hold a NUL.
        let sample = sample.replace('\0', "");
        let s = sample.as_str();
        let cases: Vec<Vec<&str>> = vec![
            vec!["exclude", "L002", &other, "--reason", s],
            vec!["unexclude", "L002", &other],
            vec!["candidates", s],
            vec!["timeline", s],
            vec!["exclude", s, &other, "--reason", "x"],
            vec!["default-zone", s],
            vec!["health", "set", s, "1"],
            vec!["health", "set", "at_risk_cadences", s],
            vec!["weights", "set", s, "1"],
            vec!["plan", "--strategy", s],
            vec!["pairings", "--status", s],
            vec!["metrics", "--since", s],
            vec![
                "checkin",
                "add",
                "--pairing",
                &pairing,
                "--minutes",
                "30",
                "--notes",
                s,
                "--next-steps",
                s,
            ],
            vec![
                "checkin",
                "add",
                "--pairing",
                &pairing,
                "--minutes",
                "30",
                "--topics",
                s,
            ],
            vec![
                "checkin",
                "add",
                "--pairing",
                &pairing,
                "--minutes",
                "30",
                "--at",
                s,
            ],
            vec!["checkin", "edit", s, "--minutes", "30"],
            vec!["milestone", "add", "--learner", "L001", "--title", s],
            vec!["approve", "L002", &other, "--goals", s, "--override", s],
            vec!["decline", "1", "--reason", s],
        ];
        for args in cases {
            let out = desk.run(&args);
            assert_shown_inert(&format!("{name}: {:?}", &args[..2]), &out);
        }
        // What clap refuses before any command runs.
        let flag = format!("--{s}");
        for args in [
            vec![flag.as_str()],
            vec![s],
            vec!["checkin", "add", "--pairing", s, "--minutes", "1"],
            vec!["export", s],
        ] {
            let out = desk.run(&args);
            assert_eq!(out.status.code(), Some(2), "{name}: {args:?}");
            assert_shown_inert(&format!("{name}: clap {args:?}"), &out);
        }
    }
    for args in [
        vec!["checkin", "list"],
        vec!["checkin", "list", "--json", "--history"],
        vec!["milestone", "list"],
        vec!["pairings"],
        vec!["pairings", "--json"],
        vec!["at-risk"],
        vec!["audit", "--limit", "500"],
        vec!["audit", "--json"],
        vec!["export", "checkins"],
        vec!["timeline", "L001"],
        vec!["report"],
    ] {
        let out = desk.run(&args);
        assert!(out.status.success(), "{args:?}");
        assert_shown_inert(&format!("{args:?}"), &out);
    }
    // The reason is echoed cleaned and cut, as it was stored.
    let long = format!("conflict {}", "z".repeat(LONG_CHARS));
    let out = desk.ok(&["exclude", "L003", &other, "--reason", &long]);
    assert!(out.chars().count() < 300, "{out}");
    assert!(out.contains('…'), "{out}");
}

/// A file name made of `sample` (without `/` and NUL, which no file name can hold), short
/// enough for the file system.
fn file_name(sample: &str) -> String {
    let name: String = sample
        .chars()
        .filter(|c| *c != '/' && *c != '\0')
        .take(60)
        .collect();
    format!("{name}.csv")
}

#[test]
fn paths_in_messages_are_inert() {
    let desk = Desk::sample();
    let dir = desk.dir.path();
    let learners = cli_support::sample("learners.csv");
    for (name, sample) in samples() {
        let hostile = dir.join(file_name(&sample));
        let missing = dir.join("missing").join(file_name(&sample));
        let folder = dir.join(format!("{}.d", file_name(&sample)));
        std::fs::create_dir_all(&folder).unwrap();
        let (h, m, f) = (
            hostile.to_str().unwrap(),
            missing.to_str().unwrap(),
            folder.to_str().unwrap(),
        );
        let inside = folder.join("out.csv");
        let db = folder.join("desk.sqlite3");
        let cases: Vec<Vec<&str>> = vec![
            vec!["import", "learners", m],
            vec!["import", "learners", f],
            vec!["export", "learners", "-o", m],
            vec!["export", "learners", "-o", inside.to_str().unwrap()],
            vec![
                "checkin",
                "add",
                "--learner",
                "L001",
                "--minutes",
                "5",
                "--notes-file",
                m,
            ],
            vec!["plan", "--scores", m],
            vec!["sync", "import", m],
            vec!["pack", "import", m],
            vec!["report", "-o", m],
        ];
        for args in cases {
            let out = desk.run(&args);
            assert_shown_inert(&format!("{name}: {args:?}"), &out);
        }
        // A real file under a hostile name: refused for its content, accepted for a dry run.
        std::fs::write(&hostile, "id,name\nbad id,\n").unwrap();
        let out = desk.run(&["import", "learners", h]);
        assert_eq!(out.status.code(), Some(2));
        assert_shown_inert(&format!("{name}: bad content"), &out);
        std::fs::copy(&learners, &hostile).unwrap();
        let out = desk.run(&["import", "learners", h, "--dry-run"]);
        assert!(out.status.success(), "{name}");
        assert_shown_inert(&format!("{name}: dry run"), &out);
        // `where` prints the path it was given.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
            .arg("--db")
            .arg(&db)
            .arg("where")
            .env_remove("MENTORDESK_DB")
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert_shown_inert(&format!("{name}: where"), &out);
    }
}

#[test]
fn bundles_and_packs_with_hostile_text_are_refused_inert() {
    let desk = Desk::demo();
    let dir = desk.dir.path();
    for (name, sample) in samples() {
        let json = serde_json::to_string(&sample).unwrap();
        let bodies = [
            format!("{{\"format\":{json},\"sha256\":\"00\",\"content\":{{}}}}"),
            format!("{{\"format\":\"mentordesk-bundle/1\",\"sha256\":{json},\"content\":{{}}}}"),
            format!("{{\"format\":\"mentordesk-pack/1\",\"sha256\":\"00\",\"content\":{json}}}"),
            sample.clone(),
        ];
        for (i, body) in bodies.iter().enumerate() {
            let file = write(dir, "hostile.json", body);
            for kind in ["sync", "pack"] {
                let out = desk.run(&[kind, "import", file.to_str().unwrap()]);
                assert_ne!(out.status.code(), Some(0), "{name} {kind} {i}");
                assert_shown_inert(&format!("{name}: {kind} import #{i}"), &out);
            }
        }
    }
}

mod desk_forms {
    use mentordesk::desk::{Desk, FixedClock};
    use mentordesk::tui::action::Action;
    use mentordesk::tui::app::{App, Overlay};
    use mentordesk::tui::input::dispatch;
    use mentordesk::tui::panes::checkins::NOTES;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    use super::hostile_corpus::{assert_inert, samples};
    use super::tui_support::{app_on, fill, render};

    /// Feeds `text` to the desk as key presses (at most 300 of them).
    fn type_keys(app: &mut App, text: &str) {
        for c in text.chars().take(300) {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
            mentordesk::tui::input::handle_event(app, &event);
        }
    }

    /// The demo program plus one learner and one mentor per sample, imported from CSV.
    fn hostile_app() -> App {
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 2, 9, 0, 0)
            .single()
            .unwrap();
        let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
        fill(&mut desk);
        let dir = tempfile::tempdir().unwrap();
        let (learners, mentors) = super::hostile_people(dir.path());
        let mentors_csv = std::fs::read(&mentors).unwrap();
        let parsed =
            mentordesk::exchange::csv::parse_mentors("mentors.csv", &mentors_csv, now).unwrap();
        desk.import_mentors("mentors.csv", &parsed, false).unwrap();
        let learners_csv = std::fs::read(&learners).unwrap();
        let parsed =
            mentordesk::exchange::csv::parse_learners("learners.csv", &learners_csv, now).unwrap();
        desk.import_learners("learners.csv", &parsed, false)
            .unwrap();
        app_on(desk)
    }

    fn screens(app: &App, what: &str) {
        for (w, h) in [(120, 40), (80, 24)] {
            assert_inert(&format!("{what} at {w}x{h}"), &render(app, w, h));
        }
    }

    #[test]
    fn every_pane_shows_hostile_names_inert() {
        let mut app = hostile_app();
        for (pane, action) in [
            ("match", Action::PaneMatch),
            ("pairings", Action::PanePairings),
            ("check-ins", Action::PaneCheckIns),
            ("timeline", Action::PaneTimeline),
            ("dashboard", Action::PaneDashboard),
            ("people", Action::PanePeople),
        ] {
            dispatch(&mut app, action);
            screens(&app, pane);
            // Walk the list so every hostile person is selected (and briefed) once.
            for step in 0..40 {
                dispatch(&mut app, Action::Down);
                if step % 5 == 0 {
                    screens(&app, &format!("{pane} row {step}"));
                }
            }
            dispatch(&mut app, Action::Bottom);
            screens(&app, &format!("{pane} bottom"));
        }
        dispatch(&mut app, Action::PanePeople);
        dispatch(&mut app, Action::TogglePeople);
        for _ in 0..40 {
            dispatch(&mut app, Action::Up);
        }
        screens(&app, "people mentors");
    }

    #[test]
    fn typed_hostile_text_in_prompts_and_forms_is_drawn_inert() {
        for (name, sample) in samples() {
            let mut app = hostile_app();
            // The exclusion prompt: the reason while typed, and the status line after.
            dispatch(&mut app, Action::PaneMatch);
            dispatch(&mut app, Action::FocusRight);
            dispatch(&mut app, Action::Exclude);
            let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
                panic!("{name}: no exclusion prompt: {:?}", app.status)
            };
            prompt.input = tui_input::Input::new(sample.clone());
            screens(&app, &format!("{name}: exclusion prompt"));
            dispatch(&mut app, Action::Submit);
            screens(&app, &format!("{name}: after the exclusion"));
            // The filter prompt.
            dispatch(&mut app, Action::PanePeople);
            dispatch(&mut app, Action::Filter);
            let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
                panic!("{name}: no filter prompt")
            };
            prompt.input = tui_input::Input::new(sample.clone());
            mentordesk::tui::update::prompt_edited(&mut app);
            screens(&app, &format!("{name}: filter"));
            dispatch(&mut app, Action::Back);
            // The check-in form: every one-line field and the notes.
            dispatch(&mut app, Action::PaneCheckIns);
            dispatch(&mut app, Action::NewCheckIn);
            {
                let draft = app.panes.checkins.draft.as_mut().expect("a check-in draft");
                for field in &mut draft.form.fields {
                    field.input = tui_input::Input::new(sample.clone());
                }
                draft.set_focus(NOTES);
                // Typed key by key (a paste without bracketed paste), then pasted.
                type_keys(&mut app, &sample);
                let paste = Event::Paste(sample.clone());
                mentordesk::tui::input::handle_event(&mut app, &paste);
                screens(&app, &format!("{name}: check-in form"));
                dispatch(&mut app, Action::Submit);
                screens(&app, &format!("{name}: check-in form submitted"));
            }
        }
    }
}
