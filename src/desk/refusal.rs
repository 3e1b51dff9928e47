//! Why the desk said no: each refusal a reason with the ids a face needs to offer the next
//! step (open the pairing the learner already holds, approve the proposal first, …), and
//! what a lookup did not find.
//!
//! Owns: the words of every refusal (`Display`), one place. May use: `domain`, `matching`.

use std::fmt;

use chrono::NaiveDate;

use super::lifecycle::EndReason;
use crate::domain::{
    CheckInId, LearnerId, MentorId, MilestoneId, MilestoneStatus, OperationId, PairingId,
    PairingStatus,
};
use crate::matching::Failure;

/// What kind of record a lookup did not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    Learner,
    Mentor,
    Pairing,
    CheckIn,
    Milestone,
    /// An operation of the log (`mentordesk undo ID`).
    Decision,
    Concern,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Learner => "learner",
            Subject::Mentor => "mentor",
            Subject::Pairing => "pairing",
            Subject::CheckIn => "check-in",
            Subject::Milestone => "milestone",
            Subject::Decision => "decision",
            Subject::Concern => "concern",
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A move in a pairing's life that can be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PairingMove {
    Pause,
    Resume,
    End,
    Rematch,
}

impl PairingMove {
    /// The verb, also the audit action of the move.
    pub fn as_str(self) -> &'static str {
        match self {
            PairingMove::Pause => "pause",
            PairingMove::Resume => "resume",
            PairingMove::End => "end",
            PairingMove::Rematch => "rematch",
        }
    }
}

impl fmt::Display for PairingMove {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A seat limit that blocks an approval; unlike the other hard constraints it can never be
/// overridden.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SeatLimit {
    /// The learner already holds this active or paused pairing.
    LearnerAlreadyPaired { pairing: PairingId },
    /// The mentor has no free seat.
    MentorFull { capacity: u32, in_use: u32 },
}

impl fmt::Display for SeatLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The words of the matching constraint, so a ranking and a refusal say the same.
        match self {
            SeatLimit::LearnerAlreadyPaired { .. } => Failure::LearnerAlreadyPaired.fmt(f),
            SeatLimit::MentorFull { capacity, in_use } => Failure::MentorFull {
                capacity: *capacity,
                in_use: *in_use,
            }
            .fmt(f),
        }
    }
}

/// A mentor whose new capacity is below the learners they mentor now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityShortfall {
    pub mentor: MentorId,
    pub capacity: u32,
    pub in_use: u32,
}

/// Why a use case refused; `Display` gives the words both faces show.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    // Approving and declining.
    /// Seat limits block the approval: the learner's own seat, the mentor's, or both.
    SeatLimits {
        learner: LearnerId,
        mentor: MentorId,
        limits: Vec<SeatLimit>,
    },
    /// Hard constraints fail and no override reason was given.
    ConstraintsFail {
        learner: LearnerId,
        mentor: MentorId,
        failures: Vec<Failure>,
    },
    /// Only a proposal can be approved or declined as it stands.
    NotAProposal {
        pairing: PairingId,
        status: PairingStatus,
    },
    /// The approval cannot be undone: the pairing has check-ins or moved on.
    ApprovalMovedOn {
        pairing: PairingId,
    },
    /// A batch of approvals cannot be undone as one: this pairing of it moved on (it has
    /// check-ins, or is no longer active), so nothing of the batch was undone.
    BatchMovedOn {
        approved: usize,
        pairing: PairingId,
        learner: LearnerId,
        mentor: MentorId,
        status: PairingStatus,
        has_checkins: bool,
    },
    /// The decline cannot be undone: the proposal is no longer declined.
    NoLongerDeclined {
        pairing: PairingId,
    },

    // Exclusions.
    ExclusionReasonMissing,
    NotExcluded {
        learner: LearnerId,
        mentor: MentorId,
    },

    // A pairing's life.
    /// The lifecycle does not allow `action` from where the pairing stands.
    MoveNotAllowed {
        action: PairingMove,
        pairing: PairingId,
        learner: LearnerId,
        mentor: MentorId,
        status: PairingStatus,
    },
    EndReasonMissing,
    /// A rematch keeps the learner waiting; this reason ends the program instead.
    RematchNeedsEnd {
        reason: EndReason,
    },

    // Check-ins.
    /// Check-ins go on active or paused pairings only.
    PairingNotOpen {
        pairing: PairingId,
        learner: LearnerId,
        mentor: MentorId,
        status: PairingStatus,
        end_reason: Option<String>,
    },
    /// The learner holds no active or paused pairing to log against.
    LearnerHasNoSeat {
        learner: LearnerId,
    },
    CheckInInFuture {
        day: NaiveDate,
        today: NaiveDate,
    },
    /// Ahead of today by more than [`crate::domain::checkin::MAX_DAYS_AHEAD`] days, which
    /// no `--future` lifts.
    CheckInTooFarAhead {
        day: NaiveDate,
        today: NaiveDate,
        limit: i64,
    },
    CheckInBeforeStart {
        day: NaiveDate,
        pairing: PairingId,
        started: NaiveDate,
    },
    /// Only the latest version of a check-in can be edited.
    CheckInSuperseded {
        checkin: CheckInId,
        by: CheckInId,
    },

    // Milestones.
    MilestoneTitleMissing,
    MilestoneTitleTooLong {
        max: usize,
    },
    MilestoneNotPlanned {
        milestone: MilestoneId,
        title: String,
        status: MilestoneStatus,
    },
    MilestoneDueBeforeCheckIn {
        due: NaiveDate,
        session: NaiveDate,
    },
    /// A pairing's first milestone due before the day it is approved (in the desk's zone).
    MilestoneDueInPast {
        due: NaiveDate,
        today: NaiveDate,
    },
    MilestoneOfAnotherLearner {
        milestone: MilestoneId,
        owner: LearnerId,
        learner: LearnerId,
    },
    DropReasonMissing,

    // Programs, plans and imports.
    ProgramAlreadyLoaded,
    PlanNotScoredHere,
    PlanNamesStrangers {
        learner: LearnerId,
        mentor: MentorId,
    },
    /// An import would set capacities below the seats already held.
    CapacityBelowLoad {
        file: String,
        mentors: Vec<CapacityShortfall>,
    },

    // Undo (the operation log).
    /// No decision in the log is left to take back.
    NothingToUndo,
    AlreadyUndone {
        operation: OperationId,
        by: String,
        at: chrono::DateTime<chrono::Utc>,
    },
    /// The decision can never be undone (its program was replaced, a person was erased).
    UndoVoid {
        operation: OperationId,
        why: String,
    },
    /// The log's record of the decision cannot be read by this build.
    UndoUnreadable {
        operation: OperationId,
    },
    /// The pairing is no longer where the decision left it.
    PairingMovedOn {
        pairing: PairingId,
        expected: PairingStatus,
        status: PairingStatus,
    },
    /// Check-ins were logged since the pairing was resumed.
    CheckInsSinceResume {
        pairing: PairingId,
    },
    /// Taking back an end would give the learner a second seat.
    LearnerSeatTaken {
        learner: LearnerId,
        pairing: PairingId,
    },
    /// Taking back an end needs a seat of the mentor's that is taken now.
    MentorSeatTaken {
        mentor: MentorId,
        capacity: u32,
    },
    /// A setting the decision changed was changed again since.
    SettingChangedSince {
        key: String,
        expected: Option<String>,
        now: Option<String>,
    },
    /// A person an import brought now has records of their own.
    ImportedPersonInUse {
        person: String,
        what: &'static str,
    },
    /// A person an import updated was changed again since.
    ImportedPersonChanged {
        person: String,
    },

    // Erasure.
    ForgetWithOpenPairing {
        kind: &'static str,
        id: String,
        pairings: Vec<(PairingId, PairingStatus)>,
    },
    AlreadyErased {
        kind: &'static str,
        id: String,
    },

    // People kept up to date.
    Person(super::person_refusal::PersonRefusal),

    // Concerns.
    Concern(super::concern::ConcernRefusal),
}

impl Refusal {
    /// The pairing a face can open instead: the one the learner already holds.
    pub fn pairing_to_open(&self) -> Option<PairingId> {
        match self {
            Refusal::SeatLimits { limits, .. } => limits.iter().find_map(|l| match l {
                SeatLimit::LearnerAlreadyPaired { pairing } => Some(*pairing),
                SeatLimit::MentorFull { .. } => None,
            }),
            _ => None,
        }
    }

    /// The pair an approval refusal is about, so a face can name the one of many that
    /// failed.
    pub fn pair(&self) -> Option<(&LearnerId, &MentorId)> {
        match self {
            Refusal::SeatLimits {
                learner, mentor, ..
            }
            | Refusal::ConstraintsFail {
                learner, mentor, ..
            }
            | Refusal::PlanNamesStrangers { learner, mentor } => Some((learner, mentor)),
            _ => None,
        }
    }
}

fn joined<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::SeatLimits {
                learner,
                mentor,
                limits,
            } => write!(f, "cannot approve {learner} → {mentor}: {}", joined(limits)),
            Refusal::ConstraintsFail {
                learner,
                mentor,
                failures,
            } => write!(
                f,
                "cannot approve {learner} → {mentor}: {} (use --override REASON to approve anyway)",
                joined(failures)
            ),
            Refusal::NotAProposal { pairing, status } => {
                write!(f, "pairing {pairing} is {status}, not a proposal")
            }
            Refusal::ApprovalMovedOn { pairing } => write!(
                f,
                "pairing {pairing} has moved on since it was approved; end it instead"
            ),
            Refusal::BatchMovedOn {
                approved,
                pairing,
                learner,
                mentor,
                status,
                has_checkins,
            } => {
                let now = if *has_checkins {
                    "has check-ins now".to_string()
                } else {
                    format!("is {status} now")
                };
                write!(
                    f,
                    "cannot undo the {approved} approvals together: pairing {pairing} ({learner} → {mentor}) {now}; nothing was undone"
                )
            }
            Refusal::NoLongerDeclined { pairing } => {
                write!(f, "pairing {pairing} is no longer declined")
            }
            Refusal::ExclusionReasonMissing => f.write_str("an exclusion needs a reason"),
            Refusal::NotExcluded { learner, mentor } => {
                write!(f, "{learner} and {mentor} are not excluded")
            }
            Refusal::MoveNotAllowed {
                action,
                pairing,
                learner,
                mentor,
                status,
            } => write!(
                f,
                "cannot {action} pairing {pairing} ({learner} → {mentor}): it is {status}"
            ),
            Refusal::EndReasonMissing => f.write_str(
                "an end needs a reason (goals met, no-show, mismatch, learner left, mentor left, \
                 or your own words)",
            ),
            Refusal::RematchNeedsEnd { reason } => write!(
                f,
                "a rematch finds the learner another mentor; for \"{}\" use end instead",
                reason.as_str()
            ),
            Refusal::PairingNotOpen {
                pairing,
                learner,
                mentor,
                status,
                end_reason,
            } => {
                write!(
                    f,
                    "cannot log a check-in on pairing {pairing} ({learner} → {mentor}): "
                )?;
                match (status, end_reason) {
                    (PairingStatus::Proposed, _) => {
                        f.write_str("it is only a proposal; approve it first")
                    }
                    (status, Some(reason)) => write!(f, "it is {status} ({reason})"),
                    (status, None) => write!(f, "it is {status}"),
                }
            }
            Refusal::LearnerHasNoSeat { learner } => write!(
                f,
                "learner {learner} has no active or paused pairing to log a check-in on"
            ),
            Refusal::CheckInInFuture { day, today } => write!(
                f,
                "check-in date {day} is after today ({today}); pass --future to log it anyway"
            ),
            Refusal::CheckInTooFarAhead { day, today, limit } => write!(
                f,
                "check-in date {day} is more than {limit} days after today ({today}); \
                 check the date (a session may be logged at most {limit} days ahead)"
            ),
            Refusal::CheckInBeforeStart {
                day,
                pairing,
                started,
            } => write!(
                f,
                "check-in date {day} is before pairing {pairing} started ({started})"
            ),
            Refusal::CheckInSuperseded { checkin, by } => write!(
                f,
                "check-in {checkin} was already replaced by {by}; edit the latest version"
            ),
            Refusal::MilestoneTitleMissing => f.write_str("a milestone needs a title"),
            Refusal::MilestoneTitleTooLong { max } => {
                write!(f, "milestone title is too long (at most {max} characters)")
            }
            Refusal::MilestoneNotPlanned {
                milestone,
                title,
                status,
            } => write!(f, "milestone {milestone} \"{title}\" is already {status}"),
            Refusal::MilestoneDueBeforeCheckIn { due, session } => write!(
                f,
                "new milestone due date {due} is before the check-in ({session})"
            ),
            Refusal::MilestoneDueInPast { due, today } => write!(
                f,
                "milestone due date {due} is before today ({today}); pick today or later"
            ),
            Refusal::MilestoneOfAnotherLearner {
                milestone,
                owner,
                learner,
            } => write!(
                f,
                "milestone {milestone} belongs to learner {owner}, not {learner}"
            ),
            Refusal::DropReasonMissing => f.write_str("dropping a milestone needs a reason"),
            Refusal::ProgramAlreadyLoaded => {
                f.write_str("this desk already holds a program; use --force to replace it")
            }
            Refusal::PlanNotScoredHere => {
                f.write_str("only plans scored by this desk (0–1000) can be saved")
            }
            Refusal::PlanNamesStrangers { learner, mentor } => write!(
                f,
                "the plan names {learner} / {mentor}, who are not in this desk"
            ),
            Refusal::CapacityBelowLoad { file, mentors } => {
                let each: Vec<String> = mentors
                    .iter()
                    .map(|m| {
                        format!(
                            "mentor {} capacity {} is below the {} learners they mentor now",
                            m.mentor, m.capacity, m.in_use
                        )
                    })
                    .collect();
                write!(
                    f,
                    "{file}: {} (end or pause a pairing first)",
                    each.join("; ")
                )
            }
            Refusal::NothingToUndo
            | Refusal::AlreadyUndone { .. }
            | Refusal::UndoVoid { .. }
            | Refusal::UndoUnreadable { .. }
            | Refusal::PairingMovedOn { .. }
            | Refusal::CheckInsSinceResume { .. }
            | Refusal::LearnerSeatTaken { .. }
            | Refusal::MentorSeatTaken { .. }
            | Refusal::SettingChangedSince { .. }
            | Refusal::ImportedPersonInUse { .. }
            | Refusal::ImportedPersonChanged { .. }
            | Refusal::ForgetWithOpenPairing { .. }
            | Refusal::AlreadyErased { .. } => super::refusal_words::undo_and_erasure(self, f),
            Refusal::Person(refusal) => refusal.fmt(f),
            Refusal::Concern(refusal) => refusal.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> (LearnerId, MentorId) {
        (
            LearnerId::parse("L1").unwrap(),
            MentorId::parse("M1").unwrap(),
        )
    }

    #[test]
    fn seat_limits_name_both_sides_and_the_pairing_to_open() {
        let (learner, mentor) = ids();
        let refusal = Refusal::SeatLimits {
            learner,
            mentor,
            limits: vec![
                SeatLimit::LearnerAlreadyPaired {
                    pairing: PairingId(7),
                },
                SeatLimit::MentorFull {
                    capacity: 2,
                    in_use: 2,
                },
            ],
        };
        assert_eq!(
            refusal.to_string(),
            "cannot approve L1 → M1: learner already has an active or paused pairing; \
             mentor is full (2 of 2 seats taken)"
        );
        assert_eq!(refusal.pairing_to_open(), Some(PairingId(7)));
        assert_eq!(Refusal::EndReasonMissing.pairing_to_open(), None);
    }

    #[test]
    fn a_closed_pairing_says_why() {
        let (learner, mentor) = ids();
        let closed = |status, end_reason: Option<&str>| Refusal::PairingNotOpen {
            pairing: PairingId(3),
            learner: learner.clone(),
            mentor: mentor.clone(),
            status,
            end_reason: end_reason.map(str::to_string),
        };
        assert_eq!(
            closed(PairingStatus::Proposed, None).to_string(),
            "cannot log a check-in on pairing 3 (L1 → M1): it is only a proposal; approve it first"
        );
        assert_eq!(
            closed(PairingStatus::Ended, Some("no-show")).to_string(),
            "cannot log a check-in on pairing 3 (L1 → M1): it is ended (no-show)"
        );
        assert_eq!(
            closed(PairingStatus::Completed, None).to_string(),
            "cannot log a check-in on pairing 3 (L1 → M1): it is completed"
        );
    }
}
