//! kill -9 at a random moment while the real binary writes: check-in adds, an import, `demo`
//! (into an empty desk and `--force` over a program) and `plan --save`. Afterwards every write
//! the process reported (a line on stdout) is there, each import, demo and plan is there
//! whole or not at all, and `mentordesk check` is clean.
//!
//! The short run (a few seeded rounds per writer) is part of `cargo test`; the long run is
//! `MENTORDESK_LONG=1 cargo test --test kill9 -- --nocapture` (rounds:
//! `MENTORDESK_KILL9_ROUNDS`, default 40; seed: `MENTORDESK_KILL9_SEED`). Each test prints
//! its seed and figures, so a failure can be replayed.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use std::collections::BTreeSet;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use cli_support::Desk;

/// Rounds per writer: a few in `cargo test`, many in the long run.
fn rounds() -> usize {
    if std::env::var_os("MENTORDESK_LONG").is_some() {
        std::env::var("MENTORDESK_KILL9_ROUNDS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(40)
    } else {
        3
    }
}

/// The seed of the random delays: fixed unless given, and printed either way.
fn rng(test: &str) -> fastrand::Rng {
    let seed = std::env::var("MENTORDESK_KILL9_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_261_202);
    eprintln!("{test}: seed {seed}, {} rounds", rounds());
    fastrand::Rng::with_seed(seed)
}

/// `args` run by the real binary on `db`, in a process group of its own.
fn spawn(db: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MENTORDESK_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap()
}

/// `script` in `sh`, in a process group of its own so one signal reaches every process.
fn spawn_shell(script: &str) -> Child {
    Command::new("sh")
        .args(["-c", script])
        .env_remove("MENTORDESK_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap()
}

/// Waits `delay`, kills the whole group with SIGKILL, and returns what it printed.
fn kill_after(mut child: Child, delay: Duration) -> String {
    std::thread::sleep(delay);
    let group = format!("-{}", child.id());
    let status = Command::new("kill")
        .args(["-9", "--", &group])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    // The group is gone already when the writer finished before the kill.
    let _ = status;
    let _ = child.wait();
    let mut text = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn count(desk: &Desk, args: &[&str]) -> usize {
    desk.json(args).as_array().unwrap().len()
}

/// The `(learner, mentor)` of every pairing in `status`.
fn pairs(desk: &Desk, status: &str) -> BTreeSet<(String, String)> {
    desk.json(&["pairings", "--status", status, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["learner"].as_str().unwrap().to_string(),
                p["mentor"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A copy of the closed database at `from` (file, `-wal`) as `to`'s desk.
fn copy_desk(from: &Desk) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    for suffix in ["", "-wal"] {
        let source = format!("{}{suffix}", from.db.display());
        if Path::new(&source).exists() {
            std::fs::copy(&source, format!("{}{suffix}", db.display())).unwrap();
        }
    }
    Desk { dir, db }
}

#[test]
fn every_reported_checkin_survives() {
    let mut rng = rng("checkins");
    let paired = Desk::paired();
    let desk = &paired.desk;
    let bin = env!("CARGO_BIN_EXE_mentordesk");
    let mut reported = Vec::new();
    for round in 0..rounds() {
        let script = format!(
            "i=0; while true; do i=$((i+1)); \
             {bin} --db '{db}' checkin add --pairing {pairing} --minutes 30 \
             --notes \"k{round} note $i\" >/dev/null && echo \"$i\"; done",
            db = desk.db.display(),
            pairing = paired.pairing,
        );
        let delay = Duration::from_millis(rng.u64(20..600));
        let printed = kill_after(spawn_shell(&script), delay);
        reported.extend(
            printed
                .lines()
                .map(|i| format!("k{round} note {}", i.trim())),
        );
        desk.assert_check_ok();
    }
    let stored = desk.json(&["checkin", "list", "--json"]);
    let notes: BTreeSet<&str> = stored
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["notes"].as_str())
        .collect();
    let lost: Vec<&String> = reported
        .iter()
        .filter(|n| !notes.contains(n.as_str()))
        .collect();
    eprintln!(
        "checkins: {} rounds, {} reported, {} stored, {} lost",
        rounds(),
        reported.len(),
        notes.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "reported done but gone: {lost:?}");
    // A write may commit after its process last printed: at most one per round.
    assert!(notes.len() <= reported.len() + rounds());
}

#[test]
fn an_import_is_whole_or_absent() {
    let mut rng = rng("import");
    let source = Desk::empty();
    let csv = source.dir.path().join("many.csv");
    let mut text = String::from("id,name,timezone,languages,interests,track,modes,availability\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "L{i:05},Learner {i},Europe/Madrid,en,rust;sql,beginner,video,Mon 18:00-20:00\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let (mut whole, mut absent) = (0, 0);
    for _ in 0..rounds() {
        let desk = copy_desk(&source);
        let delay = Duration::from_millis(rng.u64(0..400));
        let printed = kill_after(
            spawn(&desk.db, &["import", "learners", csv.to_str().unwrap()]),
            delay,
        );
        desk.assert_check_ok();
        let n = count(&desk, &["learners", "--json"]);
        assert!(
            n == 0 || n == 3000,
            "{n} learners after a kill at {delay:?}"
        );
        if !printed.is_empty() {
            assert_eq!(n, 3000, "a reported import is all there");
        }
        if n == 0 { absent += 1 } else { whole += 1 }
    }
    eprintln!(
        "import: {} rounds, {whole} whole, {absent} absent, 0 partial",
        rounds()
    );
}

#[test]
fn a_demo_is_whole_or_absent_and_a_replaced_one_is_old_or_new() {
    let mut rng = rng("demo");
    let empty = Desk::empty();
    let first = [
        "demo",
        "--learners",
        "600",
        "--mentors",
        "120",
        "--seed",
        "1",
    ];
    let second = [
        "demo",
        "--learners",
        "900",
        "--mentors",
        "150",
        "--seed",
        "2",
        "--force",
    ];
    let loaded = copy_desk(&empty);
    loaded.ok(&first);
    let (mut old, mut new, mut none) = (0, 0, 0);
    for round in 0..rounds() {
        // Alternate: a first load into an empty desk, a replacement over a loaded one.
        let replacing = round % 2 == 1;
        let desk = copy_desk(if replacing { &loaded } else { &empty });
        let args: &[&str] = if replacing { &second } else { &first };
        let delay = Duration::from_millis(rng.u64(0..1500));
        let printed = kill_after(spawn(&desk.db, args), delay);
        desk.assert_check_ok();
        let learners = count(&desk, &["learners", "--json"]);
        let expected_new = if replacing { 900 } else { 600 };
        let expected_old = if replacing { 600 } else { 0 };
        assert!(
            learners == expected_new || learners == expected_old,
            "{learners} learners after a kill at {delay:?} (replacing: {replacing})"
        );
        if printed.contains("loaded") {
            assert_eq!(learners, expected_new, "a reported demo is all there");
        }
        match (learners == expected_new, learners) {
            (true, _) => new += 1,
            (false, 0) => none += 1,
            (false, _) => old += 1,
        }
    }
    eprintln!(
        "demo: {} rounds, {new} new program, {old} old program kept, {none} empty, 0 partial",
        rounds()
    );
}

#[test]
fn a_saved_plan_is_whole_or_absent() {
    let mut rng = rng("plan");
    let source = Desk::empty();
    source.ok(&[
        "demo",
        "--learners",
        "900",
        "--mentors",
        "200",
        "--seed",
        "3",
    ]);
    let before = pairs(&source, "proposed");
    let finished = copy_desk(&source);
    finished.ok(&["plan", "--strategy", "greedy", "--save"]);
    let after = pairs(&finished, "proposed");
    assert_ne!(before, after, "the plan proposes something new");
    let (mut saved, mut unsaved) = (0, 0);
    for _ in 0..rounds() {
        let desk = copy_desk(&source);
        let delay = Duration::from_millis(rng.u64(0..250));
        let printed = kill_after(
            spawn(&desk.db, &["plan", "--strategy", "greedy", "--save"]),
            delay,
        );
        desk.assert_check_ok();
        let now = pairs(&desk, "proposed");
        assert!(
            now == before || now == after,
            "{} proposals after a kill at {delay:?}: neither the old {} nor the plan's {}",
            now.len(),
            before.len(),
            after.len()
        );
        if printed.contains("saved") {
            assert_eq!(now, after, "a reported plan is all there");
        }
        if now == after {
            saved += 1
        } else {
            unsaved += 1
        }
    }
    eprintln!(
        "plan: {} rounds, {saved} saved, {unsaved} not saved, 0 partial",
        rounds()
    );
}
