//! Receipts as files (`mentordesk-receipt/1`): the coordinator's desk signs one with the
//! mentor desk's key; the mentor desk reads it to mark records handed over.
//!
//! Owns: reading a receipt file. May use: `desk`, `domain`.

use std::path::Path;

use super::sealed::{RECEIPT, open};
use super::transfer::TransferError;
use crate::desk::{AckSummary, Desk};
use crate::domain::sync::ReceiptContent;

/// Marks the records the receipt at `path` names on this mentor desk.
pub fn ack_receipt(desk: &mut Desk, path: &Path) -> Result<AckSummary, TransferError> {
    let sealed = open::<ReceiptContent>(path, RECEIPT, true)?;
    Ok(desk.ack_receipt(&sealed)?)
}
