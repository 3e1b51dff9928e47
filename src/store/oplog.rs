//! The operation log's rows: decisions with what undoing them needs, marked when undone or
//! made void. Rows are never deleted (a trigger refuses it).

use rusqlite::params;

use super::codec::{instant, parse_instant};
use super::erase::PersonKind;
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{LoggedOperation, Operation, OperationId, PairingId};

const COLUMNS: &str = "id, at, actor, kind, payload, audit, undone_at, undone_by, void";

impl Tx<'_> {
    /// Logs `operation`, recorded by audit entry `audit`; returns its id.
    pub fn insert_operation(
        &self,
        at: chrono::DateTime<chrono::Utc>,
        actor: &str,
        operation: &Operation,
        audit: i64,
    ) -> Result<OperationId, StoreError> {
        let payload = serde_json::to_string(operation)
            .map_err(|e| StoreError::corrupt("operations", "new", e))?;
        self.conn
            .prepare_cached(
                "INSERT INTO operations (at, actor, kind, payload, audit)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                instant(at),
                actor,
                operation.kind(),
                payload,
                audit
            ])?;
        Ok(OperationId(self.conn.last_insert_rowid()))
    }

    /// The newest operations first, at most `limit`.
    pub fn operations(&self, limit: u32) -> Result<Vec<LoggedOperation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM operations ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], raw)?;
        rows.map(|r| decode(r?)).collect()
    }

    pub fn operation(&self, id: OperationId) -> Result<Option<LoggedOperation>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM operations WHERE id = ?1"))?;
        let mut rows = stmt.query_map([id.0], raw)?;
        rows.next().transpose()?.map(decode).transpose()
    }

    /// The newest operation neither undone nor void, leaving out `skip`.
    pub fn newest_open_operation(
        &self,
        skip: &[OperationId],
    ) -> Result<Option<LoggedOperation>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM operations WHERE undone_at IS NULL AND void IS NULL
             ORDER BY id DESC"
        ))?;
        let mut rows = stmt.query_map([], raw)?;
        for row in rows.by_ref() {
            let op = decode(row?)?;
            if !skip.contains(&op.id) {
                return Ok(Some(op));
            }
        }
        Ok(None)
    }

    /// Marks `id` undone, by the audit entry `undo_audit`.
    pub fn mark_undone(
        &self,
        id: OperationId,
        at: chrono::DateTime<chrono::Utc>,
        actor: &str,
        undo_audit: i64,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE operations SET undone_at = ?2, undone_by = ?3, undo_audit = ?4
                 WHERE id = ?1 AND undone_at IS NULL AND void IS NULL",
            )?
            .execute(params![id.0, instant(at), actor, undo_audit])?;
        Ok(())
    }

    /// Makes every open operation void for `why` (the program they changed is gone).
    pub fn void_open_operations(&self, why: &str) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "UPDATE operations SET void = ?1, payload = '{}'
                 WHERE undone_at IS NULL AND void IS NULL",
            )?
            .execute([why])?)
    }

    /// Every operation's id and payload text, for an erasure to find the ones naming a
    /// person.
    pub fn operation_payloads(&self) -> Result<Vec<(OperationId, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, payload FROM operations WHERE payload <> '{}'")?;
        let rows = stmt.query_map([], |r| Ok((OperationId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Blanks an operation's payload for an erasure; an open one becomes void for `why`.
    pub fn blank_operation(&self, id: OperationId, why: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE operations SET payload = '{}',
                     void = CASE WHEN undone_at IS NULL THEN coalesce(void, ?2) ELSE void END
                 WHERE id = ?1",
            )?
            .execute(params![id.0, why])?;
        Ok(())
    }

    /// Rows of the log that disagree with the rest of the file, in words: an entry naming
    /// an audit entry that is not there or records another action, an open payload that
    /// cannot be read, an approval logged open whose pairing is gone.
    pub fn operation_log_breaches(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT o.id, o.kind, a.action, u.id FROM operations o
             LEFT JOIN audit a ON a.id = o.audit
             LEFT JOIN audit u ON u.id = o.undo_audit
             WHERE a.id IS NULL OR (o.undo_audit IS NOT NULL AND u.id IS NULL)
                OR (o.undo_audit IS NOT NULL AND u.action NOT LIKE 'undo.%')",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, kind, action) = row?;
            out.push(match action {
                None => {
                    format!("operation log: #{id} ({kind}) names an audit entry that is missing")
                }
                Some(_) => format!(
                    "operation log: #{id} ({kind}) is marked undone by an entry that is not an undo"
                ),
            });
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM operations WHERE undone_at IS NULL AND void IS NULL"
        ))?;
        let rows = stmt.query_map([], raw)?;
        for row in rows {
            let op = decode(row?)?;
            match &op.operation {
                None => out.push(format!(
                    "operation log: #{} ({}) is open but its payload cannot be read",
                    op.id.0, op.kind
                )),
                Some(Operation::Approve(step)) if !self.pairing_exists(step.pairing)? => {
                    out.push(format!(
                        "operation log: #{} approved pairing {} which is not in the file",
                        op.id.0, step.pairing
                    ))
                }
                Some(Operation::ApproveBatch { approved, .. }) => {
                    for step in approved {
                        if !self.pairing_exists(step.pairing)? {
                            out.push(format!(
                                "operation log: #{} approved pairing {} which is not in the file",
                                op.id.0, step.pairing
                            ));
                        }
                    }
                }
                Some(
                    Operation::Decline { pairing }
                    | Operation::Pause { pairing, .. }
                    | Operation::Resume { pairing, .. },
                ) if !self.pairing_exists(*pairing)? => out.push(format!(
                    "operation log: #{} names pairing {} which is not in the file",
                    op.id.0, pairing
                )),
                Some(Operation::End(step) | Operation::Rematch(step))
                    if !self.pairing_exists(step.pairing)? =>
                {
                    out.push(format!(
                        "operation log: #{} names pairing {} which is not in the file",
                        op.id.0, step.pairing
                    ))
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// The newest pause/resume row of a pairing (the one a move just wrote).
    pub fn newest_pairing_event(&self, pairing: PairingId) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(id), 0) FROM pairing_events WHERE pairing = ?1",
            [pairing.0],
            |r| r.get(0),
        )?)
    }

    /// Forgets a pause or resume that was undone.
    pub fn delete_pairing_event(&self, id: i64) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM pairing_events WHERE id = ?1", [id])?;
        Ok(())
    }

    /// True when a check-in was recorded on `pairing` at or after `since`.
    pub fn checkins_recorded_since(
        &self,
        pairing: PairingId,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM checkins WHERE pairing = ?1 AND recorded_at >= ?2)",
            params![pairing.0, instant(since)],
            |r| r.get(0),
        )?)
    }

    /// What a person has that keeps them from being removed (`pairings`, `milestones`,
    /// `exclusions`, `mentor keys`), or `None` when they have nothing.
    pub fn person_records(
        &self,
        kind: PersonKind,
        id: &str,
    ) -> Result<Option<&'static str>, StoreError> {
        let checks: &[(&'static str, &str)] = match kind {
            PersonKind::Learner => &[
                (
                    "pairings",
                    "SELECT EXISTS (SELECT 1 FROM pairings WHERE learner = ?1)",
                ),
                (
                    "milestones",
                    "SELECT EXISTS (SELECT 1 FROM milestones WHERE learner = ?1)",
                ),
                (
                    "exclusions",
                    "SELECT EXISTS (SELECT 1 FROM exclusions WHERE learner = ?1)",
                ),
                (
                    "reflections",
                    "SELECT EXISTS (SELECT 1 FROM reflections WHERE learner = ?1)",
                ),
            ],
            PersonKind::Mentor => &[
                (
                    "pairings",
                    "SELECT EXISTS (SELECT 1 FROM pairings WHERE mentor = ?1)",
                ),
                (
                    "endorsements",
                    "SELECT EXISTS (SELECT 1 FROM milestones WHERE endorsed_by = ?1)",
                ),
                (
                    "exclusions",
                    "SELECT EXISTS (SELECT 1 FROM exclusions WHERE mentor = ?1)",
                ),
                (
                    "a mentor key",
                    "SELECT EXISTS (SELECT 1 FROM mentor_keys WHERE mentor = ?1)",
                ),
            ],
        };
        for (what, sql) in checks {
            let found: bool = self.conn.query_row(sql, [id], |r| r.get(0))?;
            if found {
                return Ok(Some(what));
            }
        }
        Ok(None)
    }

    /// Removes a person who has no records (an undone import's newcomer).
    pub fn delete_person(&self, kind: PersonKind, id: &str) -> Result<(), StoreError> {
        let sql = match kind {
            PersonKind::Learner => "DELETE FROM learners WHERE id = ?1",
            PersonKind::Mentor => "DELETE FROM mentors WHERE id = ?1",
        };
        self.conn.execute(sql, [id])?;
        Ok(())
    }

    fn pairing_exists(&self, id: PairingId) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pairings WHERE id = ?1)",
            [id.0],
            |r| r.get(0),
        )?)
    }
}

type Raw = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn decode(raw: Raw) -> Result<LoggedOperation, StoreError> {
    let (id, at, actor, kind, payload, audit, undone_at, undone_by, void) = raw;
    let key = id.to_string();
    let undone = match undone_at {
        Some(at) => Some((
            parse_instant("operations", &key, &at)?,
            undone_by.unwrap_or_default(),
        )),
        None => None,
    };
    Ok(LoggedOperation {
        id: OperationId(id),
        at: parse_instant("operations", &key, &at)?,
        actor,
        audit,
        operation: serde_json::from_str(&payload).ok(),
        kind,
        undone,
        void,
    })
}
