//! A person's status by hand: a learner withdraws, graduates or waits again; a mentor pauses
//! (until a day, or until resumed), resumes or retires.
//!
//! `matched` and `paused` learners follow their pairings and are never set here. A mentor's
//! pause that has a day ends on that day by itself: the store reads the mentor as active from
//! then on (see [`crate::domain::Mentor::as_of`]). Each change is one transaction with an
//! audit row holding the person before and after. May use: `domain`, `store`.

use chrono::NaiveDate;

use super::person_edit::{
    blocking, refused, seats_of_mentor, snapshot, stored_learner, stored_mentor,
};
use super::person_refusal::PersonRefusal;
use super::{Desk, DeskError};
use crate::domain::{Learner, LearnerId, LearnerStatus, Mentor, MentorId, MentorStatus};
use crate::store::Tx;

/// Checks that `learner` may take `status` by hand: only waiting, withdrawn or graduated, and
/// only when they hold no active or paused pairing.
pub(super) fn check_learner_status(
    tx: &Tx<'_>,
    learner: &Learner,
    status: LearnerStatus,
) -> Result<(), DeskError> {
    if matches!(status, LearnerStatus::Matched | LearnerStatus::Paused) {
        return Err(refused(PersonRefusal::StatusFollowsPairings { status }));
    }
    if learner.status == status {
        return Err(refused(PersonRefusal::LearnerAlready {
            learner: learner.id.clone(),
            status,
        }));
    }
    if let Some(seat) = tx.seat_of(&learner.id)? {
        return Err(refused(PersonRefusal::LearnerPaired {
            learner: learner.id.clone(),
            status,
            pairing: blocking(&seat),
        }));
    }
    Ok(())
}

/// What a mentor's status change is, for its audit action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MentorMove {
    Pause(Option<NaiveDate>),
    Resume,
    Retire,
}

impl Desk {
    /// A learner withdraws, graduates or waits again (`learner.withdraw`, `learner.graduate`,
    /// `learner.wait`). Refused while they hold a pairing (it is named: end it first).
    pub fn set_learner_status(
        &mut self,
        id: &LearnerId,
        status: LearnerStatus,
    ) -> Result<Learner, DeskError> {
        self.ensure_coordinator("changing a learner's status")?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let before = stored_learner(tx, id)?;
            check_learner_status(tx, &before, status)?;
            let after = Learner {
                status,
                ..before.clone()
            };
            tx.set_learner_status(id, status, now)?;
            let action = match status {
                LearnerStatus::Withdrawn => "learner.withdraw",
                LearnerStatus::Graduated => "learner.graduate",
                _ => "learner.wait",
            };
            let subject = format!("learner:{id}");
            let (b, a) = (snapshot(&before), snapshot(&after));
            tx.append_audit(now, &actor, action, &subject, Some(&b), Some(&a))?;
            Ok(after)
        })
    }

    /// Pauses a mentor: no new learners until `until` (a day after today; the mentor is active
    /// again from that day without anyone touching it) or until resumed. Their current
    /// pairings go on. Audited (`mentor.pause`).
    pub fn pause_mentor(
        &mut self,
        id: &MentorId,
        until: Option<NaiveDate>,
    ) -> Result<Mentor, DeskError> {
        if let Some(day) = until {
            // The desk's day, as the pause's end is read (not UTC's).
            let today = self.today()?;
            if day <= today {
                return Err(refused(PersonRefusal::PauseDayNotAhead { day, today }));
            }
        }
        self.move_mentor(id, MentorMove::Pause(until))
    }

    /// Makes a paused or retired mentor active again. Audited (`mentor.resume`).
    pub fn resume_mentor(&mut self, id: &MentorId) -> Result<Mentor, DeskError> {
        self.move_mentor(id, MentorMove::Resume)
    }

    /// Retires a mentor; refused while learners hold their seats (the pairings are named, to
    /// end or rematch first). Audited (`mentor.retire`).
    pub fn retire_mentor(&mut self, id: &MentorId) -> Result<Mentor, DeskError> {
        self.move_mentor(id, MentorMove::Retire)
    }

    fn move_mentor(&mut self, id: &MentorId, change: MentorMove) -> Result<Mentor, DeskError> {
        self.ensure_coordinator("changing a mentor's status")?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let before = stored_mentor(tx, id)?;
            let (status, paused_until, action) = match change {
                MentorMove::Pause(until) => (MentorStatus::Paused, until, "mentor.pause"),
                MentorMove::Resume => (MentorStatus::Active, None, "mentor.resume"),
                MentorMove::Retire => (MentorStatus::Retired, None, "mentor.retire"),
            };
            let unchanged = before.status == status && before.paused_until == paused_until;
            let resumed_twice = change == MentorMove::Resume && before.status == status;
            if unchanged
                || resumed_twice
                || (before.status == MentorStatus::Retired
                    && matches!(change, MentorMove::Pause(_)))
            {
                return Err(refused(PersonRefusal::MentorAlready {
                    mentor: id.clone(),
                    status: before.status.to_string(),
                }));
            }
            if change == MentorMove::Retire {
                let pairings = seats_of_mentor(tx, id)?;
                if !pairings.is_empty() {
                    return Err(refused(PersonRefusal::MentorHasLearners {
                        mentor: id.clone(),
                        pairings,
                    }));
                }
            }
            let after = Mentor {
                status,
                paused_until,
                ..before.clone()
            };
            tx.put_mentor(&after, now)?;
            let subject = format!("mentor:{id}");
            let (b, a) = (snapshot(&before), snapshot(&after));
            tx.append_audit(now, &actor, action, &subject, Some(&b), Some(&a))?;
            Ok(after)
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration, Utc};

    use super::*;
    use crate::desk::{FixedClock, Refusal};
    use crate::domain::MentorField;
    use crate::store::Store;

    fn at(days: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap() + Duration::days(days)
    }

    fn desk_at(path: &std::path::Path, days: i64) -> Desk {
        Desk::with_store(Store::open(path).unwrap(), Box::new(FixedClock(at(days))))
    }

    #[test]
    fn a_pause_ends_on_its_day_without_anyone_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let mut desk = desk_at(&path, 0);
        let values = [
            (MentorField::Id, "M1".to_string()),
            (MentorField::Name, "Sam Lee".to_string()),
            (MentorField::Capacity, "2".to_string()),
        ];
        desk.add_mentor(&values).unwrap();
        let id = MentorId::parse("M1").unwrap();
        let until = at(3).date_naive();
        desk.pause_mentor(&id, Some(until)).unwrap();
        drop(desk);

        let status_on = |days| {
            let mut desk = desk_at(&path, days);
            let row = desk.mentors().unwrap().remove(0);
            (row.mentor.status, row.mentor.paused_until)
        };
        assert_eq!(status_on(2), (MentorStatus::Paused, Some(until)));
        assert_eq!(status_on(3), (MentorStatus::Active, None));
        assert_eq!(status_on(40), (MentorStatus::Active, None));

        let mut later = desk_at(&path, 5);
        let err = later
            .pause_mentor(&id, Some(at(5).date_naive()))
            .unwrap_err();
        assert!(matches!(
            err.refusal(),
            Some(Refusal::Person(PersonRefusal::PauseDayNotAhead { .. }))
        ));
    }
}
