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

/// The whole numbers an agreement term may take: the one place its bounds live. Forms and
/// the command line read a term through [`Term::parse`] and show its error as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub what: &'static str,
    pub min: u32,
    pub max: u32,
}

impl Term {
    pub fn check(&self, value: u32) -> Result<u32, DomainError> {
        if (self.min..=self.max).contains(&value) {
            Ok(value)
        } else {
            Err(self.out_of_range(value.to_string()))
        }
    }

    /// Reads typed text (spaces around are ignored) and checks it.
    pub fn parse(&self, raw: &str) -> Result<u32, DomainError> {
        let raw = raw.trim();
        raw.parse::<u32>()
            .map_err(|_| self.out_of_range(raw.to_string()))
            .and_then(|value| self.check(value))
    }

    /// The bounds for a hint: `1–90`.
    pub fn words(&self) -> String {
        format!("{}–{}", self.min, self.max)
    }

    fn out_of_range(&self, value: String) -> DomainError {
        DomainError::OutOfRange {
            what: self.what,
            value,
            min: self.min.into(),
            max: self.max.into(),
        }
    }
}

impl Agreement {
    /// Days between check-ins.
    pub const CADENCE_DAYS: Term = Term {
        what: "cadence days",
        min: 1,
        max: 90,
    };
    pub const SESSION_MINUTES: Term = Term {
        what: "session minutes",
        min: 10,
        max: 600,
    };
    pub const PLANNED_WEEKS: Term = Term {
        what: "planned weeks",
        min: 1,
        max: 104,
    };

    pub fn parse_cadence_days(raw: &str) -> Result<u32, DomainError> {
        Agreement::CADENCE_DAYS.parse(raw)
    }

    pub fn parse_session_minutes(raw: &str) -> Result<u32, DomainError> {
        Agreement::SESSION_MINUTES.parse(raw)
    }

    pub fn parse_planned_weeks(raw: &str) -> Result<u32, DomainError> {
        Agreement::PLANNED_WEEKS.parse(raw)
    }

    pub fn validate(&self) -> Result<(), DomainError> {
        Agreement::CADENCE_DAYS.check(self.cadence_days)?;
        Agreement::SESSION_MINUTES.check(self.session_minutes)?;
        Agreement::PLANNED_WEEKS.check(self.planned_weeks)?;
        Ok(())
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

    #[test]
    fn agreement_terms_parse_typed_text_and_name_the_term() {
        assert_eq!(Agreement::parse_cadence_days(" 7 "), Ok(7));
        let zero = Agreement::parse_cadence_days("0").unwrap_err().to_string();
        assert_eq!(
            zero,
            "cadence days \"0\" is not a whole number from 1 to 90"
        );
        let words = Agreement::parse_session_minutes("an hour")
            .unwrap_err()
            .to_string();
        assert!(words.contains("session minutes \"an hour\""), "{words}");
        assert!(Agreement::parse_planned_weeks("105").is_err());
        assert_eq!(Agreement::PLANNED_WEEKS.words(), "1–104");
    }
}
