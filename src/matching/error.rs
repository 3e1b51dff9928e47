//! Errors of the matching module: bad weight edits, malformed cohort problems, unknown
//! strategy names. Messages are written for the coordinator who typed the value.

use thiserror::Error;

use crate::domain::text::quoted;

/// Why a matching request could not be carried out.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MatchError {
    #[error("unknown weight {} (known weights: {known})", quoted(.name))]
    UnknownWeight { name: String, known: String },
    #[error("weight {name} = {value} is out of range (0 to {max})")]
    WeightOutOfRange { name: String, value: u32, max: u32 },
    #[error("unknown strategy {} (expected one of: optimal, stable, greedy)", quoted(.value))]
    UnknownStrategy { value: String },
    #[error("learner id {} appears twice in the cohort", quoted(.id))]
    DuplicateLearner { id: String },
    #[error("mentor id {} appears twice in the cohort", quoted(.id))]
    DuplicateMentor { id: String },
    #[error("pair {pair} names learner index {index}, but the cohort has {count} learners")]
    LearnerIndexOutOfRange {
        pair: usize,
        index: u32,
        count: usize,
    },
    #[error("pair {pair} names mentor index {index}, but the cohort has {count} mentors")]
    MentorIndexOutOfRange {
        pair: usize,
        index: u32,
        count: usize,
    },
    #[error("the pair learner {} / mentor {} is listed twice", quoted(.learner), quoted(.mentor))]
    DuplicatePair { learner: String, mentor: String },
    #[error(
        "the pair learner {} / mentor {} has {what} {value}, outside 0 to {max}",
        quoted(.learner),
        quoted(.mentor)
    )]
    ScoreOutOfRange {
        learner: String,
        mentor: String,
        what: &'static str,
        value: i64,
        max: i64,
    },
    /// Not the problem's fault: the machine has too little memory for one this large.
    #[error("not enough memory to plan this cohort ({what}: {bytes} bytes could not be reserved)")]
    OutOfMemory { what: &'static str, bytes: usize },
}

impl MatchError {
    /// Whether the request is at fault (exit 2) rather than the machine (exit 1).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, MatchError::OutOfMemory { .. })
    }
}
