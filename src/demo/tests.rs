//! The generator's promises: deterministic, invariants held, every situation a coordinator
//! meets present in the standard program, and big programs that still leave room to match.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};

use super::names::Vocabulary;
use super::*;
use crate::domain::availability::week_monday;
use crate::domain::{
    CheckIn, LearnerStatus, MentorStatus, MilestoneStatus, Pairing, PairingStatus, SlotSet,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 15, 30, 0).unwrap()
}

fn days(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
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
fn assert_invariants(program: &DemoProgram, now: DateTime<Utc>) {
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

/// How a coordinator reads an active pairing's health, by the desk's simple rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Health {
    OnTrack,
    Overdue,
    TooEarly,
    Silent,
    Falling,
    LateMilestone,
    NoFirstCheckIn,
}

fn health(pairing: &Pairing, checkins: &[&CheckIn], program: &DemoProgram) -> Health {
    let now = now();
    let cadence = f64::from(pairing.agreement.cadence_days);
    let started = pairing.started_at.unwrap_or(now);
    let last = checkins.last().map(|c| c.at);
    let confidences: Vec<_> = checkins
        .iter()
        .rev()
        .take(4)
        .map(|c| c.confidence)
        .collect();
    let falling = confidences.len() == 4
        && confidences
            .windows(2)
            .all(|w| matches!((w[0], w[1]), (Some(a), Some(b)) if a < b));
    let late_milestone = program.milestones.iter().any(|m| {
        m.learner == pairing.learner && m.days_overdue(now.date_naive()).is_some_and(|d| d > 14)
    });
    if last.is_none() && days(started, now) > 21.0 {
        Health::NoFirstCheckIn
    } else if days(last.unwrap_or(started), now) > 3.0 * cadence {
        Health::Silent
    } else if falling {
        Health::Falling
    } else if late_milestone {
        Health::LateMilestone
    } else if last.is_none() && days(started, now) < cadence {
        Health::TooEarly
    } else if last.is_some_and(|at| days(at, now) > 1.5 * cadence) {
        Health::Overdue
    } else {
        Health::OnTrack
    }
}

fn situations(program: &DemoProgram) -> HashMap<String, usize> {
    let mut checkins: HashMap<_, Vec<&CheckIn>> = HashMap::new();
    for checkin in &program.checkins {
        checkins.entry(checkin.pairing).or_default().push(checkin);
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for pairing in &program.pairings {
        let key = match pairing.status {
            PairingStatus::Active => {
                let own = checkins.get(&pairing.id).map_or(&[][..], Vec::as_slice);
                format!("{:?}", health(pairing, own, program))
            }
            PairingStatus::Ended => {
                format!("ended: {}", pairing.end_reason.as_deref().unwrap_or(""))
            }
            status => status.to_string(),
        };
        *counts.entry(key).or_default() += 1;
    }
    let waiting = program
        .learners
        .iter()
        .filter(|l| l.status == LearnerStatus::Waiting)
        .count();
    counts.insert("learners waiting".into(), waiting);
    counts
}

#[test]
fn the_standard_program_shows_every_situation() {
    let program = generate(&DemoSpec::standard(), now());
    let counts = situations(&program);
    let mut listed: Vec<_> = counts.iter().collect();
    listed.sort();
    eprintln!("{listed:#?}");
    for situation in [
        "OnTrack",
        "Overdue",
        "TooEarly",
        "Silent",
        "Falling",
        "LateMilestone",
        "NoFirstCheckIn",
        "paused",
        "completed",
        "proposed",
        "ended: no-show",
        "ended: mismatch",
        "ended: learner left",
    ] {
        assert!(
            counts.get(situation).copied().unwrap_or(0) >= 1,
            "no {situation}: {counts:?}"
        );
    }
    assert!(counts["OnTrack"] > counts["Overdue"]);
    let waiting = counts["learners waiting"] as f64 / program.learners.len() as f64;
    assert!((0.28..=0.40).contains(&waiting), "waiting share {waiting}");
    assert!(program.exclusions.len() >= 2);
    let mentor_statuses: HashSet<_> = program.mentors.iter().map(|m| m.status).collect();
    assert_eq!(
        mentor_statuses.len(),
        3,
        "active, paused and retired mentors"
    );
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

/// Share of (waiting learner, active mentor) pairs that pass the hard constraints: a shared
/// language, a shared mode and an hour of weekly overlap (unknown values pass).
fn allowed_share(program: &DemoProgram) -> f64 {
    let week = week_monday(now().date_naive());
    let slots = |a: &crate::domain::Availability, z: Option<chrono_tz::Tz>| -> SlotSet {
        a.utc_slots(z.unwrap_or(chrono_tz::UTC), week)
    };
    let mentors: Vec<_> = program
        .mentors
        .iter()
        .filter(|m| m.status == MentorStatus::Active)
        .map(|m| (m, slots(&m.availability, m.timezone)))
        .collect();
    let (mut allowed, mut total) = (0usize, 0usize);
    for learner in program
        .learners
        .iter()
        .filter(|l| l.status == LearnerStatus::Waiting)
    {
        let own = slots(&learner.availability, learner.timezone);
        for (mentor, mentor_slots) in &mentors {
            total += 1;
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
                || own.overlap_minutes(mentor_slots) >= 60;
            allowed += usize::from(language && mode && overlap);
        }
    }
    allowed as f64 / total.max(1) as f64
}

#[test]
fn about_half_of_waiting_pairs_pass_the_hard_constraints() {
    let program = generate(
        &DemoSpec {
            learners: 1200,
            mentors: 300,
            seed: 5,
        },
        now(),
    );
    let share = allowed_share(&program);
    eprintln!("allowed share {share:.3}");
    assert!((0.40..=0.75).contains(&share), "allowed share {share}");
}

#[test]
fn a_large_program_generates_and_keeps_its_shape() {
    let started = Instant::now();
    let program = generate(
        &DemoSpec {
            learners: 10_000,
            mentors: 1_000,
            seed: 3,
        },
        now(),
    );
    eprintln!("10,000 × 1,000 in {:?} (this build)", started.elapsed());
    assert_invariants(&program, now());
    let waiting = program
        .learners
        .iter()
        .filter(|l| l.status == LearnerStatus::Waiting)
        .count();
    assert!(
        (0.30..=0.37).contains(&(waiting as f64 / 10_000.0)),
        "{waiting} waiting"
    );
}

/// Run with `cargo test --release --lib demo -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release"]
fn large_generation_is_fast_in_release() {
    let spec = DemoSpec {
        learners: 10_000,
        mentors: 1_000,
        seed: 1,
    };
    generate(&spec, now());
    let started = Instant::now();
    let program = generate(&spec, now());
    let elapsed = started.elapsed();
    eprintln!(
        "10,000 × 1,000: {elapsed:?}; {} pairings, {} check-ins, {} milestones",
        program.pairings.len(),
        program.checkins.len(),
        program.milestones.len()
    );
    let big = generate(
        &DemoSpec {
            learners: 5_000,
            mentors: 1_000,
            seed: 1,
        },
        now(),
    );
    eprintln!("5,000 × 1,000 allowed share {:.3}", allowed_share(&big));
    assert!(elapsed.as_millis() < 1000);
}
