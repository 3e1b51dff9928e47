//! Checking a learner's wishes against the mentors the desk holds: `prefer` and `avoid`
//! items that name nobody are warnings (the import or edit goes on), never refusals.
//!
//! Owns: [`Desk::unrecognised_wishes`]. May use: `domain`, `store`.

use std::collections::HashSet;

use super::{Desk, DeskError};
use crate::domain::preference::unrecognised_wishes;
use crate::domain::{Learner, LearnerId, Tag, UnrecognisedWish};

impl Desk {
    /// For each learner given, the wishes no mentor on the desk answers to (by id, or for
    /// `prefer` by expertise), in the learners' order. One read, whatever the count.
    pub fn unrecognised_wishes(
        &mut self,
        learners: &[Learner],
    ) -> Result<Vec<(LearnerId, UnrecognisedWish)>, DeskError> {
        if learners
            .iter()
            .all(|l| l.prefer.is_empty() && l.avoid.is_empty())
        {
            return Ok(Vec::new());
        }
        let mentors = self.store.read(|tx| tx.mentors())?;
        let ids: HashSet<&str> = mentors.iter().map(|m| m.id.as_str()).collect();
        let tags: HashSet<&Tag> = mentors
            .iter()
            .flat_map(|m| m.expertise.iter().map(|e| &e.tag))
            .collect();
        Ok(learners
            .iter()
            .flat_map(|learner| {
                unrecognised_wishes(learner, |id| ids.contains(id), |tag| tags.contains(tag))
                    .into_iter()
                    .map(|wish| (learner.id.clone(), wish))
            })
            .collect())
    }
}
