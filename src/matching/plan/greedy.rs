//! The greedy plan: take pairs from the highest score down while the learner is free and the
//! mentor has a seat. Ties go to the lower learner id, then the lower mentor id.
//!
//! The pairs are put in that order by one stable counting sort on the score: the indexed
//! problem already lists them by (learner rank, mentor rank), and a stable sort by score
//! keeps that order within each score. Scores are integers of at most 1,000,000, so this
//! is two linear passes over the pairs plus one over the score range, instead of a
//! comparison sort.

use super::{Assignment, Indexed};

pub(super) fn solve(indexed: &Indexed) -> Assignment {
    let mut assignment: Assignment = vec![None; indexed.learners()];
    let top = indexed
        .all_edges()
        .map(|(_, e)| e.score as usize)
        .max()
        .unwrap_or(0);
    // `start[top - s]` is where the pairs of score `s` begin in `order`.
    let mut start = vec![0usize; top + 2];
    for (_, edge) in indexed.all_edges() {
        start[top - edge.score as usize + 1] += 1;
    }
    for s in 0..=top {
        start[s + 1] += start[s];
    }
    let mut order = vec![(0u32, 0u32); start[top + 1]];
    for (learner, edge) in indexed.all_edges() {
        let slot = &mut start[top - edge.score as usize];
        order[*slot] = (learner, edge.mentor);
        *slot += 1;
    }
    // After the scatter, `start[k]` is where bucket `k` ends, i.e. bucket k + 1 begins.
    let mut load = vec![0u32; indexed.mentors()];
    // Once every learner is placed or every seat taken, the rest cannot change anything.
    let mut open_learners = indexed.learners();
    let mut open_seats: u64 = indexed.capacity.iter().map(|c| u64::from(*c)).sum();
    let mut bucket_end = 0usize;
    for (bucket, end) in start.iter().take(top + 1).enumerate() {
        let score = (top - bucket) as u32;
        for &(learner, mentor) in &order[bucket_end..*end] {
            let seat = &mut load[mentor as usize];
            let slot = &mut assignment[learner as usize];
            if slot.is_none() && *seat < indexed.capacity[mentor as usize] {
                *slot = Some((mentor, score));
                *seat += 1;
                open_learners -= 1;
                open_seats -= 1;
                if open_learners == 0 || open_seats == 0 {
                    return assignment;
                }
            }
        }
        bucket_end = *end;
    }
    assignment
}
