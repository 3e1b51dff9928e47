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
}

impl Desk {
    /// The file's version now; compare with the one taken at the last read.
    pub fn data_version(&mut self) -> Result<DataVersion, DeskError> {
        let (others, own) = self.store.data_version()?;
        Ok(DataVersion { others, own })
    }
}
