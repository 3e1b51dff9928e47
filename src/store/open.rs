//! Opening the file: private permissions, pragmas, and migrations on `user_version`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::error::StoreError;
use super::tx::TxContext;

/// The schema steps, in order; the position of each is its `user_version`.
fn migrations() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("migrations/001_initial.sql")),
        M::up(include_str!("migrations/002_pairing_events.sql")),
        M::up(include_str!("migrations/003_milestone_from_checkin.sql")),
        M::up_with_hook(
            include_str!("migrations/004_desk_identity.sql"),
            super::identity::name_rows_and_desk,
        )
        .foreign_key_check(),
        M::up(include_str!("migrations/005_pairings_by_learner.sql")),
        M::up(include_str!("migrations/006_mentor_recognition.sql")),
        M::up(include_str!("migrations/010_mentor_pause.sql")),
        M::up(include_str!("migrations/011_notes_search.sql")),
    ]
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 8;

/// How long a statement waits for another desk's write lock before giving up.
const BUSY_TIMEOUT_MS: u64 = 5_000;

/// Counts this connection's writes to check-ins, whichever statement makes them: temporary
/// triggers fire for this connection only, and the count rolls back with a refused write.
/// Another connection's writes are told by `PRAGMA data_version` instead.
const COUNT_CHECKIN_WRITES: &str = "
    CREATE TEMP TABLE checkin_writes (n INTEGER NOT NULL);
    INSERT INTO temp.checkin_writes (n) VALUES (0);
    CREATE TEMP TRIGGER checkin_inserted AFTER INSERT ON main.checkins
        BEGIN UPDATE temp.checkin_writes SET n = n + 1; END;
    CREATE TEMP TRIGGER checkin_updated AFTER UPDATE ON main.checkins
        BEGIN UPDATE temp.checkin_writes SET n = n + 1; END;
    CREATE TEMP TRIGGER checkin_deleted AFTER DELETE ON main.checkins
        BEGIN UPDATE temp.checkin_writes SET n = n + 1; END;
";

/// An open mentordesk database.
pub struct Store {
    pub(super) conn: Connection,
    path: PathBuf,
    /// Write transactions this connection committed (SQLite's `data_version` counts only
    /// other connections' commits).
    pub(super) own_writes: u64,
    pub(super) context: TxContext,
    /// The mode the file had when it was found readable or writable by others (and made
    /// private on open), for the face to say so once.
    tightened: Option<u32>,
    /// Tells the desk's day; `None` until the desk sets it (then no pause ever ends).
    calendar: Option<Calendar>,
}

/// Tells the desk's day, from the desk's clock (the store never reads the clock itself).
pub type Calendar = Box<dyn Fn() -> chrono::NaiveDate + Send>;

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A new file is created private to its owner (0600) before SQLite touches it, so the
    /// `-wal` and `-shm` files SQLite makes beside it inherit the same mode.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            return Err(StoreError::MissingFolder(parent.to_path_buf()));
        }
        let tightened = if path.exists() {
            make_private(path)?
        } else {
            create_private_file(path)?;
            None
        };
        let conn = Connection::open(path)?;
        let mut store = Self::prepare(conn, path.to_path_buf())?;
        store.tightened = tightened;
        Ok(store)
    }

    /// An in-memory database, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::prepare(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn prepare(mut conn: Connection, path: PathBuf) -> Result<Store, StoreError> {
        let not_a_db = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(path.clone()),
            _ => StoreError::from(e),
        };
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))
            .map_err(not_a_db)?;
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(not_a_db)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(not_a_db)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Off while the schema changes (a table rebuild must not cascade deletes); each step
        // that rebuilds a table checks the foreign keys before it commits.
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        Migrations::new(migrations())
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(COUNT_CHECKIN_WRITES)?;
        let mut store = Store {
            conn,
            path,
            own_writes: 0,
            context: TxContext::default(),
            tightened: None,
            calendar: None,
        };
        store.reload_context()?;
        Ok(store)
    }

    /// Reads who this desk writes as (and whether it keeps a journal) from `desk_identity`;
    /// call after changing the identity.
    pub fn reload_context(&mut self) -> Result<(), StoreError> {
        let identity = self.read(|tx| tx.desk_identity())?;
        self.context = identity.context();
        Ok(())
    }

    /// Where the day comes from for the transactions that follow (a mentor paused until a day
    /// is read as active from that day on).
    pub fn set_calendar(&mut self, calendar: Calendar) {
        self.calendar = Some(calendar);
    }

    /// The desk's day, or the earliest day when no calendar was set.
    pub(super) fn today(&self) -> chrono::NaiveDate {
        self.calendar
            .as_ref()
            .map_or(chrono::NaiveDate::MIN, |calendar| calendar())
    }

    /// Who this desk writes as: the coordinator, or on a mentor desk the mentor.
    pub fn author(&self) -> crate::domain::Author {
        self.context.author.clone()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The mode (e.g. `0o644`) the file had when opening found it open to others and made it
    /// private (0600, with its `-wal` and `-shm`); `None` when it was private already.
    pub fn tightened(&self) -> Option<u32> {
        self.tightened
    }

    /// Where the file stands: `(data_version, own writes)`. The first changes when another
    /// connection (another desk, the command line) commits, the second when this one does;
    /// equal pairs mean nothing changed in between, so what was read then is still current.
    pub fn data_version(&self) -> Result<(i64, u64), StoreError> {
        let others: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?;
        Ok((others, self.own_writes))
    }

    /// Check-in rows this connection has inserted, changed or deleted (committed writes
    /// only): with `data_version`, tells whether check-ins read earlier are still current.
    pub fn checkin_writes(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT n FROM temp.checkin_writes", [], |row| row.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// Runs SQLite's own consistency check; `["ok"]` when healthy.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Rows that break a foreign key, as `table(rowid) -> parent`.
    pub fn foreign_key_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |row| {
            Ok(format!(
                "{}({}) -> {}",
                row.get::<_, String>(0)?,
                row.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                row.get::<_, String>(2)?
            ))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// Makes an existing database and its `-wal`/`-shm` files private (0600) when others may
/// read or write them; returns the database file's mode before, when it changed anything.
#[cfg(unix)]
fn make_private(path: &Path) -> Result<Option<u32>, StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let mut before = None;
    for (i, file) in [
        path.to_path_buf(),
        sibling(path, "-wal"),
        sibling(path, "-shm"),
    ]
    .iter()
    .enumerate()
    {
        let Ok(meta) = std::fs::metadata(file) else {
            continue;
        };
        let mode = meta.permissions().mode() & 0o777;
        if !meta.is_file() || mode & 0o077 == 0 {
            continue;
        }
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| StoreError::Create {
                path: file.clone(),
                source,
            },
        )?;
        if i == 0 || before.is_none() {
            before = Some(mode);
        }
    }
    Ok(before)
}

#[cfg(not(unix))]
fn make_private(_path: &Path) -> Result<Option<u32>, StoreError> {
    Ok(None)
}

/// `desk.sqlite3` + `-wal` → `desk.sqlite3-wal`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
        .map_err(|source| StoreError::Create {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
        .map_err(|source| StoreError::Create {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_private_files_and_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(SCHEMA_VERSION as usize, migrations().len());
        assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_database_open_to_others_is_made_private_on_open() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        drop(Store::open(&path).unwrap());
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.tightened(), Some(0o644));
        assert_eq!(mode(&path), 0o600);
        drop(store);
        assert_eq!(Store::open(&path).unwrap().tightened(), None, "said once");
    }

    #[test]
    fn refuses_missing_folder_and_non_sqlite_and_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope").join("desk.sqlite3");
        assert!(matches!(
            Store::open(&missing),
            Err(StoreError::MissingFolder(_))
        ));

        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "just some notes, not a database, long enough to matter\n".repeat(20),
        )
        .unwrap();
        assert!(matches!(
            Store::open(&text),
            Err(StoreError::NotADatabase(_))
        ));

        let newer = dir.path().join("newer.sqlite3");
        drop(Store::open(&newer).unwrap());
        let conn = Connection::open(&newer).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let err = Store::open(&newer).err().unwrap();
        assert!(err.to_string().contains("newer mentordesk"), "{err}");
    }
}
