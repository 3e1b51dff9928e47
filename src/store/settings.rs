//! Desk settings: small named values (default zone, weights, thresholds).

use rusqlite::{OptionalExtension, params};

use super::error::StoreError;
use super::tx::Tx;

impl Tx<'_> {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?;
        Ok(stmt.query_row([key], |row| row.get(0)).optional()?)
    }

    pub fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?;
        stmt.execute(params![key, value])?;
        Ok(())
    }

    /// Removes a setting (its default applies again); true when there was one.
    pub fn delete_setting(&self, key: &str) -> Result<bool, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("DELETE FROM settings WHERE key = ?1")?;
        Ok(stmt.execute([key])? > 0)
    }

    /// Settings whose key starts with `prefix`, by key.
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
        )?;
        let rows = stmt.query_map([prefix], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// True when the desk holds no people, pairings or history.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        let any: i64 = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM learners) OR EXISTS (SELECT 1 FROM mentors)
                 OR EXISTS (SELECT 1 FROM pairings)",
            [],
            |row| row.get(0),
        )?;
        Ok(any == 0)
    }
}
