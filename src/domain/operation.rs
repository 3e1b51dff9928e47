//! The operation log: every decision a coordinator makes, kept in the database with what
//! undoing it needs, so `u` in the desk and `mentordesk undo` take it back, also after a
//! restart. Each kind says what undoing it means:
//!
//! | kind | undoing it means | refused when |
//! | --- | --- | --- |
//! | `approve` | the pairing is a proposal again (or is removed, when it was approved without one); the learner waits again; a first milestone planned with it is removed | the pairing has check-ins, or is no longer active |
//! | `approve-batch` | every approval of the batch taken back, newest first, in one step | any one of them would be refused: then none is |
//! | `decline` | the proposal is open again | it is no longer declined |
//! | `exclude` | the exclusion is lifted | it was lifted already |
//! | `end` | the pairing is active (or paused) again as before the end, its end reason cleared; the learner's status as before | it is no longer as the end left it; the learner holds another pairing now; the mentor's seat was taken |
//! | `pause` | the pairing is active again, the learner matched, the pause forgotten | it is no longer paused |
//! | `resume` | the pairing is paused again, the learner paused, the resume forgotten | it is no longer active; check-ins were logged since the resume |
//! | `rematch` | as `end`, and the exclusion it added is lifted | as `end`; the exclusion was lifted already |
//! | `weights` | each weight changed goes back to its value before | one of them was changed since |
//! | `thresholds` | each health threshold changed goes back to its value before | one of them was changed since |
//! | `import` | the people the file brought are removed; the people it updated are as before | a newcomer has pairings, milestones or exclusions now; an updated person was changed since |
//!
//! An operation can also be void (never undoable): its program was replaced (`demo --force`)
//! or a person it names was erased (`forget`). Undoing is itself audited.
//!
//! Owns: the kinds and what undoing each needs. May use: nothing else in the crate.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{LearnerId, LearnerStatus, MentorId, MilestoneId, PairingId, PairingStatus};

/// An operation's number in the log; never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OperationId(pub i64);

impl fmt::Display for OperationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// One approval, as undoing it needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalStep {
    pub pairing: PairingId,
    /// It turned a proposal into the pairing (undo makes it a proposal again).
    pub from_proposal: bool,
    /// The first milestone planned with it (undo removes it).
    pub milestone: Option<MilestoneId>,
}

/// How an end left a pairing, and what it was before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndStep {
    pub pairing: PairingId,
    pub learner: LearnerId,
    pub mentor: MentorId,
    pub status_before: PairingStatus,
    pub learner_before: LearnerStatus,
    pub status_after: PairingStatus,
    pub learner_after: LearnerStatus,
    pub ended_at: DateTime<Utc>,
}

/// One setting changed: its stored key and text before and after (`None`: the default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingStep {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Who an import brought or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportStep {
    /// `learners` or `mentors`.
    pub people: String,
    pub file: String,
    /// Ids of the people who joined with the file.
    pub new: Vec<String>,
    /// Each person the file changed: their record before and after (JSON snapshots).
    pub updated: Vec<(serde_json::Value, serde_json::Value)>,
}

/// A decision in the log. The module documentation says what undoing each kind means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Operation {
    Approve(ApprovalStep),
    ApproveBatch {
        batch: String,
        approved: Vec<ApprovalStep>,
    },
    Decline {
        pairing: PairingId,
    },
    Exclude {
        learner: LearnerId,
        mentor: MentorId,
    },
    End(EndStep),
    Pause {
        pairing: PairingId,
        /// The `pairing_events` row the pause wrote.
        event: i64,
    },
    Resume {
        pairing: PairingId,
        event: i64,
        at: DateTime<Utc>,
    },
    Rematch(EndStep),
    Weights {
        changes: Vec<SettingStep>,
    },
    Thresholds {
        changes: Vec<SettingStep>,
    },
    Import(ImportStep),
}

impl Operation {
    /// The kind, as stored and as `undo --list` shows it.
    pub fn kind(&self) -> &'static str {
        match self {
            Operation::Approve(_) => "approve",
            Operation::ApproveBatch { .. } => "approve-batch",
            Operation::Decline { .. } => "decline",
            Operation::Exclude { .. } => "exclude",
            Operation::End(_) => "end",
            Operation::Pause { .. } => "pause",
            Operation::Resume { .. } => "resume",
            Operation::Rematch(_) => "rematch",
            Operation::Weights { .. } => "weights",
            Operation::Thresholds { .. } => "thresholds",
            Operation::Import(_) => "import",
        }
    }

    /// What the decision was, in a few words with ids (names are added by the face).
    pub fn summary(&self) -> String {
        let settings = |changes: &[SettingStep]| {
            changes
                .iter()
                .map(|c| {
                    format!(
                        "{} {} → {}",
                        c.key.split('.').next_back().unwrap_or(&c.key),
                        c.before.as_deref().unwrap_or("default"),
                        c.after.as_deref().unwrap_or("default")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Operation::Approve(step) => format!("approved pairing {}", step.pairing),
            Operation::ApproveBatch { approved, .. } => {
                format!("approved {} proposals in one step", approved.len())
            }
            Operation::Decline { pairing } => format!("declined proposal {pairing}"),
            Operation::Exclude { learner, mentor } => format!("excluded {learner} / {mentor}"),
            Operation::End(step) => {
                format!("ended pairing {} ({})", step.pairing, step.status_after)
            }
            Operation::Pause { pairing, .. } => format!("paused pairing {pairing}"),
            Operation::Resume { pairing, .. } => format!("resumed pairing {pairing}"),
            Operation::Rematch(step) => format!("rematched pairing {}", step.pairing),
            Operation::Weights { changes } => format!("weights: {}", settings(changes)),
            Operation::Thresholds { changes } => {
                format!("health thresholds: {}", settings(changes))
            }
            Operation::Import(step) => format!(
                "imported {} from {}: {} new, {} updated",
                step.people,
                step.file,
                step.new.len(),
                step.updated.len()
            ),
        }
    }

    /// What undoing this kind means, in one line (the table above).
    pub fn undo_means(kind: &str) -> &'static str {
        match kind {
            "approve" => "the pairing is a proposal again (or removed); the learner waits again",
            "approve-batch" => "every approval of the batch is taken back, all or none",
            "decline" => "the proposal is open again",
            "exclude" => "the exclusion is lifted",
            "end" => "the pairing is under way again as before the end",
            "pause" => "the pairing is active again",
            "resume" => "the pairing is paused again",
            "rematch" => "the pairing is under way again and the exclusion lifted",
            "weights" => "the weights are as before",
            "thresholds" => "the health thresholds are as before",
            "import" => "the people the file brought are removed, the ones it changed restored",
            _ => "",
        }
    }
}

/// An operation as the log holds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoggedOperation {
    pub id: OperationId,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// The audit entry that recorded the decision.
    pub audit: i64,
    /// `None` when the payload could not be read (a newer kind, or blanked by an erasure).
    pub operation: Option<Operation>,
    pub kind: String,
    pub undone: Option<(DateTime<Utc>, String)>,
    /// Why it can never be undone, when it cannot.
    pub void: Option<String>,
}

impl LoggedOperation {
    /// Still undoable as far as the log knows (the world may still refuse).
    pub fn is_open(&self) -> bool {
        self.undone.is_none() && self.void.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_with_their_kind() {
        let op = Operation::Decline {
            pairing: PairingId(4),
        };
        let text = serde_json::to_string(&op).unwrap();
        assert!(text.contains("\"kind\":\"decline\""), "{text}");
        assert_eq!(serde_json::from_str::<Operation>(&text).unwrap(), op);
        for kind in [
            "approve",
            "approve-batch",
            "decline",
            "exclude",
            "end",
            "pause",
            "resume",
            "rematch",
            "weights",
            "thresholds",
            "import",
        ] {
            assert!(!Operation::undo_means(kind).is_empty(), "{kind}");
        }
    }
}
