//! The SQLite file: schema, migrations, queries, and the transaction discipline.
//!
//! Owns: every line of SQL and the only use of rusqlite in the crate. May use: `domain`.
//! Callers see [`Store`], [`Tx`] and [`StoreError`]; rusqlite types never leave this module.

mod access;
mod codec;
mod damage;
mod error;
mod lock_wait;
mod open;
mod schema;
mod tx;

mod audit;
mod backup;
mod checkins;
mod concerns;
mod erase;
mod exclusions;
mod identity;
mod journal;
mod keys;
mod milestones;
mod notes;
mod oplog;
mod pack;
mod pairing_events;
mod pairings;
mod people;
mod person_edit;
mod program;
mod reflections;
mod search_bulk;
mod settings;
mod sync;
mod track_record;

#[cfg(test)]
mod query_plans;

pub use access::ReadOnly;
pub use backup::{BackupError, BackupInfo, inspect_backup};
pub use damage::QUICK_CHECK_LIMIT;
pub use erase::{ErasedRows, PersonKind};
pub use error::{StoreError, WorkError};
pub use identity::StoredIdentity;
pub use journal::JournalRow;
pub use keys::StoredKey;
pub use lock_wait::{LockWatch, Watching};
pub use notes::{MATCH_END, MATCH_START, SearchRow};
pub use open::{Calendar, Store};
pub use pairing_events::{PairingEvent, PairingEventKind};
pub use people::{MentorLoad, PersonCounts};
pub use program::IdFloors;
pub use schema::SCHEMA_VERSION;
pub use sync::{ReceivedRecord, StoredConflict, StoredImport, StoredRejection};
pub use track_record::TrackRecord;
pub use tx::{Tx, TxContext};
