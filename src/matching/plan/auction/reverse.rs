//! The reverse auction: mentors with a free seat but a positive price take learners in or
//! cut the price to 0 (step 3 of a phase in the parent module).

use std::collections::VecDeque;

use super::lists::transpose;
use super::seats::{Seat, sift_down, sift_up};
use super::{ALONE, Auction, WAITING};

impl Auction {
    pub(super) fn reverse_auction(&mut self, eps: i64) {
        let mut queue: VecDeque<u32> = (0..self.seats.len() as u32)
            .filter(|j| self.needs_reverse(*j as usize))
            .collect();
        if queue.is_empty() {
            return;
        }
        if self.backward.is_none() {
            self.backward = Some(transpose(&self.forward, self.seats.len()));
        }
        while let Some(mentor) = queue.pop_front() {
            let mentor = mentor as usize;
            while self.needs_reverse(mentor) {
                let (mut best, mut second) = (i64::MIN, i64::MIN);
                let (mut chosen, mut chosen_score) = (WAITING, 0u32);
                if let Some(backward) = &self.backward {
                    for arc in backward.of(mentor) {
                        let learner = arc.node as usize;
                        if self.owner[learner] == mentor as u32 {
                            continue;
                        }
                        let gain =
                            self.base + self.unit * i64::from(arc.score) - self.profit[learner];
                        if gain > best {
                            second = best;
                            best = gain;
                            chosen = arc.node;
                            chosen_score = arc.score;
                        } else if gain > second {
                            second = gain;
                        }
                    }
                }
                if chosen == WAITING || best <= eps {
                    self.free_price[mentor] = 0;
                    self.price[mentor] = 0;
                    self.cap_seats(mentor, eps);
                    break;
                }
                let price = second
                    .saturating_sub(eps)
                    .max(0)
                    .min(self.free_price[mentor]);
                let learner = chosen as usize;
                let left = self.owner[learner];
                if left != ALONE {
                    self.leave(left as usize, chosen);
                    if self.needs_reverse(left as usize) {
                        queue.push_back(left);
                    }
                }
                self.held[mentor] += 1;
                let heap = &mut self.heap
                    [self.first[mentor]..self.first[mentor] + self.held[mentor] as usize];
                let last = heap.len() - 1;
                heap[last] = Seat {
                    price,
                    learner: chosen,
                };
                sift_up(heap, last);
                self.free_price[mentor] = price;
                self.price[mentor] = price;
                self.owner[learner] = mentor as u32;
                self.profit[learner] = self.base + self.unit * i64::from(chosen_score) - price;
                self.cap_seats(mentor, eps);
            }
        }
    }

    /// After `mentor`'s price fell: reprices its occupied seats to at most price + ε, so
    /// that every holder keeps ε-CS towards its own mentor too (which it needs once it
    /// moves elsewhere). Lowering seats to a value above the lowest keeps the heap order
    /// and the mentor's price, and only raises the holders' profits.
    fn cap_seats(&mut self, mentor: usize, eps: i64) {
        let ceiling = self.price[mentor] + eps;
        let region = self.first[mentor]..self.first[mentor] + self.held[mentor] as usize;
        for seat in &mut self.heap[region] {
            if seat.price > ceiling {
                self.profit[seat.learner as usize] += seat.price - ceiling;
                seat.price = ceiling;
            }
        }
    }

    fn needs_reverse(&self, mentor: usize) -> bool {
        self.free(mentor) > 0 && self.free_price[mentor] > 0
    }

    /// Takes `learner` out of `mentor`'s seats; the freed seat costs the mentor's lowest
    /// price, so the mentor's price does not change.
    fn leave(&mut self, mentor: usize, learner: u32) {
        if self.free(mentor) == 0 {
            self.free_price[mentor] = self.price[mentor];
        }
        let heap =
            &mut self.heap[self.first[mentor]..self.first[mentor] + self.held[mentor] as usize];
        if let Some(at) = heap.iter().position(|s| s.learner == learner) {
            let last = heap.len() - 1;
            heap.swap(at, last);
            let heap = &mut heap[..last];
            if at < heap.len() {
                sift_down(heap, at);
                sift_up(heap, at);
            }
            self.held[mentor] -= 1;
        }
    }
}
