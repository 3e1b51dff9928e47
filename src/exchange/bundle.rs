//! Sync bundles as files (`mentordesk-bundle/1`): a mentor desk writes one with the records
//! it has not yet handed back, signed with its key; the coordinator's desk reads it and
//! writes a receipt back.
//!
//! Owns: the bundle file and the receipt file an import writes. May use: `desk`, `domain`.

use std::path::{Path, PathBuf};

use super::file::write_private;
use super::sealed::{BUNDLE, RECEIPT, open, seal};
use super::transfer::TransferError;
use crate::desk::{BundleImport, Desk, OutgoingBundle};
use crate::domain::sync::BundleContent;

/// A bundle written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleWritten {
    pub path: PathBuf,
    pub bytes: usize,
    pub records: usize,
}

/// The bytes of a bundle file, signed with the desk's key.
pub fn write_bundle(bundle: &OutgoingBundle) -> Result<Vec<u8>, TransferError> {
    Ok(seal(BUNDLE, &bundle.content, Some(&bundle.key))?)
}

/// A file name for a bundle: `bundle-<mentor>-<when>.json`.
pub fn default_bundle_name(bundle: &OutgoingBundle) -> PathBuf {
    PathBuf::from(format!(
        "bundle-{}-{}.json",
        bundle.content.mentor,
        bundle.made_at.format("%Y%m%d-%H%M%S")
    ))
}

/// Writes this mentor desk's records not yet handed back (every record with `all`) to
/// `path`, or to [`default_bundle_name`] in the current folder; the desk notes the export.
pub fn export_bundle(
    desk: &mut Desk,
    path: Option<&Path>,
    all: bool,
) -> Result<BundleWritten, TransferError> {
    let bundle = desk.bundle_to_export(all)?;
    let bytes = write_bundle(&bundle)?;
    let path = path.map_or_else(|| default_bundle_name(&bundle), Path::to_path_buf);
    write_private(&path, &bytes)?;
    desk.mark_exported(bundle.records, &crate::domain::text::shown_path(&path))?;
    Ok(BundleWritten {
        path,
        bytes: bytes.len(),
        records: bundle.records,
    })
}

/// Where an import writes its receipt unless told: beside the bundle, `<bundle>.receipt.json`.
pub fn default_receipt_path(bundle: &Path) -> PathBuf {
    let stem = bundle
        .file_stem()
        .map_or_else(|| "bundle".into(), |s| s.to_string_lossy().into_owned());
    bundle.with_file_name(format!("{stem}.receipt.json"))
}

/// What an import did and where its receipt went.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleImported {
    pub import: BundleImport,
    pub receipt: PathBuf,
}

/// Imports the bundle at `path` on the coordinator's desk and writes the receipt for the
/// mentor desk (to `receipt`, or [`default_receipt_path`]).
pub fn import_bundle(
    desk: &mut Desk,
    path: &Path,
    receipt: Option<&Path>,
) -> Result<BundleImported, TransferError> {
    let sealed = open::<BundleContent>(path, BUNDLE, true)?;
    // The label is stored with the import and shown in Sync: cleaned like any other text.
    let label = crate::domain::text::shown_path(path.file_name().map_or(path, Path::new));
    let import = desk.import_bundle(&sealed, &label)?;
    let receipt_path = receipt.map_or_else(|| default_receipt_path(path), Path::to_path_buf);
    let bytes = seal(RECEIPT, &import.receipt, Some(&import.key))?;
    write_private(&receipt_path, &bytes)?;
    Ok(BundleImported {
        import,
        receipt: receipt_path,
    })
}
