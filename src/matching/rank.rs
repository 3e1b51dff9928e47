//! Ranking the mentors for one learner: the candidates with their scores and reasons, and
//! every mentor turned down with every constraint that failed.
//!
//! Owns: [`MentorStanding`], [`rank`] and its result types. Deterministic: candidates by score
//! descending then mentor id ascending (byte order); rejections by mentor id.

use serde::Serialize;

use crate::domain::{Exclusion, Learner, Mentor, MentorId};

use super::constraint::{Failure, PairFacts, check};
use super::context::{MatchContext, PreparedLearner, PreparedMentor};
use super::score::{Breakdown, explain};
use super::weights::Weights;

/// A mentor with the facts about their current load that the desk keeps.
#[derive(Debug, Clone, Copy)]
pub struct MentorStanding<'a> {
    pub mentor: &'a Mentor,
    /// Learners in active or paused pairings with this mentor.
    pub seats_in_use: u32,
    /// Proposals of this mentor declined recently.
    pub recent_declines: u32,
}

impl MentorStanding<'_> {
    pub fn prepare(&self, ctx: &MatchContext) -> PreparedMentor {
        PreparedMentor::new(self.mentor, self.seats_in_use, self.recent_declines, ctx)
    }
}

/// A mentor who may be proposed, with the score and its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub mentor: MentorId,
    /// 0–1000.
    pub score: u32,
    pub breakdown: Breakdown,
}

/// A mentor who may not be proposed, and every reason why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub mentor: MentorId,
    pub reasons: Vec<Failure>,
}

/// All mentors, split into candidates (best first) and rejections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    pub candidates: Vec<Candidate>,
    pub rejected: Vec<Rejection>,
}

/// Ranks every mentor for `learner`. `exclusions` may hold any learners' exclusions; only
/// this learner's count. A learner already paired gets no candidates: every mentor is
/// rejected with that reason (plus any other that applies).
pub fn rank(
    learner: &Learner,
    mentors: &[MentorStanding<'_>],
    exclusions: &[Exclusion],
    weights: &Weights,
    ctx: &MatchContext,
    learner_already_paired: bool,
) -> Ranking {
    let prepared: Vec<PreparedMentor> = mentors.iter().map(|m| m.prepare(ctx)).collect();
    rank_prepared(
        learner,
        &prepared,
        exclusions,
        weights,
        ctx,
        learner_already_paired,
    )
}

/// [`rank`] over mentors prepared once, for a face that ranks many learners against the same
/// mentors (moving through a list, trying weights) without projecting schedules again.
pub fn rank_prepared(
    learner: &Learner,
    mentors: &[PreparedMentor],
    exclusions: &[Exclusion],
    weights: &Weights,
    ctx: &MatchContext,
    learner_already_paired: bool,
) -> Ranking {
    let prepared_learner = PreparedLearner::new(learner, ctx);
    let allocation = weights.allocation();
    let mut candidates = Vec::new();
    let mut rejected = Vec::new();
    for mentor in mentors {
        let exclusion = exclusions
            .iter()
            .find(|e| e.learner == learner.id && e.mentor == mentor.id)
            .map(|e| e.reason.as_str());
        let facts = PairFacts {
            exclusion,
            learner_already_paired,
        };
        let reasons = check(&prepared_learner, mentor, facts, ctx);
        if reasons.is_empty() {
            let breakdown = explain(&prepared_learner, mentor, &allocation);
            candidates.push(Candidate {
                mentor: mentor.id.clone(),
                score: breakdown.total,
                breakdown,
            });
        } else {
            rejected.push(Rejection {
                mentor: mentor.id.clone(),
                reasons,
            });
        }
    }
    candidates.sort_by(|a, b| {
        b.score.cmp(&a.score).then_with(|| {
            a.mentor
                .as_str()
                .as_bytes()
                .cmp(b.mentor.as_str().as_bytes())
        })
    });
    rejected.sort_by(|a, b| {
        a.mentor
            .as_str()
            .as_bytes()
            .cmp(b.mentor.as_str().as_bytes())
    });
    Ranking {
        candidates,
        rejected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LearnerId, MentorStatus};
    use crate::matching::testkit::{ctx, learner, mentor};
    use chrono::{DateTime, Utc};

    fn standing(mentor: &Mentor) -> MentorStanding<'_> {
        MentorStanding {
            mentor,
            seats_in_use: 0,
            recent_declines: 0,
        }
    }

    #[test]
    fn candidates_by_score_then_id_and_rejections_by_id() {
        let l = learner("l1").languages("en").interests("rust").build();
        let mentors = [
            mentor("m-b").languages("en").expertise("rust:2").build(),
            mentor("m-a").languages("en").expertise("rust:2").build(),
            mentor("m-c").languages("en").expertise("rust:5").build(),
            mentor("m-z").languages("fr").build(),
            mentor("m-y").status(MentorStatus::Retired).build(),
        ];
        let standings: Vec<_> = mentors.iter().map(standing).collect();
        let exclusions = [Exclusion {
            learner: LearnerId::parse("l1").unwrap(),
            mentor: MentorId::parse("m-b").unwrap(),
            reason: "earlier pairing ended badly".into(),
            created_at: DateTime::<Utc>::UNIX_EPOCH,
        }];
        let ranking = rank(
            &l,
            &standings,
            &exclusions,
            &Weights::default(),
            &ctx(),
            false,
        );
        let order: Vec<&str> = ranking
            .candidates
            .iter()
            .map(|c| c.mentor.as_str())
            .collect();
        assert_eq!(order, ["m-c", "m-a"]);
        let rejected: Vec<&str> = ranking.rejected.iter().map(|r| r.mentor.as_str()).collect();
        assert_eq!(rejected, ["m-b", "m-y", "m-z"]);
        assert_eq!(
            ranking.rejected[0].reasons[0].to_string(),
            "excluded: earlier pairing ended badly"
        );
        let top = &ranking.candidates[0];
        assert_eq!(top.score, top.breakdown.total);
    }

    #[test]
    fn paired_learner_gets_no_candidates() {
        let l = learner("l1").build();
        let m = mentor("m1").build();
        let ranking = rank(&l, &[standing(&m)], &[], &Weights::default(), &ctx(), true);
        assert!(ranking.candidates.is_empty());
        assert_eq!(ranking.rejected[0].reasons, [Failure::LearnerAlreadyPaired]);
    }

    #[test]
    fn full_mentor_is_rejected() {
        let l = learner("l1").build();
        let m = mentor("m1").capacity(2).build();
        let standings = [MentorStanding {
            mentor: &m,
            seats_in_use: 2,
            recent_declines: 0,
        }];
        let ranking = rank(&l, &standings, &[], &Weights::default(), &ctx(), false);
        assert_eq!(
            ranking.rejected[0].reasons[0].to_string(),
            "mentor is full (2 of 2 seats taken)"
        );
    }
}
