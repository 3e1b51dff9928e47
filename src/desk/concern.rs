//! Concerns and the escalation path: a mentor or the coordinator raises a concern about a
//! pairing (on its own, or with a check-in in the same transaction); it stays open in the
//! coordinator's queue, high ones making their pairing at risk, until the coordinator resolves
//! it with a note of what was done.
//!
//! Owns: who may raise and resolve, the queue's order, the audit rows (`concern.raise`,
//! `concern.resolve`, subject `pairing:N` so the pairing's people are named and an erasure
//! finds them), journalling a concern raised on a mentor desk, and the timeline's entries.
//!
//! Not in the operation log (`undo`): a concern is a record of what someone reported, like a
//! check-in, not a decision to take back; withdrawing a raised safety concern with one key
//! would defeat the point, and a resolution is closed with words of what was done. A concern
//! resolved by mistake is raised again. May use: `domain`, `store`.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use super::lifecycle::load_pairing;
use super::timeline::{TimelineEvent, TimelineKind};
use super::{Desk, DeskError, Refusal, Subject};
use crate::domain::concern::{Resolution, parse_concern_text, queue_order, severity_of};
use crate::domain::{
    CheckInId, Concern, ConcernKind, LearnerId, MentorId, Pairing, PairingId, PairingStatus,
    Severity,
};
use crate::store::Tx;

/// A concern as a person fills it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConcern {
    pub kind: ConcernKind,
    /// `None`: the kind's default (high for conduct and safety, low otherwise).
    pub severity: Option<Severity>,
    /// Multi-line; cleaned, required, at most [`crate::domain::concern::MAX_CONCERN_CHARS`].
    pub note: String,
}

/// A [`NewConcern`] whose severity and note passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CheckedConcern {
    kind: ConcernKind,
    severity: Severity,
    note: String,
}

impl NewConcern {
    /// Checks the severity rule and cleans the note, before anything is written.
    pub(super) fn check(&self) -> Result<CheckedConcern, DeskError> {
        Ok(CheckedConcern {
            kind: self.kind,
            severity: severity_of(self.kind, self.severity)?,
            note: parse_concern_text("concern note", &self.note)?,
        })
    }
}

/// A concern with the people of its pairing, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcernRow {
    #[serde(flatten)]
    pub concern: Concern,
    pub learner: LearnerId,
    pub mentor: MentorId,
    /// The people's names as the desk holds them now (the id when one is gone).
    pub learner_name: String,
    pub mentor_name: String,
}

/// Why a concern could not be raised or resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConcernRefusal {
    AlreadyResolved {
        concern: i64,
        by: String,
        at: DateTime<Utc>,
    },
    /// A proposal or a declined pairing never met: there is nothing to be concerned about yet.
    PairingNeverStarted {
        pairing: PairingId,
        status: PairingStatus,
    },
}

impl fmt::Display for ConcernRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConcernRefusal::AlreadyResolved { concern, by, at } => write!(
                f,
                "concern #{concern} was resolved already, by {by} at {}",
                at.format("%Y-%m-%d %H:%M UTC")
            ),
            ConcernRefusal::PairingNeverStarted { pairing, status } => write!(
                f,
                "pairing {pairing} is {status}: a concern goes on a pairing that has started"
            ),
        }
    }
}

impl From<ConcernRefusal> for DeskError {
    fn from(refusal: ConcernRefusal) -> DeskError {
        Refusal::Concern(refusal).into()
    }
}

/// Appends the audit row of a concern raised (`from_bundle` when it came from a mentor desk).
pub(super) fn audit_raise(
    tx: &Tx<'_>,
    concern: &Concern,
    actor: &str,
    from_bundle: bool,
) -> Result<(), DeskError> {
    let mut after = json!({
        "concern": concern.id,
        "kind": concern.kind,
        "severity": concern.severity,
        "note": concern.note,
        "author": concern.author,
    });
    if let Some(checkin) = concern.checkin {
        after["checkin"] = json!(checkin);
    }
    if from_bundle {
        after["from_bundle"] = json!(true);
    }
    tx.append_audit(
        concern.raised_at,
        actor,
        "concern.raise",
        &format!("pairing:{}", concern.pairing),
        None,
        Some(&after),
    )?;
    Ok(())
}

/// Raises a checked concern on `pairing` inside the caller's transaction: stored, audited and,
/// on a mentor desk, journalled for the next bundle.
pub(super) fn raise_in(
    tx: &Tx<'_>,
    pairing: &Pairing,
    checked: &CheckedConcern,
    checkin: Option<CheckInId>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Concern, DeskError> {
    if matches!(
        pairing.status,
        PairingStatus::Proposed | PairingStatus::Declined
    ) {
        return Err(ConcernRefusal::PairingNeverStarted {
            pairing: pairing.id,
            status: pairing.status,
        }
        .into());
    }
    let mut concern = Concern {
        id: 0,
        uid: super::fresh::record_id(now),
        pairing: pairing.id,
        kind: checked.kind,
        severity: checked.severity,
        note: checked.note.clone(),
        author: tx.author(),
        actor: actor.to_string(),
        raised_at: now,
        checkin,
        resolution: None,
    };
    concern.id = tx.insert_concern(&concern)?;
    audit_raise(tx, &concern, actor, false)?;
    super::sync::journal_concern(tx, &concern, pairing)?;
    Ok(concern)
}

/// The learner's concerns as time-line entries: one when raised, one when resolved. The
/// summary names kind and severity; the words are in `detail` (the pane shows them on
/// request, as it does a note's).
pub(super) fn concern_events(
    desk: &mut Desk,
    learner: &LearnerId,
) -> Result<Vec<TimelineEvent>, DeskError> {
    let concerns = desk.store.read(|tx| tx.concerns_of_learner(learner))?;
    let mut events = Vec::new();
    for c in concerns {
        let first = c.note.lines().next().unwrap_or_default().to_string();
        events.push(TimelineEvent {
            at: c.raised_at,
            kind: TimelineKind::ConcernRaised,
            detail: json!({"concern": c.id, "pairing": c.pairing, "kind": c.kind,
                           "severity": c.severity, "author": c.author, "actor": c.actor,
                           "note": c.note, "open": c.is_open()}),
            summary: format!(
                "#{} {} {} on pairing {}: {first}",
                c.id, c.severity, c.kind, c.pairing
            ),
        });
        if let Some(r) = &c.resolution {
            events.push(TimelineEvent {
                at: r.at,
                kind: TimelineKind::ConcernResolved,
                detail: json!({"concern": c.id, "pairing": c.pairing, "kind": c.kind,
                               "by": r.by, "resolution": r.note}),
                summary: format!(
                    "#{} {} on pairing {}: {}",
                    c.id,
                    c.kind,
                    c.pairing,
                    r.note.lines().next().unwrap_or_default()
                ),
            });
        }
    }
    Ok(events)
}

fn rows_of(tx: &Tx<'_>, concerns: Vec<Concern>) -> Result<Vec<ConcernRow>, DeskError> {
    let mut rows = Vec::with_capacity(concerns.len());
    for concern in concerns {
        let pairing = load_pairing(tx, concern.pairing)?;
        let learner_name = tx
            .learner(&pairing.learner)?
            .map_or_else(|| pairing.learner.to_string(), |l| l.name);
        let mentor_name = tx
            .mentor(&pairing.mentor)?
            .map_or_else(|| pairing.mentor.to_string(), |m| m.name);
        rows.push(ConcernRow {
            concern,
            learner: pairing.learner,
            mentor: pairing.mentor,
            learner_name,
            mentor_name,
        });
    }
    Ok(rows)
}

impl Desk {
    /// Raises a concern on a pairing that has started (any status since: a problem may come
    /// to light after the end). One transaction with its audit row; on a mentor desk the
    /// concern is journalled and travels in the next bundle.
    pub fn raise_concern(
        &mut self,
        pairing: PairingId,
        new: &NewConcern,
    ) -> Result<Concern, DeskError> {
        let checked = new.check()?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let pairing = load_pairing(tx, pairing)?;
            raise_in(tx, &pairing, &checked, None, now, &actor)
        })
    }

    /// Resolves an open concern with a note of what was done (audited). Only the
    /// coordinator's desk resolves; resolving twice is refused, naming who did it first.
    pub fn resolve_concern(&mut self, id: i64, note: &str) -> Result<Concern, DeskError> {
        self.ensure_coordinator("resolving a concern")?;
        let note = parse_concern_text("resolution note", note)?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let concern = tx
                .concern(id)?
                .ok_or_else(|| DeskError::not_found(Subject::Concern, id))?;
            if let Some(done) = &concern.resolution {
                return Err(ConcernRefusal::AlreadyResolved {
                    concern: id,
                    by: done.by.clone(),
                    at: done.at,
                }
                .into());
            }
            let resolution = Resolution {
                at: now,
                by: actor.clone(),
                note: note.clone(),
            };
            tx.resolve_concern(id, &resolution)?;
            tx.append_audit(
                now,
                &actor,
                "concern.resolve",
                &format!("pairing:{}", concern.pairing),
                Some(&json!({"concern": id, "kind": concern.kind,
                             "severity": concern.severity, "open": true})),
                Some(&json!({"concern": id, "resolution": note})),
            )?;
            Ok(Concern {
                resolution: Some(resolution),
                ..concern
            })
        })
    }

    /// The open concerns as the coordinator's queue shows them: high first, newest first.
    pub fn concern_queue(&mut self) -> Result<Vec<ConcernRow>, DeskError> {
        self.store.read(|tx| {
            let mut open = tx.concerns(true)?;
            queue_order(&mut open);
            rows_of(tx, open)
        })
    }

    /// Every concern: the open ones in queue order, then the resolved ones, latest
    /// resolution first.
    pub fn all_concerns(&mut self) -> Result<Vec<ConcernRow>, DeskError> {
        self.store.read(|tx| {
            let (mut open, mut closed): (Vec<Concern>, Vec<Concern>) =
                tx.concerns(false)?.into_iter().partition(Concern::is_open);
            queue_order(&mut open);
            closed.sort_by_key(|c| std::cmp::Reverse((c.resolution.as_ref().map(|r| r.at), c.id)));
            open.extend(closed);
            rows_of(tx, open)
        })
    }

    /// How many concerns are open, and how many of those are high.
    pub fn open_concern_counts(&mut self) -> Result<(u64, u64), DeskError> {
        Ok(self.store.read(|tx| tx.open_concern_counts())?)
    }
}
