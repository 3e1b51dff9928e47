//! Approving and declining pairings, and undoing a decision made in this session.

use chrono::NaiveDate;
use serde::Serialize;

use super::review::{MatchBoard, ensure_people};
use super::{Desk, DeskError};
use crate::domain::{
    Agreement, LearnerId, LearnerStatus, MentorId, Milestone, MilestoneId, MilestoneKind,
    MilestoneStatus, Pairing, PairingId, PairingStatus,
};
use crate::matching::{Failure, PairFacts, PreparedLearner, check, explain};
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

/// A decision of this session that `undo` can take back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Decision {
    Approved {
        pairing: PairingId,
        from_proposal: bool,
        milestone: Option<MilestoneId>,
    },
    Declined {
        pairing: PairingId,
    },
    Excluded {
        learner: LearnerId,
        mentor: MentorId,
    },
}

fn snapshot(p: &Pairing) -> serde_json::Value {
    serde_json::to_value(p).unwrap_or(serde_json::Value::Null)
}

impl Desk {
    /// Pairings, optionally of one status, by id.
    pub fn pairings(&mut self, status: Option<PairingStatus>) -> Result<Vec<Pairing>, DeskError> {
        Ok(self.store.read(|tx| tx.pairings(status))?)
    }

    pub fn pairing(&mut self, id: PairingId) -> Result<Pairing, DeskError> {
        self.store
            .read(|tx| tx.pairing(id))?
            .ok_or_else(|| DeskError::NotFound {
                what: "pairing",
                id: id.to_string(),
            })
    }

    /// Creates an active pairing after checking the hard constraints again (a proposal for
    /// the same pair becomes the pairing). Audited, with the score and its breakdown.
    pub fn approve(&mut self, approval: &Approval) -> Result<(Pairing, Decision), DeskError> {
        self.ensure_coordinator("approving pairings")?;
        approval.agreement.validate()?;
        let board = self.match_board()?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store
            .write(|tx| approve_in(tx, &board, approval, now, &actor))
    }

    /// Approves a proposal as it stands (the plan's score, the default agreement).
    pub fn approve_proposal(&mut self, id: PairingId) -> Result<(Pairing, Decision), DeskError> {
        let proposal = self.pairing(id)?;
        if proposal.status != PairingStatus::Proposed {
            return Err(DeskError::Refused(format!(
                "pairing {id} is {}, not a proposal",
                proposal.status
            )));
        }
        let learner = self.learner(&proposal.learner)?;
        let agreement = Agreement {
            goals: learner.goals.clone(),
            ..proposal.agreement.clone()
        };
        self.approve(&Approval {
            learner: proposal.learner,
            mentor: proposal.mentor,
            agreement,
            override_reason: None,
            first_milestone: None,
        })
    }

    /// Turns a proposal down (audited); the mentor's rotation score remembers it.
    pub fn decline(&mut self, id: PairingId, reason: Option<&str>) -> Result<Decision, DeskError> {
        self.ensure_coordinator("declining proposals")?;
        let (now, actor) = (self.now(), self.actor.clone());
        let reason = reason
            .map(crate::domain::text::clean_line)
            .filter(|r| !r.is_empty());
        self.store.write(|tx| {
            let before = tx.pairing(id)?.ok_or_else(|| DeskError::NotFound {
                what: "pairing",
                id: id.to_string(),
            })?;
            if before.status != PairingStatus::Proposed {
                return Err(DeskError::Refused(format!(
                    "pairing {id} is {}, not a proposal",
                    before.status
                )));
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
            Ok(Decision::Declined { pairing: id })
        })
    }

    /// Takes back a decision made in this session (audited). An approval can be undone only
    /// while nothing has been logged against the pairing.
    pub fn undo(&mut self, decision: &Decision) -> Result<String, DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| match decision {
            Decision::Approved {
                pairing,
                from_proposal,
                milestone,
            } => {
                let before = tx.pairing(*pairing)?.ok_or_else(|| DeskError::NotFound {
                    what: "pairing",
                    id: pairing.to_string(),
                })?;
                if before.status != PairingStatus::Active
                    || !tx.checkins(Some(*pairing))?.is_empty()
                {
                    return Err(DeskError::Refused(format!(
                        "pairing {pairing} has moved on since it was approved; end it instead"
                    )));
                }
                if let Some(id) = milestone {
                    tx.delete_milestone(*id)?;
                }
                let after = if *from_proposal {
                    let back = Pairing {
                        status: PairingStatus::Proposed,
                        started_at: None,
                        approved_by: None,
                        ..before.clone()
                    };
                    tx.update_pairing(&back)?;
                    Some(snapshot(&back))
                } else {
                    tx.delete_pairing(*pairing)?;
                    None
                };
                tx.set_learner_status(&before.learner, LearnerStatus::Waiting, now)?;
                tx.append_audit(
                    now,
                    &actor,
                    "undo.approve",
                    &format!("pairing:{pairing}"),
                    Some(&snapshot(&before)),
                    after.as_ref(),
                )?;
                Ok(format!(
                    "Undid the approval of {} → {}",
                    before.learner, before.mentor
                ))
            }
            Decision::Declined { pairing } => {
                let before = tx.pairing(*pairing)?.ok_or_else(|| DeskError::NotFound {
                    what: "pairing",
                    id: pairing.to_string(),
                })?;
                if before.status != PairingStatus::Declined {
                    return Err(DeskError::Refused(format!(
                        "pairing {pairing} is no longer declined"
                    )));
                }
                let back = Pairing {
                    status: PairingStatus::Proposed,
                    ended_at: None,
                    end_reason: None,
                    ..before.clone()
                };
                tx.update_pairing(&back)?;
                tx.append_audit(
                    now,
                    &actor,
                    "undo.decline",
                    &format!("pairing:{pairing}"),
                    Some(&snapshot(&before)),
                    Some(&snapshot(&back)),
                )?;
                Ok(format!(
                    "Undid the decline of {} → {}",
                    before.learner, before.mentor
                ))
            }
            Decision::Excluded { learner, mentor } => {
                if !tx.delete_exclusion(learner, mentor)? {
                    return Err(DeskError::Refused(format!(
                        "{learner} and {mentor} are not excluded"
                    )));
                }
                tx.append_audit(
                    now,
                    &actor,
                    "undo.exclude",
                    &format!("pair:{learner}/{mentor}"),
                    None,
                    None,
                )?;
                Ok(format!("Undid the exclusion of {mentor} for {learner}"))
            }
        })
    }
}

/// The approval inside its transaction.
fn approve_in(
    tx: &Tx<'_>,
    board: &MatchBoard,
    approval: &Approval,
    now: chrono::DateTime<chrono::Utc>,
    actor: &str,
) -> Result<(Pairing, Decision), DeskError> {
    let (learner, mentor) = ensure_people(tx, &approval.learner, &approval.mentor)?;
    let seats_in_use = tx
        .mentor_loads()?
        .into_iter()
        .find(|(id, _)| id == &mentor.id)
        .map_or(0, |(_, load)| load.seats_in_use);
    let declines = board.declines.get(&mentor.id).copied().unwrap_or(0);
    let ctx = &board.ctx;
    let prepared_learner = PreparedLearner::new(&learner, ctx);
    let prepared_mentor =
        crate::matching::PreparedMentor::new(&mentor, seats_in_use, declines, ctx);
    let exclusion = tx
        .exclusions()?
        .into_iter()
        .find(|e| e.learner == learner.id && e.mentor == mentor.id)
        .map(|e| e.reason);
    let facts = PairFacts {
        exclusion: exclusion.as_deref(),
        learner_already_paired: tx.seat_of(&learner.id)?.is_some(),
    };
    let failures = check(&prepared_learner, &prepared_mentor, facts, ctx);
    let seat_failures: Vec<&Failure> = failures
        .iter()
        .filter(|f| {
            matches!(
                f,
                Failure::LearnerAlreadyPaired | Failure::MentorFull { .. }
            )
        })
        .collect();
    let listed = |fs: &[&Failure]| {
        fs.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !seat_failures.is_empty() {
        return Err(DeskError::Refused(format!(
            "cannot approve {} → {}: {}",
            learner.id,
            mentor.id,
            listed(&seat_failures)
        )));
    }
    let override_reason = approval
        .override_reason
        .as_deref()
        .map(crate::domain::text::clean_line)
        .filter(|r| !r.is_empty());
    if !failures.is_empty() && override_reason.is_none() {
        let all: Vec<&Failure> = failures.iter().collect();
        return Err(DeskError::Refused(format!(
            "cannot approve {} → {}: {} (use --override REASON to approve anyway)",
            learner.id,
            mentor.id,
            listed(&all)
        )));
    }
    let breakdown = explain(
        &prepared_learner,
        &prepared_mentor,
        &board.weights.allocation(),
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
    let decision = Decision::Approved {
        pairing: pairing.id,
        from_proposal,
        milestone,
    };
    Ok((pairing, decision))
}
