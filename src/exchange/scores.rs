//! The scores file (`mentordesk-scores/1`): a whole cohort problem as JSON, written by
//! `mentordesk scores --json` and read by `mentordesk plan --scores FILE`.
//!
//! Owns: the file's shape and its validation. May use: `domain`, `desk` (for the problem type).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::matching::CohortProblem;

/// The format tag this build reads and writes.
pub const FORMAT: &str = "mentordesk-scores/1";

/// Highest score a scores file may carry.
pub const MAX_SCORE: i64 = 1_000_000;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    learners: Vec<LearnerEntry>,
    mentors: Vec<MentorEntry>,
    pairs: Vec<PairEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnerEntry {
    id: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MentorEntry {
    id: String,
    capacity: i64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairEntry {
    learner: String,
    mentor: String,
    score: i64,
    #[serde(default)]
    mentor_score: Option<i64>,
}

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
    #[error("{file}: format is {found:?}, expected {FORMAT:?}")]
    Format { file: String, found: String },
    #[error("{file}: {problem}")]
    Invalid { file: String, problem: String },
}

/// Reads and checks a scores file into a cohort problem.
pub fn parse_scores(file: &str, bytes: &[u8]) -> Result<CohortProblem, ScoresError> {
    let parsed: File = serde_json::from_slice(bytes).map_err(|e| ScoresError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        problem: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    })?;
    if parsed.format != FORMAT {
        return Err(ScoresError::Format {
            file: file.to_string(),
            found: parsed.format,
        });
    }
    let invalid = |problem: String| ScoresError::Invalid {
        file: file.to_string(),
        problem,
    };
    let mut learner_index = HashMap::new();
    for (i, entry) in parsed.learners.iter().enumerate() {
        if entry.id.trim().is_empty() {
            return Err(invalid(format!("learners[{i}] has an empty id")));
        }
        if learner_index.insert(entry.id.as_str(), i as u32).is_some() {
            return Err(invalid(format!("learner {:?} is listed twice", entry.id)));
        }
    }
    let mut mentor_index = HashMap::new();
    let mut mentors = Vec::with_capacity(parsed.mentors.len());
    for (i, entry) in parsed.mentors.iter().enumerate() {
        if entry.id.trim().is_empty() {
            return Err(invalid(format!("mentors[{i}] has an empty id")));
        }
        let capacity = u32::try_from(entry.capacity).map_err(|_| {
            invalid(format!(
                "mentor {:?} has capacity {}, expected 0 or more",
                entry.id, entry.capacity
            ))
        })?;
        if mentor_index.insert(entry.id.as_str(), i as u32).is_some() {
            return Err(invalid(format!("mentor {:?} is listed twice", entry.id)));
        }
        mentors.push((entry.id.clone(), capacity));
    }
    let mut pairs = Vec::with_capacity(parsed.pairs.len());
    for (i, pair) in parsed.pairs.iter().enumerate() {
        let learner = *learner_index.get(pair.learner.as_str()).ok_or_else(|| {
            invalid(format!(
                "pairs[{i}] names learner {:?}, who is not in \"learners\"",
                pair.learner
            ))
        })?;
        let mentor = *mentor_index.get(pair.mentor.as_str()).ok_or_else(|| {
            invalid(format!(
                "pairs[{i}] names mentor {:?}, who is not in \"mentors\"",
                pair.mentor
            ))
        })?;
        let mentor_score = pair.mentor_score.unwrap_or(pair.score);
        for (what, value) in [("score", pair.score), ("mentor_score", mentor_score)] {
            if !(0..=MAX_SCORE).contains(&value) {
                return Err(invalid(format!(
                    "pairs[{i}] ({} / {}) has {what} {value}, expected 0 to {MAX_SCORE}",
                    pair.learner, pair.mentor
                )));
            }
        }
        pairs.push(crate::matching::PairScore {
            learner,
            mentor,
            score: pair.score,
            mentor_score,
        });
    }
    let problem = CohortProblem {
        learners: parsed.learners.into_iter().map(|l| l.id).collect(),
        mentors,
        pairs,
    };
    problem.validate().map_err(|e| invalid(e.to_string()))?;
    Ok(problem)
}

/// The problem as a scores file.
pub fn scores_json(problem: &CohortProblem) -> serde_json::Value {
    let file = File {
        format: FORMAT.to_string(),
        learners: problem
            .learners
            .iter()
            .map(|id| LearnerEntry { id: id.clone() })
            .collect(),
        mentors: problem
            .mentors
            .iter()
            .map(|(id, capacity)| MentorEntry {
                id: id.clone(),
                capacity: i64::from(*capacity),
            })
            .collect(),
        pairs: problem
            .pairs
            .iter()
            .map(|p| PairEntry {
                learner: problem.learner_id(p.learner).to_string(),
                mentor: problem.mentor_id(p.mentor).to_string(),
                score: p.score,
                mentor_score: Some(p.mentor_score),
            })
            .collect(),
    };
    serde_json::to_value(file).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"format": "mentordesk-scores/1",
        "learners": [{"id": "L1"}, {"id": "L2"}],
        "mentors": [{"id": "M1", "capacity": 1}],
        "pairs": [{"learner": "L1", "mentor": "M1", "score": 900, "mentor_score": 10},
                  {"learner": "L2", "mentor": "M1", "score": 1000000}]}"#;

    #[test]
    fn reads_and_round_trips() {
        let problem = parse_scores("s.json", GOOD.as_bytes()).unwrap();
        assert_eq!(problem.pairs.len(), 2);
        assert_eq!(problem.pairs[1].mentor_score, 1_000_000);
        let again = scores_json(&problem).to_string();
        assert_eq!(parse_scores("s.json", again.as_bytes()).unwrap(), problem);
    }

    #[test]
    fn refuses_bad_files_naming_the_problem() {
        let cases = [
            ("{", "line 1"),
            (
                r#"{"format": "x/2", "learners": [], "mentors": [], "pairs": []}"#,
                "format is \"x/2\"",
            ),
            (
                &GOOD.replace(r#"{"id": "L2"}"#, r#"{"id": "L1"}"#),
                "listed twice",
            ),
            (
                &GOOD.replace("\"capacity\": 1", "\"capacity\": -1"),
                "capacity -1",
            ),
            (
                &GOOD.replace(
                    "\"mentor\": \"M1\", \"score\": 900",
                    "\"mentor\": \"M9\", \"score\": 900",
                ),
                "mentor \"M9\"",
            ),
            (&GOOD.replace("1000000", "1000001"), "score 1000001"),
            (&GOOD.replace("\"score\": 900", "\"score\": -5"), "score -5"),
        ];
        for (text, needle) in cases {
            let err = parse_scores("s.json", text.as_bytes())
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("s.json"), "{err}");
            assert!(err.contains(needle), "{needle}: {err}");
        }
    }
}
