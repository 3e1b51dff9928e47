//! Undo over the operation log: decisions taken back after the desk was closed and opened
//! again, each kind's refusal when the world moved on, and every undo audited.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{
    Approval, CheckInTarget, Desk, DeskError, FixedClock, NewCheckIn, Refusal, Subject,
};
use mentordesk::domain::{
    Agreement, LearnerId, MentorId, OperationId, Pairing, PairingId, PairingStatus,
};
use mentordesk::store::Store;

fn open(path: &Path) -> Desk {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::with_store(Store::open(path).unwrap(), Box::new(FixedClock(now)));
    desk.set_actor("coordinator");
    desk
}

/// A demo desk in a file (so a second connection can reach behind its back).
fn demo(dir: &tempfile::TempDir) -> (Desk, std::path::PathBuf) {
    let path = dir.path().join("desk.sqlite3");
    let mut desk = open(&path);
    desk.set_default_zone("UTC").unwrap();
    mentordesk::cli::demo::load(&mut desk, &DemoSpec::standard(), false).unwrap();
    (desk, path)
}

fn raw(path: &Path, sql: &str) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
}

fn first(desk: &mut Desk, status: PairingStatus) -> Pairing {
    desk.pairings(Some(status)).unwrap().remove(0)
}

fn refusal(result: Result<impl std::fmt::Debug, DeskError>) -> Refusal {
    match result {
        Err(DeskError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn newest_op(desk: &mut Desk) -> OperationId {
    desk.operations(1).unwrap()[0].id
}

fn checkin(desk: &mut Desk, pairing: PairingId) {
    desk.add_checkin(&NewCheckIn {
        target: CheckInTarget::Pairing(pairing),
        at: None,
        minutes: 30,
        mode: None,
        confidence: Some(4),
        notes: "A session".into(),
        topics: Vec::new(),
        next_steps: None,
        milestone: None,
        plan_milestone: None,
        allow_future: false,
        guide: None,
    })
    .unwrap();
}

fn approval(learner: &LearnerId, mentor: &MentorId) -> Approval {
    Approval {
        learner: learner.clone(),
        mentor: mentor.clone(),
        agreement: Agreement::default(),
        override_reason: None,
        first_milestone: None,
    }
}

#[test]
fn decisions_are_undone_after_a_restart_newest_first_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, path) = demo(&dir);
    let proposal = first(&mut desk, PairingStatus::Proposed);
    let active = first(&mut desk, PairingStatus::Active);
    desk.approve_proposal(proposal.id).unwrap();
    desk.pause(active.id, Some("holiday")).unwrap();
    desk.set_weight("topic", 45).unwrap();
    drop(desk);

    let mut desk = open(&path);
    let undone = desk.undo(None).unwrap();
    assert_eq!(undone.kind, "weights");
    assert!(
        undone.message.contains("topic back to"),
        "{}",
        undone.message
    );
    assert_eq!(desk.weights().unwrap().topic, 30);
    drop(desk);

    let mut desk = open(&path);
    assert_eq!(desk.undo(None).unwrap().kind, "pause");
    assert_eq!(
        desk.pairing(active.id).unwrap().status,
        PairingStatus::Active
    );
    assert_eq!(desk.undo(None).unwrap().kind, "approve");
    assert_eq!(
        desk.pairing(proposal.id).unwrap().status,
        PairingStatus::Proposed
    );
    assert!(matches!(refusal(desk.undo(None)), Refusal::NothingToUndo));
    let actions: Vec<String> = desk
        .audit(3)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["undo.approve", "undo.pause", "undo.weights"]);
    assert!(
        desk.operations(10)
            .unwrap()
            .iter()
            .all(|op| op.undone.is_some())
    );
    assert!(desk.check().unwrap().is_ok(), "{:?}", desk.check().unwrap());
}

#[test]
fn the_log_refuses_what_it_cannot_take_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, path) = demo(&dir);
    // Unknown number.
    match desk.undo(Some(OperationId(999))) {
        Err(DeskError::NotFound {
            what: Subject::Decision,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    // Undone already.
    desk.set_weight("topic", 41).unwrap();
    let op = newest_op(&mut desk);
    desk.undo(Some(op)).unwrap();
    assert!(matches!(
        refusal(desk.undo(Some(op))),
        Refusal::AlreadyUndone { .. }
    ));
    // A payload this build cannot read.
    desk.set_weight("topic", 42).unwrap();
    let op = newest_op(&mut desk);
    raw(
        &path,
        &format!(
            "UPDATE operations SET payload = '{{\"kind\":\"teleport\"}}' WHERE id = {}",
            op.0
        ),
    );
    assert!(matches!(
        refusal(desk.undo(Some(op))),
        Refusal::UndoUnreadable { .. }
    ));
    // Void: the program was replaced.
    desk.set_weight("schedule", 25).unwrap();
    let op = newest_op(&mut desk);
    mentordesk::cli::demo::load(&mut desk, &DemoSpec::standard(), true).unwrap();
    match refusal(desk.undo(Some(op))) {
        Refusal::UndoVoid { why, .. } => assert!(why.contains("replaced"), "{why}"),
        other => panic!("{other:?}"),
    }
    let words = refusal(desk.undo(Some(op))).to_string();
    assert!(words.contains("can no longer be undone"), "{words}");
}

#[test]
fn approvals_declines_and_exclusions_refuse_once_moved_on() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, path) = demo(&dir);
    // An approval with a check-in since.
    let proposal = first(&mut desk, PairingStatus::Proposed);
    let (pairing, op) = desk.approve_proposal(proposal.id).unwrap();
    checkin(&mut desk, pairing.id);
    assert!(matches!(
        refusal(desk.undo(Some(op))),
        Refusal::ApprovalMovedOn { .. }
    ));
    // A decline whose proposal is no longer declined (changed behind the desk's back).
    let proposal = first(&mut desk, PairingStatus::Proposed);
    let op = desk.decline(proposal.id, Some("not now")).unwrap();
    raw(
        &path,
        &format!(
            "UPDATE pairings SET status = 'proposed' WHERE id = {}",
            proposal.id.0
        ),
    );
    assert!(matches!(
        refusal(desk.undo(Some(op))),
        Refusal::NoLongerDeclined { .. }
    ));
    // An exclusion lifted since.
    let learner = first(&mut desk, PairingStatus::Proposed).learner;
    let mentor = desk.mentors().unwrap()[0].mentor.id.clone();
    desk.exclude(&learner, &mentor, "conflict of interest")
        .unwrap();
    let op = newest_op(&mut desk);
    desk.unexclude(&learner, &mentor).unwrap();
    assert!(matches!(
        refusal(desk.undo(Some(op))),
        Refusal::NotExcluded { .. }
    ));
    assert!(desk.check().unwrap().is_ok());
}

#[test]
fn ends_and_rematches_refuse_when_a_seat_was_taken_or_the_pairing_moved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, path) = demo(&dir);
    let actives = desk.pairings(Some(PairingStatus::Active)).unwrap();
    // The learner holds another pairing now.
    let ended = desk.end(actives[0].id, "mismatch").unwrap();
    let end_op = newest_op(&mut desk);
    let other_mentor = desk
        .mentors()
        .unwrap()
        .into_iter()
        .find(|row| row.mentor.id != ended.mentor && row.load.seats_in_use < row.mentor.capacity)
        .unwrap()
        .mentor
        .id;
    let mut asked = approval(&ended.learner, &other_mentor);
    asked.override_reason = Some("test: any free mentor".into());
    desk.approve(&asked).unwrap();
    match refusal(desk.undo(Some(end_op))) {
        Refusal::LearnerSeatTaken { learner, .. } => assert_eq!(learner, ended.learner),
        other => panic!("{other:?}"),
    }
    // The mentor's seat was taken: capacity now equals the seats still held.
    let ended = desk.end(actives[1].id, "no-show").unwrap();
    let end_op = newest_op(&mut desk);
    raw(
        &path,
        &format!(
            "UPDATE mentors SET capacity = (SELECT count(*) FROM pairings
                 WHERE mentor = '{0}' AND status IN ('active', 'paused')) WHERE id = '{0}'",
            ended.mentor
        ),
    );
    assert!(matches!(
        refusal(desk.undo(Some(end_op))),
        Refusal::MentorSeatTaken { .. }
    ));
    // The ended pairing changed since (behind the desk's back).
    let ended = desk.end(actives[2].id, "goals met").unwrap();
    let end_op = newest_op(&mut desk);
    raw(
        &path,
        &format!(
            "UPDATE pairings SET status = 'ended' WHERE id = {}",
            ended.id.0
        ),
    );
    assert!(matches!(
        refusal(desk.undo(Some(end_op))),
        Refusal::PairingMovedOn { .. }
    ));
    // A rematch whose exclusion was lifted.
    let (ended, _) = desk.rematch(actives[3].id, "mismatch").unwrap();
    let op = newest_op(&mut desk);
    desk.unexclude(&ended.learner, &ended.mentor).unwrap();
    assert!(matches!(
        refusal(desk.undo(Some(op))),
        Refusal::NotExcluded { .. }
    ));
    // And one that can be taken back: the pairing is under way again, the exclusion gone.
    let (ended, _) = desk.rematch(actives[4].id, "mismatch").unwrap();
    desk.undo(None).unwrap();
    assert_eq!(
        desk.pairing(ended.id).unwrap().status,
        PairingStatus::Active
    );
    assert!(desk.exclude(&ended.learner, &ended.mentor, "again").is_ok());
}

#[test]
fn pauses_and_resumes_refuse_once_moved_on() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _path) = demo(&dir);
    let actives = desk.pairings(Some(PairingStatus::Active)).unwrap();
    // A pause, resumed since.
    desk.pause(actives[0].id, None).unwrap();
    let pause = newest_op(&mut desk);
    desk.resume(actives[0].id).unwrap();
    assert!(matches!(
        refusal(desk.undo(Some(pause))),
        Refusal::PairingMovedOn {
            expected: PairingStatus::Paused,
            status: PairingStatus::Active,
            ..
        }
    ));
    // A resume with a check-in logged since.
    let resume = newest_op(&mut desk);
    checkin(&mut desk, actives[0].id);
    assert!(matches!(
        refusal(desk.undo(Some(resume))),
        Refusal::CheckInsSinceResume { .. }
    ));
    // A resume, paused again since.
    desk.pause(actives[1].id, None).unwrap();
    desk.resume(actives[1].id).unwrap();
    let resume = newest_op(&mut desk);
    desk.pause(actives[1].id, None).unwrap();
    assert!(matches!(
        refusal(desk.undo(Some(resume))),
        Refusal::PairingMovedOn { .. }
    ));
    assert!(desk.check().unwrap().is_ok());
}

#[test]
fn settings_and_imports_refuse_once_changed_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _path) = demo(&dir);
    desk.set_weight("topic", 40).unwrap();
    let first_change = newest_op(&mut desk);
    desk.set_weight("topic", 50).unwrap();
    match refusal(desk.undo(Some(first_change))) {
        Refusal::SettingChangedSince { key, .. } => assert_eq!(key, "weights.topic"),
        other => panic!("{other:?}"),
    }
    desk.set_health_threshold("at-risk-cadences", "4").unwrap();
    let threshold = newest_op(&mut desk);
    desk.set_health_threshold("at-risk-cadences", "5").unwrap();
    assert!(matches!(
        refusal(desk.undo(Some(threshold))),
        Refusal::SettingChangedSince { .. }
    ));

    let now = desk.now();
    let csv = b"id,name,email\nN001,New Person,new@example.org\nN002,Second Person,\n";
    let incoming = mentordesk::exchange::csv::parse_learners("new.csv", csv, now).unwrap();
    desk.import_learners("new.csv", &incoming, false).unwrap();
    let import = newest_op(&mut desk);
    let mentor = desk.mentors().unwrap()[0].mentor.id.clone();
    desk.exclude(&LearnerId::parse("N001").unwrap(), &mentor, "conflict")
        .unwrap();
    match refusal(desk.undo(Some(import))) {
        Refusal::ImportedPersonInUse { person, what } => {
            assert_eq!((person.as_str(), what), ("learner N001", "exclusions"));
        }
        other => panic!("{other:?}"),
    }
    let changed = b"id,name,email\nN002,Second Person Renamed,\n";
    let incoming = mentordesk::exchange::csv::parse_learners("again.csv", changed, now).unwrap();
    desk.import_learners("again.csv", &incoming, false).unwrap();
    let update = newest_op(&mut desk);
    let renamed = b"id,name,email\nN002,Renamed Once More,\n";
    let incoming = mentordesk::exchange::csv::parse_learners("third.csv", renamed, now).unwrap();
    desk.import_learners("third.csv", &incoming, false).unwrap();
    assert!(matches!(
        refusal(desk.undo(Some(update))),
        Refusal::ImportedPersonChanged { .. }
    ));
    // The newest import can be taken back: the name is as before.
    desk.undo(None).unwrap();
    let n002 = desk.learner(&LearnerId::parse("N002").unwrap()).unwrap();
    assert_eq!(n002.name, "Second Person Renamed");
    assert!(desk.check().unwrap().is_ok());
}
