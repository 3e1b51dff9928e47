//! Erasure requests (`mentordesk forget learner|mentor ID`): the person's personal data and
//! every word about them blanked in one transaction, the rows and counts kept so the
//! program's numbers stay true, one audit entry that names no erased content, then the file
//! rewritten so not one byte of it is left on disk.
//!
//! Owns: when an erasure is refused and the order of the steps. May use: `domain`, `store`.

use serde::Serialize;

use super::{Desk, DeskError, Refusal, Subject};
use crate::domain::erasure::needles;
use crate::domain::{LearnerId, MentorId, PairingId, PairingStatus};
use crate::store::{ErasedRows, PersonKind};

/// An erasure done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forgotten {
    pub kind: PersonKind,
    pub id: String,
    pub rows: ErasedRows,
    /// False when another desk kept the WAL open, so old pages may stay in it until that
    /// desk closes (the database file itself holds none).
    pub wal_emptied: bool,
}

impl Desk {
    /// Erases a learner's personal data. Refused while they hold an active or paused
    /// pairing (end it first), or when they were erased already. Audited as `forget.learner`.
    pub fn forget_learner(&mut self, id: &LearnerId) -> Result<Forgotten, DeskError> {
        self.ensure_coordinator("erasing a person's data")?;
        let learner = self
            .store
            .read(|tx| tx.learner(id))?
            .ok_or_else(|| DeskError::not_found(Subject::Learner, id))?;
        let words = [
            learner.name.as_str(),
            learner.email.as_deref().unwrap_or(""),
        ];
        self.forget(PersonKind::Learner, id.as_str(), &needles(words))
    }

    /// Erases a mentor's personal data, as [`Desk::forget_learner`].
    pub fn forget_mentor(&mut self, id: &MentorId) -> Result<Forgotten, DeskError> {
        self.ensure_coordinator("erasing a person's data")?;
        let mentor = self
            .store
            .read(|tx| tx.mentor(id))?
            .ok_or_else(|| DeskError::not_found(Subject::Mentor, id))?;
        let words = [mentor.name.as_str(), mentor.email.as_deref().unwrap_or("")];
        self.forget(PersonKind::Mentor, id.as_str(), &needles(words))
    }

    fn forget(
        &mut self,
        kind: PersonKind,
        id: &str,
        needles: &[String],
    ) -> Result<Forgotten, DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.set_secure_delete(true)?;
        let written = self.store.write(|tx| {
            if tx.erased_at(kind, id)?.is_some() {
                return Err(Refusal::AlreadyErased {
                    kind: kind.as_str(),
                    id: id.to_string(),
                }
                .into());
            }
            let open: Vec<(PairingId, PairingStatus)> = tx
                .all_pairings()?
                .into_iter()
                .filter(|p| match kind {
                    PersonKind::Learner => p.learner.as_str() == id,
                    PersonKind::Mentor => p.mentor.as_str() == id,
                })
                .filter(|p| matches!(p.status, PairingStatus::Active | PairingStatus::Paused))
                .map(|p| (p.id, p.status))
                .collect();
            if !open.is_empty() {
                return Err(Refusal::ForgetWithOpenPairing {
                    kind: kind.as_str(),
                    id: id.to_string(),
                    pairings: open,
                }
                .into());
            }
            let rows = tx.erase_person(kind, id, needles, now)?;
            tx.append_audit(
                now,
                &actor,
                &format!("forget.{}", kind.as_str()),
                &format!("{}:{id}", kind.as_str()),
                None,
                Some(&serde_json::to_value(rows).unwrap_or_default()),
            )?;
            Ok::<_, DeskError>(rows)
        });
        let rows = match written {
            Ok(rows) => rows,
            Err(e) => {
                self.store.set_secure_delete(false)?;
                return Err(e);
            }
        };
        let wal_emptied = self.store.rewrite_file();
        self.store.set_secure_delete(false)?;
        Ok(Forgotten {
            kind,
            id: id.to_string(),
            rows,
            wal_emptied: wal_emptied?,
        })
    }
}
