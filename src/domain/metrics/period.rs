//! The period metrics are taken over: the last 30, 90 or 365 days, all time, or since a date.

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::domain::error::DomainError;
use crate::domain::when::{local_day, start_of_day};

/// A period as a person picks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    LastDays(u32),
    All,
    /// From the start of that day in the desk's zone.
    Since(NaiveDate),
}

impl Period {
    /// The periods the desk cycles through, in order.
    pub const CHOICES: [Period; 4] = [
        Period::LastDays(30),
        Period::LastDays(90),
        Period::LastDays(365),
        Period::All,
    ];

    /// Reads `30`, `90`, `365` or `all`.
    pub fn parse(raw: &str) -> Result<Period, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "30" => Ok(Period::LastDays(30)),
            "90" => Ok(Period::LastDays(90)),
            "365" => Ok(Period::LastDays(365)),
            "all" => Ok(Period::All),
            other => Err(DomainError::UnknownVariant {
                what: "period",
                value: other.to_string(),
                expected: "30|90|365|all",
            }),
        }
    }

    /// The next of [`Period::CHOICES`] (a date-based period goes to the first).
    pub fn next(self) -> Period {
        let at = Period::CHOICES.iter().position(|p| *p == self);
        match at {
            Some(i) => Period::CHOICES[(i + 1) % Period::CHOICES.len()],
            None => Period::CHOICES[0],
        }
    }

    /// The instants the period covers, ending `now`.
    pub fn window(self, now: DateTime<Utc>, zone: Tz) -> Window {
        let from = match self {
            Period::LastDays(days) => Some(now - Duration::days(i64::from(days))),
            Period::All => None,
            Period::Since(day) => Some(start_of_day(day, zone)),
        };
        Window { from, to: now }
    }
}

impl Default for Period {
    fn default() -> Self {
        Period::LastDays(90)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::LastDays(days) => write!(f, "last {days} days"),
            Period::All => f.write_str("all time"),
            Period::Since(day) => write!(f, "since {day}"),
        }
    }
}

/// From `from` (or the beginning) to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Option<DateTime<Utc>>,
    pub to: DateTime<Utc>,
}

impl Window {
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.from.is_none_or(|from| at >= from) && at <= self.to
    }

    /// Whether the calendar day `day` (a due date) falls in the window, days read in `zone`.
    pub fn contains_day(&self, day: NaiveDate, zone: Tz) -> bool {
        self.from.is_none_or(|from| day >= local_day(from, zone)) && day <= local_day(self.to, zone)
    }
}

/// What the metrics are judged against: the period, its window, now, and the desk's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub period: Period,
    pub window: Window,
    pub now: DateTime<Utc>,
    pub zone: Tz,
}

impl Frame {
    pub fn new(period: Period, now: DateTime<Utc>, zone: Tz) -> Frame {
        Frame {
            period,
            window: period.window(now, zone),
            now,
            zone,
        }
    }
}
