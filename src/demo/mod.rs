//! A deterministic synthetic mentorship program, for demos, screenshots and benchmarks.
//!
//! Owns: the generator and its vocabularies. May use: `domain` only (plus chrono, chrono-tz
//! and fastrand). Pure: no I/O and no clock; `now` comes in as an argument, so the same
//! [`DemoSpec`] and `now` always give the same [`DemoProgram`].
//!
//! The program looks like one a coordinator meets after about six months: a third of the
//! learners wait, the rest are in pairings of every age and health (on track, overdue, at risk,
//! too early to tell, paused), some pairings ended or completed, a few proposals wait for
//! approval, and a few people left survey fields blank.

mod checkin;
mod history;
mod milestone;
mod names;
mod people;
mod plan;
mod templates;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;

use crate::domain::{CheckIn, Exclusion, Learner, Mentor, Milestone, Pairing, Tag};

/// How big a program to make, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    pub learners: usize,
    pub mentors: usize,
    pub seed: u64,
}

impl DemoSpec {
    /// The program the desk shows in its demo: small enough to read, big enough to show every
    /// situation a coordinator meets.
    pub fn standard() -> Self {
        DemoSpec {
            learners: 120,
            mentors: 30,
            seed: 1,
        }
    }
}

/// Everything a desk holds about one program, ready to insert. Pairing and milestone ids run
/// from 1 in order of creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoProgram {
    pub mentors: Vec<Mentor>,
    pub learners: Vec<Learner>,
    pub pairings: Vec<Pairing>,
    pub checkins: Vec<CheckIn>,
    pub milestones: Vec<Milestone>,
    pub exclusions: Vec<Exclusion>,
}

/// Makes the program `spec` describes, with all history before `now`.
pub fn generate(spec: &DemoSpec, now: DateTime<Utc>) -> DemoProgram {
    let mut rng = Rng::with_seed(spec.seed);
    let vocabulary = names::Vocabulary::new();
    let mentors = people::make_mentors(&mut rng.fork(), &vocabulary, spec.mentors, now);
    let mut learners = people::make_learners(&mut rng.fork(), &vocabulary, spec.learners, now);
    let history = history::make_history(&mut rng.fork(), &mut learners, &mentors, now);
    let milestones = milestone::make_milestones(&mut rng.fork(), &history.pairings, &learners, now);
    let checkins = checkin::make_checkins(&mut rng.fork(), &history, &learners, &mentors, now);
    DemoProgram {
        mentors,
        learners,
        pairings: history.pairings.into_iter().map(|p| p.pairing).collect(),
        checkins,
        milestones,
        exclusions: history.exclusions,
    }
}

/// A tag from the static vocabulary; `None` only if the vocabulary holds a malformed word,
/// which the tests rule out.
fn tag(word: &str) -> Option<Tag> {
    Tag::parse(word).ok()
}

/// One item of a non-empty slice, or `None` for an empty one.
fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    items.get(rng.usize(..items.len().max(1)))
}

/// True with probability `percent`/100.
fn chance(rng: &mut Rng, percent: u32) -> bool {
    rng.u32(..100) < percent
}

/// A random span between `min_days` and `max_days` days, to the minute.
fn days_between(rng: &mut Rng, min_days: f64, max_days: f64) -> Duration {
    let span = (max_days - min_days).max(0.0);
    let days = min_days + rng.f64() * span;
    Duration::minutes((days * 24.0 * 60.0) as i64)
}

/// An index drawn in proportion to `weights`.
fn weighted(rng: &mut Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut roll = rng.u32(..total.max(1));
    for (index, weight) in weights.iter().enumerate() {
        if roll < *weight {
            return index;
        }
        roll -= weight;
    }
    0
}

/// Replaces `{topic}` in a template.
fn fill(template: &str, topic: &str) -> String {
    template.replace("{topic}", topic)
}
