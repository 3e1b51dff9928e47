//! The dates a coordinator (or a mentor) puts in their calendar: each active pairing's next
//! check-in due, and each planned milestone's due date for learners in a pairing under way.
//! Writing them as iCalendar is `exchange`'s. May use: `domain`, `store`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::person_edit::{refused, stored_mentor};
use super::person_refusal::PersonRefusal;
use super::{Desk, DeskError};
use crate::domain::{DeskRole, MentorId, MilestoneStatus, PairingId, PairingStatus};

/// Most weeks ahead a calendar covers.
pub const MAX_CALENDAR_WEEKS: u32 = 52;

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    CheckIn,
    Milestone,
}

/// One date to put in a calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueDate {
    pub kind: DueKind,
    /// Stable across exports (the pairing's or the milestone's uid), so importing a later
    /// calendar moves the event instead of adding a second one.
    pub uid: String,
    /// The day it falls due, or today when it is already late.
    pub day: NaiveDate,
    /// The day it fell due, when that is before today.
    pub overdue_since: Option<NaiveDate>,
    pub pairing: PairingId,
    pub learner_name: String,
    pub mentor_name: String,
    /// The milestone's title (empty for a check-in).
    pub title: String,
}

/// The dates of one calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarDates {
    pub dates: Vec<DueDate>,
    /// Whose dates, when one mentor's only.
    pub mentor: Option<MentorId>,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub made_at: DateTime<Utc>,
}

impl Desk {
    /// The dates due from today to `weeks` ahead (late ones on today), by day. `mentor` keeps
    /// one mentor's; a mentor desk always keeps its own mentor's (another is refused).
    pub fn calendar_dates(
        &mut self,
        mentor: Option<&MentorId>,
        weeks: u32,
    ) -> Result<CalendarDates, DeskError> {
        if !(1..=MAX_CALENDAR_WEEKS).contains(&weeks) {
            return Err(crate::domain::DomainError::OutOfRange {
                what: "weeks",
                value: weeks.to_string(),
                min: 1,
                max: MAX_CALENDAR_WEEKS.into(),
            }
            .into());
        }
        let identity = self.identity()?;
        let mentor = match (identity.role, identity.mentor, mentor) {
            (DeskRole::Mentor, Some(own), Some(asked)) if own != *asked => {
                return Err(refused(PersonRefusal::NotThisDesksMentor {
                    asked: asked.clone(),
                    own,
                }));
            }
            (DeskRole::Mentor, Some(own), _) => Some(own),
            (_, _, asked) => asked.cloned(),
        };
        let now = self.now();
        // Days in the desk's zone, as every pane shows them.
        let zone = self.default_zone()?;
        let today = self.today()?;
        let until = today + Duration::weeks(weeks.into());
        let active = self.pairings_with_health(Some(PairingStatus::Active))?;
        let (names, milestones) = self.store.read(|tx| {
            if let Some(id) = &mentor {
                stored_mentor(tx, id)?;
            }
            let mut names = HashMap::new();
            for p in &active {
                let learner = tx
                    .learner(&p.pairing.learner)?
                    .map(|l| l.name)
                    .unwrap_or_default();
                let mentor = tx
                    .mentor(&p.pairing.mentor)?
                    .map(|m| m.name)
                    .unwrap_or_default();
                names.insert(p.pairing.id, (learner, mentor));
            }
            Ok::<_, DeskError>((names, tx.all_milestones()?))
        })?;
        let mut dates = Vec::new();
        let mut push = |kind, uid: String, due: NaiveDate, pairing: PairingId, title: String| {
            if due > until {
                return;
            }
            let (learner_name, mentor_name) = names.get(&pairing).cloned().unwrap_or_default();
            dates.push(DueDate {
                kind,
                uid,
                day: due.max(today),
                overdue_since: (due < today).then_some(due),
                pairing,
                learner_name,
                mentor_name,
                title,
            });
        };
        let mut pairing_of_learner = HashMap::new();
        for row in &active {
            let p = &row.pairing;
            if mentor.as_ref().is_some_and(|m| *m != p.mentor) {
                continue;
            }
            pairing_of_learner.insert(p.learner.clone(), p.id);
            if let Some(report) = &row.report {
                let uid = format!("pairing-{}-next-check-in@mentordesk", p.uid);
                push(
                    DueKind::CheckIn,
                    uid,
                    crate::domain::when::local_day(report.next_due, zone),
                    p.id,
                    String::new(),
                );
            }
        }
        for m in milestones {
            let (Some(due), MilestoneStatus::Planned) = (m.due, m.status) else {
                continue;
            };
            if let Some(pairing) = pairing_of_learner.get(&m.learner) {
                let uid = format!("milestone-{}@mentordesk", m.uid);
                push(DueKind::Milestone, uid, due, *pairing, m.title.clone());
            }
        }
        dates.sort_by(|a, b| (a.day, &a.uid).cmp(&(b.day, &b.uid)));
        Ok(CalendarDates {
            dates,
            mentor,
            from: today,
            until,
            made_at: now,
        })
    }
}
