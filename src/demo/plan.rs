//! One learner's story: what the generator intends for them ([`Plan`]), how many learners get
//! each story, and the pairing with the dates, agreement and score that tell it.
//!
//! The shares are allocated by count rather than drawn per learner, so even a small program
//! shows every situation.

use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;

use super::history::PlannedPairing;
use super::{chance, days_between, pick, weighted};
use crate::domain::{Agreement, Learner, Mentor, Pairing, PairingId, PairingStatus};

/// What the generator intends for one learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Plan {
    Waiting,
    /// Waiting, with a proposal the coordinator has not approved yet.
    Proposed,
    /// Waiting again after a pairing ended as a mismatch.
    Rematch,
    OnTrack,
    /// Last check-in between 1.6 and 2.8 cadences ago.
    Overdue,
    /// Last check-in more than 3.3 cadences ago.
    Silent,
    /// Confidence fell on each of the last three check-ins.
    Falling,
    /// Check-ins on time, but a planned milestone is more than 14 days late.
    LateMilestone,
    /// Approved more than 21 days ago and never checked in.
    NoFirstCheckIn,
    /// Started less than one cadence (and less than 21 days) ago; nothing to judge yet.
    TooEarly,
    Paused,
    Completed,
    /// Ended with `no-show` or `learner left`; the learner withdrew.
    EndedEarly,
}

/// Which check-ins a pairing gets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Sessions {
    None,
    /// Every cadence from the start up to `last`; when `exact`, the final check-in is at `last`.
    Regular {
        last: DateTime<Utc>,
        exact: bool,
    },
    /// The first `count` regular check-ins before `until`.
    Few {
        count: usize,
        until: DateTime<Utc>,
    },
}

/// Shares of seated learners, in permille; on-track takes the rest.
const SEATED_SHARES: [(Plan, usize); 7] = [
    (Plan::Overdue, 140),
    (Plan::Silent, 50),
    (Plan::Falling, 50),
    (Plan::LateMilestone, 50),
    (Plan::NoFirstCheckIn, 50),
    (Plan::TooEarly, 90),
    (Plan::Paused, 90),
];

/// Decides every learner's plan, in shuffled learner order.
pub(super) fn allocate_plans(
    rng: &mut Rng,
    learners: usize,
    seat_budget: usize,
    has_mentors: bool,
) -> Vec<Plan> {
    if !has_mentors {
        return vec![Plan::Waiting; learners];
    }
    let waiting = learners.div_ceil(3);
    let closed_target = learners * 12 / 100;
    let seated = (learners - waiting - closed_target.min(learners - waiting)).min(seat_budget);
    let closed = learners - waiting - seated;
    let at_least = |share: usize, floor_from: usize| usize::from(share == 0 && floor_from > 0);
    let mut plans = Vec::with_capacity(learners);

    let proposed = (waiting * 8 / 100).max(at_least(waiting * 8 / 100, waiting / 5));
    let rematch = (waiting * 6 / 100).max(at_least(waiting * 6 / 100, waiting / 10));
    plans.extend(std::iter::repeat_n(Plan::Proposed, proposed));
    plans.extend(std::iter::repeat_n(
        Plan::Rematch,
        rematch.min(waiting - proposed),
    ));
    plans.resize(waiting, Plan::Waiting);

    let completed = closed * 6 / 10;
    plans.extend(std::iter::repeat_n(Plan::Completed, completed));
    plans.extend(std::iter::repeat_n(Plan::EndedEarly, closed - completed));

    let mut placed = 0;
    for (plan, permille) in SEATED_SHARES {
        let count = (seated * permille / 1000).max(at_least(seated * permille / 1000, seated / 16));
        let count = count.min(seated - placed);
        plans.extend(std::iter::repeat_n(plan, count));
        placed += count;
    }
    plans.extend(std::iter::repeat_n(Plan::OnTrack, seated - placed));
    rng.shuffle(&mut plans);
    plans
}

fn new_pairing(
    learner: &Learner,
    mentor: &Mentor,
    status: PairingStatus,
    created_at: DateTime<Utc>,
) -> Pairing {
    Pairing {
        id: PairingId(0),
        uid: crate::domain::PairingUid(uuid::Uuid::nil()),
        learner: learner.id.clone(),
        mentor: mentor.id.clone(),
        status,
        agreement: Agreement::default(),
        score: None,
        explanation: None,
        created_at,
        started_at: None,
        ended_at: None,
        end_reason: None,
        approved_by: None,
    }
}

pub(super) fn declined(
    rng: &mut Rng,
    learner: &Learner,
    learner_index: usize,
    mentor: &Mentor,
    mentor_index: usize,
    now: DateTime<Utc>,
) -> PlannedPairing {
    let created_at = now - days_between(rng, 8.0, 40.0);
    let mut pairing = new_pairing(learner, mentor, PairingStatus::Declined, created_at);
    pairing.ended_at = Some(created_at + days_between(rng, 0.2, 4.0));
    pairing.end_reason = Some(
        pick(
            rng,
            &[
                "schedules did not line up",
                "learner preferred another mentor",
                "mentor too busy this month",
            ],
        )
        .map(|r| r.to_string())
        .unwrap_or_default(),
    );
    score(rng, &mut pairing);
    PlannedPairing {
        pairing,
        learner: learner_index,
        mentor: mentor_index,
        plan: Plan::Waiting,
        sessions: Sessions::None,
    }
}

/// A score with its breakdown in words, as the matcher would have kept it.
fn score(rng: &mut Rng, pairing: &mut Pairing) {
    let topic = 200 + rng.u32(..200);
    let overlap = 100 + rng.u32(..150);
    let level = 80 + rng.u32(..120);
    let mode = 40 + rng.u32(..60);
    pairing.score = Some(topic + overlap + level + mode);
    pairing.explanation = Some(format!(
        "topic fit {topic} · schedule overlap {overlap} · level fit {level} · \
         preferred mode {mode}"
    ));
}

pub(super) fn paired(
    rng: &mut Rng,
    learner: &Learner,
    learner_index: usize,
    mentor: &Mentor,
    mentor_index: usize,
    plan: Plan,
    now: DateTime<Utc>,
) -> PlannedPairing {
    let cadence = [7, 14, 21, 28][weighted(rng, &[20, 55, 10, 15])];
    let agreement = Agreement {
        cadence_days: cadence,
        session_minutes: [45, 60, 60, 90][rng.usize(..4)],
        planned_weeks: [8, 12, 12, 16][rng.usize(..4)],
        goals: learner.goals.clone(),
    };
    let planned_days = f64::from(agreement.planned_weeks) * 7.0;
    let Timeline {
        status,
        started_at,
        ended_at,
        end_reason,
        sessions,
    } = timeline(rng, plan, f64::from(cadence), planned_days, now);
    let created_at = match started_at {
        Some(started) => started - days_between(rng, 1.0, 6.0),
        None => now - days_between(rng, 0.2, 4.0),
    };
    let mut pairing = new_pairing(learner, mentor, status, created_at);
    pairing.agreement = agreement;
    pairing.started_at = started_at;
    pairing.ended_at = ended_at;
    pairing.end_reason = end_reason.map(str::to_string);
    pairing.approved_by = started_at.map(|_| "coordinator".to_string());
    score(rng, &mut pairing);
    PlannedPairing {
        pairing,
        learner: learner_index,
        mentor: mentor_index,
        plan,
        sessions,
    }
}

/// When a pairing started and ended, where it stands now, and which sessions it had.
struct Timeline {
    status: PairingStatus,
    started_at: Option<DateTime<Utc>>,
    ended_at: Option<DateTime<Utc>>,
    end_reason: Option<&'static str>,
    sessions: Sessions,
}

impl Timeline {
    fn running(status: PairingStatus, started_at: DateTime<Utc>, sessions: Sessions) -> Self {
        Timeline {
            status,
            started_at: Some(started_at),
            ended_at: None,
            end_reason: None,
            sessions,
        }
    }

    fn closed(started_at: DateTime<Utc>, ended_at: DateTime<Utc>, reason: &'static str) -> Self {
        Timeline {
            status: if reason == "goals met" {
                PairingStatus::Completed
            } else {
                PairingStatus::Ended
            },
            started_at: Some(started_at),
            ended_at: Some(ended_at),
            end_reason: Some(reason),
            sessions: Sessions::None,
        }
    }
}

/// The dates that make a pairing tell `plan`'s story; `cadence` and `planned` are in days.
/// The ranges keep each story unambiguous under the desk's health rules (see the tests).
fn timeline(rng: &mut Rng, plan: Plan, cadence: f64, planned: f64, now: DateTime<Utc>) -> Timeline {
    let ago = |rng: &mut Rng, min: f64, max: f64| now - days_between(rng, min, max);
    let active = PairingStatus::Active;
    match plan {
        Plan::Proposed | Plan::Waiting => Timeline {
            status: PairingStatus::Proposed,
            started_at: None,
            ended_at: None,
            end_reason: None,
            sessions: Sessions::None,
        },
        Plan::OnTrack | Plan::LateMilestone => {
            // A late milestone needs a pairing old enough to have set it weeks ago.
            let min = if plan == Plan::LateMilestone {
                50.0
            } else {
                cadence.max(14.0) + 2.0
            };
            let last = now - Duration::hours(1);
            let sessions = Sessions::Regular { last, exact: false };
            Timeline::running(active, ago(rng, min, 160.0), sessions)
        }
        Plan::Overdue | Plan::Silent => {
            let (min, max) = if plan == Plan::Overdue {
                (1.6, 2.8)
            } else {
                (3.3, 4.5)
            };
            let gap = days_between(rng, min * cadence, max * cadence);
            let started = now - gap - days_between(rng, 15.0, 40.0);
            let sessions = Sessions::Regular {
                last: now - gap,
                exact: true,
            };
            Timeline::running(active, started, sessions)
        }
        Plan::Falling => {
            // Long enough for four sessions after the kickoff.
            let last = now - days_between(rng, 0.5, 0.9 * cadence);
            let length = 4.0 * cadence + 14.0;
            let started = last - days_between(rng, length, length.max(100.0));
            Timeline::running(active, started, Sessions::Regular { last, exact: true })
        }
        Plan::NoFirstCheckIn => Timeline::running(active, ago(rng, 22.0, 50.0), Sessions::None),
        Plan::TooEarly => {
            let started = ago(rng, 0.3, cadence.min(21.0) - 0.5);
            Timeline::running(active, started, Sessions::None)
        }
        Plan::Paused => {
            let paused_at = now - days_between(rng, 10.0, 40.0);
            let started = paused_at - days_between(rng, 30.0, 120.0);
            let sessions = Sessions::Regular {
                last: paused_at,
                exact: true,
            };
            Timeline::running(PairingStatus::Paused, started, sessions)
        }
        Plan::Completed => {
            let ended = now - days_between(rng, 3.0, 60.0);
            let started = ended - days_between(rng, planned - 5.0, planned + 5.0);
            Timeline {
                sessions: Sessions::Regular {
                    last: ended - Duration::hours(2),
                    exact: true,
                },
                ..Timeline::closed(started, ended, "goals met")
            }
        }
        Plan::EndedEarly | Plan::Rematch => {
            let reason = if plan == Plan::Rematch {
                "mismatch"
            } else if chance(rng, 50) {
                "no-show"
            } else {
                "learner left"
            };
            let ended = now - days_between(rng, 2.0, 100.0);
            let started = ended - days_between(rng, 14.0, 60.0);
            let count = if reason == "no-show" {
                rng.usize(..2)
            } else {
                2 + rng.usize(..3)
            };
            Timeline {
                sessions: Sessions::Few {
                    count,
                    until: ended,
                },
                ..Timeline::closed(started, ended, reason)
            }
        }
    }
}
