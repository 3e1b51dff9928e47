//! How domain values are written into and read from columns: instants as RFC 3339 UTC text,
//! dates as ISO dates, lists in their canonical `;` form.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::error::StoreError;

pub fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn opt_instant(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(instant)
}

pub fn parse_instant(
    table: &'static str,
    key: &str,
    raw: &str,
) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::corrupt(table, key, format!("instant {raw:?}: {e}")))
}

pub fn parse_opt_instant(
    table: &'static str,
    key: &str,
    raw: Option<String>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    raw.map(|r| parse_instant(table, key, &r)).transpose()
}

pub fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn parse_opt_date(
    table: &'static str,
    key: &str,
    raw: Option<String>,
) -> Result<Option<NaiveDate>, StoreError> {
    raw.map(|r| {
        NaiveDate::parse_from_str(&r, "%Y-%m-%d")
            .map_err(|e| StoreError::corrupt(table, key, format!("date {r:?}: {e}")))
    })
    .transpose()
}

/// Parses a stored value with a domain parser, naming the row if it fails.
pub fn decode<T, E: ToString>(
    table: &'static str,
    key: &str,
    parsed: Result<T, E>,
) -> Result<T, StoreError> {
    parsed.map_err(|e| StoreError::corrupt(table, key, e))
}
