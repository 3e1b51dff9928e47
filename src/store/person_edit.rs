//! Renaming a person's id, and what points at a person (which keeps their id fixed).

use rusqlite::params;

use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{LearnerId, MentorId};

/// The rows that name a learner, with the words for each kind of row.
const LEARNER_REFERENCES: &[(&str, &str, &str)] = &[
    (
        "SELECT count(*) FROM pairings WHERE learner = ?1",
        "pairing",
        "pairings",
    ),
    (
        "SELECT count(*) FROM milestones WHERE learner = ?1",
        "milestone",
        "milestones",
    ),
    (
        "SELECT count(*) FROM exclusions WHERE learner = ?1",
        "exclusion",
        "exclusions",
    ),
];

/// The rows that name a mentor.
const MENTOR_REFERENCES: &[(&str, &str, &str)] = &[
    (
        "SELECT count(*) FROM pairings WHERE mentor = ?1",
        "pairing",
        "pairings",
    ),
    (
        "SELECT count(*) FROM milestones WHERE endorsed_by = ?1",
        "endorsement",
        "endorsements",
    ),
    (
        "SELECT count(*) FROM exclusions WHERE mentor = ?1",
        "exclusion",
        "exclusions",
    ),
    (
        "SELECT count(*) FROM mentor_keys WHERE mentor = ?1",
        "desk key",
        "desk keys",
    ),
];

impl Tx<'_> {
    fn references(
        &self,
        queries: &[(&str, &str, &str)],
        id: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut found = Vec::new();
        for (sql, one, many) in queries {
            let n: i64 = self.conn.query_row(sql, [id], |r| r.get(0))?;
            if n > 0 {
                found.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        Ok(found)
    }

    /// What names this learner (`["2 pairings", "1 milestone"]`); empty when nothing does.
    pub fn learner_references(&self, id: &LearnerId) -> Result<Vec<String>, StoreError> {
        self.references(LEARNER_REFERENCES, id.as_str())
    }

    /// What names this mentor; empty when nothing does.
    pub fn mentor_references(&self, id: &MentorId) -> Result<Vec<String>, StoreError> {
        self.references(MENTOR_REFERENCES, id.as_str())
    }

    /// Gives a learner nothing points at a new id (the foreign keys refuse it otherwise).
    pub fn rename_learner(&self, from: &LearnerId, to: &LearnerId) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE learners SET id = ?2 WHERE id = ?1",
            params![from.as_str(), to.as_str()],
        )?;
        Ok(())
    }

    /// Gives a mentor nothing points at a new id.
    pub fn rename_mentor(&self, from: &MentorId, to: &MentorId) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE mentors SET id = ?2 WHERE id = ?1",
            params![from.as_str(), to.as_str()],
        )?;
        Ok(())
    }
}
