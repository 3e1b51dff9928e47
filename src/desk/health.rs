//! Health of pairings, read for the Pairings pane, `pairings --json` and `at-risk`.
//!
//! Owns: gathering what the rules in `domain::health` need (current check-ins, milestones,
//! thresholds from `health.*` settings, today in the desk's zone) in one read, and changing
//! those thresholds (audited, like the weights). May use: `domain`, `store`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use super::checkin::{CheckInRow, rows_of};
use super::settings::{SettingChange, log_settings, write_setting};
use super::{DataVersion, Desk, DeskError};
use crate::domain::health::{assess, with_open_concerns};
use crate::domain::thresholds::{THRESHOLDS, ThresholdSpec, spec};
use crate::domain::when::local_day;
use crate::domain::{
    CheckIn, CheckInId, CheckInSummary, Concern, HealthReport, HealthThresholds, Milestone,
    Pairing, PairingId, PairingStatus, Session,
};
use crate::store::Tx;

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
    /// Every version, in time order; shared with later reads that wrote no check-in (see
    /// [`Desk::follow_up_since`]).
    pub checkins: Arc<Vec<CheckInRow>>,
    /// Every milestone (health counts overdue ones).
    pub milestones: Vec<Milestone>,
    /// Where the file stood when `checkins` were known current (`None`: unknown, read
    /// again); see [`Desk::follow_up_current`].
    checkins_at: Option<DataVersion>,
}

impl FollowUp {
    /// Where the file stood when its check-ins were known current.
    pub fn checkins_read_at(&self) -> Option<DataVersion> {
        self.checkins_at
    }
}

/// The health rules with what they are judged against: thresholds, now, and today.
pub(super) struct Judge {
    pub thresholds: HealthThresholds,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    /// On a mentor desk, the sessions the coordinator's desk had recorded when the pack was
    /// made: they count for health (a pairing met last week is not "without a first
    /// check-in"), though they are not this desk's check-ins and never travel back.
    pub earlier: Vec<CheckInSummary>,
    /// Open concerns by pairing: an open high one makes its pairing at risk
    /// ([`with_open_concerns`]).
    pub concerns: HashMap<PairingId, Vec<Concern>>,
}

impl Judge {
    /// The health of each active pairing of `pairings`, by id, without copying a pairing or
    /// a milestone: `milestones` must be sorted by learner (each learner's are one run).
    pub(super) fn reports<C: Session>(
        &self,
        pairings: &[Pairing],
        current: &[&C],
        milestones: &[Milestone],
    ) -> HashMap<PairingId, HealthReport> {
        let mut by_pairing: HashMap<PairingId, Vec<&C>> = HashMap::new();
        for c in current {
            by_pairing.entry(c.pairing()).or_default().push(c);
        }
        pairings
            .iter()
            .filter(|p| p.status == PairingStatus::Active)
            .map(|p| {
                let own = by_pairing.get(&p.id).map_or(&[][..], Vec::as_slice);
                let start = milestones.partition_point(|m| m.learner < p.learner);
                let end = milestones.partition_point(|m| m.learner <= p.learner);
                let goals = &milestones[start..end];
                let report = assess(p, own, goals, &self.thresholds, self.now, self.today);
                let open: Vec<&Concern> = self.concerns.get(&p.id).into_iter().flatten().collect();
                (p.id, with_open_concerns(report, &open, self.now))
            })
            .collect()
    }

    /// [`Judge::reports`] for every pairing of `pairings` (a report for the active ones),
    /// with this desk's earlier sessions counted beside the `current` check-ins.
    pub(super) fn assess_all<'c>(
        &self,
        pairings: Vec<Pairing>,
        current: impl IntoIterator<Item = &'c CheckIn>,
        milestones: &[Milestone],
    ) -> Vec<PairingHealth> {
        let sessions: Vec<CheckInSummary> = current
            .into_iter()
            .map(CheckInSummary::from)
            .chain(self.earlier.iter().copied())
            .collect();
        let sessions: Vec<&CheckInSummary> = sessions.iter().collect();
        // `reports` wants each learner's milestones in one run; a stable sort keeps their order.
        let goals: Cow<'_, [Milestone]> = if milestones.is_sorted_by_key(|m| &m.learner) {
            Cow::Borrowed(milestones)
        } else {
            let mut sorted = milestones.to_vec();
            sorted.sort_by(|a, b| a.learner.cmp(&b.learner));
            Cow::Owned(sorted)
        };
        let mut reports = self.reports(&pairings, &sessions, &goals);
        pairings
            .into_iter()
            .map(|pairing| {
                let report = reports.remove(&pairing.id);
                PairingHealth { pairing, report }
            })
            .collect()
    }
}

/// The open concerns by pairing, for [`Judge::concerns`], read inside the caller's transaction.
pub(super) fn open_concerns_in(tx: &Tx<'_>) -> Result<HashMap<PairingId, Vec<Concern>>, DeskError> {
    let mut by_pairing: HashMap<PairingId, Vec<Concern>> = HashMap::new();
    for concern in tx.concerns(true)? {
        by_pairing.entry(concern.pairing).or_default().push(concern);
    }
    Ok(by_pairing)
}

/// [`Desk::health_thresholds`] read inside the caller's transaction.
pub(super) fn thresholds_in(tx: &Tx<'_>) -> Result<HealthThresholds, DeskError> {
    let mut thresholds = HealthThresholds::default();
    for (key, value) in tx.settings_with_prefix("health.")? {
        thresholds.apply_setting(&key, &value)?;
    }
    Ok(thresholds)
}

/// The check-ins no later version replaces (`versions` holds every version): the ones
/// lists show and health counts. The one place that rule lives; rows of
/// [`CheckInRow`] pass `rows.iter().map(|r| &r.checkin)`.
pub fn current_checkins<'a, C, I>(versions: I) -> Vec<&'a C>
where
    C: Session + 'a,
    I: IntoIterator<Item = &'a C>,
    I::IntoIter: Clone,
{
    let versions = versions.into_iter();
    let replaced: HashSet<CheckInId> = versions.clone().filter_map(Session::supersedes).collect();
    versions.filter(|c| !replaced.contains(&c.id())).collect()
}

impl Desk {
    /// The thresholds in use: the defaults, changed by any `health.*` settings.
    pub fn health_thresholds(&mut self) -> Result<HealthThresholds, DeskError> {
        self.store.read(thresholds_in)
    }

    /// Changes one threshold (audited): `name` with or without the `health.` prefix, `raw`
    /// checked against its range and the order of the cadences. Returns before and after.
    pub fn set_health_threshold(
        &mut self,
        name: &str,
        raw: &str,
    ) -> Result<(HealthThresholds, HealthThresholds), DeskError> {
        let spec = spec(name)?;
        let before = self.health_thresholds()?;
        let mut after = before;
        after.set(spec.name, raw)?;
        self.write_thresholds(&before, &after, &[spec])?;
        Ok((before, after))
    }

    /// Keeps a whole set of thresholds (the desk's editor), auditing each one that changed,
    /// in one transaction.
    pub fn set_health_thresholds(
        &mut self,
        next: &HealthThresholds,
    ) -> Result<HealthThresholds, DeskError> {
        next.check()?;
        let before = self.health_thresholds()?;
        let specs: Vec<&ThresholdSpec> = THRESHOLDS.iter().collect();
        self.write_thresholds(&before, next, &specs)?;
        Ok(*next)
    }

    /// Puts one threshold (or, with `None`, all of them) back to its default (audited).
    /// Refused when that would leave "needs check-in" at or above "at risk".
    pub fn reset_health_thresholds(
        &mut self,
        name: Option<&str>,
    ) -> Result<(HealthThresholds, HealthThresholds), DeskError> {
        let specs: Vec<&ThresholdSpec> = match name {
            Some(name) => vec![spec(name)?],
            None => THRESHOLDS.iter().collect(),
        };
        let before = self.health_thresholds()?;
        let defaults = HealthThresholds::default();
        let mut after = before;
        for s in &specs {
            let value = defaults.get(s.name).unwrap_or_default();
            after.apply_setting(s.name, &value)?;
        }
        after.check()?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let mut steps = Vec::new();
            for s in &specs {
                let (key, subject) = (s.key(), format!("setting:{}", s.key()));
                if tx.setting(&key)?.is_none() {
                    continue;
                }
                let change = SettingChange {
                    key: &key,
                    value: None,
                    subject: &subject,
                    before: serde_json::json!(before.get(s.name)),
                    after: serde_json::json!(after.get(s.name)),
                };
                steps.push(write_setting(tx, now, &actor, "health.reset", &change)?);
            }
            log_settings(tx, now, &actor, false, steps)
        })?;
        Ok((before, after))
    }

    /// Stores the thresholds among `specs` that differ between `before` and `after`.
    fn write_thresholds(
        &mut self,
        before: &HealthThresholds,
        after: &HealthThresholds,
        specs: &[&ThresholdSpec],
    ) -> Result<(), DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let mut steps = Vec::new();
            for s in specs {
                let (old, new) = (before.get(s.name), after.get(s.name));
                if old == new {
                    continue;
                }
                let (key, subject) = (s.key(), format!("setting:{}", s.key()));
                let change = SettingChange {
                    key: &key,
                    value: new.as_deref(),
                    subject: &subject,
                    before: serde_json::json!(old),
                    after: serde_json::json!(new),
                };
                steps.push(write_setting(tx, now, &actor, "health.set", &change)?);
            }
            log_settings(tx, now, &actor, false, steps)
        })
    }

    /// Pairings (optionally of one status) with the health of the active ones, by id.
    pub fn pairings_with_health(
        &mut self,
        status: Option<PairingStatus>,
    ) -> Result<Vec<PairingHealth>, DeskError> {
        let thresholds = self.health_thresholds()?;
        let judge = self.judge(thresholds)?;
        let (pairings, checkins, milestones) = self.store.read(|tx| {
            Ok::<_, DeskError>((
                match status {
                    Some(status) => tx.pairings_in(status)?,
                    None => tx.all_pairings()?,
                },
                tx.all_checkins()?,
                tx.all_milestones()?,
            ))
        })?;
        Ok(judge.assess_all(pairings, current_checkins(&checkins), &milestones))
    }

    /// Every pairing with its health and every check-in version with who it was between,
    /// read in one transaction: what the desk's follow-up panes show.
    pub fn follow_up(&mut self) -> Result<FollowUp, DeskError> {
        // Taken before the read: a commit in between makes the next read look again.
        let at = self.data_version()?;
        let thresholds = self.health_thresholds()?;
        let judge = self.judge(thresholds)?;
        let (pairings, checkins, milestones) = self.store.read(|tx| {
            Ok::<_, DeskError>((tx.all_pairings()?, tx.all_checkins()?, tx.all_milestones()?))
        })?;
        let rows = rows_of(&pairings, checkins, &milestones, None, true);
        Ok(FollowUp {
            pairings: judge.assess_all(
                pairings,
                current_checkins(rows.iter().map(|r| &r.checkin)),
                &milestones,
            ),
            checkins: Arc::new(rows),
            milestones,
            checkins_at: Some(at),
        })
    }

    /// As [`Desk::follow_up`] after a change that wrote no check-in (a decision, a pause, an
    /// end, a milestone): pairings and milestones are read again, the check-ins of `earlier`
    /// are kept. Reading every check-in is most of the cost on a large program. The caller
    /// vouches that no check-in changed; [`Desk::follow_up_current`] asks SQLite instead.
    pub fn follow_up_since(&mut self, earlier: &FollowUp) -> Result<FollowUp, DeskError> {
        let at = self.data_version()?;
        self.follow_up_keeping(earlier, at)
    }

    /// The follow-up as the file stands now, keeping the check-ins of `earlier` when SQLite
    /// says none can have changed since they were read (no other connection committed, this
    /// desk wrote no check-in) and reading everything otherwise. What the desk's reloads
    /// use, so a reload shows what another desk or the command line saved.
    pub fn follow_up_current(&mut self, earlier: Option<&FollowUp>) -> Result<FollowUp, DeskError> {
        let now = self.data_version()?;
        match earlier {
            Some(earlier)
                if earlier
                    .checkins_at
                    .is_some_and(|then| !then.checkins_may_differ(&now)) =>
            {
                self.follow_up_keeping(earlier, now)
            }
            _ => self.follow_up(),
        }
    }

    /// Pairings and milestones read again, the check-ins of `earlier`, known current at `at`.
    fn follow_up_keeping(
        &mut self,
        earlier: &FollowUp,
        at: DataVersion,
    ) -> Result<FollowUp, DeskError> {
        let thresholds = self.health_thresholds()?;
        let judge = self.judge(thresholds)?;
        let (pairings, milestones) = self
            .store
            .read(|tx| Ok::<_, DeskError>((tx.all_pairings()?, tx.all_milestones()?)))?;
        let current = current_checkins(earlier.checkins.iter().map(|r| &r.checkin));
        Ok(FollowUp {
            pairings: judge.assess_all(pairings, current, &milestones),
            checkins: Arc::clone(&earlier.checkins),
            milestones,
            checkins_at: Some(at),
        })
    }

    /// The pairings of `follow_up` judged again by `thresholds` (tried, not stored), from
    /// what was read: the desk's threshold editor answers each change without a read.
    pub fn judge_again(
        &mut self,
        follow_up: &FollowUp,
        thresholds: HealthThresholds,
    ) -> Result<Vec<PairingHealth>, DeskError> {
        let judge = self.judge(thresholds)?;
        let pairings = follow_up
            .pairings
            .iter()
            .map(|h| h.pairing.clone())
            .collect();
        let current = current_checkins(follow_up.checkins.iter().map(|r| &r.checkin));
        Ok(judge.assess_all(pairings, current, &follow_up.milestones))
    }

    fn judge(&mut self, thresholds: HealthThresholds) -> Result<Judge, DeskError> {
        let now = self.now();
        let today = local_day(now, self.default_zone()?);
        let earlier = self
            .store
            .read(|tx| tx.pack_checkins())?
            .into_iter()
            .map(|brief| CheckInSummary {
                id: brief.id,
                pairing: brief.pairing,
                at: brief.at,
                minutes: 0,
                confidence: brief.confidence,
                supersedes: None,
            })
            .collect();
        let concerns = self.store.read(open_concerns_in)?;
        Ok(Judge {
            thresholds,
            now,
            today,
            earlier,
            concerns,
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
        // Every row kept has a report (the filter above), so `None` never orders anything.
        rows.sort_by_key(|row| {
            row.report
                .as_ref()
                .map(|r| crate::domain::health::urgency_key(r, row.pairing.id))
        });
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::desk::FixedClock;

    fn desk() -> Desk {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
        desk.set_actor("coordinator");
        desk
    }

    fn health_audit(desk: &mut Desk) -> Vec<(String, String)> {
        desk.audit(100)
            .unwrap()
            .into_iter()
            .filter(|e| e.action.starts_with("health."))
            .map(|e| (e.action, e.subject))
            .collect()
    }

    #[test]
    fn set_stores_one_threshold_and_audits_it() {
        let mut desk = desk();
        let (before, after) = desk.set_health_threshold("at-risk-cadences", "4").unwrap();
        assert_eq!(before.at_risk_cadences, 3.0);
        assert_eq!(after.at_risk_cadences, 4.0);
        assert_eq!(desk.health_thresholds().unwrap(), after);
        assert_eq!(
            health_audit(&mut desk),
            vec![(
                "health.set".to_string(),
                "setting:health.at_risk_cadences".to_string()
            )]
        );
        assert!(desk.set_health_threshold("at_risk_cadences", "x").is_err());
        assert!(desk.set_health_threshold("nope", "1").is_err());
        assert_eq!(health_audit(&mut desk).len(), 1, "refusals write nothing");
    }

    #[test]
    fn a_whole_set_audits_only_what_changed_and_reset_restores_defaults() {
        let mut desk = desk();
        let next = HealthThresholds {
            first_checkin_days: 30,
            falling_checkins: 4,
            ..HealthThresholds::default()
        };
        desk.set_health_thresholds(&next).unwrap();
        assert_eq!(desk.health_thresholds().unwrap(), next);
        assert_eq!(health_audit(&mut desk).len(), 2);
        let backwards = HealthThresholds {
            needs_checkin_cadences: 5.0,
            ..HealthThresholds::default()
        };
        assert!(desk.set_health_thresholds(&backwards).is_err());
        let (_, after) = desk
            .reset_health_thresholds(Some("falling_checkins"))
            .unwrap();
        assert_eq!(after.falling_checkins, 3);
        assert_eq!(after.first_checkin_days, 30);
        desk.reset_health_thresholds(None).unwrap();
        assert_eq!(
            desk.health_thresholds().unwrap(),
            HealthThresholds::default()
        );
        let resets = health_audit(&mut desk)
            .iter()
            .filter(|(a, _)| a == "health.reset")
            .count();
        assert_eq!(resets, 2, "only stored settings are reset and audited");
    }
}
