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
//!
//! Proposals that are sure to be refused are never made. Once a mentor's seats are all
//! held, it has a threshold: the learner it likes least among those it holds. A held
//! learner is only ever replaced by one the mentor likes more, so the threshold only rises
//! and a learner below it now would be refused at any later time too. Scans skip such
//! pairs, so each prepared batch holds proposals with a chance, and popular mentors are
//! not flooded with proposals they drop at once. The result is the same matching: skipping
//! a proposal that would be refused changes nothing but the work done.

use crate::matching::cohort::MAX_PAIR_SCORE;

use super::{Assignment, Edge, Indexed};

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

/// How much a mentor likes `learner` (rank) on a pair with `mentor_score`: larger is
/// better (mentor score first, then the lower learner rank, i.e. the lower id).
fn standing(mentor_score: u32, learner: u32) -> u64 {
    (u64::from(mentor_score) << 32) | u64::from(u32::MAX - learner)
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

    /// The learner's next key worth proposing (the mentor's threshold in `seats` not above
    /// it), or `None` when no mentor it may propose to is left.
    fn pop(&mut self, l: usize, edges: &[Edge], seats: &Seats) -> Option<u64> {
        let learner = l as u32;
        let key = loop {
            let key = if self.heap_at[l] != NO_HEAP {
                self.pop_heap(l)
            } else if self.next[l] < self.ready[l] {
                self.next[l] += 1;
                Some(self.batch[l][self.next[l] as usize - 1])
            } else if self.scans[l] < SCANS {
                self.scan(l, edges, seats);
                (self.ready[l] > 0).then(|| {
                    self.next[l] = 1;
                    self.batch[l][0]
                })
            } else {
                self.heapify(l, edges, seats);
                self.pop_heap(l)
            }?;
            // Thresholds rise while a prepared key waits: check it again.
            let (mentor, _, mentor_score) = decode(key, edges);
            if seats.welcomes(mentor, standing(mentor_score, learner)) {
                break key;
            }
        };
        self.last[l] = Some(key);
        Some(key)
    }

    /// Keeps the `BATCH` smallest keys above the last proposal whose mentors would not
    /// refuse the learner now.
    fn scan(&mut self, l: usize, edges: &[Edge], seats: &Seats) {
        self.scans[l] += 1;
        let after = self.last[l].map_or(0, |a| a + 1);
        let learner = l as u32;
        let batch = &mut self.batch[l];
        let mut count = 0usize;
        for (position, edge) in edges.iter().enumerate() {
            let k = key(position, edge);
            if k < after || (count == BATCH && k >= batch[BATCH - 1]) {
                continue;
            }
            if !seats.welcomes(edge.mentor, standing(edge.mentor_score, learner)) {
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

    /// Puts every key above the last proposal, whose mentor would not refuse the learner
    /// now, on a heap of its own.
    fn heapify(&mut self, l: usize, edges: &[Edge], seats: &Seats) {
        let after = self.last[l].map_or(0, |a| a + 1);
        let learner = l as u32;
        let at = self.heaps.len();
        self.heaps.extend(
            edges
                .iter()
                .enumerate()
                .filter(|(_, edge)| {
                    seats.welcomes(edge.mentor, standing(edge.mentor_score, learner))
                })
                .map(|(position, edge)| key(position, edge))
                .filter(|k| *k >= after),
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

/// The learners each mentor holds, as one min-heap of standings per mentor (the top is the
/// one it likes least) in one array, and each mentor's threshold.
struct Seats {
    /// Mentor `m` holds `held[first[m]..first[m] + len[m]]`.
    first: Vec<usize>,
    len: Vec<u32>,
    capacity: Vec<u32>,
    held: Vec<u64>,
    /// The least-liked standing held when every seat is, `u64::MAX` with no seats, else 0:
    /// a proposal below it is refused.
    threshold: Vec<u64>,
}

impl Seats {
    fn new(capacity: &[u32]) -> Seats {
        let mut first = Vec::with_capacity(capacity.len() + 1);
        first.push(0usize);
        for c in capacity {
            first.push(first[first.len() - 1] + *c as usize);
        }
        let total = first[capacity.len()];
        Seats {
            first,
            len: vec![0; capacity.len()],
            capacity: capacity.to_vec(),
            held: vec![0; total],
            threshold: capacity
                .iter()
                .map(|c| if *c == 0 { u64::MAX } else { 0 })
                .collect(),
        }
    }

    /// Whether `mentor` would hold a learner of `standing` now (standings are distinct:
    /// they end in the learner's rank).
    fn welcomes(&self, mentor: u32, standing: u64) -> bool {
        standing > self.threshold[mentor as usize]
    }

    /// `mentor` holds the learner of `standing` (which it welcomes); returns the learner
    /// it lets go to make room, if any.
    fn hold(&mut self, mentor: u32, standing: u64) -> Option<u32> {
        let m = mentor as usize;
        let (at, len, capacity) = (
            self.first[m],
            self.len[m] as usize,
            self.capacity[m] as usize,
        );
        let dropped = if len < capacity {
            let heap = &mut self.held[at..=at + len];
            heap[len] = standing;
            sift_up(heap, len);
            self.len[m] += 1;
            None
        } else {
            let heap = &mut self.held[at..at + len];
            let least = heap[0];
            heap[0] = standing;
            sift_down(heap, 0);
            Some(u32::MAX - least as u32)
        };
        if self.len[m] == self.capacity[m] {
            self.threshold[m] = self.held[at];
        }
        dropped
    }

    /// The learner ranks `mentor` holds.
    fn learners(&self, mentor: usize) -> impl Iterator<Item = u32> + '_ {
        let at = self.first[mentor];
        self.held[at..at + self.len[mentor] as usize]
            .iter()
            .map(|standing| u32::MAX - *standing as u32)
    }
}

pub(super) fn solve(indexed: &Indexed) -> Assignment {
    let learners = indexed.learners();
    let mut proposals = Proposals::new(learners);
    let mut seats = Seats::new(&indexed.capacity);
    let mut free: Vec<u32> = (0..learners as u32).rev().collect();

    while let Some(learner) = free.pop() {
        let l = learner as usize;
        let edges = indexed.edges(l);
        if let Some(best) = proposals.pop(l, edges, &seats) {
            let (mentor, _, mentor_score) = decode(best, edges);
            if let Some(dropped) = seats.hold(mentor, standing(mentor_score, learner)) {
                free.push(dropped);
            }
        }
    }

    let mut assignment: Assignment = vec![None; learners];
    for mentor in 0..indexed.mentors() {
        for learner in seats.learners(mentor) {
            // A held learner stopped proposing: its last proposal is the mentor holding it.
            let l = learner as usize;
            if let Some(last) = proposals.last[l] {
                let (mentor, score, _) = decode(last, indexed.edges(l));
                assignment[l] = Some((mentor, score));
            }
        }
    }
    assignment
}

/// Restores the min-heap order of `heap` above `at`.
fn sift_up(heap: &mut [u64], mut at: usize) {
    while at > 0 {
        let parent = (at - 1) / 2;
        if heap[parent] <= heap[at] {
            return;
        }
        heap.swap(parent, at);
        at = parent;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::cohort::{CohortProblem, PairScore};
    use crate::matching::synthetic::Rng;

    /// Textbook learner-proposing deferred acceptance: full preference lists sorted up
    /// front, every proposal made (none skipped), mentors re-sorting what they hold.
    fn reference(indexed: &Indexed) -> Assignment {
        let learners = indexed.learners();
        let lists: Vec<Vec<Edge>> = (0..learners)
            .map(|l| {
                let mut list = indexed.edges(l).to_vec();
                list.sort_by_key(|e| (std::cmp::Reverse(e.score), e.mentor));
                list
            })
            .collect();
        let mut next = vec![0usize; learners];
        let mut held: Vec<Vec<(u32, u32)>> = vec![Vec::new(); indexed.mentors()];
        let mut free: Vec<u32> = (0..learners as u32).collect();
        while let Some(learner) = free.pop() {
            let l = learner as usize;
            let Some(edge) = lists[l].get(next[l]).copied() else {
                continue;
            };
            next[l] += 1;
            let seats = &mut held[edge.mentor as usize];
            seats.push((edge.mentor_score, learner));
            // Best first: higher mentor score, then the lower learner rank.
            seats.sort_by_key(|(score, l)| (std::cmp::Reverse(*score), *l));
            if seats.len() > indexed.capacity[edge.mentor as usize] as usize
                && let Some((_, dropped)) = seats.pop()
            {
                free.push(dropped);
            }
        }
        let mut assignment: Assignment = vec![None; learners];
        for (mentor, seats) in held.iter().enumerate() {
            for (_, learner) in seats {
                let l = *learner as usize;
                let edge = lists[l][next[l] - 1];
                assert_eq!(edge.mentor as usize, mentor);
                assignment[l] = Some((edge.mentor, edge.score));
            }
        }
        assignment
    }

    #[test]
    fn skipping_sure_refusals_gives_the_textbook_matching() {
        let mut rng = Rng::new(31);
        let rounds = if cfg!(debug_assertions) { 300 } else { 3000 };
        for round in 0..rounds {
            let (learners, mentors) = (1 + rng.below(50) as u32, 1 + rng.below(12) as u32);
            let density = 1 + rng.below(1000);
            // Few distinct scores: many ties on both sides.
            let top = [2, 5, 1000][rng.below(3) as usize];
            let mut pairs = Vec::new();
            for learner in 0..learners {
                for mentor in 0..mentors {
                    if rng.below(1000) < density {
                        pairs.push(PairScore {
                            learner,
                            mentor,
                            score: rng.below(top + 1) as i64,
                            mentor_score: rng.below(top + 1) as i64,
                        });
                    }
                }
            }
            let problem = CohortProblem {
                learners: (0..learners).map(|l| format!("l{l:03}")).collect(),
                mentors: (0..mentors)
                    .map(|m| (format!("m{m:03}"), rng.below(4) as u32))
                    .collect(),
                pairs,
            };
            let indexed = Indexed::new(&problem).expect("valid problem");
            assert_eq!(solve(&indexed), reference(&indexed), "round {round}");
        }
    }
}
