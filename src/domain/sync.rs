//! What mentor packs, sync bundles and receipts say: the content of the three files that
//! travel between a coordinator's desk and mentor desks, and the rules each record must meet.
//!
//! Owns: the records a mentor desk hands back (a check-in, or a change to a milestone), their
//! canonical bytes and content hash, and their field checks. The files' envelopes (format
//! name, checksum, signature) belong to `exchange`; applying them belongs to `desk`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::checkin::{CheckIn, Confidence, MAX_SESSION_MINUTES};
pub use super::concern_record::ConcernRecord;
use super::guide::GuideName;
use super::ids::{CheckInId, DeviceId, LearnerId, MentorId, MilestoneUid, PairingId, PairingUid};
use super::ids::{MilestoneId, RecordId};
use super::milestone::{Milestone, MilestoneKind};
use super::pairing::{Pairing, PairingStatus};
use super::person::{Learner, Mentor, Mode, Tag};
use super::seal::sha256_hex;
use super::text::{clean_line, clean_multiline};
use super::{Author, DeskRole};

/// Longest notes a record may carry, in characters.
pub const MAX_NOTES_CHARS: usize = 100_000;
/// Longest one-line text (next steps, evidence, a reason, a title) a record may carry.
pub const MAX_LINE_CHARS: usize = 2_000;
/// Longest milestone title a record may carry (as the desk's own limit).
pub const MAX_TITLE_CHARS: usize = 200;

/// The program a file belongs to: the coordinator desk that made the pack, and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramRef {
    pub desk: DeviceId,
    pub name: String,
}

/// A pairing the coordinator closed (or that left the mentor): a mentor desk shows it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedPairing {
    pub id: PairingId,
    pub uid: PairingUid,
    pub status: PairingStatus,
    pub ended_at: Option<DateTime<Utc>>,
    pub end_reason: Option<String>,
}

/// What a learner's last sessions left: when, the confidence and the next steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInBrief {
    pub id: CheckInId,
    pub pairing: PairingId,
    pub at: DateTime<Utc>,
    pub confidence: Option<Confidence>,
    pub next_steps: Option<String>,
}

/// A mentor pack (`mentordesk-pack/1`): only what one mentor needs to work offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackContent {
    pub program: ProgramRef,
    pub made_at: DateTime<Utc>,
    /// The zone the coordinator's desk assumes for people whose zone is unknown.
    pub default_zone: String,
    pub mentor: Mentor,
    /// The secret the mentor desk signs its bundles with (hex, 32 bytes).
    pub desk_key: String,
    pub key_id: String,
    /// Active and paused pairings, with their agreements.
    pub pairings: Vec<Pairing>,
    /// The mentor's other pairings, closed: only their ids and how they ended.
    pub closed_pairings: Vec<ClosedPairing>,
    /// The learners of `pairings` (no e-mail unless the pack was made with contacts).
    pub learners: Vec<Learner>,
    pub milestones: Vec<Milestone>,
    pub recent_checkins: Vec<CheckInBrief>,
    /// Learners erased on the coordinator's desk (`mentordesk forget`) who were ever this
    /// mentor's: a tombstone each, so the mentor desk erases its copy too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub erased_learners: Vec<LearnerId>,
    /// The guides for this mentor's pairs and the coordinator's own, as the coordinator's
    /// desk shows them; a pack made before guides has none (the mentor desk shows its
    /// built-in ones).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guides: Vec<PackGuide>,
}

/// One guide a pack carries: its name and its file's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackGuide {
    pub name: GuideName,
    pub markdown: String,
}

/// A sync bundle (`mentordesk-bundle/1`): records a mentor desk hands back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleContent {
    pub program: DeviceId,
    pub desk: DeviceId,
    pub role: DeskRole,
    pub mentor: MentorId,
    pub key_id: String,
    pub made_at: DateTime<Utc>,
    /// The highest sequence number this desk has given (so a missing tail shows too).
    pub last_seq: u64,
    /// Whether acknowledged records were included (`sync export --all`).
    pub all: bool,
    /// Records, each checked on its own so one bad record does not sink the rest.
    pub records: Vec<serde_json::Value>,
}

/// A receipt (`mentordesk-receipt/1`): what the coordinator's desk took from one bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptContent {
    pub program: DeviceId,
    /// The mentor desk the bundle came from.
    pub desk: DeviceId,
    pub mentor: MentorId,
    pub bundle_sha256: String,
    pub made_at: DateTime<Utc>,
    /// Records the coordinator's desk holds now (new, already had, or kept in a conflict).
    pub accepted: Vec<RecordId>,
    pub rejected: Vec<RejectedRecord>,
}

/// A record refused, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRecord {
    pub id: RecordId,
    pub seq: u64,
    pub reason: String,
}

/// A file whose checksum held, with the exact bytes its signature covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Sealed<T> {
    pub content: T,
    pub content_bytes: Vec<u8>,
    pub sha256: String,
    /// HMAC-SHA256 (hex) over `content_bytes`.
    pub hmac: String,
}

/// One record as it travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub id: RecordId,
    pub seq: u64,
    /// SHA-256 of the body's canonical bytes.
    pub hash: String,
    pub body: RecordBody,
}

/// What a record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RecordBody {
    Checkin(CheckInRecord),
    Milestone(MilestoneRecord),
    /// Added with concerns (schema 12): a desk built before refuses this one record, and a
    /// bundle without concerns reads as it always did.
    Concern(ConcernRecord),
}

/// A check-in logged on a mentor desk (an edit is a new one that `supersedes` the old).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInRecord {
    pub id: CheckInId,
    pub pairing: PairingId,
    pub pairing_uid: PairingUid,
    pub learner: LearnerId,
    pub at: DateTime<Utc>,
    pub minutes: u32,
    pub mode: Option<Mode>,
    pub confidence: Option<Confidence>,
    pub notes: String,
    pub topics: Vec<Tag>,
    pub next_steps: Option<String>,
    pub supersedes: Option<CheckInId>,
    pub recorded_at: DateTime<Utc>,
    pub author: Author,
    pub author_desk: String,
    /// The guide the session used; left out when none, so a record written before guides
    /// existed keeps its bytes and its hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<GuideName>,
}

/// A change to a milestone made on a mentor desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneRecord {
    pub uid: MilestoneUid,
    pub learner: LearnerId,
    pub at: DateTime<Utc>,
    pub author: Author,
    pub change: MilestoneChange,
}

/// Plan, achieve or drop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
pub enum MilestoneChange {
    Add {
        title: String,
        kind: MilestoneKind,
        due: Option<NaiveDate>,
        from_checkin: Option<CheckInId>,
    },
    Achieve {
        evidence: Option<String>,
    },
    Drop {
        reason: String,
    },
}

impl MilestoneChange {
    pub fn verb(&self) -> &'static str {
        match self {
            MilestoneChange::Add { .. } => "add",
            MilestoneChange::Achieve { .. } => "achieve",
            MilestoneChange::Drop { .. } => "drop",
        }
    }
}

impl RecordBody {
    /// The bytes the content hash is taken over: the body's JSON with fields in declaration
    /// order and no white space, so the same body always gives the same bytes.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn content_hash(&self) -> String {
        sha256_hex(&self.canonical_bytes())
    }

    pub fn kind(&self) -> &'static str {
        match self {
            RecordBody::Checkin(_) => "checkin",
            RecordBody::Milestone(_) => "milestone",
            RecordBody::Concern(_) => "concern",
        }
    }

    pub fn author(&self) -> &Author {
        match self {
            RecordBody::Checkin(c) => &c.author,
            RecordBody::Milestone(m) => &m.author,
            RecordBody::Concern(c) => &c.author,
        }
    }

    /// Checks field limits and clean text: a record the desk would not have written itself
    /// is refused, with the field named.
    pub fn check(&self) -> Result<(), String> {
        match self {
            RecordBody::Checkin(c) => c.check(),
            RecordBody::Milestone(m) => m.check(),
            RecordBody::Concern(c) => c.check(),
        }
    }

    /// A few words saying what the record is, for lists.
    pub fn describe(&self) -> String {
        match self {
            RecordBody::Checkin(c) => format!(
                "check-in {} on pairing {} ({}){}",
                c.id,
                c.pairing,
                c.at.format("%Y-%m-%d"),
                c.supersedes
                    .map(|s| format!(", editing {s}"))
                    .unwrap_or_default()
            ),
            RecordBody::Milestone(m) => {
                format!("milestone {} of {}: {}", m.uid, m.learner, m.change.verb())
            }
            RecordBody::Concern(c) => format!(
                "{} {} concern on pairing {} ({})",
                c.severity,
                c.concern_kind,
                c.pairing,
                c.raised_at.format("%Y-%m-%d")
            ),
        }
    }
}

pub(super) fn check_line(field: &str, value: &str, max: usize) -> Result<(), String> {
    if clean_line(value) != value {
        return Err(format!(
            "{field} holds control characters or surrounding spaces"
        ));
    }
    if value.chars().count() > max {
        return Err(format!("{field} is longer than {max} characters"));
    }
    Ok(())
}

pub(super) fn check_text(field: &str, value: &str, max: usize) -> Result<(), String> {
    if clean_multiline(value) != value {
        return Err(format!(
            "{field} holds control characters or surrounding spaces"
        ));
    }
    if value.chars().count() > max {
        return Err(format!("{field} is longer than {max} characters"));
    }
    Ok(())
}

impl CheckInRecord {
    fn check(&self) -> Result<(), String> {
        if !(1..=MAX_SESSION_MINUTES).contains(&self.minutes) {
            return Err(format!(
                "minutes {} is not from 1 to {MAX_SESSION_MINUTES}",
                self.minutes
            ));
        }
        check_text("notes", &self.notes, MAX_NOTES_CHARS)?;
        if let Some(steps) = &self.next_steps {
            check_text("next steps", steps, MAX_LINE_CHARS)?;
        }
        check_line("author desk", &self.author_desk, MAX_LINE_CHARS)?;
        for tag in &self.topics {
            if Tag::parse(tag.as_str()).ok().as_ref() != Some(tag) {
                return Err(format!("topic {:?} is not a valid tag", tag.as_str()));
            }
        }
        if LearnerId::parse(self.learner.as_str()).ok().as_ref() != Some(&self.learner) {
            return Err(format!(
                "learner id {:?} is not valid",
                self.learner.as_str()
            ));
        }
        if self.supersedes == Some(self.id) {
            return Err("a check-in cannot replace itself".into());
        }
        Ok(())
    }

    /// The check-in this record makes.
    pub fn to_checkin(&self) -> CheckIn {
        CheckIn {
            id: self.id,
            pairing: self.pairing,
            at: self.at,
            minutes: self.minutes,
            mode: self.mode,
            confidence: self.confidence,
            notes: self.notes.clone(),
            topics: self.topics.clone(),
            next_steps: self.next_steps.clone(),
            author_desk: self.author_desk.clone(),
            author: self.author.clone(),
            supersedes: self.supersedes,
            recorded_at: self.recorded_at,
            guide: self.guide.clone(),
        }
    }

    /// The record of a check-in of `pairing`.
    pub fn of(c: &CheckIn, pairing: &Pairing) -> CheckInRecord {
        CheckInRecord {
            id: c.id,
            pairing: c.pairing,
            pairing_uid: pairing.uid,
            learner: pairing.learner.clone(),
            at: c.at,
            minutes: c.minutes,
            mode: c.mode,
            confidence: c.confidence,
            notes: c.notes.clone(),
            topics: c.topics.clone(),
            next_steps: c.next_steps.clone(),
            supersedes: c.supersedes,
            recorded_at: c.recorded_at,
            author: c.author.clone(),
            author_desk: c.author_desk.clone(),
            guide: c.guide.clone(),
        }
    }
}

impl MilestoneRecord {
    fn check(&self) -> Result<(), String> {
        match &self.change {
            MilestoneChange::Add { title, .. } => {
                if title.is_empty() {
                    return Err("milestone title is empty".into());
                }
                check_line("milestone title", title, MAX_TITLE_CHARS)
            }
            MilestoneChange::Achieve { evidence } => evidence
                .as_deref()
                .map_or(Ok(()), |e| check_line("evidence", e, MAX_LINE_CHARS)),
            MilestoneChange::Drop { reason } => {
                if reason.is_empty() {
                    return Err("a drop needs a reason".into());
                }
                check_line("drop reason", reason, MAX_LINE_CHARS)
            }
        }
    }

    /// The milestone an `Add` record makes, numbered `id` on the receiving desk.
    pub fn to_new_milestone(&self, id: MilestoneId) -> Option<Milestone> {
        let MilestoneChange::Add {
            title,
            kind,
            due,
            from_checkin,
        } = &self.change
        else {
            return None;
        };
        Some(Milestone {
            id,
            uid: self.uid,
            learner: self.learner.clone(),
            title: title.clone(),
            kind: *kind,
            due: *due,
            status: super::MilestoneStatus::Planned,
            created_at: self.at,
            achieved_at: None,
            evidence: None,
            endorsed_by: None,
            drop_reason: None,
            from_checkin: *from_checkin,
            author: self.author.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> CheckInRecord {
        let at = DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        CheckInRecord {
            id: CheckInId::new_at(1_000, 1),
            pairing: PairingId(3),
            pairing_uid: PairingUid::new_at(500, 2),
            learner: LearnerId::parse("L1").unwrap(),
            at,
            minutes: 45,
            mode: Some(Mode::Video),
            confidence: Some(Confidence::new(4).unwrap()),
            notes: "Went through the plan\nand a first exercise".into(),
            topics: Tag::parse_list("python;sql").unwrap(),
            next_steps: Some("Finish the exercise".into()),
            supersedes: None,
            recorded_at: at,
            author: Author::Mentor(MentorId::parse("M1").unwrap()),
            author_desk: "mentor:M1".into(),
            guide: None,
        }
    }

    #[test]
    fn a_guide_travels_and_a_record_without_one_keeps_its_old_bytes() {
        let plain = RecordBody::Checkin(record());
        let bytes = String::from_utf8(plain.canonical_bytes()).unwrap();
        assert!(!bytes.contains("guide"), "{bytes}");
        let mut guided = record();
        guided.guide = Some(crate::domain::guide::GuideName::parse("mid-point").unwrap());
        let body = RecordBody::Checkin(guided);
        let again: RecordBody = serde_json::from_slice(&body.canonical_bytes()).unwrap();
        assert_eq!(again, body);
        assert_ne!(body.content_hash(), plain.content_hash());
        let bad = bytes.replace("\"author_desk\"", "\"guide\":\"../x\",\"author_desk\"");
        assert!(serde_json::from_str::<RecordBody>(&bad).is_err());
    }

    #[test]
    fn the_content_hash_is_stable_and_follows_the_content() {
        let body = RecordBody::Checkin(record());
        let again: RecordBody = serde_json::from_slice(&body.canonical_bytes()).unwrap();
        assert_eq!(again.content_hash(), body.content_hash());
        let mut changed = record();
        changed.minutes = 46;
        assert_ne!(
            RecordBody::Checkin(changed).content_hash(),
            body.content_hash()
        );
    }

    #[test]
    fn a_concern_record_round_trips_and_is_checked() {
        use crate::domain::{ConcernKind, Severity};
        let c = ConcernRecord {
            uid: RecordId::new_at(2_000, 9),
            pairing: PairingId(3),
            pairing_uid: PairingUid::new_at(500, 2),
            learner: LearnerId::parse("L1").unwrap(),
            concern_kind: ConcernKind::NoShow,
            severity: Severity::Low,
            note: "Missed two sessions\nno reply".into(),
            raised_at: record().at,
            checkin: None,
            author: Author::Mentor(MentorId::parse("M1").unwrap()),
            author_desk: "mentor:M1".into(),
        };
        let body = RecordBody::Concern(c.clone());
        let text = String::from_utf8(body.canonical_bytes()).unwrap();
        assert!(
            text.starts_with(r#"{"kind":"concern","uid":"#)
                && text.contains(r#""concern_kind":"no-show""#),
            "{text}"
        );
        let again: RecordBody = serde_json::from_str(&text).unwrap();
        assert_eq!(again, body);
        assert_eq!(body.check(), Ok(()));
        let mut low_safety = c.clone();
        low_safety.concern_kind = ConcernKind::Safety;
        assert!(
            RecordBody::Concern(low_safety)
                .check()
                .unwrap_err()
                .contains("always high")
        );
        let mut empty = c;
        empty.note = String::new();
        assert!(
            RecordBody::Concern(empty)
                .check()
                .unwrap_err()
                .contains("note")
        );
    }

    #[test]
    fn records_the_desk_would_not_write_are_refused_with_the_field() {
        assert_eq!(RecordBody::Checkin(record()).check(), Ok(()));
        let mut long = record();
        long.minutes = 601;
        assert!(
            RecordBody::Checkin(long)
                .check()
                .unwrap_err()
                .contains("minutes")
        );
        let mut escape = record();
        escape.notes = "hi \u{1b}[31m".into();
        assert!(
            RecordBody::Checkin(escape)
                .check()
                .unwrap_err()
                .contains("notes")
        );
        let drop = MilestoneRecord {
            uid: MilestoneUid::new_at(1, 1),
            learner: LearnerId::parse("L1").unwrap(),
            at: record().at,
            author: Author::Coordinator,
            change: MilestoneChange::Drop {
                reason: String::new(),
            },
        };
        assert!(
            RecordBody::Milestone(drop)
                .check()
                .unwrap_err()
                .contains("reason")
        );
    }
}
