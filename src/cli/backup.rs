//! `mentordesk backup FILE` and `mentordesk restore FILE [--force]`.
//!
//! Owns: the words and the refusals of the two commands; a restore is checked before
//! anything is replaced, and never replaces a program without `--force`. May use: `desk`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::BadInput;
use crate::desk::{Desk, Restored, restore_unopenable};

pub fn backup(desk: &mut Desk, target: &Path) -> Result<ExitCode> {
    let info = desk.backup(target)?;
    say!(
        "backed up {} learners, {} mentors and {} audit entries to {} ({} bytes, private to you)",
        info.learners,
        info.mentors,
        info.audit_entries,
        target.display(),
        info.bytes
    );
    say!(
        "restore it with: mentordesk restore {} --force",
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Restores `file` over the database at `db`; runs before the database is opened, so that a
/// damaged database can be replaced too.
pub fn restore(db: &Path, file: &Path, force: bool) -> Result<ExitCode> {
    let info = Desk::inspect_backup(file)?;
    let restored = match Desk::open(db) {
        Ok(mut desk) => {
            if desk.holds_program()? && !force {
                return Err(BadInput(format!(
                    "restore would replace the program in {} with {} ({} learners, {} mentors); \
                     run again with --force (the current file is kept as *.before-restore), or \
                     `mentordesk backup FILE` first",
                    db.display(),
                    file.display(),
                    info.learners,
                    info.mentors
                ))
                .into());
            }
            desk.restore(file)?
        }
        Err(e) if db.exists() => {
            if !force {
                return Err(BadInput(format!(
                    "{} cannot be opened ({e}); run again with --force to move it aside \
                     (kept as *.before-restore) and restore {}",
                    db.display(),
                    file.display()
                ))
                .into());
            }
            let (mut desk, restored) = restore_unopenable(db, file)?;
            check_after(&mut desk)?;
            return said(&restored, db);
        }
        Err(e) => return Err(e.into()),
    };
    let mut desk = Desk::open(db)?;
    check_after(&mut desk)?;
    said(&restored, db)
}

fn check_after(desk: &mut Desk) -> Result<()> {
    let report = desk.check()?;
    if !report.is_ok() {
        eprintln!(
            "mentordesk: the restored file has {} problem(s); `mentordesk check` lists them",
            report.problems.len()
        );
    }
    Ok(())
}

fn said(restored: &Restored, db: &Path) -> Result<ExitCode> {
    say!(
        "restored {} learners, {} mentors and {} audit entries into {} (schema {})",
        restored.restored.learners,
        restored.restored.mentors,
        restored.restored.audit_entries,
        db.display(),
        restored.restored.schema_version
    );
    say!(
        "the file it replaced is kept as {}",
        restored.kept.display()
    );
    Ok(ExitCode::SUCCESS)
}
