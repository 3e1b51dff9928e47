//! The keys a coordinator's desk made for mentor desks (`mentor_keys`): at most one in use per
//! mentor; a revoked key is kept so a bundle signed with it can be named as such.

use rusqlite::{OptionalExtension, Row, params};

use super::codec::{decode, instant, parse_instant, parse_opt_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::MentorId;

/// A mentor desk's key as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredKey {
    pub key_id: String,
    pub mentor: MentorId,
    pub secret: Vec<u8>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

const COLUMNS: &str = "key_id, mentor, secret, created_at, revoked_at";

type RawKey = (String, String, Vec<u8>, String, Option<String>);

fn raw(row: &Row<'_>) -> rusqlite::Result<RawKey> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

fn key_from(raw: RawKey) -> Result<StoredKey, StoreError> {
    let (key_id, mentor, secret, created, revoked) = raw;
    let t = "mentor_keys";
    Ok(StoredKey {
        mentor: decode(t, &key_id, MentorId::parse(&mentor))?,
        secret,
        created_at: parse_instant(t, &key_id, &created)?,
        revoked_at: parse_opt_instant(t, &key_id, revoked)?,
        key_id,
    })
}

impl Tx<'_> {
    pub fn insert_mentor_key(&self, key: &StoredKey) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO mentor_keys (key_id, mentor, secret, created_at, revoked_at)
             VALUES (?1, ?2, ?3, ?4, NULL)",
            params![
                key.key_id,
                key.mentor.as_str(),
                key.secret,
                instant(key.created_at)
            ],
        )?;
        Ok(())
    }

    /// The key in use for a mentor's desk, if one was made and not revoked.
    pub fn mentor_key_in_use(&self, mentor: &MentorId) -> Result<Option<StoredKey>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM mentor_keys WHERE mentor = ?1 AND revoked_at IS NULL"
        ))?;
        stmt.query_row([mentor.as_str()], raw)
            .optional()?
            .map(key_from)
            .transpose()
    }

    /// A key by its public id, revoked or not.
    pub fn mentor_key(&self, key_id: &str) -> Result<Option<StoredKey>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM mentor_keys WHERE key_id = ?1"
        ))?;
        stmt.query_row([key_id], raw)
            .optional()?
            .map(key_from)
            .transpose()
    }

    /// Revokes the key in use for a mentor; false when there was none.
    pub fn revoke_mentor_key(
        &self,
        mentor: &MentorId,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE mentor_keys SET revoked_at = ?2 WHERE mentor = ?1 AND revoked_at IS NULL",
            params![mentor.as_str(), instant(at)],
        )? > 0)
    }
}
