//! `check` finds what was done to the file behind the desk's back: a broken foreign key, a
//! learner in two pairings, an audit entry removed (a gap in the ids), an erasure's unlock
//! left behind, and an operation log that disagrees with the rows it describes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{Desk, FixedClock};
use mentordesk::domain::PairingStatus;
use mentordesk::store::Store;

fn demo() -> (tempfile::TempDir, std::path::PathBuf, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::with_store(Store::open(&path).unwrap(), Box::new(FixedClock(now)));
    desk.set_default_zone("UTC").unwrap();
    mentordesk::cli::demo::load(&mut desk, &DemoSpec::standard(), false).unwrap();
    (dir, path, desk)
}

/// Runs `sql` on a second connection with foreign keys off (as another tool would).
fn behind_the_back(path: &std::path::Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute_batch(sql).unwrap();
}

fn problems(desk: &mut Desk) -> Vec<String> {
    desk.check().unwrap().problems
}

#[test]
fn a_healthy_desk_with_decisions_and_undos_checks_clean() {
    let (_dir, _path, mut desk) = demo();
    let proposal = desk.pairings(Some(PairingStatus::Proposed)).unwrap()[0].id;
    desk.approve_proposal(proposal).unwrap();
    desk.set_weight("topic", 40).unwrap();
    desk.undo(None).unwrap();
    assert_eq!(problems(&mut desk), Vec::<String>::new());
}

#[test]
fn an_audit_entry_removed_leaves_a_gap_check_names() {
    let (_dir, path, mut desk) = demo();
    desk.set_weight("topic", 40).unwrap();
    desk.set_weight("topic", 41).unwrap();
    behind_the_back(
        &path,
        "DROP TRIGGER audit_insert_only_delete; DELETE FROM audit WHERE id = 3;",
    );
    let found = problems(&mut desk);
    assert!(
        found
            .iter()
            .any(|p| p.contains("entries 3–3 are missing between 2 and 4")),
        "{found:?}"
    );
}

#[test]
fn an_unlock_left_behind_and_foreign_keys_are_named() {
    let (_dir, path, mut desk) = demo();
    behind_the_back(
        &path,
        "INSERT INTO audit_unlock (one, reason) VALUES (1, 'erasure');
         INSERT INTO exclusions (learner, mentor, reason, created_at)
             VALUES ('L-nobody', 'M0001', 'x', '2026-01-01T00:00:00Z');",
    );
    let found = problems(&mut desk);
    assert!(found.iter().any(|p| p.contains("unlocked")), "{found:?}");
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("foreign key: exclusions")),
        "{found:?}"
    );
}

#[test]
fn an_operation_log_out_of_step_with_its_rows_is_named() {
    let (_dir, path, mut desk) = demo();
    let proposal = desk.pairings(Some(PairingStatus::Proposed)).unwrap()[0].id;
    desk.approve_proposal(proposal).unwrap();
    desk.set_weight("topic", 40).unwrap();
    let ops = desk.operations(10).unwrap();
    let (weights, approve) = (ops[0].id.0, ops[1].id.0);
    behind_the_back(
        &path,
        &format!(
            "UPDATE operations SET payload = 'not json' WHERE id = {weights};
             DELETE FROM pairing_events WHERE pairing = {0};
             DELETE FROM pairings WHERE id = {0};
             UPDATE learners SET status = 'waiting';
             INSERT INTO operations (at, actor, kind, payload, audit)
                 VALUES ('2026-11-02T09:00:00Z', 'x', 'decline', '{{\"kind\":\"decline\",\"pairing\":1}}', 9999);",
            proposal.0
        ),
    );
    let found = problems(&mut desk);
    assert!(
        found
            .iter()
            .any(|p| p.contains(&format!("#{weights} (weights) is open but its payload"))),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains(&format!("#{approve} approved pairing {}", proposal.0))),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("names an audit entry that is missing")),
        "{found:?}"
    );
}
