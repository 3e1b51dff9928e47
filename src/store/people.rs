//! Learners and mentors: rows in, rows out.

use std::str::FromStr;

use rusqlite::{OptionalExtension, Row, params};

use super::codec::{decode, instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::person::join_list;
use crate::domain::preference::{Preferred, parse_avoid};
use crate::domain::zone::parse_zone;
use crate::domain::{
    Availability, Expertise, Learner, LearnerId, LearnerSummary, Mentor, MentorId, ModeSet, Tag,
};

const LEARNER_COLUMNS: &str = "id, name, email, timezone, languages, goals, interests, track, \
                               modes, availability, needs, status, joined_at, prefer, avoid, \
                               mentor_experience";
const MENTOR_COLUMNS: &str = "id, name, email, timezone, languages, expertise, experience, modes, \
                              capacity, availability, bio, verified, status, joined_at, recognition, \
                              paused_until";

pub(super) const SEATS_IN_USE_OF_MENTOR: &str =
    "SELECT count(*) FROM pairings WHERE mentor = ?1 AND status IN ('active', 'paused')";

/// A mentor's seats: capacity and how many active or paused pairings hold one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentorLoad {
    pub capacity: u32,
    pub seats_in_use: u32,
}

/// How many people the desk holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PersonCounts {
    pub learners: u64,
    pub mentors: u64,
}

fn learner_from_row(row: &Row<'_>) -> rusqlite::Result<Result<Learner, StoreError>> {
    let id: String = row.get(0)?;
    let raw_zone: Option<String> = row.get(3)?;
    let raw: [String; 5] = [
        row.get(4)?,
        row.get(6)?,
        row.get(8)?,
        row.get(9)?,
        row.get(11)?,
    ];
    let track: Option<String> = row.get(7)?;
    let joined: String = row.get(12)?;
    let (prefer, avoid): (String, String) = (row.get(13)?, row.get(14)?);
    let mentor_experience: Option<String> = row.get(15)?;
    let (name, email, goals, needs) = (row.get(1)?, row.get(2)?, row.get(5)?, row.get(10)?);
    Ok((|| {
        let t = "learners";
        Ok(Learner {
            id: decode(t, &id, LearnerId::parse(&id))?,
            name,
            email,
            timezone: raw_zone
                .map(|z| decode(t, &id, parse_zone(&z)))
                .transpose()?,
            languages: decode(t, &id, Tag::parse_list(&raw[0]))?,
            goals,
            interests: decode(t, &id, Tag::parse_list(&raw[1]))?,
            track: track.map(|v| decode(t, &id, v.parse())).transpose()?,
            modes: decode(t, &id, ModeSet::parse_list(&raw[2]))?,
            availability: decode(t, &id, Availability::parse_list(&raw[3]))?,
            needs,
            status: decode(t, &id, FromStr::from_str(&raw[4]))?,
            prefer: decode(t, &id, Preferred::parse_list(&prefer))?,
            avoid: decode(t, &id, parse_avoid(&avoid))?,
            mentor_experience: mentor_experience
                .map(|v| decode(t, &id, v.parse()))
                .transpose()?,
            joined_at: parse_instant(t, &id, &joined)?,
        })
    })())
}

/// A mentor row as of `today` (a pause whose day has come reads as over).
fn mentor_from_row(
    row: &Row<'_>,
    today: chrono::NaiveDate,
) -> rusqlite::Result<Result<Mentor, StoreError>> {
    let id: String = row.get(0)?;
    let raw_zone: Option<String> = row.get(3)?;
    let raw: [String; 5] = [
        row.get(4)?,
        row.get(5)?,
        row.get(7)?,
        row.get(9)?,
        row.get(12)?,
    ];
    let experience: Option<String> = row.get(6)?;
    let capacity: i64 = row.get(8)?;
    let joined: String = row.get(13)?;
    let (name, email, bio, verified) = (row.get(1)?, row.get(2)?, row.get(10)?, row.get(11)?);
    let recognition: bool = row.get(14)?;
    let paused_until: Option<String> = row.get(15)?;
    Ok((|| {
        let t = "mentors";
        Ok(Mentor {
            id: decode(t, &id, MentorId::parse(&id))?,
            name,
            email,
            timezone: raw_zone
                .map(|z| decode(t, &id, parse_zone(&z)))
                .transpose()?,
            languages: decode(t, &id, Tag::parse_list(&raw[0]))?,
            expertise: decode(t, &id, Expertise::parse_list(&raw[1]))?,
            experience: experience.map(|v| decode(t, &id, v.parse())).transpose()?,
            modes: decode(t, &id, ModeSet::parse_list(&raw[2]))?,
            capacity: decode(t, &id, u32::try_from(capacity))?,
            availability: decode(t, &id, Availability::parse_list(&raw[3]))?,
            bio,
            verified,
            recognition,
            status: decode(t, &id, FromStr::from_str(&raw[4]))?,
            paused_until: paused_until
                .map(|day| decode(t, &id, day.parse::<chrono::NaiveDate>()))
                .transpose()?,
            joined_at: parse_instant(t, &id, &joined)?,
        }
        .as_of(today))
    })())
}

fn collect<T>(
    rows: impl Iterator<Item = rusqlite::Result<Result<T, StoreError>>>,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

impl Tx<'_> {
    /// Every learner, by id.
    pub fn learners(&self) -> Result<Vec<Learner>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LEARNER_COLUMNS} FROM learners ORDER BY id"
        ))?;
        collect(stmt.query_map([], learner_from_row)?)
    }

    /// Every learner's id, name, status and join date (what the program's numbers read).
    pub fn learner_summaries(&self) -> Result<Vec<LearnerSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, status, joined_at FROM learners")?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?;
        let t = "learners";
        let mut out = Vec::new();
        for row in rows {
            let (id, name, status, joined) = row?;
            out.push(LearnerSummary {
                id: decode(t, &id, LearnerId::parse(&id))?,
                name,
                status: decode(t, &id, FromStr::from_str(&status))?,
                joined_at: parse_instant(t, &id, &joined)?,
            });
        }
        Ok(out)
    }

    pub fn learner(&self, id: &LearnerId) -> Result<Option<Learner>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LEARNER_COLUMNS} FROM learners WHERE id = ?1"
        ))?;
        stmt.query_row([id.as_str()], learner_from_row)
            .optional()?
            .transpose()
    }

    /// Every mentor, by id.
    pub fn mentors(&self) -> Result<Vec<Mentor>, StoreError> {
        // The day first: telling it reads the desk's zone, not inside this query.
        let today = self.today();
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {MENTOR_COLUMNS} FROM mentors ORDER BY id"))?;
        collect(stmt.query_map([], |row| mentor_from_row(row, today))?)
    }

    pub fn mentor(&self, id: &MentorId) -> Result<Option<Mentor>, StoreError> {
        let today = self.today();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MENTOR_COLUMNS} FROM mentors WHERE id = ?1"
        ))?;
        stmt.query_row([id.as_str()], |row| mentor_from_row(row, today))
            .optional()?
            .transpose()
    }

    /// Inserts a learner or replaces the stored one with the same id.
    pub fn put_learner(
        &self,
        l: &Learner,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO learners (id, name, email, timezone, languages, goals, interests, track, \
                                   modes, availability, needs, status, joined_at, updated_at, \
                                   prefer, avoid, mentor_experience)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, email = excluded.email, timezone = excluded.timezone,
                languages = excluded.languages, goals = excluded.goals,
                interests = excluded.interests, track = excluded.track, modes = excluded.modes,
                availability = excluded.availability, needs = excluded.needs,
                status = excluded.status, joined_at = excluded.joined_at,
                updated_at = excluded.updated_at, prefer = excluded.prefer,
                avoid = excluded.avoid, mentor_experience = excluded.mentor_experience",
        )?;
        stmt.execute(params![
            l.id.as_str(),
            l.name,
            l.email,
            l.timezone.map(|z| z.name().to_string()),
            join_list(&l.languages),
            l.goals,
            join_list(&l.interests),
            l.track.map(|t| t.as_str()),
            l.modes.to_list(),
            l.availability.to_list(),
            l.needs,
            l.status.as_str(),
            instant(l.joined_at),
            instant(now),
            join_list(&l.prefer),
            join_list(&l.avoid),
            l.mentor_experience.map(|e| e.as_str()),
        ])?;
        Ok(())
    }

    /// Inserts a mentor or replaces the stored one with the same id.
    pub fn put_mentor(
        &self,
        m: &Mentor,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO mentors (id, name, email, timezone, languages, expertise, experience, \
                                  modes, capacity, availability, bio, verified, status, \
                                  joined_at, updated_at, recognition, paused_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, email = excluded.email, timezone = excluded.timezone,
                languages = excluded.languages, expertise = excluded.expertise,
                experience = excluded.experience, modes = excluded.modes,
                capacity = excluded.capacity, availability = excluded.availability,
                bio = excluded.bio, verified = excluded.verified, status = excluded.status,
                joined_at = excluded.joined_at, updated_at = excluded.updated_at,
                recognition = excluded.recognition, paused_until = excluded.paused_until",
        )?;
        stmt.execute(params![
            m.id.as_str(),
            m.name,
            m.email,
            m.timezone.map(|z| z.name().to_string()),
            join_list(&m.languages),
            join_list(&m.expertise),
            m.experience.map(|e| e.as_str()),
            m.modes.to_list(),
            m.capacity,
            m.availability.to_list(),
            m.bio,
            m.verified,
            m.status.as_str(),
            instant(m.joined_at),
            instant(now),
            m.recognition,
            m.paused_until.map(|day| day.to_string()),
        ])?;
        Ok(())
    }

    /// Sets a learner's status (matched on approval, waiting again when a pairing ends).
    pub fn set_learner_status(
        &self,
        id: &LearnerId,
        status: crate::domain::LearnerStatus,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE learners SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.as_str(), status.as_str(), instant(now)],
        )?;
        Ok(())
    }

    /// How many active or paused pairings hold one of this mentor's seats.
    pub fn seats_in_use(&self, mentor: &MentorId) -> Result<u32, StoreError> {
        let mut stmt = self.conn.prepare_cached(SEATS_IN_USE_OF_MENTOR)?;
        let n: i64 = stmt.query_row([mentor.as_str()], |r| r.get(0))?;
        decode("mentors", mentor.as_str(), u32::try_from(n))
    }

    /// Seats in use per mentor, by mentor id.
    pub fn mentor_loads(&self) -> Result<Vec<(MentorId, MentorLoad)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.capacity,
                    (SELECT count(*) FROM pairings p
                     WHERE p.mentor = m.id AND p.status IN ('active', 'paused'))
             FROM mentors m ORDER BY m.id",
        )?;
        let rows = stmt.query_map([], |row| {
            let id: String = row.get(0)?;
            Ok((id, row.get::<_, i64>(1)?, row.get::<_, i64>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, capacity, used) = row?;
            let load = MentorLoad {
                capacity: decode("mentors", &id, u32::try_from(capacity))?,
                seats_in_use: decode("mentors", &id, u32::try_from(used))?,
            };
            out.push((decode("mentors", &id, MentorId::parse(&id))?, load));
        }
        Ok(out)
    }

    pub fn person_counts(&self) -> Result<PersonCounts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or_default())
        };
        Ok(PersonCounts {
            learners: count("learners")?,
            mentors: count("mentors")?,
        })
    }
}
