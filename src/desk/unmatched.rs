//! Why a cohort plan left a learner without a mentor: every mentor who fits is full (the
//! plan gave their free seats to others), or no mentor passes the hard rules, and which rule
//! rules out the most.
//!
//! Owns: [`Unmatched`] and [`Desk::why_unmatched`]. May use: `domain`, `matching`, `store`.

use super::plan::CohortPlan;
use super::{Desk, DeskError};
use crate::domain::LearnerId;

/// Why a plan left a learner without a mentor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    /// `fitting` mentors pass every hard rule, but the plan gave all their free seats to
    /// other learners.
    SeatsTaken { fitting: usize },
    /// No mentor passes the hard rules; `rule` rules out the most of them (`ruled_out` of
    /// `mentors`).
    NoMentorPasses {
        rule: &'static str,
        ruled_out: usize,
        mentors: usize,
    },
}

impl std::fmt::Display for Unmatched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unmatched::SeatsTaken { fitting: 1 } => f.write_str(
                "the one mentor who fits is full (this plan gave their free seats to others)",
            ),
            Unmatched::SeatsTaken { fitting: 2 } => f.write_str(
                "both mentors who fit are full (this plan gave their free seats to others)",
            ),
            Unmatched::SeatsTaken { fitting } => write!(
                f,
                "all {fitting} mentors who fit are full (this plan gave their free seats to \
                 others)"
            ),
            Unmatched::NoMentorPasses { mentors: 0, .. } => f.write_str("there are no mentors"),
            Unmatched::NoMentorPasses {
                rule,
                ruled_out,
                mentors,
            } => write!(
                f,
                "no mentor passes the hard rules; most are ruled out by {rule} ({ruled_out} of \
                 {mentors} mentors)"
            ),
        }
    }
}

/// The rule that rules out the most mentors in `ranking` (ties: the rule listed first),
/// with how many it rules out.
fn commonest_rule(ranking: &crate::matching::Ranking) -> Option<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for rejection in &ranking.rejected {
        let mut rules: Vec<&'static str> = rejection.reasons.iter().map(|r| r.rule()).collect();
        rules.dedup();
        for rule in rules {
            match counts.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, n)) => *n += 1,
                None => counts.push((rule, 1)),
            }
        }
    }
    counts.into_iter().fold(
        None,
        |best: Option<(&'static str, usize)>, (rule, n)| match best {
            Some((_, most)) if most >= n => best,
            _ => Some((rule, n)),
        },
    )
}

impl Desk {
    /// Why each learner `cohort` left unmatched has no mentor, in the plan's order: the
    /// mentors who fit are all full, or no mentor passes the hard rules (and which rule
    /// rules out most).
    pub fn why_unmatched(
        &mut self,
        cohort: &CohortPlan,
    ) -> Result<Vec<(LearnerId, Unmatched)>, DeskError> {
        let problem = &cohort.problem;
        let mut board = None;
        let mut learners: Option<std::collections::HashMap<LearnerId, crate::domain::Learner>> =
            None;
        let allowed = problem.allowed_counts();
        let mut out = Vec::with_capacity(cohort.plan.unmatched.len());
        for index in &cohort.plan.unmatched {
            let id = LearnerId::parse(problem.learner_id(*index))?;
            let fitting = allowed.get(*index as usize).copied().unwrap_or(0);
            if fitting > 0 {
                out.push((id, Unmatched::SeatsTaken { fitting }));
                continue;
            }
            // Ranked only for learners no mentor fits in the plan (the board is read once).
            if board.is_none() {
                board = Some(self.match_board()?);
                learners = Some(
                    self.learners()?
                        .into_iter()
                        .map(|l| (l.id.clone(), l))
                        .collect(),
                );
            }
            let (Some(board), Some(learners)) = (&board, &learners) else {
                continue;
            };
            let Some(learner) = learners.get(&id) else {
                continue;
            };
            let ranking = board.rank(learner);
            let why = if ranking.candidates.is_empty() {
                let (rule, ruled_out) = commonest_rule(&ranking).unwrap_or(("none", 0));
                Unmatched::NoMentorPasses {
                    rule,
                    ruled_out,
                    mentors: ranking.rejected.len(),
                }
            } else {
                Unmatched::SeatsTaken {
                    fitting: ranking.candidates.len(),
                }
            };
            out.push((id, why));
        }
        Ok(out)
    }
}
