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

/// Three passes, each once for the whole program (never once per mentor): the started
/// pairings (by the `pairings_by_status` index), their tallies grouped by mentor, and their
/// learners' achieved milestones (by `milestones_by_learner`) grouped by mentor. Instants are
/// stored as RFC 3339 UTC text of one width, so comparing the text compares the instants.
pub(super) const TRACK_RECORDS: &str = "
    WITH started AS MATERIALIZED (
        SELECT id, learner, mentor, status, started_at, ended_at FROM pairings
        WHERE status IN ('active', 'paused', 'completed', 'ended') AND started_at IS NOT NULL
    ),
    tally AS MATERIALIZED (
        SELECT mentor, count(DISTINCT learner) AS learners,
               count(DISTINCT CASE WHEN status = 'completed' THEN id END) AS completed
        FROM started GROUP BY mentor
    ),
    reached AS MATERIALIZED (
        SELECT s.mentor, count(DISTINCT ms.id) AS n
        FROM started s JOIN milestones ms ON ms.learner = s.learner
        WHERE ms.status = 'achieved' AND ms.achieved_at >= s.started_at
          AND (s.ended_at IS NULL OR ms.achieved_at <= s.ended_at)
        GROUP BY s.mentor
    )
    SELECT t.mentor, t.learners, t.completed, coalesce(r.n, 0)
    FROM tally t LEFT JOIN reached r ON r.mentor = t.mentor";

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Two mentors: M1 mentored L1 (completed, two milestones during it, one after) and L2
    /// (active, one milestone since it started, one planned); M2 only has a declined
    /// proposal, which is no track record.
    #[test]
    fn records_count_started_pairings_and_milestones_reached_during_them() {
        let mut store = Store::open_in_memory().unwrap();
        let records = store
            .write(|tx| {
                tx.conn.execute_batch(
                    "INSERT INTO mentors (id, name, capacity, joined_at, updated_at)
                     VALUES ('M1', 'Mo', 3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                            ('M2', 'Na', 3, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                     INSERT INTO learners (id, name, status, joined_at, updated_at)
                     VALUES ('L1', 'Al', 'waiting', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                            ('L2', 'Bo', 'matched', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                     INSERT INTO pairings (id, learner, mentor, status, cadence_days,
                                           session_minutes, planned_weeks, created_at,
                                           started_at, ended_at, uid)
                     VALUES (1, 'L1', 'M1', 'completed', 7, 60, 12, '2026-01-02T00:00:00Z',
                             '2026-01-02T00:00:00Z', '2026-03-01T00:00:00Z',
                             '00000000-0000-7000-8000-000000000001'),
                            (2, 'L2', 'M1', 'active', 7, 60, 12, '2026-02-01T00:00:00Z',
                             '2026-02-01T00:00:00Z', NULL,
                             '00000000-0000-7000-8000-000000000002'),
                            (3, 'L1', 'M2', 'declined', 7, 60, 12, '2026-01-01T00:00:00Z',
                             NULL, '2026-01-01T12:00:00Z',
                             '00000000-0000-7000-8000-000000000003');
                     INSERT INTO milestones (id, learner, title, kind, status, created_at,
                                             achieved_at, uid)
                     VALUES (1, 'L1', 'a', 'skill', 'achieved', '2026-01-02T00:00:00Z',
                             '2026-01-20T00:00:00Z', 'u1'),
                            (2, 'L1', 'b', 'skill', 'achieved', '2026-01-02T00:00:00Z',
                             '2026-02-20T00:00:00Z', 'u2'),
                            (3, 'L1', 'c', 'skill', 'achieved', '2026-01-02T00:00:00Z',
                             '2026-04-01T00:00:00Z', 'u3'),
                            (4, 'L2', 'd', 'skill', 'achieved', '2026-02-01T00:00:00Z',
                             '2026-02-10T00:00:00Z', 'u4'),
                            (5, 'L2', 'e', 'skill', 'planned', '2026-02-01T00:00:00Z', NULL, 'u5');",
                )?;
                tx.track_records()
            })
            .unwrap();
        let m1 = records[&MentorId::parse("M1").unwrap()];
        assert_eq!(
            m1,
            TrackRecord {
                learners_mentored: 2,
                pairings_completed: 1,
                milestones_reached: 3,
            }
        );
        assert!(!records.contains_key(&MentorId::parse("M2").unwrap()));
    }
}
