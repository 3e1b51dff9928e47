//! Conflicts: two versions of one record that cannot both stand. Both are kept until a person
//! chooses one or, for check-ins, keeps both (audited).

use crate::desk::Subject;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::SyncError;
use super::apply::change_milestone;
use super::identity::require_coordinator;
use crate::desk::{Desk, DeskError};
use crate::domain::sync::{CheckInRecord, RecordBody};
use crate::domain::{Author, CheckInId, DomainError, RecordId};
use crate::store::{StoreError, StoredConflict, Tx};

/// Which version a conflict keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The incoming version becomes the current one (the desk's stays in the history).
    Theirs,
    /// The desk's version stays current; the incoming one stays in the conflict's record.
    Ours,
    /// Both stand as separate check-ins.
    Both,
}

impl Keep {
    pub fn as_str(self) -> &'static str {
        match self {
            Keep::Theirs => "theirs",
            Keep::Ours => "ours",
            Keep::Both => "both",
        }
    }
}

impl FromStr for Keep {
    type Err = DomainError;
    fn from_str(raw: &str) -> Result<Keep, DomainError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "theirs" => Ok(Keep::Theirs),
            "ours" => Ok(Keep::Ours),
            "both" => Ok(Keep::Both),
            other => Err(DomainError::UnknownVariant {
                what: "choice",
                value: other.to_string(),
                expected: "theirs|ours|both",
            }),
        }
    }
}

/// A conflict as the faces show it: both versions side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncConflict {
    pub id: i64,
    pub import: i64,
    pub record: RecordId,
    /// `checkin` or `milestone`.
    pub kind: String,
    pub reason: String,
    /// What this desk holds (`checkin:<id>`, `milestone:<uid>` or `record:<id>`).
    pub subject: String,
    pub ours: serde_json::Value,
    pub theirs: serde_json::Value,
    /// `theirs`, `ours` or `both` once resolved.
    pub resolved: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
}

fn view(c: StoredConflict) -> SyncConflict {
    SyncConflict {
        id: c.id,
        import: c.import,
        record: c.record_id,
        kind: c.kind,
        reason: c.reason,
        subject: c.subject,
        ours: serde_json::from_str(&c.ours).unwrap_or(serde_json::Value::Null),
        theirs: serde_json::from_str(&c.theirs).unwrap_or(serde_json::Value::Null),
        resolved: c.resolved,
        resolved_at: c.resolved_at,
    }
}

fn corrupt(c: &StoredConflict, e: impl ToString) -> DeskError {
    StoreError::Corrupt {
        table: "sync_conflicts",
        key: c.id.to_string(),
        problem: e.to_string(),
    }
    .into()
}

impl Desk {
    /// Conflicts by id: the open ones, or every one with `all`.
    pub fn sync_conflicts(&mut self, all: bool) -> Result<Vec<SyncConflict>, DeskError> {
        let stored = self.store.read(|tx| tx.conflicts(!all))?;
        Ok(stored.into_iter().map(view).collect())
    }

    /// Resolves a conflict (audited): keep theirs, ours, or (check-ins) both.
    pub fn resolve_conflict(&mut self, id: i64, keep: Keep) -> Result<SyncConflict, DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            require_coordinator(&tx.desk_identity()?, "resolving a conflict")?;
            let c = tx.conflict(id)?.ok_or(SyncError::NoConflict(id))?;
            if let Some(kept) = &c.resolved {
                return Err(SyncError::AlreadyResolved {
                    id,
                    kept: kept.clone(),
                }
                .into());
            }
            let theirs: RecordBody = serde_json::from_str(&c.theirs).map_err(|e| corrupt(&c, e))?;
            let hash = theirs.content_hash();
            if let Some(mentor) = theirs.author().mentor() {
                tx.act_as(Author::Mentor(mentor.clone()));
            }
            match (keep, &theirs) {
                (Keep::Ours, _) => {}
                (Keep::Theirs | Keep::Both, RecordBody::Checkin(record)) => {
                    keep_checkin(tx, &c, record, keep, now, &actor)?;
                    tx.set_received_outcome(c.record_id, &hash, "applied")?;
                }
                (Keep::Theirs | Keep::Both, RecordBody::Concern(_)) => {
                    return Err(SyncError::ConcernKeepsOurs(id).into());
                }
                (Keep::Both, RecordBody::Milestone(_)) => {
                    return Err(SyncError::BothNotPossible(id).into());
                }
                (Keep::Theirs, RecordBody::Milestone(m)) => {
                    let ms = tx
                        .milestone_by_uid(m.uid)?
                        .ok_or_else(|| DeskError::NotFound {
                            what: Subject::Milestone,
                            id: m.uid.to_string(),
                        })?;
                    change_milestone(tx, &ms, &m.change, m.at, &actor)?;
                    tx.set_received_outcome(c.record_id, &hash, "applied")?;
                }
            }
            tx.act_as(Author::Coordinator);
            tx.resolve_conflict(id, keep.as_str(), now)?;
            tx.append_audit(
                now,
                &actor,
                "sync.resolve",
                &format!("conflict:{id}"),
                Some(&serde_json::json!({ "subject": c.subject, "reason": c.reason })),
                Some(&serde_json::json!({ "kept": keep.as_str() })),
            )?;
            Ok(view(StoredConflict {
                resolved: Some(keep.as_str().to_string()),
                resolved_at: Some(now),
                ..c
            }))
        })
    }
}

/// The check-in this desk's side of a conflict names, when it is one.
fn ours_checkin(c: &StoredConflict) -> Option<CheckInId> {
    c.subject
        .strip_prefix("checkin:")
        .and_then(|id| CheckInId::parse(id).ok())
}

/// Writes their check-in: as the new current version after ours (`Theirs`), or beside ours
/// (`Both`). It keeps its own id unless this desk already uses it.
fn keep_checkin(
    tx: &Tx<'_>,
    c: &StoredConflict,
    record: &CheckInRecord,
    keep: Keep,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<(), DeskError> {
    let mut checkin = record.to_checkin();
    if tx.checkin(checkin.id)?.is_some() {
        checkin.id = CheckInId(crate::desk::fresh::record_id(now).0);
    }
    let ours = ours_checkin(c);
    checkin.supersedes = match keep {
        Keep::Theirs => ours.or(record.supersedes),
        _ if ours == Some(record.id) => None,
        _ => record.supersedes,
    };
    if checkin
        .supersedes
        .is_some_and(|s| tx.checkin(s).ok().flatten().is_none())
    {
        checkin.supersedes = None;
    }
    tx.insert_checkin(&checkin)?;
    tx.append_audit(
        now,
        actor,
        "checkin.add",
        &format!("checkin:{}", checkin.id),
        None,
        Some(&serde_json::json!({ "from_conflict": c.id, "checkin": checkin })),
    )?;
    Ok(())
}
