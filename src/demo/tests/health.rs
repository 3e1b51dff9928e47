//! Every situation a coordinator meets shows in the standard program, read from the data by
//! the desk's simple health rules.

use std::collections::{HashMap, HashSet};

use super::{days, now};
use crate::demo::{DemoProgram, DemoSpec, generate};
use crate::domain::{CheckIn, LearnerStatus, Pairing, PairingStatus};

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
