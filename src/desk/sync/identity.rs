//! Which desk this is: its device id, its role and, on a mentor desk, whose it is.

use chrono::{DateTime, Utc};

use super::SyncError;
use crate::desk::{Desk, DeskError};
use crate::domain::{DeskRole, DeviceId, MentorId};
use crate::store::{StoredIdentity, Tx};

/// This desk, as the faces show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskIdentity {
    pub device: DeviceId,
    pub role: DeskRole,
    /// On a mentor desk: whose it is.
    pub mentor: Option<MentorId>,
    pub mentor_name: Option<String>,
    /// On a mentor desk: the program's name and the coordinator desk its pack came from.
    pub program: Option<String>,
    pub program_desk: Option<DeviceId>,
    pub pack_made_at: Option<DateTime<Utc>>,
    pub last_export_at: Option<DateTime<Utc>>,
}

pub(super) fn load(tx: &Tx<'_>) -> Result<(StoredIdentity, DeskIdentity), DeskError> {
    let stored = tx.desk_identity()?;
    let mentor_name = match &stored.mentor {
        Some(id) => tx.mentor(id)?.map(|m| m.name),
        None => None,
    };
    let identity = DeskIdentity {
        device: stored.device,
        role: stored.role,
        mentor: stored.mentor.clone(),
        mentor_name,
        program: stored.program_name.clone(),
        program_desk: stored.program_desk,
        pack_made_at: stored.pack_made_at,
        last_export_at: stored.last_export_at,
    };
    Ok((stored, identity))
}

/// Refuses `what` on a mentor desk.
pub(super) fn require_coordinator(
    stored: &StoredIdentity,
    what: &'static str,
) -> Result<(), DeskError> {
    match (&stored.role, &stored.mentor) {
        (DeskRole::Mentor, Some(mentor)) => Err(SyncError::MentorDesk {
            mentor: mentor.clone(),
            what,
        }
        .into()),
        _ => Ok(()),
    }
}

/// Refuses `what` on a coordinator's desk; returns the mentor and the desk key.
pub(super) fn require_mentor(
    stored: &StoredIdentity,
    what: &'static str,
) -> Result<(MentorId, Vec<u8>, String, DeviceId), DeskError> {
    match (
        &stored.mentor,
        &stored.desk_key,
        &stored.key_id,
        stored.program_desk,
    ) {
        (Some(mentor), Some(key), Some(key_id), Some(program))
            if stored.role == DeskRole::Mentor =>
        {
            Ok((mentor.clone(), key.clone(), key_id.clone(), program))
        }
        _ => Err(SyncError::CoordinatorDesk { what }.into()),
    }
}

impl Desk {
    /// This desk's identity: device id, role and, on a mentor desk, the mentor.
    pub fn identity(&mut self) -> Result<DeskIdentity, DeskError> {
        Ok(self.store.read(load)?.1)
    }

    /// Refuses `what` when this is a mentor desk (approving, planning, importing people and
    /// the like happen on the coordinator's desk).
    pub fn ensure_coordinator(&mut self, what: &'static str) -> Result<(), DeskError> {
        let stored = self
            .store
            .read(|tx| Ok::<_, DeskError>(tx.desk_identity()?))?;
        require_coordinator(&stored, what)
    }
}
