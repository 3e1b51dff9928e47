//! Six months of program history: who waits, who is paired with whom, which pairings ended,
//! which proposals wait for approval, and the exclusions.
//!
//! Seats are taken from active mentors only and never beyond three quarters of their capacity,
//! so the invariants hold and matching still has room to work.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use fastrand::Rng;

use super::plan::{Plan, Sessions, allocate_plans, declined, paired};
use super::templates;
use super::{chance, days_between, pick};
use crate::domain::availability::week_monday;
use crate::domain::{
    Availability, Exclusion, Learner, LearnerStatus, Mentor, MentorStatus, Pairing, PairingId,
    PairingStatus, SlotSet,
};

/// A pairing with what the check-in and milestone generators need to know about it.
pub(super) struct PlannedPairing {
    pub pairing: Pairing,
    pub learner: usize,
    pub mentor: usize,
    pub plan: Plan,
    pub sessions: Sessions,
}

/// The generated history: pairings in id order (ids from 1) and exclusions.
pub(super) struct History {
    pub pairings: Vec<PlannedPairing>,
    pub exclusions: Vec<Exclusion>,
}

/// Weekly availability of everyone as UTC slots of the week containing `now`; an unknown
/// zone reads as UTC, the desk's default.
fn slots_of(
    availability: &Availability,
    zone: Option<chrono_tz::Tz>,
    now: DateTime<Utc>,
) -> SlotSet {
    availability.utc_slots(
        zone.unwrap_or(chrono_tz::UTC),
        week_monday(now.date_naive()),
    )
}

/// The matching hard constraints a demo pairing should pass: a shared language, a shared mode
/// and at least an hour of weekly overlap. Unknown values are neutral.
fn fits(
    learner: &Learner,
    mentor: &Mentor,
    learner_slots: &SlotSet,
    mentor_slots: &SlotSet,
) -> bool {
    let language = learner.languages.is_empty()
        || mentor.languages.is_empty()
        || learner
            .languages
            .iter()
            .any(|l| mentor.languages.contains(l));
    let mode = learner.modes.is_unknown()
        || mentor.modes.is_unknown()
        || learner.modes.intersects(mentor.modes);
    let overlap = learner.availability.is_unknown()
        || mentor.availability.is_unknown()
        || learner_slots.overlap_minutes(mentor_slots) >= 60;
    language && mode && overlap
}

/// Everyone's UTC slots, learners then mentors, for [`fits`].
fn all_slots(
    learners: &[Learner],
    mentors: &[Mentor],
    now: DateTime<Utc>,
) -> (Vec<SlotSet>, Vec<SlotSet>) {
    (
        learners
            .iter()
            .map(|l| slots_of(&l.availability, l.timezone, now))
            .collect(),
        mentors
            .iter()
            .map(|m| slots_of(&m.availability, m.timezone, now))
            .collect(),
    )
}

/// A random index below `count` for which `fits` holds, trying a few before settling for any:
/// real coordinators sometimes stretch a constraint. `count` must not be zero.
fn choose(rng: &mut Rng, count: usize, fits: impl Fn(usize) -> bool) -> usize {
    let fallback = rng.usize(..count);
    (0..16)
        .map(|_| rng.usize(..count))
        .find(|candidate| fits(*candidate))
        .unwrap_or(fallback)
}

/// Mentors with a free seat, and how many seats each has in use.
struct Seats {
    open: Vec<usize>,
    used: Vec<u32>,
}

impl Seats {
    /// Takes a seat with an open mentor who fits the learner (see [`choose`]).
    fn take(
        &mut self,
        rng: &mut Rng,
        fits_learner: impl Fn(usize) -> bool,
        mentors: &[Mentor],
    ) -> Option<usize> {
        if self.open.is_empty() {
            return None;
        }
        let slot = choose(rng, self.open.len(), |slot| fits_learner(self.open[slot]));
        let mentor = self.open[slot];
        self.used[mentor] += 1;
        if self.used[mentor] >= mentors[mentor].capacity {
            self.open.swap_remove(slot);
        }
        Some(mentor)
    }
}

pub(super) fn make_history(
    rng: &mut Rng,
    learners: &mut [Learner],
    mentors: &[Mentor],
    now: DateTime<Utc>,
) -> History {
    let (learner_slots, mentor_slots) = all_slots(learners, mentors, now);
    let active_capacity: usize = mentors
        .iter()
        .filter(|m| m.status == MentorStatus::Active)
        .map(|m| m.capacity as usize)
        .sum();
    let plans = allocate_plans(
        rng,
        learners.len(),
        active_capacity * 3 / 4,
        !mentors.is_empty(),
    );
    let mut seats = Seats {
        open: (0..mentors.len())
            .filter(|i| mentors[*i].status == MentorStatus::Active && mentors[*i].capacity > 0)
            .collect(),
        used: vec![0; mentors.len()],
    };
    let mut pairings = Vec::new();
    // Seated learners first, so proposals only offer seats that are still free.
    let order = (0..learners.len())
        .filter(|i| plans[*i] != Plan::Proposed)
        .chain((0..learners.len()).filter(|i| plans[*i] == Plan::Proposed));
    for index in order.collect::<Vec<_>>() {
        let plan = plans[index];
        let fits_learner = |m: usize| {
            fits(
                &learners[index],
                &mentors[m],
                &learner_slots[index],
                &mentor_slots[m],
            )
        };
        let mentor = match plan {
            Plan::Waiting => {
                if chance(rng, 5) {
                    let any = rng.usize(..mentors.len().max(1));
                    if any < mentors.len() {
                        pairings.push(declined(
                            rng,
                            &learners[index],
                            index,
                            &mentors[any],
                            any,
                            now,
                        ));
                    }
                }
                continue;
            }
            // Past pairings may have been with mentors who have since paused or retired.
            Plan::Completed | Plan::EndedEarly | Plan::Rematch => {
                choose(rng, mentors.len(), fits_learner)
            }
            // A proposal holds no seat yet, but it reserves one here so that approving every
            // proposal never overfills a mentor.
            _ => match seats.take(rng, fits_learner, mentors) {
                Some(mentor) => mentor,
                None => continue,
            },
        };
        pairings.push(paired(
            rng,
            &learners[index],
            index,
            &mentors[mentor],
            mentor,
            plan,
            now,
        ));
    }
    settle_learners(rng, learners, &pairings);
    number_pairings(&mut pairings);
    let exclusions = make_exclusions(rng, learners, mentors, &pairings, now);
    History {
        pairings,
        exclusions,
    }
}

/// Learner statuses follow their pairings, and nobody joined after their first proposal.
fn settle_learners(rng: &mut Rng, learners: &mut [Learner], pairings: &[PlannedPairing]) {
    for planned in pairings {
        let learner = &mut learners[planned.learner];
        let joined_before = planned.pairing.created_at - days_between(rng, 1.0, 20.0);
        learner.joined_at = learner.joined_at.min(joined_before);
        learner.status = match (
            planned.pairing.status,
            planned.pairing.end_reason.as_deref(),
        ) {
            (PairingStatus::Active, _) => LearnerStatus::Matched,
            (PairingStatus::Paused, _) => LearnerStatus::Paused,
            (PairingStatus::Completed, _) => LearnerStatus::Graduated,
            (PairingStatus::Ended, Some("mismatch")) => LearnerStatus::Waiting,
            (PairingStatus::Ended, _) => LearnerStatus::Withdrawn,
            _ => learner.status,
        };
    }
}

fn millis(at: chrono::DateTime<chrono::Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

/// Pairing ids run from 1 in order of creation, as a desk would have numbered them.
fn number_pairings(pairings: &mut [PlannedPairing]) {
    pairings.sort_by(|a, b| {
        a.pairing
            .created_at
            .cmp(&b.pairing.created_at)
            .then(a.learner.cmp(&b.learner))
    });
    for (index, planned) in pairings.iter_mut().enumerate() {
        planned.pairing.id = PairingId(index as i64 + 1);
        planned.pairing.uid = crate::domain::PairingUid::new_at(
            millis(planned.pairing.created_at),
            super::checkin::numbered_uuid_bits(index),
        );
    }
}

/// Exclusions after some mismatches, plus a couple of conflicts of interest and requests.
fn make_exclusions(
    rng: &mut Rng,
    learners: &[Learner],
    mentors: &[Mentor],
    pairings: &[PlannedPairing],
    now: DateTime<Utc>,
) -> Vec<Exclusion> {
    let mut exclusions = Vec::new();
    let mut taken: HashSet<(usize, usize)> =
        pairings.iter().map(|p| (p.learner, p.mentor)).collect();
    for planned in pairings.iter().filter(|p| p.plan == Plan::Rematch) {
        if chance(rng, 50)
            && let Some(ended) = planned.pairing.ended_at
        {
            exclusions.push(Exclusion {
                learner: planned.pairing.learner.clone(),
                mentor: planned.pairing.mentor.clone(),
                reason: "earlier pairing ended badly".into(),
                created_at: (ended + days_between(rng, 0.0, 1.0)).min(now),
            });
        }
    }
    if learners.is_empty() || mentors.is_empty() {
        return exclusions;
    }
    let wanted = (learners.len() / 300).max(2);
    let mut added = 0;
    for _ in 0..wanted * 4 {
        if added >= wanted {
            break;
        }
        let (l, m) = (rng.usize(..learners.len()), rng.usize(..mentors.len()));
        if !taken.insert((l, m)) {
            continue;
        }
        let since = learners[l].joined_at.max(mentors[m].joined_at);
        exclusions.push(Exclusion {
            learner: learners[l].id.clone(),
            mentor: mentors[m].id.clone(),
            reason: pick(rng, templates::EXCLUSION_REASONS)
                .map(|r| r.to_string())
                .unwrap_or_default(),
            created_at: since + (now - since) / 2,
        });
        added += 1;
    }
    exclusions
}
