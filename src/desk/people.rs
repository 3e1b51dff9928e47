//! Learners and mentors: importing a whole file as one change, and listing.

use std::collections::HashMap;

use serde::Serialize;

use chrono::{DateTime, Utc};

use super::{CapacityShortfall, Desk, DeskError, Refusal};
use crate::domain::operation::ImportStep;
use crate::domain::{Learner, LearnerStatus, Mentor, MentorStatus, Operation};
use crate::store::{MentorLoad, TrackRecord};
use crate::store::{StoreError, Tx};

/// What an import did (or would do, on a dry run).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} new, {} updated, {} unchanged",
            self.new, self.updated, self.unchanged
        )
    }
}

/// A mentor with the seats their pairings hold and their track record in this program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorRow {
    pub mentor: Mentor,
    pub load: MentorLoad,
    pub record: TrackRecord,
}

/// What importing needs to know of a kind of person.
trait Importable: Clone + PartialEq + Serialize {
    /// `learner` or `mentor`, for audit actions and subjects.
    const KIND: &'static str;
    fn id(&self) -> &str;
    /// The incoming record with what import never changes (status, join date) kept from
    /// the stored one.
    fn settled(&self, stored: &Self) -> Self;
    /// The incoming record as a newcomer who joins at `now`.
    fn newcomer(&self, now: DateTime<Utc>) -> Self;
    fn stored(tx: &Tx<'_>) -> Result<Vec<Self>, StoreError>;
    fn put(&self, tx: &Tx<'_>, now: DateTime<Utc>) -> Result<(), StoreError>;
}

impl Importable for Learner {
    const KIND: &'static str = "learner";
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn settled(&self, stored: &Self) -> Self {
        Learner {
            status: stored.status,
            joined_at: stored.joined_at,
            ..self.clone()
        }
    }
    fn newcomer(&self, now: DateTime<Utc>) -> Self {
        Learner {
            status: LearnerStatus::Waiting,
            joined_at: now,
            ..self.clone()
        }
    }
    fn stored(tx: &Tx<'_>) -> Result<Vec<Self>, StoreError> {
        tx.learners()
    }
    fn put(&self, tx: &Tx<'_>, now: DateTime<Utc>) -> Result<(), StoreError> {
        tx.put_learner(self, now)
    }
}

impl Importable for Mentor {
    const KIND: &'static str = "mentor";
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn settled(&self, stored: &Self) -> Self {
        Mentor {
            status: stored.status,
            joined_at: stored.joined_at,
            ..self.clone()
        }
    }
    fn newcomer(&self, now: DateTime<Utc>) -> Self {
        Mentor {
            status: MentorStatus::Active,
            joined_at: now,
            ..self.clone()
        }
    }
    fn stored(tx: &Tx<'_>) -> Result<Vec<Self>, StoreError> {
        tx.mentors()
    }
    fn put(&self, tx: &Tx<'_>, now: DateTime<Utc>) -> Result<(), StoreError> {
        tx.put_mentor(self, now)
    }
}

fn snapshot<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Merges `incoming` into the stored people inside `tx`: newcomers join, known ids are
/// updated (one audit row each, with before and after), identical ones are left alone.
fn merge<P: Importable>(
    tx: &Tx<'_>,
    file: &str,
    incoming: &[P],
    dry_run: bool,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ImportSummary, DeskError> {
    let mut stored: HashMap<String, P> = P::stored(tx)?
        .into_iter()
        .map(|p| (p.id().to_string(), p))
        .collect();
    let mut summary = ImportSummary::default();
    let mut newcomers = Vec::new();
    let mut updated = Vec::new();
    for person in incoming {
        match stored.remove(person.id()) {
            None => {
                summary.new += 1;
                newcomers.push(person.id());
                if !dry_run {
                    person.newcomer(now).put(tx, now)?;
                }
            }
            Some(old) => {
                let merged = person.settled(&old);
                if merged == old {
                    summary.unchanged += 1;
                    continue;
                }
                summary.updated += 1;
                if !dry_run {
                    merged.put(tx, now)?;
                    let subject = format!("{}:{}", P::KIND, merged.id());
                    let action = format!("{}.update", P::KIND);
                    let (before, after) = (snapshot(&old), snapshot(&merged));
                    tx.append_audit(now, actor, &action, &subject, Some(&before), Some(&after))?;
                    updated.push((before, after));
                }
            }
        }
    }
    if !dry_run && summary.new + summary.updated > 0 {
        let after = serde_json::json!({"summary": summary, "new": newcomers});
        let action = format!("import.{}s", P::KIND);
        tx.append_audit(
            now,
            actor,
            &action,
            &format!("file:{file}"),
            None,
            Some(&after),
        )?;
        let operation = Operation::Import(ImportStep {
            people: format!("{}s", P::KIND),
            file: file.to_string(),
            new: newcomers.iter().map(|id| id.to_string()).collect(),
            updated,
        });
        super::undo::log_operation(tx, now, actor, &operation)?;
    }
    Ok(summary)
}

impl Desk {
    /// Imports learners read from `file`: new ones join now as waiting; known ones (by id)
    /// are updated but keep their status and join date. All or nothing; audited.
    pub fn import_learners(
        &mut self,
        file: &str,
        incoming: &[Learner],
        dry_run: bool,
    ) -> Result<ImportSummary, DeskError> {
        self.ensure_coordinator("importing learners")?;
        let (now, actor) = (self.now(), self.actor.clone());
        let work = |tx: &Tx<'_>| merge(tx, file, incoming, dry_run, now, &actor);
        if dry_run {
            self.store.read(work)
        } else {
            self.store.write(work)
        }
    }

    /// Imports mentors read from `file`, like [`Desk::import_learners`]. A capacity below the
    /// seats a mentor's pairings already hold is refused.
    pub fn import_mentors(
        &mut self,
        file: &str,
        incoming: &[Mentor],
        dry_run: bool,
    ) -> Result<ImportSummary, DeskError> {
        self.ensure_coordinator("importing mentors")?;
        let (now, actor) = (self.now(), self.actor.clone());
        let work = |tx: &Tx<'_>| {
            let loads: HashMap<_, _> = tx.mentor_loads()?.into_iter().collect();
            let too_small: Vec<CapacityShortfall> = incoming
                .iter()
                .filter_map(|m| {
                    let in_use = loads.get(&m.id)?.seats_in_use;
                    (m.capacity < in_use).then(|| CapacityShortfall {
                        mentor: m.id.clone(),
                        capacity: m.capacity,
                        in_use,
                    })
                })
                .collect();
            if !too_small.is_empty() {
                return Err(Refusal::CapacityBelowLoad {
                    file: file.to_string(),
                    mentors: too_small,
                }
                .into());
            }
            merge(tx, file, incoming, dry_run, now, &actor)
        };
        if dry_run {
            self.store.read(work)
        } else {
            self.store.write(work)
        }
    }

    /// Every learner, by id.
    pub fn learners(&mut self) -> Result<Vec<Learner>, DeskError> {
        Ok(self.store.read(|tx| tx.learners())?)
    }

    /// Every mentor with their load and track record, by id (three queries in one read,
    /// whatever the number of mentors).
    pub fn mentors(&mut self) -> Result<Vec<MentorRow>, DeskError> {
        self.store.read(|tx| {
            let loads: HashMap<_, _> = tx.mentor_loads()?.into_iter().collect();
            let records = tx.track_records()?;
            tx.mentors()?
                .into_iter()
                .map(|mentor| {
                    let load = loads.get(&mentor.id).copied().unwrap_or(MentorLoad {
                        capacity: mentor.capacity,
                        seats_in_use: 0,
                    });
                    let record = records.get(&mentor.id).copied().unwrap_or_default();
                    Ok(MentorRow {
                        mentor,
                        load,
                        record,
                    })
                })
                .collect()
        })
    }

    /// True when the desk holds no people and no pairings.
    pub fn is_empty(&mut self) -> Result<bool, DeskError> {
        Ok(self.store.read(|tx| tx.is_empty())?)
    }
}
