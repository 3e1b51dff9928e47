//! Program metrics for the Dashboard, `mentordesk metrics` and reports.
//!
//! Owns: reading what the metrics need (people, pairings, current check-ins, milestones,
//! health thresholds and the desk's zone) in one transaction, judging the active pairings'
//! health by the same rules as the Pairings pane, and handing it all to
//! `domain::metrics::measure`. May use: `domain`, `store`.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::health::{Judge, current_checkins, open_concerns_in, thresholds_in};
use super::settings::default_zone_in;
use super::{Desk, DeskError};
use crate::domain::metrics::{AtRisk, Frame, Period, Program, ProgramMetrics, at_risk, measure};
use crate::domain::when::local_day;
use crate::domain::{HealthReport, Mentor, PairingId};

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
}

impl Desk {
    /// The program's metrics over `period`.
    pub fn metrics(&mut self, period: Period) -> Result<ProgramMetrics, DeskError> {
        Ok(self.insight(period)?.metrics)
    }

    /// Metrics, the at-risk list and the mentors, from one read.
    pub fn insight(&mut self, period: Period) -> Result<Insight, DeskError> {
        let now = self.now();
        let (thresholds, zone, learners, mentors, pairings, checkins, mut milestones, concerns) =
            self.store.read(|tx| {
                Ok::<_, DeskError>((
                    thresholds_in(tx)?,
                    default_zone_in(tx)?,
                    tx.learner_summaries()?,
                    tx.mentors()?,
                    tx.all_pairings()?,
                    tx.checkin_summaries()?,
                    tx.all_milestones()?,
                    open_concerns_in(tx)?,
                ))
            })?;
        let current = current_checkins(&checkins);
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
        };
        let frame = Frame::new(period, now, zone);
        Ok(Insight {
            metrics: measure(&program, &frame),
            at_risk: at_risk(&program),
            mentors,
            zone,
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
