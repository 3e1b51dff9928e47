//! Whether the database file may be written, decided before SQLite opens it: a file or a
//! folder that is read-only is opened read-only, so reading still works and a write is
//! refused with words that say what to change.
//!
//! The owner's write bit decides for every user, root included (a file marked read-only is
//! treated as such even where the system would let root write it); `access(2)` adds the
//! cases the bits do not show: a file or folder owned by someone else, a read-only mount.

use std::path::{Path, PathBuf};

/// Why nothing can be saved to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// The database file itself is read-only.
    File,
    /// The folder holding it is: SQLite cannot make its `-wal` and `-shm` files beside it.
    Folder(PathBuf),
}

/// How the file can be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly(ReadOnly),
}

/// The folder holding `path` (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// How `path` (which may not exist yet) can be opened.
pub fn access_of(path: &Path) -> Access {
    let folder = folder_of(path);
    if path.exists() && !writable(path) {
        return Access::ReadOnly(ReadOnly::File);
    }
    if !writable(&folder) {
        return Access::ReadOnly(ReadOnly::Folder(folder));
    }
    Access::ReadWrite
}

#[cfg(unix)]
fn writable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return true;
    };
    if meta.permissions().mode() & 0o200 == 0 {
        return false;
    }
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

#[cfg(not(unix))]
fn writable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.permissions().readonly())
}
