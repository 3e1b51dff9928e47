//! The stable plan: learner-proposing deferred acceptance with mentor capacities.
//!
//! Learners rank mentors by (score desc, mentor id asc); mentors rank learners by
//! (mentor score desc, learner id asc); pairs not in the problem are unacceptable to both.
//! With strict preferences the result is the unique learner-optimal stable matching, so the
//! order in which free learners propose does not change it.
//!
//! Speed: most learners propose only a few times, so preference lists are never sorted
//! and mostly never even copied. Each pair has one `u64` key `(1,000,000 − score, position
//! in the learner's list)` (the list is by mentor rank, so key order is exactly the
//! preference order). A learner's next proposals come from one scan of its list that keeps
//! the few smallest keys above its last proposal; a learner that comes back for more
//! a third time gets its remaining keys as a binary min-heap instead, so a learner with `d`
//! pairs that proposes `k` times costs `O(d)` for small `k` and `O(d + k log d)` at worst.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::matching::cohort::MAX_PAIR_SCORE;

use super::{Assignment, Edge, Indexed};

/// A mentor's tentative learner; the heap's top is the one the mentor likes least.
type Held = Reverse<(u32, Reverse<u32>)>;

/// Bits of a list position in a key (the score takes the bits above).
const POSITION_BITS: u32 = 44;
const POSITION_MASK: u64 = (1 << POSITION_BITS) - 1;
/// Proposals prepared per scan of a learner's list.
const BATCH: usize = 4;
/// Scans a learner gets before its remaining list becomes a heap.
const SCANS: u8 = 2;
/// No heap yet.
const NO_HEAP: usize = usize::MAX;

fn key(position: usize, edge: &Edge) -> u64 {
    ((MAX_PAIR_SCORE as u64 - u64::from(edge.score)) << POSITION_BITS) | position as u64
}

/// `(mentor, score, mentor score)` of a key of `edges`.
fn decode(key: u64, edges: &[Edge]) -> (u32, u32, u32) {
    edges
        .get((key & POSITION_MASK) as usize)
        .map_or((u32::MAX, 0, 0), |e| (e.mentor, e.score, e.mentor_score))
}

/// Each learner's next proposals, in preference order.
struct Proposals {
    /// Last key proposed.
    last: Vec<Option<u64>>,
    /// Prepared keys `batch[l][next[l]..ready[l]]`, smallest first.
    batch: Vec<[u64; BATCH]>,
    next: Vec<u8>,
    ready: Vec<u8>,
    scans: Vec<u8>,
    /// Learners on a heap: `heaps[heap_at[l]..heap_at[l] + heap_len[l]]`.
    heap_at: Vec<usize>,
    heap_len: Vec<usize>,
    heaps: Vec<u64>,
}

impl Proposals {
    fn new(learners: usize) -> Proposals {
        Proposals {
            last: vec![None; learners],
            batch: vec![[0; BATCH]; learners],
            next: vec![0; learners],
            ready: vec![0; learners],
            scans: vec![0; learners],
            heap_at: vec![NO_HEAP; learners],
            heap_len: vec![0; learners],
            heaps: Vec::new(),
        }
    }

    /// The learner's next key, or `None` when it has proposed to every mentor it may.
    fn pop(&mut self, l: usize, edges: &[Edge]) -> Option<u64> {
        let key = if self.heap_at[l] != NO_HEAP {
            self.pop_heap(l)
        } else if self.next[l] < self.ready[l] {
            self.next[l] += 1;
            Some(self.batch[l][self.next[l] as usize - 1])
        } else if self.scans[l] < SCANS {
            self.scan(l, edges);
            (self.ready[l] > 0).then(|| {
                self.next[l] = 1;
                self.batch[l][0]
            })
        } else {
            self.heapify(l, edges);
            self.pop_heap(l)
        }?;
        self.last[l] = Some(key);
        Some(key)
    }

    /// Keeps the `BATCH` smallest keys above the last proposal.
    fn scan(&mut self, l: usize, edges: &[Edge]) {
        self.scans[l] += 1;
        let after = self.last[l];
        let batch = &mut self.batch[l];
        let mut count = 0usize;
        for (position, edge) in edges.iter().enumerate() {
            let k = key(position, edge);
            if after.is_some_and(|a| k <= a) || (count == BATCH && k >= batch[BATCH - 1]) {
                continue;
            }
            // Insertion into the sorted prefix, dropping the largest when full.
            let mut at = count.min(BATCH - 1);
            while at > 0 && batch[at - 1] > k {
                batch[at] = batch[at - 1];
                at -= 1;
            }
            batch[at] = k;
            count = (count + 1).min(BATCH);
        }
        self.next[l] = 0;
        self.ready[l] = count as u8;
    }

    /// Puts every key above the last proposal on a heap of its own.
    fn heapify(&mut self, l: usize, edges: &[Edge]) {
        let after = self.last[l];
        let at = self.heaps.len();
        self.heaps.extend(
            edges
                .iter()
                .enumerate()
                .map(|(position, edge)| key(position, edge))
                .filter(|k| after.is_none_or(|a| *k > a)),
        );
        self.heap_at[l] = at;
        self.heap_len[l] = self.heaps.len() - at;
        let heap = &mut self.heaps[at..];
        for i in (0..heap.len() / 2).rev() {
            sift_down(heap, i);
        }
    }

    fn pop_heap(&mut self, l: usize) -> Option<u64> {
        let (at, len) = (self.heap_at[l], self.heap_len[l]);
        if len == 0 {
            return None;
        }
        let heap = &mut self.heaps[at..at + len];
        let best = heap[0];
        heap[0] = heap[len - 1];
        sift_down(&mut heap[..len - 1], 0);
        self.heap_len[l] = len - 1;
        Some(best)
    }
}

pub(super) fn solve(indexed: &Indexed) -> Assignment {
    let learners = indexed.learners();
    let mut proposals = Proposals::new(learners);
    let mut held: Vec<BinaryHeap<Held>> = indexed
        .capacity
        .iter()
        .map(|c| BinaryHeap::with_capacity(*c as usize + 1))
        .collect();
    let mut free: Vec<u32> = (0..learners as u32).rev().collect();

    while let Some(learner) = free.pop() {
        let l = learner as usize;
        let edges = indexed.edges(l);
        while let Some(best) = proposals.pop(l, edges) {
            let (mentor, _, mentor_score) = decode(best, edges);
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
            if let Some(last) = proposals.last[l] {
                let (mentor, score, _) = decode(last, indexed.edges(l));
                assignment[l] = Some((mentor, score));
            }
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
