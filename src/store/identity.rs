//! This desk's identity (`desk_identity`, one row): its device id, its role, and for a mentor
//! desk the mentor, the program and the key its bundles are signed with. Also schema 4's
//! hook, which names every existing pairing and milestone with a UUIDv7 and gives the desk its
//! device id.

use rusqlite::{Transaction, params};

use super::codec::{decode, instant, parse_opt_instant};
use super::error::StoreError;
use super::tx::{Tx, TxContext};
use crate::domain::{Author, DeskRole, DeviceId, MentorId, PairingUid};

/// The identity row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredIdentity {
    pub device: DeviceId,
    pub role: DeskRole,
    pub mentor: Option<MentorId>,
    pub program_desk: Option<DeviceId>,
    pub program_name: Option<String>,
    pub desk_key: Option<Vec<u8>>,
    pub key_id: Option<String>,
    pub pack_made_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_export_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl StoredIdentity {
    /// Who writes on this desk, and whether it keeps a journal.
    pub fn context(&self) -> TxContext {
        match (&self.role, &self.mentor) {
            (DeskRole::Mentor, Some(mentor)) => TxContext {
                author: Author::Mentor(mentor.clone()),
                journal: Some(self.device),
            },
            _ => TxContext::default(),
        }
    }
}

/// Random bits for a UUIDv7 with the RFC 9562 variant in place.
fn uuid_bits() -> u128 {
    (fastrand::u128(..) & !(0b11 << 62)) | (0b10 << 62)
}

fn millis_of(raw: &str) -> u64 {
    chrono::DateTime::parse_from_rfc3339(raw)
        .ok()
        .and_then(|t| u64::try_from(t.timestamp_millis()).ok())
        .unwrap_or(0)
}

/// Schema 4's hook: a UUIDv7 for every pairing and milestone (time-ordered by when each was
/// created) and a fresh device id for the desk.
pub(super) fn name_rows_and_desk(tx: &Transaction<'_>) -> rusqlite_migration::HookResult {
    for table in ["pairings", "milestones"] {
        let rows: Vec<(i64, String)> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT id, created_at FROM {table} WHERE uid LIKE 'pending:%'"
            ))?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        let mut update = tx.prepare(&format!("UPDATE {table} SET uid = ?2 WHERE id = ?1"))?;
        for (id, created) in rows {
            let uid = PairingUid::new_at(millis_of(&created), uuid_bits());
            update.execute(params![id, uid.to_string()])?;
        }
    }
    let now = u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0);
    let device = DeviceId::new_at(now, uuid_bits());
    tx.execute(
        "UPDATE desk_identity SET device = ?1 WHERE one = 1",
        [device.to_string()],
    )?;
    Ok(())
}

impl Tx<'_> {
    pub fn desk_identity(&self) -> Result<StoredIdentity, StoreError> {
        let t = "desk_identity";
        let row = self.conn.query_row(
            "SELECT device, role, mentor, program_desk, program_name, desk_key, key_id,
                    pack_made_at, last_export_at
             FROM desk_identity WHERE one = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<Vec<u8>>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            },
        )?;
        let (device, role, mentor, program_desk, program_name, key, key_id, made, exported) = row;
        Ok(StoredIdentity {
            device: decode(t, "device", DeviceId::parse(&device))?,
            role: decode(t, "role", role.parse())?,
            mentor: mentor
                .map(|m| decode(t, "mentor", MentorId::parse(&m)))
                .transpose()?,
            program_desk: program_desk
                .map(|d| decode(t, "program_desk", DeviceId::parse(&d)))
                .transpose()?,
            program_name,
            desk_key: key,
            key_id,
            pack_made_at: parse_opt_instant(t, "pack_made_at", made)?,
            last_export_at: parse_opt_instant(t, "last_export_at", exported)?,
        })
    }

    /// Makes this desk a mentor desk (or refreshes one) from a pack.
    pub fn set_mentor_identity(
        &self,
        mentor: &MentorId,
        program_desk: DeviceId,
        program_name: &str,
        key: &[u8],
        key_id: &str,
        pack_made_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE desk_identity SET role = 'mentor', mentor = ?1, program_desk = ?2,
                    program_name = ?3, desk_key = ?4, key_id = ?5, pack_made_at = ?6
             WHERE one = 1",
            params![
                mentor.as_str(),
                program_desk.to_string(),
                program_name,
                key,
                key_id,
                instant(pack_made_at)
            ],
        )?;
        Ok(())
    }

    pub fn set_last_export(&self, at: chrono::DateTime<chrono::Utc>) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE desk_identity SET last_export_at = ?1 WHERE one = 1",
            [instant(at)],
        )?;
        Ok(())
    }
}
