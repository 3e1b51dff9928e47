//! Reading the audit trail as a person reads it: each entry's subject named in full (ids with
//! the people's names) and the change in words ("weights: topic 30 → 40", "declined: learner
//! asked for a woman mentor").
//!
//! Owns: the filtered read and naming the subjects. The words of a change are in
//! `audit_words`. May use: `domain`, `store`.

use std::collections::HashMap;

use serde::Serialize;

use super::audit_words::describe;
use super::{Desk, DeskError};
use crate::domain::text::clean_line;
use crate::domain::{AuditEntry, AuditFilter, LearnerId, MentorId, PairingId};
use crate::store::Tx;

/// One audit entry for people: the entry, its subject named, its change in words. As JSON,
/// the entry's own fields with `subject_named` and `change` beside them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditLine {
    #[serde(flatten)]
    pub entry: AuditEntry,
    /// The whole subject with names: `pairing 12: Ana Ruiz (L001) → Sam Lee (M003)`.
    #[serde(rename = "subject_named")]
    pub subject: String,
    /// What changed, in words: `weights: topic 30 → 40`.
    pub change: String,
}

impl Desk {
    /// Audit entries, newest first.
    pub fn audit(&mut self, limit: u32) -> Result<Vec<AuditEntry>, DeskError> {
        Ok(self.store.read(|tx| tx.audit_entries(limit))?)
    }

    /// The entries `filter` picks, newest first, each with its subject named and its change
    /// in words.
    pub fn audit_trail(&mut self, filter: &AuditFilter) -> Result<Vec<AuditLine>, DeskError> {
        self.store.read(|tx| {
            let entries = tx.audit_filtered(filter)?;
            let mut names = Names::new(tx);
            entries
                .into_iter()
                .map(|entry| {
                    Ok(AuditLine {
                        subject: names.subject(&entry.subject)?,
                        change: describe(&entry),
                        entry,
                    })
                })
                .collect()
        })
    }

    /// One audit entry with its subject named, or `None` when there is no such id.
    pub fn audit_line(&mut self, id: i64) -> Result<Option<AuditLine>, DeskError> {
        self.store.read(|tx| {
            let Some(entry) = tx.audit_entry(id)? else {
                return Ok(None);
            };
            Ok(Some(AuditLine {
                subject: Names::new(tx).subject(&entry.subject)?,
                change: describe(&entry),
                entry,
            }))
        })
    }
}

/// Looks up the people a subject names, once each.
struct Names<'t, 'c> {
    tx: &'t Tx<'c>,
    learners: HashMap<String, Option<String>>,
    mentors: HashMap<String, Option<String>>,
}

impl<'t, 'c> Names<'t, 'c> {
    fn new(tx: &'t Tx<'c>) -> Self {
        Names {
            tx,
            learners: HashMap::new(),
            mentors: HashMap::new(),
        }
    }

    /// `Ana Ruiz (L001)`, or the bare id when the learner is no longer in the desk.
    fn learner(&mut self, id: &str) -> Result<String, DeskError> {
        if !self.learners.contains_key(id) {
            let name = match LearnerId::parse(id) {
                Ok(parsed) => self.tx.learner(&parsed)?.map(|l| clean_line(&l.name)),
                Err(_) => None,
            };
            self.learners.insert(id.to_string(), name);
        }
        Ok(named(self.learners.get(id).cloned().flatten(), id))
    }

    fn mentor(&mut self, id: &str) -> Result<String, DeskError> {
        if !self.mentors.contains_key(id) {
            let name = match MentorId::parse(id) {
                Ok(parsed) => self.tx.mentor(&parsed)?.map(|m| clean_line(&m.name)),
                Err(_) => None,
            };
            self.mentors.insert(id.to_string(), name);
        }
        Ok(named(self.mentors.get(id).cloned().flatten(), id))
    }

    /// The subject in full: its kind, its id, and the people it is about.
    fn subject(&mut self, subject: &str) -> Result<String, DeskError> {
        let subject = clean_line(subject);
        let Some((kind, id)) = subject.split_once(':') else {
            return Ok(subject);
        };
        Ok(match kind {
            "learner" => format!("learner {}", self.learner(id)?),
            "mentor" => format!("mentor {}", self.mentor(id)?),
            "pair" => match id.split_once('/') {
                Some((learner, mentor)) => {
                    format!("{} / {}", self.learner(learner)?, self.mentor(mentor)?)
                }
                None => subject.clone(),
            },
            "pairing" => match id.parse::<i64>().ok().map(PairingId) {
                Some(pairing) => match self.tx.pairing(pairing)? {
                    Some(p) => format!(
                        "pairing {id}: {} → {}",
                        self.learner(p.learner.as_str())?,
                        self.mentor(p.mentor.as_str())?
                    ),
                    None => format!("pairing {id} (no longer in the desk)"),
                },
                None => subject.clone(),
            },
            "weight" => format!("weight {id}"),
            "setting" => format!("setting {id}"),
            "file" => format!("file {id}"),
            "batch" => format!("batch {id}"),
            "operation" => format!("decision #{id}"),
            _ => format!("{kind} {id}"),
        })
    }
}

fn named(name: Option<String>, id: &str) -> String {
    match name {
        Some(name) if !name.is_empty() => format!("{name} ({id})"),
        _ => id.to_string(),
    }
}
