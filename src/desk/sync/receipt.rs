//! Receipts on the mentor desk: the records the coordinator's desk took are marked handed
//! over (no longer exported), and refused ones keep the reason.

use super::SyncError;
use super::identity::require_mentor;
use crate::desk::{Desk, DeskError};
use crate::domain::seal::verify;
use crate::domain::sync::{ReceiptContent, Sealed};

/// What a receipt marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AckSummary {
    /// Records now marked handed over.
    pub handed_over: usize,
    /// Records the coordinator's desk refused.
    pub rejected: usize,
    /// Ids the receipt names that this desk does not hold.
    pub unknown: usize,
    /// Records still to hand back.
    pub pending: usize,
}

impl Desk {
    /// Marks the records a receipt names (audited). Refused when the receipt is for another
    /// desk or its signature does not hold under this desk's key.
    pub fn ack_receipt(
        &mut self,
        receipt: &Sealed<ReceiptContent>,
    ) -> Result<AckSummary, DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        let content = &receipt.content;
        self.store.write(|tx| {
            let stored = tx.desk_identity()?;
            let (_, key, _, program) = require_mentor(&stored, "acknowledging a receipt")?;
            if content.desk != stored.device || content.program != program {
                return Err(SyncError::ReceiptOtherDesk {
                    found: content.desk.to_string(),
                    mine: stored.device.to_string(),
                }
                .into());
            }
            if !verify(&key, &receipt.content_bytes, &receipt.hmac) {
                return Err(SyncError::ReceiptBadSignature.into());
            }
            let (mut handed_over, mut rejected, mut unknown) = (0, 0, 0);
            for id in &content.accepted {
                if tx.ack_journal(*id, now)? {
                    handed_over += 1;
                } else {
                    unknown += 1;
                }
            }
            for r in &content.rejected {
                if tx.reject_journal(r.id, &r.reason)? {
                    rejected += 1;
                } else {
                    unknown += 1;
                }
            }
            let pending = tx.journal(true)?.len();
            tx.append_audit(
                now,
                &actor,
                "sync.ack",
                &format!("bundle:{}", content.bundle_sha256),
                None,
                Some(&serde_json::json!({
                    "handed_over": handed_over,
                    "rejected": rejected,
                    "unknown": unknown,
                    "pending": pending,
                })),
            )?;
            Ok(AckSummary {
                handed_over,
                rejected,
                unknown,
                pending,
            })
        })
    }
}
