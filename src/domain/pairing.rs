//! Pairings: a learner and a mentor, their agreement, and the lifecycle
//! `proposed → active ⇄ paused → completed | ended` (`declined` for a proposal turned down).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::ids::{LearnerId, MentorId, PairingId, PairingUid};
use super::person::word_enum;

word_enum!(
    /// Where a pairing is in its life.
    PairingStatus, "pairing status", {
        Proposed => "proposed", Active => "active", Paused => "paused",
        Completed => "completed", Ended => "ended", Declined => "declined",
    }
);

impl PairingStatus {
    /// Active and paused pairings hold a mentor's seat and a learner's one place.
    pub fn holds_seat(self) -> bool {
        matches!(self, PairingStatus::Active | PairingStatus::Paused)
    }

    pub fn is_closed(self) -> bool {
        matches!(
            self,
            PairingStatus::Completed | PairingStatus::Ended | PairingStatus::Declined
        )
    }

    /// Whether the lifecycle allows moving from `self` to `next`.
    pub fn can_become(self, next: PairingStatus) -> bool {
        use PairingStatus::*;
        matches!(
            (self, next),
            (Proposed, Active | Declined)
                | (Active, Paused | Completed | Ended)
                | (Paused, Active | Completed | Ended)
        )
    }
}

/// What learner and mentor agreed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// Days between check-ins.
    pub cadence_days: u32,
    pub session_minutes: u32,
    pub planned_weeks: u32,
    pub goals: Option<String>,
}

impl Default for Agreement {
    fn default() -> Self {
        Agreement {
            cadence_days: 14,
            session_minutes: 60,
            planned_weeks: 12,
            goals: None,
        }
    }
}

impl Agreement {
    pub fn validate(&self) -> Result<(), DomainError> {
        let check = |what: &'static str, value: u32, min: u32, max: u32| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(DomainError::OutOfRange {
                    what,
                    value: value.to_string(),
                    min: min.into(),
                    max: max.into(),
                })
            }
        };
        check("cadence days", self.cadence_days, 1, 90)?;
        check("session minutes", self.session_minutes, 10, 600)?;
        check("planned weeks", self.planned_weeks, 1, 104)
    }
}

/// A learner and a mentor, from proposal to end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    pub id: PairingId,
    /// Its name in files, the same on every desk.
    pub uid: PairingUid,
    pub learner: LearnerId,
    pub mentor: MentorId,
    pub status: PairingStatus,
    pub agreement: Agreement,
    /// Soft score (0–1000) when it was proposed or approved.
    pub score: Option<u32>,
    /// The score breakdown in words, kept with the decision.
    pub explanation: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When it became active.
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub end_reason: Option<String>,
    pub approved_by: Option<String>,
}

/// The capacity invariant: a mentor's seats in use never exceed capacity.
pub fn has_free_seat(seats_in_use: u32, capacity: u32) -> bool {
    seats_in_use < capacity
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_moves() {
        use PairingStatus::*;
        assert!(Proposed.can_become(Active));
        assert!(Active.can_become(Paused) && Paused.can_become(Active));
        assert!(!Ended.can_become(Active));
        assert!(!Proposed.can_become(Paused));
        assert!(Active.holds_seat() && Paused.holds_seat() && !Proposed.holds_seat());
    }

    #[test]
    fn agreement_bounds() {
        assert!(Agreement::default().validate().is_ok());
        let bad = Agreement {
            cadence_days: 0,
            ..Agreement::default()
        };
        assert!(bad.validate().unwrap_err().to_string().contains("cadence"));
    }

    #[test]
    fn capacity_rule() {
        assert!(has_free_seat(1, 2));
        assert!(!has_free_seat(2, 2));
        assert!(!has_free_seat(0, 0));
    }
}
