//! Check-ins for each started pairing: a kickoff soon after approval, then one about every
//! cadence while the pairing was active, with a confidence trend that tells the pairing's story
//! and notes written from templates.

use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;

use super::history::{History, PlannedPairing};
use super::plan::{Plan, Sessions};
use super::templates;
use super::{chance, days_between, fill, pick, tag};
use crate::domain::{Author, CheckIn, CheckInId, Confidence, Learner, Mentor, Mode, Tag};

pub(super) fn make_checkins(
    rng: &mut Rng,
    history: &History,
    learners: &[Learner],
    mentors: &[Mentor],
    now: DateTime<Utc>,
) -> Vec<CheckIn> {
    let fallback_topic = tag("career");
    let mut checkins = Vec::new();
    for planned in &history.pairings {
        let times = session_times(rng, planned);
        if times.is_empty() {
            continue;
        }
        let confidences = confidence_trend(rng, planned.plan, times.len());
        let learner = &learners[planned.learner];
        let mentor = &mentors[planned.mentor];
        let mut previous: Option<u8> = None;
        for (at, confidence) in times.into_iter().zip(confidences) {
            let topics = topics(rng, learner, fallback_topic.as_ref());
            let topic = topics.first().map(Tag::as_str).unwrap_or("the plan");
            let trend = confidence
                .zip(previous)
                .map(|(now, before)| now.cmp(&before));
            previous = confidence.or(previous);
            let notes = note(rng, trend, topic);
            let next_steps = chance(rng, 85)
                .then(|| pick(rng, templates::NEXT_STEPS).map(|t| fill(t, topic)))
                .flatten();
            let author = if chance(rng, 60) {
                Author::Mentor(mentor.id.clone())
            } else {
                Author::Coordinator
            };
            let author_desk = author.to_string();
            checkins.push(CheckIn {
                id: CheckInId::new_at(at.timestamp_millis().max(0) as u64, uuid_random(rng)),
                pairing: planned.pairing.id,
                at,
                minutes: [30, 45, 60, 60, 75, 90][rng.usize(..6)],
                mode: session_mode(rng, learner, mentor),
                confidence: confidence.and_then(|c| Confidence::new(c).ok()),
                notes,
                topics,
                next_steps,
                author_desk,
                author,
                supersedes: None,
                recorded_at: (at + days_between(rng, 0.01, 2.0)).min(now),
                guide: None,
            });
        }
    }
    checkins.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
    checkins
}

/// Random bits for a UUIDv7 with the RFC 9562 variant already in place (`10` in bits 62–63):
/// `CheckInId::new_at` sets the version but keeps these bits as given.
fn uuid_random(rng: &mut Rng) -> u128 {
    (rng.u128(..) & !(0b11 << 62)) | (0b10 << 62)
}

/// The random bits of the UUID of the `index`-th pairing or milestone: the same program
/// always gets the same UUIDs, each different (the variant bits set as in [`uuid_random`]).
pub(super) fn numbered_uuid_bits(index: usize) -> u128 {
    ((index as u128 + 1) << 64) | (0b10 << 62)
}

/// When sessions happened: a kickoff within two weeks of the start, then about one cadence
/// apart (give or take a fifth), up to the pairing's last possible session.
fn session_times(rng: &mut Rng, planned: &PlannedPairing) -> Vec<DateTime<Utc>> {
    let Some(started) = planned.pairing.started_at else {
        return Vec::new();
    };
    let cadence = f64::from(planned.pairing.agreement.cadence_days);
    let (limit, exact, count) = match planned.sessions {
        Sessions::None => return Vec::new(),
        Sessions::Regular { last, exact } => (last, exact, usize::MAX),
        Sessions::Few { count, until } => (until, false, count),
    };
    let mut times = Vec::new();
    let mut next = started + days_between(rng, 2.0, cadence.min(14.0));
    while next <= limit && times.len() < count {
        times.push(next);
        next += days_between(rng, 0.8 * cadence, 1.2 * cadence);
    }
    if exact {
        // The story needs the last session at a given moment (a pause, a silence that began
        // then): move the last one there, or add it when the gap is worth a session.
        let half_cadence = Duration::hours((cadence * 12.0) as i64);
        match times.last_mut() {
            Some(last) if limit - *last < half_cadence => *last = limit,
            _ if limit > started => times.push(limit),
            _ => {}
        }
    }
    times
}

/// Confidence per session, `None` where the learner skipped the question.
fn confidence_trend(rng: &mut Rng, plan: Plan, sessions: usize) -> Vec<Option<u8>> {
    let mut values = Vec::with_capacity(sessions);
    let (mut level, ceiling) = match plan {
        Plan::EndedEarly | Plan::Rematch => (2 + rng.u8(..2), 3),
        Plan::Completed => (3, 5),
        _ => (2 + rng.u8(..2), 5),
    };
    let mut dipped = false;
    for _ in 0..sessions {
        values.push(level);
        // Steady or rising, with at most one dip in a row: a single bad week is not a trend.
        let roll = rng.u32(..100);
        if roll < 35 && level < ceiling {
            level += 1;
            dipped = false;
        } else if roll >= 90 && !dipped && level > 1 {
            level -= 1;
            dipped = true;
        } else {
            dipped = false;
        }
    }
    if plan == Plan::Falling && sessions >= 4 {
        let top = 4 + rng.u8(..2);
        for (offset, value) in values[sessions - 4..].iter_mut().enumerate() {
            *value = top - offset as u8;
        }
        // Before the slide the learner was doing well, so the fall stands out.
        if let Some(before) = (sessions >= 5).then(|| sessions - 5) {
            values[before] = values[before].min(top);
        }
    }
    if plan == Plan::Completed
        && let Some(last) = values.last_mut()
    {
        *last = (*last).max(4);
    }
    values
        .into_iter()
        .map(|v| (plan == Plan::Falling || !chance(rng, 4)).then_some(v))
        .collect()
}

fn topics(rng: &mut Rng, learner: &Learner, fallback: Option<&Tag>) -> Vec<Tag> {
    let mut chosen: Vec<Tag> = Vec::with_capacity(2);
    chosen.extend(pick(rng, &learner.interests).or(fallback).cloned());
    if chance(rng, 40)
        && let Some(second) = pick(rng, &learner.interests)
        && !chosen.contains(second)
    {
        chosen.push(second.clone());
    }
    chosen
}

fn session_mode(rng: &mut Rng, learner: &Learner, mentor: &Mentor) -> Option<Mode> {
    let shared = learner.modes.intersection(mentor.modes);
    let usable = if shared.is_empty() {
        learner.modes
    } else {
        shared
    };
    let modes: Vec<Mode> = usable.iter().collect();
    pick(rng, &modes).copied()
}

/// Two sentences: how the session went, then what was agreed.
fn note(rng: &mut Rng, trend: Option<std::cmp::Ordering>, topic: &str) -> String {
    let openings = match trend {
        Some(std::cmp::Ordering::Less) => templates::NOTE_OPENINGS_LOW,
        Some(std::cmp::Ordering::Greater) => templates::NOTE_OPENINGS_HIGH,
        _ => templates::NOTE_OPENINGS_STEADY,
    };
    let opening = pick(rng, openings).copied().unwrap_or_default();
    let follow_up = pick(rng, templates::NOTE_FOLLOW_UPS)
        .copied()
        .unwrap_or_default();
    format!("{}\n{follow_up}", fill(opening, topic))
}
