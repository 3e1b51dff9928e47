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

mod follow_up_current {
    //! The desk decides from SQLite whether the check-ins it read are still current.

    use std::sync::Arc;

    use chrono::{TimeZone, Utc};
    use mentordesk::demo::DemoSpec;
    use mentordesk::desk::{CheckInTarget, Desk, FixedClock, NewCheckIn};
    use mentordesk::domain::{PairingId, PairingStatus};
    use mentordesk::store::Store;

    fn open(path: &std::path::Path) -> Desk {
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        Desk::with_store(Store::open(path).unwrap(), Box::new(FixedClock(now)))
    }

    fn checkin(pairing: PairingId, notes: &str) -> NewCheckIn {
        NewCheckIn {
            target: CheckInTarget::Pairing(pairing),
            at: None,
            minutes: 30,
            mode: None,
            confidence: Some(4),
            notes: notes.into(),
            topics: Vec::new(),
            next_steps: None,
            milestone: None,
            plan_milestone: None,
            allow_future: false,
            guide: None,
        }
    }

    fn active(desk: &mut Desk) -> Vec<PairingId> {
        desk.pairings(Some(PairingStatus::Active))
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect()
    }

    #[test]
    fn own_decisions_keep_the_checkins_own_checkins_and_other_desks_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let mut ours = open(&path);
        mentordesk::cli::demo::load(&mut ours, &DemoSpec::standard(), false).unwrap();
        let mut theirs = open(&path);

        let first = ours.follow_up_current(None).unwrap();
        let pairings = active(&mut ours);
        ours.pause(pairings[0], Some("holiday")).unwrap();
        let after_decision = ours.follow_up_current(Some(&first)).unwrap();
        assert!(
            Arc::ptr_eq(&after_decision.checkins, &first.checkins),
            "a decision writes no check-in: they are kept, not read again"
        );
        assert_eq!(after_decision, ours.follow_up().unwrap(), "and still right");

        ours.add_checkin(&checkin(pairings[1], "Ours")).unwrap();
        let after_own = ours.follow_up_current(Some(&after_decision)).unwrap();
        assert!(!Arc::ptr_eq(&after_own.checkins, &first.checkins));
        assert_eq!(after_own.checkins.len(), first.checkins.len() + 1);

        theirs.add_checkin(&checkin(pairings[2], "Theirs")).unwrap();
        let after_theirs = ours.follow_up_current(Some(&after_own)).unwrap();
        assert_eq!(after_theirs.checkins.len(), first.checkins.len() + 2);
        assert!(
            after_theirs
                .checkins
                .iter()
                .any(|r| r.checkin.notes == "Theirs")
        );

        let unchanged = ours.follow_up_current(Some(&after_theirs)).unwrap();
        assert!(Arc::ptr_eq(&unchanged.checkins, &after_theirs.checkins));
    }

    #[test]
    fn a_refused_checkin_leaves_the_checkins_current() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let mut ours = open(&path);
        mentordesk::cli::demo::load(&mut ours, &DemoSpec::standard(), false).unwrap();
        let first = ours.follow_up_current(None).unwrap();
        let mut future = checkin(active(&mut ours)[0], "Too early");
        future.at = Some(Utc.with_ymd_and_hms(2030, 1, 1, 9, 0, 0).unwrap());
        assert!(ours.add_checkin(&future).is_err());
        let again = ours.follow_up_current(Some(&first)).unwrap();
        assert!(
            Arc::ptr_eq(&again.checkins, &first.checkins),
            "the refused write rolled back its count too"
        );
    }
}
