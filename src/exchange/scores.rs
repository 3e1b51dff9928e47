//! The scores file: a whole cohort problem as JSON, written by `mentordesk scores --json` and
//! read by `mentordesk plan --scores FILE`.
//!
//! Two versions are read; the second is written:
//!
//! * `mentordesk-scores/2` (compact): the id tables once, then each pair as
//!   `[learner_index, mentor_index, score, mentor_score]` (indices into the tables), one pair
//!   a line.
//! * `mentordesk-scores/1`: every pair as an object naming its learner and mentor by id.
//!
//! Both are read as a stream: the format tag (which must come first) is checked before
//! anything else is read, ids are mapped to indices as the pairs arrive, and every size the
//! file decides is capped by the file's length and reserved fallibly, so a file too large
//! for memory is refused with a message instead of aborting the process.
//!
//! Owns: the file's shape, its validation, reading and writing it. May use: `matching` (for
//! the problem type), `serde`/`serde_json`.

mod read;
mod write;

use thiserror::Error;

pub use read::{parse_scores, read_scores};
pub use write::write_scores;

/// The format tag this build writes.
pub const FORMAT: &str = "mentordesk-scores/2";

/// The first version's tag, still read.
pub const FORMAT_V1: &str = "mentordesk-scores/1";

/// Highest score a scores file may carry.
pub const MAX_SCORE: i64 = crate::matching::MAX_PAIR_SCORE;

/// Why a scores file was refused; every message names the file and what is wrong in it.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ScoresError {
    #[error("{file}: not valid scores JSON at line {line}, column {column}: {problem}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        problem: String,
    },
    #[error("{file}: format is {found:?}, expected {FORMAT:?} or {FORMAT_V1:?}")]
    Format { file: String, found: String },
    #[error("{file}: {problem}")]
    Invalid { file: String, problem: String },
    #[error("{file}: cannot read it: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    /// Not the file's fault: the machine has too little memory for a file this large.
    #[error("{file}: not enough memory to read it ({what}: {bytes} bytes could not be reserved)")]
    OutOfMemory {
        file: String,
        what: &'static str,
        bytes: usize,
    },
}

impl ScoresError {
    /// Whether the file is at fault (exit 2) rather than the machine (exit 1).
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            ScoresError::OutOfMemory { .. } | ScoresError::Io { .. }
        )
    }
}

#[cfg(test)]
mod tests;
