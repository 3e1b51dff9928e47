//! Matching: hard constraints, soft scores with their explanations, per-learner rankings and
//! whole-cohort plans.
//!
//! Owns: everything that decides who could be proposed to whom and how good a proposal is.
//! May use: `crate::domain`, std, chrono and chrono-tz. Pure: no I/O, no clock, no database —
//! the reference week and every count (seats in use, recent declines) come in as arguments,
//! so the same data always gives the same result.

pub mod cohort;
pub mod constraint;
pub mod context;
pub mod error;
mod note;
pub mod plan;
pub mod rank;
pub mod score;
#[doc(hidden)]
pub mod synthetic;
#[cfg(test)]
mod testkit;
pub mod weights;

pub use cohort::{CohortProblem, MAX_PAIR_SCORE, PairScore, score_cohort};
pub use constraint::{Failure, PairFacts, check, pair_compatible};
pub use context::{MatchContext, PreparedLearner, PreparedMentor};
pub use error::MatchError;
pub use plan::{Plan, PlanSummary, Strategy, plan, plan_optimal_pruned};
pub use rank::{Candidate, MentorStanding, Ranking, Rejection, rank, rank_prepared};
pub use score::{Breakdown, CriterionScore, explain, quick_score};
pub use weights::{
    Allocation, Criterion, MAX_WEIGHT, SCORE_SCALE, Weights, score_points, score_text,
};
