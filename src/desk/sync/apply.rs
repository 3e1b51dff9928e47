//! Applying one record on the coordinator's desk, inside the import's transaction: it is
//! applied (with its audit row, written as the mentor), waits for what it changes to arrive,
//! is a conflict (both versions kept), or is refused with a reason.

use chrono::{DateTime, Utc};

use crate::desk::DeskError;
use crate::domain::sync::{
    CheckInRecord, ConcernRecord, MilestoneChange, MilestoneRecord, RecordBody,
};
use crate::domain::{
    Author, LearnerId, MentorId, Milestone, MilestoneId, MilestoneStatus, Pairing, PairingId,
    PairingStatus, PairingUid,
};
use crate::store::Tx;

/// What became of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    Applied,
    /// It edits or changes something this desk has not received yet.
    Waiting,
    Conflict {
        reason: String,
        /// What this desk holds: `checkin:<id>` or `milestone:<uid>`.
        subject: String,
        ours: serde_json::Value,
    },
    Rejected(String),
}

/// Who the records are checked against: the bundle's mentor and their name.
pub(super) struct Sender<'a> {
    pub mentor: &'a MentorId,
    pub name: &'a str,
}

fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Applies `body` (already checked for field limits and author) as written by `sender`.
pub(super) fn apply(
    tx: &Tx<'_>,
    body: &RecordBody,
    sender: &Sender<'_>,
    actor: &str,
) -> Result<Outcome, DeskError> {
    let before = tx.author();
    tx.act_as(Author::Mentor(sender.mentor.clone()));
    let outcome = match body {
        RecordBody::Checkin(c) => {
            match senders_pairing(tx, (c.pairing, c.pairing_uid, &c.learner), sender)? {
                Ok(pairing) => apply_checkin(tx, c, &pairing, actor),
                Err(refused) => Ok(refused),
            }
        }
        RecordBody::Milestone(m) => apply_milestone(tx, m, sender, actor),
        RecordBody::Concern(c) => {
            match senders_pairing(tx, (c.pairing, c.pairing_uid, &c.learner), sender)? {
                Ok(pairing) => apply_concern(tx, c, &pairing, actor),
                Err(refused) => Ok(refused),
            }
        }
    };
    tx.act_as(before);
    outcome
}

/// The pairing a record names (by uid, number and learner), if this desk holds it, the three
/// agree and it is the sender's; else the refusal to record.
fn senders_pairing(
    tx: &Tx<'_>,
    (number, uid, learner): (PairingId, PairingUid, &LearnerId),
    sender: &Sender<'_>,
) -> Result<Result<Pairing, Outcome>, DeskError> {
    let Some(pairing) = tx.pairing_by_uid(uid)? else {
        return Ok(Err(Outcome::Rejected(format!(
            "pairing {number} ({uid}) is not on this desk"
        ))));
    };
    if pairing.mentor != *sender.mentor {
        return Ok(Err(Outcome::Rejected(format!(
            "pairing {} is not one of {}'s pairings",
            pairing.id, sender.name
        ))));
    }
    if pairing.id != number {
        return Ok(Err(Outcome::Rejected(format!(
            "pairing number {number} does not match its uid (this desk numbers it {})",
            pairing.id
        ))));
    }
    if pairing.learner != *learner {
        return Ok(Err(Outcome::Rejected(format!(
            "learner {learner} is not paired with {} in pairing {}",
            sender.name, pairing.id
        ))));
    }
    Ok(Ok(pairing))
}

/// `pairing` is the sender's, as the record names it.
fn apply_checkin(
    tx: &Tx<'_>,
    c: &CheckInRecord,
    pairing: &Pairing,
    actor: &str,
) -> Result<Outcome, DeskError> {
    if matches!(
        pairing.status,
        PairingStatus::Proposed | PairingStatus::Declined
    ) {
        return Ok(Outcome::Rejected(format!(
            "pairing {} is {}, not under way",
            pairing.id, pairing.status
        )));
    }
    if let Some(existing) = tx.checkin(c.id)? {
        return Ok(Outcome::Conflict {
            reason: "this desk already holds a different check-in with this id".into(),
            subject: format!("checkin:{}", existing.id),
            ours: json(&RecordBody::Checkin(CheckInRecord::of(&existing, pairing))),
        });
    }
    if let Some(old) = c.supersedes {
        if tx.checkin(old)?.is_none() {
            return Ok(Outcome::Waiting);
        }
        let versions = tx.checkins_of(pairing.id)?;
        if let Some(other) = versions.iter().find(|v| v.supersedes == Some(old)) {
            return Ok(Outcome::Conflict {
                reason: format!(
                    "two edits of check-in {old}: this desk already has {}",
                    other.id
                ),
                subject: format!("checkin:{}", other.id),
                ours: json(&RecordBody::Checkin(CheckInRecord::of(other, pairing))),
            });
        }
    }
    let checkin = c.to_checkin();
    tx.insert_checkin(&checkin)?;
    tx.append_audit(
        checkin.recorded_at,
        actor,
        if checkin.supersedes.is_some() {
            "checkin.edit"
        } else {
            "checkin.add"
        },
        &format!("checkin:{}", checkin.id),
        None,
        Some(&serde_json::json!({ "from_bundle": true, "checkin": checkin })),
    )?;
    Ok(Outcome::Applied)
}

/// A concern raised on the mentor's desk arrives open, flagged as theirs, and audited as the
/// desk's own raising is (with `from_bundle`).
/// `pairing` is the sender's, as the record names it.
fn apply_concern(
    tx: &Tx<'_>,
    c: &ConcernRecord,
    pairing: &Pairing,
    actor: &str,
) -> Result<Outcome, DeskError> {
    if let Some(existing) = tx.concern_by_uid(c.uid)? {
        return Ok(Outcome::Conflict {
            reason: format!(
                "this desk already holds concern #{} with this id",
                existing.id
            ),
            subject: format!("concern:{}", existing.id),
            ours: json(&RecordBody::Concern(ConcernRecord::of(&existing, pairing))),
        });
    }
    let mut concern = c.to_concern();
    concern.id = tx.insert_concern(&concern)?;
    crate::desk::concern::audit_raise(tx, &concern, actor, true)?;
    Ok(Outcome::Applied)
}

fn apply_milestone(
    tx: &Tx<'_>,
    m: &MilestoneRecord,
    sender: &Sender<'_>,
    actor: &str,
) -> Result<Outcome, DeskError> {
    let paired = tx.pairings_of_mentor(sender.mentor)?.iter().any(|p| {
        p.learner == m.learner
            && !matches!(p.status, PairingStatus::Proposed | PairingStatus::Declined)
    });
    if !paired {
        return Ok(Outcome::Rejected(format!(
            "learner {} is not paired with {}",
            m.learner, sender.name
        )));
    }
    let existing = tx.milestone_by_uid(m.uid)?;
    if let Some(ms) = &existing
        && ms.learner != m.learner
    {
        return Ok(Outcome::Rejected(format!(
            "milestone {} belongs to learner {}, not {}",
            ms.id, ms.learner, m.learner
        )));
    }
    let subject = format!("milestone:{}", m.uid);
    match (&m.change, existing) {
        (MilestoneChange::Add { .. }, Some(ms)) => Ok(Outcome::Conflict {
            reason: format!("milestone {} already exists on this desk", ms.id),
            subject,
            ours: json(&ms),
        }),
        (MilestoneChange::Add { from_checkin, .. }, None) => {
            let Some(mut new) = m.to_new_milestone(MilestoneId(0)) else {
                return Ok(Outcome::Rejected("not a new milestone".into()));
            };
            if from_checkin.is_some_and(|c| tx.checkin(c).ok().flatten().is_none()) {
                new.from_checkin = None;
            }
            let id = tx.insert_milestone(&new)?;
            let new = Milestone { id, ..new };
            audit_milestone(tx, actor, "milestone.add", m.at, None, &new)?;
            Ok(Outcome::Applied)
        }
        (_, None) => Ok(Outcome::Waiting),
        (_, Some(ms)) if ms.status != MilestoneStatus::Planned => Ok(Outcome::Conflict {
            reason: format!(
                "milestone {} \"{}\" is already {} on this desk",
                ms.id, ms.title, ms.status
            ),
            subject,
            ours: json(&ms),
        }),
        (change, Some(ms)) => {
            change_milestone(tx, &ms, change, m.at, actor)?;
            Ok(Outcome::Applied)
        }
    }
}

/// Achieves or drops `ms` as a record says (audited); a conflict resolved for theirs does
/// the same whatever the milestone's state.
pub(super) fn change_milestone(
    tx: &Tx<'_>,
    ms: &Milestone,
    change: &MilestoneChange,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<(), DeskError> {
    let (after, dropped_at, action) = match change {
        MilestoneChange::Achieve { evidence } => (
            Milestone {
                status: MilestoneStatus::Achieved,
                achieved_at: Some(at),
                evidence: evidence.clone(),
                drop_reason: None,
                ..ms.clone()
            },
            None,
            "milestone.achieve",
        ),
        MilestoneChange::Drop { reason } => (
            Milestone {
                status: MilestoneStatus::Dropped,
                drop_reason: Some(reason.clone()),
                achieved_at: None,
                ..ms.clone()
            },
            Some(at),
            "milestone.drop",
        ),
        MilestoneChange::Add {
            title, kind, due, ..
        } => (
            Milestone {
                title: title.clone(),
                kind: *kind,
                due: *due,
                ..ms.clone()
            },
            None,
            "milestone.edit",
        ),
    };
    tx.update_milestone(&after, dropped_at)?;
    audit_milestone(tx, actor, action, at, Some(ms), &after)
}

fn audit_milestone(
    tx: &Tx<'_>,
    actor: &str,
    action: &str,
    at: DateTime<Utc>,
    before: Option<&Milestone>,
    after: &Milestone,
) -> Result<(), DeskError> {
    let mut after_json = json(after);
    after_json["from_bundle"] = serde_json::Value::Bool(true);
    tx.append_audit(
        at,
        actor,
        action,
        &format!("milestone:{}", after.id),
        before.map(json).as_ref(),
        Some(&after_json),
    )?;
    Ok(())
}
