//! Program metrics for the Dashboard, `mentordesk metrics` and reports.
//!
//! Owns: reading what the metrics need (people, pairings, current check-ins, milestones,
//! reflections without their words, health thresholds and the desk's zone) in one transaction, judging the active pairings'
//! health by the same rules as the Pairings pane, and handing it all to
//! `domain::metrics::measure`. May use: `domain`, `store`.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::health::{Judge, current_checkins, thresholds_in};
use super::settings::default_zone_in;
use super::{Desk, DeskError};
use crate::domain::metrics::{AtRisk, Frame, Period, Program, ProgramMetrics, at_risk, measure};
use crate::domain::when::local_day;
use crate::domain::{ConcernKind, HealthReport, Mentor, PairingId};

/// The program at a glance: its metrics over a period, the pairings that need attention now,
/// and the mentors (for reports that name those who agreed).
#[derive(Debug, Clone, PartialEq)]
pub struct Insight {
    pub metrics: ProgramMetrics,
    /// Worst first, as `at-risk` lists them.
    pub at_risk: Vec<AtRisk>,
    pub mentors: Vec<Mentor>,
    /// The zone the weeks and dates are read in.
    pub zone: Tz,
    /// Concerns by kind as the desk holds them now: how many open, how many resolved (counts
    /// only: reports never quote a concern's words).
    pub concerns: Vec<ConcernCount>,
}

/// The concerns of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConcernCount {
    pub kind: ConcernKind,
    pub open: u64,
    pub resolved: u64,
}

/// Every kind, in the kinds' order, with its counts (kinds never raised count 0).
fn concern_counts(concerns: &[crate::domain::Concern]) -> Vec<ConcernCount> {
    ConcernKind::ALL
        .iter()
        .map(|&kind| {
            let of_kind = concerns.iter().filter(|c| c.kind == kind);
            let open = of_kind.clone().filter(|c| c.is_open()).count() as u64;
            ConcernCount {
                kind,
                open,
                resolved: of_kind.count() as u64 - open,
            }
        })
        .collect()
}

impl Desk {
    /// The program's metrics over `period`.
    pub fn metrics(&mut self, period: Period) -> Result<ProgramMetrics, DeskError> {
        Ok(self.insight(period)?.metrics)
    }

    /// Metrics, the at-risk list and the mentors, from one read.
    pub fn insight(&mut self, period: Period) -> Result<Insight, DeskError> {
        let now = self.now();
        let (
            thresholds,
            zone,
            learners,
            mentors,
            pairings,
            checkins,
            mut milestones,
            reflections,
            every,
        ) = self.store.read(|tx| {
            Ok::<_, DeskError>((
                thresholds_in(tx)?,
                default_zone_in(tx)?,
                tx.learner_summaries()?,
                tx.mentors()?,
                tx.all_pairings()?,
                tx.checkin_summaries()?,
                tx.all_milestones()?,
                tx.reflection_summaries()?,
                tx.concerns(false)?,
            ))
        })?;
        let current = current_checkins(&checkins);
        let mut concerns: HashMap<PairingId, Vec<crate::domain::Concern>> = HashMap::new();
        for c in every.iter().filter(|c| c.is_open()) {
            concerns.entry(c.pairing).or_default().push(c.clone());
        }
        let judge = Judge {
            thresholds,
            now,
            today: local_day(now, zone),
            // The Dashboard is the coordinator's: a mentor desk shows no program numbers.
            earlier: Vec::new(),
            concerns,
        };
        milestones.sort_by(|a, b| a.learner.cmp(&b.learner).then(a.id.cmp(&b.id)));
        let health: HashMap<PairingId, HealthReport> =
            judge.reports(&pairings, &current, &milestones);
        let program = Program {
            learners: &learners,
            mentors: &mentors,
            pairings: &pairings,
            checkins: &current,
            milestones: &milestones,
            health: &health,
            reflections: &reflections,
        };
        let frame = Frame::new(period, now, zone);
        Ok(Insight {
            metrics: measure(&program, &frame),
            at_risk: at_risk(&program),
            mentors,
            zone,
            concerns: concern_counts(&every),
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::desk::{FixedClock, NewProgram};
    use crate::domain::metrics::sample;

    #[test]
    fn the_desk_measures_what_the_domain_measures_on_the_same_program() {
        let s = sample::program();
        let mut desk = Desk::in_memory(Box::new(FixedClock(sample::now()))).unwrap();
        desk.set_default_zone("UTC").unwrap();
        desk.load_program(
            "sample",
            NewProgram {
                mentors: &s.mentors,
                learners: &s.learners,
                pairings: &s.pairings,
                checkins: &s.checkins,
                milestones: &s.milestones,
                exclusions: &[],
            },
            false,
        )
        .unwrap();
        for period in [Period::All, Period::LastDays(30)] {
            let insight = desk.insight(period).unwrap();
            assert_eq!(insight.metrics, s.metrics(period), "{period}");
            assert_eq!(insight.at_risk, s.at_risk());
        }
        assert_eq!(
            desk.metrics(Period::All).unwrap().to,
            chrono::Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0).unwrap()
        );
    }
}
