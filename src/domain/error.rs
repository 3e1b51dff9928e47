//! Typed errors for values that fail to parse or validate.

use thiserror::Error;

/// Why a value could not become a domain value. The message names the value; callers add
/// where it came from (file, line, column).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DomainError {
    #[error("{what} is required")]
    Missing { what: &'static str },
    #[error("{what} {value:?} is too long (at most {max} characters)")]
    TooLong {
        what: &'static str,
        value: String,
        max: usize,
    },
    #[error("unknown {what} {value:?} (expected one of: {expected})")]
    UnknownVariant {
        what: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("unknown time zone {0:?} (expected an IANA name such as Europe/Madrid)")]
    UnknownZone(String),
    #[error("availability block {value:?}: {problem}")]
    BadBlock { value: String, problem: String },
    #[error("{what} {value:?} is not a whole number from {min} to {max}")]
    OutOfRange {
        what: &'static str,
        value: String,
        min: i64,
        max: i64,
    },
    #[error("{what} {value:?}: {problem}")]
    Invalid {
        what: &'static str,
        value: String,
        problem: String,
    },
}
