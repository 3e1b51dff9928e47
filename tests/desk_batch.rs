//! Approving many pairs in one transaction: all or nothing, each judged as a single approval
//! is, each audited plus one row for the batch.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{Approval, Desk, DeskError, FixedClock, Refusal, SeatLimit};
use mentordesk::domain::{Agreement, LearnerId, MentorId, PairingId, PairingStatus};

fn desk() -> Desk {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
    mentordesk::cli::demo::load(&mut desk, &DemoSpec::standard(), false).unwrap();
    desk
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
fn a_batch_approves_every_proposal_and_audits_each_plus_the_batch() {
    let mut desk = desk();
    let proposals: Vec<PairingId> = desk
        .pairings(Some(PairingStatus::Proposed))
        .unwrap()
        .iter()
        .map(|p| p.id)
        .take(3)
        .collect();
    assert_eq!(proposals.len(), 3, "the demo holds proposals");
    let approvals = desk.proposal_approvals(&proposals).unwrap();
    let audit_before = desk.audit(10_000).unwrap().len();

    let approved = desk.approve_all(&approvals).unwrap();

    let ids: Vec<PairingId> = approved.iter().map(|(p, _)| p.id).collect();
    assert_eq!(ids, proposals, "proposals become the pairings, in order");
    for id in &ids {
        assert_eq!(desk.pairing(*id).unwrap().status, PairingStatus::Active);
    }
    let audit = desk.audit(10_000).unwrap();
    assert_eq!(
        audit.len(),
        audit_before + 4,
        "three approvals and the batch"
    );
    let batch = &audit[0];
    assert_eq!(batch.action, "approve.batch");
    let after = batch.after.as_ref().unwrap();
    assert_eq!(after["approved"], 3);
    assert_eq!(after["decisions"].as_array().unwrap().len(), 3);
    let batch_id = batch.subject.strip_prefix("batch:").unwrap();
    for row in &audit[1..4] {
        assert_eq!(row.action, "approve");
        assert_eq!(row.after.as_ref().unwrap()["batch"], batch_id);
    }
}

#[test]
fn one_refusal_leaves_the_whole_batch_unwritten() {
    let mut desk = desk();
    let proposals = desk.pairings(Some(PairingStatus::Proposed)).unwrap();
    let first = &proposals[0];
    let approvals = vec![
        approval(&first.learner, &first.mentor),
        // The same learner again: their seat is taken by the first, in this transaction.
        approval(&first.learner, &proposals[1].mentor),
    ];
    let audit_before = desk.audit(10_000).unwrap().len();
    match desk.approve_all(&approvals) {
        Err(DeskError::Refused(Refusal::SeatLimits { limits, .. })) => {
            assert!(matches!(limits[0], SeatLimit::LearnerAlreadyPaired { .. }));
        }
        other => panic!("expected the second to be refused, got {other:?}"),
    }
    assert_eq!(
        desk.pairing(first.id).unwrap().status,
        PairingStatus::Proposed,
        "the first approval was rolled back"
    );
    assert_eq!(desk.audit(10_000).unwrap().len(), audit_before);
    assert!(desk.approve_all(&[]).unwrap().is_empty());
}

#[test]
fn an_approval_scores_the_pair_as_the_ranking_does() {
    let mut desk = desk();
    let proposals = desk.pairings(Some(PairingStatus::Proposed)).unwrap();
    let mut compared = Vec::new();
    for proposal in proposals.iter().take(5) {
        let (_, ranking) = desk.candidates(&proposal.learner).unwrap();
        let Some(ranked) = ranking
            .candidates
            .iter()
            .find(|c| c.mentor == proposal.mentor)
        else {
            continue;
        };
        let asked = approval(&proposal.learner, &proposal.mentor);
        let (single, _) = desk.approve(&asked).unwrap();
        assert_eq!(single.score, Some(ranked.score), "{proposal:?}");
        compared.push(asked);
    }
    assert!(!compared.is_empty(), "some proposal is still a candidate");

    let mut batched = self::desk();
    let together = batched.approve_all(&compared).unwrap();
    for (pairing, _) in &together {
        assert_eq!(
            pairing.score,
            desk.pairing(pairing.id).unwrap().score,
            "one at a time or in a batch, the same score"
        );
    }
}

fn three_proposals(desk: &mut Desk) -> Vec<PairingId> {
    let proposals: Vec<PairingId> = desk
        .pairings(Some(PairingStatus::Proposed))
        .unwrap()
        .iter()
        .map(|p| p.id)
        .take(3)
        .collect();
    assert_eq!(proposals.len(), 3, "the demo holds proposals");
    proposals
}

#[test]
fn a_batch_is_undone_in_one_step_and_audited() {
    let mut desk = desk();
    let proposals = three_proposals(&mut desk);
    let approvals = desk.proposal_approvals(&proposals).unwrap();
    let batch = desk.approve_batch(&approvals).unwrap();
    assert_eq!(batch.approved.len(), 3);
    let audit_before = desk.audit(10_000).unwrap().len();

    let message = desk.undo(batch.operation).unwrap().message;

    assert!(message.contains("3 approvals"), "{message}");
    for id in &proposals {
        assert_eq!(desk.pairing(*id).unwrap().status, PairingStatus::Proposed);
    }
    let audit = desk.audit(10_000).unwrap();
    assert_eq!(audit.len(), audit_before + 4, "three undos and the batch");
    assert_eq!(audit[0].action, "undo.batch");
    assert_eq!(audit[0].after.as_ref().unwrap()["undone"], 3);
    let batch_id = audit[0].subject.strip_prefix("batch:").unwrap();
    for row in &audit[1..4] {
        assert_eq!(row.action, "undo.approve");
        assert_eq!(row.after.as_ref().unwrap()["batch"], batch_id);
    }
    assert!(desk.check().unwrap().is_ok());
}

#[test]
fn a_batch_with_a_pairing_that_moved_on_is_not_undone_at_all() {
    use mentordesk::desk::{CheckInTarget, NewCheckIn};
    let mut desk = desk();
    let proposals = three_proposals(&mut desk);
    let approvals = desk.proposal_approvals(&proposals).unwrap();
    let batch = desk.approve_batch(&approvals).unwrap();
    desk.add_checkin(&NewCheckIn {
        target: CheckInTarget::Pairing(proposals[1]),
        at: None,
        minutes: 30,
        mode: None,
        confidence: Some(4),
        notes: "First session".into(),
        topics: Vec::new(),
        next_steps: None,
        milestone: None,
        plan_milestone: None,
        allow_future: false,
        guide: None,
    })
    .unwrap();
    let audit_before = desk.audit(10_000).unwrap().len();

    match desk.undo(batch.operation) {
        Err(DeskError::Refused(
            refusal @ Refusal::BatchMovedOn {
                pairing,
                has_checkins: true,
                approved: 3,
                ..
            },
        )) => {
            assert_eq!(pairing, proposals[1]);
            assert!(
                refusal.to_string().contains("nothing was undone"),
                "{refusal}"
            );
        }
        other => panic!("expected the batch undo to be refused, got {other:?}"),
    }
    for id in &proposals {
        assert_eq!(
            desk.pairing(*id).unwrap().status,
            PairingStatus::Active,
            "nothing of the batch was undone"
        );
    }
    assert_eq!(desk.audit(10_000).unwrap().len(), audit_before);
}
