//! Opening the file: private permissions, pragmas, and migrations on `user_version`; a
//! read-only file or folder opened for reading, a damaged file found and opened for reading
//! only, a folder or a stranger's file refused before SQLite touches it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::Migrations;

use super::access::{self, Access, ReadOnly};
use super::damage;
use super::error::StoreError;
use super::schema::{SCHEMA_VERSION, migrations};
use super::tx::TxContext;

/// Where this connection counts its check-in writes (see [`COUNT_CHECKIN_WRITES`]).
const CHECKIN_WRITES_TABLE: &str = "
    CREATE TEMP TABLE checkin_writes (n INTEGER NOT NULL);
    INSERT INTO temp.checkin_writes (n) VALUES (0);
";

/// Counts this connection's writes to check-ins, whichever statement makes them: temporary
/// triggers fire for this connection only, and the count rolls back with a refused write.
/// Another connection's writes are told by `PRAGMA data_version` instead.
const COUNT_CHECKIN_WRITES: &str = "
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
    /// Why nothing can be saved, when the file or its folder is read-only (it was opened
    /// for reading only).
    read_only: Option<ReadOnly>,
    /// What is wrong with the file, once opening's quick check or a statement found it
    /// damaged: from then on writes are refused and reads go on as far as they can.
    pub(super) damage: Option<String>,
    /// Tells the desk's day; `None` until the desk sets it (then no pause ever ends).
    pub(super) calendar: Option<Calendar>,
}

/// Tells the desk's day inside a transaction, from the desk's clock and the zone the
/// transaction reads (the store never reads the clock itself, nor knows where the zone is
/// kept).
pub type Calendar = Box<dyn Fn(&super::tx::Tx<'_>) -> chrono::NaiveDate + Send>;

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A new file is created private to its owner (0600) before SQLite touches it, so the
    /// `-wal` and `-shm` files SQLite makes beside it inherit the same mode. A read-only file
    /// or folder is opened for reading only (see [`Store::read_only`]); a file that SQLite's
    /// quick check finds damaged is too (see [`Store::damage`]).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        damage::refuse_non_database(path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            return Err(StoreError::MissingFolder(parent.to_path_buf()));
        }
        let (conn, tightened, read_only) = match access::access_of(path) {
            Access::ReadWrite => {
                let tightened = if path.exists() {
                    make_private(path)?
                } else {
                    create_private_file(path)?;
                    None
                };
                let conn = Connection::open(path).map_err(|e| opening(e, path))?;
                (conn, tightened, None)
            }
            Access::ReadOnly(ReadOnly::Folder(folder)) if !path.exists() => {
                return Err(StoreError::FolderReadOnly {
                    path: path.to_path_buf(),
                    folder,
                });
            }
            Access::ReadOnly(why) => (open_read_only(path)?, None, Some(why)),
        };
        let mut store = Self::prepare(conn, path.to_path_buf(), read_only)?;
        store.tightened = tightened;
        Ok(store)
    }

    /// An in-memory database, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::prepare(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            None,
        )
    }

    fn prepare(
        mut conn: Connection,
        path: PathBuf,
        read_only: Option<ReadOnly>,
    ) -> Result<Store, StoreError> {
        // Waits for another desk's lock up to `lock_wait::WAIT_LIMIT`, seen and cancellable.
        conn.busy_handler(Some(super::lock_wait::wait_for_lock))
            .map_err(|e| opening(e, &path))?;
        // A file too damaged to tell its own schema version is still opened (each read
        // then says it is damaged, and `check` reports what it finds) rather than refused.
        let (found, unreadable) =
            match conn.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0)) {
                Ok(found) => (found, None),
                Err(err) => match opening(err, &path) {
                    StoreError::Damaged { detail, .. } => (SCHEMA_VERSION, Some(detail)),
                    other => return Err(other),
                },
            };
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let damage = if unreadable.is_some() {
            unreadable
        } else if damage::checked_size(&path) <= damage::QUICK_CHECK_LIMIT {
            damage::quick_check(&conn)
        } else {
            None
        };
        if found < SCHEMA_VERSION {
            if let Some(detail) = damage {
                return Err(StoreError::Damaged { path, detail });
            }
            if let Some(why) = read_only {
                return Err(StoreError::ReadOnlyNeedsUpgrade {
                    path,
                    why,
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
        }
        if read_only.is_none() && damage.is_none() {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| opening(e, &path))?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            // Off while the schema changes (a table rebuild must not cascade deletes); each
            // step that rebuilds a table checks the foreign keys before it commits.
            conn.pragma_update(None, "foreign_keys", "OFF")?;
            Migrations::new(migrations())
                .to_latest(&mut conn)
                .map_err(|e| StoreError::Migration(e.to_string()))?;
        }
        // The count lives in the connection's own temporary database, writable even when
        // the file is not. On a damaged file any statement may fail (SQLite reads the whole
        // schema first): it is opened all the same, to be read as far as it can be and
        // checked, and each later statement names the damage.
        for step in [
            "PRAGMA foreign_keys = ON",
            CHECKIN_WRITES_TABLE,
            COUNT_CHECKIN_WRITES,
        ] {
            if let Err(err) = conn.execute_batch(step)
                && damage.is_none()
            {
                return Err(opening(err, &path));
            }
        }
        let mut store = Store {
            conn,
            path,
            own_writes: 0,
            context: TxContext::default(),
            tightened: None,
            read_only,
            damage,
            calendar: None,
        };
        // A damaged file may hide who this desk is: it is opened to be read and checked,
        // never written, so the coordinator's context stands in.
        if let Err(err) = store.reload_context()
            && store.damage.is_none()
        {
            return Err(err);
        }
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

    /// Who this desk writes as: the coordinator, or on a mentor desk the mentor.
    pub fn author(&self) -> crate::domain::Author {
        self.context.author.clone()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why nothing can be saved to the file, when it or its folder is read-only: reads work,
    /// and every write is refused with [`StoreError::ReadOnly`].
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// What is wrong with the file, when it is known to be damaged: reads go on as far as
    /// SQLite can, and every write is refused with [`StoreError::Damaged`].
    pub fn damage(&self) -> Option<&str> {
        self.damage.as_deref()
    }

    /// Why a write must not start, when it must not.
    pub(super) fn write_refusal(&self) -> Option<StoreError> {
        if let Some(detail) = &self.damage {
            return Some(StoreError::Damaged {
                path: self.path.clone(),
                detail: detail.clone(),
            });
        }
        self.read_only.clone().map(|why| StoreError::ReadOnly {
            path: self.path.clone(),
            why,
        })
    }

    /// Names the file in an error a statement raised without knowing it, and remembers
    /// damage once met so no later write makes it worse.
    pub(super) fn name_file(&mut self, err: StoreError) -> StoreError {
        if let StoreError::Malformed(detail) = &err {
            self.damage.get_or_insert_with(|| detail.clone());
        }
        self.named(err)
    }

    /// Names the file in an error a statement raised without knowing it.
    fn named(&self, err: StoreError) -> StoreError {
        match err {
            StoreError::Malformed(detail) => StoreError::Damaged {
                path: self.path.clone(),
                detail,
            },
            StoreError::WriteRefusedReadOnly => StoreError::ReadOnly {
                path: self.path.clone(),
                why: match access::access_of(&self.path) {
                    Access::ReadOnly(why) => why,
                    Access::ReadWrite => ReadOnly::File,
                },
            },
            other => other,
        }
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
            .query_row("PRAGMA data_version", [], |row| row.get(0))
            .map_err(|e| self.named(e.into()))?;
        Ok((others, self.own_writes))
    }

    /// Check-in rows this connection has inserted, changed or deleted (committed writes
    /// only): with `data_version`, tells whether check-ins read earlier are still current.
    pub fn checkin_writes(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT n FROM temp.checkin_writes", [], |row| row.get(0))
            .map_err(|e| self.named(e.into()))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| self.named(e.into()))
    }

    /// Runs SQLite's own consistency check; `["ok"]` when healthy.
    ///
    /// One read transaction, in which the full-text index is read first: FTS5 keeps the
    /// layout of its index (the "structure") cached per connection and checks it against
    /// `data_version` when a statement opens the table, but its integrity check (`xIntegrity`,
    /// SQLite 3.53) does not. On a connection that read the index before another one replaced
    /// it (`demo --force`), the check would follow the old layout to pages that are gone and
    /// report corruption the file does not have (see `damage::refresh_full_text`).
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        super::damage::refresh_full_text(&tx);
        let lines = {
            let mut stmt = tx.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        // A read: nothing to keep; ending it releases the snapshot.
        drop(tx);
        Ok(lines)
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
/// A `-wal` or `-shm` its owner cannot write (SQLite gives them the database's mode, so a
/// read-only open of a 0400 file leaves a 0400 `-shm`) is given back 0600 as well: left so,
/// it would make every later write fail.
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
        let locked_out = i > 0 && mode & 0o600 != 0o600;
        if !meta.is_file() || (mode & 0o077 == 0 && !locked_out) {
            continue;
        }
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| StoreError::Create {
                path: file.clone(),
                source,
            },
        )?;
        if mode & 0o077 != 0 && (i == 0 || before.is_none()) {
            before = Some(mode);
        }
    }
    Ok(before)
}

#[cfg(not(unix))]
fn make_private(_path: &Path) -> Result<Option<u32>, StoreError> {
    Ok(None)
}

/// Opens a read-only file or a file in a read-only folder for reading. With no `-wal` in
/// use SQLite is told the file cannot change (`immutable`), so it needs no `-shm` beside it
/// (which it could not create in a read-only folder, and would create with the file's 0400
/// mode in a writable one); with one, it reads through the log as any reader does.
fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let wal_in_use = std::fs::metadata(sibling(path, "-wal")).is_ok_and(|m| m.len() > 0);
    let absolute = std::path::absolute(path).map_err(|source| StoreError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let mut uri = String::from("file://");
    for byte in absolute.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'.' | b'-' | b'_' | b'~' => {
                uri.push(char::from(*byte));
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    if !wal_in_use {
        uri.push_str("?immutable=1");
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(uri, flags).map_err(|e| opening(e, path))
}

/// An error from opening `path` or reading its header, naming the file.
fn opening(err: rusqlite::Error, path: &Path) -> StoreError {
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(path.to_path_buf()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: err.to_string(),
        },
        _ => StoreError::from(err),
    }
}

/// `desk.sqlite3` + `-wal` → `desk.sqlite3-wal`.
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
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

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_opens_for_reading_and_refuses_writes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        drop(Store::open(&path).unwrap());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.read_only(), Some(&ReadOnly::File));
        assert!(store.read(|tx| tx.is_empty()).unwrap());
        let refused = store.write(|tx| tx.put_setting("zone", "UTC")).unwrap_err();
        assert!(
            matches!(refused, StoreError::ReadOnly { .. }),
            "{refused:?}"
        );
        assert!(refused.to_string().contains("chmod u+w"), "{refused}");
        drop(store);
        assert!(!sibling(&path, "-shm").exists(), "nothing made beside it");
    }

    #[test]
    fn a_damaged_file_opens_for_reading_and_refuses_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let mut store = Store::open(&path).unwrap();
        store
            .write(|tx| {
                for i in 0..400 {
                    tx.put_setting(&format!("key{i}"), &"x".repeat(200))?;
                }
                Ok::<_, StoreError>(())
            })
            .unwrap();
        drop(store);
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle..middle + 3000].fill(0xde);
        std::fs::write(&path, bytes).unwrap();

        let mut store = Store::open(&path).unwrap();
        assert!(store.damage().is_some());
        let refused = store.write(|tx| tx.put_setting("zone", "UTC")).unwrap_err();
        assert!(matches!(refused, StoreError::Damaged { .. }), "{refused:?}");
        let text = refused.to_string();
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("mentordesk check --db"), "{text}");
    }

    #[test]
    fn a_folder_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open(dir.path()).err().unwrap();
        assert!(matches!(err, StoreError::IsFolder(_)), "{err:?}");
        assert!(err.to_string().contains("is a folder, not a database file"));
    }
}
