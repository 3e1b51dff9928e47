//! Check-ins: sessions logged against a pairing.

use rusqlite::{OptionalExtension, params};

use super::codec::{decode, instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::person::join_list;
use crate::domain::{CheckIn, CheckInId, CheckInSummary, Confidence, PairingId, Tag};

impl Tx<'_> {
    pub fn insert_checkin(&self, c: &CheckIn) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO checkins (id, pairing, at, minutes, mode, confidence, notes, topics,
                                   next_steps, author_desk, supersedes, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        stmt.execute(params![
            c.id.to_string(),
            c.pairing.0,
            instant(c.at),
            c.minutes,
            c.mode.map(|m| m.as_str()),
            c.confidence.map(Confidence::get),
            c.notes,
            join_list(&c.topics),
            c.next_steps,
            c.author_desk,
            c.supersedes.map(|s| s.to_string()),
            instant(c.recorded_at),
        ])?;
        Ok(())
    }

    /// Check-ins of one pairing (or all when `None`), oldest first.
    pub fn checkins(&self, pairing: Option<PairingId>) -> Result<Vec<CheckIn>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, pairing, at, minutes, mode, confidence, notes, topics, next_steps,
                    author_desk, supersedes, recorded_at
             FROM checkins WHERE ?1 IS NULL OR pairing = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([pairing.map(|p| p.0)], |row| {
            Ok((
                [
                    row.get::<_, String>(0)?,
                    row.get(2)?,
                    row.get(6)?,
                    row.get(7)?,
                    row.get(9)?,
                    row.get(11)?,
                ],
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<i64>>(5)?,
                row.get::<_, Option<String>>(8)?,
                row.get::<_, Option<String>>(10)?,
            ))
        })?;
        let t = "checkins";
        let mut out = Vec::new();
        for row in rows {
            let (
                [id, at, notes, topics, author_desk, recorded],
                pairing,
                minutes,
                mode,
                confidence,
                next_steps,
                supersedes,
            ) = row?;
            let key = id.clone();
            out.push(CheckIn {
                id: decode(t, &key, CheckInId::parse(&id))?,
                pairing: PairingId(pairing),
                at: parse_instant(t, &key, &at)?,
                minutes: decode(t, &key, u32::try_from(minutes))?,
                mode: mode.map(|m| decode(t, &key, m.parse())).transpose()?,
                confidence: confidence
                    .map(|c| {
                        decode(t, &key, u8::try_from(c))
                            .and_then(|c| decode(t, &key, Confidence::new(c)))
                    })
                    .transpose()?,
                notes,
                topics: decode(t, &key, Tag::parse_list(&topics))?,
                next_steps,
                author_desk,
                supersedes: supersedes
                    .map(|s| decode(t, &key, CheckInId::parse(&s)))
                    .transpose()?,
                recorded_at: parse_instant(t, &key, &recorded)?,
            });
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// Every check-in version without its words, in no particular order: what the program's
    /// metrics read (notes, topics and next steps are most of a row).
    pub fn checkin_summaries(&self) -> Result<Vec<CheckInSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, pairing, at, minutes, confidence, supersedes FROM checkins",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, Option<i64>>(4)?,
                row.get::<_, Option<String>>(5)?,
            ))
        })?;
        let t = "checkins";
        let mut out = Vec::new();
        for row in rows {
            let (id, pairing, at, minutes, confidence, supersedes) = row?;
            out.push(CheckInSummary {
                id: decode(t, &id, CheckInId::parse(&id))?,
                pairing: PairingId(pairing),
                at: parse_instant(t, &id, &at)?,
                minutes: decode(t, &id, u32::try_from(minutes))?,
                confidence: confidence
                    .map(|c| {
                        decode(t, &id, u8::try_from(c))
                            .and_then(|c| decode(t, &id, Confidence::new(c)))
                    })
                    .transpose()?,
                supersedes: supersedes
                    .map(|s| decode(t, &id, CheckInId::parse(&s)))
                    .transpose()?,
            });
        }
        Ok(out)
    }

    /// One check-in (any version), if it exists.
    pub fn checkin(&self, id: CheckInId) -> Result<Option<CheckIn>, StoreError> {
        let pairing: Option<i64> = self
            .conn
            .query_row(
                "SELECT pairing FROM checkins WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(pairing) = pairing else {
            return Ok(None);
        };
        Ok(self
            .checkins(Some(PairingId(pairing)))?
            .into_iter()
            .find(|c| c.id == id))
    }
}
