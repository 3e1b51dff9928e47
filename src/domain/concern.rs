//! A concern about a pairing: something a mentor or the coordinator flags (conduct, safety, a
//! no-show, a mismatch, wellbeing, anything else) for the coordinator to act on, open until it
//! is resolved with a note of what was done.
//!
//! Owns: the kinds and severities (conduct and safety are always high), the note's cleaning
//! and limits, and a concern's age. Personal data: an erasure of the learner or the mentor
//! blanks the notes of their pairings' concerns. May use: nothing outside `domain`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::author::Author;
use super::error::DomainError;
use super::ids::{CheckInId, PairingId, RecordId};
use super::person::word_enum;
use super::text::clean_multiline;

/// Longest concern note or resolution accepted, in characters.
pub const MAX_CONCERN_CHARS: usize = 4_000;

/// What a concern is about. Written by hand rather than with `word_enum!`: `no-show` has a
/// hyphen, which the macro's serde names (the variant in lower case) would lose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConcernKind {
    Conduct,
    Safety,
    NoShow,
    Mismatch,
    Wellbeing,
    Other,
}

impl ConcernKind {
    pub const ALL: &'static [ConcernKind] = &[
        ConcernKind::Conduct,
        ConcernKind::Safety,
        ConcernKind::NoShow,
        ConcernKind::Mismatch,
        ConcernKind::Wellbeing,
        ConcernKind::Other,
    ];
    /// The accepted words, as an error message lists them.
    pub const WORDS: &'static str = "conduct|safety|no-show|mismatch|wellbeing|other";

    pub fn as_str(self) -> &'static str {
        match self {
            ConcernKind::Conduct => "conduct",
            ConcernKind::Safety => "safety",
            ConcernKind::NoShow => "no-show",
            ConcernKind::Mismatch => "mismatch",
            ConcernKind::Wellbeing => "wellbeing",
            ConcernKind::Other => "other",
        }
    }

    /// Conduct and safety cannot wait: they are always high.
    pub fn always_high(self) -> bool {
        matches!(self, ConcernKind::Conduct | ConcernKind::Safety)
    }

    /// The severity a concern of this kind gets when none is asked for.
    pub fn default_severity(self) -> Severity {
        if self.always_high() {
            Severity::High
        } else {
            Severity::Low
        }
    }
}

impl FromStr for ConcernKind {
    type Err = DomainError;
    fn from_str(raw: &str) -> Result<Self, DomainError> {
        let lowered = raw.trim().to_ascii_lowercase();
        ConcernKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == lowered)
            .ok_or_else(|| DomainError::UnknownVariant {
                what: "concern kind",
                value: raw.trim().to_string(),
                expected: ConcernKind::WORDS,
            })
    }
}

impl fmt::Display for ConcernKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

word_enum!(
    /// How urgent a concern is: an open high one makes its pairing at risk.
    Severity, "concern severity", { Low => "low", High => "high" }
);

/// The severity of a new concern: the one asked for, or the kind's default. Asking for low on
/// a conduct or safety concern is refused rather than quietly raised, so nobody believes they
/// filed it as low.
pub fn severity_of(kind: ConcernKind, asked: Option<Severity>) -> Result<Severity, DomainError> {
    match asked {
        Some(Severity::Low) if kind.always_high() => Err(DomainError::Invalid {
            what: "concern severity",
            value: "low".into(),
            problem: format!("a {kind} concern is always high"),
        }),
        Some(severity) => Ok(severity),
        None => Ok(kind.default_severity()),
    }
}

/// Cleans a concern's note or resolution (control characters out, lines kept) and checks it
/// is there and not too long. `what` names the field in the error ("concern note").
pub fn parse_concern_text(what: &'static str, raw: &str) -> Result<String, DomainError> {
    let text = clean_multiline(raw).trim().to_string();
    if text.is_empty() {
        return Err(DomainError::Missing { what });
    }
    if text.chars().count() > MAX_CONCERN_CHARS {
        return Err(DomainError::TooLong {
            what,
            value: format!("{}…", text.chars().take(20).collect::<String>()),
            max: MAX_CONCERN_CHARS,
        });
    }
    Ok(text)
}

/// How a concern was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    pub at: DateTime<Utc>,
    /// The desk's actor who resolved it.
    pub by: String,
    /// What was done.
    pub note: String,
}

/// One concern as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concern {
    /// The number people type (`concern resolve 3`).
    pub id: i64,
    /// Its name across desks: a concern raised on a mentor desk travels under this id.
    pub uid: RecordId,
    pub pairing: PairingId,
    pub kind: ConcernKind,
    pub severity: Severity,
    pub note: String,
    /// Who raised it: the coordinator or a mentor.
    pub author: Author,
    /// The desk's actor who typed it (as in the audit trail).
    pub actor: String,
    pub raised_at: DateTime<Utc>,
    /// The check-in it was raised with, if any.
    pub checkin: Option<CheckInId>,
    pub resolution: Option<Resolution>,
}

impl Concern {
    pub fn is_open(&self) -> bool {
        self.resolution.is_none()
    }

    /// True for an open high concern: the kind the desk never hides.
    pub fn is_alarm(&self) -> bool {
        self.is_open() && self.severity == Severity::High
    }

    /// Whole days since it was raised (0 on the day).
    pub fn age_days(&self, now: DateTime<Utc>) -> i64 {
        (now - self.raised_at).num_days().max(0)
    }

    /// The queue's order: high before low, then newest first, then by number.
    pub fn queue_key(
        &self,
    ) -> (
        std::cmp::Reverse<Severity>,
        std::cmp::Reverse<DateTime<Utc>>,
        i64,
    ) {
        (
            std::cmp::Reverse(self.severity),
            std::cmp::Reverse(self.raised_at),
            -self.id,
        )
    }
}

/// Sorts open concerns as the queue shows them: high first, newest first within a severity.
pub fn queue_order(concerns: &mut [Concern]) {
    concerns.sort_by_key(Concern::queue_key);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn concern(id: i64, severity: Severity, day: u32) -> Concern {
        Concern {
            id,
            uid: RecordId::new_at(1, id as u128),
            pairing: PairingId(1),
            kind: ConcernKind::Other,
            severity,
            note: "x".into(),
            author: Author::Coordinator,
            actor: "ana".into(),
            raised_at: Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap(),
            checkin: None,
            resolution: None,
        }
    }

    #[test]
    fn kinds_read_and_write_their_words_with_the_hyphen() {
        for kind in ConcernKind::ALL {
            assert_eq!(kind.as_str().parse::<ConcernKind>().unwrap(), *kind);
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        assert_eq!(
            " No-Show ".parse::<ConcernKind>().unwrap(),
            ConcernKind::NoShow
        );
        let err = "noshow".parse::<ConcernKind>().unwrap_err().to_string();
        assert!(err.contains("conduct|safety|no-show"), "{err}");
        assert_eq!(
            ConcernKind::WORDS.split('|').count(),
            ConcernKind::ALL.len()
        );
    }

    #[test]
    fn conduct_and_safety_are_always_high() {
        assert_eq!(
            severity_of(ConcernKind::Safety, None).unwrap(),
            Severity::High
        );
        assert_eq!(
            severity_of(ConcernKind::Conduct, None).unwrap(),
            Severity::High
        );
        let err = severity_of(ConcernKind::Conduct, Some(Severity::Low)).unwrap_err();
        assert!(err.to_string().contains("always high"), "{err}");
        assert_eq!(
            severity_of(ConcernKind::NoShow, None).unwrap(),
            Severity::Low
        );
        assert_eq!(
            severity_of(ConcernKind::Wellbeing, Some(Severity::High)).unwrap(),
            Severity::High
        );
    }

    #[test]
    fn notes_are_cleaned_required_and_bounded() {
        let note = parse_concern_text("concern note", "  missed\x1b[2J twice\nno word  ").unwrap();
        assert!(!note.contains('\x1b'), "{note:?}");
        assert!(
            note.starts_with("missed") && note.ends_with("twice\nno word"),
            "{note:?}"
        );
        assert!(parse_concern_text("concern note", " \n\t ").is_err());
        let long = "x".repeat(MAX_CONCERN_CHARS + 1);
        assert!(parse_concern_text("concern note", &long).is_err());
        assert!(parse_concern_text("concern note", &long[1..]).is_ok());
    }

    #[test]
    fn the_queue_shows_high_first_then_newest() {
        let mut queue = vec![
            concern(1, Severity::Low, 9),
            concern(2, Severity::High, 2),
            concern(3, Severity::High, 5),
            concern(4, Severity::Low, 1),
        ];
        queue_order(&mut queue);
        let ids: Vec<i64> = queue.iter().map(|c| c.id).collect();
        assert_eq!(ids, [3, 2, 1, 4]);
        let now = Utc.with_ymd_and_hms(2026, 3, 9, 8, 59, 0).unwrap();
        assert_eq!(queue[0].age_days(now), 3);
        assert!(queue[0].is_alarm() && !queue[2].is_alarm());
    }
}
