//! What an introduction of a new pair needs: both people, the agreement, the first planned
//! milestone and the times they share. Writing it (text or e-mail) is `exchange`'s. May use:
//! `domain`, `store`.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::lifecycle::load_pairing;
use super::person_edit::{refused, stored_learner, stored_mentor};
use super::person_refusal::PersonRefusal;
use super::{Desk, DeskError};
use crate::domain::availability::week_monday;
use crate::domain::overlap::{SharedTime, shared_times};
use crate::domain::{
    Learner, Mentor, Milestone, MilestoneStatus, Pairing, PairingId, PairingStatus,
};

/// Everything an introduction says, read in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Introduction {
    pub pairing: Pairing,
    pub learner: Learner,
    pub mentor: Mentor,
    /// The learner's first planned milestone (earliest due, then earliest planned).
    pub first_milestone: Option<Milestone>,
    /// Each person's zone (their own, else the desk's default) and whether it is the default.
    pub learner_zone: (Tz, bool),
    pub mentor_zone: (Tz, bool),
    /// The reference week the shared times are taken from (its Monday).
    pub week_of: NaiveDate,
    pub shared: Vec<SharedTime>,
    pub written_at: DateTime<Utc>,
}

impl Desk {
    /// The introduction of an active or paused pairing; a proposal (not approved yet) or a
    /// closed pairing is refused.
    pub fn introduction(&mut self, id: PairingId) -> Result<Introduction, DeskError> {
        let default_zone = self.default_zone()?;
        let now = self.now();
        self.store.read(|tx| {
            let pairing = load_pairing(tx, id)?;
            if !matches!(
                pairing.status,
                PairingStatus::Active | PairingStatus::Paused
            ) {
                return Err(refused(PersonRefusal::NotIntroducible {
                    pairing: id,
                    status: pairing.status,
                }));
            }
            let learner = stored_learner(tx, &pairing.learner)?;
            let mentor = stored_mentor(tx, &pairing.mentor)?;
            let mut planned: Vec<Milestone> = tx
                .milestones_of(&learner.id)?
                .into_iter()
                .filter(|m| m.status == MilestoneStatus::Planned)
                .collect();
            planned.sort_by_key(|m| (m.due.is_none(), m.due, m.created_at, m.id));
            let learner_zone = (
                learner.timezone.unwrap_or(default_zone),
                learner.timezone.is_none(),
            );
            let mentor_zone = (
                mentor.timezone.unwrap_or(default_zone),
                mentor.timezone.is_none(),
            );
            let week_of = week_monday(crate::domain::when::local_day(now, default_zone));
            let shared = shared_times(
                &learner.availability,
                learner_zone.0,
                &mentor.availability,
                mentor_zone.0,
                week_of,
            );
            Ok(Introduction {
                pairing,
                learner,
                mentor,
                first_milestone: planned.into_iter().next(),
                learner_zone,
                mentor_zone,
                week_of,
                shared,
                written_at: now,
            })
        })
    }
}
