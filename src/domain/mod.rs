//! The program's vocabulary: people, availability, pairings, check-ins, milestones and audit
//! entries, with the parsing and validation that keep them well formed.
//!
//! Owns: every domain type and its invariants. May use: nothing else in the crate. No I/O and
//! no clock: instants come in as arguments.

pub mod audit;
pub mod author;
pub mod availability;
pub mod checkin;
pub mod concern;
pub mod concern_record;
pub mod erasure;
pub mod error;
pub mod exclusion;
pub mod guide;
pub mod health;
pub mod ids;
pub mod metrics;
pub mod milestone;
pub mod note;
pub mod operation;
pub mod overlap;
pub mod pairing;
pub mod person;
pub mod person_field;
pub mod preference;
pub mod reflection;
pub mod seal;
pub mod search;
pub mod sync;
pub mod text;
pub mod thresholds;
pub mod when;
pub mod zone;

pub use audit::{AuditEntry, AuditFilter};
pub use author::{Author, DeskRole};
pub use availability::{Availability, SlotSet, WeeklyBlock};
pub use checkin::{CheckIn, CheckInSummary, Confidence, Session};
pub use concern::{Concern, ConcernKind, Severity};
pub use error::DomainError;
pub use exclusion::Exclusion;
pub use health::{Health, HealthReport};
pub use ids::{
    CheckInId, DeviceId, LearnerId, MentorId, MilestoneId, MilestoneUid, PairingId, PairingUid,
    RecordId,
};
pub use milestone::{Milestone, MilestoneKind, MilestoneStatus};
pub use note::PairingNote;
pub use operation::{LoggedOperation, Operation, OperationId};
pub use pairing::{Agreement, Pairing, PairingStatus};
pub use person::{
    Experience, Expertise, Language, Learner, LearnerStatus, LearnerSummary, Mentor, MentorStatus,
    Mode, ModeSet, PersonKind, Tag, Track,
};
pub use person_field::{LearnerField, MentorField};
pub use preference::{Preferred, UnrecognisedWish};
pub use thresholds::HealthThresholds;
