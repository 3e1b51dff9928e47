//! The cohort problem: every waiting learner against every mentor with a free seat, as plain
//! indices and integer scores that the plan strategies work on.
//!
//! Owns: [`CohortProblem`], [`PairScore`], their validation, and [`score_cohort`], which fills
//! a problem from domain people (hard constraints applied, all pairs scored, in parallel,
//! with a deterministic output order).

use std::collections::{HashMap, HashSet};

use crate::domain::{Exclusion, Learner, LearnerStatus, MentorStatus};

use super::constraint::pair_compatible;
use super::context::{MatchContext, PreparedLearner, PreparedMentor};
use super::error::MatchError;
use super::rank::MentorStanding;
use super::score::quick_score;
use super::weights::{Allocation, Weights};

/// Highest score a pair may carry (scores may come from a file, not only from [`Weights`]).
pub const MAX_PAIR_SCORE: i64 = 1_000_000;

/// One allowed pair and how good it is from each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PairScore {
    /// Index into [`CohortProblem::learners`].
    pub learner: u32,
    /// Index into [`CohortProblem::mentors`].
    pub mentor: u32,
    /// The learner's view, 0 to [`MAX_PAIR_SCORE`]; what `optimal` and `greedy` maximize.
    pub score: i64,
    /// The mentor's view, 0 to [`MAX_PAIR_SCORE`]; how `stable` lets mentors rank learners.
    pub mentor_score: i64,
}

/// Learners, mentors with the seats they still have, and the pairs allowed between them.
/// A pair not listed must never be proposed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CohortProblem {
    /// Learner ids.
    pub learners: Vec<String>,
    /// Mentor ids with remaining capacity.
    pub mentors: Vec<(String, u32)>,
    pub pairs: Vec<PairScore>,
}

impl CohortProblem {
    /// How many mentors each learner may be paired with, by learner index (0: the hard
    /// rules allow none with a free seat).
    pub fn allowed_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.learners.len()];
        for pair in &self.pairs {
            if let Some(n) = counts.get_mut(pair.learner as usize) {
                *n += 1;
            }
        }
        counts
    }

    /// Checks ids are unique, pairs name real people, no pair is listed twice and scores are
    /// in range. Plans run the same checks as they index the problem.
    pub fn validate(&self) -> Result<(), MatchError> {
        let mut seen = HashSet::with_capacity(self.learners.len());
        for id in &self.learners {
            if !seen.insert(id.as_str()) {
                return Err(MatchError::DuplicateLearner { id: id.clone() });
            }
        }
        let mut seen = HashSet::with_capacity(self.mentors.len());
        for (id, _) in &self.mentors {
            if !seen.insert(id.as_str()) {
                return Err(MatchError::DuplicateMentor { id: id.clone() });
            }
        }
        let mut keys = Vec::with_capacity(self.pairs.len());
        for (position, pair) in self.pairs.iter().enumerate() {
            self.check_pair(position, pair)?;
            keys.push((u64::from(pair.learner) << 32) | u64::from(pair.mentor));
        }
        keys.sort_unstable();
        if let Some(twice) = keys.windows(2).find(|w| w[0] == w[1]) {
            let (learner, mentor) = ((twice[0] >> 32) as u32, twice[0] as u32);
            return Err(self.duplicate_pair(learner, mentor));
        }
        Ok(())
    }

    /// Checks one pair's indices and scores.
    pub(crate) fn check_pair(&self, position: usize, pair: &PairScore) -> Result<(), MatchError> {
        if pair.learner as usize >= self.learners.len() {
            return Err(MatchError::LearnerIndexOutOfRange {
                pair: position,
                index: pair.learner,
                count: self.learners.len(),
            });
        }
        if pair.mentor as usize >= self.mentors.len() {
            return Err(MatchError::MentorIndexOutOfRange {
                pair: position,
                index: pair.mentor,
                count: self.mentors.len(),
            });
        }
        for (what, value) in [("score", pair.score), ("mentor score", pair.mentor_score)] {
            if !(0..=MAX_PAIR_SCORE).contains(&value) {
                return Err(MatchError::ScoreOutOfRange {
                    learner: self.learner_id(pair.learner).to_string(),
                    mentor: self.mentor_id(pair.mentor).to_string(),
                    what,
                    value,
                    max: MAX_PAIR_SCORE,
                });
            }
        }
        Ok(())
    }

    pub(crate) fn duplicate_pair(&self, learner: u32, mentor: u32) -> MatchError {
        MatchError::DuplicatePair {
            learner: self.learner_id(learner).to_string(),
            mentor: self.mentor_id(mentor).to_string(),
        }
    }

    /// The id of learner `index`, or "" when out of range.
    pub fn learner_id(&self, index: u32) -> &str {
        self.learners.get(index as usize).map_or("", String::as_str)
    }

    /// The id of mentor `index`, or "" when out of range.
    pub fn mentor_id(&self, index: u32) -> &str {
        self.mentors
            .get(index as usize)
            .map_or("", |(id, _)| id.as_str())
    }
}

/// Builds the cohort problem: learners who are waiting, mentors who are active with a free
/// seat (their capacity in the problem is what remains), and every pair that passes the hard
/// constraints and is not excluded, scored with `weights`.
///
/// Learners and mentors are listed by id (byte order) and pairs by (learner, mentor), so the
/// output depends only on the people, not on the order they were passed in. Scoring is split
/// over the available cores (at most 8); chunks are joined in order.
pub fn score_cohort(
    learners: &[Learner],
    mentors: &[MentorStanding<'_>],
    exclusions: &[Exclusion],
    weights: &Weights,
    ctx: &MatchContext,
) -> CohortProblem {
    let mut waiting: Vec<&Learner> = learners
        .iter()
        .filter(|l| l.status == LearnerStatus::Waiting)
        .collect();
    waiting.sort_by(|a, b| a.id.as_str().as_bytes().cmp(b.id.as_str().as_bytes()));
    waiting.dedup_by(|later, first| later.id == first.id);
    let mut open: Vec<&MentorStanding<'_>> = mentors
        .iter()
        .filter(|s| s.mentor.status == MentorStatus::Active && s.mentor.capacity > s.seats_in_use)
        .collect();
    open.sort_by(|a, b| {
        let (a, b) = (a.mentor.id.as_str(), b.mentor.id.as_str());
        a.as_bytes().cmp(b.as_bytes())
    });
    open.dedup_by(|later, first| later.mentor.id == first.mentor.id);

    let prepared_learners: Vec<PreparedLearner> = waiting
        .iter()
        .map(|l| PreparedLearner::new(l, ctx))
        .collect();
    let prepared_mentors: Vec<PreparedMentor> = open.iter().map(|s| s.prepare(ctx)).collect();
    let excluded = excluded_mentors(&prepared_learners, &prepared_mentors, exclusions);
    let pairs = score_all_pairs(
        &prepared_learners,
        &prepared_mentors,
        &excluded,
        &weights.allocation(),
        ctx,
    );
    CohortProblem {
        learners: prepared_learners.iter().map(|l| l.id.to_string()).collect(),
        mentors: prepared_mentors
            .iter()
            .map(|m| (m.id.to_string(), m.remaining_capacity()))
            .collect(),
        pairs,
    }
}

/// For each learner, the sorted indices of mentors they are excluded from.
fn excluded_mentors(
    learners: &[PreparedLearner],
    mentors: &[PreparedMentor],
    exclusions: &[Exclusion],
) -> Vec<Vec<u32>> {
    let learner_index: HashMap<&str, usize> = learners
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    let mentor_index: HashMap<&str, u32> = mentors
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i as u32))
        .collect();
    let mut excluded = vec![Vec::new(); learners.len()];
    for exclusion in exclusions {
        if let (Some(&l), Some(&m)) = (
            learner_index.get(exclusion.learner.as_str()),
            mentor_index.get(exclusion.mentor.as_str()),
        ) {
            excluded[l].push(m);
        }
    }
    for list in &mut excluded {
        list.sort_unstable();
        list.dedup();
    }
    excluded
}

/// Scores every allowed pair, learners split into contiguous chunks across threads.
pub fn score_all_pairs(
    learners: &[PreparedLearner],
    mentors: &[PreparedMentor],
    excluded: &[Vec<u32>],
    allocation: &Allocation,
    ctx: &MatchContext,
) -> Vec<PairScore> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 8);
    let chunk = learners.len().div_ceil(threads).max(1);
    let score_chunk = |first: usize, slice: &[PreparedLearner]| {
        let mut pairs = Vec::new();
        for (offset, learner) in slice.iter().enumerate() {
            let index = first + offset;
            let barred = excluded.get(index).map_or(&[][..], Vec::as_slice);
            for (m, mentor) in mentors.iter().enumerate() {
                let m = m as u32;
                if !pair_compatible(learner, mentor, ctx) || barred.binary_search(&m).is_ok() {
                    continue;
                }
                let score = quick_score(learner, mentor, allocation);
                pairs.push(PairScore {
                    learner: index as u32,
                    mentor: m,
                    score: i64::from(score.total),
                    mentor_score: i64::from(score.mentor_view),
                });
            }
        }
        pairs
    };
    if threads == 1 || learners.len() < 64 {
        return score_chunk(0, learners);
    }
    let parts: Vec<Vec<PairScore>> = std::thread::scope(|scope| {
        let handles: Vec<_> = learners
            .chunks(chunk)
            .enumerate()
            .map(|(i, slice)| scope.spawn(move || score_chunk(i * chunk, slice)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    parts.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LearnerId, MentorId};
    use crate::matching::testkit::{ctx, learner, mentor};
    use chrono::{DateTime, Utc};

    fn problem() -> CohortProblem {
        CohortProblem {
            learners: vec!["a".into(), "b".into()],
            mentors: vec![("x".into(), 1)],
            pairs: vec![PairScore {
                learner: 0,
                mentor: 0,
                score: 10,
                mentor_score: 5,
            }],
        }
    }

    #[test]
    fn validation_names_the_problem() {
        assert!(problem().validate().is_ok());
        let mut p = problem();
        p.learners[1] = "a".into();
        assert_eq!(
            p.validate(),
            Err(MatchError::DuplicateLearner { id: "a".into() })
        );
        let mut p = problem();
        p.mentors.push(("x".into(), 2));
        assert!(matches!(
            p.validate(),
            Err(MatchError::DuplicateMentor { .. })
        ));
        let mut p = problem();
        p.pairs.push(p.pairs[0]);
        let err = p.validate().unwrap_err().to_string();
        assert!(
            err.contains("\"a\" / mentor \"x\" is listed twice"),
            "{err}"
        );
        let mut p = problem();
        p.pairs[0].mentor = 3;
        assert!(matches!(
            p.validate(),
            Err(MatchError::MentorIndexOutOfRange { .. })
        ));
        let mut p = problem();
        p.pairs[0].learner = 2;
        assert!(matches!(
            p.validate(),
            Err(MatchError::LearnerIndexOutOfRange { .. })
        ));
        let mut p = problem();
        p.pairs[0].score = MAX_PAIR_SCORE + 1;
        assert!(matches!(
            p.validate(),
            Err(MatchError::ScoreOutOfRange { .. })
        ));
        let mut p = problem();
        p.pairs[0].mentor_score = -1;
        assert!(matches!(
            p.validate(),
            Err(MatchError::ScoreOutOfRange { .. })
        ));
    }

    #[test]
    fn cohort_keeps_waiting_learners_open_mentors_and_allowed_pairs() {
        let learners: Vec<Learner> = (0..100)
            .rev()
            .map(|i| {
                let b =
                    learner(&format!("l{i:03}")).languages(if i % 2 == 0 { "en" } else { "es" });
                if i == 7 {
                    b.status(LearnerStatus::Matched).build()
                } else {
                    b.build()
                }
            })
            .collect();
        let mentors = [
            mentor("m2").languages("en").capacity(3).build(),
            mentor("m1").languages("en;es").capacity(2).build(),
            mentor("m3").capacity(1).build(),
            mentor("m4").status(MentorStatus::Paused).build(),
        ];
        let standings: Vec<MentorStanding<'_>> = mentors
            .iter()
            .map(|m| MentorStanding {
                mentor: m,
                seats_in_use: u32::from(m.id.as_str() == "m3"),
                recent_declines: 0,
            })
            .collect();
        let exclusions = [Exclusion {
            learner: LearnerId::parse("l000").unwrap(),
            mentor: MentorId::parse("m1").unwrap(),
            reason: "asked".into(),
            created_at: DateTime::<Utc>::UNIX_EPOCH,
        }];
        let p = score_cohort(
            &learners,
            &standings,
            &exclusions,
            &Weights::default(),
            &ctx(),
        );
        p.validate().unwrap();
        assert_eq!(p.learners.len(), 99);
        assert_eq!(p.learners[0], "l000");
        assert_eq!(p.mentors, [("m1".to_string(), 2), ("m2".to_string(), 3)]);
        // l000 (en): m2 only (m1 excluded); other en learners: both; es learners: m1 only.
        assert_eq!(p.pairs[0].mentor, 1);
        assert_eq!(p.pairs.len(), 1 + 49 * 2 + 49);
        assert!(
            p.pairs
                .windows(2)
                .all(|w| (w[0].learner, w[0].mentor) < (w[1].learner, w[1].mentor))
        );
    }
}
