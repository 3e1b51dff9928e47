//! What the Sync view and `sync status` show: on the coordinator's desk the imports with their
//! counts, open conflicts, gaps and refused records; on a mentor desk the records not yet
//! handed back and the last export.

use chrono::{DateTime, Utc};

use super::bundle_in::{Gap, gaps_of};
use super::identity::DeskIdentity;
use crate::desk::{Desk, DeskError};
use crate::domain::{DeviceId, MentorId, RecordId};

/// How many imports and refusals the status lists.
const LISTED: u32 = 50;

/// One bundle imported, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncImport {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub file: String,
    pub mentor: MentorId,
    pub device: DeviceId,
    pub new: u64,
    pub already_had: u64,
    pub conflicts: u64,
    pub missing: u64,
    pub rejected: u64,
}

/// A record refused at import, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRejection {
    pub import: i64,
    pub record: String,
    pub device: DeviceId,
    pub seq: u64,
    pub reason: String,
}

/// One record of a mentor desk's journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    pub id: RecordId,
    pub seq: u64,
    /// `checkin` or `milestone`.
    pub kind: String,
    pub recorded_at: DateTime<Utc>,
    pub handed_over_at: Option<DateTime<Utc>>,
    /// Why the coordinator's desk refused it.
    pub refused: Option<String>,
}

/// The state of handing records over, for either kind of desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncStatus {
    pub identity: DeskIdentity,
    /// Mentor desk: records not yet handed back.
    pub pending: usize,
    /// Mentor desk: records refused by the coordinator's desk (kept, with the reason).
    pub refused: Vec<(String, String)>,
    /// Coordinator desk: the latest imports, newest first.
    pub imports: Vec<SyncImport>,
    pub open_conflicts: usize,
    pub gaps: Vec<Gap>,
    pub rejected: Vec<SyncRejection>,
}

impl Desk {
    /// Records not yet handed back, the last export, imports, conflicts, gaps and refusals.
    pub fn sync_status(&mut self) -> Result<SyncStatus, DeskError> {
        let identity = self.identity()?;
        let gaps = self.sync_gaps()?;
        let imports = self.sync_imports()?;
        let rejected = self.sync_rejections()?;
        self.store.read(|tx| {
            let journal = tx.journal(false)?;
            let pending = journal
                .iter()
                .filter(|r| r.acked_at.is_none() && r.rejected.is_none())
                .count();
            let refused = journal
                .iter()
                .filter_map(|r| r.rejected.clone().map(|why| (r.id.to_string(), why)))
                .collect();
            Ok(SyncStatus {
                identity,
                pending,
                refused,
                imports,
                open_conflicts: tx.conflicts(true)?.len(),
                gaps,
                rejected,
            })
        })
    }

    /// Mentor desk: every record of this desk's journal, in order.
    pub fn journal_entries(&mut self) -> Result<Vec<JournalEntry>, DeskError> {
        let rows = self.store.read(|tx| tx.journal(false))?;
        Ok(rows
            .into_iter()
            .map(|r| JournalEntry {
                id: r.id,
                seq: r.seq,
                kind: r.kind,
                recorded_at: r.recorded_at,
                handed_over_at: r.acked_at,
                refused: r.rejected,
            })
            .collect())
    }

    /// Coordinator desk: what became of each record received (`applied`, `conflict`,
    /// `waiting` or `rejected`), one entry per version, by device and sequence.
    pub fn sync_record_outcomes(&mut self) -> Result<Vec<(RecordId, String)>, DeskError> {
        let rows = self.store.read(|tx| tx.received_all())?;
        Ok(rows.into_iter().map(|r| (r.record_id, r.outcome)).collect())
    }

    /// The latest bundles imported, newest first.
    pub fn sync_imports(&mut self) -> Result<Vec<SyncImport>, DeskError> {
        let stored = self.store.read(|tx| tx.imports(LISTED))?;
        Ok(stored
            .into_iter()
            .map(|i| {
                let [new, already_had, conflicts, missing, rejected] = i.counts;
                SyncImport {
                    id: i.id,
                    at: i.at,
                    file: i.file,
                    mentor: i.mentor,
                    device: i.origin_device,
                    new,
                    already_had,
                    conflicts,
                    missing,
                    rejected,
                }
            })
            .collect())
    }

    /// Records missing from each mentor desk's numbering, as of now.
    pub fn sync_gaps(&mut self) -> Result<Vec<Gap>, DeskError> {
        self.store.read(|tx| {
            let mut gaps = Vec::new();
            for (device, mentor, last) in tx.devices_seen()? {
                let name = tx
                    .mentor(&mentor)?
                    .map_or_else(|| mentor.to_string(), |m| m.name);
                gaps.extend(gaps_of(tx, device, &mentor, &name, last)?);
            }
            Ok(gaps)
        })
    }

    /// Records refused at import, newest import first.
    pub fn sync_rejections(&mut self) -> Result<Vec<SyncRejection>, DeskError> {
        let stored = self.store.read(|tx| tx.rejections(LISTED))?;
        Ok(stored
            .into_iter()
            .map(|r| SyncRejection {
                import: r.import,
                record: r.record_id,
                device: r.origin_device,
                seq: r.seq,
                reason: r.reason,
            })
            .collect())
    }
}
