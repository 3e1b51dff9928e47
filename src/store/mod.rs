//! The SQLite file: schema, migrations, queries, and the transaction discipline.
//!
//! Owns: every line of SQL and the only use of rusqlite in the crate. May use: `domain`.
//! Callers see [`Store`], [`Tx`] and [`StoreError`]; rusqlite types never leave this module.

mod codec;
mod error;
mod open;
mod tx;

mod audit;
mod checkins;
mod exclusions;
mod identity;
mod journal;
mod keys;
mod milestones;
mod notes;
mod pack;
mod pairing_events;
mod pairings;
mod people;
mod person_edit;
mod settings;
mod sync;

#[cfg(test)]
mod query_plans;

pub use error::StoreError;
pub use identity::StoredIdentity;
pub use journal::JournalRow;
pub use keys::StoredKey;
pub use notes::{MATCH_END, MATCH_START, SearchRow};
pub use open::{Calendar, SCHEMA_VERSION, Store};
pub use pairing_events::{PairingEvent, PairingEventKind};
pub use people::{MentorLoad, PersonCounts};
pub use sync::{ReceivedRecord, StoredConflict, StoredImport, StoredRejection};
pub use tx::{Tx, TxContext};
