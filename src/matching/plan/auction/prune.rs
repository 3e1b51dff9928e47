//! The check after every phase of a pruned start: left-out pairs that break ε-CS at the
//! current prices are brought in and the phase is repaired at the same ε (see "Pruning" in
//! the parent module).

use std::cmp::Reverse;

use super::super::Indexed;
use super::lists::Arc;
use super::{ALONE, Auction, WAITING};

/// Stands for the price of a mentor with no usable seat in the check: high enough that no
/// pair with it ever breaks ε-CS, low enough that `worth − price` cannot overflow.
const NO_SEAT: i64 = i64::MAX / 2;

/// Left-out pairs within this many ε of breaking ε-CS come in with the ones that break it:
/// prices only rise during the repair, so they are the likeliest to break next, and
/// bringing them in now saves a whole check and repair round for each (5,000 × 1,000,
/// seed 7: 172 ms instead of 356 ms for the solve). Only pairs that really break keep the
/// repair going.
const ADMIT_MARGIN: i64 = 1;

impl Auction {
    /// After the phase at `eps`: while some left-out pair breaks ε-CS at the current
    /// prices, brings it in, frees the learners it concerns and runs the phase's auctions
    /// again at the same ε. Afterwards ε-CS holds over every usable pair, kept or not.
    pub(super) fn settle(&mut self, indexed: &Indexed, eps: i64) {
        while self.admit_breaking(indexed, eps) {
            self.keep_slack(eps);
            self.forward_auction(eps, None);
            self.reverse_auction(eps);
        }
    }

    /// Adds each learner's best few left-out usable pairs (by `a(i,j) − p(j)`) among those
    /// that break ε-CS at the current prices or come within `ADMIT_MARGIN` of it; true when
    /// some added pair breaks it (the phase needs repairing).
    ///
    /// After a phase every kept pair satisfies ε-CS except, possibly, a learner's own
    /// (it may have paid more than its mentor's price + ε), so one pass over all pairs,
    /// skipping the learner's own mentor, finds exactly the breaking left-out ones; the
    /// few found are looked up in the kept list to be sure.
    fn admit_breaking(&mut self, indexed: &Indexed, eps: i64) -> bool {
        if !self.pruned {
            return false;
        }
        let price: Vec<i64> = self
            .price
            .iter()
            .zip(&self.seats)
            .map(|(price, seats)| if *seats == 0 { NO_SEAT } else { *price })
            .collect();
        let mut added: Vec<(u32, Arc)> = Vec::new();
        let margin = ADMIT_MARGIN * eps;
        let mut breaking: Vec<(i64, Arc)> = Vec::new();
        let mut broke = false;
        for learner in 0..self.owner.len() {
            let own = self.owner[learner];
            // Profit relative to `base`, as the bids count it, plus ε.
            let floor = match own {
                WAITING => continue,
                ALONE => eps - self.base,
                _ => self.profit[learner] - self.base + eps,
            } - margin;
            breaking.clear();
            for edge in indexed.edges(learner) {
                let value = self.unit * i64::from(edge.score) - price[edge.mentor as usize];
                if value > floor && edge.mentor != own {
                    breaking.push((
                        value,
                        Arc {
                            node: edge.mentor,
                            score: edge.score,
                        },
                    ));
                }
            }
            if breaking.is_empty() {
                continue;
            }
            let kept = self.forward.of(learner);
            breaking.retain(|(_, arc)| kept.binary_search_by_key(&arc.node, |a| a.node).is_err());
            broke |= breaking.iter().any(|(v, _)| *v > floor + margin);
            // Only the learner's best few breaking pairs: the others usually stop breaking
            // once prices move, and every pair added slows each later bid.
            if breaking.len() > self.admit {
                breaking.select_nth_unstable_by_key(self.admit - 1, |(value, arc)| {
                    (Reverse(*value), arc.node)
                });
                breaking.truncate(self.admit);
            }
            breaking.sort_unstable_by_key(|(_, arc)| arc.node);
            added.extend(breaking.iter().map(|(_, arc)| (learner as u32, *arc)));
        }
        if added.is_empty() {
            return false;
        }
        self.forward = self.forward.with(&added);
        self.backward = None;
        if self.forward.arcs.len() == self.usable {
            self.pruned = false;
        }
        broke
    }
}
