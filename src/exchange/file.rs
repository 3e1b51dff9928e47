//! Files in and out: reading an input file no larger than its kind allows, and writing a file
//! the desk hands to someone whole or not at all, readable by its owner alone.
//!
//! Owns: the size limit of every kind of input file, the one way an input file is read (so a
//! huge file, `/dev/zero` or an endless pipe is refused after at most its limit in bytes,
//! never read into memory whole), and the one way mentordesk writes an output file (exports,
//! packs, bundles, receipts, reports). May use: `domain::text`, the standard library and
//! `tempfile`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::domain::text::shown_path;

const MB: u64 = 1024 * 1024;

/// One kind of input file with its size limit; the README's "Promises" quotes these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputKind {
    /// What the file is, for messages: "CSV file", "notes file".
    pub label: &'static str,
    /// Most bytes accepted.
    pub max_bytes: u64,
}

/// `learners.csv` and `mentors.csv`: 64 MB is several hundred thousand people.
pub const CSV: InputKind = InputKind {
    label: "CSV file",
    max_bytes: 64 * MB,
};

/// A session's notes (`--notes-file`, `--notes -`): 1 MB is a book, not a session.
pub const NOTES: InputKind = InputKind {
    label: "notes file",
    max_bytes: MB,
};

/// The desk's `keymap.toml` override: a few hundred bindings fit in 256 KB many times over.
pub const KEYMAP: InputKind = InputKind {
    label: "keymap file",
    max_bytes: 256 * 1024,
};

/// A guide (`guides/NAME.md` in the config folder): a page of Markdown; 64 KB is ten pages.
pub const GUIDE: InputKind = InputKind {
    label: "guide file",
    max_bytes: 64 * 1024,
};

/// A scores file (`plan --scores`): 1 GB holds a 20,000 × 3,000 program's every allowed pair
/// (the `scores --json` of that demo is about 330 MB).
pub const SCORES: InputKind = InputKind {
    label: "scores file",
    max_bytes: 1024 * MB,
};

/// Something went wrong with a file; names the file.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum FileError {
    #[error("cannot write {}: {source}", shown_path(path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", shown_path(path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {}: it is a folder, not a {}", shown_path(path), kind.label)]
    Folder { path: PathBuf, kind: InputKind },
    #[error(
        "{}: the {} is larger than {} (the limit for a {}); nothing was read from it",
        shown_path(path),
        kind.label,
        size_words(kind.max_bytes),
        kind.label
    )]
    TooLarge { path: PathBuf, kind: InputKind },
}

impl FileError {
    /// True when the file given is at fault (too large, a folder, missing or unreadable):
    /// the person must give another one (exit code 2). A failed write is the machine's.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, FileError::Write { .. })
    }
}

/// `67108864` as "64 MB", `262144` as "256 KB", `1073741824` as "1 GB".
pub fn size_words(bytes: u64) -> String {
    const GB: u64 = 1024 * MB;
    if bytes >= GB && bytes.is_multiple_of(GB) {
        format!("{} GB", bytes / GB)
    } else if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Opens `path` for reading as a `kind` file: a folder is refused, and so is a regular file
/// larger than the limit, before a byte is read. The reader stops with an error past the
/// limit, so a device or pipe that never ends (`/dev/zero`) is refused too; map that error
/// with [`CappedReader::into_error`].
pub fn open_capped(path: &Path, kind: InputKind) -> Result<CappedReader, FileError> {
    let failed = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let metadata = file.metadata().map_err(failed)?;
    if metadata.is_dir() {
        return Err(FileError::Folder {
            path: path.to_path_buf(),
            kind,
        });
    }
    if metadata.is_file() && metadata.len() > kind.max_bytes {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            kind,
        });
    }
    Ok(CappedReader {
        inner: Box::new(file),
        path: path.to_path_buf(),
        kind,
        read: 0,
        expected: metadata.is_file().then_some(metadata.len()),
    })
}

/// Reads all of `path` as a `kind` file (see [`open_capped`]); never holds more than the
/// limit plus one byte.
pub fn read_capped(path: &Path, kind: InputKind) -> Result<Vec<u8>, FileError> {
    let mut reader = open_capped(path, kind)?;
    // A regular file's length is known: one allocation of that size (plus the byte that
    // would show it grew past the limit) instead of doubling up to twice the limit.
    let expected = reader.expected.map_or(0, |len| len.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| reader.into_error(e))?;
    Ok(bytes)
}

/// Reads all of `input` (standard input, say) as a `kind` stream named `name` in messages.
pub fn read_stream_capped(
    input: impl Read + 'static,
    name: &Path,
    kind: InputKind,
) -> Result<Vec<u8>, FileError> {
    let mut reader = CappedReader {
        inner: Box::new(input),
        path: name.to_path_buf(),
        kind,
        read: 0,
        expected: None,
    };
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| reader.into_error(e))?;
    Ok(bytes)
}

/// A reader that fails once more than its kind's limit has come through.
pub struct CappedReader {
    inner: Box<dyn Read>,
    path: PathBuf,
    kind: InputKind,
    read: u64,
    /// The length of a regular file when it was opened (at most the limit).
    expected: Option<u64>,
}

/// Marks the error a [`CappedReader`] returns past its limit.
#[derive(Debug, Error)]
#[error("more than the limit")]
struct OverLimit;

impl CappedReader {
    /// The length of a regular file when it was opened; `None` for a pipe or device.
    pub fn expected(&self) -> Option<u64> {
        self.expected
    }

    /// `TooLarge` naming the file when reading went past the limit (the reader then
    /// refuses every read), for a caller whose parser hid the read's own error.
    pub fn passed_limit(&self) -> Option<FileError> {
        (self.read > self.kind.max_bytes).then(|| FileError::TooLarge {
            path: self.path.clone(),
            kind: self.kind,
        })
    }

    /// The error a read returned, as a [`FileError`] naming the file: `TooLarge` when the
    /// limit was passed, `Read` otherwise.
    pub fn into_error(&self, error: std::io::Error) -> FileError {
        if error.get_ref().is_some_and(|inner| inner.is::<OverLimit>()) {
            FileError::TooLarge {
                path: self.path.clone(),
                kind: self.kind,
            }
        } else {
            FileError::Read {
                path: self.path.clone(),
                source: error,
            }
        }
    }
}

impl Read for CappedReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // One byte past the limit is asked for, so a file of exactly the limit is accepted
        // and one byte more is not.
        let room = (self.kind.max_bytes + 1).saturating_sub(self.read);
        let want = usize::try_from(room).unwrap_or(usize::MAX).min(buf.len());
        let n = self.inner.read(&mut buf[..want])?;
        self.read += n as u64;
        if self.read > self.kind.max_bytes {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                OverLimit,
            ));
        }
        Ok(n)
    }
}

/// Writes `bytes` to `path` atomically with mode 0600 whatever the umask: a temporary file in
/// the same folder (created 0600), flushed to disk, then renamed over `path`. A reader never
/// sees half a file, and a crash leaves either the old file or the new one.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let failed = |source| FileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".mentordesk-")
        .suffix(".part")
        .tempfile_in(&folder)
        .map_err(failed)?;
    temp.write_all(bytes).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    restrict(temp.as_file()).map_err(failed)?;
    temp.persist(path).map_err(|e| failed(e.error))?;
    sync_folder(&folder);
    Ok(())
}

#[cfg(unix)]
fn restrict(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Makes the rename durable; a folder that cannot be opened for sync is not an error (the file
/// itself is already on disk).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_file_private_and_replaces_an_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        write_private(&path, b"new content").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new content");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
            .collect();
        assert!(leftovers.is_empty());
    }

    const TINY: InputKind = InputKind {
        label: "test file",
        max_bytes: 10,
    };

    #[test]
    fn reads_up_to_the_limit_and_refuses_one_byte_more() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.csv");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_capped(&path, TINY).unwrap(), b"0123456789");
        std::fs::write(&path, b"0123456789x").unwrap();
        let err = read_capped(&path, TINY).unwrap_err();
        assert!(matches!(err, FileError::TooLarge { .. }));
        let text = err.to_string();
        assert!(
            text.contains("in.csv") && text.contains("10 bytes"),
            "{text}"
        );
    }

    #[test]
    fn an_endless_stream_stops_at_the_limit() {
        let err = read_stream_capped(std::io::repeat(0), Path::new("stdin"), TINY).unwrap_err();
        assert!(matches!(err, FileError::TooLarge { .. }), "{err}");
        #[cfg(unix)]
        {
            let err = read_capped(Path::new("/dev/zero"), TINY).unwrap_err();
            assert!(matches!(err, FileError::TooLarge { .. }), "{err}");
        }
    }

    #[test]
    fn a_folder_and_a_missing_file_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_capped(dir.path(), CSV).unwrap_err().to_string();
        assert!(err.contains("it is a folder"), "{err}");
        let err = read_capped(&dir.path().join("gone.csv"), CSV)
            .unwrap_err()
            .to_string();
        assert!(err.contains("gone.csv"), "{err}");
        assert_eq!(size_words(CSV.max_bytes), "64 MB");
        assert_eq!(size_words(KEYMAP.max_bytes), "256 KB");
        assert_eq!(size_words(SCORES.max_bytes), "1 GB");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("out.json");
        let err = write_private(&path, b"x").unwrap_err().to_string();
        assert!(err.contains("out.json") || err.contains("nope"), "{err}");
    }
}
