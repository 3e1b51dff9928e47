//! A pairing's life after approval: pause and resume, end with a reason, and rematch.
//!
//! Owns: which moves are allowed, what the learner's status becomes, and the pause/resume
//! rows of `pairing_events` (the pairing row keeps only its current state). Each move is one
//! transaction with its audit row. May use: `domain`, `store`.

use serde::Serialize;

use super::undo::log_operation;
use super::{Desk, DeskError, PairingMove, Refusal, Subject};
use crate::domain::operation::EndStep;
use crate::domain::text::clean_line;
use crate::domain::{
    Exclusion, LearnerId, LearnerStatus, Operation, Pairing, PairingId, PairingStatus,
};
use crate::store::{PairingEvent, PairingEventKind, Tx};

/// Why a pairing ended. The named reasons are the ones a coordinator meets most; anything
/// else is kept as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EndReason {
    GoalsMet,
    NoShow,
    Mismatch,
    LearnerLeft,
    MentorLeft,
    Other(String),
}

impl EndReason {
    /// Reads a reason (cleaned; named reasons in any case, `_`/`-` for spaces).
    pub fn parse(raw: &str) -> Result<EndReason, DeskError> {
        let text = clean_line(raw);
        if text.is_empty() {
            return Err(Refusal::EndReasonMissing.into());
        }
        let key = text.to_lowercase().replace(['_', '-'], " ");
        Ok(match key.as_str() {
            "goals met" => EndReason::GoalsMet,
            "no show" => EndReason::NoShow,
            "mismatch" => EndReason::Mismatch,
            "learner left" => EndReason::LearnerLeft,
            "mentor left" => EndReason::MentorLeft,
            _ => EndReason::Other(text),
        })
    }

    pub fn as_str(&self) -> &str {
        match self {
            EndReason::GoalsMet => "goals met",
            EndReason::NoShow => "no-show",
            EndReason::Mismatch => "mismatch",
            EndReason::LearnerLeft => "learner left",
            EndReason::MentorLeft => "mentor left",
            EndReason::Other(text) => text,
        }
    }

    /// The pairing's final status and the learner's status after it.
    pub fn outcome(&self) -> (PairingStatus, LearnerStatus) {
        match self {
            EndReason::GoalsMet => (PairingStatus::Completed, LearnerStatus::Graduated),
            EndReason::LearnerLeft => (PairingStatus::Ended, LearnerStatus::Withdrawn),
            _ => (PairingStatus::Ended, LearnerStatus::Waiting),
        }
    }
}

fn snapshot(p: &Pairing) -> serde_json::Value {
    serde_json::to_value(p).unwrap_or(serde_json::Value::Null)
}

/// The pairing, or an error naming the id.
pub(super) fn load_pairing(tx: &Tx<'_>, id: PairingId) -> Result<Pairing, DeskError> {
    tx.pairing(id)?
        .ok_or_else(|| DeskError::not_found(Subject::Pairing, id))
}

/// Refuses a move the lifecycle does not allow, naming where the pairing stands.
fn ensure_move(p: &Pairing, next: PairingStatus, action: PairingMove) -> Result<(), DeskError> {
    if p.status.can_become(next) {
        Ok(())
    } else {
        Err(move_refused(p, action))
    }
}

fn move_refused(p: &Pairing, action: PairingMove) -> DeskError {
    Refusal::MoveNotAllowed {
        action,
        pairing: p.id,
        learner: p.learner.clone(),
        mentor: p.mentor.clone(),
        status: p.status,
    }
    .into()
}

impl Desk {
    /// Pauses an active pairing (audited); the learner becomes `paused`.
    pub fn pause(&mut self, id: PairingId, reason: Option<&str>) -> Result<Pairing, DeskError> {
        self.ensure_coordinator("pausing a pairing")?;
        let reason = reason.map(clean_line).filter(|r| !r.is_empty());
        self.move_between(id, PairingEventKind::Paused, reason)
    }

    /// Resumes a paused pairing (audited); the learner is `matched` again.
    pub fn resume(&mut self, id: PairingId) -> Result<Pairing, DeskError> {
        self.ensure_coordinator("resuming a pairing")?;
        self.move_between(id, PairingEventKind::Resumed, None)
    }

    fn move_between(
        &mut self,
        id: PairingId,
        kind: PairingEventKind,
        reason: Option<String>,
    ) -> Result<Pairing, DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        let (next, learner_status, verb) = match kind {
            PairingEventKind::Paused => (
                PairingStatus::Paused,
                LearnerStatus::Paused,
                PairingMove::Pause,
            ),
            PairingEventKind::Resumed => (
                PairingStatus::Active,
                LearnerStatus::Matched,
                PairingMove::Resume,
            ),
        };
        self.store.write(|tx| {
            let before = load_pairing(tx, id)?;
            if before.status == next
                || !matches!(before.status, PairingStatus::Active | PairingStatus::Paused)
            {
                return Err(move_refused(&before, verb));
            }
            ensure_move(&before, next, verb)?;
            let after = Pairing {
                status: next,
                ..before.clone()
            };
            tx.update_pairing(&after)?;
            tx.set_learner_status(&after.learner, learner_status, now)?;
            tx.insert_pairing_event(&PairingEvent {
                pairing: id,
                at: now,
                kind,
                reason: reason.clone(),
                actor: actor.clone(),
            })?;
            let mut after_json = snapshot(&after);
            if let Some(reason) = &reason {
                after_json["reason"] = serde_json::json!(reason);
            }
            tx.append_audit(
                now,
                &actor,
                verb.as_str(),
                &format!("pairing:{id}"),
                Some(&snapshot(&before)),
                Some(&after_json),
            )?;
            let event = tx.newest_pairing_event(id)?;
            let operation = match kind {
                PairingEventKind::Paused => Operation::Pause { pairing: id, event },
                PairingEventKind::Resumed => Operation::Resume {
                    pairing: id,
                    event,
                    at: now,
                },
            };
            log_operation(tx, now, &actor, &operation)?;
            Ok(after)
        })
    }

    /// Ends an active or paused pairing for `reason` (audited): `goals met` completes it and
    /// graduates the learner; `learner left` withdraws the learner; any other reason ends it
    /// and the learner waits for a new mentor.
    pub fn end(&mut self, id: PairingId, reason: &str) -> Result<Pairing, DeskError> {
        self.ensure_coordinator("ending a pairing")?;
        let reason = EndReason::parse(reason)?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let (ended, step) = end_in(tx, id, &reason, now, &actor, "end")?;
            log_operation(tx, now, &actor, &Operation::End(step))?;
            Ok(ended)
        })
    }

    /// Ends the pairing for `reason` and excludes its mentor for this learner, in one
    /// transaction (audited); returns the ended pairing, whose learner now waits for
    /// candidates. A rematch means the learner wants another mentor, so `goals met` and
    /// `learner left` are refused.
    pub fn rematch(
        &mut self,
        id: PairingId,
        reason: &str,
    ) -> Result<(Pairing, LearnerId), DeskError> {
        let reason = EndReason::parse(reason)?;
        if matches!(reason, EndReason::GoalsMet | EndReason::LearnerLeft) {
            return Err(Refusal::RematchNeedsEnd { reason }.into());
        }
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let (ended, step) = end_in(tx, id, &reason, now, &actor, "rematch")?;
            let exclusion = Exclusion {
                learner: ended.learner.clone(),
                mentor: ended.mentor.clone(),
                reason: format!("rematched: {}", reason.as_str()),
                created_at: now,
            };
            tx.put_exclusion(&exclusion)?;
            tx.append_audit(
                now,
                &actor,
                "exclude",
                &format!("pair:{}/{}", ended.learner, ended.mentor),
                None,
                Some(&serde_json::json!({"reason": exclusion.reason})),
            )?;
            log_operation(tx, now, &actor, &Operation::Rematch(step))?;
            let learner = ended.learner.clone();
            Ok((ended, learner))
        })
    }
}

/// Ends a pairing inside a transaction; `action` names the audit row (`end` or `rematch`).
fn end_in(
    tx: &Tx<'_>,
    id: PairingId,
    reason: &EndReason,
    now: chrono::DateTime<chrono::Utc>,
    actor: &str,
    action: &str,
) -> Result<(Pairing, EndStep), DeskError> {
    let before = load_pairing(tx, id)?;
    let learner_before = tx
        .learner(&before.learner)?
        .map_or(LearnerStatus::Matched, |l| l.status);
    let (status, learner_status) = reason.outcome();
    let verb = if action == "rematch" {
        PairingMove::Rematch
    } else {
        PairingMove::End
    };
    ensure_move(&before, status, verb)?;
    let after = Pairing {
        status,
        ended_at: Some(now),
        end_reason: Some(reason.as_str().to_string()),
        ..before.clone()
    };
    tx.update_pairing(&after)?;
    tx.set_learner_status(&after.learner, learner_status, now)?;
    tx.append_audit(
        now,
        actor,
        action,
        &format!("pairing:{id}"),
        Some(&snapshot(&before)),
        Some(&snapshot(&after)),
    )?;
    let step = EndStep {
        pairing: id,
        learner: after.learner.clone(),
        mentor: after.mentor.clone(),
        status_before: before.status,
        learner_before,
        status_after: after.status,
        learner_after: learner_status,
        ended_at: now,
    };
    Ok((after, step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_and_outcomes() {
        assert_eq!(
            EndReason::parse(" Goals_met ").unwrap(),
            EndReason::GoalsMet
        );
        assert_eq!(EndReason::parse("no-show").unwrap(), EndReason::NoShow);
        assert_eq!(
            EndReason::parse("moved\u{1b}[2J abroad").unwrap(),
            EndReason::Other("moved[2J abroad".into())
        );
        assert!(EndReason::parse("  ").is_err());
        assert_eq!(
            EndReason::LearnerLeft.outcome(),
            (PairingStatus::Ended, LearnerStatus::Withdrawn)
        );
        assert_eq!(
            EndReason::GoalsMet.outcome(),
            (PairingStatus::Completed, LearnerStatus::Graduated)
        );
        assert_eq!(
            EndReason::Mismatch.outcome(),
            (PairingStatus::Ended, LearnerStatus::Waiting)
        );
    }
}
