//! What can go wrong in a use case, worded for the person who asked for it.

use thiserror::Error;

use crate::domain::DomainError;
use crate::store::StoreError;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Invalid(#[from] DomainError),
    #[error(transparent)]
    Match(#[from] crate::matching::MatchError),
    #[error("no {what} with id {id:?}")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Sync(#[from] crate::desk::sync::SyncError),
}

impl DeskError {
    /// True when the person's input was at fault (exit code 2), not the machine.
    pub fn is_user_error(&self) -> bool {
        match self {
            DeskError::Store(e) => matches!(
                e,
                StoreError::MissingFolder(_)
                    | StoreError::NotADatabase(_)
                    | StoreError::TooNew { .. }
                    | StoreError::Constraint(_)
            ),
            DeskError::Invalid(_)
            | DeskError::Match(_)
            | DeskError::NotFound { .. }
            | DeskError::Refused(_) => true,
            DeskError::Sync(e) => e.is_user_error(),
        }
    }
}
