//! When something happened, as a person types it: `2026-11-02T18:30` (local time in a given
//! zone), a full RFC 3339 instant, or a bare date.
//!
//! Owns: that parsing. May use: nothing outside `domain`. No clock: the zone comes in.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::error::DomainError;

/// The hour a bare date stands for: midday, so the instant stays on the same calendar day in
/// every nearby zone.
const DATE_ONLY_HOUR: u32 = 12;

/// Parses `raw` as an instant; local forms are read in `zone`.
pub fn parse_when(what: &'static str, raw: &str, zone: Tz) -> Result<DateTime<Utc>, DomainError> {
    let text = raw.trim();
    let invalid = |problem: &str| DomainError::Invalid {
        what,
        value: text.to_string(),
        problem: problem.to_string(),
    };
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(DATE_ONLY_HOUR, 0, 0))
        })
        .ok_or_else(|| {
            invalid("expected a date (2026-11-02), a local time (2026-11-02T18:30) or RFC 3339")
        })?;
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // The clocks went back: the earlier of the two readings.
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(invalid(&format!(
            "this local time does not exist in {} (clocks jumped forward)",
            zone.name()
        ))),
    }
}

/// Parses a calendar date `YYYY-MM-DD`.
pub fn parse_date(what: &'static str, raw: &str) -> Result<NaiveDate, DomainError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| DomainError::Invalid {
        what,
        value: raw.trim().to_string(),
        problem: "expected a date such as 2026-11-02".into(),
    })
}

/// The calendar day of `at` in `zone`.
pub fn local_day(at: DateTime<Utc>, zone: Tz) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

/// `at` to the minute in `zone`, as every pane and command shows a moment:
/// `2026-11-02 18:30`.
pub fn local_minute(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
}

/// Midnight starting `day` in `zone` (for placing dated events in a time line).
pub fn start_of_day(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::MIN);
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => Utc.from_utc_datetime(&local),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_rfc3339_and_dates() {
        let madrid = chrono_tz::Europe::Madrid;
        let t = parse_when("at", "2026-11-02T18:30", madrid).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-02T17:30:00+00:00");
        let t = parse_when("at", "2026-11-02T18:30:00-05:00", madrid).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-02T23:30:00+00:00");
        let t = parse_when("at", "2026-11-02", madrid).unwrap();
        assert_eq!(local_day(t, madrid).to_string(), "2026-11-02");
        let err = parse_when("--at", "yesterday", madrid).unwrap_err();
        assert!(err.to_string().contains("--at \"yesterday\""), "{err}");
        assert!(parse_when("at", "2026-03-29T02:30", madrid).is_err());
        assert!(parse_date("due", "2026-13-01").is_err());
    }
}
