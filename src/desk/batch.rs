//! Approving many pairs at once ("approve every proposal scoring at least …"): one
//! transaction for the lot, all or nothing, each pair judged exactly as a single approval is.
//!
//! Owns: the batch's id and its audit row, which lists every decision so the whole batch can
//! be taken back in one step. May use: `domain`, `matching`, `store`.

use chrono::{DateTime, Utc};

use super::pairing::{approve_in, proposal_approval};
use super::{Approval, Decision, Desk, DeskError};
use crate::domain::{Pairing, PairingId};

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
    ) -> Result<Vec<(Pairing, Decision)>, DeskError> {
        if approvals.is_empty() {
            return Ok(Vec::new());
        }
        for approval in approvals {
            approval.agreement.validate()?;
        }
        let judging = self.pair_judging()?;
        let (now, actor) = (self.now(), self.actor.clone());
        let batch = batch_id(now);
        self.store.write(|tx| {
            let approved = approvals
                .iter()
                .map(|approval| approve_in(tx, &judging, approval, now, &actor, Some(&batch)))
                .collect::<Result<Vec<_>, _>>()?;
            let decisions: Vec<&Decision> = approved.iter().map(|(_, d)| d).collect();
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
            Ok(approved)
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
