//! Sync bundles out: a mentor desk's records not yet handed back (or all of them), ready for
//! `exchange` to seal and write.

use chrono::{DateTime, Utc};

use super::identity::require_mentor;
use crate::desk::{Desk, DeskError};
use crate::domain::DeskRole;
use crate::domain::sync::{BundleContent, Record, RecordBody};
use crate::store::StoreError;

/// A bundle to write, with the key that signs it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingBundle {
    pub content: BundleContent,
    pub key: Vec<u8>,
    /// How many records it holds.
    pub records: usize,
    /// For a file name: the mentor's id and when it was made.
    pub made_at: DateTime<Utc>,
}

impl Desk {
    /// The records of this mentor desk not yet handed back (every record with `all`), in
    /// order. Nothing is marked: a bundle can be made again until a receipt says it arrived.
    pub fn bundle_to_export(&mut self, all: bool) -> Result<OutgoingBundle, DeskError> {
        let now = self.now();
        self.store.read(|tx| {
            let stored = tx.desk_identity()?;
            let (mentor, key, key_id, program) = require_mentor(&stored, "exporting a bundle")?;
            let mut records = Vec::new();
            for row in tx.journal(!all)? {
                let body: RecordBody =
                    serde_json::from_str(&row.body).map_err(|e| StoreError::Corrupt {
                        table: "sync_journal",
                        key: row.id.to_string(),
                        problem: e.to_string(),
                    })?;
                let record = Record {
                    id: row.id,
                    seq: row.seq,
                    hash: row.hash,
                    body,
                };
                records.push(
                    serde_json::to_value(&record).map_err(|e| StoreError::Corrupt {
                        table: "sync_journal",
                        key: row.id.to_string(),
                        problem: e.to_string(),
                    })?,
                );
            }
            let count = records.len();
            Ok(OutgoingBundle {
                content: BundleContent {
                    program,
                    desk: stored.device,
                    role: DeskRole::Mentor,
                    mentor,
                    key_id,
                    made_at: now,
                    last_seq: tx.journal_last_seq(stored.device)?,
                    all,
                    records,
                },
                key,
                records: count,
                made_at: now,
            })
        })
    }

    /// Notes that a bundle of `records` records was written (audited): the banner shows when.
    pub fn mark_exported(&mut self, records: usize, file: &str) -> Result<(), DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            tx.set_last_export(now)?;
            tx.append_audit(
                now,
                &actor,
                "sync.export",
                &format!("file:{file}"),
                None,
                Some(&serde_json::json!({ "records": records })),
            )?;
            Ok::<_, DeskError>(())
        })
    }
}
