//! Program metrics: how long learners wait, how soon they meet, whether milestones are
//! reached and confidence grows, how mentors are loaded and what they gave — over a period.
//!
//! Owns: every metric's definition ([`DEFINITIONS`], one line each, shown by the desk and
//! written into reports) and its computation ([`measure`]), and the per-learner times the
//! timeline shows ([`LearnerTimes`]). May use: nothing outside `domain`. Pure: the instant,
//! the desk's zone and the period come in through [`Frame`]; health reports come in judged.
//!
//! A metric with nothing to measure is `None` ("no data"), never 0 or NaN.

mod compute;
mod learner;
mod period;
mod reflection;
mod stats;

#[cfg(test)]
pub(crate) mod sample;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::health::Health;
use super::ids::{LearnerId, MentorId, PairingId};
use super::person::LearnerStatus;

pub use compute::{Program, at_risk, measure};
pub use learner::{LearnerTimes, match_start, waiting_since};
pub use period::{Frame, Period, Window};
pub use reflection::{ReflectionMetrics, SelfConfidenceChange, reflection_metrics};
pub use stats::quantile;

/// Each metric's key (as in the JSON report) and its definition in one line.
pub const DEFINITIONS: &[(&str, &str)] = &[
    (
        "learners",
        "Learners by status now: waiting, matched, paused, graduated, withdrawn (all learners, \
         whatever the period).",
    ),
    (
        "waiting",
        "Learners waiting now, and the median of their waits in days (a wait starts when the \
         learner joined or their last pairing ended, whichever is later).",
    ),
    (
        "time_to_match",
        "Days from joining to the first pairing's start, for learners first matched in the \
         period: median and 75th percentile.",
    ),
    (
        "time_to_first_checkin",
        "Days from the first match to the first check-in, for learners whose first check-in \
         fell in the period: median and 75th percentile.",
    ),
    (
        "time_to_first_milestone",
        "Days from the first match to the first achieved milestone, for learners who first \
         achieved one in the period: median and 75th percentile.",
    ),
    (
        "milestone_completion",
        "Milestones due in the period (dropped ones left out): how many are achieved, of how \
         many due.",
    ),
    (
        "project_completion",
        "Project milestones due in the period (dropped ones left out): the share achieved.",
    ),
    (
        "checkin_adherence",
        "Active pairings now whose last check-in (or start) is within the 'needs check-in' \
         span of their cadence: the share on cadence.",
    ),
    (
        "confidence_by_week",
        "Mean learner confidence (1-5) of the check-ins rated in each week (Monday to Sunday, \
         the desk's zone) of the period.",
    ),
    (
        "confidence_change",
        "Per pairing with two or more rated check-ins in the period: latest rating minus the \
         first; the mean change and how many rose, stayed or fell.",
    ),
    (
        "pairings_ended",
        "Pairings completed or ended in the period, by the reason given.",
    ),
    (
        "mentor_load",
        "Learners in active or paused pairings against capacity, per mentor taking learners \
         now (fullest first), and for the program.",
    ),
    (
        "reflections",
        "Reflections (a learner's own words about their progress) dated in the period: how \
         many, how many learners gave one, and the median per learner giving any. Counted, \
         never quoted.",
    ),
    (
        "self_confidence_by_week",
        "Mean self-reported confidence (1-5) of the reflections rated in each week of the \
         period; apart from the confidence check-ins record.",
    ),
    (
        "self_confidence_change",
        "Per learner with two or more rated reflections in the period: their latest \
         self-reported rating minus the first; the mean change and how many rose, stayed or \
         fell.",
    ),
    (
        "contributions",
        "Per mentor in the period: sessions held (check-ins), their minutes, their learners' \
         milestones achieved while paired, and endorsements given.",
    ),
];

/// The definition of one metric by key, for help screens.
pub fn definition(key: &str) -> Option<&'static str> {
    DEFINITIONS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
}

/// End reasons the desk names (`mentordesk end --reason`); any other text is the
/// coordinator's own words and is free text.
pub const NAMED_END_REASONS: [&str; 5] = [
    "goals met",
    "no-show",
    "mismatch",
    "learner left",
    "mentor left",
];

/// What `measure` says about a program over one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramMetrics {
    /// The period in words (`last 90 days`, `all time`, `since 2026-01-05`).
    pub period: String,
    /// Start of the period; `None` for all time.
    pub from: Option<DateTime<Utc>>,
    /// End of the period: when the metrics were computed.
    pub to: DateTime<Utc>,
    pub learners: LearnerCounts,
    pub waiting: Waiting,
    pub time_to_match: Distribution,
    pub time_to_first_checkin: Distribution,
    pub time_to_first_milestone: Distribution,
    pub milestone_completion: Share,
    pub project_completion: Share,
    pub checkin_adherence: Share,
    /// Oldest week first; only weeks with a rated check-in.
    pub confidence_by_week: Vec<WeekConfidence>,
    pub confidence_change: ConfidenceChange,
    /// Most frequent reason first.
    pub pairings_ended: Vec<EndCount>,
    pub mentor_load: MentorLoad,
    /// Mentors who gave anything in the period, by id.
    pub contributions: Vec<Contribution>,
    /// Learners' reflections: counted, their self-reported confidence apart from
    /// check-ins' ratings; never their words.
    pub reflections: ReflectionMetrics,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearnerCounts {
    pub total: u64,
    /// Every status, in the order of [`LearnerStatus::ALL`], zeros included.
    pub by_status: Vec<StatusCount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    pub status: LearnerStatus,
    pub count: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Waiting {
    pub count: u64,
    pub median_days: Option<f64>,
    pub longest_days: Option<i64>,
}

/// Whole days measured for some learners: how many, the median and 75th percentile (linear
/// interpolation between ranks), and a histogram over fixed buckets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub count: u64,
    pub median_days: Option<f64>,
    pub p75_days: Option<f64>,
    pub buckets: Vec<Bucket>,
}

/// One histogram bar: values from `from_days` to `to_days` inclusive (`None`: no end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub label: &'static str,
    pub from_days: i64,
    pub to_days: Option<i64>,
    pub count: u64,
}

/// `part` of `whole`, and the share (`None` when `whole` is 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    pub part: u64,
    pub whole: u64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeekConfidence {
    /// The Monday the week starts on.
    pub week: NaiveDate,
    pub mean: f64,
    pub ratings: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ConfidenceChange {
    /// Pairings with two or more rated check-ins in the period.
    pub pairings: u64,
    pub mean_change: Option<f64>,
    pub rose: u64,
    pub same: u64,
    pub fell: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndCount {
    /// The reason as recorded; `no reason given` when none was.
    pub reason: String,
    /// One of [`NAMED_END_REASONS`] (or none given), not a coordinator's own words.
    pub named: bool,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentorLoad {
    /// Fullest first (share of capacity, then seats, then id).
    pub mentors: Vec<MentorLoadRow>,
    pub seats_in_use: u64,
    pub capacity: u64,
    /// Seats in use over capacity, for the program.
    pub utilisation: Option<f64>,
    /// Mentors with no free seat.
    pub full: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentorLoadRow {
    pub mentor: MentorId,
    pub name: String,
    pub seats: u32,
    pub capacity: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contribution {
    pub mentor: MentorId,
    pub name: String,
    /// The mentor agreed to be named in reports.
    pub recognition: bool,
    pub sessions: u64,
    pub minutes: u64,
    pub milestones_achieved: u64,
    pub endorsements: u64,
}

/// An active pairing that needs a check-in or is at risk, with the people's names and the
/// rule that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AtRisk {
    pub pairing: PairingId,
    pub learner: LearnerId,
    pub learner_name: String,
    pub mentor: MentorId,
    pub mentor_name: String,
    pub health: Health,
    pub reason: String,
    pub days_quiet: i64,
    pub next_due: DateTime<Utc>,
}
