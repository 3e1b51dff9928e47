//! Keeping people up to date by hand: adding a learner or a mentor, editing their fields, and
//! reading a person's pairings for their brief.
//!
//! Every value goes through the same field rules as CSV import
//! ([`crate::domain::LearnerField::apply`] and [`crate::domain::MentorField::apply`]); what
//! spans rows (a duplicate id, an id that pairings point at, a capacity below the current
//! load, a status that follows pairings) is checked here. Each change is one transaction with
//! an audit row holding the person before and after. May use: `domain`, `store`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::person_refusal::{Blocking, PersonKind, PersonRefusal};
use super::{Desk, DeskError, Refusal, Subject};
use crate::domain::{
    Learner, LearnerField, LearnerId, Mentor, MentorField, MentorId, Pairing, PairingId,
    PairingStatus,
};
use crate::store::Tx;

/// One of a person's pairings, as their brief lists it: the other person by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonPairing {
    pub pairing: PairingId,
    pub status: PairingStatus,
    /// The other side: the mentor of a learner's pairing, the learner of a mentor's.
    pub with_id: String,
    pub with_name: String,
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
}

pub(super) fn snapshot<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

pub(super) fn refused(refusal: PersonRefusal) -> DeskError {
    Refusal::Person(refusal).into()
}

pub(super) fn blocking(pairing: &Pairing) -> Blocking {
    Blocking {
        pairing: pairing.id,
        learner: pairing.learner.clone(),
        mentor: pairing.mentor.clone(),
        status: pairing.status,
    }
}

/// The mentor's pairings that hold a seat now.
pub(super) fn seats_of_mentor(tx: &Tx<'_>, mentor: &MentorId) -> Result<Vec<Blocking>, DeskError> {
    Ok(tx
        .pairings_of_mentor(mentor)?
        .iter()
        .filter(|p| p.status.holds_seat())
        .map(blocking)
        .collect())
}

pub(super) fn stored_learner(tx: &Tx<'_>, id: &LearnerId) -> Result<Learner, DeskError> {
    tx.learner(id)?
        .ok_or_else(|| DeskError::not_found(Subject::Learner, id))
}

pub(super) fn stored_mentor(tx: &Tx<'_>, id: &MentorId) -> Result<Mentor, DeskError> {
    tx.mentor(id)?
        .ok_or_else(|| DeskError::not_found(Subject::Mentor, id))
}

/// Applies typed values to a copy of `learner`, each through the CSV's rules; the first bad
/// one is the error (naming the field and the value).
fn apply_learner(
    learner: &Learner,
    values: &[(LearnerField, String)],
) -> Result<Learner, DeskError> {
    let mut edited = learner.clone();
    for (field, raw) in values {
        field.apply(&mut edited, raw)?;
    }
    Ok(edited)
}

fn apply_mentor(mentor: &Mentor, values: &[(MentorField, String)]) -> Result<Mentor, DeskError> {
    let mut edited = mentor.clone();
    for (field, raw) in values {
        field.apply(&mut edited, raw)?;
    }
    Ok(edited)
}

impl Desk {
    /// Which kind of person `id` names. An id both a learner and a mentor have is refused
    /// unless `kind` says which.
    pub fn person_kind(
        &mut self,
        id: &str,
        kind: Option<PersonKind>,
    ) -> Result<PersonKind, DeskError> {
        let learner = LearnerId::parse(id)?;
        let mentor = MentorId::parse(id)?;
        let (is_learner, is_mentor) = self.store.read(|tx| {
            Ok::<_, DeskError>((
                tx.learner(&learner)?.is_some(),
                tx.mentor(&mentor)?.is_some(),
            ))
        })?;
        match (kind, is_learner, is_mentor) {
            (Some(PersonKind::Learner), true, _) | (None, true, false) => Ok(PersonKind::Learner),
            (Some(PersonKind::Mentor), _, true) | (None, false, true) => Ok(PersonKind::Mentor),
            (None, true, true) => Err(refused(PersonRefusal::AmbiguousId { id: id.to_string() })),
            (Some(PersonKind::Mentor), _, false) => Err(DeskError::not_found(Subject::Mentor, id)),
            _ => Err(DeskError::not_found(Subject::Learner, id)),
        }
    }

    /// Adds a learner by hand: `values` must give an id and a name; the learner waits, joined
    /// now. Audited (`learner.add`).
    pub fn add_learner(&mut self, values: &[(LearnerField, String)]) -> Result<Learner, DeskError> {
        self.ensure_coordinator("adding a learner")?;
        for required in LearnerField::REQUIRED {
            if !values
                .iter()
                .any(|(field, raw)| field == required && !raw.trim().is_empty())
            {
                return Err(refused(PersonRefusal::FieldMissing {
                    kind: PersonKind::Learner,
                    field: required.as_str(),
                }));
            }
        }
        let (now, actor) = (self.now(), self.actor.clone());
        let mut learner = apply_learner(&Learner::draft(now), values)?;
        learner.status = Default::default();
        self.store.write(|tx| {
            if tx.learner(&learner.id)?.is_some() {
                return Err(refused(PersonRefusal::DuplicateId {
                    kind: PersonKind::Learner,
                    id: learner.id.to_string(),
                }));
            }
            tx.put_learner(&learner, now)?;
            let subject = format!("learner:{}", learner.id);
            tx.append_audit(
                now,
                &actor,
                "learner.add",
                &subject,
                None,
                Some(&snapshot(&learner)),
            )?;
            Ok(learner.clone())
        })
    }

    /// Adds a mentor by hand: `values` must give an id, a name and a capacity; active, joined
    /// now. Audited (`mentor.add`).
    pub fn add_mentor(&mut self, values: &[(MentorField, String)]) -> Result<Mentor, DeskError> {
        self.ensure_coordinator("adding a mentor")?;
        for required in MentorField::REQUIRED {
            if !values
                .iter()
                .any(|(field, raw)| field == required && !raw.trim().is_empty())
            {
                return Err(refused(PersonRefusal::FieldMissing {
                    kind: PersonKind::Mentor,
                    field: required.as_str(),
                }));
            }
        }
        let (now, actor) = (self.now(), self.actor.clone());
        let mentor = apply_mentor(&Mentor::draft(now), values)?;
        self.store.write(|tx| {
            if tx.mentor(&mentor.id)?.is_some() {
                return Err(refused(PersonRefusal::DuplicateId {
                    kind: PersonKind::Mentor,
                    id: mentor.id.to_string(),
                }));
            }
            tx.put_mentor(&mentor, now)?;
            let subject = format!("mentor:{}", mentor.id);
            tx.append_audit(
                now,
                &actor,
                "mentor.add",
                &subject,
                None,
                Some(&snapshot(&mentor)),
            )?;
            Ok(mentor.clone())
        })
    }

    /// Changes a learner's fields in one step (all or none), audited with before and after
    /// (`learner.update`). A status goes through [`Desk::set_learner_status`]'s rules; a new
    /// id only for a learner nothing points at yet, and not one another learner has.
    /// Returns the learner as stored; unchanged values write nothing.
    pub fn edit_learner(
        &mut self,
        id: &LearnerId,
        values: &[(LearnerField, String)],
    ) -> Result<Learner, DeskError> {
        self.ensure_coordinator("editing a learner")?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let before = stored_learner(tx, id)?;
            let after = apply_learner(&before, values)?;
            if after == before {
                return Ok(before);
            }
            if after.status != before.status {
                super::person_status::check_learner_status(tx, &before, after.status)?;
            }
            if after.id != before.id {
                if tx.learner(&after.id)?.is_some() {
                    return Err(refused(PersonRefusal::DuplicateId {
                        kind: PersonKind::Learner,
                        id: after.id.to_string(),
                    }));
                }
                let held_by = tx.learner_references(&before.id)?;
                if !held_by.is_empty() {
                    return Err(refused(PersonRefusal::IdInUse {
                        kind: PersonKind::Learner,
                        id: before.id.to_string(),
                        held_by,
                    }));
                }
                tx.rename_learner(&before.id, &after.id)?;
            }
            tx.put_learner(&after, now)?;
            let subject = format!("learner:{}", after.id);
            let (b, a) = (snapshot(&before), snapshot(&after));
            tx.append_audit(now, &actor, "learner.update", &subject, Some(&b), Some(&a))?;
            Ok(after)
        })
    }

    /// Changes a mentor's fields in one step, like [`Desk::edit_learner`]. A capacity below
    /// the learners the mentor has now is refused, naming their pairings.
    pub fn edit_mentor(
        &mut self,
        id: &MentorId,
        values: &[(MentorField, String)],
    ) -> Result<Mentor, DeskError> {
        self.ensure_coordinator("editing a mentor")?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let before = stored_mentor(tx, id)?;
            let after = apply_mentor(&before, values)?;
            if after == before {
                return Ok(before);
            }
            if after.capacity < before.capacity {
                let seats = seats_of_mentor(tx, &before.id)?;
                if usize::try_from(after.capacity).unwrap_or(usize::MAX) < seats.len() {
                    return Err(refused(PersonRefusal::CapacityBelowLoad {
                        mentor: before.id.clone(),
                        capacity: after.capacity,
                        pairings: seats,
                    }));
                }
            }
            if after.id != before.id {
                if tx.mentor(&after.id)?.is_some() {
                    return Err(refused(PersonRefusal::DuplicateId {
                        kind: PersonKind::Mentor,
                        id: after.id.to_string(),
                    }));
                }
                let held_by = tx.mentor_references(&before.id)?;
                if !held_by.is_empty() {
                    return Err(refused(PersonRefusal::IdInUse {
                        kind: PersonKind::Mentor,
                        id: before.id.to_string(),
                        held_by,
                    }));
                }
                tx.rename_mentor(&before.id, &after.id)?;
            }
            tx.put_mentor(&after, now)?;
            let subject = format!("mentor:{}", after.id);
            let (b, a) = (snapshot(&before), snapshot(&after));
            tx.append_audit(now, &actor, "mentor.update", &subject, Some(&b), Some(&a))?;
            Ok(after)
        })
    }

    /// A person's pairings (declined proposals left out), newest first, with the other
    /// person's name.
    pub fn person_pairings(
        &mut self,
        kind: PersonKind,
        id: &str,
    ) -> Result<Vec<PersonPairing>, DeskError> {
        self.store.read(|tx| {
            let pairings = match kind {
                PersonKind::Learner => tx.pairings_of(&LearnerId::parse(id)?)?,
                PersonKind::Mentor => tx.pairings_of_mentor(&MentorId::parse(id)?)?,
            };
            let mut rows = Vec::with_capacity(pairings.len());
            for p in pairings
                .iter()
                .rev()
                .filter(|p| p.status != PairingStatus::Declined)
            {
                let (with_id, with_name) = match kind {
                    PersonKind::Learner => {
                        let name = tx.mentor(&p.mentor)?.map(|m| m.name).unwrap_or_default();
                        (p.mentor.to_string(), name)
                    }
                    PersonKind::Mentor => {
                        let name = tx.learner(&p.learner)?.map(|l| l.name).unwrap_or_default();
                        (p.learner.to_string(), name)
                    }
                };
                rows.push(PersonPairing {
                    pairing: p.id,
                    status: p.status,
                    with_id,
                    with_name,
                    started_at: p.started_at,
                    ended_at: p.ended_at,
                });
            }
            Ok(rows)
        })
    }
}
