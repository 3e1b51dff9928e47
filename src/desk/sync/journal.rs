//! The mentor desk's journal: every check-in, milestone change and concern made there becomes a record
//! (a UUIDv7, this device, the next sequence number, the content hash) in the same
//! transaction. On a coordinator's desk these functions do nothing.

use chrono::{DateTime, Utc};

use crate::desk::DeskError;
use crate::domain::seal::sha256_hex;
use crate::domain::sync::{
    CheckInRecord, ConcernRecord, MilestoneChange, MilestoneRecord, RecordBody,
};
use crate::domain::{CheckIn, Concern, DeviceId, Milestone, Pairing, RecordId};
use crate::store::Tx;

fn append(
    tx: &Tx<'_>,
    device: DeviceId,
    id: RecordId,
    body: &RecordBody,
    at: DateTime<Utc>,
) -> Result<(), DeskError> {
    let bytes = body.canonical_bytes();
    let text = String::from_utf8_lossy(&bytes);
    tx.append_journal(id, device, body.kind(), &text, &sha256_hex(&bytes), at)?;
    Ok(())
}

/// Journals a check-in just stored (its record shares the check-in's id).
pub(in crate::desk) fn journal_checkin(
    tx: &Tx<'_>,
    checkin: &CheckIn,
    pairing: &Pairing,
) -> Result<(), DeskError> {
    let Some(device) = tx.journal_device() else {
        return Ok(());
    };
    let body = RecordBody::Checkin(CheckInRecord::of(checkin, pairing));
    append(
        tx,
        device,
        RecordId(checkin.id.0),
        &body,
        checkin.recorded_at,
    )
}

/// Journals a change to a milestone just made.
pub(in crate::desk) fn journal_milestone(
    tx: &Tx<'_>,
    milestone: &Milestone,
    at: DateTime<Utc>,
    change: MilestoneChange,
) -> Result<(), DeskError> {
    let Some(device) = tx.journal_device() else {
        return Ok(());
    };
    let body = RecordBody::Milestone(MilestoneRecord {
        uid: milestone.uid,
        learner: milestone.learner.clone(),
        at,
        author: tx.author(),
        change,
    });
    append(tx, device, crate::desk::fresh::record_id(at), &body, at)
}

/// Journals a concern just raised (its record shares the concern's uid), so it travels to the
/// coordinator's desk in the next bundle.
pub(in crate::desk) fn journal_concern(
    tx: &Tx<'_>,
    concern: &Concern,
    pairing: &Pairing,
) -> Result<(), DeskError> {
    let Some(device) = tx.journal_device() else {
        return Ok(());
    };
    let body = RecordBody::Concern(ConcernRecord::of(concern, pairing));
    append(tx, device, concern.uid, &body, concern.raised_at)
}
