//! The audit trail: appended in the same transaction as the change it records.

use rusqlite::params;

use super::codec::{instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{AuditEntry, AuditFilter, Author};

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
        self.audit_filtered(&AuditFilter {
            limit,
            ..AuditFilter::default()
        })
    }

    /// Audit rows matching `filter`, newest first. Only the conditions given are part of
    /// the statement, so each one can use its index.
    pub fn audit_filtered(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        let mut sql = format!("SELECT {COLUMNS} FROM audit WHERE 1 = 1");
        let mut values: Vec<String> = Vec::new();
        let mut bind = |sql: &mut String, clause: &str, value: String| {
            values.push(value);
            sql.push_str(&clause.replace('?', &format!("?{}", values.len())));
        };
        if let Some(since) = filter.since {
            bind(&mut sql, " AND at >= ?", instant(since));
        }
        if let Some(actor) = &filter.actor {
            bind(&mut sql, " AND actor = ?", actor.clone());
        }
        if let Some(action) = &filter.action {
            bind(&mut sql, " AND (action = ?", action.clone());
            bind(
                &mut sql,
                " OR action LIKE ? ESCAPE '\\')",
                format!("{}.%", like(action)),
            );
        }
        if let Some(subject) = &filter.subject {
            let id = subject
                .split_once(':')
                .map_or(subject.as_str(), |(_, id)| id);
            bind(&mut sql, " AND (subject = ?", subject.clone());
            for kind in ["learner", "mentor", "pairing", "checkin", "milestone"] {
                bind(&mut sql, " OR subject = ?", format!("{kind}:{id}"));
            }
            bind(
                &mut sql,
                " OR subject LIKE ? ESCAPE '\\'",
                format!("pair:{}/%", like(id)),
            );
            bind(
                &mut sql,
                " OR subject LIKE ? ESCAPE '\\'",
                format!("pair:%/{}", like(id)),
            );
            bind(
                &mut sql,
                " OR subject IN (SELECT 'pairing:' || id FROM pairings WHERE learner = ?",
                id.to_string(),
            );
            bind(&mut sql, " OR mentor = ?))", id.to_string());
        }
        values.push(filter.limit.to_string());
        sql.push_str(&format!(" ORDER BY id DESC LIMIT ?{}", values.len()));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), raw_row)?;
        rows.map(|row| decode_row(row?)).collect()
    }

    /// One audit entry by id.
    pub fn audit_entry(&self, id: i64) -> Result<Option<AuditEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM audit WHERE id = ?1"))?;
        let mut rows = stmt.query_map([id], raw_row)?;
        rows.next().transpose()?.map(decode_row).transpose()
    }

    /// The id of the newest audit entry (0 when there is none): the entry just appended.
    pub fn last_audit_id(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM audit", [], |row| {
                row.get(0)
            })?)
    }

    /// Where the audit ids break their run 1, 2, 3, …: each `(after, next)` pair of ids
    /// with numbers missing between them (an entry was removed behind the desk's back),
    /// with `(0, first)` when the trail does not start at 1.
    pub fn audit_gaps(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT prev, id FROM (
                 SELECT id, coalesce(lag(id) OVER (ORDER BY id), 0) AS prev FROM audit
             ) WHERE id <> prev + 1",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// True when an erasure's unlock of the audit trail was left behind (it never is when
    /// the erasure committed through the desk).
    pub fn audit_unlocked(&self) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM audit_unlock)", [], |row| {
                row.get(0)
            })?)
    }
}

const COLUMNS: &str = "id, at, actor, action, subject, before, after, author";

type RawRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
);

fn raw_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
    ))
}

fn decode_row(raw: RawRow) -> Result<AuditEntry, StoreError> {
    let (id, at, actor, action, subject, before, after, author) = raw;
    let key = id.to_string();
    let json = |raw: Option<String>| -> Result<Option<serde_json::Value>, StoreError> {
        raw.map(|r| serde_json::from_str(&r).map_err(|e| StoreError::corrupt("audit", &key, e)))
            .transpose()
    };
    Ok(AuditEntry {
        id,
        at: parse_instant("audit", &key, &at)?,
        actor,
        author: super::codec::decode("audit", &key, Author::parse(&author))?,
        action,
        subject,
        before: json(before)?,
        after: json(after)?,
    })
}

/// `text` with LIKE's wildcards escaped (`\` is the escape character).
fn like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    fn store_with_two_entries() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                let at = chrono::DateTime::UNIX_EPOCH;
                let after = serde_json::json!({"reason": "conflict of interest"});
                tx.append_audit(at, "ana", "exclude", "pair:L1/M1", None, Some(&after))?;
                tx.append_audit(at, "ana", "weights.set", "weight:topic", None, None)
            })
            .unwrap();
        store
    }

    #[test]
    fn the_trail_refuses_update_and_delete() {
        let store = store_with_two_entries();
        for sql in [
            "UPDATE audit SET after = NULL WHERE id = 1",
            "UPDATE audit SET actor = 'someone else'",
            "DELETE FROM audit WHERE id = 2",
            "DELETE FROM audit",
        ] {
            let err = store.conn.execute(sql, []).unwrap_err().to_string();
            assert!(err.contains("insert-only"), "{sql}: {err}");
        }
        let count: i64 = store
            .conn
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 2);
    }

    #[test]
    fn an_erasure_may_blank_words_but_never_who_when_or_what() {
        let store = store_with_two_entries();
        store
            .conn
            .execute(
                "INSERT INTO audit_unlock (one, reason) VALUES (1, 'erasure')",
                [],
            )
            .unwrap();
        store
            .conn
            .execute("UPDATE audit SET after = NULL WHERE id = 1", [])
            .unwrap();
        let err = store
            .conn
            .execute("UPDATE audit SET action = 'nothing' WHERE id = 1", [])
            .unwrap_err();
        assert!(err.to_string().contains("never change"), "{err}");
        assert!(
            store.conn.execute("DELETE FROM audit", []).is_err(),
            "no deletes even then"
        );
    }

    #[test]
    fn filters_narrow_and_gaps_are_found() {
        let mut store = store_with_two_entries();
        let found = store
            .read(|tx| {
                tx.audit_filtered(&crate::domain::AuditFilter {
                    subject: Some("M1".into()),
                    ..Default::default()
                })
            })
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].action, "exclude");
        let found = store
            .read(|tx| {
                tx.audit_filtered(&crate::domain::AuditFilter {
                    action: Some("weights".into()),
                    actor: Some("ana".into()),
                    ..Default::default()
                })
            })
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(store.read(|tx| tx.audit_gaps()).unwrap(), vec![]);
        // A row removed behind the desk's back (triggers dropped) leaves a gap.
        store
            .conn
            .execute_batch(
                "DROP TRIGGER audit_insert_only_delete;
                 DELETE FROM audit WHERE id = 1;",
            )
            .unwrap();
        assert_eq!(store.read(|tx| tx.audit_gaps()).unwrap(), vec![(0, 2)]);
    }
}
