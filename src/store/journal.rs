//! A mentor desk's journal (`sync_journal`): every check-in and milestone change made there,
//! numbered per device, append-only. A receipt marks records handed over (or refused).

use rusqlite::params;

use super::codec::{decode, instant, parse_instant, parse_opt_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{DeviceId, RecordId};

/// One journal entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalRow {
    pub id: RecordId,
    pub origin_device: DeviceId,
    pub seq: u64,
    pub kind: String,
    /// The record body's canonical JSON.
    pub body: String,
    pub hash: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub acked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Why the coordinator's desk refused it, when it did.
    pub rejected: Option<String>,
}

impl Tx<'_> {
    /// Appends a record with the device's next sequence number; returns that number.
    pub fn append_journal(
        &self,
        id: RecordId,
        device: DeviceId,
        kind: &str,
        body: &str,
        hash: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, StoreError> {
        let seq: i64 = self.conn.query_row(
            "SELECT coalesce(max(seq), 0) + 1 FROM sync_journal WHERE origin_device = ?1",
            [device.to_string()],
            |r| r.get(0),
        )?;
        self.conn.execute(
            "INSERT INTO sync_journal (id, origin_device, seq, kind, body, hash, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id.to_string(),
                device.to_string(),
                seq,
                kind,
                body,
                hash,
                instant(at)
            ],
        )?;
        decode("sync_journal", &id.to_string(), u64::try_from(seq))
    }

    /// Journal entries by sequence: all of them, or only those not yet handed over (neither
    /// acknowledged nor refused).
    pub fn journal(&self, pending_only: bool) -> Result<Vec<JournalRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, origin_device, seq, kind, body, hash, recorded_at, acked_at, rejected
             FROM sync_journal
             WHERE NOT ?1 OR (acked_at IS NULL AND rejected IS NULL)
             ORDER BY origin_device, seq",
        )?;
        let rows = stmt.query_map([pending_only], |r| {
            Ok((
                [
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ],
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let t = "sync_journal";
        let mut out = Vec::new();
        for row in rows {
            let ([id, device, kind, body, hash, at], seq, acked, rejected) = row?;
            out.push(JournalRow {
                id: decode(t, &id, RecordId::parse(&id))?,
                origin_device: decode(t, &id, DeviceId::parse(&device))?,
                seq: decode(t, &id, u64::try_from(seq))?,
                kind,
                body,
                hash,
                recorded_at: parse_instant(t, &id, &at)?,
                acked_at: parse_opt_instant(t, &id, acked)?,
                rejected,
            });
        }
        Ok(out)
    }

    /// The highest sequence number a device has given (0 before its first record).
    pub fn journal_last_seq(&self, device: DeviceId) -> Result<u64, StoreError> {
        let seq: i64 = self.conn.query_row(
            "SELECT coalesce(max(seq), 0) FROM sync_journal WHERE origin_device = ?1",
            [device.to_string()],
            |r| r.get(0),
        )?;
        decode("sync_journal", "seq", u64::try_from(seq))
    }

    /// Marks a record handed over; false when the journal has no such record.
    pub fn ack_journal(
        &self,
        id: RecordId,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE sync_journal SET acked_at = coalesce(acked_at, ?2), rejected = NULL
             WHERE id = ?1",
            params![id.to_string(), instant(at)],
        )? > 0)
    }

    /// Marks a record refused by the coordinator's desk, with the reason.
    pub fn reject_journal(&self, id: RecordId, reason: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE sync_journal SET rejected = ?2 WHERE id = ?1 AND acked_at IS NULL",
            params![id.to_string(), reason],
        )? > 0)
    }
}
