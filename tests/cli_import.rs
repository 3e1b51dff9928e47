//! `mentordesk import` over the fixture files: valid files land, every invalid one is refused
//! with exit code 2, a message naming the line and column, and the database exactly as before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;

fn fixture(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
        .join(name)
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample")
        .join(name)
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn run_path(db: &Path, args: &[&str], path: &Path) -> std::process::Output {
    cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(db)
        .args(args)
        .arg(path)
        .output()
        .unwrap()
}

/// Everything a person could see of the database.
fn state(db: &Path) -> (String, String, String) {
    let text = |args: &[&str]| String::from_utf8(run(db, args).stdout).unwrap();
    (
        text(&["learners", "--json"]),
        text(&["mentors", "--json"]),
        text(&["audit", "--json"]),
    )
}

fn sample_desk() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    assert!(
        run_path(&db, &["import", "mentors"], &sample("mentors.csv"))
            .status
            .success()
    );
    assert!(
        run_path(&db, &["import", "learners"], &sample("learners.csv"))
            .status
            .success()
    );
    (dir, db)
}

#[test]
fn sample_program_imports_and_reimports_unchanged() {
    let (_dir, db) = sample_desk();
    let out = run_path(&db, &["import", "learners"], &sample("learners.csv"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .trim_end()
            .rsplit(": ")
            .next(),
        Some("0 new, 0 updated, 40 unchanged")
    );
    let learners: serde_json::Value =
        serde_json::from_slice(&run(&db, &["learners", "--json"]).stdout).unwrap();
    assert_eq!(learners.as_array().unwrap().len(), 40);
    let mentors: serde_json::Value =
        serde_json::from_slice(&run(&db, &["mentors", "--json"]).stdout).unwrap();
    assert_eq!(mentors.as_array().unwrap().len(), 12);
    assert_eq!(mentors[0]["load"], 0);
    assert!(run(&db, &["check"]).status.success());
}

#[test]
fn every_valid_fixture_imports() {
    for entry in std::fs::read_dir(fixture("valid", "")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let kind = if name.starts_with("mentors") {
            "mentors"
        } else {
            "learners"
        };
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.sqlite3");
        let out = run_path(&db, &["import", kind], &path);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn escapes_are_stored_inert() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    assert!(
        run_path(
            &db,
            &["import", "learners"],
            &fixture("valid", "learners_escapes.csv")
        )
        .status
        .success()
    );
    let out = run(&db, &["learners", "--json"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains("\\u001b"),
        "{text}"
    );
    assert!(
        !text.contains('\u{202e}') && !text.contains("\\u202e"),
        "{text}"
    );
}

/// (fixture, kind, words the error must contain: the line, the column, the value)
const INVALID: &[(&str, &str, &[&str])] = &[
    ("learners_empty.csv", "learners", &["file is empty"]),
    (
        "learners_whitespace_only.csv",
        "learners",
        &["file is empty"],
    ),
    (
        "learners_missing_id_column.csv",
        "learners",
        &[":1:", "missing required column \"id\""],
    ),
    (
        "mentors_missing_capacity_column.csv",
        "mentors",
        &[":1:", "\"capacity\""],
    ),
    (
        "learners_unknown_column.csv",
        "learners",
        &[":1:", "favourite_colour", "known columns"],
    ),
    (
        "learners_duplicate_column.csv",
        "learners",
        &[":1:", "\"name\" appears twice"],
    ),
    (
        "learners_semicolon.csv",
        "learners",
        &[":1:", "separated by ';'"],
    ),
    (
        "learners_tab.csv",
        "learners",
        &[":1:", "separated by tabs"],
    ),
    (
        "learners_unterminated_quote.csv",
        "learners",
        &[":3:", "never closed"],
    ),
    (
        "learners_not_utf8.csv",
        "learners",
        &[":3:", "not valid UTF-8"],
    ),
    (
        "learners_duplicate_id.csv",
        "learners",
        &[":4:", "column id", "\"L1\"", "line 2"],
    ),
    (
        "learners_empty_id.csv",
        "learners",
        &[":3:", "column id", "required"],
    ),
    (
        "learners_unknown_timezone.csv",
        "learners",
        &[":3:", "column timezone", "Mars/Base"],
    ),
    (
        "learners_bad_hour.csv",
        "learners",
        &[":2:", "column availability", "Mon 25:00-26:00"],
    ),
    (
        "learners_end_before_start.csv",
        "learners",
        &[":2:", "column availability", "not after"],
    ),
    (
        "learners_unknown_mode.csv",
        "learners",
        &[":2:", "column modes", "\"fax\""],
    ),
    (
        "learners_unknown_track.csv",
        "learners",
        &[":2:", "column track", "\"expert\""],
    ),
    (
        "mentors_unknown_experience.csv",
        "mentors",
        &[":2:", "column experience", "\"guru\""],
    ),
    (
        "mentors_bad_capacity.csv",
        "mentors",
        &[
            ":2:",
            ":3:",
            ":4:",
            "column capacity",
            "\"-1\"",
            "\"abc\"",
            "\"51\"",
        ],
    ),
    (
        "mentors_bad_values.csv",
        "mentors",
        &[":2:", "column email", "column expertise", "rust:9"],
    ),
    (
        "learners_wrong_field_count.csv",
        "learners",
        &[":3:", ":4:", "fields"],
    ),
    (
        "learners_bad_preferences.csv",
        "learners",
        &[
            ":2:",
            ":3:",
            "column prefer",
            "column avoid",
            "column mentor_experience",
            "\"expert\"",
        ],
    ),
];

#[test]
fn every_invalid_fixture_is_refused_and_changes_nothing() {
    let (_dir, db) = sample_desk();
    let before = state(&db);
    let mut seen = 0;
    for (name, kind, needles) in INVALID {
        let path = fixture("invalid", name);
        for extra in [&[][..], &["--dry-run"][..]] {
            let mut args = vec!["import", kind];
            args.extend_from_slice(extra);
            let out = run_path(&db, &args, &path);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
            assert!(stderr.starts_with("mentordesk: "), "{name}: {stderr}");
            assert!(
                !stderr.contains("panicked") && !stderr.contains("backtrace"),
                "{name}: {stderr}"
            );
            for needle in *needles {
                assert!(
                    stderr.contains(needle),
                    "{name}: missing {needle:?} in\n{stderr}"
                );
            }
        }
        seen += 1;
    }
    assert_eq!(
        seen,
        std::fs::read_dir(fixture("invalid", "")).unwrap().count(),
        "a fixture has no case"
    );
    assert_eq!(state(&db), before, "a refused import changed the database");
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let out = run_path(
        &db,
        &["import", "mentors", "--dry-run"],
        &sample("mentors.csv"),
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("would import mentors: 12 new"));
    let mentors: serde_json::Value =
        serde_json::from_slice(&run(&db, &["mentors", "--json"]).stdout).unwrap();
    assert_eq!(mentors, serde_json::json!([]));
}

#[test]
fn export_round_trips() {
    let (dir, db) = sample_desk();
    for kind in ["learners", "mentors"] {
        let file = dir.path().join(format!("{kind}.csv"));
        let out = cargo_bin_cmd!("mentordesk")
            .arg("--db")
            .arg(&db)
            .args(["export", kind, "-o"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
        let again = run_path(&db, &["import", kind], &file);
        let text = String::from_utf8_lossy(&again.stdout);
        assert!(text.contains("0 new, 0 updated"), "{kind}: {text}");
    }
}

#[test]
fn a_missing_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let out = run(&db, &["import", "learners", "/nonexistent/learners.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/learners.csv"));
}
