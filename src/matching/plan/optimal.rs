//! The optimal plan: the most learners matched, then the highest total score — exactly.
//!
//! Two exact solvers share the work:
//!
//! * [`auction`](super::auction): an ε-scaling forward–reverse auction, proved exact by an
//!   integrality argument (worths are multiples of `n + 1`, the last phase runs with ε = 1).
//!   It is the one used whenever its integers fit (always for scores up to 1,000,000 and
//!   up to about a million learners).
//! * [`ssp`](super::ssp): successive shortest paths with potentials (a min-cost flow proved
//!   exact by the reduced-cost invariant). Slower on large cohorts; the fallback when the
//!   auction's integers would grow too large, and the reference the tests hold the auction
//!   to.
//!
//! Both are deterministic (fixed processing orders over learner and mentor ranks), so a plan
//! depends only on the problem, not on the order its pairs were listed in.

use super::{Assignment, Indexed, auction, ssp};

pub(super) fn solve(indexed: &Indexed) -> Assignment {
    auction::solve(indexed).unwrap_or_else(|| ssp::solve(indexed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::cohort::{CohortProblem, PairScore};
    use crate::matching::synthetic::Rng;

    /// `(matched, total)` of an assignment.
    fn objective(assignment: &Assignment) -> (usize, i64) {
        assignment
            .iter()
            .flatten()
            .fold((0, 0), |(count, total), (_, score)| {
                (count + 1, total + i64::from(*score))
            })
    }

    fn check_feasible(indexed: &Indexed, assignment: &Assignment) {
        let mut load = vec![0u32; indexed.mentors()];
        for (learner, choice) in assignment.iter().enumerate() {
            if let Some((mentor, score)) = choice {
                let edge = indexed
                    .edges(learner)
                    .iter()
                    .find(|e| e.mentor == *mentor)
                    .expect("assigned pair exists");
                assert_eq!(edge.score, *score);
                load[*mentor as usize] += 1;
            }
        }
        for (mentor, seats) in load.iter().zip(&indexed.capacity) {
            assert!(mentor <= seats);
        }
    }

    /// Random problems with few distinct scores (many ties), scarce or plentiful seats and
    /// some learners without pairs.
    fn random_problem(rng: &mut Rng, learners: usize, mentors: usize) -> CohortProblem {
        let density = 1 + rng.below(1000);
        let max_score = [1, 3, 50, 1_000_000][rng.below(4) as usize];
        let max_capacity = 1 + rng.below(6);
        let mut pairs = Vec::new();
        for learner in 0..learners as u32 {
            for mentor in 0..mentors as u32 {
                if rng.below(1000) < density {
                    pairs.push(PairScore {
                        learner,
                        mentor,
                        score: rng.below(max_score + 1) as i64,
                        mentor_score: 0,
                    });
                }
            }
        }
        CohortProblem {
            learners: (0..learners).map(|l| format!("l{l:04}")).collect(),
            mentors: (0..mentors)
                .map(|m| (format!("m{m:04}"), rng.below(max_capacity + 1) as u32))
                .collect(),
            pairs,
        }
    }

    #[test]
    fn auction_agrees_with_successive_shortest_paths() {
        let mut rng = Rng::new(5);
        let rounds = if cfg!(debug_assertions) { 150 } else { 1500 };
        for round in 0..rounds {
            let learners = 1 + rng.below(60) as usize;
            let mentors = 1 + rng.below(25) as usize;
            let problem = random_problem(&mut rng, learners, mentors);
            let indexed = Indexed::new(&problem).expect("valid problem");
            let reference = objective(&ssp::solve(&indexed));
            let fast = auction::solve(&indexed).expect("small integers");
            check_feasible(&indexed, &fast);
            assert_eq!(
                objective(&fast),
                reference,
                "round {round}: {learners} x {mentors}"
            );
            let unguided = auction::solve_without_guess(&indexed).expect("small integers");
            check_feasible(&indexed, &unguided);
            assert_eq!(objective(&unguided), reference, "round {round}, no guess");
            for first_choices in [1, 2] {
                let pruned = auction::solve_pruned(&indexed, first_choices).expect("small");
                check_feasible(&indexed, &pruned);
                assert_eq!(
                    objective(&pruned),
                    reference,
                    "round {round}, first {first_choices}"
                );
            }
        }
    }

    /// Whether some learner's pair in `assignment` is outside its best `first_choices`
    /// (by score, then mentor rank): a plan the pruned start could not have found alone.
    fn uses_a_left_out_pair(
        indexed: &Indexed,
        assignment: &Assignment,
        first_choices: usize,
    ) -> bool {
        assignment.iter().enumerate().any(|(learner, choice)| {
            choice.is_some_and(|(mentor, score)| {
                let better = indexed
                    .edges(learner)
                    .iter()
                    .filter(|e| indexed.capacity[e.mentor as usize] > 0)
                    .filter(|e| {
                        (e.score, std::cmp::Reverse(e.mentor)) > (score, std::cmp::Reverse(mentor))
                    })
                    .count();
                better >= first_choices
            })
        })
    }

    #[test]
    fn pruning_finds_the_pair_outside_every_first_choice() {
        // a and b both put x first (one seat); b's second choice y is left out of the
        // pruned start (one choice each) and is needed to match both.
        let pair = |learner, mentor, score| PairScore {
            learner,
            mentor,
            score,
            mentor_score: 0,
        };
        let problem = CohortProblem {
            learners: vec!["a".into(), "b".into()],
            mentors: vec![("x".into(), 1), ("y".into(), 1)],
            pairs: vec![pair(0, 0, 90), pair(1, 0, 80), pair(1, 1, 10)],
        };
        let indexed = Indexed::new(&problem).expect("valid problem");
        let pruned = auction::solve_pruned(&indexed, 1).expect("small integers");
        assert_eq!(pruned, vec![Some((0, 90)), Some((1, 10))]);
        assert!(uses_a_left_out_pair(&indexed, &pruned, 1));
    }

    #[test]
    fn pruning_stays_exact_where_the_optimum_leaves_first_choices() {
        let mut rng = Rng::new(17);
        let mut needed_left_out = 0;
        let rounds = if cfg!(debug_assertions) { 200 } else { 2000 };
        for round in 0..rounds {
            let learners = 2 + rng.below(40) as usize;
            let mentors = 2 + rng.below(12) as usize;
            let problem = random_problem(&mut rng, learners, mentors);
            let indexed = Indexed::new(&problem).expect("valid problem");
            let reference = ssp::solve(&indexed);
            for first_choices in [1, 2, 3] {
                let pruned = auction::solve_pruned(&indexed, first_choices).expect("small");
                check_feasible(&indexed, &pruned);
                assert_eq!(objective(&pruned), objective(&reference), "round {round}");
                if uses_a_left_out_pair(&indexed, &pruned, first_choices) {
                    needed_left_out += 1;
                }
            }
        }
        // The check must have had real work: many optima leave some first choices.
        assert!(
            needed_left_out > rounds / 10,
            "{needed_left_out} of {rounds}"
        );
    }

    /// The warm start only adds kept pairs, so any seed — a random choice of one pair per
    /// learner, with mentors over their seats — still ends at the optimum.
    #[test]
    fn any_warm_start_seed_reaches_the_optimum() {
        let mut rng = Rng::new(23);
        let rounds = if cfg!(debug_assertions) { 150 } else { 1500 };
        for round in 0..rounds {
            let learners = 2 + rng.below(40) as usize;
            let mentors = 2 + rng.below(12) as usize;
            let problem = random_problem(&mut rng, learners, mentors);
            let indexed = Indexed::new(&problem).expect("valid problem");
            let seed: Assignment = (0..indexed.learners())
                .map(|l| {
                    let edges = indexed.edges(l);
                    (!edges.is_empty() && rng.below(4) > 0).then(|| {
                        let edge = edges[rng.below(edges.len() as u64) as usize];
                        (edge.mentor, edge.score)
                    })
                })
                .collect();
            let reference = objective(&ssp::solve(&indexed));
            for first_choices in [1, 2] {
                let seeded = auction::solve_seeded(&indexed, first_choices, &seed).expect("small");
                check_feasible(&indexed, &seeded);
                assert_eq!(objective(&seeded), reference, "round {round}");
            }
        }
    }

    /// The auction against successive shortest paths on synthetic cohorts.
    fn agrees_on_synthetic(cohorts: &[(usize, usize, u64, u64)]) {
        for &(learners, mentors, permille, seed) in cohorts {
            let problem = crate::matching::synthetic::problem(learners, mentors, permille, seed);
            let indexed = Indexed::new(&problem).expect("valid problem");
            let fast = auction::solve(&indexed).expect("small integers");
            check_feasible(&indexed, &fast);
            assert_eq!(
                objective(&fast),
                objective(&ssp::solve(&indexed)),
                "{learners} x {mentors}, {permille}‰, seed {seed}"
            );
        }
    }

    /// Cohorts large enough that the pruned auction settles several phases, some with more
    /// learners than seats.
    #[test]
    fn auction_agrees_on_larger_synthetic_cohorts() {
        agrees_on_synthetic(&[
            (1000, 200, 500, 1),
            (1000, 200, 500, 2),
            (2000, 300, 100, 3),
            (1500, 100, 900, 4),
            (3000, 300, 30, 5),
            (800, 400, 50, 6),
        ]);
    }

    #[test]
    #[ignore = "slow in debug; run in release: cargo test --release --lib benchmark_sized -- --ignored"]
    fn auction_agrees_on_a_benchmark_sized_cohort() {
        agrees_on_synthetic(&[(5000, 1000, 100, 7), (5000, 1000, 500, 7)]);
    }

    #[test]
    fn auction_agrees_on_synthetic_contention() {
        agrees_on_synthetic(&[(300, 40, 300, 1), (400, 30, 100, 2)]);
    }
}
