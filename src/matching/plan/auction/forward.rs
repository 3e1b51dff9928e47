//! The forward auction: free learners bid for seats (step 2 of a phase in the parent
//! module).

use super::seats::{Seat, sift_down, sift_up};
use super::{ALONE, Auction, WAITING};

impl Auction {
    /// Bids until everybody holds something; false if `budget` bids were not enough.
    pub(super) fn forward_auction(&mut self, eps: i64, budget: Option<u64>) -> bool {
        let mut bids = 0u64;
        while let Some(learner) = self.waiting.pop_front() {
            self.bid(learner as usize, eps);
            bids += 1;
            if budget.is_some_and(|b| bids > b) {
                return false;
            }
        }
        true
    }

    fn bid(&mut self, learner: usize, eps: i64) {
        let (mut best, mut second) = (i64::MIN, i64::MIN);
        let (mut target, mut target_score) = (0u32, 0u32);
        for arc in self.forward.of(learner) {
            let value = self.unit * i64::from(arc.score) - self.price[arc.node as usize];
            if value > best {
                second = best;
                best = value;
                target = arc.node;
                target_score = arc.score;
            } else if value > second {
                second = value;
            }
        }
        let alone = -self.base;
        if best <= alone {
            self.owner[learner] = ALONE;
            self.profit[learner] = 0;
            return;
        }
        let mentor = target as usize;
        // A second seat of the same mentor is an alternative too.
        let within = match self.second_seat_price(mentor) {
            i64::MAX => i64::MIN,
            next => self.unit * i64::from(target_score) - next,
        };
        let second = second.max(alone).max(within);
        let price = self.price[mentor] + (best - second) + eps;
        let seat = Seat {
            price,
            learner: learner as u32,
        };
        let region = self.first[mentor]..self.first[mentor] + self.held[mentor] as usize;
        if self.free(mentor) > 0 {
            self.held[mentor] += 1;
            let region = region.start..region.end + 1;
            let full = self.held[mentor] == self.seats[mentor];
            let heap = &mut self.heap[region];
            let last = heap.len() - 1;
            heap[last] = seat;
            sift_up(heap, last);
            if full {
                self.price[mentor] = heap[0].price;
            }
        } else {
            let heap = &mut self.heap[region];
            let evicted = heap[0].learner;
            heap[0] = seat;
            sift_down(heap, 0);
            self.price[mentor] = heap[0].price;
            self.owner[evicted as usize] = WAITING;
            self.waiting.push_back(evicted);
        }
        self.owner[learner] = target;
        self.profit[learner] = self.base + self.unit * i64::from(target_score) - price;
    }

    /// Price of the second-cheapest seat of `mentor` (`i64::MAX` when it has one seat).
    fn second_seat_price(&self, mentor: usize) -> i64 {
        let heap = &self.heap[self.first[mentor]..self.first[mentor] + self.held[mentor] as usize];
        match self.free(mentor) {
            0 => heap.get(1..3).map_or_else(
                || heap.get(1).map_or(i64::MAX, |s| s.price),
                |kids| kids[0].price.min(kids[1].price),
            ),
            1 => heap.first().map_or(i64::MAX, |s| s.price),
            _ => self.free_price[mentor],
        }
    }
}
