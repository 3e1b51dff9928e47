//! Names beside ids in the command line's output: `Ana Ruiz (L00046)` in text, and
//! `learner_name` / `mentor_name` beside the ids in JSON.
//!
//! Owns: reading everyone's names once per command. May use: `desk`, `domain`.

use std::collections::HashMap;

use anyhow::Result;
use serde_json::Value;

use crate::desk::Desk;
use crate::domain::text::clean_line;
use crate::domain::{LearnerId, MentorId, Pairing};

/// Every learner's and mentor's name, cleaned for the terminal.
pub struct Names {
    learners: HashMap<LearnerId, String>,
    mentors: HashMap<MentorId, String>,
}

impl Names {
    pub fn read(desk: &mut Desk) -> Result<Names> {
        let learners = desk
            .learners()?
            .into_iter()
            .map(|l| (l.id, clean_line(&l.name)))
            .collect();
        let mentors = desk
            .mentors()?
            .into_iter()
            .map(|r| (r.mentor.id, clean_line(&r.mentor.name)))
            .collect();
        Ok(Names { learners, mentors })
    }

    /// The learner's name, or "unknown" for an id no longer on the desk.
    pub fn learner_name(&self, id: &LearnerId) -> &str {
        self.learners.get(id).map_or("unknown", String::as_str)
    }

    pub fn mentor_name(&self, id: &MentorId) -> &str {
        self.mentors.get(id).map_or("unknown", String::as_str)
    }

    /// `Ana Ruiz (L00046)`.
    pub fn learner(&self, id: &LearnerId) -> String {
        format!("{} ({id})", self.learner_name(id))
    }

    /// `Sam Lee (M0012)`.
    pub fn mentor(&self, id: &MentorId) -> String {
        format!("{} ({id})", self.mentor_name(id))
    }

    /// `Ana Ruiz (L00046) → Sam Lee (M0012)`.
    pub fn pair(&self, pairing: &Pairing) -> String {
        format!(
            "{} → {}",
            self.learner(&pairing.learner),
            self.mentor(&pairing.mentor)
        )
    }

    /// Adds `learner_name` and `mentor_name` to a pairing's JSON object.
    pub fn add_to(&self, value: &mut Value, pairing: &Pairing) {
        value["learner_name"] = Value::from(self.learner_name(&pairing.learner));
        value["mentor_name"] = Value::from(self.mentor_name(&pairing.mentor));
    }
}
