//! The audit trail: appended in the same transaction as the change it records.

use rusqlite::params;

use super::codec::{instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{AuditEntry, Author};

impl Tx<'_> {
    /// Appends one audit row; `before`/`after` are JSON snapshots of what changed. The row's
    /// author is the transaction's ([`Tx::author`]).
    pub fn append_audit(
        &self,
        at: chrono::DateTime<chrono::Utc>,
        actor: &str,
        action: &str,
        subject: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO audit (at, actor, action, subject, before, after, author)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        stmt.execute(params![
            instant(at),
            actor,
            action,
            subject,
            before.map(serde_json::Value::to_string),
            after.map(serde_json::Value::to_string),
            self.author().to_string(),
        ])?;
        Ok(())
    }

    /// Audit rows, newest first, at most `limit`.
    pub fn audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, actor, action, subject, before, after, author FROM audit
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, actor, action, subject, before, after, author) = row?;
            let key = id.to_string();
            let json = |raw: Option<String>| -> Result<Option<serde_json::Value>, StoreError> {
                raw.map(|r| {
                    serde_json::from_str(&r).map_err(|e| StoreError::corrupt("audit", &key, e))
                })
                .transpose()
            };
            out.push(AuditEntry {
                id,
                at: parse_instant("audit", &key, &at)?,
                actor,
                author: super::codec::decode("audit", &key, Author::parse(&author))?,
                action,
                subject,
                before: json(before)?,
                after: json(after)?,
            });
        }
        Ok(out)
    }
}
