//! The stable plan: learner-proposing deferred acceptance with mentor capacities.
//!
//! Learners rank mentors by (score desc, mentor id asc); mentors rank learners by
//! (mentor score desc, learner id asc); pairs not in the problem are unacceptable to both.
//! With strict preferences the result is the unique learner-optimal stable matching, so the
//! order in which free learners propose does not change it.
//!
//! Speed: most learners propose only a fraction of their list, so preference lists are
//! never sorted. Each pair is one `u64` key `(1,000,000 − score, position in the learner's
//! list)` (the list is by mentor rank, so key order is exactly the preference order); a
//! learner's keys become a binary min-heap in place when it first proposes, and each
//! proposal pops the best. A learner with `d` pairs that proposes `k` times costs
//! `O(d + k log d)` instead of `O(d log d)`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::matching::cohort::MAX_PAIR_SCORE;

use super::{Assignment, Edge, Indexed};

/// A mentor's tentative learner; the heap's top is the one the mentor likes least.
type Held = Reverse<(u32, Reverse<u32>)>;

/// Bits of a score (at most 1,000,000) in a packed key.
const SCORE_BITS: u32 = 20;
/// Bits of a mentor rank in a packed key (more mentors than this: keys hold positions).
const MENTOR_BITS: u32 = 24;
const SCORE_MASK: u64 = (1 << SCORE_BITS) - 1;
const LOW_MASK: u64 = (1 << (64 - SCORE_BITS)) - 1;

/// How a pair's preference key is laid out: `(1,000,000 − score)` on top, so keys sort in
/// preference order, then what identifies the pair. Packed keys carry the mentor rank and
/// the mentor's score themselves (no memory lookup per proposal); otherwise the low bits
/// are the pair's position in the learner's list.
#[derive(Clone, Copy)]
struct Keys {
    packed: bool,
}

impl Keys {
    fn encode(self, position: usize, edge: &Edge) -> u64 {
        let top = (MAX_PAIR_SCORE as u64 - u64::from(edge.score)) << (64 - SCORE_BITS);
        if self.packed {
            top | (u64::from(edge.mentor) << SCORE_BITS) | u64::from(edge.mentor_score)
        } else {
            top | position as u64
        }
    }

    /// `(mentor, score, mentor score)` of a key of `edges`.
    fn decode(self, key: u64, edges: &[Edge]) -> (u32, u32, u32) {
        let score = (MAX_PAIR_SCORE as u64 - (key >> (64 - SCORE_BITS))) as u32;
        let low = key & LOW_MASK;
        if self.packed {
            ((low >> SCORE_BITS) as u32, score, (low & SCORE_MASK) as u32)
        } else {
            edges
                .get(low as usize)
                .map_or((u32::MAX, score, 0), |e| (e.mentor, score, e.mentor_score))
        }
    }
}

pub(super) fn solve(indexed: &Indexed) -> Assignment {
    let learners = indexed.learners();
    let layout = Keys {
        packed: indexed.mentors() < 1 << MENTOR_BITS,
    };
    let mut first = Vec::with_capacity(learners + 1);
    let mut keys: Vec<u64> = Vec::with_capacity(indexed.all_edges().count());
    first.push(0usize);
    for learner in 0..learners {
        keys.extend(
            indexed
                .edges(learner)
                .iter()
                .enumerate()
                .map(|(at, e)| layout.encode(at, e)),
        );
        first.push(keys.len());
    }
    // Per learner: proposals made (its heap is `list[..len - made]`) and the last one.
    let mut made = vec![0usize; learners];
    let mut last = vec![0u64; learners];
    let mut held: Vec<BinaryHeap<Held>> = indexed
        .capacity
        .iter()
        .map(|c| BinaryHeap::with_capacity(*c as usize + 1))
        .collect();
    let mut free: Vec<u32> = (0..learners as u32).rev().collect();

    while let Some(learner) = free.pop() {
        let l = learner as usize;
        let list = &mut keys[first[l]..first[l + 1]];
        let edges = indexed.edges(l);
        while made[l] < list.len() {
            if made[l] == 0 {
                for at in (0..list.len() / 2).rev() {
                    sift_down(list, at);
                }
            }
            let end = list.len() - made[l];
            let best = list[0];
            list[0] = list[end - 1];
            sift_down(&mut list[..end - 1], 0);
            made[l] += 1;
            last[l] = best;
            let (mentor, _, mentor_score) = layout.decode(best, edges);
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
            let l = *learner as usize;
            let (mentor, score, _) = layout.decode(last[l], indexed.edges(l));
            assignment[l] = Some((mentor, score));
        }
    }
    assignment
}

/// Restores the min-heap order of `heap` below `at`.
fn sift_down(heap: &mut [u64], mut at: usize) {
    loop {
        let left = 2 * at + 1;
        if left >= heap.len() {
            return;
        }
        let right = left + 1;
        let child = if right < heap.len() && heap[right] < heap[left] {
            right
        } else {
            left
        };
        if heap[at] <= heap[child] {
            return;
        }
        heap.swap(at, child);
        at = child;
    }
}
