//! A database written by the first schema opens with this build, keeps its data, and passes
//! the check; a file from a newer build is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::cargo::cargo_bin_cmd;

fn build_v1(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("fixtures/db/schema-1.sql"))
        .unwrap();
}

#[test]
fn schema_1_database_upgrades_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite3");
    build_v1(&db);
    let out = cargo_bin_cmd!("mentordesk")
        .args(["--db"])
        .arg(&db)
        .args(["learners", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let learners: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(learners[0]["id"], "L1");
    assert_eq!(learners[0]["status"], "matched");
    assert_eq!(learners[0]["effective_timezone"], "Europe/Madrid");
    let check = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&db)
        .arg("check")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn newer_schema_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    build_v1(&db);
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&db)
        .arg("learners")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("newer mentordesk"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
