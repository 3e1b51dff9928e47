//! A whole program at once: clearing the people and their history so another program can be
//! loaded, the numbers already given (never handed out again), and writing in bulk with the
//! references checked once at the end instead of row by row.

use super::error::{StoreError, WorkError};
use super::open::Store;
use super::tx::Tx;

/// The tables that hold a program, children before parents. `mentor_keys` goes too: a key
/// was made for one mentor's desk of the replaced program, and a bundle signed with it must
/// not be taken for the new program's mentor who happens to have the same id.
const PROGRAM_TABLES: &[&str] = &[
    // The search index first: emptied whole, the delete triggers of the tables below find
    // nothing left to take out of it.
    "search_text",
    "search_rows",
    "pairing_notes",
    "reflections",
    "concerns",
    "pairing_events",
    "milestones",
    "checkins",
    "exclusions",
    "pairings",
    "mentor_keys",
    "pack_guides",
    "learners",
    "mentors",
];

/// How many broken references a refused bulk write names.
const BREACHES_SHOWN: usize = 5;

/// The highest pairing and milestone ids ever given on this file, whether or not the rows
/// still exist: a program loaded after them numbers its rows above these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdFloors {
    pub pairings: i64,
    pub milestones: i64,
}

impl Tx<'_> {
    /// Removes every person and their history; settings, the audit trail, sync records and
    /// the numbering (`sqlite_sequence`) stay. Inside [`Store::write_in_bulk`] each `DELETE`
    /// without a `WHERE` lets SQLite drop the table's pages at once (its truncate
    /// optimisation, which foreign keys would turn off) instead of visiting every row:
    /// row by row, each check-in removed was looked up among the others' `supersedes`, which
    /// has no index, and replacing 5,000 learners took 17 s.
    pub fn clear_program(&self) -> Result<(), StoreError> {
        for table in PROGRAM_TABLES {
            self.conn.execute(&format!("DELETE FROM {table}"), [])?;
        }
        Ok(())
    }

    /// The numbers already given out for pairings and milestones (AUTOINCREMENT keeps them
    /// in `sqlite_sequence` after their rows are gone).
    pub fn id_floors(&self) -> Result<IdFloors, StoreError> {
        let floor = |table: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(
                &format!(
                    "SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0),
                                COALESCE((SELECT max(id) FROM {table}), 0))"
                ),
                [table],
                |row| row.get(0),
            )?)
        };
        Ok(IdFloors {
            pairings: floor("pairings")?,
            milestones: floor("milestones")?,
        })
    }

    /// Rows that refer to a row that does not exist, as `table(rowid) -> parent`; at most
    /// `limit` of them.
    fn broken_references(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |row| {
            Ok(format!(
                "{}({}) -> {}",
                row.get::<_, String>(0)?,
                row.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                row.get::<_, String>(2)?
            ))
        })?;
        rows.take(limit)
            .collect::<Result<Vec<_>, _>>()
            .map_err(StoreError::from)
    }
}

impl Store {
    /// Like [`Store::write`], for work that writes whole tables (loading or replacing a
    /// program): foreign keys are checked once over the whole file before the commit instead
    /// of on every row, and the transaction is refused, whole, when a reference is broken.
    pub fn write_in_bulk<T, E>(
        &mut self,
        mut work: impl FnMut(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: WorkError,
    {
        // A connection setting, which SQLite ignores inside a transaction: set it around one.
        self.conn
            .pragma_update(None, "foreign_keys", "OFF")
            .map_err(StoreError::from)?;
        let result = self.write(|tx| -> Result<T, E> {
            let value = work(tx)?;
            let broken = tx.broken_references(BREACHES_SHOWN)?;
            if !broken.is_empty() {
                return Err(StoreError::Constraint(format!(
                    "rows refer to rows that do not exist: {}",
                    broken.join(", ")
                ))
                .into());
            }
            Ok(value)
        });
        let restored = self
            .conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(StoreError::from);
        let value = result?;
        restored?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulk_write_with_a_broken_reference_is_refused_whole() {
        let mut store = Store::open_in_memory().unwrap();
        let result: Result<(), StoreError> = store.write_in_bulk(|tx| {
            tx.conn.execute(
                "INSERT INTO exclusions (learner, mentor, reason, created_at)
                 VALUES ('L1', 'M1', 'asked', '2026-01-01T00:00:00Z')",
                [],
            )?;
            Ok(())
        });
        let err = result.unwrap_err();
        assert!(err.to_string().contains("exclusions(1) -> "), "{err}");
        let left: i64 = store
            .conn
            .query_row("SELECT count(*) FROM exclusions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "nothing of the refused write stays");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys are on again after the bulk write");
    }

    #[test]
    fn id_floors_remember_numbers_whose_rows_are_gone() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write_in_bulk(|tx| {
                tx.conn.execute_batch(
                    "INSERT INTO learners (id, name, joined_at, updated_at)
                         VALUES ('L1', 'Ana', 'x', 'x');
                     INSERT INTO mentors (id, name, capacity, joined_at, updated_at)
                         VALUES ('M1', 'Bo', 2, 'x', 'x');
                     INSERT INTO pairings (id, uid, learner, mentor, status, cadence_days,
                                           session_minutes, planned_weeks, created_at)
                         VALUES (78, 'u78', 'L1', 'M1', 'proposed', 7, 60, 12, 'x');",
                )?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        store.write_in_bulk(|tx| tx.clear_program()).unwrap();
        let floors = store.read(|tx| tx.id_floors()).unwrap();
        assert_eq!(floors.pairings, 78);
        assert_eq!(floors.milestones, 0);
        assert!(store.read(|tx| tx.is_empty()).unwrap());
    }
}
