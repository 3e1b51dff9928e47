//! Typed errors for values that fail to parse or validate.

use thiserror::Error;

use super::text::quoted;

/// Why a value could not become a domain value. The message names the value; callers add
/// where it came from (file, line, column).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DomainError {
    #[error("{what} is required")]
    Missing { what: &'static str },
    #[error("{what} {} is too long (at most {max} characters)", quoted(.value))]
    TooLong {
        what: &'static str,
        value: String,
        max: usize,
    },
    #[error("unknown {what} {} (expected one of: {expected})", quoted(.value))]
    UnknownVariant {
        what: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("unknown time zone {} (expected an IANA name such as Europe/Madrid)", quoted(.0))]
    UnknownZone(String),
    #[error("availability block {}: {problem}", quoted(.value))]
    BadBlock { value: String, problem: String },
    #[error("{what} {} is not a whole number from {min} to {max}", quoted(.value))]
    OutOfRange {
        what: &'static str,
        value: String,
        min: i64,
        max: i64,
    },
    #[error("{what} {}: {problem}", quoted(.value))]
    Invalid {
        what: &'static str,
        value: String,
        problem: String,
    },
}
