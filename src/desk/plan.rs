//! Whole-cohort plans: the problem (waiting learners, free seats, allowed pairs with scores),
//! solving it with a strategy, and saving the result as proposals for review.

use std::time::Instant;

use serde::Serialize;

use super::review::MatchBoard;
use super::{Desk, DeskError, Refusal};
use crate::domain::{Agreement, Learner, LearnerId, MentorId, Pairing, PairingId, PairingStatus};
use crate::matching::{CohortProblem, Plan, Strategy, plan, score_cohort};

/// Where the time of a plan went, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PlanTimings {
    pub load: f64,
    pub score: f64,
    pub solve: f64,
}

/// A solved cohort problem.
#[derive(Debug, Clone)]
pub struct CohortPlan {
    pub strategy: Strategy,
    pub problem: CohortProblem,
    pub plan: Plan,
    pub timings: PlanTimings,
}

impl CohortPlan {
    /// Each learner's best allowed score in the problem (0 when none), by learner index.
    pub fn best_scores(&self) -> Vec<i64> {
        let mut best = vec![0; self.problem.learners.len()];
        for pair in &self.problem.pairs {
            if let Some(b) = best.get_mut(pair.learner as usize) {
                *b = (*b).max(pair.score);
            }
        }
        best
    }
}

/// What scoring a cohort needs, read from the database; scoring and solving it touch no
/// file, so they can run on another thread.
#[derive(Debug, Clone)]
pub struct CohortInput {
    pub learners: Vec<Learner>,
    pub board: MatchBoard,
    pub load_ms: f64,
}

impl CohortInput {
    /// Scores every allowed pair of waiting learners and mentors with free seats.
    pub fn score(&self) -> (CohortProblem, f64) {
        let started = Instant::now();
        let standings: Vec<_> = self
            .board
            .mentors
            .iter()
            .map(|row| crate::matching::MentorStanding {
                mentor: &row.mentor,
                seats_in_use: row.load.seats_in_use,
                recent_declines: self
                    .board
                    .declines
                    .get(&row.mentor.id)
                    .copied()
                    .unwrap_or(0),
            })
            .collect();
        let problem = score_cohort(
            &self.learners,
            &standings,
            &self.board.exclusions,
            &self.board.weights,
            &self.board.ctx,
        );
        (problem, millis(started))
    }

    /// Scores and solves in one go.
    pub fn solve(&self, strategy: Strategy) -> Result<CohortPlan, DeskError> {
        let (problem, score) = self.score();
        solve(problem, strategy, self.load_ms, score)
    }
}

fn millis(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Solves a cohort problem (from the database or a scores file).
pub fn solve(
    problem: CohortProblem,
    strategy: Strategy,
    load_ms: f64,
    score_ms: f64,
) -> Result<CohortPlan, DeskError> {
    let started = Instant::now();
    let solved = plan(&problem, strategy)?;
    let timings = PlanTimings {
        load: load_ms,
        score: score_ms,
        solve: millis(started),
    };
    Ok(CohortPlan {
        strategy,
        problem,
        plan: solved,
        timings,
    })
}

impl Desk {
    /// Reads what a cohort plan needs.
    pub fn cohort_input(&mut self) -> Result<CohortInput, DeskError> {
        let started = Instant::now();
        let board = self.match_board()?;
        let learners = self.learners()?;
        Ok(CohortInput {
            learners,
            board,
            load_ms: millis(started),
        })
    }

    /// Plans the whole cohort from the database.
    pub fn plan_cohort(&mut self, strategy: Strategy) -> Result<CohortPlan, DeskError> {
        self.cohort_input()?.solve(strategy)
    }

    /// Saves a plan as proposals for review, replacing any unreviewed ones (audited).
    /// Nothing becomes a pairing until someone approves it.
    pub fn save_plan(&mut self, cohort: &CohortPlan) -> Result<usize, DeskError> {
        Ok(self.save_plan_replacing(cohort)?.saved)
    }

    /// As [`Desk::save_plan`], also saying how many unreviewed proposals it replaced.
    pub fn save_plan_replacing(&mut self, cohort: &CohortPlan) -> Result<SavedPlan, DeskError> {
        self.ensure_coordinator("saving a plan")?;
        let (now, actor) = (self.now(), self.actor.clone());
        let mut proposals = Vec::with_capacity(cohort.plan.pairs.len());
        for (learner, mentor, score) in &cohort.plan.pairs {
            let learner = LearnerId::parse(cohort.problem.learner_id(*learner))?;
            let mentor = MentorId::parse(cohort.problem.mentor_id(*mentor))?;
            let score = u32::try_from(*score)
                .ok()
                .filter(|s| *s <= 1000)
                .ok_or(Refusal::PlanNotScoredHere)?;
            proposals.push(Pairing {
                id: PairingId(0),
                uid: super::fresh::pairing_uid(now),
                learner,
                mentor,
                status: PairingStatus::Proposed,
                agreement: Agreement::default(),
                score: Some(score),
                explanation: Some(format!("{} plan", cohort.strategy)),
                created_at: now,
                started_at: None,
                ended_at: None,
                end_reason: None,
                approved_by: None,
            });
        }
        self.store.write(|tx| {
            for p in &proposals {
                if tx.learner(&p.learner)?.is_none() || tx.mentor(&p.mentor)?.is_none() {
                    return Err(Refusal::PlanNamesStrangers {
                        learner: p.learner.clone(),
                        mentor: p.mentor.clone(),
                    }
                    .into());
                }
            }
            let replaced = tx.delete_proposals()?;
            for p in &proposals {
                tx.insert_pairing(p)?;
            }
            let after = serde_json::json!({
                "strategy": cohort.strategy.as_str(),
                "proposals": proposals.len(),
                "replaced": replaced,
            });
            tx.append_audit(now, &actor, "plan.save", "proposals", None, Some(&after))?;
            Ok(SavedPlan {
                saved: proposals.len(),
                replaced,
            })
        })
    }
}

/// A plan saved as proposals: how many it holds, and how many unreviewed proposals it
/// replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavedPlan {
    pub saved: usize,
    pub replaced: usize,
}
