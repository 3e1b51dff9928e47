//! Check-ins: one session between a learner and a mentor, with the learner's confidence.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Author;
use super::error::DomainError;
use super::guide::GuideName;
use super::ids::{CheckInId, PairingId};
use super::person::{Mode, Tag};

/// A learner's confidence after a session, 1 (lost) to 5 (confident).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Confidence(u8);

impl Confidence {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Result<Confidence, DomainError> {
        if (Confidence::MIN..=Confidence::MAX).contains(&value) {
            Ok(Confidence(value))
        } else {
            Err(Confidence::out_of_range(value.to_string()))
        }
    }

    /// Reads typed text (spaces around are ignored): `1` lost … `5` confident.
    pub fn parse(raw: &str) -> Result<Confidence, DomainError> {
        let raw = raw.trim();
        raw.parse::<u8>()
            .map_err(|_| Confidence::out_of_range(raw.to_string()))
            .and_then(Confidence::new)
    }

    fn out_of_range(value: String) -> DomainError {
        DomainError::OutOfRange {
            what: "confidence",
            value,
            min: Confidence::MIN.into(),
            max: Confidence::MAX.into(),
        }
    }
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Confidence {
    type Error = DomainError;
    fn try_from(value: u8) -> Result<Self, DomainError> {
        Confidence::new(value)
    }
}

impl From<Confidence> for u8 {
    fn from(c: Confidence) -> u8 {
        c.0
    }
}

/// Longest session a check-in may record.
pub const MAX_SESSION_MINUTES: u32 = 600;

/// Checks the minutes of a session: 1 to [`MAX_SESSION_MINUTES`].
pub fn validate_minutes(minutes: u32) -> Result<u32, DomainError> {
    if (1..=MAX_SESSION_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(DomainError::OutOfRange {
            what: "minutes",
            value: minutes.to_string(),
            min: 1,
            max: MAX_SESSION_MINUTES.into(),
        })
    }
}

/// How far ahead a check-in may be dated, even when the person says it is ahead on purpose
/// (`--future`, or a second Ctrl-s in the form): a session planned for next week is fine; a
/// date years away is a typo, and would hide the pairing's real silence from its health.
pub const MAX_DAYS_AHEAD: i64 = 14;

/// One session. An edit writes a new check-in that `supersedes` the old one, so nothing a
/// mentor wrote is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: CheckInId,
    pub pairing: PairingId,
    pub at: DateTime<Utc>,
    pub minutes: u32,
    pub mode: Option<Mode>,
    pub confidence: Option<Confidence>,
    pub notes: String,
    pub topics: Vec<Tag>,
    pub next_steps: Option<String>,
    /// Which desk wrote it (the coordinator's, or a mentor's offline copy).
    pub author_desk: String,
    /// Who wrote it: the coordinator, or a mentor (on their desk or on their behalf).
    pub author: Author,
    pub supersedes: Option<CheckInId>,
    pub recorded_at: DateTime<Utc>,
    /// The guide the session used (its agenda was put into the notes or next steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<GuideName>,
}

/// What the health rules and the program metrics read of a check-in: which one, when, how
/// long, the confidence, and which version it replaces. Implemented by the whole
/// [`CheckIn`] and by its [`CheckInSummary`].
pub trait Session {
    fn id(&self) -> CheckInId;
    fn pairing(&self) -> PairingId;
    fn at(&self) -> DateTime<Utc>;
    fn minutes(&self) -> u32;
    fn confidence(&self) -> Option<Confidence>;
    fn supersedes(&self) -> Option<CheckInId>;
}

/// A check-in without its words (notes, topics, next steps): what a read of every check-in
/// for the program's numbers needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckInSummary {
    pub id: CheckInId,
    pub pairing: PairingId,
    pub at: DateTime<Utc>,
    pub minutes: u32,
    pub confidence: Option<Confidence>,
    pub supersedes: Option<CheckInId>,
}

impl From<&CheckIn> for CheckInSummary {
    fn from(c: &CheckIn) -> Self {
        CheckInSummary {
            id: c.id,
            pairing: c.pairing,
            at: c.at,
            minutes: c.minutes,
            confidence: c.confidence,
            supersedes: c.supersedes,
        }
    }
}

macro_rules! session_fields {
    ($type:ty) => {
        impl Session for $type {
            fn id(&self) -> CheckInId {
                self.id
            }
            fn pairing(&self) -> PairingId {
                self.pairing
            }
            fn at(&self) -> DateTime<Utc> {
                self.at
            }
            fn minutes(&self) -> u32 {
                self.minutes
            }
            fn confidence(&self) -> Option<Confidence> {
                self.confidence
            }
            fn supersedes(&self) -> Option<CheckInId> {
                self.supersedes
            }
        }
    };
}
session_fields!(CheckIn);
session_fields!(CheckInSummary);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_reads_typed_text_and_names_itself() {
        assert_eq!(Confidence::parse(" 4 ").map(Confidence::get), Ok(4));
        let six = Confidence::parse("6").unwrap_err().to_string();
        assert_eq!(six, "confidence \"6\" is not a whole number from 1 to 5");
        assert!(Confidence::parse("high").is_err());
        assert_eq!(Confidence::new(6), Confidence::parse("6"));
    }

    #[test]
    fn confidence_and_minutes_bounds() {
        assert!(Confidence::new(0).is_err() && Confidence::new(6).is_err());
        assert_eq!(Confidence::new(5).unwrap().get(), 5);
        assert!(validate_minutes(0).is_err() && validate_minutes(601).is_err());
        assert_eq!(validate_minutes(45).unwrap(), 45);
    }
}
