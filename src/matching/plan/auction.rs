//! The optimal plan by an ε-scaling forward–reverse auction: exact, and fast on large
//! cohorts.
//!
//! # Model
//!
//! Learner `i` either takes one seat of a mentor `j` it has a pair with, worth
//! `a(i,j) = α·(B + score(i,j))`, or stays unmatched, worth `0`. Mentor `j` has
//! `cap(j) = min(capacity, pairs of j)` identical seats. We maximize the total worth.
//!
//! * `B = 1 + Σᵢ (best score of i)`. A plan matching more learners is worth more whatever
//!   the scores: if plan A matches `k_A > k_B` learners, then
//!   `worth(A) − worth(B) ≥ α·(B − T_B) > 0`, since plan B's total score `T_B` is at most
//!   the sum of every learner's best score.
//!   Among plans matching the same number, worth is `α·(k·B + total)`, so the most valuable
//!   plan is exactly the lexicographic optimum (matched, then total score).
//! * `α = n + 1`, `n` the learners with at least one pair. Every worth is a multiple of
//!   `α`, which is what lets the last phase (ε = 1) prove exactness (below).
//!
//! # Prices and ε-complementary slackness (ε-CS)
//!
//! Every seat has a price; a mentor's price `p(j)` is the lowest price of its seats (what a
//! newcomer would pay). A learner's profit at `j` is `a(i,j) − p(j)`; unmatched is profit
//! `0` at a fixed price `0` (nobody else can take that option). An assigned learner holding a
//! seat of `j` bought at price `t` satisfies ε-CS when
//! `a(i,j) − t ≥ max(0, max over its other mentors k of a(i,k) − p(k)) − ε`;
//! an unmatched learner when `0 ≥ max over k of a(i,k) − p(k) − ε`.
//!
//! **Optimality.** Suppose every learner is assigned and satisfies ε-CS, and every mentor
//! with a free seat has price `0`. Take the dual `π(i) = max(0, maxₖ a(i,k) − p(k))`,
//! `p(j)` as above: it is feasible for the LP relaxation (`π ≥ 0`, `p ≥ 0`,
//! `π(i) + p(j) ≥ a(i,j)`), and its objective `Σπ + Σ cap·p` exceeds the plan's worth by
//! `Σᵢ (π(i) − (a(i,j(i)) − p(j(i)))) + Σⱼ (free seats of j)·p(j) ≤ n·ε`, because each
//! learner's term is at most ε (its own mentor contributes 0, the others at most ε) and the
//! free-seat term is 0. So the plan is within `n·ε` of the optimum. With ε = 1 that is
//! `n < α`, and since both the plan and the optimum are multiples of `α`, the plan is
//! optimal. No rounding anywhere: all numbers are `i64`, bounded below `2⁶¹` (checked up
//! front; beyond that the caller falls back to successive shortest paths).
//!
//! # Algorithm
//!
//! ε starts at about `max worth / 8` and is divided by 8 per phase down to 1 (ε-scaling:
//! each phase starts from the previous prices, which are nearly right, so bidding wars
//! stay short). A phase:
//!
//! 1. **Keep** every assignment that still satisfies ε-CS under the new ε; free the others
//!    (freeing a seat does not change its mentor's price: the freed seat is repriced to the
//!    mentor's lowest seat price, which any free seat may be).
//! 2. **Forward auction** (Gauss–Seidel, free learners in FIFO order from rank order): a
//!    free learner finds its best profit `v1` (mentor `k1`, lowest rank on ties) and the
//!    second best `v2` (other mentors, staying unmatched, or a second seat of `k1`). If
//!    staying unmatched is at least as good, it does; otherwise it buys `k1`'s cheapest seat
//!    at `p(k1) + v1 − v2 + ε`, evicting that seat's holder, who becomes free. The buyer's
//!    profit is `v2 − ε`, so it satisfies ε-CS; prices only rise during this step, so
//!    everybody else keeps satisfying it. Each bid raises a price by at least ε and prices
//!    are bounded, so the step ends with every learner assigned.
//! 3. **Reverse auction** for mentors that have a free seat but a positive price (seat
//!    prices survive from earlier phases): such a mentor looks at every learner `i` not
//!    already with it and its gain `g(i) = a(i,j) − profit(i)`. If the best gain is at most ε
//!    it drops the free seats' price to 0 (no learner then gains more than ε by moving, so
//!    ε-CS holds). Otherwise the best learner moves in at price `max(0, g₂ − ε)` (`g₂` the
//!    second gain, so no other learner gains more than ε), raising its own profit by at
//!    least ε; the seat it left makes its former mentor a candidate in turn. Profits only
//!    rise and are bounded, so this ends; afterwards every mentor with a free seat has
//!    price 0.
//!
//! After the phase with ε = 1 the conditions of the optimality argument hold, so the plan
//! is exact. Everything runs in a fixed order (learner and mentor ranks, FIFO queues, ties
//! to the lowest rank), so the result depends only on the problem, never on pair order.
//!
//! # Pruning
//!
//! The auction starts on each learner's best few pairs only (by score, lowest rank on
//! ties); seat counts, `α` and `B` are still those of the whole problem (each learner's best
//! pair is kept, so `B` and `n` do not change). The optimality argument above needs ε-CS
//! over *every* pair, so after each phase but the first (and always after the one at ε = 1)
//! the phase is **settled**: every left-out pair `(i, j)` is checked,
//! `a(i,j) − p(j) ≤ profit(i) + ε`. If one breaks it, each learner's best few left-out
//! pairs (by `a(i,j) − p(j)`) among those that break it or come within ε of it are added,
//! learners whose assignment no longer satisfies ε-CS are freed, and the phase's forward
//! and reverse auctions run again at the same ε from the current prices. Each round adds at
//! least one breaking pair, so this ends, at worst with every pair in. After the settled
//! phase at ε = 1, ε-CS holds over every pair and every mentor with a free seat has price
//! 0, so the dual built from the final prices is feasible for the whole problem and the
//! plan is exact for it.
//!
//! Settling every phase rather than only the last keeps each repair at the scale of its
//! phase: a pair found only at the end may break ε-CS by millions, and repairing that at
//! ε = 1 is a bidding war of one-unit raises, while restarting the ε schedule for every
//! round re-solved the whole problem several times (5,000 × 1,000, seed 7: 356 ms; settled
//! per phase: 172 ms). The first phase is not settled: its prices are still far from the
//! final ones, so the pairs it would bring in are mostly ones the plan never needs.
//!
//! # Warm start
//!
//! Each learner's pair in the greedy plan (one linear pass over the pairs) joins its first
//! choices. Without it, the best few pairs by score crowd onto the popular mentors: fewer
//! learners can be matched inside them than in the whole problem, so the first phases
//! leave some unmatched and prices climb to the worth of being matched at all (`α·B`)
//! before the checks bring the missing pairs in. With the greedy pairs in, the pruned
//! problem can match at least as many learners as greedy does and prices stay at the score
//! scale (5,000 × 1,000, seed 7: 172 ms for the solve with the seed, 820 ms without). The
//! seed changes where the auction starts, not what it proves: the greedy pair is just one
//! more kept pair.

use std::cmp::Reverse;
use std::collections::VecDeque;

use super::{Assignment, Indexed, greedy};
use lists::{Arc, Lists};
use seats::{Seat, heapify};

mod forward;
mod lists;
mod prune;
mod reverse;
mod seats;

/// A learner waiting to bid.
const WAITING: u32 = u32::MAX;
/// A learner on its private "unmatched" option.
const ALONE: u32 = u32::MAX - 1;
/// Largest worth accepted; prices stay below twice this, far from `i64::MAX`.
const MAX_WORTH: i64 = 1 << 60;
/// ε is divided by this between phases.
const SCALE: i64 = 8;

struct Auction {
    /// Pairs by learner rank (mentors with no usable seat left out), by mentor rank.
    forward: Lists,
    /// The same pairs by mentor rank, by learner rank; built when first needed.
    backward: Option<Lists>,
    /// Whether `forward` leaves out some usable pairs (which must be checked after every
    /// phase).
    pruned: bool,
    /// Usable pairs in the whole problem (pairs with a mentor that has a seat).
    usable: usize,
    /// Most pairs one learner gets added per check (as many as it started with).
    admit: usize,
    /// Usable seats per mentor.
    seats: Vec<u32>,
    /// `α`: worth of one score point.
    unit: i64,
    /// `α·B`: worth of being matched at all.
    base: i64,
    // Per learner.
    owner: Vec<u32>,
    /// Worth minus price paid (0 when unmatched).
    profit: Vec<i64>,
    // Per mentor: occupied seats as a min-heap by price in `heap[first[j]..first[j] + held[j]]`;
    // the free seats all cost `free_price[j]`, never more than an occupied seat.
    first: Vec<usize>,
    held: Vec<u32>,
    heap: Vec<Seat>,
    free_price: Vec<i64>,
    /// Lowest seat price per mentor: what a newcomer pays (the hot array of the bid loop).
    price: Vec<i64>,
    waiting: VecDeque<u32>,
}

/// How many of each learner's pairs (its best by score) the auction starts with. The rest
/// are checked against the prices after each phase and brought in only where one breaks
/// ε-CS, so the result stays exact; most learners end on one of their first few choices.
const FIRST_CHOICES: usize = 8;

/// Solves exactly, or returns `None` when the worths would not fit comfortably in `i64`.
pub(super) fn solve(indexed: &Indexed) -> Option<Assignment> {
    solve_pruned(indexed, FIRST_CHOICES)
}

/// Solves exactly, starting from each learner's best `first_choices` pairs and bringing in
/// left-out pairs as the phases need them (see "Pruning" above).
pub(super) fn solve_pruned(indexed: &Indexed, first_choices: usize) -> Option<Assignment> {
    // The greedy plan's pair of each learner joins its first choices: see "Warm start".
    solve_seeded(indexed, first_choices, &greedy::solve(indexed))
}

/// The pruned auction started from any `seed` plan (by learner rank; pairs that are not
/// in the problem or share a full mentor are allowed: the seed only adds kept pairs).
pub(super) fn solve_seeded(
    indexed: &Indexed,
    first_choices: usize,
    seed: &Assignment,
) -> Option<Assignment> {
    let mut auction = Auction::new(indexed, Some(first_choices), Some(seed))?;
    auction.run(indexed);
    Some(auction.assignment(indexed))
}

/// The same, always on the schedule that needs no guess (ε from the whole worth range,
/// prices from 0): the path taken when the warm start's guess is off.
#[cfg(test)]
pub(super) fn solve_without_guess(indexed: &Indexed) -> Option<Assignment> {
    let mut auction = Auction::new(indexed, None, None)?;
    let worth = auction.base + auction.unit * auction.top_score();
    auction.phases(indexed, (worth / SCALE).max(1), 0, None);
    Some(auction.assignment(indexed))
}

impl Auction {
    /// The auction on every usable pair, or on each learner's best `keep` of them plus its
    /// pair in `seed` (a plan, by learner rank), if any.
    fn new(indexed: &Indexed, keep: Option<usize>, seed: Option<&Assignment>) -> Option<Auction> {
        let (learners, mentors) = (indexed.learners(), indexed.mentors());
        let mut degree = vec![0u32; mentors];
        for (_, edge) in indexed.all_edges() {
            degree[edge.mentor as usize] += 1;
        }
        let seats: Vec<u32> = (0..mentors)
            .map(|j| indexed.capacity[j].min(degree[j]))
            .collect();
        let mut start = Vec::with_capacity(learners + 1);
        let mut arcs = Vec::new();
        let mut choices = Vec::new();
        let mut pruned = false;
        let mut usable = 0usize;
        start.push(0);
        let (mut active, mut best_sum, mut top) = (0i64, 1i64, 0i64);
        for learner in 0..learners {
            let before = arcs.len();
            choices.clear();
            choices.extend(
                indexed
                    .edges(learner)
                    .iter()
                    .filter(|edge| seats[edge.mentor as usize] > 0)
                    .map(|edge| Arc {
                        node: edge.mentor,
                        score: edge.score,
                    }),
            );
            usable += choices.len();
            let best = choices
                .iter()
                .map(|a| i64::from(a.score))
                .max()
                .unwrap_or(0);
            if let Some(keep) = keep.filter(|k| *k > 0 && choices.len() > *k) {
                // The best `keep` by score (lowest rank on ties), back in rank order.
                choices.select_nth_unstable_by_key(keep - 1, |a| (Reverse(a.score), a.node));
                choices.truncate(keep);
                let seeded = seed.and_then(|plan| plan.get(learner).copied().flatten());
                if let Some((mentor, score)) = seeded
                    && seats[mentor as usize] > 0
                    && !choices.iter().any(|a| a.node == mentor)
                {
                    choices.push(Arc {
                        node: mentor,
                        score,
                    });
                }
                choices.sort_unstable_by_key(|a| a.node);
                pruned = true;
            }
            arcs.extend_from_slice(&choices);
            if arcs.len() > before {
                active += 1;
                best_sum = best_sum.checked_add(best)?;
                top = top.max(best);
            }
            start.push(arcs.len());
        }
        let unit = active + 1;
        let base = unit.checked_mul(best_sum)?;
        if unit.checked_mul(best_sum.checked_add(top)?)? > MAX_WORTH {
            return None;
        }
        let mut first = Vec::with_capacity(mentors + 1);
        first.push(0usize);
        for s in &seats {
            first.push(first[first.len() - 1] + *s as usize);
        }
        let total_seats = first[mentors];
        let owner = (0..learners)
            .map(|l| {
                if start[l + 1] > start[l] {
                    WAITING
                } else {
                    ALONE
                }
            })
            .collect();
        Some(Auction {
            forward: Lists { start, arcs },
            backward: None,
            pruned,
            usable,
            admit: keep.unwrap_or(usize::MAX).max(1),
            seats,
            unit,
            base,
            owner,
            profit: vec![0; learners],
            first,
            held: vec![0; mentors],
            heap: vec![
                Seat {
                    price: 0,
                    learner: 0
                };
                total_seats
            ],
            free_price: vec![0; mentors],
            price: vec![0; mentors],
            waiting: VecDeque::new(),
        })
    }

    fn run(&mut self, indexed: &Indexed) {
        let learners = self.owner.iter().filter(|o| **o == WAITING).count() as u64;
        let seats: u64 = self.seats.iter().map(|s| u64::from(*s)).sum();
        let score_range = (self.unit * self.top_score() / SCALE).max(1);
        // Warm start at the score scale: when there are fewer seats than learners, every
        // seat will be contested by learners who would otherwise stay unmatched, so seats
        // start at the worth of being matched at all (`base`); otherwise at 0. Either way
        // these are only starting prices (nobody holds anything yet), so exactness does
        // not depend on them; if the guess is badly off (a bidding war far longer than
        // usual), start again from 0 with ε at the whole worth range, which needs no guess.
        let level = if seats < learners { self.base } else { 0 };
        let budget = 32 * learners + 1024;
        if !self.phases(indexed, score_range, level, Some(budget)) {
            self.reset();
            let worth = self.base + self.unit * self.top_score();
            self.phases(indexed, (worth / SCALE).max(1), 0, None);
        }
    }

    /// Runs the ε-scaling phases from `eps` down to 1, with every seat starting at
    /// `level`; gives up (returns false) when the first phase takes more than `budget`
    /// bids.
    fn phases(&mut self, indexed: &Indexed, mut eps: i64, level: i64, budget: Option<u64>) -> bool {
        let mut first = true;
        self.price.fill(level);
        self.free_price.fill(level);
        self.waiting = (0..self.owner.len() as u32)
            .filter(|l| self.owner[*l as usize] == WAITING)
            .collect();
        if !self.forward_auction(eps, budget) {
            return false;
        }
        loop {
            self.reverse_auction(eps);
            // The first phase's prices are still far from the final ones, so what breaks
            // ε-CS there says little about what the plan needs: see "Pruning".
            if !first || eps == 1 {
                self.settle(indexed, eps);
            }
            first = false;
            if eps == 1 {
                return true;
            }
            eps = (eps / SCALE).max(1);
            self.keep_slack(eps);
            self.forward_auction(eps, None);
        }
    }

    /// Back to nobody holding anything.
    fn reset(&mut self) {
        for learner in 0..self.owner.len() {
            self.owner[learner] = if self.forward.of(learner).is_empty() {
                ALONE
            } else {
                WAITING
            };
        }
        self.profit.fill(0);
        self.held.fill(0);
    }

    fn top_score(&self) -> i64 {
        self.forward
            .arcs
            .iter()
            .map(|a| i64::from(a.score))
            .max()
            .unwrap_or(0)
    }

    fn free(&self, mentor: usize) -> u32 {
        self.seats[mentor] - self.held[mentor]
    }

    /// Best profit over `learner`'s mentors other than `skip`, relative to `base`.
    fn best_other(&self, learner: usize, skip: u32) -> i64 {
        let mut best = i64::MIN;
        for arc in self.forward.of(learner) {
            if arc.node != skip {
                best = best.max(self.unit * i64::from(arc.score) - self.price[arc.node as usize]);
            }
        }
        best
    }

    /// Phase start: frees every learner whose assignment breaks ε-CS for the new `eps`.
    fn keep_slack(&mut self, eps: i64) {
        for learner in 0..self.owner.len() {
            let mentor = self.owner[learner];
            let keep = match mentor {
                WAITING => false,
                ALONE if self.forward.of(learner).is_empty() => true,
                ALONE => self.best_other(learner, ALONE) + self.base <= eps,
                _ => {
                    // A seat may always be repriced down to its mentor's price + ε (the
                    // mentor's price, its lowest seat, does not change); do so first.
                    let worth = self.worth_of(learner, mentor);
                    let ceiling = self.price[mentor as usize] + eps;
                    self.profit[learner] = self.profit[learner].max(worth - ceiling);
                    let other = self.best_other(learner, mentor).max(-self.base);
                    self.profit[learner] - self.base >= other - eps
                }
            };
            if !keep {
                self.owner[learner] = WAITING;
                self.waiting.push_back(learner as u32);
            }
        }
        // Rebuild the seat heaps from the kept learners. A freed seat is repriced to its
        // mentor's lowest price, so `price` does not change.
        self.held.fill(0);
        for learner in 0..self.owner.len() {
            let mentor = self.owner[learner] as usize;
            if mentor < self.held.len() {
                let at = self.first[mentor] + self.held[mentor] as usize;
                // The price paid is worth − profit.
                let price = self.worth_of(learner, mentor as u32) - self.profit[learner];
                self.heap[at] = Seat {
                    price,
                    learner: learner as u32,
                };
                self.held[mentor] += 1;
            }
        }
        for mentor in 0..self.held.len() {
            let region = self.first[mentor]..self.first[mentor] + self.held[mentor] as usize;
            heapify(&mut self.heap[region]);
            self.free_price[mentor] = self.price[mentor];
        }
    }

    /// Worth of the pair `learner`–`mentor` (binary search: arcs are by mentor rank).
    fn worth_of(&self, learner: usize, mentor: u32) -> i64 {
        let arcs = self.forward.of(learner);
        arcs.binary_search_by_key(&mentor, |a| a.node)
            .map_or(0, |at| self.base + self.unit * i64::from(arcs[at].score))
    }

    fn assignment(&self, indexed: &Indexed) -> Assignment {
        self.owner
            .iter()
            .enumerate()
            .map(|(learner, &mentor)| {
                let edges = indexed.edges(learner);
                edges
                    .binary_search_by_key(&mentor, |e| e.mentor)
                    .ok()
                    .map(|at| (mentor, edges[at].score))
            })
            .collect()
    }
}
