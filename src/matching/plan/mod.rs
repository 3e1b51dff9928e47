//! Whole-cohort plans: which waiting learner to propose to which mentor.
//!
//! Owns: [`Strategy`], [`Plan`], [`PlanSummary`], [`plan`], and the indexed form of a
//! [`CohortProblem`] the strategies share. Every strategy works on learners and mentors
//! renumbered in id order (byte order), so "lowest index" means "lowest id" and ties are
//! broken by ids everywhere; results are mapped back to the problem's own indices.
//!
//! May use: the cohort problem only (no people, no scores beyond the integers given).

mod auction;
mod greedy;
mod optimal;
mod ssp;
mod stable;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::cohort::CohortProblem;
use super::error::MatchError;

/// How a cohort plan is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    /// Most learners matched, then highest total score: exact (min-cost flow).
    Optimal,
    /// Learner-proposing deferred acceptance: no learner and mentor would both rather
    /// have each other than what the plan gives them.
    Stable,
    /// Highest score first: the baseline.
    Greedy,
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [Strategy::Optimal, Strategy::Stable, Strategy::Greedy];

    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Optimal => "optimal",
            Strategy::Stable => "stable",
            Strategy::Greedy => "greedy",
        }
    }
}

impl FromStr for Strategy {
    type Err = MatchError;
    fn from_str(raw: &str) -> Result<Strategy, MatchError> {
        let lowered = raw.trim().to_ascii_lowercase();
        Strategy::ALL
            .into_iter()
            .find(|s| s.as_str() == lowered)
            .ok_or_else(|| MatchError::UnknownStrategy {
                value: raw.trim().to_string(),
            })
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of proposals, in the problem's own indices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// `(learner index, mentor index, score)`, by learner index.
    pub pairs: Vec<(u32, u32, i64)>,
    /// Learners left without a proposal, by index.
    pub unmatched: Vec<u32>,
}

/// The figures a coordinator compares plans by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSummary {
    pub matched: usize,
    /// Learners in the problem.
    pub learners: usize,
    pub total_score: i64,
    /// `None` when nobody is matched.
    pub mean_score: Option<f64>,
    pub lowest_score: Option<i64>,
    /// Mentors given at least one learner.
    pub mentors_used: usize,
    /// Fewest and most learners given to one mentor, over mentors with a free seat.
    pub min_load: u32,
    pub max_load: u32,
}

impl Plan {
    /// `(matched, total score)`: what `optimal` maximizes, in that order.
    pub fn objective(&self) -> (usize, i64) {
        (
            self.pairs.len(),
            self.pairs.iter().map(|(_, _, score)| score).sum(),
        )
    }

    pub fn summary(&self, problem: &CohortProblem) -> PlanSummary {
        let (matched, total_score) = self.objective();
        let mut loads = vec![0u32; problem.mentors.len()];
        for (_, mentor, _) in &self.pairs {
            if let Some(load) = loads.get_mut(*mentor as usize) {
                *load += 1;
            }
        }
        let open_loads = || {
            loads
                .iter()
                .zip(&problem.mentors)
                .filter(|(_, (_, capacity))| *capacity > 0)
                .map(|(load, _)| *load)
        };
        PlanSummary {
            matched,
            learners: problem.learners.len(),
            total_score,
            mean_score: (matched > 0).then(|| total_score as f64 / matched as f64),
            lowest_score: self.pairs.iter().map(|(_, _, score)| *score).min(),
            mentors_used: loads.iter().filter(|load| **load > 0).count(),
            min_load: open_loads().min().unwrap_or(0),
            max_load: open_loads().max().unwrap_or(0),
        }
    }
}

/// Builds a plan for `problem` with `strategy`. The problem is validated on the way (same
/// checks as [`CohortProblem::validate`]).
pub fn plan(problem: &CohortProblem, strategy: Strategy) -> Result<Plan, MatchError> {
    let indexed = Indexed::new(problem)?;
    let assignment = match strategy {
        Strategy::Optimal => optimal::solve(&indexed),
        Strategy::Stable => stable::solve(&indexed),
        Strategy::Greedy => greedy::solve(&indexed),
    };
    Ok(indexed.to_plan(&assignment))
}

/// The optimal plan with the auction started on each learner's best `first_choices` pairs
/// instead of the usual few: the same exact plan, reached through more rounds of checking
/// left-out pairs. For tests that drive the pruning hard (`first_choices` of 1 or 2).
#[doc(hidden)]
pub fn plan_optimal_pruned(
    problem: &CohortProblem,
    first_choices: usize,
) -> Result<Plan, MatchError> {
    let indexed = Indexed::new(problem)?;
    let assignment =
        auction::solve_pruned(&indexed, first_choices).unwrap_or_else(|| ssp::solve(&indexed));
    Ok(indexed.to_plan(&assignment))
}

/// One allowed pair, seen from its learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edge {
    /// Mentor rank (position in id order).
    pub mentor: u32,
    pub score: u32,
    pub mentor_score: u32,
}

/// A cohort problem renumbered in id order, with each learner's pairs stored contiguously
/// (sorted by mentor rank) so strategies scan memory linearly.
pub(crate) struct Indexed {
    /// Problem index of the learner of each rank.
    learner_of_rank: Vec<u32>,
    /// Problem index of the mentor of each rank.
    mentor_of_rank: Vec<u32>,
    /// Seats of each mentor rank.
    pub capacity: Vec<u32>,
    /// Learner rank `r` owns `edges[starts[r]..starts[r + 1]]`.
    starts: Vec<usize>,
    edges: Vec<Edge>,
}

/// Positions `0..ids.len()` sorted by id; an error names the first id seen twice.
fn ranks_by_id<'a>(
    ids: impl ExactSizeIterator<Item = &'a str>,
    duplicate: impl Fn(&str) -> MatchError,
) -> Result<Vec<u32>, MatchError> {
    let ids: Vec<&str> = ids.collect();
    let mut order: Vec<u32> = (0..ids.len() as u32).collect();
    order.sort_unstable_by_key(|i| ids[*i as usize].as_bytes());
    if let Some(twice) = order
        .windows(2)
        .find(|w| ids[w[0] as usize] == ids[w[1] as usize])
    {
        return Err(duplicate(ids[twice[0] as usize]));
    }
    Ok(order)
}

/// The problem index of mentor rank `rank` (only on the error path).
fn mentor_rank_inverse(mentor_rank: &[u32], rank: u32) -> u32 {
    mentor_rank
        .iter()
        .position(|r| *r == rank)
        .map_or(u32::MAX, |index| index as u32)
}

/// An empty vector with room for `count` items, or the error that says memory ran out
/// (sizes that come from the problem are reserved this way, so a cohort too large for the
/// machine is refused instead of aborting the process).
pub(crate) fn reserve<T>(count: usize, what: &'static str) -> Result<Vec<T>, MatchError> {
    let mut items = Vec::new();
    items
        .try_reserve_exact(count)
        .map_err(|_| MatchError::OutOfMemory {
            what,
            bytes: count.saturating_mul(std::mem::size_of::<T>()),
        })?;
    Ok(items)
}

fn invert(order: &[u32]) -> Vec<u32> {
    let mut rank = vec![0u32; order.len()];
    for (r, index) in order.iter().enumerate() {
        rank[*index as usize] = r as u32;
    }
    rank
}

impl Indexed {
    fn new(problem: &CohortProblem) -> Result<Indexed, MatchError> {
        let learner_of_rank = ranks_by_id(problem.learners.iter().map(String::as_str), |id| {
            MatchError::DuplicateLearner { id: id.to_string() }
        })?;
        let mentor_of_rank =
            ranks_by_id(problem.mentors.iter().map(|(id, _)| id.as_str()), |id| {
                MatchError::DuplicateMentor { id: id.to_string() }
            })?;
        let learner_rank = invert(&learner_of_rank);
        let mentor_rank = invert(&mentor_of_rank);
        let capacity: Vec<u32> = mentor_of_rank
            .iter()
            .map(|m| problem.mentors[*m as usize].1)
            .collect();

        let (starts, edges) = match Self::in_order(problem, &learner_rank, &mentor_rank)? {
            Some(ready) => ready,
            None => Self::sorted(problem, &learner_rank, &mentor_rank, &learner_of_rank)?,
        };
        Ok(Indexed {
            learner_of_rank,
            mentor_of_rank,
            capacity,
            starts,
            edges,
        })
    }

    /// One pass for the common case of pairs already listed by (learner rank, mentor rank)
    /// with no pair twice (what [`score_cohort`](crate::matching::score_cohort) produces):
    /// `None` as soon as a pair is out of that order.
    #[allow(clippy::type_complexity)]
    fn in_order(
        problem: &CohortProblem,
        learner_rank: &[u32],
        mentor_rank: &[u32],
    ) -> Result<Option<(Vec<usize>, Vec<Edge>)>, MatchError> {
        let mut starts = vec![0usize; learner_rank.len() + 1];
        let mut edges = reserve(problem.pairs.len(), "the pairs by learner")?;
        let mut previous: Option<(u32, u32)> = None;
        for (position, pair) in problem.pairs.iter().enumerate() {
            problem.check_pair(position, pair)?;
            let key = (
                learner_rank[pair.learner as usize],
                mentor_rank[pair.mentor as usize],
            );
            if previous.is_some_and(|p| p >= key) {
                return Ok(None);
            }
            previous = Some(key);
            starts[key.0 as usize + 1] += 1;
            // Scores were range-checked above, so they fit in u32.
            edges.push(Edge {
                mentor: key.1,
                score: pair.score as u32,
                mentor_score: pair.mentor_score as u32,
            });
        }
        for r in 0..learner_rank.len() {
            starts[r + 1] += starts[r];
        }
        Ok(Some((starts, edges)))
    }

    /// The general case: a counting sort of the pairs by learner rank, then each learner's
    /// pairs by mentor rank, rejecting a pair listed twice.
    #[allow(clippy::type_complexity)]
    fn sorted(
        problem: &CohortProblem,
        learner_rank: &[u32],
        mentor_rank: &[u32],
        learner_of_rank: &[u32],
    ) -> Result<(Vec<usize>, Vec<Edge>), MatchError> {
        let mut starts = vec![0usize; learner_rank.len() + 1];
        for (position, pair) in problem.pairs.iter().enumerate() {
            problem.check_pair(position, pair)?;
            starts[learner_rank[pair.learner as usize] as usize + 1] += 1;
        }
        for r in 0..learner_rank.len() {
            starts[r + 1] += starts[r];
        }
        let mut fill = starts.clone();
        let mut edges = reserve(problem.pairs.len(), "the pairs by learner")?;
        edges.resize(
            problem.pairs.len(),
            Edge {
                mentor: 0,
                score: 0,
                mentor_score: 0,
            },
        );
        for pair in &problem.pairs {
            let slot = &mut fill[learner_rank[pair.learner as usize] as usize];
            edges[*slot] = Edge {
                mentor: mentor_rank[pair.mentor as usize],
                score: pair.score as u32,
                mentor_score: pair.mentor_score as u32,
            };
            *slot += 1;
        }
        for r in 0..learner_rank.len() {
            let list = &mut edges[starts[r]..starts[r + 1]];
            if !list.is_sorted_by_key(|e| e.mentor) {
                list.sort_unstable_by_key(|e| e.mentor);
            }
            if let Some(twice) = list.windows(2).find(|w| w[0].mentor == w[1].mentor) {
                return Err(problem.duplicate_pair(
                    learner_of_rank[r],
                    mentor_rank_inverse(mentor_rank, twice[0].mentor),
                ));
            }
        }
        Ok((starts, edges))
    }

    pub fn learners(&self) -> usize {
        self.learner_of_rank.len()
    }

    pub fn mentors(&self) -> usize {
        self.mentor_of_rank.len()
    }

    /// The pairs of learner rank `learner`, by mentor rank.
    pub fn edges(&self, learner: usize) -> &[Edge] {
        &self.edges[self.starts[learner]..self.starts[learner + 1]]
    }

    pub fn all_edges(&self) -> impl Iterator<Item = (u32, &Edge)> {
        (0..self.learners()).flat_map(move |l| self.edges(l).iter().map(move |e| (l as u32, e)))
    }

    /// Turns a per-learner-rank choice of mentor rank (with its score) into a [`Plan`].
    fn to_plan(&self, assignment: &[Option<(u32, u32)>]) -> Plan {
        let mut plan = Plan::default();
        for (rank, choice) in assignment.iter().enumerate() {
            let learner = self.learner_of_rank[rank];
            match choice {
                Some((mentor, score)) => plan.pairs.push((
                    learner,
                    self.mentor_of_rank[*mentor as usize],
                    i64::from(*score),
                )),
                None => plan.unmatched.push(learner),
            }
        }
        plan.pairs.sort_unstable();
        plan.unmatched.sort_unstable();
        plan
    }
}

/// Per learner rank: the chosen mentor rank and the pair's score, or `None`.
pub(crate) type Assignment = Vec<Option<(u32, u32)>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::cohort::PairScore;

    fn pair(learner: u32, mentor: u32, score: i64) -> PairScore {
        PairScore {
            learner,
            mentor,
            score,
            mentor_score: score,
        }
    }

    #[test]
    fn strategies_parse() {
        assert_eq!("Optimal".parse::<Strategy>().unwrap(), Strategy::Optimal);
        let err = "best".parse::<Strategy>().unwrap_err().to_string();
        assert!(err.contains("optimal, stable, greedy"), "{err}");
    }

    #[test]
    fn plan_rejects_invalid_problems() {
        let problem = CohortProblem {
            learners: vec!["a".into()],
            mentors: vec![("x".into(), 1)],
            pairs: vec![pair(0, 0, 1), pair(0, 0, 2)],
        };
        assert!(matches!(
            plan(&problem, Strategy::Greedy),
            Err(MatchError::DuplicatePair { .. })
        ));
    }

    #[test]
    fn strategies_differ_where_they_should() {
        // Learners b and a (ids out of index order) compete for mentor x (1 seat); a also
        // fits y. Greedy gives x to a (higher score) and leaves b out; optimal matches both.
        let problem = CohortProblem {
            learners: vec!["b".into(), "a".into()],
            mentors: vec![("y".into(), 1), ("x".into(), 1)],
            pairs: vec![pair(0, 1, 50), pair(1, 1, 90), pair(1, 0, 10)],
        };
        let greedy = plan(&problem, Strategy::Greedy).unwrap();
        assert_eq!(greedy.pairs, [(1, 1, 90)]);
        assert_eq!(greedy.unmatched, [0]);
        let optimal = plan(&problem, Strategy::Optimal).unwrap();
        assert_eq!(optimal.pairs, [(0, 1, 50), (1, 0, 10)]);
        let summary = optimal.summary(&problem);
        assert_eq!((summary.matched, summary.total_score), (2, 60));
        assert_eq!(summary.lowest_score, Some(10));
        assert_eq!((summary.min_load, summary.max_load), (1, 1));
        let stable = plan(&problem, Strategy::Stable).unwrap();
        assert_eq!(stable.pairs, [(1, 1, 90)]);
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    /// CPU time of this thread (ns), robust to a busy machine.
    fn cpu() -> std::time::Duration {
        let raw = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
        let ns = raw
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        std::time::Duration::from_nanos(ns)
    }

    #[test]
    #[ignore = "timing probe; run in release"]
    fn indexing_cost_5000_by_1000() {
        let problem = crate::matching::synthetic::problem(5_000, 1_000, 500, 7);
        let best = |f: &dyn Fn()| {
            (0..7)
                .map(|_| {
                    let t = cpu();
                    f();
                    cpu() - t
                })
                .min()
                .unwrap_or_default()
        };
        let indexed = Indexed::new(&problem).unwrap();
        {
            let index = best(&|| drop(Indexed::new(&problem)));
            let greedy = best(&|| drop(greedy::solve(&indexed)));
            let stable = best(&|| drop(stable::solve(&indexed)));
            let optimal = std::env::var_os("PROBE_OPTIMAL")
                .map(|_| best(&|| drop(optimal::solve(&indexed))))
                .unwrap_or_default();
            println!(
                "cpu: index {index:?} greedy {greedy:?} stable {stable:?} optimal {optimal:?}"
            );
        }
    }
}
