//! Backups and restores of the whole desk, each audited.
//!
//! Owns: where the replaced file is kept on a restore (`<db>.before-restore`), bringing a
//! restored older schema up to date, and the audit rows. May use: `domain`, `store`.

use std::path::{Path, PathBuf};

use super::{Desk, DeskError};
use crate::store::{BackupInfo, Store, inspect_backup};

/// A restore done: what came in, and where the file it replaced was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub restored: BackupInfo,
    /// The program the restore replaced, itself a backup (`mentordesk restore` takes it).
    pub kept: PathBuf,
}

impl Desk {
    /// Writes a backup of the whole desk to the new file `target` (0600), consistent even
    /// while other desks write. Audited (after the copy, so the backup does not hold it).
    pub fn backup(&mut self, target: &Path) -> Result<BackupInfo, DeskError> {
        let info = self.store.backup_to(target)?;
        let (now, actor) = (self.now(), self.actor.clone());
        let after = serde_json::json!({
            "learners": info.learners,
            "mentors": info.mentors,
            "bytes": info.bytes,
        });
        self.store.write(|tx| {
            tx.append_audit(
                now,
                &actor,
                "backup",
                &format!("file:{}", target.display()),
                None,
                Some(&after),
            )
        })?;
        Ok(info)
    }

    /// What the backup `file` holds, refusing one that is damaged, not a mentordesk
    /// database, or newer than this build: nothing is changed.
    pub fn inspect_backup(file: &Path) -> Result<BackupInfo, DeskError> {
        Ok(inspect_backup(file)?)
    }

    /// True when the desk holds people or pairings (what a restore or a demo would replace).
    pub fn holds_program(&mut self) -> Result<bool, DeskError> {
        Ok(!self.store.read(|tx| tx.is_empty())?)
    }

    /// Replaces the whole desk with the backup `file` once it passed the checks of
    /// [`Desk::inspect_backup`]. The file it replaces is first kept as
    /// `<db>.before-restore` (another backup). An older schema is brought up to date. The
    /// restore is audited in the restored trail, naming both files.
    pub fn restore(&mut self, file: &Path) -> Result<Restored, DeskError> {
        inspect_backup(file)?;
        let kept = free_name(self.path(), ".before-restore");
        let before = self.store.backup_to(&kept)?;
        let restored = self.store.restore_from(file)?;
        let path = self.path().to_path_buf();
        if path != Path::new(":memory:") {
            self.store = Store::open(&path)?;
        }
        self.store.reload_context()?;
        let (now, actor) = (self.now(), self.actor.clone());
        let after = serde_json::json!({
            "schema_version": restored.schema_version,
            "learners": restored.learners,
            "mentors": restored.mentors,
            "replaced_kept_as": kept.display().to_string(),
            "replaced_learners": before.learners,
            "replaced_mentors": before.mentors,
        });
        self.store.write(|tx| {
            tx.append_audit(
                now,
                &actor,
                "restore",
                &format!("file:{}", file.display()),
                None,
                Some(&after),
            )
        })?;
        Ok(Restored { restored, kept })
    }

    /// Keeps a backup of the program before something replaces it wholesale (a demo with
    /// `--force`): `<db>.<what>` (or `-2`, `-3`, … when taken), returned.
    pub fn backup_before(&mut self, what: &str) -> Result<PathBuf, DeskError> {
        let target = free_name(self.path(), &format!(".{what}"));
        self.backup(&target)?;
        Ok(target)
    }
}

/// `<db><suffix>`, or `<db><suffix>-2`, `-3`, … : the first name not taken.
fn free_name(db: &Path, suffix: &str) -> PathBuf {
    let base = {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    if !base.exists() {
        return base;
    }
    (2..)
        .map(|n| {
            let mut name = base.as_os_str().to_os_string();
            name.push(format!("-{n}"));
            PathBuf::from(name)
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or(base)
}

/// Restores the backup `file` where the database at `db` cannot be opened (damaged, or not a
/// database at all): that file and its `-wal`/`-shm` are moved aside as
/// `<db>.before-restore…`, and a new database is made from the backup. Returns the desk on
/// the restored file.
pub fn restore_unopenable(db: &Path, file: &Path) -> Result<(Desk, Restored), DeskError> {
    inspect_backup(file)?;
    let kept = free_name(db, ".before-restore");
    for suffix in ["", "-wal", "-shm"] {
        let (from, to) = (with_suffix(db, suffix), with_suffix(&kept, suffix));
        if from.exists() {
            std::fs::rename(&from, &to).map_err(|source| crate::store::BackupError::Io {
                path: to.clone(),
                source,
            })?;
        }
    }
    let mut desk = Desk::open(db)?;
    let restored = desk.store.restore_from(file)?;
    desk.store = Store::open(db)?;
    let (now, actor) = (desk.now(), desk.actor.clone());
    let after = serde_json::json!({
        "schema_version": restored.schema_version,
        "learners": restored.learners,
        "mentors": restored.mentors,
        "replaced_kept_as": kept.display().to_string(),
        "replaced_could_not_be_opened": true,
    });
    desk.store.write(|tx| {
        tx.append_audit(
            now,
            &actor,
            "restore",
            &format!("file:{}", file.display()),
            None,
            Some(&after),
        )
    })?;
    Ok((desk, Restored { restored, kept }))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}
