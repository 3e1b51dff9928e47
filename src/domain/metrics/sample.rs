//! A small fixed program whose metrics are worked out by hand in `tests.rs`; the dashboard
//! and report tests draw it too. Test-only.

use std::collections::HashMap;

use chrono::{DateTime, TimeZone, Utc};

use super::{AtRisk, Frame, Period, Program, ProgramMetrics, at_risk, measure};
use crate::domain::health::assess;
use crate::domain::{
    Agreement, Availability, CheckIn, CheckInId, CheckInSummary, Confidence, HealthReport,
    HealthThresholds, Learner, LearnerId, LearnerStatus, LearnerSummary, Mentor, MentorId,
    MentorStatus, Milestone, MilestoneId, MilestoneKind, MilestoneStatus, ModeSet, Pairing,
    PairingId, PairingStatus,
};

pub fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

/// 2026-03-31 12:00 UTC, the sample's "now".
pub fn now() -> DateTime<Utc> {
    at(2026, 3, 31) + chrono::Duration::hours(12)
}

pub fn learner(id: &str, name: &str, joined: DateTime<Utc>, status: LearnerStatus) -> Learner {
    Learner {
        id: LearnerId::parse(id).unwrap(),
        name: name.into(),
        email: Some(format!("{}@example.org", id.to_lowercase())),
        timezone: None,
        languages: vec![],
        goals: None,
        interests: vec![],
        track: None,
        modes: ModeSet::default(),
        availability: Availability::default(),
        needs: None,
        status,
        prefer: Vec::new(),
        avoid: Vec::new(),
        mentor_experience: None,
        joined_at: joined,
    }
}

pub fn mentor(id: &str, name: &str, capacity: u32, status: MentorStatus, named: bool) -> Mentor {
    Mentor {
        id: MentorId::parse(id).unwrap(),
        name: name.into(),
        email: Some(format!("{}@example.org", id.to_lowercase())),
        timezone: None,
        languages: vec![],
        expertise: vec![],
        experience: None,
        modes: ModeSet::default(),
        capacity,
        availability: Availability::default(),
        bio: None,
        verified: false,
        recognition: named,
        paused_until: None,
        status,
        joined_at: at(2025, 1, 1),
    }
}

pub fn pairing(
    id: i64,
    learner: &str,
    mentor: &str,
    status: PairingStatus,
    started: DateTime<Utc>,
    ended: Option<(DateTime<Utc>, &str)>,
) -> Pairing {
    Pairing {
        id: PairingId(id),
        uid: crate::domain::PairingUid::new_at(id as u64, id as u128),
        learner: LearnerId::parse(learner).unwrap(),
        mentor: MentorId::parse(mentor).unwrap(),
        status,
        agreement: Agreement::default(),
        score: Some(700),
        explanation: None,
        created_at: started,
        started_at: Some(started),
        ended_at: ended.map(|(at, _)| at),
        end_reason: ended.map(|(_, why)| why.to_string()),
        approved_by: Some("coordinator".into()),
    }
}

pub fn checkin(n: u64, pairing: i64, when: DateTime<Utc>, minutes: u32, conf: u8) -> CheckIn {
    CheckIn {
        id: CheckInId::new_at(n, u128::from(n)),
        pairing: PairingId(pairing),
        at: when,
        minutes,
        mode: None,
        confidence: Some(Confidence::new(conf).unwrap()),
        notes: "private notes".into(),
        topics: vec![],
        next_steps: None,
        author_desk: "test".into(),
        author: crate::domain::Author::Coordinator,
        supersedes: None,
        recorded_at: when,
        guide: None,
    }
}

pub fn milestone(
    id: i64,
    learner: &str,
    kind: MilestoneKind,
    due: (i32, u32, u32),
    status: MilestoneStatus,
    achieved: Option<DateTime<Utc>>,
    endorsed_by: Option<&str>,
) -> Milestone {
    Milestone {
        id: MilestoneId(id),
        uid: crate::domain::MilestoneUid::new_at(id as u64, id as u128),
        learner: LearnerId::parse(learner).unwrap(),
        title: format!("Milestone {id}"),
        kind,
        due: chrono::NaiveDate::from_ymd_opt(due.0, due.1, due.2),
        status,
        created_at: at(2026, 1, 1),
        achieved_at: achieved,
        evidence: None,
        endorsed_by: endorsed_by.map(|m| MentorId::parse(m).unwrap()),
        drop_reason: None,
        from_checkin: None,
        author: crate::domain::Author::Coordinator,
    }
}

/// The program's values, owned.
pub struct Sample {
    pub learners: Vec<Learner>,
    pub mentors: Vec<Mentor>,
    pub pairings: Vec<Pairing>,
    pub checkins: Vec<CheckIn>,
    pub milestones: Vec<Milestone>,
}

/// Five learners, four mentors, four pairings, six check-ins, four milestones (see
/// `tests.rs` for the story and the answers).
pub fn program() -> Sample {
    use LearnerStatus as L;
    use MilestoneKind as K;
    use MilestoneStatus as S;
    use PairingStatus as P;
    Sample {
        learners: vec![
            learner("L1", "Ana Ruiz", at(2026, 1, 1), L::Matched),
            learner("L2", "Ben Okafor", at(2026, 2, 1), L::Matched),
            learner("L3", "Chen Wei", at(2026, 1, 20), L::Waiting),
            learner("L4", "Dana Kim", at(2026, 3, 16), L::Waiting),
            learner("L5", "Eli Moreau", at(2025, 12, 1), L::Graduated),
        ],
        mentors: vec![
            mentor("M1", "Sam Lee", 2, MentorStatus::Active, true),
            mentor("M2", "Rosa Diaz", 1, MentorStatus::Active, false),
            mentor("M3", "Omar Haddad", 3, MentorStatus::Active, false),
            mentor("M4", "Ivy Chen", 2, MentorStatus::Retired, true),
        ],
        pairings: vec![
            pairing(1, "L1", "M1", P::Active, at(2026, 1, 11), None),
            pairing(2, "L2", "M2", P::Active, at(2026, 3, 5), None),
            pairing(
                3,
                "L3",
                "M1",
                P::Ended,
                at(2026, 1, 25),
                Some((at(2026, 3, 3), "no-show")),
            ),
            pairing(
                4,
                "L5",
                "M2",
                P::Completed,
                at(2025, 12, 21),
                Some((at(2026, 3, 20), "goals met")),
            ),
        ],
        checkins: vec![
            checkin(1, 1, at(2026, 1, 15), 60, 2),
            checkin(2, 1, at(2026, 3, 10), 45, 3),
            checkin(3, 1, at(2026, 3, 24), 30, 4),
            checkin(4, 2, at(2026, 3, 9), 50, 5),
            checkin(5, 4, at(2026, 1, 5), 60, 3),
            checkin(6, 4, at(2026, 3, 18), 90, 3),
        ],
        milestones: vec![
            milestone(
                1,
                "L1",
                K::Project,
                (2026, 3, 15),
                S::Achieved,
                Some(at(2026, 3, 14)),
                Some("M1"),
            ),
            milestone(2, "L2", K::Skill, (2026, 3, 20), S::Planned, None, None),
            milestone(3, "L5", K::Project, (2026, 3, 10), S::Dropped, None, None),
            milestone(
                4,
                "L5",
                K::Badge,
                (2026, 3, 18),
                S::Achieved,
                Some(at(2026, 3, 18)),
                None,
            ),
        ],
    }
}

impl Sample {
    /// Health of the active pairings at [`now`], by the default thresholds.
    pub fn health(&self) -> HashMap<PairingId, HealthReport> {
        self.pairings
            .iter()
            .filter(|p| p.status == PairingStatus::Active)
            .map(|p| {
                let own: Vec<&CheckIn> =
                    self.checkins.iter().filter(|c| c.pairing == p.id).collect();
                let report = assess(
                    p,
                    &own,
                    &self.milestones,
                    &HealthThresholds::default(),
                    now(),
                    now().date_naive(),
                );
                (p.id, report)
            })
            .collect()
    }

    fn summaries(&self) -> Vec<CheckInSummary> {
        self.checkins.iter().map(CheckInSummary::from).collect()
    }

    pub fn metrics(&self, period: Period) -> ProgramMetrics {
        let health = self.health();
        let summaries = self.summaries();
        let checkins: Vec<&CheckInSummary> = summaries.iter().collect();
        let learners: Vec<LearnerSummary> = self.learners.iter().map(Into::into).collect();
        let program = Program {
            learners: &learners,
            mentors: &self.mentors,
            pairings: &self.pairings,
            checkins: &checkins,
            milestones: &self.milestones,
            health: &health,
            reflections: &[],
        };
        measure(&program, &Frame::new(period, now(), chrono_tz::UTC))
    }

    pub fn at_risk(&self) -> Vec<AtRisk> {
        let health = self.health();
        let summaries = self.summaries();
        let checkins: Vec<&CheckInSummary> = summaries.iter().collect();
        let learners: Vec<LearnerSummary> = self.learners.iter().map(Into::into).collect();
        at_risk(&Program {
            learners: &learners,
            mentors: &self.mentors,
            pairings: &self.pairings,
            checkins: &checkins,
            milestones: &self.milestones,
            health: &health,
            reflections: &[],
        })
    }
}

/// A program with nobody in it.
pub fn empty() -> Sample {
    Sample {
        learners: vec![],
        mentors: vec![],
        pairings: vec![],
        checkins: vec![],
        milestones: vec![],
    }
}
