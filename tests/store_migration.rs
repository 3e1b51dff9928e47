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
    // Step 015: a learner from before wishes existed said nothing (neutral in matching).
    assert_eq!(learners[0]["prefer"], serde_json::json!([]));
    assert_eq!(learners[0]["avoid"], serde_json::json!([]));
    assert_eq!(learners[0]["mentor_experience"], serde_json::Value::Null);
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

/// Step 011 indexes what an old desk already holds: the learner's and the agreement's goals
/// of the schema-1 fixture are found by search after the upgrade.
#[test]
fn an_upgraded_desk_finds_its_old_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite3");
    build_v1(&db);
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&db)
        .args(["search", "data job", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found["total"], 2, "{found}");
    let kinds: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"goals") && kinds.contains(&"agreement"),
        "{kinds:?}"
    );
    assert_eq!(found["hits"][0]["pairing"], 1);
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

/// Rows schema 1 could hold beyond the fixture's: a second (declined) pairing, a check-in a
/// mentor wrote, and a milestone.
fn add_v1_history(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "INSERT INTO learners (id, name, languages, status, joined_at, updated_at)
         VALUES ('L2', 'Bo Chen', 'en', 'waiting', '2026-01-06T09:00:00Z', '2026-01-06T09:00:00Z');
         INSERT INTO pairings (id, learner, mentor, status, cadence_days, session_minutes,
                               planned_weeks, created_at, ended_at)
         VALUES (2, 'L2', 'M1', 'declined', 14, 60, 12, '2026-01-08T09:00:00Z',
                 '2026-01-08T10:00:00Z');
         INSERT INTO checkins (id, pairing, at, minutes, notes, author_desk, recorded_at)
         VALUES ('01a236a4-1b89-7357-af2f-fe430e2bbdbf', 1, '2026-01-10T18:00:00Z', 45, 'kickoff',
                 'mentor:M1', '2026-01-10T19:00:00Z'),
                ('01a236a4-1b89-7357-af2f-fe430e2bbdc0', 1, '2026-01-17T18:00:00Z', 45, 'second',
                 'alice', '2026-01-17T19:00:00Z');
         INSERT INTO milestones (id, learner, title, kind, status, created_at)
         VALUES (5, 'L1', 'First SQL query', 'skill', 'planned', '2026-01-07T09:00:00Z');",
    )
    .unwrap();
}

fn names(conn: &rusqlite::Connection, kind: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = ?1 AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    stmt.query_map([kind], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn foreign_keys(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("PRAGMA foreign_key_list({table})"))
        .unwrap();
    let mut keys: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{}->{}.{} on delete {}",
                r.get::<_, String>(3)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                r.get::<_, String>(6)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    keys.sort();
    keys
}

#[test]
fn schema_4_keeps_every_row_index_trigger_and_key_and_never_reuses_a_pairing_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite3");
    build_v1(&db);
    add_v1_history(&db);
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&db)
        .args(["check", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, mentordesk::store::SCHEMA_VERSION);

    // Every row is still there, under its old number.
    let pairings: Vec<(i64, String, String)> = conn
        .prepare("SELECT id, status, uid FROM pairings ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        pairings
            .iter()
            .map(|p| (p.0, p.1.as_str()))
            .collect::<Vec<_>>(),
        vec![(1, "active"), (2, "declined")]
    );
    for (_, _, uid) in &pairings {
        let uid = uuid::Uuid::parse_str(uid).unwrap();
        assert_eq!(uid.get_version_num(), 7, "{uid}");
    }
    assert_ne!(pairings[0].2, pairings[1].2);
    let milestone: (i64, String, String) = conn
        .query_row("SELECT id, title, author FROM milestones", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(milestone.0, 5);
    assert_eq!(milestone.2, "coordinator");
    let authors: Vec<(String, String)> = conn
        .prepare("SELECT notes, author FROM checkins ORDER BY at")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        authors,
        vec![
            ("kickoff".to_string(), "mentor:M1".to_string()),
            ("second".to_string(), "coordinator".to_string())
        ]
    );
    let audit_author: String = conn
        .query_row("SELECT author FROM audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audit_author, "coordinator");
    let (role, device): (String, String) = conn
        .query_row("SELECT role, device FROM desk_identity", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(role, "coordinator");
    assert!(uuid::Uuid::parse_str(&device).is_ok(), "{device}");

    // Indexes, triggers and foreign keys of the rebuilt tables are all there.
    let indexes = names(&conn, "index");
    for expected in [
        "pairings_one_seat_per_learner",
        "pairings_by_mentor",
        "pairings_by_status",
        "checkins_by_pairing",
        "milestones_by_learner",
        "pairing_events_by_pairing",
    ] {
        assert!(
            indexes.iter().any(|i| i == expected),
            "{expected} in {indexes:?}"
        );
    }
    assert_eq!(
        names(&conn, "trigger"),
        vec![
            // Schema 7: the audit trail is insert-only.
            "audit_erasure_keeps_the_fact",
            "audit_insert_only_delete",
            "audit_insert_only_update",
            "mentors_capacity_not_below_load",
            // Schema 8: the operation log keeps every decision.
            "operations_never_deleted",
            "pairings_capacity_on_insert",
            "pairings_capacity_on_update",
            // Step 011: the search index follows its sources.
            "search_checkin_delete",
            "search_checkin_insert",
            "search_checkin_update",
            "search_learner_delete",
            "search_learner_insert",
            "search_learner_update",
            "search_note_delete",
            "search_note_insert",
            "search_note_update",
            "search_pairing_delete",
            "search_pairing_insert",
            "search_pairing_update",
            // Step 014: reflections join the search index.
            "search_reflection_delete",
            "search_reflection_insert",
            "search_reflection_update",
        ]
    );
    assert_eq!(
        foreign_keys(&conn, "milestones"),
        vec![
            "endorsed_by->mentors.id on delete NO ACTION",
            "from_checkin->checkins.id on delete SET NULL",
            "learner->learners.id on delete NO ACTION"
        ]
    );
    assert_eq!(
        foreign_keys(&conn, "pairings"),
        vec![
            "learner->learners.id on delete NO ACTION",
            "mentor->mentors.id on delete NO ACTION"
        ]
    );
    assert!(
        foreign_keys(&conn, "checkins")
            .contains(&"pairing->pairings.id on delete NO ACTION".to_string())
    );
    assert!(
        foreign_keys(&conn, "pairing_events")
            .contains(&"pairing->pairings.id on delete CASCADE".to_string())
    );
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'pairings'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("AUTOINCREMENT"), "{sql}");

    // The capacity trigger still holds (M1 takes 2; L2 and a third learner would be 3).
    conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    conn.execute(
        "INSERT INTO pairings (uid, learner, mentor, status, cadence_days, session_minutes,
                               planned_weeks, created_at)
         VALUES ('u-a', 'L2', 'M1', 'active', 14, 60, 12, '2026-02-01T00:00:00Z')",
        [],
    )
    .unwrap();
    conn.execute_batch(
        "INSERT INTO learners (id, name, status, joined_at, updated_at)
         VALUES ('L3', 'Cy', 'waiting', '2026-01-06T09:00:00Z', '2026-01-06T09:00:00Z');",
    )
    .unwrap();
    let full = conn.execute(
        "INSERT INTO pairings (uid, learner, mentor, status, cadence_days, session_minutes,
                               planned_weeks, created_at)
         VALUES ('u-b', 'L3', 'M1', 'active', 14, 60, 12, '2026-02-01T00:00:00Z')",
        [],
    );
    assert!(full.unwrap_err().to_string().contains("capacity"));

    // An undone pairing's number is never given again.
    let top: i64 = conn
        .query_row("SELECT max(id) FROM pairings", [], |r| r.get(0))
        .unwrap();
    conn.execute("DELETE FROM pairings WHERE id = ?1", [top])
        .unwrap();
    conn.execute(
        "INSERT INTO pairings (uid, learner, mentor, status, cadence_days, session_minutes,
                               planned_weeks, created_at)
         VALUES ('u-c', 'L3', 'M1', 'proposed', 14, 60, 12, '2026-02-01T00:00:00Z')",
        [],
    )
    .unwrap();
    assert_eq!(conn.last_insert_rowid(), top + 1);
}
