//! The values a report may show: a count (`<5` when an anonymised report hides it) and a
//! figure worked out from counts (withheld when it rests on fewer than 5 values).

use std::fmt;

use serde::{Serialize, Serializer};

use super::Mode;

/// The smallest count an anonymised report shows as it is.
pub(super) const SMALLEST_SHOWN: u64 = 5;

/// A count as a report may show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exact(u64),
    /// Fewer than 5 (an anonymised report).
    Under5,
}

impl Count {
    pub(super) fn of(n: u64, mode: Mode) -> Count {
        if mode == Mode::Anonymized && n < SMALLEST_SHOWN {
            Count::Under5
        } else {
            Count::Exact(n)
        }
    }

    /// The value a chart draws: 0 for a hidden count, so a hidden 4 and a hidden 0 look alike.
    pub fn drawn(self) -> u64 {
        match self {
            Count::Exact(n) => n,
            Count::Under5 => 0,
        }
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::Under5 => f.write_str("<5"),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Exact(n) => s.serialize_u64(*n),
            Count::Under5 => s.serialize_str("<5"),
        }
    }
}

/// A figure worked out from counts: a value, nothing to work it out from, or withheld
/// because it rests on fewer than 5 values (an anonymised report).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stat {
    Value(f64),
    NoData,
    Withheld,
}

impl Stat {
    pub(super) fn of(value: Option<f64>, based_on: u64, mode: Mode) -> Stat {
        match value {
            None => Stat::NoData,
            Some(_) if mode == Mode::Anonymized && based_on < SMALLEST_SHOWN => Stat::Withheld,
            Some(v) => Stat::Value(v),
        }
    }

    /// The figure with one decimal and a unit (`12.5 days`, `40.0%`), or words.
    pub fn words(self, unit: Unit) -> String {
        match self {
            Stat::Value(v) => match unit {
                Unit::Days => format!("{v:.1} days"),
                Unit::Percent => format!("{:.1}%", v * 100.0),
                Unit::Score => format!("{v:.1}"),
                Unit::Change => format!("{v:+.1}"),
            },
            Stat::NoData => "no data".into(),
            Stat::Withheld => "withheld".into(),
        }
    }

    pub fn value(self) -> Option<f64> {
        match self {
            Stat::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl Serialize for Stat {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Rounded so a JSON reader sees what the text shows, and so a whole number is
            // still written as a decimal (an anonymised check reads integers as counts).
            Stat::Value(v) => s.serialize_f64((v * 1000.0).round() / 1000.0),
            Stat::NoData => s.serialize_none(),
            Stat::Withheld => s.serialize_str("withheld"),
        }
    }
}

/// How a [`Stat`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Days,
    Percent,
    Score,
    Change,
}
