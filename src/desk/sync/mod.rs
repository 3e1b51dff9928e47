//! Mentors offline: the desk's identity, mentor packs out, sync bundles back, receipts, and
//! what an import leaves to look at (conflicts, gaps, rejected records).
//!
//! Owns: which desk may do what (a coordinator's desk makes packs and imports bundles; a mentor
//! desk imports its pack, journals every check-in and milestone change, and exports bundles),
//! the keys, the checks of every record, and applying records in one transaction with audit
//! rows. May use: `domain`, `store`. The files themselves are read and written by `exchange`.

mod apply;
mod bundle_in;
mod bundle_out;
mod conflict;
mod error;
mod identity;
mod journal;
mod pack;
mod receipt;
mod status;

pub use bundle_in::{BundleImport, Gap};
pub use bundle_out::OutgoingBundle;
pub use conflict::{Keep, SyncConflict};
pub use error::SyncError;
pub use identity::DeskIdentity;
pub use pack::{LearnerBrief, PackImport};
pub use receipt::AckSummary;
pub use status::{JournalEntry, SyncImport, SyncRejection, SyncStatus};

pub(super) use journal::{journal_checkin, journal_concern, journal_milestone};
