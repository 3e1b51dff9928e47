//! Loading a whole prepared program at once (the demo generator's output).

use super::{Desk, DeskError, Refusal};
use crate::domain::{
    CheckIn, Exclusion, Learner, Mentor, Milestone, MilestoneId, Pairing, PairingId,
};

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
    /// `replace` is set, in which case the old program is removed first (the audit trail
    /// stays). Replacing costs about what loading into an empty desk does: the old rows go
    /// table by table, not row by row, and the references are checked once at the end.
    ///
    /// The program's pairing and milestone ids count from 1; they are loaded above every
    /// number this file has given before, so a pairing id held by a desk, a pack or an
    /// export from the replaced program never names a pairing of the new one.
    pub fn load_program(
        &mut self,
        label: &str,
        program: NewProgram<'_>,
        replace: bool,
    ) -> Result<(), DeskError> {
        self.ensure_coordinator("loading a program")?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write_in_bulk(|tx| {
            if !tx.is_empty()? {
                if !replace {
                    return Err(Refusal::ProgramAlreadyLoaded.into());
                }
                tx.clear_program()?;
                // The decisions of the program replaced can no longer be taken back.
                tx.void_open_operations("its program was replaced")?;
            }
            // The search index is built once at the end (see `store::search_bulk`).
            let floors = tx.load_with_search_built_after(|| load_rows(tx, &program, now))?;
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
                    "first_pairing_id": floors.pairings + 1,
                })),
            )?;
            Ok(())
        })
    }
}

/// Writes the program's rows, numbered above every pairing and milestone id given before
/// (returned).
fn load_rows(
    tx: &crate::store::Tx<'_>,
    program: &NewProgram<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::store::IdFloors, DeskError> {
    let floors = tx.id_floors()?;
    let pairing_id = |id: PairingId| PairingId(id.0 + floors.pairings);
    for mentor in program.mentors {
        tx.put_mentor(mentor, now)?;
    }
    for learner in program.learners {
        tx.put_learner(learner, now)?;
    }
    for pairing in program.pairings {
        tx.insert_pairing_with_id(Some(pairing_id(pairing.id)), pairing)?;
    }
    for checkin in program.checkins {
        if floors.pairings == 0 {
            tx.insert_checkin(checkin)?;
        } else {
            let mut moved = checkin.clone();
            moved.pairing = pairing_id(checkin.pairing);
            tx.insert_checkin(&moved)?;
        }
    }
    for milestone in program.milestones {
        if floors.milestones == 0 || milestone.id.0 == 0 {
            tx.insert_milestone(milestone)?;
        } else {
            let mut moved = milestone.clone();
            moved.id = MilestoneId(milestone.id.0 + floors.milestones);
            tx.insert_milestone(&moved)?;
        }
    }
    for exclusion in program.exclusions {
        tx.put_exclusion(exclusion)?;
    }
    Ok(floors)
}
