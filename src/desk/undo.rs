//! Undo over the operation log: the decision (the newest still open, or one by number) taken
//! back in one transaction, refused with the reason when the world moved on, audited, and
//! marked undone in the log. What undoing each kind means is documented on
//! [`crate::domain::operation`].
//!
//! Owns: the check and the reversal of each kind. May use: `domain`, `store`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::batch::undo_batch_in;
use super::lifecycle::load_pairing;
use super::pairing::undo_approval_in;
use super::{Desk, DeskError, Refusal, Subject};
use crate::domain::operation::{EndStep, ImportStep, SettingStep};
use crate::domain::{
    Learner, LearnerStatus, LoggedOperation, Mentor, Operation, OperationId, Pairing, PairingId,
    PairingStatus,
};
use crate::store::{PersonKind, Tx};

/// A decision taken back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undone {
    pub operation: OperationId,
    pub kind: String,
    /// What was taken back, in words.
    pub message: String,
}

/// Logs `operation` in the caller's transaction, recorded by the audit entry appended just
/// before; returns its number.
pub(super) fn log_operation(
    tx: &Tx<'_>,
    now: DateTime<Utc>,
    actor: &str,
    operation: &Operation,
) -> Result<OperationId, DeskError> {
    let audit = tx.last_audit_id()?;
    Ok(tx.insert_operation(now, actor, operation, audit)?)
}

impl Desk {
    /// The operation log, newest first.
    pub fn operations(&mut self, limit: u32) -> Result<Vec<LoggedOperation>, DeskError> {
        Ok(self.store.read(|tx| tx.operations(limit))?)
    }

    /// The newest decision neither undone nor void, leaving out `skip`.
    pub fn next_undo(
        &mut self,
        skip: &[OperationId],
    ) -> Result<Option<LoggedOperation>, DeskError> {
        Ok(self.store.read(|tx| tx.newest_open_operation(skip))?)
    }

    /// Takes back decision `id`, or the newest one still open when `None`. Refused when it
    /// was undone already, is void, or the world moved on (see the kinds' table). Audited
    /// (`undo.<kind>`); the log marks it undone.
    pub fn undo(&mut self, id: Option<OperationId>) -> Result<Undone, DeskError> {
        self.ensure_coordinator("undoing a decision")?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let logged = match id {
                Some(id) => tx
                    .operation(id)?
                    .ok_or_else(|| DeskError::not_found(Subject::Decision, id.0))?,
                None => tx
                    .newest_open_operation(&[])?
                    .ok_or(Refusal::NothingToUndo)?,
            };
            if let Some((at, by)) = &logged.undone {
                return Err(Refusal::AlreadyUndone {
                    operation: logged.id,
                    by: by.clone(),
                    at: *at,
                }
                .into());
            }
            if let Some(why) = &logged.void {
                return Err(Refusal::UndoVoid {
                    operation: logged.id,
                    why: why.clone(),
                }
                .into());
            }
            let operation = logged.operation.as_ref().ok_or(Refusal::UndoUnreadable {
                operation: logged.id,
            })?;
            let message = undo_in(tx, operation, now, &actor)?;
            let undo_audit = tx.last_audit_id()?;
            tx.mark_undone(logged.id, now, &actor, undo_audit)?;
            Ok(Undone {
                operation: logged.id,
                kind: logged.kind.clone(),
                message,
            })
        })
    }
}

fn snapshot<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Takes `operation` back inside the caller's transaction; its words for the person.
fn undo_in(
    tx: &Tx<'_>,
    operation: &Operation,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<String, DeskError> {
    match operation {
        Operation::Approve(step) => {
            let before = undo_approval_in(
                tx,
                step.pairing,
                step.from_proposal,
                step.milestone,
                now,
                actor,
                None,
            )?;
            Ok(format!(
                "Undid the approval of {} → {}",
                before.learner, before.mentor
            ))
        }
        Operation::ApproveBatch { batch, approved } => {
            undo_batch_in(tx, batch, approved, now, actor)
        }
        Operation::Decline { pairing } => undo_decline(tx, *pairing, now, actor),
        Operation::Exclude { learner, mentor } => {
            if !tx.delete_exclusion(learner, mentor)? {
                return Err(Refusal::NotExcluded {
                    learner: learner.clone(),
                    mentor: mentor.clone(),
                }
                .into());
            }
            tx.append_audit(
                now,
                actor,
                "undo.exclude",
                &format!("pair:{learner}/{mentor}"),
                None,
                None,
            )?;
            Ok(format!("Undid the exclusion of {mentor} for {learner}"))
        }
        Operation::End(step) => undo_end(tx, step, false, now, actor),
        Operation::Rematch(step) => undo_end(tx, step, true, now, actor),
        Operation::Pause { pairing, event } => {
            undo_move(tx, *pairing, *event, PairingStatus::Paused, now, actor)
        }
        Operation::Resume { pairing, event, at } => {
            if tx.checkins_recorded_since(*pairing, *at)? {
                return Err(Refusal::CheckInsSinceResume { pairing: *pairing }.into());
            }
            undo_move(tx, *pairing, *event, PairingStatus::Active, now, actor)
        }
        Operation::Weights { changes } => undo_settings(tx, "weights", changes, now, actor),
        Operation::Thresholds { changes } => undo_settings(tx, "thresholds", changes, now, actor),
        Operation::Import(step) => undo_import(tx, step, now, actor),
    }
}

fn undo_decline(
    tx: &Tx<'_>,
    pairing: PairingId,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<String, DeskError> {
    let before = load_pairing(tx, pairing)?;
    if before.status != PairingStatus::Declined {
        return Err(Refusal::NoLongerDeclined { pairing }.into());
    }
    let back = Pairing {
        status: PairingStatus::Proposed,
        ended_at: None,
        end_reason: None,
        ..before.clone()
    };
    tx.update_pairing(&back)?;
    tx.append_audit(
        now,
        actor,
        "undo.decline",
        &format!("pairing:{pairing}"),
        Some(&snapshot(&before)),
        Some(&snapshot(&back)),
    )?;
    Ok(format!(
        "Undid the decline of {} → {}",
        before.learner, before.mentor
    ))
}

/// An end (or a rematch, which also lifts the exclusion it added) taken back: the pairing as
/// it was before, when nothing since took the learner's or the mentor's seat.
fn undo_end(
    tx: &Tx<'_>,
    step: &EndStep,
    rematch: bool,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<String, DeskError> {
    let current = load_pairing(tx, step.pairing)?;
    let same_end = current.ended_at.map(|t| t.timestamp()) == Some(step.ended_at.timestamp());
    if current.status != step.status_after || !same_end {
        return Err(Refusal::PairingMovedOn {
            pairing: step.pairing,
            expected: step.status_after,
            status: current.status,
        }
        .into());
    }
    if let Some(seat) = tx.seat_of(&step.learner)? {
        return Err(Refusal::LearnerSeatTaken {
            learner: step.learner.clone(),
            pairing: seat.id,
        }
        .into());
    }
    let mentor = tx
        .mentor(&step.mentor)?
        .ok_or_else(|| DeskError::not_found(Subject::Mentor, &step.mentor))?;
    if tx.seats_in_use(&mentor.id)? >= mentor.capacity {
        return Err(Refusal::MentorSeatTaken {
            mentor: mentor.id,
            capacity: mentor.capacity,
        }
        .into());
    }
    if rematch && !tx.delete_exclusion(&step.learner, &step.mentor)? {
        return Err(Refusal::NotExcluded {
            learner: step.learner.clone(),
            mentor: step.mentor.clone(),
        }
        .into());
    }
    let back = Pairing {
        status: step.status_before,
        ended_at: None,
        end_reason: None,
        ..current.clone()
    };
    tx.update_pairing(&back)?;
    tx.set_learner_status(&step.learner, step.learner_before, now)?;
    let action = if rematch { "undo.rematch" } else { "undo.end" };
    tx.append_audit(
        now,
        actor,
        action,
        &format!("pairing:{}", step.pairing),
        Some(&snapshot(&current)),
        Some(&snapshot(&back)),
    )?;
    Ok(format!(
        "Undid the {} of {} → {}: {} again",
        if rematch { "rematch" } else { "end" },
        step.learner,
        step.mentor,
        step.status_before
    ))
}

/// A pause (`was` paused) or a resume (`was` active) taken back, its event forgotten.
fn undo_move(
    tx: &Tx<'_>,
    pairing: PairingId,
    event: i64,
    was: PairingStatus,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<String, DeskError> {
    let current = load_pairing(tx, pairing)?;
    if current.status != was {
        return Err(Refusal::PairingMovedOn {
            pairing,
            expected: was,
            status: current.status,
        }
        .into());
    }
    let (back, learner, verb) = match was {
        PairingStatus::Paused => (PairingStatus::Active, LearnerStatus::Matched, "pause"),
        _ => (PairingStatus::Paused, LearnerStatus::Paused, "resume"),
    };
    let after = Pairing {
        status: back,
        ..current.clone()
    };
    tx.update_pairing(&after)?;
    tx.set_learner_status(&current.learner, learner, now)?;
    tx.delete_pairing_event(event)?;
    tx.append_audit(
        now,
        actor,
        &format!("undo.{verb}"),
        &format!("pairing:{pairing}"),
        Some(&snapshot(&current)),
        Some(&snapshot(&after)),
    )?;
    Ok(format!(
        "Undid the {verb} of {} → {}: {back} again",
        current.learner, current.mentor
    ))
}

/// Settings back to their values before, when none was changed again since.
fn undo_settings(
    tx: &Tx<'_>,
    what: &str,
    changes: &[SettingStep],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<String, DeskError> {
    for change in changes {
        let current = tx.setting(&change.key)?;
        if current != change.after {
            return Err(Refusal::SettingChangedSince {
                key: change.key.clone(),
                expected: change.after.clone(),
                now: current,
            }
            .into());
        }
    }
    let mut before = serde_json::Map::new();
    let mut after = serde_json::Map::new();
    for change in changes {
        match &change.before {
            Some(value) => tx.put_setting(&change.key, value)?,
            None => {
                tx.delete_setting(&change.key)?;
            }
        }
        before.insert(change.key.clone(), serde_json::json!(change.after));
        after.insert(change.key.clone(), serde_json::json!(change.before));
    }
    tx.append_audit(
        now,
        actor,
        &format!("undo.{what}"),
        what,
        Some(&serde_json::Value::Object(before)),
        Some(&serde_json::Value::Object(after)),
    )?;
    let each: Vec<String> = changes
        .iter()
        .map(|c| {
            format!(
                "{} back to {}",
                c.key.split('.').next_back().unwrap_or(&c.key),
                c.before.as_deref().unwrap_or("its default")
            )
        })
        .collect();
    Ok(format!("Undid the {what} change: {}", each.join(", ")))
}

/// An import taken back: its newcomers removed (while they have no records of their own),
/// the people it updated as before (keeping the status they have now).
fn undo_import(
    tx: &Tx<'_>,
    step: &ImportStep,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<String, DeskError> {
    let kind = if step.people == "mentors" {
        PersonKind::Mentor
    } else {
        PersonKind::Learner
    };
    for id in &step.new {
        if let Some(what) = tx.person_records(kind, id)? {
            return Err(Refusal::ImportedPersonInUse {
                person: format!("{} {id}", kind.as_str()),
                what,
            }
            .into());
        }
    }
    for (before, after) in &step.updated {
        let id = after["id"].as_str().unwrap_or_default().to_string();
        let changed = || Refusal::ImportedPersonChanged {
            person: format!("{} {id}", kind.as_str()),
        };
        let now_stands = current_person(tx, kind, &id)?.ok_or_else(changed)?;
        if without_status(&now_stands) != without_status(after) {
            return Err(changed().into());
        }
        restore_person(tx, kind, before, &now_stands, now).map_err(|_| changed())?;
    }
    for id in &step.new {
        tx.delete_person(kind, id)?;
    }
    tx.append_audit(
        now,
        actor,
        &format!("undo.import.{}", step.people),
        &format!("file:{}", step.file),
        None,
        Some(&serde_json::json!({
            "removed": step.new,
            "restored": step.updated.len(),
        })),
    )?;
    Ok(format!(
        "Undid the import of {}: {} removed, {} as before",
        step.file,
        step.new.len(),
        step.updated.len()
    ))
}

fn current_person(
    tx: &Tx<'_>,
    kind: PersonKind,
    id: &str,
) -> Result<Option<serde_json::Value>, DeskError> {
    Ok(match kind {
        PersonKind::Learner => match crate::domain::LearnerId::parse(id) {
            Ok(id) => tx.learner(&id)?.map(|l| snapshot(&l)),
            Err(_) => None,
        },
        PersonKind::Mentor => match crate::domain::MentorId::parse(id) {
            Ok(id) => tx.mentor(&id)?.map(|m| snapshot(&m)),
            Err(_) => None,
        },
    })
}

fn without_status(person: &serde_json::Value) -> serde_json::Value {
    let mut copy = person.clone();
    if let Some(map) = copy.as_object_mut() {
        map.remove("status");
    }
    copy
}

/// Writes the `before` snapshot back with the status the person has now.
fn restore_person(
    tx: &Tx<'_>,
    kind: PersonKind,
    before: &serde_json::Value,
    now_stands: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), DeskError> {
    let mut record = before.clone();
    record["status"] = now_stands["status"].clone();
    let unreadable = |e: serde_json::Error| {
        DeskError::Store(crate::store::StoreError::Corrupt {
            table: "operations",
            key: "import".into(),
            problem: e.to_string(),
        })
    };
    match kind {
        PersonKind::Learner => {
            let learner: Learner = serde_json::from_value(record).map_err(unreadable)?;
            tx.put_learner(&learner, now)?;
        }
        PersonKind::Mentor => {
            let mentor: Mentor = serde_json::from_value(record).map_err(unreadable)?;
            tx.put_mentor(&mentor, now)?;
        }
    }
    Ok(())
}
