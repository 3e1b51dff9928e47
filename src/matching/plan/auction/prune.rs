//! The check after the last phase of a pruned start: left-out pairs that break ε-CS at the
//! final prices are brought in and the auction resumes (see "Pruning" in the parent
//! module).

use std::cmp::Reverse;

use super::super::Indexed;
use super::lists::Arc;
use super::{Auction, SCALE};

impl Auction {
    /// After the last phase: finds every usable pair left out of `forward` that breaks ε-CS
    /// (ε = 1) at the final prices, and adds it; false when there is none, which makes the
    /// plan exact for the whole problem (the optimality argument holds over every pair).
    /// Returns by how much the worst added pair broke it.
    pub(super) fn admit_improving(&mut self, indexed: &Indexed) -> Option<i64> {
        if !self.pruned {
            return None;
        }
        let mut added: Vec<(u32, Arc)> = Vec::new();
        let mut excess = 0i64;
        let mut complete = true;
        let mut breaking: Vec<(i64, Arc)> = Vec::new();
        for learner in 0..self.owner.len() {
            breaking.clear();
            let kept = self.forward.of(learner);
            // Profit relative to `base`, as the bids count it, plus ε.
            let floor = self.profit[learner] - self.base + 1;
            let mut at = 0usize;
            for edge in indexed.edges(learner) {
                if self.seats[edge.mentor as usize] == 0 {
                    continue;
                }
                while at < kept.len() && kept[at].node < edge.mentor {
                    at += 1;
                }
                if at < kept.len() && kept[at].node == edge.mentor {
                    continue;
                }
                complete = false;
                let value = self.unit * i64::from(edge.score) - self.price[edge.mentor as usize];
                if value > floor {
                    excess = excess.max(value - floor);
                    breaking.push((
                        value,
                        Arc {
                            node: edge.mentor,
                            score: edge.score,
                        },
                    ));
                }
            }
            // Only the learner's best few breaking pairs: the others usually stop breaking
            // once prices move, and every pair added slows each later bid.
            if breaking.len() > self.admit {
                breaking.select_nth_unstable_by_key(self.admit - 1, |(value, arc)| {
                    (Reverse(*value), arc.node)
                });
                breaking.truncate(self.admit);
                breaking.sort_unstable_by_key(|(_, arc)| arc.node);
            }
            added.extend(breaking.iter().map(|(_, arc)| (learner as u32, *arc)));
        }
        if complete {
            self.pruned = false;
        }
        if added.is_empty() {
            return None;
        }
        self.forward = self.forward.with(&added);
        self.backward = None;
        Some(excess)
    }

    /// More phases after pairs were added, from ε at the scale of how far they broke ε-CS
    /// down to 1 (a single phase at ε = 1 could start a bidding war of millions of
    /// one-unit raises): learners whose assignment breaks ε-CS are freed and bid again;
    /// prices and the other assignments carry over.
    pub(super) fn resume(&mut self, excess: i64) {
        let mut eps = (excess / SCALE).max(1);
        loop {
            self.keep_slack(eps);
            self.forward_auction(eps, None);
            self.reverse_auction(eps);
            if eps == 1 {
                return;
            }
            eps = (eps / SCALE).max(1);
        }
    }
}
