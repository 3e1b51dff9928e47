//! A concern raised on a mentor desk, as it travels in a sync bundle (the record kind
//! `concern`): its fields, the checks a record must pass, and the concern it makes on the
//! coordinator's desk. The other record kinds are in `sync`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Author;
use super::concern::{Concern, ConcernKind, MAX_CONCERN_CHARS, Severity};
use super::ids::{CheckInId, LearnerId, PairingId, PairingUid, RecordId};
use super::pairing::Pairing;
use super::sync::{MAX_LINE_CHARS, check_line, check_text};

/// A concern raised on a mentor desk: it arrives on the coordinator's desk open, flagged as
/// the mentor's. The record's id is the concern's uid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcernRecord {
    pub uid: RecordId,
    pub pairing: PairingId,
    pub pairing_uid: PairingUid,
    pub learner: LearnerId,
    /// Not `kind`: the record's own tag is `kind` (`"kind": "concern"`).
    pub concern_kind: ConcernKind,
    pub severity: Severity,
    pub note: String,
    pub raised_at: DateTime<Utc>,
    /// The check-in it was raised with, if any.
    pub checkin: Option<CheckInId>,
    pub author: Author,
    pub author_desk: String,
}

impl ConcernRecord {
    /// The record of `concern`, raised on `pairing`.
    pub fn of(concern: &Concern, pairing: &Pairing) -> ConcernRecord {
        ConcernRecord {
            uid: concern.uid,
            pairing: concern.pairing,
            pairing_uid: pairing.uid,
            learner: pairing.learner.clone(),
            concern_kind: concern.kind,
            severity: concern.severity,
            note: concern.note.clone(),
            raised_at: concern.raised_at,
            checkin: concern.checkin,
            author: concern.author.clone(),
            author_desk: concern.actor.clone(),
        }
    }

    /// The open concern this record makes (numbered by the receiving desk).
    pub fn to_concern(&self) -> Concern {
        Concern {
            id: 0,
            uid: self.uid,
            pairing: self.pairing,
            kind: self.concern_kind,
            severity: self.severity,
            note: self.note.clone(),
            author: self.author.clone(),
            actor: self.author_desk.clone(),
            raised_at: self.raised_at,
            checkin: self.checkin,
            resolution: None,
        }
    }

    pub(super) fn check(&self) -> Result<(), String> {
        if self.note.is_empty() {
            return Err("concern note is empty".into());
        }
        check_text("concern note", &self.note, MAX_CONCERN_CHARS)?;
        if self.concern_kind.always_high() && self.severity != Severity::High {
            return Err(format!("a {} concern is always high", self.concern_kind));
        }
        check_line("author desk", &self.author_desk, MAX_LINE_CHARS)?;
        if LearnerId::parse(self.learner.as_str()).ok().as_ref() != Some(&self.learner) {
            return Err(format!(
                "learner id {:?} is not valid",
                self.learner.as_str()
            ));
        }
        Ok(())
    }
}
