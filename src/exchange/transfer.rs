//! What can go wrong moving a pack, bundle or receipt between a file and the desk: the file
//! (see [`SealedFileError`]), the desk's refusal, or writing the output.

use thiserror::Error;

use super::file::FileError;
use super::sealed::SealedFileError;
use crate::desk::DeskError;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum TransferError {
    #[error(transparent)]
    File(#[from] SealedFileError),
    #[error(transparent)]
    Desk(#[from] DeskError),
    #[error(transparent)]
    Write(#[from] FileError),
    #[error("could not write the file's content: {0}")]
    Encode(#[from] serde_json::Error),
}

impl TransferError {
    /// True when the file or the request was at fault (exit code 2), not the machine.
    pub fn is_user_error(&self) -> bool {
        match self {
            TransferError::File(_) => true,
            TransferError::Desk(e) => e.is_user_error(),
            TransferError::Write(_) | TransferError::Encode(_) => false,
        }
    }
}
