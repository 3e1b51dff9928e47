//! Check-ins: sessions logged against a pairing.

use rusqlite::{OptionalExtension, Row, params};

use super::codec::{decode, instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::guide::GuideName;
use crate::domain::person::join_list;
use crate::domain::{Author, CheckIn, CheckInId, CheckInSummary, Confidence, PairingId, Tag};

macro_rules! columns {
    () => {
        "id, pairing, at, minutes, mode, confidence, notes, topics, next_steps, author_desk, \
         supersedes, recorded_at, author, guide"
    };
}
const ALL_CHECKINS: &str = concat!("SELECT ", columns!(), " FROM checkins ORDER BY at, id");
pub(super) const CHECKINS_OF_PAIRING: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM checkins WHERE pairing = ?1 ORDER BY at, id"
);
pub(super) const ANY_CHECKIN_OF_PAIRING: &str =
    "SELECT EXISTS (SELECT 1 FROM checkins WHERE pairing = ?1)";
pub(super) const ONE_CHECKIN: &str = concat!("SELECT ", columns!(), " FROM checkins WHERE id = ?1");

type RawCheckIn = (
    [String; 7],
    i64,
    i64,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn raw_from_row(row: &Row<'_>) -> rusqlite::Result<RawCheckIn> {
    Ok((
        [
            row.get(0)?,
            row.get(2)?,
            row.get(6)?,
            row.get(7)?,
            row.get(9)?,
            row.get(11)?,
            row.get(12)?,
        ],
        row.get(1)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(8)?,
        row.get(10)?,
        row.get(13)?,
    ))
}

fn checkin_from_raw(raw: RawCheckIn) -> Result<CheckIn, StoreError> {
    let (
        [id, at, notes, topics, author_desk, recorded, author],
        pairing,
        minutes,
        mode,
        confidence,
        next_steps,
        supersedes,
        guide,
    ) = raw;
    let t = "checkins";
    let key = id.clone();
    Ok(CheckIn {
        id: decode(t, &key, CheckInId::parse(&id))?,
        pairing: PairingId(pairing),
        at: parse_instant(t, &key, &at)?,
        minutes: decode(t, &key, u32::try_from(minutes))?,
        mode: mode.map(|m| decode(t, &key, m.parse())).transpose()?,
        confidence: confidence
            .map(|c| {
                decode(t, &key, u8::try_from(c)).and_then(|c| decode(t, &key, Confidence::new(c)))
            })
            .transpose()?,
        notes,
        topics: decode(t, &key, Tag::parse_list(&topics))?,
        next_steps,
        author_desk,
        author: decode(t, &key, Author::parse(&author))?,
        supersedes: supersedes
            .map(|s| decode(t, &key, CheckInId::parse(&s)))
            .transpose()?,
        recorded_at: parse_instant(t, &key, &recorded)?,
        guide: guide
            .map(|g| decode(t, &key, GuideName::parse(&g)))
            .transpose()?,
    })
}

fn collect(
    rows: impl Iterator<Item = rusqlite::Result<RawCheckIn>>,
) -> Result<Vec<CheckIn>, StoreError> {
    let mut out = Vec::new();
    for row in rows {
        out.push(checkin_from_raw(row?)?);
    }
    Ok(out)
}

impl Tx<'_> {
    pub fn insert_checkin(&self, c: &CheckIn) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO checkins (id, pairing, at, minutes, mode, confidence, notes, topics,
                                   next_steps, author_desk, supersedes, recorded_at, author,
                                   guide)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
            c.author.to_string(),
            c.guide.as_ref().map(GuideName::as_str),
        ])?;
        Ok(())
    }

    /// Every check-in version, oldest first.
    pub fn all_checkins(&self) -> Result<Vec<CheckIn>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ALL_CHECKINS)?;
        collect(stmt.query_map([], raw_from_row)?)
    }

    /// Every version of one pairing's check-ins, oldest first.
    pub fn checkins_of(&self, pairing: PairingId) -> Result<Vec<CheckIn>, StoreError> {
        let mut stmt = self.conn.prepare_cached(CHECKINS_OF_PAIRING)?;
        collect(stmt.query_map([pairing.0], raw_from_row)?)
    }

    /// Whether anything was logged against the pairing.
    pub fn has_checkins(&self, pairing: PairingId) -> Result<bool, StoreError> {
        let mut stmt = self.conn.prepare_cached(ANY_CHECKIN_OF_PAIRING)?;
        Ok(stmt.query_row([pairing.0], |r| r.get(0))?)
    }

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

    /// Check-in ids (any version) that start with `prefix` (lower-case, hyphens where the
    /// id has them), in id order, at most `limit`; a range over the primary key.
    pub fn checkin_ids_starting(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<CheckInId>, StoreError> {
        // Ids hold only `0-9a-f` and `-`, all below `~`: [prefix, prefix~) is every id that
        // starts with it.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM checkins WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![prefix, format!("{prefix}~"), limit], |row| {
            row.get::<_, String>(0)
        })?;
        let mut ids = Vec::new();
        for row in rows {
            let id = row?;
            ids.push(decode("checkins", &id, CheckInId::parse(&id))?);
        }
        Ok(ids)
    }

    /// One check-in (any version), if it exists.
    pub fn checkin(&self, id: CheckInId) -> Result<Option<CheckIn>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ONE_CHECKIN)?;
        stmt.query_row([id.to_string()], raw_from_row)
            .optional()?
            .map(checkin_from_raw)
            .transpose()
    }
}
