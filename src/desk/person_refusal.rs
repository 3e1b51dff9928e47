//! Why an edit of a person, a change of their status, or an introduction was refused: each with the ids a
//! face needs to offer the next step (the pairings to end or move first).
//!
//! Owns: the words of those refusals. May use: `domain`.

use std::fmt;

use chrono::NaiveDate;

use crate::domain::{LearnerId, LearnerStatus, MentorId, PairingId, PairingStatus};

pub use crate::domain::PersonKind;

/// A pairing that stands in the way, named for the person who has to move it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocking {
    pub pairing: PairingId,
    pub learner: LearnerId,
    pub mentor: MentorId,
    pub status: PairingStatus,
}

impl fmt::Display for Blocking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pairing {} ({} → {}, {})",
            self.pairing, self.learner, self.mentor, self.status
        )
    }
}

fn list(blocking: &[Blocking]) -> String {
    blocking
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a change to a person was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PersonRefusal {
    /// The id names a learner and a mentor; the face must say which.
    AmbiguousId { id: String },
    /// Another person of that kind already has the id.
    DuplicateId { kind: PersonKind, id: String },
    /// The id is what pairings, milestones or exclusions point at; it stays.
    IdInUse {
        kind: PersonKind,
        id: String,
        held_by: Vec<String>,
    },
    /// A field a new person must be given.
    FieldMissing {
        kind: PersonKind,
        field: &'static str,
    },
    /// `matched` and `paused` follow the learner's pairings; nobody sets them by hand.
    StatusFollowsPairings { status: LearnerStatus },
    /// The learner holds a pairing, so cannot leave the program or wait again yet.
    LearnerPaired {
        learner: LearnerId,
        status: LearnerStatus,
        pairing: Blocking,
    },
    /// The learner already has that status.
    LearnerAlready {
        learner: LearnerId,
        status: LearnerStatus,
    },
    /// Retiring a mentor whose learners still hold seats.
    MentorHasLearners {
        mentor: MentorId,
        pairings: Vec<Blocking>,
    },
    /// The new capacity is below the learners the mentor has now.
    CapacityBelowLoad {
        mentor: MentorId,
        capacity: u32,
        pairings: Vec<Blocking>,
    },
    /// A pause ends on a day after today.
    PauseDayNotAhead { day: NaiveDate, today: NaiveDate },
    /// Only an active or paused mentor can be paused, an inactive one resumed, and so on.
    MentorAlready { mentor: MentorId, status: String },
    /// A mentor desk keeps its own mentor's dates only.
    NotThisDesksMentor { asked: MentorId, own: MentorId },
    /// Only an approved pairing under way is introduced.
    NotIntroducible {
        pairing: PairingId,
        status: PairingStatus,
    },
}

impl fmt::Display for PersonRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PersonRefusal::AmbiguousId { id } => write!(
                f,
                "{id:?} is both a learner and a mentor; say which with --kind learner|mentor"
            ),
            PersonRefusal::DuplicateId { kind, id } => {
                write!(f, "there is already a {kind} with id {id:?}")
            }
            PersonRefusal::IdInUse { kind, id, held_by } => write!(
                f,
                "the id of {kind} {id} cannot change: {} point at it",
                held_by.join(", ")
            ),
            PersonRefusal::FieldMissing { kind, field } => {
                write!(f, "a new {kind} needs a {field}")
            }
            PersonRefusal::StatusFollowsPairings { status } => write!(
                f,
                "status {status} follows the learner's pairings; set waiting, withdrawn or \
                 graduated"
            ),
            PersonRefusal::LearnerPaired {
                learner,
                status,
                pairing,
            } => write!(
                f,
                "learner {learner} cannot become {status}: they hold {pairing}; end it first \
                 (mentordesk end {} --reason …)",
                pairing.pairing
            ),
            PersonRefusal::LearnerAlready { learner, status } => {
                write!(f, "learner {learner} is already {status}")
            }
            PersonRefusal::MentorHasLearners { mentor, pairings } => write!(
                f,
                "mentor {mentor} cannot retire while learners hold seats: {}; end or rematch \
                 them first",
                list(pairings)
            ),
            PersonRefusal::CapacityBelowLoad {
                mentor,
                capacity,
                pairings,
            } => write!(
                f,
                "capacity {capacity} for mentor {mentor} is below the {} learners they mentor \
                 now: {}; end or rematch one first",
                pairings.len(),
                list(pairings)
            ),
            PersonRefusal::PauseDayNotAhead { day, today } => write!(
                f,
                "pause until {day}: the day must be after today ({today})"
            ),
            PersonRefusal::MentorAlready { mentor, status } => {
                write!(f, "mentor {mentor} is already {status}")
            }
            PersonRefusal::NotThisDesksMentor { asked, own } => write!(
                f,
                "this is {own}'s mentor desk; it holds no dates of mentor {asked}"
            ),
            PersonRefusal::NotIntroducible { pairing, status } => match status {
                PairingStatus::Proposed => write!(
                    f,
                    "pairing {pairing} is only a proposal; approve it before introducing the pair"
                ),
                status => write!(
                    f,
                    "pairing {pairing} is {status}; only a pairing under way (active or paused) \
                     is introduced"
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retirement_names_the_pairings_in_the_way() {
        let refusal = PersonRefusal::MentorHasLearners {
            mentor: MentorId::parse("M1").unwrap(),
            pairings: vec![Blocking {
                pairing: PairingId(4),
                learner: LearnerId::parse("L2").unwrap(),
                mentor: MentorId::parse("M1").unwrap(),
                status: PairingStatus::Active,
            }],
        };
        assert_eq!(
            refusal.to_string(),
            "mentor M1 cannot retire while learners hold seats: pairing 4 (L2 → M1, active); \
             end or rematch them first"
        );
    }
}
