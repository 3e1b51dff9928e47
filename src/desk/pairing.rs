//! Approving and declining pairings; each decision goes into the operation log, which
//! `undo` reads (see `undo.rs`).

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::lifecycle::load_pairing;
use super::review::{ROTATION_WINDOW_DAYS, ensure_people};
use super::undo::log_operation;
use super::{Desk, DeskError, Refusal, SeatLimit, Subject};
use crate::domain::operation::ApprovalStep;
use crate::domain::{
    Agreement, LearnerId, LearnerStatus, MentorId, Milestone, MilestoneId, MilestoneKind,
    MilestoneStatus, Operation, OperationId, Pairing, PairingId, PairingStatus,
};
use crate::matching::{
    Failure, MatchContext, PairFacts, PreparedLearner, PreparedMentor, Weights, check, explain,
};
use crate::store::Tx;

/// What a coordinator approves: the pair, the agreement, and optionally a first milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub learner: LearnerId,
    pub mentor: MentorId,
    pub agreement: Agreement,
    /// Approve even though a hard constraint fails, for this reason (audited). Seat limits
    /// (one pairing per learner, mentor capacity) can never be overridden.
    pub override_reason: Option<String>,
    pub first_milestone: Option<(String, Option<NaiveDate>)>,
}

fn snapshot(p: &Pairing) -> serde_json::Value {
    serde_json::to_value(p).unwrap_or(serde_json::Value::Null)
}

impl Desk {
    /// Pairings, optionally of one status, by id.
    pub fn pairings(&mut self, status: Option<PairingStatus>) -> Result<Vec<Pairing>, DeskError> {
        Ok(self.store.read(|tx| match status {
            Some(status) => tx.pairings_in(status),
            None => tx.all_pairings(),
        })?)
    }

    pub fn pairing(&mut self, id: PairingId) -> Result<Pairing, DeskError> {
        self.store
            .read(|tx| tx.pairing(id))?
            .ok_or_else(|| DeskError::not_found(Subject::Pairing, id))
    }

    /// Creates an active pairing after checking the hard constraints again (a proposal for
    /// the same pair becomes the pairing). Audited, with the score and its breakdown, and
    /// logged for undo; returns the decision's number in the log.
    pub fn approve(&mut self, approval: &Approval) -> Result<(Pairing, OperationId), DeskError> {
        self.ensure_coordinator("approving pairings")?;
        approval.agreement.validate()?;
        self.ensure_due_not_past(approval)?;
        let judging = self.pair_judging()?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let (pairing, step) = approve_in(tx, &judging, approval, now, &actor, None)?;
            let op = log_operation(tx, now, &actor, &Operation::Approve(step))?;
            Ok((pairing, op))
        })
    }

    /// Refuses a first milestone due before today (in the desk's zone): a pairing would
    /// start at risk.
    pub(super) fn ensure_due_not_past(&mut self, approval: &Approval) -> Result<(), DeskError> {
        let Some((_, Some(due))) = &approval.first_milestone else {
            return Ok(());
        };
        let today = crate::domain::when::local_day(self.now(), self.default_zone()?);
        if *due < today {
            return Err(Refusal::MilestoneDueInPast { due: *due, today }.into());
        }
        Ok(())
    }

    /// What judging one pair needs besides the two people, read once for any number of
    /// pairs: not a match board, which prepares every mentor.
    pub(super) fn pair_judging(&mut self) -> Result<PairJudging, DeskError> {
        Ok(PairJudging {
            ctx: self.match_context()?,
            weights: self.weights()?,
            declines_since: self.now() - Duration::days(ROTATION_WINDOW_DAYS),
        })
    }

    /// Approves a proposal as it stands (the plan's score, the default agreement).
    pub fn approve_proposal(&mut self, id: PairingId) -> Result<(Pairing, OperationId), DeskError> {
        let approval = self.store.read(|tx| proposal_approval(tx, id))?;
        self.approve(&approval)
    }

    /// Turns a proposal down (audited, logged for undo); the mentor's rotation score
    /// remembers it.
    pub fn decline(
        &mut self,
        id: PairingId,
        reason: Option<&str>,
    ) -> Result<OperationId, DeskError> {
        self.ensure_coordinator("declining proposals")?;
        let (now, actor) = (self.now(), self.actor.clone());
        let reason = reason
            .map(crate::domain::text::clean_line)
            .filter(|r| !r.is_empty());
        self.store.write(|tx| {
            let before = load_pairing(tx, id)?;
            if before.status != PairingStatus::Proposed {
                return Err(Refusal::NotAProposal {
                    pairing: id,
                    status: before.status,
                }
                .into());
            }
            let after = Pairing {
                status: PairingStatus::Declined,
                ended_at: Some(now),
                end_reason: reason.clone(),
                ..before.clone()
            };
            tx.update_pairing(&after)?;
            tx.append_audit(
                now,
                &actor,
                "decline",
                &format!("pairing:{id}"),
                Some(&snapshot(&before)),
                Some(&snapshot(&after)),
            )?;
            log_operation(tx, now, &actor, &Operation::Decline { pairing: id })
        })
    }
}

/// Takes back one approval inside its transaction (audited, naming `batch` when it was part
/// of one); refused once the pairing has check-ins or moved on. Returns the pairing as it
/// was.
pub(super) fn undo_approval_in(
    tx: &Tx<'_>,
    pairing: PairingId,
    from_proposal: bool,
    milestone: Option<MilestoneId>,
    now: DateTime<Utc>,
    actor: &str,
    batch: Option<&str>,
) -> Result<Pairing, DeskError> {
    let before = load_pairing(tx, pairing)?;
    if before.status != PairingStatus::Active || tx.has_checkins(pairing)? {
        return Err(Refusal::ApprovalMovedOn { pairing }.into());
    }
    if let Some(id) = milestone {
        tx.delete_milestone(id)?;
    }
    let mut after = if from_proposal {
        let back = Pairing {
            status: PairingStatus::Proposed,
            started_at: None,
            approved_by: None,
            ..before.clone()
        };
        tx.update_pairing(&back)?;
        Some(snapshot(&back))
    } else {
        tx.delete_pairing(pairing)?;
        None
    };
    if let (Some(after), Some(batch)) = (after.as_mut(), batch) {
        after["batch"] = serde_json::json!(batch);
    }
    tx.set_learner_status(&before.learner, LearnerStatus::Waiting, now)?;
    tx.append_audit(
        now,
        actor,
        "undo.approve",
        &format!("pairing:{pairing}"),
        Some(&snapshot(&before)),
        after.as_ref(),
    )?;
    Ok(before)
}

/// The week, the weights, and how far back declines count: judging a pair needs these and
/// the pair's own rows, which `approve_in` reads by point queries.
pub(super) struct PairJudging {
    ctx: MatchContext,
    weights: Weights,
    declines_since: DateTime<Utc>,
}

/// The approval of a proposal as it stands: the plan's pair and agreement, the learner's
/// goals.
pub(super) fn proposal_approval(tx: &Tx<'_>, id: PairingId) -> Result<Approval, DeskError> {
    let proposal = load_pairing(tx, id)?;
    if proposal.status != PairingStatus::Proposed {
        return Err(Refusal::NotAProposal {
            pairing: id,
            status: proposal.status,
        }
        .into());
    }
    let learner = tx
        .learner(&proposal.learner)?
        .ok_or_else(|| DeskError::not_found(Subject::Learner, &proposal.learner))?;
    Ok(Approval {
        learner: proposal.learner,
        mentor: proposal.mentor,
        agreement: Agreement {
            goals: learner.goals,
            ..proposal.agreement
        },
        override_reason: None,
        first_milestone: None,
    })
}

/// The approval inside its transaction; `batch` names the bulk approval it is part of (in
/// its audit row).
pub(super) fn approve_in(
    tx: &Tx<'_>,
    judging: &PairJudging,
    approval: &Approval,
    now: DateTime<Utc>,
    actor: &str,
    batch: Option<&str>,
) -> Result<(Pairing, ApprovalStep), DeskError> {
    let (learner, mentor) = ensure_people(tx, &approval.learner, &approval.mentor)?;
    let seats_in_use = tx.seats_in_use(&mentor.id)?;
    let declines = tx.recent_declines_of(&mentor.id, judging.declines_since)?;
    let ctx = &judging.ctx;
    let prepared_learner = PreparedLearner::new(&learner, ctx);
    let prepared_mentor = PreparedMentor::new(&mentor, seats_in_use, declines, ctx);
    let exclusion = tx.exclusion(&learner.id, &mentor.id)?.map(|e| e.reason);
    let seat = tx.seat_of(&learner.id)?;
    let facts = PairFacts {
        exclusion: exclusion.as_deref(),
        learner_already_paired: seat.is_some(),
    };
    let failures = check(&prepared_learner, &prepared_mentor, facts, ctx);
    let limits: Vec<SeatLimit> = failures
        .iter()
        .filter_map(|f| match f {
            Failure::LearnerAlreadyPaired => seat
                .as_ref()
                .map(|p| SeatLimit::LearnerAlreadyPaired { pairing: p.id }),
            Failure::MentorFull { capacity, in_use } => Some(SeatLimit::MentorFull {
                capacity: *capacity,
                in_use: *in_use,
            }),
            _ => None,
        })
        .collect();
    if !limits.is_empty() {
        return Err(Refusal::SeatLimits {
            learner: learner.id.clone(),
            mentor: mentor.id.clone(),
            limits,
        }
        .into());
    }
    let override_reason = approval
        .override_reason
        .as_deref()
        .map(crate::domain::text::clean_line)
        .filter(|r| !r.is_empty());
    if !failures.is_empty() && override_reason.is_none() {
        return Err(Refusal::ConstraintsFail {
            learner: learner.id.clone(),
            mentor: mentor.id.clone(),
            failures,
        }
        .into());
    }
    let breakdown = explain(
        &prepared_learner,
        &prepared_mentor,
        &judging.weights.allocation(),
    );
    let explanation = serde_json::to_string(&breakdown).ok();
    let proposal = tx.proposal_for(&learner.id, &mentor.id)?;
    let from_proposal = proposal.is_some();
    let pairing = Pairing {
        id: proposal.as_ref().map_or(PairingId(0), |p| p.id),
        uid: proposal
            .as_ref()
            .map_or_else(|| super::fresh::pairing_uid(now), |p| p.uid),
        learner: learner.id.clone(),
        mentor: mentor.id.clone(),
        status: PairingStatus::Active,
        agreement: approval.agreement.clone(),
        score: Some(breakdown.total),
        explanation,
        created_at: proposal.as_ref().map_or(now, |p| p.created_at),
        started_at: Some(now),
        ended_at: None,
        end_reason: None,
        approved_by: Some(actor.to_string()),
    };
    let pairing = if from_proposal {
        tx.update_pairing(&pairing)?;
        pairing
    } else {
        let id = tx.insert_pairing(&pairing)?;
        Pairing { id, ..pairing }
    };
    tx.set_learner_status(&learner.id, LearnerStatus::Matched, now)?;
    let milestone = match &approval.first_milestone {
        Some((title, due)) => {
            let title = crate::domain::text::clean_line(title);
            if title.is_empty() {
                None
            } else {
                Some(tx.insert_milestone(&Milestone {
                    id: MilestoneId(0),
                    uid: super::fresh::milestone_uid(now),
                    author: tx.author(),
                    learner: learner.id.clone(),
                    title,
                    kind: MilestoneKind::Custom,
                    due: *due,
                    status: MilestoneStatus::Planned,
                    created_at: now,
                    achieved_at: None,
                    evidence: None,
                    endorsed_by: None,
                    drop_reason: None,
                    from_checkin: None,
                })?)
            }
        }
        None => None,
    };
    let mut after = snapshot(&pairing);
    if let Some(reason) = &override_reason {
        after["override"] = serde_json::json!({
            "reason": reason,
            "failed": failures.iter().map(ToString::to_string).collect::<Vec<_>>(),
        });
    }
    if let Some(batch) = batch {
        after["batch"] = serde_json::json!(batch);
    }
    let action = if override_reason.is_some() {
        "approve.override"
    } else {
        "approve"
    };
    tx.append_audit(
        now,
        actor,
        action,
        &format!("pairing:{}", pairing.id),
        None,
        Some(&after),
    )?;
    let step = ApprovalStep {
        pairing: pairing.id,
        from_proposal,
        milestone,
    };
    Ok((pairing, step))
}
