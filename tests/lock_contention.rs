//! Writers fighting over one file, and a desk open on it.
//!
//! - A desk write that waits for another process's write lock does not hold the UI: the
//!   status line says "waiting for another desk… (Esc cancels)", keys still work, and Esc
//!   gives the write up with "cancelled: nothing was written" (nothing is).
//! - A command-line write that waits says once on stderr what it waits for.
//! - Three command-line writers plus a desk (the real worker runtime, driven by actions and
//!   drawn every tick) for 5 s, or 60 s with `MENTORDESK_LONG=1`: every write reported done
//!   is in the file, no "locked" or "busy" reaches anyone, and the longest gap between the
//!   desk's frames is printed (run with `--nocapture`; never asserted).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use mentordesk::desk::Desk;
use mentordesk::tui::action::Action;
use mentordesk::tui::app::{App, Overlay, Pane};
use mentordesk::tui::input::dispatch;
use mentordesk::tui::keymap::Keymap;
use mentordesk::tui::runtime::app_on_worker;
use mentordesk::tui::theme::Theme;
use tui_support::{refusing_services, render};

/// A demo program in a file of a fresh folder.
fn demo_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let mut desk = Desk::open(&db).unwrap();
    tui_support::fill(&mut desk);
    (dir, db)
}

/// The desk on `db` as the terminal runs it: effects on the worker thread.
fn worker_desk(db: &Path) -> App {
    let mut desk = Desk::open(db).unwrap();
    desk.set_actor("coordinator");
    app_on_worker(
        desk,
        refusing_services(),
        Keymap::defaults(),
        Theme::monochrome(),
    )
    .unwrap()
}

/// Settles `app` (drawing it, as the event loop would) until `done` holds; panics with
/// the screen after 30 s.
fn run_until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    let started = Instant::now();
    while !done(app) {
        app.settle();
        let screen = render(app, 120, 40);
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "never {what}:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Another process's write lock, held until dropped (rolled back).
struct LockHolder(rusqlite::Connection);

impl LockHolder {
    fn take(db: &Path) -> LockHolder {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        LockHolder(conn)
    }
}

impl Drop for LockHolder {
    fn drop(&mut self) {
        let _ = self.0.execute_batch("ROLLBACK");
    }
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map_or(String::new(), |s| s.text.clone())
}

/// Opens the exclusion prompt for the selected learner's top candidate and submits `reason`.
fn exclude_top_candidate(app: &mut App, reason: &str) {
    assert!(
        try_exclude(app, reason),
        "the exclusion prompt did not open: {}",
        status_text(app)
    );
}

/// As [`exclude_top_candidate`]; false when the prompt did not open (nothing selected).
fn try_exclude(app: &mut App, reason: &str) -> bool {
    dispatch(app, Action::FocusRight);
    dispatch(app, Action::Exclude);
    let Some(Overlay::Prompt(prompt)) = &mut app.overlay else {
        return false;
    };
    prompt.input = tui_input::Input::new(reason.into());
    dispatch(app, Action::Submit);
    true
}

fn mentordesk(db: &Path, args: &[&str]) -> Output {
    Command::new(cargo_bin!("mentordesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = mentordesk(db, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The reasons of every exclusion in the audit trail, and every check-in's notes: where a
/// write reported done must be found.
fn written_text(db: &Path) -> String {
    let audit = json(db, &["audit", "--json", "--limit", "1000000"]);
    let checkins = json(db, &["checkin", "list", "--json"]);
    format!("{audit}\n{checkins}")
}

#[test]
fn a_desk_write_waiting_for_a_lock_shows_it_keeps_keys_and_esc_cancels_it() {
    let (_dir, db) = demo_file();
    let mut app = worker_desk(&db);
    run_until(&mut app, "read the Match pane", |a| {
        a.panes.matching.ranking.is_some()
    });
    let holder = LockHolder::take(&db);
    exclude_top_candidate(&mut app, "cancelled-while-waiting");
    run_until(&mut app, "waited for the lock", App::waiting_for_lock);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("waiting for another desk… (Esc cancels)"),
        "{screen}"
    );
    // Keys still work while the write waits.
    dispatch(&mut app, Action::PanePeople);
    assert_eq!(app.pane, Pane::People);
    dispatch(&mut app, Action::PaneMatch);
    assert!(app.waiting_for_lock(), "still waiting: the lock is held");
    dispatch(&mut app, Action::Back);
    run_until(&mut app, "said the write was cancelled", |a| {
        status_text(a).contains("cancelled: nothing was written")
    });
    drop(holder);
    assert!(
        !written_text(&db).contains("cancelled-while-waiting"),
        "nothing was written"
    );
}

#[test]
fn a_desk_write_that_waited_is_saved_once_the_lock_is_free() {
    let (_dir, db) = demo_file();
    let mut app = worker_desk(&db);
    run_until(&mut app, "read the Match pane", |a| {
        a.panes.matching.ranking.is_some()
    });
    let holder = LockHolder::take(&db);
    exclude_top_candidate(&mut app, "saved-after-waiting");
    run_until(&mut app, "waited for the lock", App::waiting_for_lock);
    drop(holder);
    run_until(&mut app, "saved the exclusion", |a| {
        status_text(a).starts_with("Excluded")
    });
    assert!(written_text(&db).contains("saved-after-waiting"));
}

#[test]
fn a_command_line_write_waiting_for_a_lock_says_so_once() {
    let (_dir, db) = demo_file();
    let waiting = json(&db, &["learners", "--json"]);
    let learner = waiting
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["status"] == "waiting")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mentor = json(&db, &["mentors", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let holder = LockHolder::take(&db);
    let child = Command::new(cargo_bin!("mentordesk"))
        .arg("--db")
        .arg(&db)
        .args(["exclude", &learner, &mentor, "--reason", "cli-waited"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Long enough for the command to meet the lock; the command waits, it does not fail.
    std::thread::sleep(Duration::from_millis(1500));
    drop(holder);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches("waiting for another desk").count(),
        1,
        "said once: {stderr}"
    );
    assert!(written_text(&db).contains("cli-waited"));
}

/// What one command-line writer did.
#[derive(Default)]
struct Tally {
    /// Tokens of writes reported done (exit 0): each must be in the file.
    done: Vec<String>,
    /// Messages of failed writes; none may mention a lock.
    failed: Vec<String>,
}

/// Runs `write(n)` until `until`; each returns (token, output).
fn writer(until: Instant, write: impl Fn(usize) -> (String, Output)) -> Tally {
    let mut tally = Tally::default();
    let mut n = 0;
    while Instant::now() < until {
        let (token, out) = write(n);
        if out.status.success() {
            tally.done.push(token);
        } else {
            tally
                .failed
                .push(String::from_utf8_lossy(&out.stderr).to_string());
        }
        n += 1;
    }
    tally
}

#[test]
fn three_writers_and_a_desk_lose_nothing_and_show_no_lock() {
    let long = std::env::var_os("MENTORDESK_LONG").is_some_and(|v| v == "1");
    let length = Duration::from_secs(if long { 60 } else { 5 });
    let (_dir, db) = demo_file();
    let active = json(&db, &["pairings", "--status", "active", "--json"]);
    let active: Vec<String> = active
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].to_string())
        .collect();
    let learners = json(&db, &["learners", "--json"]);
    let waiting: Vec<String> = learners
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["status"] == "waiting")
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    let mentors: Vec<String> = json(&db, &["mentors", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    // The desk's exclusions come from the Match pane's first learners; the command line
    // excludes for the last waiting learners, so the two never ask for the same pair.
    let cli_learners: Vec<String> = waiting.iter().rev().take(5).cloned().collect();

    let until = Instant::now() + length;
    let writers = std::thread::scope(|scope| {
        let db = &db;
        let first = scope.spawn(|| {
            writer(until, |n| {
                let token = format!("writer-one-{n}");
                let pairing = &active[n % active.len()];
                let out = mentordesk(
                    db,
                    &[
                        "checkin",
                        "add",
                        "--pairing",
                        pairing,
                        "--minutes",
                        "30",
                        "--notes",
                        &token,
                    ],
                );
                (token, out)
            })
        });
        let second = scope.spawn(|| {
            writer(until, |n| {
                let token = format!("writer-two-{n}");
                let learner = &cli_learners[n / mentors.len() % cli_learners.len()];
                let mentor = &mentors[n % mentors.len()];
                let out = mentordesk(db, &["exclude", learner, mentor, "--reason", &token]);
                (token, out)
            })
        });
        let third = scope.spawn(|| {
            writer(until, |n| {
                let token = format!("writer-three-{n}");
                let pairing = &active[(n + active.len() / 2) % active.len()];
                let out = mentordesk(
                    db,
                    &[
                        "checkin",
                        "add",
                        "--pairing",
                        pairing,
                        "--minutes",
                        "45",
                        "--by",
                        "mentor",
                        "--notes",
                        &token,
                    ],
                );
                (token, out)
            })
        });
        let desk = drive_desk(db, until);
        (
            vec![
                first.join().unwrap(),
                second.join().unwrap(),
                third.join().unwrap(),
            ],
            desk,
        )
    });
    let (tallies, desk) = writers;
    let written = written_text(&db);
    let mut reported = 0;
    for tally in &tallies {
        for failure in &tally.failed {
            let lower = failure.to_lowercase();
            assert!(
                !lower.contains("locked") && !lower.contains("busy"),
                "a lock reached the user: {failure}"
            );
        }
        for token in &tally.done {
            assert!(
                written.contains(&format!("\"{token}\"")),
                "reported written, not found: {token}"
            );
        }
        reported += tally.done.len();
    }
    for token in &desk.saved {
        assert!(
            written.contains(&format!("\"{token}\"")),
            "the desk saved {token}, not found"
        );
    }
    for status in &desk.statuses {
        let lower = status.to_lowercase();
        assert!(
            !lower.contains("locked") && !lower.contains("busy"),
            "the desk showed a lock: {status}"
        );
    }
    let failed: usize = tallies.iter().map(|t| t.failed.len()).sum();
    eprintln!(
        "{} s: {reported} command-line writes done ({failed} refused for other reasons), {} by \
         the desk, {} frames; longest gap between frames {:.1} ms, longest UI work between \
         frames {:.1} ms",
        length.as_secs(),
        desk.saved.len(),
        desk.frames,
        desk.longest_gap.as_secs_f64() * 1000.0,
        desk.longest_work.as_secs_f64() * 1000.0,
    );
    assert!(reported > 0, "the writers wrote");
    assert!(
        !desk.saved.is_empty(),
        "the desk wrote too; the prompt would not open: {:?}; statuses: {:?}",
        desk.unopened,
        desk.statuses
    );
    let check = mentordesk(&db, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// What the desk did while the writers wrote.
struct DeskRun {
    /// Reasons of the exclusions the desk said it saved.
    saved: Vec<String>,
    /// Every status line shown.
    statuses: Vec<String>,
    /// What the status line said when the exclusion prompt would not open.
    unopened: Vec<String>,
    frames: usize,
    longest_gap: Duration,
    longest_work: Duration,
}

/// Drives a desk on `db` until `until` as the event loop does: a tick, an action, settle,
/// draw. It reads the panes again, moves around, and excludes a pair now and then.
fn drive_desk(db: &Path, until: Instant) -> DeskRun {
    let mut app = worker_desk(db);
    let mut run = DeskRun {
        saved: Vec::new(),
        statuses: Vec::new(),
        unopened: Vec::new(),
        frames: 0,
        longest_gap: Duration::ZERO,
        longest_work: Duration::ZERO,
    };
    let tour = [
        Action::PanePairings,
        Action::PaneCheckIns,
        Action::PaneDashboard,
        Action::PanePeople,
        Action::PaneMatch,
    ];
    let mut asked: Option<String> = None;
    let mut last_frame = Instant::now();
    let mut tick = 0usize;
    while Instant::now() < until || asked.is_some() {
        std::thread::sleep(Duration::from_millis(30));
        let work = Instant::now();
        tick += 1;
        if asked.is_none() && Instant::now() < until {
            // Every 40 ticks: to the Match pane, and once it is read, exclude a pair.
            let phase = tick % 40;
            if phase == 0 {
                // The learner list first, and a learner further down each round.
                dispatch(&mut app, Action::PaneMatch);
                dispatch(&mut app, Action::FocusLeft);
                dispatch(&mut app, Action::Top);
                for _ in 0..(tick / 40) % 20 {
                    dispatch(&mut app, Action::Down);
                }
            } else if phase < 12 {
                if app.pane == Pane::Match
                    && app.overlay.is_none()
                    && app.panes.matching.selected_learner().is_some()
                    && app.panes.matching.selected_candidate().is_some()
                {
                    let reason = format!("desk-{tick}");
                    if try_exclude(&mut app, &reason) {
                        asked = Some(reason);
                    } else {
                        run.unopened.push(status_text(&app));
                    }
                }
            } else if tick.is_multiple_of(25) {
                dispatch(&mut app, Action::Reload);
            } else if tick.is_multiple_of(7) {
                dispatch(&mut app, tour[(tick / 7) % tour.len()]);
            } else if app.pane != Pane::Match {
                dispatch(&mut app, Action::Down);
            }
        }
        app.settle();
        if let Some(status) = &app.status
            && run.statuses.last() != Some(&status.text)
        {
            run.statuses.push(status.text.clone());
            if let Some(reason) = &asked
                && status.text.starts_with("Excluded")
                && status.text.contains(reason.as_str())
            {
                run.saved.push(reason.clone());
                asked = None;
            }
        }
        if asked.is_some() && app.overlay.is_some() {
            // The desk refused (the prompt came back with why): give the prompt up.
            dispatch(&mut app, Action::Back);
            asked = None;
        }
        let _ = render(&app, 120, 40);
        run.longest_work = run.longest_work.max(work.elapsed());
        run.longest_gap = run.longest_gap.max(last_frame.elapsed());
        last_frame = Instant::now();
        run.frames += 1;
    }
    run
}
