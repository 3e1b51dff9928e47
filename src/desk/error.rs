//! What can go wrong in a use case, worded for the person who asked for it.

use thiserror::Error;

use super::refusal::{Refusal, Subject};
use crate::domain::DomainError;
use crate::store::{StoreError, WorkError};

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Invalid(#[from] DomainError),
    #[error(transparent)]
    Match(#[from] crate::matching::MatchError),
    #[error("no {what} with id {}", crate::domain::text::quoted(.id))]
    NotFound { what: Subject, id: String },
    #[error("{0}")]
    Refused(Refusal),
    #[error(transparent)]
    Sync(#[from] crate::desk::sync::SyncError),
    #[error(transparent)]
    Backup(#[from] crate::store::BackupError),
}

impl DeskError {
    /// True when the person's input was at fault (exit code 2), not the machine.
    pub fn is_user_error(&self) -> bool {
        match self {
            DeskError::Store(e) => e.is_user_error(),
            DeskError::Match(e) => e.is_user_error(),
            DeskError::Invalid(_) | DeskError::NotFound { .. } | DeskError::Refused(_) => true,
            DeskError::Sync(e) => e.is_user_error(),
            DeskError::Backup(e) => e.is_user_error(),
        }
    }
}

impl DeskError {
    /// No `what` with this id.
    pub(super) fn not_found(what: Subject, id: impl ToString) -> DeskError {
        DeskError::NotFound {
            what,
            id: id.to_string(),
        }
    }

    /// The refusal, when the desk said no for a reason (not a fault or a missing record).
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            DeskError::Refused(refusal) => Some(refusal),
            _ => None,
        }
    }
}

impl WorkError for DeskError {
    fn store_error_mut(&mut self) -> Option<&mut StoreError> {
        match self {
            DeskError::Store(inner) => Some(inner),
            _ => None,
        }
    }
}

impl From<Refusal> for DeskError {
    fn from(refusal: Refusal) -> DeskError {
        DeskError::Refused(refusal)
    }
}
