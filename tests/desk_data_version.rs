//! A face can tell from SQLite whether the file changed since its last read: the desk's data
//! version moves when this desk writes or another connection commits, and not on reads.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use mentordesk::desk::Desk;

#[test]
fn the_version_moves_on_any_write_and_stays_on_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut ours = Desk::open(&path).unwrap();
    let mut theirs = Desk::open(&path).unwrap();

    let start = ours.data_version().unwrap();
    ours.learners().unwrap();
    ours.pairings(None).unwrap();
    assert_eq!(ours.data_version().unwrap(), start, "reads change nothing");

    theirs.set_default_zone("Europe/Madrid").unwrap();
    let after_theirs = ours.data_version().unwrap();
    assert_ne!(after_theirs, start, "another desk committed");

    ours.set_default_zone("America/Bogota").unwrap();
    let after_ours = ours.data_version().unwrap();
    assert_ne!(after_ours, after_theirs, "this desk committed");
    assert_eq!(ours.data_version().unwrap(), after_ours);

    assert!(
        ours.end(mentordesk::domain::PairingId(1), "mismatch")
            .is_err()
    );
    assert_eq!(
        ours.data_version().unwrap(),
        after_ours,
        "a refused write rolled back and wrote nothing"
    );
}
