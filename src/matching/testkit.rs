//! Test builders for learners and mentors with everything unknown unless a test says
//! otherwise. Compiled for tests only.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::{Europe, Tz};

use crate::domain::{
    Availability, Experience, Expertise, Learner, LearnerId, LearnerStatus, Mentor, MentorId,
    MentorStatus, ModeSet, Tag, Track,
};

use super::context::MatchContext;

/// Reference week starting Monday 2026-01-05, default zone Madrid, 60-minute sessions.
pub fn ctx() -> MatchContext {
    MatchContext::new(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), Europe::Madrid)
}

pub struct LearnerBuilder(Learner);

pub fn learner(id: &str) -> LearnerBuilder {
    LearnerBuilder(Learner {
        id: LearnerId::parse(id).unwrap(),
        name: format!("Learner {id}"),
        email: None,
        timezone: None,
        languages: Vec::new(),
        goals: None,
        interests: Vec::new(),
        track: None,
        modes: ModeSet::default(),
        availability: Availability::default(),
        needs: None,
        status: LearnerStatus::Waiting,
        prefer: Vec::new(),
        avoid: Vec::new(),
        mentor_experience: None,
        joined_at: DateTime::<Utc>::UNIX_EPOCH,
    })
}

impl LearnerBuilder {
    pub fn languages(mut self, raw: &str) -> Self {
        self.0.languages = Tag::parse_list(raw).unwrap();
        self
    }
    pub fn interests(mut self, raw: &str) -> Self {
        self.0.interests = Tag::parse_list(raw).unwrap();
        self
    }
    pub fn modes(mut self, raw: &str) -> Self {
        self.0.modes = ModeSet::parse_list(raw).unwrap();
        self
    }
    pub fn availability(mut self, raw: &str) -> Self {
        self.0.availability = Availability::parse_list(raw).unwrap();
        self
    }
    pub fn zone(mut self, zone: Tz) -> Self {
        self.0.timezone = Some(zone);
        self
    }
    pub fn track(mut self, track: Track) -> Self {
        self.0.track = Some(track);
        self
    }
    pub fn status(mut self, status: LearnerStatus) -> Self {
        self.0.status = status;
        self
    }
    /// Any field by its `learners.csv` name, through the field rules (`prefer`, `avoid`, ...).
    pub fn field(mut self, name: &str, raw: &str) -> Self {
        let field: crate::domain::LearnerField = name.parse().unwrap();
        field.apply(&mut self.0, raw).unwrap();
        self
    }
    pub fn build(self) -> Learner {
        self.0
    }
}

pub struct MentorBuilder(Mentor);

pub fn mentor(id: &str) -> MentorBuilder {
    MentorBuilder(Mentor {
        id: MentorId::parse(id).unwrap(),
        name: format!("Mentor {id}"),
        email: None,
        timezone: None,
        languages: Vec::new(),
        expertise: Vec::new(),
        experience: None,
        modes: ModeSet::default(),
        capacity: 3,
        availability: Availability::default(),
        bio: None,
        verified: false,
        recognition: false,
        paused_until: None,
        status: MentorStatus::Active,
        joined_at: DateTime::<Utc>::UNIX_EPOCH,
    })
}

impl MentorBuilder {
    pub fn languages(mut self, raw: &str) -> Self {
        self.0.languages = Tag::parse_list(raw).unwrap();
        self
    }
    pub fn expertise(mut self, raw: &str) -> Self {
        self.0.expertise = Expertise::parse_list(raw).unwrap();
        self
    }
    pub fn modes(mut self, raw: &str) -> Self {
        self.0.modes = ModeSet::parse_list(raw).unwrap();
        self
    }
    pub fn availability(mut self, raw: &str) -> Self {
        self.0.availability = Availability::parse_list(raw).unwrap();
        self
    }
    pub fn zone(mut self, zone: Tz) -> Self {
        self.0.timezone = Some(zone);
        self
    }
    pub fn experience(mut self, experience: Experience) -> Self {
        self.0.experience = Some(experience);
        self
    }
    pub fn status(mut self, status: MentorStatus) -> Self {
        self.0.status = status;
        self
    }
    pub fn capacity(mut self, capacity: u32) -> Self {
        self.0.capacity = capacity;
        self
    }
    pub fn verified(mut self) -> Self {
        self.0.verified = true;
        self
    }
    pub fn build(self) -> Mentor {
        self.0
    }
}
