//! What a mentor desk keeps from its pack besides people and pairings: the briefs of the
//! learners' last sessions (`pack_checkins`) and the coordinator's guides (`pack_guides`).

use rusqlite::params;

use super::codec::{decode, instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::sync::CheckInBrief;
use crate::domain::{CheckInId, Confidence, PairingId};

impl Tx<'_> {
    /// Replaces the pack's guides (name, Markdown) with those of a newer pack.
    pub fn replace_pack_guides(&self, guides: &[(String, String)]) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM pack_guides", [])?;
        let mut stmt = self
            .conn
            .prepare_cached("INSERT INTO pack_guides (name, markdown) VALUES (?1, ?2)")?;
        for (name, markdown) in guides {
            stmt.execute(params![name, markdown])?;
        }
        Ok(())
    }

    /// The pack's guides (name, Markdown), by name.
    pub fn pack_guides(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, markdown FROM pack_guides ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Replaces the briefs with those of a newer pack.
    pub fn replace_pack_checkins(&self, briefs: &[CheckInBrief]) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM pack_checkins", [])?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO pack_checkins (id, pairing, at, confidence, next_steps)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for b in briefs {
            stmt.execute(params![
                b.id.to_string(),
                b.pairing.0,
                instant(b.at),
                b.confidence.map(Confidence::get),
                b.next_steps
            ])?;
        }
        Ok(())
    }

    /// The briefs of the pack, oldest first.
    pub fn pack_checkins(&self) -> Result<Vec<CheckInBrief>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, pairing, at, confidence, next_steps FROM pack_checkins ORDER BY at, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let t = "pack_checkins";
        let mut out = Vec::new();
        for row in rows {
            let (id, pairing, at, confidence, next_steps) = row?;
            out.push(CheckInBrief {
                id: decode(t, &id, CheckInId::parse(&id))?,
                pairing: PairingId(pairing),
                at: parse_instant(t, &id, &at)?,
                confidence: confidence
                    .map(|c| {
                        decode(t, &id, u8::try_from(c))
                            .and_then(|c| decode(t, &id, Confidence::new(c)))
                    })
                    .transpose()?,
                next_steps,
            });
        }
        Ok(out)
    }
}
