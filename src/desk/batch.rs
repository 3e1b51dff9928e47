//! Approving many pairs at once ("approve every proposal scoring at least …"): one
//! transaction for the lot, all or nothing, each pair judged exactly as a single approval is.
//!
//! Owns: the batch's id and its audit row, which lists every decision so the whole batch can
//! be taken back in one step. May use: `domain`, `matching`, `store`.

use chrono::{DateTime, Utc};

use super::lifecycle::load_pairing;
use super::pairing::{approve_in, proposal_approval, undo_approval_in};
use super::undo::log_operation;
use super::{Approval, Desk, DeskError, Refusal};
use crate::domain::operation::ApprovalStep;
use crate::domain::{Operation, OperationId, Pairing, PairingId, PairingStatus};
use crate::store::Tx;

/// A batch approved: each pairing with its approval, and the one decision in the log that
/// takes the whole batch back (`None` for an empty batch, which changes nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedBatch {
    pub approved: Vec<(Pairing, ApprovalStep)>,
    pub operation: Option<OperationId>,
}

/// A fresh, time-ordered batch id; the random bits keep two desks' batches apart.
fn batch_id(now: DateTime<Utc>) -> String {
    let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    let random = fastrand::u128(..).to_be_bytes();
    let mut tail = [0u8; 10];
    tail.copy_from_slice(&random[6..]);
    uuid::Builder::from_unix_timestamp_millis(millis, &tail)
        .into_uuid()
        .to_string()
}

impl Desk {
    /// Approves every pair of `approvals` in one transaction: all of them, or (when any one
    /// is refused) none, with that refusal. Returns what it approved, in the order given.
    /// Audited: each pairing's row as a single approval writes (naming the batch), then one
    /// `approve.batch` row listing every decision.
    pub fn approve_all(
        &mut self,
        approvals: &[Approval],
    ) -> Result<Vec<(Pairing, ApprovalStep)>, DeskError> {
        Ok(self.approve_batch(approvals)?.approved)
    }

    /// As [`Desk::approve_all`], also returning the decision in the operation log that
    /// undoes the whole batch in one step.
    pub fn approve_batch(&mut self, approvals: &[Approval]) -> Result<ApprovedBatch, DeskError> {
        if approvals.is_empty() {
            return Ok(ApprovedBatch {
                approved: Vec::new(),
                operation: None,
            });
        }
        for approval in approvals {
            approval.agreement.validate()?;
            self.ensure_due_not_past(approval)?;
        }
        let judging = self.pair_judging()?;
        let (now, actor) = (self.now(), self.actor.clone());
        let batch = batch_id(now);
        self.store.write(|tx| {
            let approved = approvals
                .iter()
                .map(|approval| approve_in(tx, &judging, approval, now, &actor, Some(&batch)))
                .collect::<Result<Vec<_>, _>>()?;
            let decisions: Vec<&ApprovalStep> = approved.iter().map(|(_, d)| d).collect();
            let pairings: Vec<PairingId> = approved.iter().map(|(p, _)| p.id).collect();
            let after = serde_json::json!({
                "approved": approved.len(),
                "pairings": pairings,
                "decisions": decisions,
            });
            tx.append_audit(
                now,
                &actor,
                "approve.batch",
                &format!("batch:{batch}"),
                None,
                Some(&after),
            )?;
            let operation = Operation::ApproveBatch {
                batch: batch.clone(),
                approved: approved.iter().map(|(_, d)| d.clone()).collect(),
            };
            let operation = Some(log_operation(tx, now, &actor, &operation)?);
            Ok(ApprovedBatch {
                approved,
                operation,
            })
        })
    }

    /// The approvals of these proposals as they stand (the plan's agreement, each learner's
    /// goals), read at once: what [`Desk::approve_proposal`] approves one at a time, for
    /// [`Desk::approve_all`]. Refused when one is not a proposal.
    pub fn proposal_approvals(&mut self, ids: &[PairingId]) -> Result<Vec<Approval>, DeskError> {
        self.store.read(|tx| {
            ids.iter()
                .map(|id| proposal_approval(tx, *id))
                .collect::<Result<Vec<_>, _>>()
        })
    }
}

/// Takes back every approval of a batch inside one transaction, newest first: all of them,
/// or (when one pairing moved on) none, refused with that pairing. Audited: each pairing's
/// `undo.approve` row naming the batch, then one `undo.batch` row.
pub(super) fn undo_batch_in(
    tx: &Tx<'_>,
    batch: &str,
    approved: &[ApprovalStep],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<String, DeskError> {
    let mut undone = Vec::new();
    for step in approved.iter().rev() {
        let ApprovalStep {
            pairing,
            from_proposal,
            milestone,
        } = step;
        let now_stands = load_pairing(tx, *pairing)?;
        let has_checkins = tx.has_checkins(*pairing)?;
        if now_stands.status != PairingStatus::Active || has_checkins {
            return Err(Refusal::BatchMovedOn {
                approved: approved.len(),
                pairing: *pairing,
                learner: now_stands.learner,
                mentor: now_stands.mentor,
                status: now_stands.status,
                has_checkins,
            }
            .into());
        }
        undo_approval_in(
            tx,
            *pairing,
            *from_proposal,
            *milestone,
            now,
            actor,
            Some(batch),
        )?;
        undone.push(*pairing);
    }
    let after = serde_json::json!({ "undone": undone.len(), "pairings": undone });
    tx.append_audit(
        now,
        actor,
        "undo.batch",
        &format!("batch:{batch}"),
        None,
        Some(&after),
    )?;
    Ok(format!(
        "Undid the {} approvals of the batch in one step",
        undone.len()
    ))
}
