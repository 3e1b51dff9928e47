//! The desk says no with a reason a face can act on: each refusal is a value carrying the ids
//! of the next step, and a missing record names its kind. (The CLI tests check the words.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{
    Approval, CheckInTarget, Desk, DeskError, FixedClock, NewCheckIn, PairingMove, Refusal,
    SeatLimit, Subject,
};
use mentordesk::domain::{Agreement, LearnerId, MentorId, MilestoneKind, Pairing, PairingStatus};
use mentordesk::matching::Failure;

fn demo_desk() -> Desk {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
    mentordesk::cli::demo::load(&mut desk, &DemoSpec::standard(), false).unwrap();
    desk
}

fn first(desk: &mut Desk, status: PairingStatus) -> Pairing {
    desk.pairings(Some(status))
        .unwrap()
        .into_iter()
        .next()
        .expect("the demo holds one")
}

fn refusal(result: Result<impl std::fmt::Debug, DeskError>) -> Refusal {
    match result {
        Err(DeskError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
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
fn approving_a_seated_learner_offers_the_pairing_they_hold() {
    let mut desk = demo_desk();
    let active = first(&mut desk, PairingStatus::Active);
    let other_mentor = desk
        .mentors()
        .unwrap()
        .into_iter()
        .map(|row| row.mentor.id)
        .find(|m| m != &active.mentor)
        .unwrap();
    let refused = refusal(desk.approve(&approval(&active.learner, &other_mentor)));
    let Refusal::SeatLimits {
        learner, limits, ..
    } = &refused
    else {
        panic!("expected seat limits, got {refused:?}");
    };
    assert_eq!(learner, &active.learner);
    assert!(limits.contains(&SeatLimit::LearnerAlreadyPaired { pairing: active.id }));
    assert_eq!(refused.pairing_to_open(), Some(active.id));
}

#[test]
fn an_excluded_pair_fails_its_constraint_until_overridden() {
    let mut desk = demo_desk();
    let waiting = desk.waiting_learners().unwrap()[0].learner.id.clone();
    let (_, ranking) = desk.candidates(&waiting).unwrap();
    let mentor = ranking.candidates[0].mentor.clone();
    desk.exclude(&waiting, &mentor, "conflict of interest")
        .unwrap();
    match refusal(desk.approve(&approval(&waiting, &mentor))) {
        Refusal::ConstraintsFail { failures, .. } => assert!(
            failures.iter().any(
                |f| matches!(f, Failure::Excluded { reason } if reason == "conflict of interest")
            ),
            "{failures:?}"
        ),
        other => panic!("expected failing constraints, got {other:?}"),
    }
    let overridden = Approval {
        override_reason: Some("cleared by the program lead".into()),
        ..approval(&waiting, &mentor)
    };
    assert_eq!(
        desk.approve(&overridden).unwrap().0.status,
        PairingStatus::Active
    );
}

#[test]
fn only_a_proposal_is_declined_and_a_lifted_exclusion_must_exist() {
    let mut desk = demo_desk();
    let active = first(&mut desk, PairingStatus::Active);
    assert_eq!(
        refusal(desk.decline(active.id, None)),
        Refusal::NotAProposal {
            pairing: active.id,
            status: PairingStatus::Active
        }
    );
    assert_eq!(
        refusal(desk.approve_proposal(active.id)),
        Refusal::NotAProposal {
            pairing: active.id,
            status: PairingStatus::Active
        }
    );
    assert_eq!(
        refusal(desk.unexclude(&active.learner, &active.mentor)),
        Refusal::NotExcluded {
            learner: active.learner.clone(),
            mentor: active.mentor.clone()
        }
    );
}

#[test]
fn lifecycle_moves_name_the_move_and_where_the_pairing_stands() {
    let mut desk = demo_desk();
    let active = first(&mut desk, PairingStatus::Active);
    match refusal(desk.resume(active.id)) {
        Refusal::MoveNotAllowed { action, status, .. } => {
            assert_eq!(action, PairingMove::Resume);
            assert_eq!(status, PairingStatus::Active);
        }
        other => panic!("expected a refused move, got {other:?}"),
    }
    assert_eq!(
        refusal(desk.end(active.id, "  ")),
        Refusal::EndReasonMissing
    );
    assert!(matches!(
        refusal(desk.rematch(active.id, "goals met")),
        Refusal::RematchNeedsEnd { .. }
    ));
    let ended = desk.end(active.id, "mismatch").unwrap();
    assert!(matches!(
        refusal(desk.pause(ended.id, None)),
        Refusal::MoveNotAllowed {
            action: PairingMove::Pause,
            status: PairingStatus::Ended,
            ..
        }
    ));
}

#[test]
fn check_ins_go_on_open_pairings_only() {
    let mut desk = demo_desk();
    let proposal = first(&mut desk, PairingStatus::Proposed);
    let checkin = NewCheckIn {
        target: CheckInTarget::Pairing(proposal.id),
        at: None,
        minutes: 45,
        mode: None,
        confidence: Some(3),
        notes: "first talk".into(),
        topics: Vec::new(),
        next_steps: None,
        milestone: None,
        plan_milestone: None,
        allow_future: false,
        guide: None,
    };
    match refusal(desk.add_checkin(&checkin)) {
        Refusal::PairingNotOpen {
            pairing, status, ..
        } => {
            assert_eq!(pairing, proposal.id);
            assert_eq!(status, PairingStatus::Proposed);
        }
        other => panic!("expected a closed pairing, got {other:?}"),
    }
    let waiting = desk.waiting_learners().unwrap()[0].learner.id.clone();
    let by_learner = NewCheckIn {
        target: CheckInTarget::Learner(waiting.clone()),
        ..checkin
    };
    assert_eq!(
        refusal(desk.add_checkin(&by_learner)),
        Refusal::LearnerHasNoSeat { learner: waiting }
    );
}

#[test]
fn a_milestone_moves_once() {
    let mut desk = demo_desk();
    let learner = first(&mut desk, PairingStatus::Active).learner;
    let milestone = desk
        .add_milestone(&learner, "Ship a portfolio", MilestoneKind::Project, None)
        .unwrap();
    desk.drop_milestone(milestone.id, "changed track").unwrap();
    assert!(matches!(
        refusal(desk.achieve_milestone(milestone.id, None, None)),
        Refusal::MilestoneNotPlanned { milestone: id, .. } if id == milestone.id
    ));
    assert_eq!(
        refusal(desk.drop_milestone(milestone.id, " ")),
        Refusal::DropReasonMissing
    );
    assert_eq!(
        refusal(desk.add_milestone(&learner, "\u{7}", MilestoneKind::Custom, None)),
        Refusal::MilestoneTitleMissing
    );
}

#[test]
fn a_missing_record_names_its_kind_and_id() {
    let mut desk = demo_desk();
    let nobody = LearnerId::parse("L999999").unwrap();
    match desk.learner(&nobody) {
        Err(DeskError::NotFound { what, id }) => {
            assert_eq!(what, Subject::Learner);
            assert_eq!(id, "L999999");
        }
        other => panic!("expected not found, got {other:?}"),
    }
    assert!(matches!(
        desk.pairing(mentordesk::domain::PairingId(999_999)),
        Err(DeskError::NotFound {
            what: Subject::Pairing,
            ..
        })
    ));
    let err = desk.learner(&nobody).unwrap_err();
    assert!(err.refusal().is_none());
    assert!(err.is_user_error());
}
