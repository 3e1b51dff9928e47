//! Computing [`ProgramMetrics`] from a program's values, each metric by its definition in
//! [`DEFINITIONS`](super::DEFINITIONS).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, Utc};

use super::learner::{LearnerTimes, match_start, waiting_since};
use super::period::Frame;
use super::stats::{distribution, mean, quantile, rate};
use super::{
    AtRisk, ConfidenceChange, Contribution, EndCount, LearnerCounts, MentorLoad, MentorLoadRow,
    NAMED_END_REASONS, ProgramMetrics, Share, StatusCount, Waiting, WeekConfidence,
};
use crate::domain::health::{HealthReport, urgency_key};
use crate::domain::reflection::ReflectionSummary;
use crate::domain::when::local_day;
use crate::domain::{
    CheckInSummary, LearnerId, LearnerStatus, LearnerSummary, Mentor, MentorId, MentorStatus,
    Milestone, MilestoneKind, MilestoneStatus, Pairing, PairingId, PairingStatus,
};

/// Everything the metrics are computed from.
#[derive(Debug, Clone, Copy)]
pub struct Program<'a> {
    pub learners: &'a [LearnerSummary],
    pub mentors: &'a [Mentor],
    pub pairings: &'a [Pairing],
    /// Current check-ins only (no version another one replaces).
    pub checkins: &'a [&'a CheckInSummary],
    pub milestones: &'a [Milestone],
    /// The health of each active pairing.
    pub health: &'a HashMap<PairingId, HealthReport>,
    /// Learners' reflections, without their words.
    pub reflections: &'a [ReflectionSummary],
}

/// The program's metrics over `frame`.
pub fn measure<'p>(program: &Program<'p>, frame: &Frame) -> ProgramMetrics {
    let pairing_of: HashMap<PairingId, &'p Pairing> =
        program.pairings.iter().map(|p| (p.id, p)).collect();
    let times = learner_times(program, &pairing_of);
    let window = frame.window;
    let in_window = |at: Option<DateTime<Utc>>| at.is_some_and(|at| window.contains(at));
    let days_of = |keep: &dyn Fn(&LearnerTimes) -> Option<DateTime<Utc>>,
                   days: &dyn Fn(&LearnerTimes) -> Option<i64>| {
        distribution(
            times
                .values()
                .filter(|t| in_window(keep(t)))
                .filter_map(days)
                .collect(),
        )
    };
    ProgramMetrics {
        period: frame.period.to_string(),
        from: window.from,
        to: window.to,
        learners: learner_counts(program.learners),
        waiting: waiting(program, frame),
        time_to_match: days_of(&|t| t.first_match, &LearnerTimes::days_to_match),
        time_to_first_checkin: days_of(&|t| t.first_checkin, &LearnerTimes::days_to_first_checkin),
        time_to_first_milestone: days_of(
            &|t| t.first_achieved,
            &LearnerTimes::days_to_first_milestone,
        ),
        milestone_completion: completion(program.milestones, frame, |_| true),
        project_completion: completion(program.milestones, frame, |m| {
            m.kind == MilestoneKind::Project
        }),
        checkin_adherence: adherence(program),
        confidence_by_week: confidence_by_week(program.checkins, frame),
        confidence_change: confidence_change(program.checkins, frame),
        pairings_ended: pairings_ended(program.pairings, frame),
        mentor_load: mentor_load(program),
        contributions: contributions(program, &pairing_of, frame),
        reflections: super::reflection::reflection_metrics(program.reflections, frame),
    }
}

/// Each learner's first match, check-in and achieved milestone.
fn learner_times<'p>(
    program: &Program<'p>,
    pairing_of: &HashMap<PairingId, &'p Pairing>,
) -> HashMap<&'p LearnerId, LearnerTimes> {
    let mut times: HashMap<&LearnerId, LearnerTimes> = program
        .learners
        .iter()
        .map(|l| {
            let t = LearnerTimes {
                joined: l.joined_at,
                first_match: None,
                first_checkin: None,
                first_achieved: None,
            };
            (&l.id, t)
        })
        .collect();
    let earliest = |slot: &mut Option<DateTime<Utc>>, at: DateTime<Utc>| {
        *slot = Some(slot.map_or(at, |s| s.min(at)));
    };
    for p in program.pairings {
        if let (Some(start), Some(t)) = (match_start(p), times.get_mut(&p.learner)) {
            earliest(&mut t.first_match, start);
        }
    }
    for c in program.checkins {
        let learner = pairing_of.get(&c.pairing).map(|p| &p.learner);
        if let Some(t) = learner.and_then(|l| times.get_mut(l)) {
            earliest(&mut t.first_checkin, c.at);
        }
    }
    for m in program.milestones {
        if let (MilestoneStatus::Achieved, Some(at)) = (m.status, m.achieved_at)
            && let Some(t) = times.get_mut(&m.learner)
        {
            earliest(&mut t.first_achieved, at);
        }
    }
    times
}

fn learner_counts(learners: &[LearnerSummary]) -> LearnerCounts {
    let by_status = LearnerStatus::ALL
        .iter()
        .map(|status| StatusCount {
            status: *status,
            count: learners.iter().filter(|l| l.status == *status).count() as u64,
        })
        .collect();
    LearnerCounts {
        total: learners.len() as u64,
        by_status,
    }
}

fn waiting(program: &Program<'_>, frame: &Frame) -> Waiting {
    let mut last_end: HashMap<&LearnerId, DateTime<Utc>> = HashMap::new();
    for p in program.pairings {
        if let (PairingStatus::Completed | PairingStatus::Ended, Some(end)) = (p.status, p.ended_at)
        {
            let slot = last_end.entry(&p.learner).or_insert(end);
            *slot = (*slot).max(end);
        }
    }
    let mut days: Vec<i64> = program
        .learners
        .iter()
        .filter(|l| l.status == LearnerStatus::Waiting)
        .map(|l| {
            let since = waiting_since(l.joined_at, last_end.get(&l.id).copied());
            (frame.now - since).num_days().max(0)
        })
        .collect();
    days.sort_unstable();
    let sorted: Vec<f64> = days.iter().map(|d| *d as f64).collect();
    Waiting {
        count: days.len() as u64,
        median_days: quantile(&sorted, 0.5),
        longest_days: days.last().copied(),
    }
}

/// Milestones due in the window (not dropped) that `keep` accepts: achieved of due.
fn completion(milestones: &[Milestone], frame: &Frame, keep: impl Fn(&Milestone) -> bool) -> Share {
    let due: Vec<&Milestone> = milestones
        .iter()
        .filter(|m| m.status != MilestoneStatus::Dropped && keep(m))
        .filter(|m| {
            m.due
                .is_some_and(|d| frame.window.contains_day(d, frame.zone))
        })
        .collect();
    let achieved = due
        .iter()
        .filter(|m| m.status == MilestoneStatus::Achieved)
        .count() as u64;
    share(achieved, due.len() as u64)
}

fn share(part: u64, whole: u64) -> Share {
    Share {
        part,
        whole,
        rate: rate(part, whole),
    }
}

fn adherence(program: &Program<'_>) -> Share {
    let reports: Vec<&HealthReport> = program
        .pairings
        .iter()
        .filter(|p| p.status == PairingStatus::Active)
        .filter_map(|p| program.health.get(&p.id))
        .collect();
    let on = reports.iter().filter(|r| r.on_cadence).count() as u64;
    share(on, reports.len() as u64)
}

/// Rated check-ins in the window, oldest first (then by id).
fn rated_in_window<'c>(
    checkins: &[&'c CheckInSummary],
    frame: &Frame,
) -> Vec<(&'c CheckInSummary, u8)> {
    let mut rated: Vec<(&CheckInSummary, u8)> = checkins
        .iter()
        .filter(|c| frame.window.contains(c.at))
        .filter_map(|c| c.confidence.map(|v| (*c, v.get())))
        .collect();
    rated.sort_by_key(|(c, _)| (c.at, c.id));
    rated
}

fn confidence_by_week(checkins: &[&CheckInSummary], frame: &Frame) -> Vec<WeekConfidence> {
    weekly_means(
        rated_in_window(checkins, frame)
            .into_iter()
            .map(|(c, value)| (c.at, value)),
        frame,
    )
}

/// Mean rating of each week (Monday to Sunday in the frame's zone) that has one, oldest
/// first; `rated` are (when, 1–5) already in the window.
pub(super) fn weekly_means(
    rated: impl IntoIterator<Item = (DateTime<Utc>, u8)>,
    frame: &Frame,
) -> Vec<WeekConfidence> {
    let mut weeks: BTreeMap<chrono::NaiveDate, (u64, u64)> = BTreeMap::new();
    for (at, value) in rated {
        let day = local_day(at, frame.zone);
        let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        let slot = weeks.entry(monday).or_default();
        slot.0 += u64::from(value);
        slot.1 += 1;
    }
    weeks
        .into_iter()
        .map(|(week, (sum, n))| WeekConfidence {
            week,
            mean: sum as f64 / n as f64,
            ratings: n,
        })
        .collect()
}

fn confidence_change(checkins: &[&CheckInSummary], frame: &Frame) -> ConfidenceChange {
    let mut by_pairing: BTreeMap<PairingId, Vec<u8>> = BTreeMap::new();
    for (c, value) in rated_in_window(checkins, frame) {
        by_pairing.entry(c.pairing).or_default().push(value);
    }
    let changes: Vec<i32> = by_pairing
        .values()
        .filter(|values| values.len() >= 2)
        .filter_map(|values| Some(i32::from(*values.last()?) - i32::from(*values.first()?)))
        .collect();
    let as_f64: Vec<f64> = changes.iter().map(|c| f64::from(*c)).collect();
    ConfidenceChange {
        pairings: changes.len() as u64,
        mean_change: mean(&as_f64),
        rose: changes.iter().filter(|c| **c > 0).count() as u64,
        same: changes.iter().filter(|c| **c == 0).count() as u64,
        fell: changes.iter().filter(|c| **c < 0).count() as u64,
    }
}

/// The words recorded for an end without a reason.
const NO_REASON: &str = "no reason given";

fn pairings_ended(pairings: &[Pairing], frame: &Frame) -> Vec<EndCount> {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for p in pairings {
        if matches!(p.status, PairingStatus::Completed | PairingStatus::Ended)
            && p.ended_at.is_some_and(|at| frame.window.contains(at))
        {
            *counts
                .entry(p.end_reason.as_deref().unwrap_or(NO_REASON))
                .or_default() += 1;
        }
    }
    let mut rows: Vec<EndCount> = counts
        .into_iter()
        .map(|(reason, count)| EndCount {
            reason: reason.to_string(),
            named: reason == NO_REASON || NAMED_END_REASONS.contains(&reason),
            count,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    rows
}

fn mentor_load(program: &Program<'_>) -> MentorLoad {
    let mut seats: HashMap<&MentorId, u32> = HashMap::new();
    for p in program.pairings.iter().filter(|p| p.status.holds_seat()) {
        *seats.entry(&p.mentor).or_default() += 1;
    }
    let mut rows: Vec<MentorLoadRow> = program
        .mentors
        .iter()
        .map(|m| MentorLoadRow {
            mentor: m.id.clone(),
            name: m.name.clone(),
            seats: seats.get(&m.id).copied().unwrap_or_default(),
            capacity: m.capacity,
        })
        .zip(program.mentors)
        .filter(|(row, m)| row.seats > 0 || (m.status == MentorStatus::Active && m.capacity > 0))
        .map(|(row, _)| row)
        .collect();
    // Fullest first by share of capacity, compared exactly (a/b > c/d ⇔ a·d > c·b).
    rows.sort_by(|a, b| {
        let left = u64::from(a.seats) * u64::from(b.capacity.max(1));
        let right = u64::from(b.seats) * u64::from(a.capacity.max(1));
        right
            .cmp(&left)
            .then(b.seats.cmp(&a.seats))
            .then_with(|| a.mentor.cmp(&b.mentor))
    });
    let seats_in_use: u64 = rows.iter().map(|r| u64::from(r.seats)).sum();
    let capacity: u64 = rows.iter().map(|r| u64::from(r.capacity)).sum();
    MentorLoad {
        full: rows.iter().filter(|r| r.seats >= r.capacity).count() as u64,
        utilisation: rate(seats_in_use, capacity),
        seats_in_use,
        capacity,
        mentors: rows,
    }
}

fn contributions(
    program: &Program<'_>,
    pairing_of: &HashMap<PairingId, &Pairing>,
    frame: &Frame,
) -> Vec<Contribution> {
    #[derive(Default)]
    struct Tally {
        sessions: u64,
        minutes: u64,
        milestones: u64,
        endorsements: u64,
    }
    let mut tallies: HashMap<&MentorId, Tally> = HashMap::new();
    for c in program.checkins {
        if let Some(p) = pairing_of.get(&c.pairing)
            && frame.window.contains(c.at)
        {
            let tally = tallies.entry(&p.mentor).or_default();
            tally.sessions += 1;
            tally.minutes += u64::from(c.minutes);
        }
    }
    let mut spans: HashMap<&LearnerId, Vec<&Pairing>> = HashMap::new();
    for p in program.pairings {
        if match_start(p).is_some() {
            spans.entry(&p.learner).or_default().push(p);
        }
    }
    for m in program.milestones {
        let Some(at) = m.achieved_at.filter(|at| frame.window.contains(*at)) else {
            continue;
        };
        if m.status != MilestoneStatus::Achieved {
            continue;
        }
        let paired = spans.get(&m.learner).and_then(|pairings| {
            pairings
                .iter()
                .filter(|p| match_start(p).is_some_and(|start| start <= at))
                .filter(|p| p.ended_at.is_none_or(|end| at <= end))
                .max_by_key(|p| (p.started_at, p.id))
        });
        if let Some(p) = paired {
            tallies.entry(&p.mentor).or_default().milestones += 1;
        }
        if let Some(endorser) = &m.endorsed_by {
            tallies.entry(endorser).or_default().endorsements += 1;
        }
    }
    let mentor_of: HashMap<&MentorId, &Mentor> =
        program.mentors.iter().map(|m| (&m.id, m)).collect();
    let mut tallies: Vec<(&MentorId, Tally)> = tallies.into_iter().collect();
    tallies.sort_unstable_by(|a, b| a.0.cmp(b.0));
    tallies
        .into_iter()
        .filter_map(|(id, t)| {
            let mentor = mentor_of.get(id)?;
            Some(Contribution {
                mentor: id.clone(),
                name: mentor.name.clone(),
                recognition: mentor.recognition,
                sessions: t.sessions,
                minutes: t.minutes,
                milestones_achieved: t.milestones,
                endorsements: t.endorsements,
            })
        })
        .collect()
}

/// Active pairings that need a check-in or are at risk, worst first, with names.
pub fn at_risk(program: &Program<'_>) -> Vec<AtRisk> {
    let learner_name: HashMap<&LearnerId, &str> = program
        .learners
        .iter()
        .map(|l| (&l.id, l.name.as_str()))
        .collect();
    let mentor_name: HashMap<&MentorId, &str> = program
        .mentors
        .iter()
        .map(|m| (&m.id, m.name.as_str()))
        .collect();
    let mut rows: Vec<(&Pairing, &HealthReport)> = program
        .pairings
        .iter()
        .filter(|p| p.status == PairingStatus::Active)
        .filter_map(|p| program.health.get(&p.id).map(|r| (p, r)))
        .filter(|(_, r)| r.health.needs_attention())
        .collect();
    rows.sort_by_key(|(p, r)| urgency_key(r, p.id));
    rows.into_iter()
        .map(|(p, r)| AtRisk {
            pairing: p.id,
            learner: p.learner.clone(),
            learner_name: learner_name
                .get(&p.learner)
                .copied()
                .unwrap_or_default()
                .to_string(),
            mentor: p.mentor.clone(),
            mentor_name: mentor_name
                .get(&p.mentor)
                .copied()
                .unwrap_or_default()
                .to_string(),
            health: r.health,
            reason: r.reason.clone(),
            days_quiet: r.days_quiet,
            next_due: r.next_due,
        })
        .collect()
}
