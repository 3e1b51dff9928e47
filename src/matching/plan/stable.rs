//! The stable plan: learner-proposing deferred acceptance with mentor capacities.
//!
//! Learners rank mentors by (score desc, mentor id asc); mentors rank learners by
//! (mentor score desc, learner id asc); pairs not in the problem are unacceptable to both.
//! With strict preferences the result is the unique learner-optimal stable matching, so the
//! order in which free learners propose does not change it.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Assignment, Indexed};

/// A mentor's tentative learner; the heap's top is the one the mentor likes least.
type Held = Reverse<(u32, Reverse<u32>)>;

pub(super) fn solve(indexed: &Indexed) -> Assignment {
    let learners = indexed.learners();
    // Each learner's preference list, best first.
    let preferences: Vec<Vec<(u32, u32, u32)>> = (0..learners)
        .map(|l| {
            let mut list: Vec<(u32, u32, u32)> = indexed
                .edges(l)
                .iter()
                .map(|e| (e.mentor, e.score, e.mentor_score))
                .collect();
            list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list
        })
        .collect();
    let mut next_choice = vec![0usize; learners];
    let mut held: Vec<BinaryHeap<Held>> = vec![BinaryHeap::new(); indexed.mentors()];
    let mut free: Vec<u32> = (0..learners as u32).rev().collect();

    while let Some(learner) = free.pop() {
        let list = &preferences[learner as usize];
        while let Some(&(mentor, _, mentor_score)) = list.get(next_choice[learner as usize]) {
            next_choice[learner as usize] += 1;
            let heap = &mut held[mentor as usize];
            heap.push(Reverse((mentor_score, Reverse(learner))));
            if heap.len() <= indexed.capacity[mentor as usize] as usize {
                break;
            }
            let Some(Reverse((_, Reverse(dropped)))) = heap.pop() else {
                break;
            };
            if dropped != learner {
                free.push(dropped);
                break;
            }
        }
    }

    let mut assignment: Assignment = vec![None; learners];
    for heap in &held {
        for Reverse((_, Reverse(learner))) in heap.iter() {
            // A held learner stopped proposing: its last proposal is the mentor holding it.
            let last = next_choice[*learner as usize].saturating_sub(1);
            if let Some(&(mentor, score, _)) = preferences[*learner as usize].get(last) {
                assignment[*learner as usize] = Some((mentor, score));
            }
        }
    }
    assignment
}
