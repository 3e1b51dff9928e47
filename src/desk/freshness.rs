//! Whether what a face read is still current, decided by SQLite rather than by which reload
//! the face picked: another desk or the command line may have written the same file.
//!
//! Owns: the [`DataVersion`] token. May use: `store`.

use super::{Desk, DeskError};

/// Where the database file stands. Two equal versions mean nothing was written in between, by
/// this desk or any other connection to the file; a different one means read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DataVersion {
    /// SQLite's `PRAGMA data_version`: moves when another connection commits.
    others: i64,
    /// Write transactions this desk committed (which `data_version` does not count).
    own: u64,
    /// Check-in rows this desk wrote (a subset of `own`).
    own_checkins: u64,
}

impl DataVersion {
    /// True when check-ins read at `self` may differ from the file's at `now`: another
    /// connection committed since, or this desk wrote a check-in. This desk's other writes
    /// (decisions, pauses, settings) leave check-ins as they were.
    pub fn checkins_may_differ(&self, now: &DataVersion) -> bool {
        self.others != now.others || self.own_checkins != now.own_checkins
    }
}

impl Desk {
    /// The file's version now; compare with the one taken at the last read.
    pub fn data_version(&mut self) -> Result<DataVersion, DeskError> {
        let (others, own) = self.store.data_version()?;
        let own_checkins = self.store.checkin_writes()?;
        Ok(DataVersion {
            others,
            own,
            own_checkins,
        })
    }
}
