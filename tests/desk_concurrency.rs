//! Two desks on one file: concurrent writers wait for each other and lose nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use mentordesk::desk::Desk;
use mentordesk::domain::{Availability, Learner, LearnerId, LearnerStatus, ModeSet};

fn learner(id: String) -> Learner {
    Learner {
        id: LearnerId::parse(&id).unwrap(),
        name: format!("Learner {id}"),
        email: None,
        timezone: None,
        languages: vec![],
        goals: None,
        interests: vec![],
        track: None,
        modes: ModeSet::default(),
        availability: Availability::default(),
        needs: None,
        status: LearnerStatus::Waiting,
        prefer: Vec::new(),
        avoid: Vec::new(),
        mentor_experience: None,
        joined_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    }
}

#[test]
fn two_desks_importing_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    drop(Desk::open(&path).unwrap());
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut desk = Desk::open(&path).unwrap();
                for batch in 0..20 {
                    let people: Vec<_> = (0..25)
                        .map(|i| learner(format!("W{w}-B{batch}-{i}")))
                        .collect();
                    desk.import_learners("batch.csv", &people, false).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let mut desk = Desk::open(&path).unwrap();
    assert_eq!(desk.learners().unwrap().len(), 2 * 20 * 25);
    assert!(desk.check().unwrap().is_ok());
    assert_eq!(desk.audit(1000).unwrap().len(), 40);
}

#[test]
fn database_files_are_private() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.sqlite3");
        let mut desk = Desk::open(&path).unwrap();
        desk.import_learners("one.csv", &[learner("L1".into())], false)
            .unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let file = dir.path().join(format!("private.sqlite3{suffix}"));
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} is {:o}", file.display(), mode);
        }
    }
}
