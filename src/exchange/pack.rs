//! Mentor packs as files (`mentordesk-pack/1`): written by the coordinator's desk for one
//! mentor, read on the mentor's laptop to make or refresh their desk.
//!
//! Owns: the pack file (checksummed; the key inside is the mentor desk's secret, so the file
//! is written private). May use: `desk`, `domain`.

use std::path::Path;

use super::file::write_private;
use super::sealed::{PACK, open, seal};
use super::transfer::TransferError;
use crate::desk::{Desk, PackImport};
use crate::domain::MentorId;
use crate::domain::guide::GuideLibrary;
use crate::domain::sync::PackContent;

/// What a pack file holds, in numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackWritten {
    pub bytes: usize,
    pub pairings: usize,
    pub learners: usize,
    pub guides: usize,
}

/// The bytes of a pack file.
pub fn write_pack(pack: &PackContent) -> Result<Vec<u8>, TransferError> {
    Ok(seal(PACK, pack, None)?)
}

/// Makes `mentor`'s pack, with the guides of `guides` that suit their pairs and the
/// coordinator's own, and writes it to `path` (0600, whole or not at all).
pub fn export_pack(
    desk: &mut Desk,
    mentor: &MentorId,
    with_contacts: bool,
    guides: &GuideLibrary,
    path: &Path,
) -> Result<PackWritten, TransferError> {
    let pack = desk.mentor_pack_with_guides(mentor, with_contacts, guides)?;
    let bytes = write_pack(&pack)?;
    write_private(path, &bytes)?;
    Ok(PackWritten {
        bytes: bytes.len(),
        pairings: pack.pairings.len(),
        learners: pack.learners.len(),
        guides: pack.guides.len(),
    })
}

/// Reads a pack file (size, format, checksum) without touching a desk.
pub fn read_pack(path: &Path) -> Result<PackContent, TransferError> {
    Ok(open::<PackContent>(path, PACK, false)?.content)
}

/// Makes or refreshes the mentor desk from the pack at `path`.
pub fn import_pack(desk: &mut Desk, path: &Path) -> Result<PackImport, TransferError> {
    let pack = read_pack(path)?;
    Ok(desk.import_pack(&pack)?)
}
