//! Backups and restores with SQLite's online backup API: a consistent copy of the file while
//! desks keep it open and writing, and a restore that goes through the same locks, so a desk
//! with the file open sees the restored program instead of a file swapped under it.
//!
//! Owns: the backup file (a single self-contained SQLite file, journal mode DELETE, 0600,
//! written beside its target and put in place only when whole) and the checks a backup
//! passes before it may replace anything. May use: `domain`.

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use super::error::StoreError;
use super::open::Store;
use super::schema::SCHEMA_VERSION;

/// Pages copied per step; between steps other connections may write.
const PAGES_PER_STEP: i32 = 256;

/// Why a backup or a restore did not happen; names the file.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum BackupError {
    #[error("{} already exists; choose another name or remove it first", .0.display())]
    TargetExists(PathBuf),
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    #[error("{} is not a mentordesk backup (it is not an SQLite database)", .0.display())]
    NotADatabase(PathBuf),
    #[error("{} is an SQLite file but not a mentordesk database (no {missing} table)", path.display())]
    NotMentordesk {
        path: PathBuf,
        missing: &'static str,
    },
    #[error(
        "{} is damaged and was not restored: {}", path.display(), problems.join("; ")
    )]
    Damaged {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error(
        "{} was written by a newer mentordesk (schema {found}; this one knows up to \
         {SCHEMA_VERSION}); restore it with that version", path.display()
    )]
    TooNew { path: PathBuf, found: i64 },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl BackupError {
    /// True when the person named a wrong file (exit code 2), not a machine fault.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, BackupError::Io { .. } | BackupError::Store(_))
    }
}

impl From<rusqlite::Error> for BackupError {
    fn from(err: rusqlite::Error) -> Self {
        BackupError::Store(err.into())
    }
}

/// What a backup file holds, read before it is trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub schema_version: i64,
    pub learners: u64,
    pub mentors: u64,
    pub audit_entries: u64,
    pub bytes: u64,
}

impl Store {
    /// Copies the database into a new file `target` (refused when it exists): an online
    /// backup (other connections keep reading and writing; the copy is one consistent
    /// moment), checked with `integrity_check`, made private (0600) and put in place whole.
    pub fn backup_to(&self, target: &Path) -> Result<BackupInfo, BackupError> {
        if target.exists() {
            return Err(BackupError::TargetExists(target.to_path_buf()));
        }
        let io = |source| BackupError::Io {
            path: target.to_path_buf(),
            source,
        };
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".mentordesk-backup-")
            .suffix(".part")
            .tempfile_in(&folder)
            .map_err(io)?;
        private(temp.path()).map_err(io)?;
        {
            let mut copy = Connection::open(temp.path())?;
            copy_all(&self.conn, &mut copy)?;
            // One self-contained file: no `-wal` beside it to lose.
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            let problems = integrity(&copy)?;
            if !problems.is_empty() {
                return Err(BackupError::Damaged {
                    path: self.path().to_path_buf(),
                    problems,
                });
            }
        }
        temp.as_file().sync_all().map_err(io)?;
        // A hard link never replaces a file that appeared meanwhile.
        std::fs::hard_link(temp.path(), target).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => BackupError::TargetExists(target.to_path_buf()),
            _ => io(e),
        })?;
        drop(temp);
        sync_folder(&folder);
        inspect_backup(target)
    }

    /// Replaces this database's content with the backup `file`, after
    /// [`inspect_backup`] found it whole and not newer than this build. Runs through
    /// SQLite's backup API into the open connection, so other desks on the file wait for
    /// the lock and then see the restored program. Bring the schema up to date by opening
    /// the file again afterwards.
    pub fn restore_from(&mut self, file: &Path) -> Result<BackupInfo, BackupError> {
        let info = inspect_backup(file)?;
        let source = open_read_only(file)?;
        copy_all(&source, &mut self.conn)?;
        self.own_writes += 1;
        Ok(info)
    }
}

/// Reads what a backup holds, refusing a file that is not a mentordesk database, is damaged
/// (`integrity_check`), or was written by a newer mentordesk.
pub fn inspect_backup(file: &Path) -> Result<BackupInfo, BackupError> {
    let meta = std::fs::metadata(file).map_err(|_| BackupError::Missing(file.to_path_buf()))?;
    let conn = open_read_only(file)?;
    let not_a_db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => BackupError::NotADatabase(file.to_path_buf()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => BackupError::Damaged {
            path: file.to_path_buf(),
            problems: vec![e.to_string()],
        },
        _ => BackupError::from(e),
    };
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(not_a_db)?;
    if found > SCHEMA_VERSION {
        return Err(BackupError::TooNew {
            path: file.to_path_buf(),
            found,
        });
    }
    for table in ["learners", "mentors", "pairings", "audit"] {
        let present: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
                [table],
                |row| row.get(0),
            )
            .map_err(not_a_db)?;
        if !present {
            return Err(BackupError::NotMentordesk {
                path: file.to_path_buf(),
                missing: table,
            });
        }
    }
    let problems = integrity(&conn).map_err(not_a_db)?;
    if !problems.is_empty() {
        return Err(BackupError::Damaged {
            path: file.to_path_buf(),
            problems,
        });
    }
    let count = |table: &str| -> Result<u64, BackupError> {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    Ok(BackupInfo {
        schema_version: found,
        learners: count("learners")?,
        mentors: count("mentors")?,
        audit_entries: count("audit")?,
        bytes: meta.len(),
    })
}

fn open_read_only(file: &Path) -> Result<Connection, BackupError> {
    Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => BackupError::NotADatabase(file.to_path_buf()),
        _ => BackupError::from(e),
    })
}

/// Copies every page of `from` into `to`, in steps; SQLite starts over by itself when
/// another connection writes to `from` between steps, so the copy is one moment's state.
fn copy_all(from: &Connection, to: &mut Connection) -> Result<(), BackupError> {
    let backup = Backup::new(from, to)?;
    loop {
        match backup.step(PAGES_PER_STEP)? {
            StepResult::Done => return Ok(()),
            // More pages, or a lock held elsewhere for a moment: go on after a short pause.
            _ => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
}

fn integrity(conn: &Connection) -> Result<Vec<String>, rusqlite::Error> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    Ok(rows
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|line| line != "ok")
        .collect())
}

#[cfg(unix)]
fn private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

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
    fn a_backup_is_private_whole_and_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
        let target = dir.path().join("copy.sqlite3");
        let info = store.backup_to(&target).unwrap();
        assert_eq!(info.schema_version, SCHEMA_VERSION);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(!dir.path().join("copy.sqlite3-wal").exists(), "one file");
        assert!(matches!(
            store.backup_to(&target),
            Err(BackupError::TargetExists(_))
        ));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn inspecting_refuses_what_is_not_a_whole_mentordesk_database() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database at all\n".repeat(200)).unwrap();
        assert!(matches!(
            inspect_backup(&text),
            Err(BackupError::NotADatabase(_))
        ));
        let other = dir.path().join("other.sqlite3");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        assert!(matches!(
            inspect_backup(&other),
            Err(BackupError::NotMentordesk { .. })
        ));
        assert!(matches!(
            inspect_backup(&dir.path().join("nope")),
            Err(BackupError::Missing(_))
        ));
        let newer = dir.path().join("newer.sqlite3");
        drop(Store::open(&newer).unwrap());
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(matches!(
            inspect_backup(&newer),
            Err(BackupError::TooNew { .. })
        ));
    }
}
