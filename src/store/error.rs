//! Store errors, worded for the person at the desk.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::access::ReadOnly;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("the folder {0} does not exist (create it first, or pick another --db path)")]
    MissingFolder(PathBuf),
    #[error("{0} is not a mentordesk database (it is not an SQLite file)")]
    NotADatabase(PathBuf),
    #[error(
        "{} is a folder, not a database file (give the file, e.g. --db {})",
        shown(.0),
        shown(&.0.join("desk.sqlite3"))
    )]
    IsFolder(PathBuf),
    #[error("could not read {}: {source}", shown(.path))]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", read_only(.path, .why))]
    ReadOnly { path: PathBuf, why: ReadOnly },
    #[error(
        "the folder {} is read-only: {} cannot be created there (chmod u+w {}, or pick \
         another --db path)",
        shown(.folder),
        shown(.path),
        shell(.folder)
    )]
    FolderReadOnly { path: PathBuf, folder: PathBuf },
    #[error(
        "{}: it was written by an older mentordesk (schema {found}; this one needs \
         {supported}) and must be brought up to date once before it can be read",
        read_only(.path, .why)
    )]
    ReadOnlyNeedsUpgrade {
        path: PathBuf,
        why: ReadOnly,
        found: i64,
        supported: i64,
    },
    #[error(
        "{} is damaged ({detail}): changes to it are refused; run `mentordesk check --db {}` \
         to see what is wrong, then restore it from a backup",
        shown(.path),
        shell(.path)
    )]
    Damaged { path: PathBuf, detail: String },
    /// SQLite met a damaged page; [`Store`](super::Store) names the file before a face sees it.
    #[error(
        "the database file is damaged ({0}): run `mentordesk check`, then restore it from a \
         backup"
    )]
    Malformed(String),
    /// SQLite refused a write to a file it opened read-only; named like `Malformed`.
    #[error("the database file is read-only: changes cannot be saved to it")]
    WriteRefusedReadOnly,
    #[error(
        "{path} was written by a newer mentordesk (schema {found}; this one knows up to \
         {supported}); upgrade mentordesk to open it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("could not create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the database stayed busy (another desk is writing); try again in a moment")]
    Busy,
    /// The wait for another desk's write lock was given up (Esc at the desk).
    #[error("cancelled: nothing was written")]
    Cancelled,
    #[error("stored data is damaged: {table} {key}: {problem}")]
    Corrupt {
        table: &'static str,
        key: String,
        problem: String,
    },
    #[error("refused by the database: {0}")]
    Constraint(String),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Sqlite(String),
}

/// A path as a face may print it: one line, no terminal controls.
fn shown(path: &Path) -> String {
    crate::domain::text::clean_line(&path.display().to_string())
}

/// A path as a shell would take it back: quoted when it holds anything but plain characters.
fn shell(path: &Path) -> String {
    let text = shown(path);
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@%".contains(c));
    if plain && !text.is_empty() {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Why a change cannot be saved, and what would let it be.
fn read_only(path: &Path, why: &ReadOnly) -> String {
    match why {
        ReadOnly::File => format!(
            "{} is read-only: changes cannot be saved to it (chmod u+w {} to allow them)",
            shown(path),
            shell(path)
        ),
        ReadOnly::Folder(folder) => format!(
            "the folder {} is read-only: changes to {} cannot be saved, as SQLite keeps its \
             journal beside the file (chmod u+w {}, or copy the file to a folder you can write)",
            shown(folder),
            shown(path),
            shell(folder)
        ),
    }
}

impl StoreError {
    pub(crate) fn corrupt(
        table: &'static str,
        key: impl Into<String>,
        problem: impl ToString,
    ) -> Self {
        StoreError::Corrupt {
            table,
            key: key.into(),
            problem: problem.to_string(),
        }
    }

    /// True when the file is damaged (or SQLite found it so).
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Damaged { .. } | StoreError::Malformed(_))
    }

    /// True when the error is the person's to fix: a path that is no database, a missing or
    /// read-only file or folder, a newer schema, a refused value.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::MissingFolder(_)
                | StoreError::NotADatabase(_)
                | StoreError::IsFolder(_)
                | StoreError::ReadOnly { .. }
                | StoreError::FolderReadOnly { .. }
                | StoreError::ReadOnlyNeedsUpgrade { .. }
                | StoreError::WriteRefusedReadOnly
                | StoreError::TooNew { .. }
                | StoreError::Constraint(_)
        )
    }

    /// True when another connection held the write lock for longer than we waited.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ConstraintViolation) => {
                let text = match &err {
                    rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
                    other => other.to_string(),
                };
                StoreError::Constraint(text)
            }
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                StoreError::Malformed(err.to_string())
            }
            Some(ErrorCode::ReadOnly) => StoreError::WriteRefusedReadOnly,
            _ => StoreError::Sqlite(err.to_string()),
        }
    }
}

/// An error the work inside a transaction may return: lets [`Store`](super::Store) name the
/// file in a damage or read-only error a statement raised without knowing which file it was.
pub trait WorkError: From<StoreError> {
    /// The store's error inside, when there is one.
    fn store_error_mut(&mut self) -> Option<&mut StoreError>;
}

impl WorkError for StoreError {
    fn store_error_mut(&mut self) -> Option<&mut StoreError> {
        Some(self)
    }
}
