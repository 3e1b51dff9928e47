//! A learner's reflection: their own words about their progress, dated, with an optional
//! self-reported confidence, written down by the coordinator or by a mentor on the learner's
//! behalf (the author is kept).
//!
//! Owns: what a reflection is, how its text is cleaned and bounded, and which dates it may
//! carry (not after today, not before the learner joined). May use: nothing outside
//! `domain`. Pure: the instant and the zone come in as arguments.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::author::Author;
use super::checkin::Confidence;
use super::error::DomainError;
use super::ids::LearnerId;
use super::text::clean_multiline;
use super::when::local_day;

/// Longest reflection accepted, in characters: a page of the learner's own words. Longer
/// text is a paste gone wrong more often than a reflection.
pub const MAX_REFLECTION_CHARS: usize = 4_000;

/// One reflection as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reflection {
    pub id: i64,
    pub learner: LearnerId,
    /// When the learner said it.
    pub at: DateTime<Utc>,
    /// Cleaned text, lines kept.
    pub text: String,
    /// The learner's own rating of their confidence, 1 (lost) to 5 (confident).
    pub confidence: Option<Confidence>,
    /// Who wrote it down: the coordinator, or a mentor on the learner's behalf.
    pub author: Author,
    /// The desk's actor who typed it (as in the audit trail).
    pub actor: String,
    pub recorded_at: DateTime<Utc>,
}

/// A reflection without its words: what the program's numbers read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReflectionSummary {
    pub learner: LearnerId,
    pub at: DateTime<Utc>,
    pub confidence: Option<Confidence>,
}

impl From<&Reflection> for ReflectionSummary {
    fn from(r: &Reflection) -> Self {
        ReflectionSummary {
            learner: r.learner.clone(),
            at: r.at,
            confidence: r.confidence,
        }
    }
}

/// Cleans a reflection's text (control characters and escapes out, lines kept) and checks it
/// is there and not too long.
pub fn parse_text(raw: &str) -> Result<String, DomainError> {
    let text = clean_multiline(raw).trim().to_string();
    if text.is_empty() {
        return Err(DomainError::Missing {
            what: "reflection text",
        });
    }
    if text.chars().count() > MAX_REFLECTION_CHARS {
        return Err(DomainError::TooLong {
            what: "reflection",
            value: format!("{}…", text.chars().take(20).collect::<String>()),
            max: MAX_REFLECTION_CHARS,
        });
    }
    Ok(text)
}

/// Checks when a reflection is dated: a reflection looks back, so not after today (in the
/// desk's zone), and not before the learner joined the program.
pub fn check_date(
    at: DateTime<Utc>,
    joined: DateTime<Utc>,
    now: DateTime<Utc>,
    zone: chrono_tz::Tz,
) -> Result<NaiveDate, DomainError> {
    let (day, today, joined_day) = (
        local_day(at, zone),
        local_day(now, zone),
        local_day(joined, zone),
    );
    if day > today {
        return Err(DomainError::Invalid {
            what: "reflection date",
            value: day.to_string(),
            problem: format!("after today ({today}); a reflection looks back on what was said"),
        });
    }
    if day < joined_day {
        return Err(DomainError::Invalid {
            what: "reflection date",
            value: day.to_string(),
            problem: format!("before the learner joined ({joined_day})"),
        });
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn text_is_cleaned_required_and_bounded() {
        let text = parse_text("  I can\x1b[2J read\ttests now\n\nnext: traits  ").unwrap();
        assert!(!text.contains('\x1b'), "{text:?}");
        assert!(text.starts_with("I can") && text.ends_with("next: traits"));
        assert_eq!(text.lines().count(), 3);
        assert_eq!(
            parse_text(" \n\t ").unwrap_err().to_string(),
            "reflection text is required"
        );
        assert!(parse_text(&"é".repeat(MAX_REFLECTION_CHARS)).is_ok());
        let long = parse_text(&"x".repeat(MAX_REFLECTION_CHARS + 1)).unwrap_err();
        assert!(
            long.to_string().contains("at most 4000 characters"),
            "{long}"
        );
    }

    #[test]
    fn dates_look_back_but_not_before_joining() {
        let zone = chrono_tz::Europe::Madrid;
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 22, 30, 0).unwrap();
        let joined = Utc.with_ymd_and_hms(2026, 9, 1, 10, 0, 0).unwrap();
        // 23:30 in Madrid is still today.
        assert!(check_date(now, joined, now, zone).is_ok());
        let tomorrow = Utc.with_ymd_and_hms(2026, 11, 2, 23, 30, 0).unwrap();
        let err = check_date(tomorrow, joined, now, zone).unwrap_err();
        assert_eq!(
            err.to_string(),
            "reflection date \"2026-11-03\": after today (2026-11-02); a reflection looks back \
             on what was said"
        );
        let early = Utc.with_ymd_and_hms(2026, 8, 31, 12, 0, 0).unwrap();
        let err = check_date(early, joined, now, zone).unwrap_err();
        assert!(
            err.to_string()
                .contains("before the learner joined (2026-09-01)")
        );
        assert!(check_date(joined, joined, now, zone).is_ok());
    }
}
