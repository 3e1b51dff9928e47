//! Big programs: generated fast, shaped like the standard one, and with room for matching.

use std::time::Instant;

use super::{assert_invariants, now};
use crate::demo::{DemoProgram, DemoSpec, generate};
use crate::domain::availability::week_monday;
use crate::domain::{LearnerStatus, MentorStatus, SlotSet};

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
