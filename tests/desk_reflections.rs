//! Learners' reflections through the desk: one transaction with their audit row, every bad
//! input refused with nothing written, a mentor writing for their own learner only, and the
//! reflection on the learner's time line with its confidence marked self-reported.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{Desk, FixedClock, NewReflection, TimelineKind, WrittenBy};
use mentordesk::domain::{AuditFilter, Author, LearnerId, LearnerStatus, PairingStatus};
use mentordesk::store::Store;

fn demo(dir: &tempfile::TempDir) -> Desk {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let path = dir.path().join("desk.sqlite3");
    let mut desk = Desk::with_store(Store::open(&path).unwrap(), Box::new(FixedClock(now)));
    desk.set_actor("coordinator");
    desk.set_default_zone("UTC").unwrap();
    mentordesk::cli::demo::load(&mut desk, &DemoSpec::standard(), false).unwrap();
    desk
}

fn new(learner: &LearnerId, text: &str) -> NewReflection {
    NewReflection {
        learner: learner.clone(),
        text: text.into(),
        at: None,
        confidence: Some(4),
        by: WrittenBy::Desk,
    }
}

fn audit_count(desk: &mut Desk) -> usize {
    desk.audit_trail(&AuditFilter {
        limit: 100_000,
        ..AuditFilter::default()
    })
    .unwrap()
    .len()
}

#[test]
fn a_reflection_is_written_with_its_audit_row_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let learner = desk.pairings(Some(PairingStatus::Active)).unwrap()[0]
        .learner
        .clone();
    let before = audit_count(&mut desk);
    let saved = desk
        .add_reflection(&new(&learner, "I can read\x1b[2J stack traces now"))
        .unwrap();
    assert_eq!(
        saved.text, "I can read[2J stack traces now",
        "the escape character is gone"
    );
    assert_eq!(saved.author, Author::Coordinator);
    assert_eq!(audit_count(&mut desk), before + 1);
    let line = desk
        .audit_trail(&AuditFilter {
            limit: 1,
            ..AuditFilter::default()
        })
        .unwrap()
        .remove(0);
    assert_eq!(line.entry.action, "reflection.add");
    assert_eq!(line.entry.subject, format!("learner:{learner}"));
    assert!(line.change.contains("stack traces"), "{}", line.change);

    let nobody = LearnerId::parse("NOBODY").unwrap();
    let joined = desk.learner(&learner).unwrap().joined_at;
    for bad in [
        new(&learner, "  \n "),
        new(&learner, &"x".repeat(4_001)),
        NewReflection {
            confidence: Some(0),
            ..new(&learner, "fine")
        },
        NewReflection {
            confidence: Some(6),
            ..new(&learner, "fine")
        },
        NewReflection {
            at: Some(Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap()),
            ..new(&learner, "tomorrow")
        },
        NewReflection {
            at: Some(joined - chrono::Duration::days(2)),
            ..new(&learner, "before joining")
        },
        new(&nobody, "who?"),
    ] {
        assert!(desk.add_reflection(&bad).is_err(), "{bad:?}");
    }
    assert_eq!(desk.reflections(&learner).unwrap(), vec![saved]);
    assert_eq!(audit_count(&mut desk), before + 1, "refusals write nothing");
}

#[test]
fn a_mentor_writes_for_their_own_learner_and_the_timeline_marks_it_self_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    let pairing = desk
        .pairings(Some(PairingStatus::Active))
        .unwrap()
        .remove(0);
    let saved = desk
        .add_reflection(&NewReflection {
            by: WrittenBy::Mentor,
            confidence: Some(2),
            ..new(
                &pairing.learner,
                "the project scares me less\nbut git still does",
            )
        })
        .unwrap();
    assert_eq!(saved.author, Author::Mentor(pairing.mentor.clone()));

    let timeline = desk.timeline(&pairing.learner).unwrap();
    let event = timeline
        .events
        .iter()
        .find(|e| e.kind == TimelineKind::Reflection)
        .unwrap();
    assert_eq!(event.detail["self_reported"], true);
    assert_eq!(event.detail["author"], format!("mentor:{}", pairing.mentor));
    assert!(
        event.summary.contains("own words") && event.summary.contains(pairing.mentor.as_str()),
        "{}",
        event.summary
    );
    let own = timeline
        .confidence_trend
        .iter()
        .filter(|p| p.self_reported)
        .map(|p| p.value)
        .collect::<Vec<_>>();
    assert_eq!(own, vec![2]);
    assert_eq!(timeline.metrics.reflections, 1);

    let waiting = desk
        .learners()
        .unwrap()
        .into_iter()
        .find(|l| l.status == LearnerStatus::Waiting)
        .unwrap();
    let err = desk
        .add_reflection(&NewReflection {
            by: WrittenBy::Mentor,
            ..new(&waiting.id, "words")
        })
        .unwrap_err();
    assert!(err.is_user_error());
    assert!(
        err.to_string().contains("no active or paused pairing"),
        "{err}"
    );
}

#[test]
fn an_erased_learner_s_reflections_lose_their_words_and_leave_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = demo(&dir);
    // An erasure is refused while the learner holds an open pairing: a waiting one.
    let learner = desk
        .learners()
        .unwrap()
        .into_iter()
        .find(|l| l.status == LearnerStatus::Waiting)
        .unwrap()
        .id;
    desk.add_reflection(&new(&learner, "zanzibar is where I want to work"))
        .unwrap();
    let found = desk.search("zanzibar").unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].kind.as_str(), "reflection");
    assert_eq!(found.hits[0].learner.as_ref(), Some(&learner));

    desk.forget_learner(&learner).unwrap();
    assert_eq!(desk.search("zanzibar").unwrap().total, 0);
    let left = desk.reflections(&learner).unwrap();
    assert_eq!(left.len(), 1, "the row stays, so counts stay true");
    assert_eq!(left[0].text, "[erased]");
    let trail = desk
        .audit_trail(&AuditFilter {
            limit: 100_000,
            ..AuditFilter::default()
        })
        .unwrap();
    assert!(
        trail.iter().all(|l| !serde_json::to_string(&l.entry)
            .unwrap()
            .contains("zanzibar")),
        "the audit trail no longer quotes it"
    );
}
