//! `mentordesk demo`: a seeded program with history, refused over an existing one unless
//! `--force`, the same people for the same seed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&run(db, args).stdout).unwrap()
}

/// Who is in the program, without the instants that depend on when it was made.
fn people(db: &Path) -> Vec<(String, String, String)> {
    json(db, &["learners", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].to_string(),
                l["name"].to_string(),
                l["status"].to_string(),
            )
        })
        .collect()
}

#[test]
fn standard_demo_has_every_state_and_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = run(&db, &["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("120 learners, 30 mentors"));
    let learners = json(&db, &["learners", "--json"]);
    let statuses: Vec<&str> = learners
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    let waiting = statuses.iter().filter(|s| **s == "waiting").count();
    assert!((30..=50).contains(&waiting), "{waiting} waiting");
    for status in ["matched", "paused", "graduated"] {
        assert!(statuses.contains(&status), "no {status} learner");
    }
    let mentors = json(&db, &["mentors", "--json"]);
    assert!(
        mentors
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["load"].as_u64().unwrap() > 0)
    );
    assert!(run(&db, &["check"]).status.success());
}

#[test]
fn refuses_a_full_desk_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    assert!(
        run(&db, &["demo", "--learners", "30", "--mentors", "8"])
            .status
            .success()
    );
    let again = run(&db, &["demo"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(people(&db).len(), 30);
    assert!(
        run(
            &db,
            &["demo", "--learners", "50", "--mentors", "10", "--force"]
        )
        .status
        .success()
    );
    assert_eq!(people(&db).len(), 50);
    let audit = json(&db, &["audit", "--json"]);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    // Newest first: the second load, the backup of the program it replaced, the first load.
    assert_eq!(
        actions,
        ["program.load", "backup", "program.load"],
        "both loads are audited"
    );
}

#[test]
fn same_seed_same_program() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("c.db"),
    );
    for (db, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        assert!(
            run(
                db,
                &[
                    "demo",
                    "--learners",
                    "60",
                    "--mentors",
                    "12",
                    "--seed",
                    seed
                ]
            )
            .status
            .success()
        );
    }
    assert_eq!(people(&a), people(&b));
    assert_ne!(people(&a), people(&c));
}

#[test]
fn bad_sizes_are_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    for args in [
        &["demo", "--learners", "0"][..],
        &["demo", "--mentors", "0"],
        &["demo", "--learners", "x"],
    ] {
        assert_eq!(run(&db, args).status.code(), Some(2), "{args:?}");
    }
}
