//! A mentor's track record in this program, for every mentor in one query: the trust signal
//! the candidate list and the mentor's brief show beside the verified credential.
//!
//! Owns: [`TrackRecord`] and the query that counts it. May use: `domain`.

use std::collections::HashMap;

use serde::Serialize;

use super::codec::decode;
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::MentorId;

/// What a mentor has done in this program so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TrackRecord {
    /// Distinct learners in pairings that started with this mentor (any status since).
    pub learners_mentored: u32,
    /// Pairings with this mentor that completed.
    pub pairings_completed: u32,
    /// Milestones learners achieved while paired with this mentor (between the pairing's
    /// start and its end, or now while it runs).
    pub milestones_reached: u32,
}

/// One pass over started pairings (by the `pairings_by_mentor` index order) and one over
/// their learners' achieved milestones (by `milestones_by_learner`); instants are stored as
/// RFC 3339 UTC text of one width, so comparing the text compares the instants.
pub(super) const TRACK_RECORDS: &str = "
    WITH started AS (
        SELECT id, learner, mentor, status, started_at, ended_at FROM pairings
        WHERE status IN ('active', 'paused', 'completed', 'ended') AND started_at IS NOT NULL
    ),
    reached AS (
        SELECT s.mentor, count(DISTINCT ms.id) AS n
        FROM started s JOIN milestones ms ON ms.learner = s.learner
        WHERE ms.status = 'achieved' AND ms.achieved_at >= s.started_at
          AND (s.ended_at IS NULL OR ms.achieved_at <= s.ended_at)
        GROUP BY s.mentor
    )
    SELECT s.mentor, count(DISTINCT s.learner), count(DISTINCT CASE WHEN s.status = 'completed'
           THEN s.id END), coalesce((SELECT n FROM reached r WHERE r.mentor = s.mentor), 0)
    FROM started s GROUP BY s.mentor";

impl Tx<'_> {
    /// Every mentor's track record; a mentor without a started pairing is absent (all zero).
    pub fn track_records(&self) -> Result<HashMap<MentorId, TrackRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(TRACK_RECORDS)?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, learners, completed, reached) = row?;
            let count = |n: i64| decode("pairings", &id, u32::try_from(n));
            let record = TrackRecord {
                learners_mentored: count(learners)?,
                pairings_completed: count(completed)?,
                milestones_reached: count(reached)?,
            };
            out.insert(decode("mentors", &id, MentorId::parse(&id))?, record);
        }
        Ok(out)
    }
}
