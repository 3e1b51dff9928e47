//! The generator's promises: deterministic, invariants held, people that look like a real
//! program; `health` checks every situation a coordinator meets, `scale` big programs.

mod health;
mod scale;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeZone, Utc};

use super::names::Vocabulary;
use super::*;
use crate::domain::{LearnerStatus, MentorStatus, MilestoneStatus, Pairing, PairingStatus};

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 15, 30, 0).unwrap()
}

pub(super) fn days(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_minutes() as f64 / 1440.0
}

#[test]
fn every_vocabulary_word_is_a_valid_domain_value() {
    assert_eq!(Vocabulary::new().rejected_words(), 0);
}

#[test]
fn same_spec_and_now_give_the_same_program() {
    let spec = DemoSpec::standard();
    assert_eq!(generate(&spec, now()), generate(&spec, now()));
    let other = DemoSpec { seed: 2, ..spec };
    assert_ne!(
        generate(&spec, now()).learners,
        generate(&other, now()).learners
    );
}

/// Checks every invariant the desk and the database hold.
pub(super) fn assert_invariants(program: &DemoProgram, now: DateTime<Utc>) {
    let mentors: HashMap<_, _> = program.mentors.iter().map(|m| (&m.id, m)).collect();
    let learners: HashMap<_, _> = program.learners.iter().map(|l| (&l.id, l)).collect();
    assert_eq!(
        mentors.len(),
        program.mentors.len(),
        "mentor ids are unique"
    );
    assert_eq!(
        learners.len(),
        program.learners.len(),
        "learner ids are unique"
    );

    let mut seats_of_learner: HashMap<_, Vec<&Pairing>> = HashMap::new();
    let mut seats_of_mentor: HashMap<_, u32> = HashMap::new();
    let mut offers_of_mentor: HashMap<_, u32> = HashMap::new();
    for (index, pairing) in program.pairings.iter().enumerate() {
        assert_eq!(pairing.id.0, index as i64 + 1, "pairing ids run from 1");
        assert!(pairing.agreement.validate().is_ok());
        assert!(learners.contains_key(&pairing.learner) && mentors.contains_key(&pairing.mentor));
        let learner = learners[&pairing.learner];
        assert!(learner.joined_at <= pairing.created_at, "{pairing:?}");
        assert!(pairing.created_at <= now);
        if let Some(started) = pairing.started_at {
            assert!(pairing.created_at <= started && started <= now);
        }
        if let Some(ended) = pairing.ended_at {
            assert!(pairing.started_at.unwrap_or(pairing.created_at) <= ended && ended <= now);
            assert!(pairing.end_reason.is_some());
        }
        assert_eq!(
            pairing.ended_at.is_some(),
            pairing.status.is_closed(),
            "{pairing:?}"
        );
        if pairing.status.holds_seat() {
            seats_of_learner
                .entry(&pairing.learner)
                .or_default()
                .push(pairing);
            *seats_of_mentor.entry(&pairing.mentor).or_default() += 1;
            assert_eq!(mentors[&pairing.mentor].status, MentorStatus::Active);
        }
        if pairing.status == PairingStatus::Proposed {
            *offers_of_mentor.entry(&pairing.mentor).or_default() += 1;
        }
    }
    for (mentor, seats) in &seats_of_mentor {
        let offers = offers_of_mentor.get(mentor).copied().unwrap_or(0);
        assert!(
            seats + offers <= mentors[mentor].capacity,
            "{mentor} over capacity"
        );
    }
    for learner in &program.learners {
        assert!(learner.joined_at <= now);
        let own: Vec<&Pairing> = program
            .pairings
            .iter()
            .filter(|p| p.learner == learner.id)
            .collect();
        let seats = seats_of_learner.get(&learner.id).map_or(0, Vec::len);
        assert!(seats <= 1, "{} holds {seats} seats", learner.id);
        let has = |status: PairingStatus| own.iter().any(|p| p.status == status);
        let expected_ok = match learner.status {
            LearnerStatus::Matched => has(PairingStatus::Active),
            LearnerStatus::Paused => has(PairingStatus::Paused),
            LearnerStatus::Waiting => seats == 0,
            LearnerStatus::Graduated => seats == 0 && has(PairingStatus::Completed),
            LearnerStatus::Withdrawn => seats == 0 && has(PairingStatus::Ended),
        };
        assert!(
            expected_ok,
            "{} is {} with {own:?}",
            learner.id, learner.status
        );
        if has(PairingStatus::Proposed) {
            assert_eq!(learner.status, LearnerStatus::Waiting);
        }
    }
    let by_id: HashMap<_, _> = program.pairings.iter().map(|p| (p.id, p)).collect();
    let mut checkin_ids = HashSet::new();
    for checkin in &program.checkins {
        assert!(checkin_ids.insert(checkin.id), "check-in ids are unique");
        assert_eq!(checkin.id.0.get_variant(), uuid::Variant::RFC4122);
        let pairing = by_id[&checkin.pairing];
        let started = pairing
            .started_at
            .expect("check-ins only on started pairings");
        assert!(started <= checkin.at && checkin.at <= pairing.ended_at.unwrap_or(now));
        assert!(checkin.at <= checkin.recorded_at && checkin.recorded_at <= now);
        assert!((30..=90).contains(&checkin.minutes) && checkin.notes.contains('\n'));
    }
    for (index, milestone) in program.milestones.iter().enumerate() {
        assert_eq!(milestone.id.0, index as i64 + 1);
        assert!(milestone.created_at <= now);
        assert!(learners[&milestone.learner].joined_at <= milestone.created_at);
        assert_eq!(
            milestone.achieved_at.is_some(),
            milestone.status == MilestoneStatus::Achieved
        );
        if let Some(achieved) = milestone.achieved_at {
            assert!(milestone.created_at <= achieved && achieved <= now);
            assert!(milestone.evidence.is_some());
        }
    }
    let current: HashSet<_> = program
        .pairings
        .iter()
        .filter(|p| p.status.holds_seat() || p.status == PairingStatus::Proposed)
        .map(|p| (&p.learner, &p.mentor))
        .collect();
    for exclusion in &program.exclusions {
        assert!(exclusion.created_at <= now && !exclusion.reason.is_empty());
        assert!(
            !current.contains(&(&exclusion.learner, &exclusion.mentor)),
            "{exclusion:?}"
        );
    }
}

#[test]
fn invariants_hold_for_programs_of_any_shape() {
    for (learners, mentors, seed) in [
        (120, 30, 1),
        (120, 30, 9),
        (1500, 200, 3),
        (40, 2, 4),
        (5, 1, 5),
        (3, 0, 6),
        (0, 4, 7),
    ] {
        let program = generate(
            &DemoSpec {
                learners,
                mentors,
                seed,
            },
            now(),
        );
        assert_eq!(program.learners.len(), learners);
        assert_eq!(program.mentors.len(), mentors);
        assert_invariants(&program, now());
    }
}

#[test]
fn people_look_like_a_real_program() {
    let program = generate(
        &DemoSpec {
            learners: 2000,
            mentors: 300,
            seed: 11,
        },
        now(),
    );
    let zones: HashSet<_> = program.learners.iter().filter_map(|l| l.timezone).collect();
    for zone in [
        chrono_tz::Asia::Kolkata,
        chrono_tz::Asia::Kathmandu,
        chrono_tz::Australia::Adelaide,
    ] {
        assert!(zones.contains(&zone), "{zone}");
    }
    let names: HashSet<_> = program.learners.iter().map(|l| &l.name).collect();
    assert!(names.len() > 900, "only {} distinct names", names.len());
    let with_gaps = program
        .learners
        .iter()
        .filter(|l| {
            l.email.is_none()
                || l.timezone.is_none()
                || l.languages.is_empty()
                || l.modes.is_unknown()
                || l.availability.is_unknown()
                || l.track.is_none()
                || l.interests.is_empty()
        })
        .count() as f64
        / 2000.0;
    assert!(
        (0.02..=0.09).contains(&with_gaps),
        "share with gaps {with_gaps}"
    );
    let learner_blocks = program.learners.iter().map(|l| &l.availability);
    for availability in learner_blocks.chain(program.mentors.iter().map(|m| &m.availability)) {
        let blocks = availability.blocks();
        let overlapping = blocks
            .windows(2)
            .any(|w| w[0].day == w[1].day && w[1].start < w[0].end);
        assert!(!overlapping, "{}", availability.to_list());
    }
    assert!(
        program
            .learners
            .iter()
            .flat_map(|l| &l.email)
            .all(|e| e.ends_with("@example.org"))
    );
    let capacities: Vec<u32> = program.mentors.iter().map(|m| m.capacity).collect();
    assert!(capacities.iter().all(|c| (1..=6).contains(c)));
    let typical = capacities.iter().filter(|c| (2..=4).contains(*c)).count();
    assert!(typical * 10 > capacities.len() * 7, "capacities mostly 2–4");
    let waiting = program
        .learners
        .iter()
        .filter(|l| l.status == LearnerStatus::Waiting)
        .count();
    assert!((0.28..=0.40).contains(&(waiting as f64 / 2000.0)));
}
