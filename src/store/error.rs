//! Store errors, worded for the person at the desk.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("the folder {0} does not exist (create it first, or pick another --db path)")]
    MissingFolder(PathBuf),
    #[error("{0} is not a mentordesk database (it is not an SQLite file)")]
    NotADatabase(PathBuf),
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
            _ => StoreError::Sqlite(err.to_string()),
        }
    }
}
