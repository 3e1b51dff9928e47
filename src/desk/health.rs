//! Health of pairings, read for the Pairings pane, `pairings --json` and `at-risk`.
//!
//! Owns: gathering what the rules in `domain::health` need (current check-ins, milestones,
//! thresholds from `health.*` settings, today in the desk's zone) in one read. May use:
//! `domain`, `store`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::checkin::{CheckInRow, rows_of};
use super::{Desk, DeskError};
use crate::domain::health::assess;
use crate::domain::when::local_day;
use crate::domain::{
    CheckIn, CheckInId, HealthReport, HealthThresholds, LearnerId, Milestone, Pairing, PairingId,
    PairingStatus,
};

/// A pairing and, when it is active, its health.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingHealth {
    pub pairing: Pairing,
    /// `None` for pairings that are not active (paused, proposed or closed ones are not
    /// judged).
    pub report: Option<HealthReport>,
}

/// Every pairing with its health and every check-in version (see [`Desk::follow_up`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUp {
    /// By id.
    pub pairings: Vec<PairingHealth>,
    /// Every version, in time order.
    pub checkins: Vec<CheckInRow>,
}

/// The health rules with what they are judged against: thresholds, now, and today.
struct Judge {
    thresholds: HealthThresholds,
    now: DateTime<Utc>,
    today: NaiveDate,
}

impl Judge {
    /// The health of each active pairing of `pairings`, from the current check-ins and the
    /// learners' milestones.
    fn assess_all(
        &self,
        pairings: Vec<Pairing>,
        checkins: &[CheckIn],
        milestones: Vec<Milestone>,
    ) -> Vec<PairingHealth> {
        let mut by_pairing: HashMap<PairingId, Vec<&CheckIn>> = HashMap::new();
        for c in current_checkins(checkins) {
            by_pairing.entry(c.pairing).or_default().push(c);
        }
        let mut by_learner: HashMap<LearnerId, Vec<Milestone>> = HashMap::new();
        for m in milestones {
            by_learner.entry(m.learner.clone()).or_default().push(m);
        }
        pairings
            .into_iter()
            .map(|pairing| {
                let report = (pairing.status == PairingStatus::Active).then(|| {
                    let own = by_pairing.get(&pairing.id).map_or(&[][..], Vec::as_slice);
                    let goals = by_learner
                        .get(&pairing.learner)
                        .map_or(&[][..], Vec::as_slice);
                    assess(&pairing, own, goals, &self.thresholds, self.now, self.today)
                });
                PairingHealth { pairing, report }
            })
            .collect()
    }
}

/// Check-ins no later version replaces: the ones lists show and health counts.
pub fn current_checkins(all: &[CheckIn]) -> Vec<&CheckIn> {
    let replaced: HashSet<CheckInId> = all.iter().filter_map(|c| c.supersedes).collect();
    all.iter().filter(|c| !replaced.contains(&c.id)).collect()
}

impl Desk {
    /// The thresholds in use: the defaults, changed by any `health.*` settings.
    pub fn health_thresholds(&mut self) -> Result<HealthThresholds, DeskError> {
        let stored = self.store.read(|tx| tx.settings_with_prefix("health."))?;
        let mut thresholds = HealthThresholds::default();
        for (key, value) in stored {
            thresholds.apply_setting(&key, &value)?;
        }
        Ok(thresholds)
    }

    /// Pairings (optionally of one status) with the health of the active ones, by id.
    pub fn pairings_with_health(
        &mut self,
        status: Option<PairingStatus>,
    ) -> Result<Vec<PairingHealth>, DeskError> {
        let judge = self.judge()?;
        let (pairings, checkins, milestones) = self.store.read(|tx| {
            Ok::<_, DeskError>((
                tx.pairings(status)?,
                tx.checkins(None)?,
                tx.milestones(None)?,
            ))
        })?;
        Ok(judge.assess_all(pairings, &checkins, milestones))
    }

    /// Every pairing with its health and every check-in version with who it was between,
    /// read in one transaction: what the desk's follow-up panes show.
    pub fn follow_up(&mut self) -> Result<FollowUp, DeskError> {
        let judge = self.judge()?;
        let (pairings, checkins, milestones) = self.store.read(|tx| {
            Ok::<_, DeskError>((tx.pairings(None)?, tx.checkins(None)?, tx.milestones(None)?))
        })?;
        let judged = judge.assess_all(pairings.clone(), &checkins, milestones);
        Ok(FollowUp {
            pairings: judged,
            checkins: rows_of(&pairings, checkins, None, true),
        })
    }

    fn judge(&mut self) -> Result<Judge, DeskError> {
        let thresholds = self.health_thresholds()?;
        let now = self.now();
        let today = local_day(now, self.default_zone()?);
        Ok(Judge {
            thresholds,
            now,
            today,
        })
    }

    /// Active pairings that need a check-in or are at risk, worst first: at risk before
    /// needs check-in, then the longest silence, then by id.
    pub fn attention(&mut self) -> Result<Vec<PairingHealth>, DeskError> {
        let mut rows: Vec<PairingHealth> = self
            .pairings_with_health(Some(PairingStatus::Active))?
            .into_iter()
            .filter(|row| {
                row.report
                    .as_ref()
                    .is_some_and(|r| r.health.needs_attention())
            })
            .collect();
        rows.sort_by_key(|row| {
            let (health, quiet) = row
                .report
                .as_ref()
                .map_or((None, 0), |r| (Some(r.health), r.days_quiet));
            (
                std::cmp::Reverse(health),
                std::cmp::Reverse(quiet),
                row.pairing.id,
            )
        });
        Ok(rows)
    }
}
