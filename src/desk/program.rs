//! Loading a whole prepared program at once (the demo generator's output).

use super::{Desk, DeskError, Refusal};
use crate::domain::{CheckIn, Exclusion, Learner, Mentor, Milestone, Pairing};

/// A complete program to load into an empty desk.
#[derive(Debug, Clone, Copy)]
pub struct NewProgram<'a> {
    pub mentors: &'a [Mentor],
    pub learners: &'a [Learner],
    pub pairings: &'a [Pairing],
    pub checkins: &'a [CheckIn],
    pub milestones: &'a [Milestone],
    pub exclusions: &'a [Exclusion],
}

impl Desk {
    /// Loads `program` in one transaction. Refuses a desk that already holds people unless
    /// `replace` is set, in which case the old program is removed first (the audit trail stays).
    pub fn load_program(
        &mut self,
        label: &str,
        program: NewProgram<'_>,
        replace: bool,
    ) -> Result<(), DeskError> {
        self.ensure_coordinator("loading a program")?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            if !tx.is_empty()? {
                if !replace {
                    return Err(Refusal::ProgramAlreadyLoaded.into());
                }
                tx.clear_program()?;
                // The decisions of the program replaced can no longer be taken back.
                tx.void_open_operations("its program was replaced")?;
            }
            for mentor in program.mentors {
                tx.put_mentor(mentor, now)?;
            }
            for learner in program.learners {
                tx.put_learner(learner, now)?;
            }
            for pairing in program.pairings {
                tx.insert_pairing_with_id(Some(pairing.id), pairing)?;
            }
            for checkin in program.checkins {
                tx.insert_checkin(checkin)?;
            }
            for milestone in program.milestones {
                tx.insert_milestone(milestone)?;
            }
            for exclusion in program.exclusions {
                tx.put_exclusion(exclusion)?;
            }
            tx.append_audit(
                now,
                &actor,
                "program.load",
                label,
                None,
                Some(&serde_json::json!({
                    "mentors": program.mentors.len(),
                    "learners": program.learners.len(),
                    "pairings": program.pairings.len(),
                    "checkins": program.checkins.len(),
                    "milestones": program.milestones.len(),
                    "replaced": replace,
                })),
            )?;
            Ok(())
        })
    }
}
