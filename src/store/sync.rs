//! What a coordinator's desk keeps of the bundles it imported: each import with its counts
//! (`sync_imports`), every version of every record received (`sync_received`), conflicts with
//! both versions (`sync_conflicts`) and records refused with the reason (`sync_rejections`).

use rusqlite::{OptionalExtension, params};

use super::codec::{decode, instant, parse_instant, parse_opt_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{DeviceId, MentorId, RecordId};

/// One bundle imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImport {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub file: String,
    pub bundle_sha256: String,
    pub mentor: MentorId,
    pub origin_device: DeviceId,
    /// new, already had, conflicts, missing, rejected
    pub counts: [u64; 5],
}

/// One version of one record, as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedRecord {
    pub record_id: RecordId,
    pub hash: String,
    pub origin_device: DeviceId,
    pub seq: u64,
    pub mentor: MentorId,
    pub kind: String,
    pub body: String,
    /// `applied`, `conflict` or `waiting`.
    pub outcome: String,
    pub import: i64,
}

/// Two versions that cannot both stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConflict {
    pub id: i64,
    pub import: i64,
    pub record_id: RecordId,
    pub kind: String,
    pub subject: String,
    pub reason: String,
    /// JSON of the desk's version.
    pub ours: String,
    /// JSON of the incoming version.
    pub theirs: String,
    pub resolved: Option<String>,
    pub resolved_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A record refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRejection {
    pub import: i64,
    pub record_id: String,
    pub origin_device: DeviceId,
    pub seq: u64,
    pub reason: String,
}

fn u64_of(table: &'static str, key: &str, n: i64) -> Result<u64, StoreError> {
    decode(table, key, u64::try_from(n))
}

impl Tx<'_> {
    /// Starts an import row (its counts are filled in by [`Tx::finish_import`]).
    pub fn insert_import(
        &self,
        at: chrono::DateTime<chrono::Utc>,
        file: &str,
        bundle_sha256: &str,
        mentor: &MentorId,
        origin_device: DeviceId,
        last_seq: u64,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO sync_imports (at, file, bundle_sha256, mentor, origin_device, last_seq,
                                       new, already_had, conflicts, missing, rejected)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, 0, 0, 0)",
            params![
                instant(at),
                file,
                bundle_sha256,
                mentor.as_str(),
                origin_device.to_string(),
                last_seq as i64
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_import(&self, id: i64, counts: [u64; 5]) -> Result<(), StoreError> {
        let [new, had, conflicts, missing, rejected] = counts.map(|n| n as i64);
        self.conn.execute(
            "UPDATE sync_imports SET new = ?2, already_had = ?3, conflicts = ?4, missing = ?5,
                    rejected = ?6 WHERE id = ?1",
            params![id, new, had, conflicts, missing, rejected],
        )?;
        Ok(())
    }

    /// Imports, newest first.
    pub fn imports(&self, limit: u32) -> Result<Vec<StoredImport>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, file, bundle_sha256, mentor, origin_device, new, already_had,
                    conflicts, missing, rejected
             FROM sync_imports ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ],
                [
                    r.get::<_, i64>(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ],
            ))
        })?;
        let t = "sync_imports";
        let mut out = Vec::new();
        for row in rows {
            let (id, [at, file, sha, mentor, device], counts) = row?;
            let key = id.to_string();
            let mut parsed = [0u64; 5];
            for (slot, n) in parsed.iter_mut().zip(counts) {
                *slot = u64_of(t, &key, n)?;
            }
            out.push(StoredImport {
                id,
                at: parse_instant(t, &key, &at)?,
                file,
                bundle_sha256: sha,
                mentor: decode(t, &key, MentorId::parse(&mentor))?,
                origin_device: decode(t, &key, DeviceId::parse(&device))?,
                counts: parsed,
            });
        }
        Ok(out)
    }

    pub fn insert_received(&self, r: &ReceivedRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sync_received (record_id, hash, origin_device, seq, mentor, kind, body,
                                        outcome, import)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                r.record_id.to_string(),
                r.hash,
                r.origin_device.to_string(),
                r.seq as i64,
                r.mentor.as_str(),
                r.kind,
                r.body,
                r.outcome,
                r.import
            ],
        )?;
        Ok(())
    }

    pub fn set_received_outcome(
        &self,
        record_id: RecordId,
        hash: &str,
        outcome: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sync_received SET outcome = ?3 WHERE record_id = ?1 AND hash = ?2",
            params![record_id.to_string(), hash, outcome],
        )?;
        Ok(())
    }

    fn received_where(&self, filter: &str, param: &str) -> Result<Vec<ReceivedRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT record_id, hash, origin_device, seq, mentor, kind, body, outcome, import
             FROM sync_received WHERE {filter} ORDER BY origin_device, seq"
        ))?;
        let rows = stmt.query_map([param], |r| {
            Ok((
                [
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ],
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(8)?,
            ))
        })?;
        let t = "sync_received";
        let mut out = Vec::new();
        for row in rows {
            let ([id, hash, device, mentor, kind, body, outcome], seq, import) = row?;
            out.push(ReceivedRecord {
                record_id: decode(t, &id, RecordId::parse(&id))?,
                hash,
                origin_device: decode(t, &id, DeviceId::parse(&device))?,
                seq: u64_of(t, &id, seq)?,
                mentor: decode(t, &id, MentorId::parse(&mentor))?,
                kind,
                body,
                outcome,
                import,
            });
        }
        Ok(out)
    }

    /// Every version of every record received, by device and sequence.
    pub fn received_all(&self) -> Result<Vec<ReceivedRecord>, StoreError> {
        self.received_where("?1 = ?1", "")
    }

    /// Every version received of one record.
    pub fn received_versions(&self, id: RecordId) -> Result<Vec<ReceivedRecord>, StoreError> {
        self.received_where("record_id = ?1", &id.to_string())
    }

    /// Records waiting for what they change to arrive.
    pub fn waiting_records(&self) -> Result<Vec<ReceivedRecord>, StoreError> {
        self.received_where("outcome = ?1", "waiting")
    }

    /// The record that holds a device's sequence number, if any was received or refused.
    pub fn seq_holder(&self, device: DeviceId, seq: u64) -> Result<Option<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT record_id FROM sync_received WHERE origin_device = ?1 AND seq = ?2
             UNION ALL
             SELECT record_id FROM sync_rejections WHERE origin_device = ?1 AND seq = ?2
             LIMIT 1",
        )?;
        Ok(stmt
            .query_row(params![device.to_string(), seq as i64], |r| r.get(0))
            .optional()?)
    }

    /// Every sequence number of a device this desk received or refused, ascending, without
    /// repeats.
    pub fn seqs_of_device(&self, device: DeviceId) -> Result<Vec<u64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq FROM sync_received WHERE origin_device = ?1
             UNION
             SELECT seq FROM sync_rejections WHERE origin_device = ?1
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([device.to_string()], |r| r.get::<_, i64>(0))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(u64_of("sync_received", "seq", row?)?);
        }
        Ok(out)
    }

    /// Each mentor desk bundles came from, with its mentor and the highest sequence number
    /// it said it had given.
    pub fn devices_seen(&self) -> Result<Vec<(DeviceId, MentorId, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT origin_device, mentor, max(last_seq) FROM sync_imports
             GROUP BY origin_device, mentor ORDER BY mentor, origin_device",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let t = "sync_imports";
        let mut out = Vec::new();
        for row in rows {
            let (device, mentor, last) = row?;
            out.push((
                decode(t, &device, DeviceId::parse(&device))?,
                decode(t, &device, MentorId::parse(&mentor))?,
                u64_of(t, &device, last)?,
            ));
        }
        Ok(out)
    }

    pub fn insert_conflict(&self, c: &StoredConflict) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO sync_conflicts (import, record_id, kind, subject, reason, ours, theirs)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                c.import,
                c.record_id.to_string(),
                c.kind,
                c.subject,
                c.reason,
                c.ours,
                c.theirs
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Conflicts by id: the open ones, or all.
    pub fn conflicts(&self, open_only: bool) -> Result<Vec<StoredConflict>, StoreError> {
        self.conflicts_where("WHERE NOT ?1 OR resolved IS NULL", i64::from(open_only))
    }

    pub fn conflict(&self, id: i64) -> Result<Option<StoredConflict>, StoreError> {
        Ok(self.conflicts_where("WHERE id = ?1", id)?.pop())
    }

    fn conflicts_where(&self, filter: &str, param: i64) -> Result<Vec<StoredConflict>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, import, record_id, kind, subject, reason, ours, theirs, resolved,
                    resolved_at
             FROM sync_conflicts {filter} ORDER BY id"
        ))?;
        let rows = stmt.query_map([param], |r| {
            Ok((
                [r.get::<_, i64>(0)?, r.get(1)?],
                [
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ],
                [r.get::<_, Option<String>>(8)?, r.get(9)?],
            ))
        })?;
        let t = "sync_conflicts";
        let mut out = Vec::new();
        for row in rows {
            let ([id, import], [record, kind, subject, reason, ours, theirs], [resolved, at]) =
                row?;
            let key = id.to_string();
            out.push(StoredConflict {
                id,
                import,
                record_id: decode(t, &key, RecordId::parse(&record))?,
                kind,
                subject,
                reason,
                ours,
                theirs,
                resolved,
                resolved_at: parse_opt_instant(t, &key, at)?,
            });
        }
        Ok(out)
    }

    pub fn resolve_conflict(
        &self,
        id: i64,
        keep: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sync_conflicts SET resolved = ?2, resolved_at = ?3 WHERE id = ?1",
            params![id, keep, instant(at)],
        )?;
        Ok(())
    }

    pub fn insert_rejection(&self, r: &StoredRejection) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sync_rejections (import, record_id, origin_device, seq, reason)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                r.import,
                r.record_id,
                r.origin_device.to_string(),
                r.seq as i64,
                r.reason
            ],
        )?;
        Ok(())
    }

    /// Refused records, newest import first.
    pub fn rejections(&self, limit: u32) -> Result<Vec<StoredRejection>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT import, record_id, origin_device, seq, reason FROM sync_rejections
             ORDER BY import DESC, seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let t = "sync_rejections";
        let mut out = Vec::new();
        for row in rows {
            let (import, record_id, device, seq, reason) = row?;
            out.push(StoredRejection {
                import,
                origin_device: decode(t, &record_id, DeviceId::parse(&device))?,
                seq: u64_of(t, &record_id, seq)?,
                record_id,
                reason,
            });
        }
        Ok(out)
    }
}
