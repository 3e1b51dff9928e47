//! Telling a database from a folder or a stranger's file before SQLite opens it, and a
//! damaged database from a healthy one when it opens: SQLite's `quick_check` runs on every
//! file small enough for it to be cheap, and a file found damaged is opened for reading only
//! so the damage cannot spread.

use std::io::Read;
use std::path::Path;

use rusqlite::Connection;

use super::error::StoreError;

/// The largest file (database plus its `-wal`) that opening checks with `PRAGMA
/// quick_check`, which reads every page. Measured with a release build on the project's
/// loaded 2-core machine: about 13 ms per MB (a 2.5 MB file, a demo of 1,000 learners and
/// 200 mentors, opens 30 ms slower; a 12 MB one, 5,000 × 1,000, 160 ms slower). At 4 MB
/// (about 1,500 learners with six months of history) a command pays at most about 50 ms;
/// larger files are checked by `mentordesk check`, and whenever SQLite meets a damaged page
/// the file is named and writes stop.
pub const QUICK_CHECK_LIMIT: u64 = 4 * 1024 * 1024;

/// How many of `quick_check`'s lines are kept to describe the damage.
const LINES_KEPT: u32 = 3;

/// Every SQLite database starts with these 16 bytes.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Refuses a folder, and a file that is not an SQLite database at all (an empty file is a
/// new database).
pub(super) fn refuse_non_database(path: &Path) -> Result<(), StoreError> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(StoreError::IsFolder(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    let mut head = Vec::with_capacity(SQLITE_HEADER.len());
    std::fs::File::open(path)
        .and_then(|file| file.take(SQLITE_HEADER.len() as u64).read_to_end(&mut head))
        .map_err(|source| StoreError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
    if head.as_slice() != SQLITE_HEADER {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    Ok(())
}

/// Bytes of the file and its `-wal`: what `quick_check` would read.
pub(super) fn checked_size(path: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    size(path) + size(&super::open::sibling(path, "-wal"))
}

/// What SQLite's `quick_check` finds wrong, in one line; `None` when the file is whole. A
/// check that cannot even run (the schema itself is unreadable) is damage too.
pub(super) fn quick_check(conn: &Connection) -> Option<String> {
    let found = conn
        .prepare(&format!("PRAGMA quick_check({LINES_KEPT})"))
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        });
    match found {
        Ok(rows) if rows.iter().all(|row| row == "ok") => None,
        Ok(rows) => Some(summary(&rows)),
        Err(err) => Some(err.to_string()),
    }
}

/// Makes each full-text (FTS5) table of the file drop the index layout it cached, when
/// another connection changed the index since it was read: a statement opening the table
/// does that (FTS5 compares `data_version` there). Run first in the transaction of an
/// integrity check, whose FTS5 part reads the cached layout as it stands. Best effort: on a
/// damaged file the read may fail, and the check that follows says why.
pub(super) fn refresh_full_text(conn: &Connection) {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema
             WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
        )
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap_or_default();
    for table in tables {
        let name = table.replace('"', "\"\"");
        // An error here is the damage the check itself goes on to report.
        let _opened = conn.query_row(
            &format!("SELECT count(*) FROM (SELECT rowid FROM \"{name}\" LIMIT 1)"),
            [],
            |row| row.get::<_, i64>(0),
        );
    }
}

/// The first problem `quick_check` names (its rows may hold several lines, and a heading
/// naming the schema), and whether there are more.
fn summary(rows: &[String]) -> String {
    let mut lines = rows
        .iter()
        .flat_map(|row| row.lines())
        .filter(|line| !line.starts_with("*** in database"))
        .map(crate::domain::text::clean_line)
        .filter(|line| !line.is_empty());
    let first = lines.next().unwrap_or_else(|| "damaged".to_string());
    if lines.next().is_some() {
        format!("{first}, and more")
    } else {
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_one_line_without_the_heading() {
        let rows = vec![
            "*** in database main ***\nTree 6 page 58: btreeInitPage() returns error code 11\n\
             Tree 6 page 57 cell 5: Rowid out of order"
                .to_string(),
        ];
        assert_eq!(
            summary(&rows),
            "Tree 6 page 58: btreeInitPage() returns error code 11, and more"
        );
        assert_eq!(
            summary(&["row 3 missing from index x".to_string()]),
            "row 3 missing from index x"
        );
    }
}
