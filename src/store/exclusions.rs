//! Exclusions: pairs never to be proposed.

use rusqlite::{OptionalExtension, params};

use super::codec::{decode, instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{Exclusion, LearnerId, MentorId};

pub(super) const ONE_EXCLUSION: &str =
    "SELECT reason, created_at FROM exclusions WHERE learner = ?1 AND mentor = ?2";

impl Tx<'_> {
    pub fn put_exclusion(&self, e: &Exclusion) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO exclusions (learner, mentor, reason, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (learner, mentor) DO UPDATE SET reason = excluded.reason",
        )?;
        stmt.execute(params![
            e.learner.as_str(),
            e.mentor.as_str(),
            e.reason,
            instant(e.created_at)
        ])?;
        Ok(())
    }

    /// Removes an exclusion; false when there was none.
    pub fn delete_exclusion(
        &self,
        learner: &LearnerId,
        mentor: &MentorId,
    ) -> Result<bool, StoreError> {
        let n = self.conn.execute(
            "DELETE FROM exclusions WHERE learner = ?1 AND mentor = ?2",
            params![learner.as_str(), mentor.as_str()],
        )?;
        Ok(n > 0)
    }

    /// The exclusion of one pair, if any.
    pub fn exclusion(
        &self,
        learner: &LearnerId,
        mentor: &MentorId,
    ) -> Result<Option<Exclusion>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ONE_EXCLUSION)?;
        let row = stmt
            .query_row(params![learner.as_str(), mentor.as_str()], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .optional()?;
        let key = format!("{learner}/{mentor}");
        row.map(|(reason, at)| {
            Ok(Exclusion {
                learner: learner.clone(),
                mentor: mentor.clone(),
                reason,
                created_at: parse_instant("exclusions", &key, &at)?,
            })
        })
        .transpose()
    }

    /// Every exclusion, by learner then mentor.
    pub fn exclusions(&self) -> Result<Vec<Exclusion>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT learner, mentor, reason, created_at FROM exclusions ORDER BY learner, mentor",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (learner, mentor, reason, at) = row?;
            let key = format!("{learner}/{mentor}");
            out.push(Exclusion {
                learner: decode("exclusions", &key, LearnerId::parse(&learner))?,
                mentor: decode("exclusions", &key, MentorId::parse(&mentor))?,
                reason,
                created_at: parse_instant("exclusions", &key, &at)?,
            });
        }
        Ok(out)
    }
}
