//! Concerns about pairings (schema step 012): raised, listed, resolved. The rules (which kinds
//! are high, what a note may hold, who may resolve) belong to `domain` and `desk`.

use rusqlite::{OptionalExtension, params};

use super::codec::{decode, instant, parse_instant, parse_opt_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::concern::Resolution;
use crate::domain::{
    Author, CheckInId, Concern, ConcernKind, LearnerId, PairingId, RecordId, Severity,
};

const COLUMNS: &str = "c.id, c.uid, c.pairing, c.kind, c.severity, c.note, c.author, c.actor,
    c.raised_at, c.checkin, c.resolved_at, c.resolved_by, c.resolution";

/// A row as SQLite gives it, decoded after the statement so a bad value names its row.
type Raw = (
    i64,
    String,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn raw(row: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
        row.get(11)?,
        row.get(12)?,
    ))
}

fn decode_row(r: Raw) -> Result<Concern, StoreError> {
    let (id, uid, pairing, kind, severity, note, author, actor, raised, checkin, at, by, what) = r;
    let key = id.to_string();
    const T: &str = "concerns";
    let resolution = match (parse_opt_instant(T, &key, at)?, by, what) {
        (Some(at), Some(by), Some(note)) => Some(Resolution { at, by, note }),
        _ => None,
    };
    Ok(Concern {
        id,
        uid: decode(T, &key, RecordId::parse(&uid))?,
        pairing: PairingId(pairing),
        kind: decode(T, &key, kind.parse::<ConcernKind>())?,
        severity: decode(T, &key, severity.parse::<Severity>())?,
        note,
        author: decode(T, &key, Author::parse(&author))?,
        actor,
        raised_at: parse_instant(T, &key, &raised)?,
        checkin: checkin
            .map(|c| decode(T, &key, CheckInId::parse(&c)))
            .transpose()?,
        resolution,
    })
}

impl Tx<'_> {
    /// Stores a new concern (its `id` is ignored); returns its number.
    pub fn insert_concern(&self, c: &Concern) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO concerns (uid, pairing, kind, severity, note, author, actor, raised_at,
                                   checkin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                c.uid.to_string(),
                c.pairing.0,
                c.kind.as_str(),
                c.severity.as_str(),
                c.note,
                c.author.to_string(),
                c.actor,
                instant(c.raised_at),
                c.checkin.map(|id| id.to_string()),
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Closes an open concern; returns false when it was not open (or not there).
    pub fn resolve_concern(&self, id: i64, resolution: &Resolution) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "UPDATE concerns SET resolved_at = ?2, resolved_by = ?3, resolution = ?4
             WHERE id = ?1 AND resolved_at IS NULL",
            params![id, instant(resolution.at), resolution.by, resolution.note],
        )?;
        Ok(changed == 1)
    }

    pub fn concern(&self, id: i64) -> Result<Option<Concern>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM concerns c WHERE c.id = ?1"))?;
        stmt.query_row([id], raw)
            .optional()?
            .map(decode_row)
            .transpose()
    }

    pub fn concern_by_uid(&self, uid: RecordId) -> Result<Option<Concern>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM concerns c WHERE c.uid = ?1"
        ))?;
        stmt.query_row([uid.to_string()], raw)
            .optional()?
            .map(decode_row)
            .transpose()
    }

    /// Every concern (or only the open ones), by number.
    pub fn concerns(&self, open_only: bool) -> Result<Vec<Concern>, StoreError> {
        let filter = if open_only {
            "WHERE c.resolved_at IS NULL"
        } else {
            ""
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM concerns c {filter} ORDER BY c.id"
        ))?;
        let rows = stmt.query_map([], raw)?;
        rows.map(|r| decode_row(r?)).collect()
    }

    /// Every concern on a learner's pairings, oldest first.
    pub fn concerns_of_learner(&self, learner: &LearnerId) -> Result<Vec<Concern>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM concerns c JOIN pairings p ON p.id = c.pairing
             WHERE p.learner = ?1 ORDER BY c.raised_at, c.id"
        ))?;
        let rows = stmt.query_map([learner.as_str()], raw)?;
        rows.map(|r| decode_row(r?)).collect()
    }

    /// How many concerns are open, and how many of them are high (the tab bar's marker).
    pub fn open_concern_counts(&self) -> Result<(u64, u64), StoreError> {
        let (open, high): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(severity = 'high'), 0) FROM concerns
             WHERE resolved_at IS NULL",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok((
            u64::try_from(open).unwrap_or_default(),
            u64::try_from(high).unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::store::Store;

    #[test]
    fn a_resolution_is_whole_and_happens_once() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                tx.conn.execute_batch(
                    "INSERT INTO learners (id, name, languages, status, joined_at, updated_at)
                     VALUES ('L1', 'Ana', 'en', 'matched', '2026-01-01T00:00:00Z',
                             '2026-01-01T00:00:00Z');
                     INSERT INTO mentors (id, name, languages, capacity, joined_at, updated_at)
                     VALUES ('M1', 'Sam', 'en', 2, '2026-01-01T00:00:00Z',
                             '2026-01-01T00:00:00Z');
                     INSERT INTO pairings (id, uid, learner, mentor, status, cadence_days,
                                           session_minutes, planned_weeks, created_at)
                     VALUES (1, '0190a000-0000-7000-8000-000000000001', 'L1', 'M1', 'active',
                             14, 60, 12, '2026-01-02T00:00:00Z');",
                )?;
                let at = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
                let mut c = Concern {
                    id: 0,
                    uid: RecordId::new_at(5, 5),
                    pairing: PairingId(1),
                    kind: ConcernKind::NoShow,
                    severity: Severity::Low,
                    note: "missed twice".into(),
                    author: Author::Coordinator,
                    actor: "ana".into(),
                    raised_at: at,
                    checkin: None,
                    resolution: None,
                };
                c.id = tx.insert_concern(&c)?;
                assert_eq!(tx.concern(c.id)?.as_ref(), Some(&c));
                assert_eq!(tx.concern_by_uid(c.uid)?.as_ref(), Some(&c));
                assert_eq!(tx.open_concern_counts()?, (1, 0));
                let done = Resolution {
                    at,
                    by: "ana".into(),
                    note: "rescheduled".into(),
                };
                assert!(tx.resolve_concern(c.id, &done)?);
                assert!(
                    !tx.resolve_concern(c.id, &done)?,
                    "a second time changes nothing"
                );
                assert_eq!(tx.concern(c.id)?.unwrap().resolution, Some(done));
                assert!(tx.concerns(true)?.is_empty());
                assert_eq!(tx.concerns(false)?.len(), 1);
                // A conduct concern cannot be stored low, whoever writes it.
                let low_conduct = tx
                    .conn
                    .execute("UPDATE concerns SET kind = 'conduct' WHERE id = ?1", [c.id]);
                assert!(low_conduct.is_err());
                Ok::<_, StoreError>(())
            })
            .unwrap();
    }
}
