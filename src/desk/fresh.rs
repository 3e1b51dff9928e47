//! Fresh UUIDv7s for what this desk makes (pairings, milestones, records): time-ordered by the
//! desk's clock, with random bits so two desks writing in the same millisecond still differ.

use chrono::{DateTime, Utc};

use crate::domain::{MilestoneUid, PairingUid, RecordId};

/// Random bits with the RFC 9562 variant (`10` in bits 62–63) in place.
fn random_bits() -> u128 {
    (fastrand::u128(..) & !(0b11 << 62)) | (0b10 << 62)
}

fn millis(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp_millis()).unwrap_or(0)
}

pub(super) fn pairing_uid(now: DateTime<Utc>) -> PairingUid {
    PairingUid::new_at(millis(now), random_bits())
}

pub(super) fn milestone_uid(now: DateTime<Utc>) -> MilestoneUid {
    MilestoneUid::new_at(millis(now), random_bits())
}

pub(super) fn record_id(now: DateTime<Utc>) -> RecordId {
    RecordId::new_at(millis(now), random_bits())
}
