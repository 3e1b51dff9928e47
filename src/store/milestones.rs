//! Milestones: steps on a learner's way.

use std::str::FromStr;

use rusqlite::{OptionalExtension, Row, params};

use super::codec::{
    date, decode, instant, opt_instant, parse_instant, parse_opt_date, parse_opt_instant,
};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{
    Author, CheckInId, LearnerId, MentorId, Milestone, MilestoneId, MilestoneKind, MilestoneStatus,
    MilestoneUid,
};

macro_rules! columns {
    () => {
        "id, learner, title, kind, due, status, created_at, achieved_at, evidence, endorsed_by, \
         drop_reason, from_checkin, uid, author"
    };
}
const ALL_MILESTONES: &str = concat!("SELECT ", columns!(), " FROM milestones ORDER BY id");
pub(super) const MILESTONES_OF_LEARNER: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM milestones WHERE learner = ?1 ORDER BY id"
);
pub(super) const ONE_MILESTONE: &str =
    concat!("SELECT ", columns!(), " FROM milestones WHERE id = ?1");

type RawMilestone = (i64, [String; 7], [Option<String>; 6]);

fn raw_from_row(row: &Row<'_>) -> rusqlite::Result<RawMilestone> {
    Ok((
        row.get(0)?,
        [
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(5)?,
            row.get(6)?,
            row.get(12)?,
            row.get(13)?,
        ],
        [
            row.get(4)?,
            row.get(7)?,
            row.get(8)?,
            row.get(9)?,
            row.get(10)?,
            row.get(11)?,
        ],
    ))
}

fn milestone_from_raw(raw: RawMilestone) -> Result<Milestone, StoreError> {
    let (
        id,
        [learner, title, kind, status, created, uid, author],
        [due, achieved, evidence, endorsed, dropped, from_checkin],
    ) = raw;
    let t = "milestones";
    let key = id.to_string();
    Ok(Milestone {
        id: MilestoneId(id),
        uid: decode(t, &key, MilestoneUid::parse(&uid))?,
        learner: decode(t, &key, LearnerId::parse(&learner))?,
        title,
        kind: decode(t, &key, MilestoneKind::from_str(&kind))?,
        due: parse_opt_date(t, &key, due)?,
        status: decode(t, &key, MilestoneStatus::from_str(&status))?,
        created_at: parse_instant(t, &key, &created)?,
        achieved_at: parse_opt_instant(t, &key, achieved)?,
        evidence,
        endorsed_by: endorsed
            .map(|m| decode(t, &key, MentorId::parse(&m)))
            .transpose()?,
        drop_reason: dropped,
        from_checkin: from_checkin
            .map(|c| decode(t, &key, CheckInId::parse(&c)))
            .transpose()?,
        author: decode(t, &key, Author::parse(&author))?,
    })
}

fn collect(
    rows: impl Iterator<Item = rusqlite::Result<RawMilestone>>,
) -> Result<Vec<Milestone>, StoreError> {
    let mut out = Vec::new();
    for row in rows {
        out.push(milestone_from_raw(row?)?);
    }
    Ok(out)
}

impl Tx<'_> {
    /// Stores a milestone under the id it carries, or a new one when that id is 0.
    pub fn insert_milestone(&self, m: &Milestone) -> Result<MilestoneId, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO milestones (id, learner, title, kind, due, status, created_at,
                                     achieved_at, evidence, endorsed_by, drop_reason,
                                     from_checkin, uid, author)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        stmt.execute(params![
            (m.id.0 != 0).then_some(m.id.0),
            m.learner.as_str(),
            m.title,
            m.kind.as_str(),
            m.due.map(date),
            m.status.as_str(),
            instant(m.created_at),
            opt_instant(m.achieved_at),
            m.evidence,
            m.endorsed_by.as_ref().map(MentorId::as_str),
            m.drop_reason,
            m.from_checkin.map(|c| c.to_string()),
            m.uid.to_string(),
            m.author.to_string(),
        ])?;
        Ok(MilestoneId(self.conn.last_insert_rowid()))
    }

    pub fn delete_milestone(&self, id: MilestoneId) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM milestones WHERE id = ?1", [id.0])?;
        Ok(())
    }

    /// Every milestone, by id.
    pub fn all_milestones(&self) -> Result<Vec<Milestone>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ALL_MILESTONES)?;
        collect(stmt.query_map([], raw_from_row)?)
    }

    /// One learner's milestones, by id.
    pub fn milestones_of(&self, learner: &LearnerId) -> Result<Vec<Milestone>, StoreError> {
        let mut stmt = self.conn.prepare_cached(MILESTONES_OF_LEARNER)?;
        collect(stmt.query_map([learner.as_str()], raw_from_row)?)
    }
}

impl Tx<'_> {
    /// The milestone a file names by its uid.
    pub fn milestone_by_uid(&self, uid: MilestoneUid) -> Result<Option<Milestone>, StoreError> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM milestones WHERE uid = ?1",
                [uid.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.milestone(MilestoneId(id)),
            None => Ok(None),
        }
    }

    /// One milestone, if it exists.
    pub fn milestone(&self, id: MilestoneId) -> Result<Option<Milestone>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ONE_MILESTONE)?;
        stmt.query_row([id.0], raw_from_row)
            .optional()?
            .map(milestone_from_raw)
            .transpose()
    }

    /// Writes a milestone's progress: status, achievement and drop (with `dropped_at`, which
    /// schema 2 keeps beside the row for the time line).
    pub fn update_milestone(
        &self,
        m: &Milestone,
        dropped_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "UPDATE milestones SET title = ?2, kind = ?3, due = ?4, status = ?5,
                    achieved_at = ?6, evidence = ?7, endorsed_by = ?8, drop_reason = ?9,
                    dropped_at = ?10
             WHERE id = ?1",
        )?;
        let changed = stmt.execute(params![
            m.id.0,
            m.title,
            m.kind.as_str(),
            m.due.map(date),
            m.status.as_str(),
            opt_instant(m.achieved_at),
            m.evidence,
            m.endorsed_by.as_ref().map(MentorId::as_str),
            m.drop_reason,
            opt_instant(dropped_at),
        ])?;
        if changed == 0 {
            return Err(StoreError::corrupt(
                "milestones",
                m.id.to_string(),
                "no such milestone",
            ));
        }
        Ok(())
    }

    /// When each of a learner's dropped milestones was dropped (where the desk recorded it:
    /// drops before schema 2 have no time).
    pub fn milestone_drop_times(
        &self,
        learner: &LearnerId,
    ) -> Result<Vec<(MilestoneId, chrono::DateTime<chrono::Utc>)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, dropped_at FROM milestones
             WHERE learner = ?1 AND dropped_at IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([learner.as_str()], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at) = row?;
            out.push((
                MilestoneId(id),
                parse_instant("milestones", &id.to_string(), &at)?,
            ));
        }
        Ok(out)
    }
}
