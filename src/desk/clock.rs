//! Where time comes from: the system clock in use, a fixed instant in tests; and the desk's
//! day, which is the date in the desk's own zone (settings), not UTC's.

use chrono::{DateTime, Utc};

pub trait Clock: Send {
    fn now(&self) -> DateTime<Utc>;

    /// Another clock telling the same time, for a face that reads the time on its own
    /// thread (the terminal desk hands its `Desk` to a worker and keeps the time itself).
    fn fork(&self) -> Box<dyn Clock>;
}

/// The machine's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn fork(&self) -> Box<dyn Clock> {
        Box::new(SystemClock)
    }
}

/// Always the same instant.
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }

    fn fork(&self) -> Box<dyn Clock> {
        Box::new(FixedClock(self.0))
    }
}

impl super::Desk {
    /// A clock telling the desk's time (see [`Clock::fork`]).
    pub fn clock(&self) -> Box<dyn Clock> {
        self.clock.fork()
    }

    /// The desk's day: today's date in the desk's zone, as every transaction reads it (a
    /// mentor paused until a day is active again from the start of that day there).
    pub fn today(&mut self) -> Result<chrono::NaiveDate, super::DeskError> {
        Ok(self
            .store
            .read(|tx| Ok::<_, crate::store::StoreError>(tx.today()))?)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, Utc};

    use super::FixedClock;
    use crate::desk::{Desk, PersonRefusal, Refusal};
    use crate::domain::{MentorField, MentorId, MentorStatus};
    use crate::store::Store;

    fn instant(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn desk_at(path: &std::path::Path, raw: &str) -> Desk {
        Desk::with_store(
            Store::open(path).unwrap(),
            Box::new(FixedClock(instant(raw))),
        )
    }

    fn day(raw: &str) -> NaiveDate {
        raw.parse().unwrap()
    }

    /// A mentor paused until 15 December on a desk in `zone`, and how they read at `at`.
    fn paused_mentor_at(zone: &str, at: &str) -> (MentorStatus, NaiveDate) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let mut desk = desk_at(&path, "2026-12-01T12:00:00Z");
        desk.set_default_zone(zone).unwrap();
        let values = [
            (MentorField::Id, "M1".to_string()),
            (MentorField::Name, "Sam Lee".to_string()),
            (MentorField::Capacity, "2".to_string()),
        ];
        desk.add_mentor(&values).unwrap();
        let id = MentorId::parse("M1").unwrap();
        desk.pause_mentor(&id, Some(day("2026-12-15"))).unwrap();
        drop(desk);
        let mut later = desk_at(&path, at);
        let status = later.mentors().unwrap().remove(0).mentor.status;
        (status, later.today().unwrap())
    }

    #[test]
    fn the_desks_day_is_its_zones_date_not_utcs() {
        // 14 December, 12:00 UTC is already 15 December, 01:00 in Auckland (UTC+13)…
        let (status, today) = paused_mentor_at("Pacific/Auckland", "2026-12-14T12:00:00Z");
        assert_eq!(today, day("2026-12-15"));
        assert_eq!(
            status,
            MentorStatus::Active,
            "the pause ended at midnight there"
        );
        // …and 15 December, 05:00 UTC is still 14 December, 21:00 in Los Angeles (UTC-8).
        let (status, today) = paused_mentor_at("America/Los_Angeles", "2026-12-15T05:00:00Z");
        assert_eq!(today, day("2026-12-14"));
        assert_eq!(
            status,
            MentorStatus::Paused,
            "the pause ends at midnight there"
        );
        // On UTC's own desk the day is UTC's.
        let (status, today) = paused_mentor_at("UTC", "2026-12-14T23:59:00Z");
        assert_eq!((status, today), (MentorStatus::Paused, day("2026-12-14")));
    }

    #[test]
    fn a_pause_day_is_judged_against_the_desks_day() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        // 14 December, 12:00 UTC: 15 December in Auckland.
        let mut desk = desk_at(&path, "2026-12-14T12:00:00Z");
        desk.set_default_zone("Pacific/Auckland").unwrap();
        let values = [
            (MentorField::Id, "M1".to_string()),
            (MentorField::Name, "Sam Lee".to_string()),
            (MentorField::Capacity, "2".to_string()),
        ];
        desk.add_mentor(&values).unwrap();
        let id = MentorId::parse("M1").unwrap();
        let err = desk.pause_mentor(&id, Some(day("2026-12-15"))).unwrap_err();
        match err.refusal() {
            Some(Refusal::Person(PersonRefusal::PauseDayNotAhead { day: d, today })) => {
                assert_eq!((*d, *today), (day("2026-12-15"), day("2026-12-15")));
            }
            other => panic!("expected a pause day not ahead, got {other:?}"),
        }
        let paused = desk.pause_mentor(&id, Some(day("2026-12-16"))).unwrap();
        assert_eq!(paused.status, MentorStatus::Paused);
    }
}
