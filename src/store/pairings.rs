//! Pairings: proposals, active and past pairings.

use std::str::FromStr;

use rusqlite::{OptionalExtension, Row, params};

use super::codec::{decode, instant, opt_instant, parse_instant, parse_opt_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{
    Agreement, LearnerId, MentorId, Pairing, PairingId, PairingStatus, PairingUid,
};

macro_rules! columns {
    () => {
        "id, learner, mentor, status, cadence_days, session_minutes, planned_weeks, goals, \
         score, explanation, created_at, started_at, ended_at, end_reason, approved_by, uid"
    };
}
const COLUMNS: &str = columns!();

type RawPairing = (
    i64,
    [String; 5],
    [i64; 3],
    Option<String>,
    Option<i64>,
    Option<String>,
    [Option<String>; 4],
);

fn raw_from_row(row: &Row<'_>) -> rusqlite::Result<RawPairing> {
    Ok((
        row.get(0)?,
        [
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(10)?,
            row.get(15)?,
        ],
        [row.get(4)?, row.get(5)?, row.get(6)?],
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        [row.get(11)?, row.get(12)?, row.get(13)?, row.get(14)?],
    ))
}

fn pairing_from_raw(raw: RawPairing) -> Result<Pairing, StoreError> {
    let (
        id,
        [learner, mentor, status, created, uid],
        [cadence, minutes, weeks],
        goals,
        score,
        explanation,
        [started, ended, end_reason, approved_by],
    ) = raw;
    let key = id.to_string();
    let t = "pairings";
    Ok(Pairing {
        id: PairingId(id),
        uid: decode(t, &key, PairingUid::parse(&uid))?,
        learner: decode(t, &key, LearnerId::parse(&learner))?,
        mentor: decode(t, &key, MentorId::parse(&mentor))?,
        status: decode(t, &key, PairingStatus::from_str(&status))?,
        agreement: Agreement {
            cadence_days: decode(t, &key, u32::try_from(cadence))?,
            session_minutes: decode(t, &key, u32::try_from(minutes))?,
            planned_weeks: decode(t, &key, u32::try_from(weeks))?,
            goals,
        },
        score: score
            .map(|s| decode(t, &key, u32::try_from(s)))
            .transpose()?,
        explanation,
        created_at: parse_instant(t, &key, &created)?,
        started_at: parse_opt_instant(t, &key, started)?,
        ended_at: parse_opt_instant(t, &key, ended)?,
        end_reason,
        approved_by,
    })
}

/// Every query below that answers a point question names an index; `store::query_plans`
/// checks each with `EXPLAIN QUERY PLAN`.
const ALL_PAIRINGS: &str = concat!("SELECT ", columns!(), " FROM pairings ORDER BY id");
pub(super) const PAIRINGS_IN_STATUS: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM pairings WHERE status = ?1 ORDER BY id"
);
pub(super) const PAIRINGS_OF_LEARNER: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM pairings WHERE learner = ?1 ORDER BY id"
);
pub(super) const RECENT_DECLINES_OF_MENTOR: &str = "SELECT count(*) FROM pairings \
     WHERE mentor = ?1 AND status = 'declined' AND coalesce(ended_at, created_at) >= ?2";

fn collect(
    rows: impl Iterator<Item = rusqlite::Result<RawPairing>>,
) -> Result<Vec<Pairing>, StoreError> {
    let mut out = Vec::new();
    for row in rows {
        out.push(pairing_from_raw(row?)?);
    }
    Ok(out)
}

impl Tx<'_> {
    /// Stores a new pairing and returns its id (the `id` field of `p` is ignored).
    pub fn insert_pairing(&self, p: &Pairing) -> Result<PairingId, StoreError> {
        self.insert_pairing_with_id(None, p)
    }

    /// Stores a pairing under a given id (used when loading a prepared program).
    pub fn insert_pairing_with_id(
        &self,
        id: Option<PairingId>,
        p: &Pairing,
    ) -> Result<PairingId, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO pairings (id, learner, mentor, status, cadence_days, session_minutes,
                                   planned_weeks, goals, score, explanation, created_at,
                                   started_at, ended_at, end_reason, approved_by, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?;
        stmt.execute(params![
            id.map(|i| i.0),
            p.learner.as_str(),
            p.mentor.as_str(),
            p.status.as_str(),
            p.agreement.cadence_days,
            p.agreement.session_minutes,
            p.agreement.planned_weeks,
            p.agreement.goals,
            p.score,
            p.explanation,
            instant(p.created_at),
            opt_instant(p.started_at),
            opt_instant(p.ended_at),
            p.end_reason,
            p.approved_by,
            p.uid.to_string(),
        ])?;
        Ok(PairingId(self.conn.last_insert_rowid()))
    }

    pub fn pairing(&self, id: PairingId) -> Result<Option<Pairing>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM pairings WHERE id = ?1"))?;
        stmt.query_row([id.0], raw_from_row)
            .optional()?
            .map(pairing_from_raw)
            .transpose()
    }

    /// Every pairing, by id.
    pub fn all_pairings(&self) -> Result<Vec<Pairing>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ALL_PAIRINGS)?;
        collect(stmt.query_map([], raw_from_row)?)
    }

    /// The pairings in `status`, by id.
    pub fn pairings_in(&self, status: PairingStatus) -> Result<Vec<Pairing>, StoreError> {
        let mut stmt = self.conn.prepare_cached(PAIRINGS_IN_STATUS)?;
        collect(stmt.query_map([status.as_str()], raw_from_row)?)
    }

    /// One learner's pairings in any status, by id.
    pub fn pairings_of(&self, learner: &LearnerId) -> Result<Vec<Pairing>, StoreError> {
        let mut stmt = self.conn.prepare_cached(PAIRINGS_OF_LEARNER)?;
        collect(stmt.query_map([learner.as_str()], raw_from_row)?)
    }

    /// The pairing a file names by its uid.
    pub fn pairing_by_uid(&self, uid: PairingUid) -> Result<Option<Pairing>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM pairings WHERE uid = ?1"))?;
        stmt.query_row([uid.to_string()], raw_from_row)
            .optional()?
            .map(pairing_from_raw)
            .transpose()
    }

    /// Every pairing of one mentor, by id.
    pub fn pairings_of_mentor(&self, mentor: &MentorId) -> Result<Vec<Pairing>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM pairings WHERE mentor = ?1 ORDER BY id"
        ))?;
        collect(stmt.query_map([mentor.as_str()], raw_from_row)?)
    }

    /// Moves a pairing to `status`, recording when and why where the move calls for it.
    pub fn update_pairing(&self, p: &Pairing) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "UPDATE pairings SET status = ?2, cadence_days = ?3, session_minutes = ?4,
                    planned_weeks = ?5, goals = ?6, score = ?7, explanation = ?8,
                    started_at = ?9, ended_at = ?10, end_reason = ?11, approved_by = ?12
             WHERE id = ?1",
        )?;
        let changed = stmt.execute(params![
            p.id.0,
            p.status.as_str(),
            p.agreement.cadence_days,
            p.agreement.session_minutes,
            p.agreement.planned_weeks,
            p.agreement.goals,
            p.score,
            p.explanation,
            opt_instant(p.started_at),
            opt_instant(p.ended_at),
            p.end_reason,
            p.approved_by,
        ])?;
        if changed == 0 {
            return Err(StoreError::corrupt(
                "pairings",
                p.id.to_string(),
                "no such pairing",
            ));
        }
        Ok(())
    }

    /// Removes a pairing that never had history (an undone approval or a replaced proposal).
    pub fn delete_pairing(&self, id: PairingId) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM pairings WHERE id = ?1", [id.0])?;
        Ok(())
    }

    /// Removes every proposal not yet reviewed; returns how many there were.
    pub fn delete_proposals(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM pairings WHERE status = 'proposed'", [])?)
    }

    /// Declined proposals per mentor since `since`: the rotation criterion's input.
    pub fn recent_declines(
        &self,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<(MentorId, u32)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT mentor, count(*) FROM pairings
             WHERE status = 'declined' AND coalesce(ended_at, created_at) >= ?1
             GROUP BY mentor ORDER BY mentor",
        )?;
        let rows = stmt.query_map([instant(since)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mentor, n) = row?;
            out.push((
                decode("pairings", &mentor, MentorId::parse(&mentor))?,
                decode("pairings", &mentor, u32::try_from(n))?,
            ));
        }
        Ok(out)
    }

    /// Proposals declined for one mentor since `since` (see [`Tx::recent_declines`]).
    pub fn recent_declines_of(
        &self,
        mentor: &MentorId,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<u32, StoreError> {
        let mut stmt = self.conn.prepare_cached(RECENT_DECLINES_OF_MENTOR)?;
        let n: i64 = stmt.query_row(params![mentor.as_str(), instant(since)], |r| r.get(0))?;
        decode("pairings", mentor.as_str(), u32::try_from(n))
    }

    /// Learners holding an active or paused pairing.
    pub fn seated_learners(&self) -> Result<Vec<LearnerId>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT learner FROM pairings WHERE status IN ('active', 'paused') ORDER BY learner",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for row in rows {
            let id = row?;
            out.push(decode("pairings", &id, LearnerId::parse(&id))?);
        }
        Ok(out)
    }

    /// When each learner's most recent pairing ended (learners with an ended one only).
    pub fn last_pairing_ends(
        &self,
    ) -> Result<Vec<(LearnerId, chrono::DateTime<chrono::Utc>)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT learner, max(ended_at) FROM pairings WHERE ended_at IS NOT NULL
             AND status IN ('completed', 'ended') GROUP BY learner",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at) = row?;
            out.push((
                decode("pairings", &id, LearnerId::parse(&id))?,
                parse_instant("pairings", &id, &at)?,
            ));
        }
        Ok(out)
    }

    /// The proposal for a learner–mentor pair, if one is waiting for review.
    pub fn proposal_for(
        &self,
        learner: &LearnerId,
        mentor: &MentorId,
    ) -> Result<Option<Pairing>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM pairings WHERE learner = ?1 AND mentor = ?2 AND status = 'proposed'"
        ))?;
        stmt.query_row([learner.as_str(), mentor.as_str()], raw_from_row)
            .optional()?
            .map(pairing_from_raw)
            .transpose()
    }

    /// The active or paused pairing of a learner, if any.
    pub fn seat_of(&self, learner: &LearnerId) -> Result<Option<Pairing>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM pairings WHERE learner = ?1 AND status IN ('active', 'paused')"
        ))?;
        stmt.query_row([learner.as_str()], raw_from_row)
            .optional()?
            .map(pairing_from_raw)
            .transpose()
    }

    /// Learners holding more than one seat, and mentors over capacity: both should be empty.
    pub fn invariant_breaches(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT learner, count(*) FROM pairings WHERE status IN ('active', 'paused')
             GROUP BY learner HAVING count(*) > 1",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (learner, n) = row?;
            out.push(format!(
                "learner {learner} holds {n} active or paused pairings (at most 1)"
            ));
        }
        let mut stmt = self.conn.prepare(
            "SELECT m.id, m.capacity, count(p.id) FROM mentors m
             JOIN pairings p ON p.mentor = m.id AND p.status IN ('active', 'paused')
             GROUP BY m.id HAVING count(p.id) > m.capacity",
        )?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })? {
            let (mentor, capacity, n) = row?;
            out.push(format!(
                "mentor {mentor} has {n} active or paused pairings (capacity {capacity})"
            ));
        }
        Ok(out)
    }
}
