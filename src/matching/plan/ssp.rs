//! Successive shortest paths: an exact optimal plan (the most learners matched, then the
//! highest total score), used as the fallback of [`auction`](super::auction) and as the
//! reference the tests hold it to.
//!
//! # Model
//!
//! A min-cost flow on the compact network *learner → mentor → sink*: every learner supplies
//! one unit; a pair edge `i → j` costs `c(i,j) = S - score(i,j)` where `S` is the highest
//! score in the problem (so every cost is ≥ 0); mentor `j` sends at most `capacity(j)` units
//! to the sink at cost 0; and each learner also has a private "unmatched" edge `i → sink`
//! of cost `D = n·S + 1` (`n` learners). Mentors are never expanded into seats: a mentor is
//! one node whose sink edge has a capacity.
//!
//! # Why the minimum cost is the lexicographic optimum
//!
//! Every learner is routed somewhere, so a flow is a plan. A plan matching `k` learners with
//! total score `T` costs `k·S − T + (n−k)·D`. Take plans A and B with `k_A > k_B`; then
//! `cost(B) − cost(A) = (k_A−k_B)(D−S) + T_A − T_B ≥ D − S − T_B ≥ D − n·S > 0`, because
//! `T_B ≤ k_B·S ≤ (n−1)·S`. So a cheapest flow matches as many learners as possible, and
//! among plans with that many, `k·S − T` is smallest exactly when `T` is largest.
//!
//! # Algorithm: successive shortest paths, one learner at a time
//!
//! Learners are added in id order. Invariant: the current flow is a min-cost flow for the
//! learners added so far, certified by node potentials `π` under which every residual edge
//! has reduced cost `c + π(u) − π(v) ≥ 0` (so the residual graph has no negative cycle).
//! Adding learner `k` cannot create a negative cycle (no residual edge enters `k` yet); we
//! give `k` the least potential that keeps its own edges non-negative, then send its unit
//! along a shortest residual path `k → sink` found by Dijkstra on reduced costs. Sending one
//! unit of new supply along a shortest path keeps the flow min-cost (the classic SSP lemma),
//! and resetting `π(v) += min(dist(v), δ) − δ` (δ = distance of the sink) keeps all reduced
//! costs non-negative while touching only the nodes Dijkstra settled. After the last learner
//! the flow is min-cost for all supplies, hence the lexicographic optimum. All arithmetic is
//! in `i64`: `D ≤ 2³²·10⁶ < 2⁵²`, and potentials stay within a few `D` of zero (the sink's
//! potential is pinned at 0 by the update rule).
//!
//! Speed: Dijkstra stops as soon as the sink is settled; and before running it, a greedy
//! step assigns the learner straight to the mentor of its cheapest reduced edge when that
//! mentor has a free seat and a zero-reduced-cost sink edge — then that one-edge path is
//! provably shortest (all other paths start with an edge at least as costly and continue
//! with non-negative edges), so the step is exact, and it settles most learners while
//! seats are plentiful.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Assignment, Indexed};

/// Marks a learner placed on its "unmatched" edge.
const UNMATCHED: u32 = u32::MAX;
/// Marks a learner not yet added.
const NOT_ADDED: u32 = u32::MAX - 1;
const INFINITY: i64 = i64::MAX / 4;

struct Solver<'a> {
    indexed: &'a Indexed,
    /// Highest score in the problem; pair cost is `top_score - score`.
    top_score: i64,
    /// Cost of leaving a learner unmatched.
    unmatched_cost: i64,
    learners: usize,
    sink: usize,
    /// Mentor rank (or a marker) per learner.
    assigned: Vec<u32>,
    /// Cost of each learner's current pair edge.
    assigned_cost: Vec<i64>,
    /// Learners currently held by each mentor.
    members: Vec<Vec<u32>>,
    potential: Vec<i64>,
    // Dijkstra scratch, reset through `touched` so a search costs what it explores.
    dist: Vec<i64>,
    previous: Vec<u32>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(i64, u32)>>,
}

pub(super) fn solve(indexed: &Indexed) -> Assignment {
    let mut solver = Solver::new(indexed);
    for learner in 0..indexed.learners() {
        solver.add_learner(learner);
    }
    solver.assignment()
}

impl<'a> Solver<'a> {
    fn new(indexed: &'a Indexed) -> Solver<'a> {
        let learners = indexed.learners();
        let mentors = indexed.mentors();
        let nodes = learners + mentors + 1;
        let top_score = indexed
            .all_edges()
            .map(|(_, e)| i64::from(e.score))
            .max()
            .unwrap_or(0);
        Solver {
            indexed,
            top_score,
            unmatched_cost: learners as i64 * top_score + 1,
            learners,
            sink: learners + mentors,
            assigned: vec![NOT_ADDED; learners],
            assigned_cost: vec![0; learners],
            members: vec![Vec::new(); mentors],
            potential: vec![0; nodes],
            dist: vec![INFINITY; nodes],
            previous: vec![u32::MAX; nodes],
            settled: vec![false; nodes],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn mentor_node(&self, mentor: u32) -> usize {
        self.learners + mentor as usize
    }

    fn has_free_seat(&self, mentor: usize) -> bool {
        (self.members[mentor].len() as u32) < self.indexed.capacity[mentor]
    }

    /// Pair edges to mentors without seats can never carry flow; skipping them keeps every
    /// explored mentor connected to the sink, which bounds the potentials.
    fn usable(&self, mentor: u32) -> bool {
        self.indexed.capacity[mentor as usize] > 0
    }

    fn add_learner(&mut self, learner: usize) {
        let sink_potential = self.potential[self.sink];
        // The least potential keeping every edge out of `learner` at reduced cost ≥ 0;
        // remember the cheapest mentor (lowest rank on ties) for the greedy step.
        let mut own = sink_potential - self.unmatched_cost;
        let mut cheapest: Option<u32> = None;
        for edge in self.indexed.edges(learner) {
            if !self.usable(edge.mentor) {
                continue;
            }
            let cost = self.top_score - i64::from(edge.score);
            let bound = self.potential[self.mentor_node(edge.mentor)] - cost;
            if bound > own || (bound == own && cheapest.is_none()) {
                own = bound;
                cheapest = Some(edge.mentor);
            }
        }
        self.potential[learner] = own;
        if let Some(mentor) = cheapest {
            let node = self.mentor_node(mentor);
            if self.has_free_seat(mentor as usize) && self.potential[node] == sink_potential {
                let cost = own_cost(self.indexed, learner, mentor, self.top_score);
                self.place(learner as u32, mentor, cost);
                return;
            }
        }
        self.augment_from(learner);
    }

    fn place(&mut self, learner: u32, mentor: u32, cost: i64) {
        self.assigned[learner as usize] = mentor;
        self.assigned_cost[learner as usize] = cost;
        if mentor != UNMATCHED {
            self.members[mentor as usize].push(learner);
        }
    }

    fn unplace(&mut self, learner: u32) {
        let mentor = self.assigned[learner as usize];
        if mentor < NOT_ADDED {
            let list = &mut self.members[mentor as usize];
            if let Some(at) = list.iter().position(|l| *l == learner) {
                list.swap_remove(at);
            }
        }
    }

    /// Heap order: by distance, then the sink first (stop sooner), then node index.
    fn heap_key(&self, node: usize) -> u32 {
        if node == self.sink {
            0
        } else {
            node as u32 + 1
        }
    }

    fn relax(&mut self, from: usize, to: usize, distance: i64) {
        if distance < self.dist[to] {
            if self.dist[to] == INFINITY {
                self.touched.push(to as u32);
            }
            self.dist[to] = distance;
            self.previous[to] = from as u32;
            let key = self.heap_key(to);
            self.heap.push(Reverse((distance, key)));
        }
    }

    /// Dijkstra from `start` to the sink on reduced costs, then the potential update and
    /// the augmentation along the path found.
    fn augment_from(&mut self, start: usize) {
        self.dist[start] = 0;
        self.touched.push(start as u32);
        self.heap.push(Reverse((0, self.heap_key(start))));
        let mut settled_nodes: Vec<u32> = Vec::new();
        while let Some(Reverse((distance, key))) = self.heap.pop() {
            let node = if key == 0 {
                self.sink
            } else {
                key as usize - 1
            };
            if self.settled[node] || distance > self.dist[node] {
                continue;
            }
            self.settled[node] = true;
            settled_nodes.push(node as u32);
            if node == self.sink {
                break;
            }
            let here = distance + self.potential[node];
            if node < self.learners {
                self.relax_learner(node, here);
            } else {
                self.relax_mentor(node, here);
            }
        }
        let delta = self.dist[self.sink];
        for node in &settled_nodes {
            let node = *node as usize;
            self.potential[node] += self.dist[node] - delta;
        }
        self.apply_path(start);
        for node in self.touched.drain(..) {
            let node = node as usize;
            self.dist[node] = INFINITY;
            self.settled[node] = false;
            self.previous[node] = u32::MAX;
        }
        self.heap.clear();
    }

    /// `here` is the learner's distance plus its potential (the reduced-cost base).
    fn relax_learner(&mut self, learner: usize, here: i64) {
        let current = self.assigned[learner];
        let indexed = self.indexed;
        for edge in indexed.edges(learner) {
            if edge.mentor == current || !self.usable(edge.mentor) {
                continue;
            }
            let to = self.mentor_node(edge.mentor);
            let cost = self.top_score - i64::from(edge.score);
            self.relax(learner, to, here + cost - self.potential[to]);
        }
        let to_sink = here + self.unmatched_cost - self.potential[self.sink];
        self.relax(learner, self.sink, to_sink);
    }

    fn relax_mentor(&mut self, node: usize, here: i64) {
        let mentor = node - self.learners;
        for at in 0..self.members[mentor].len() {
            let learner = self.members[mentor][at] as usize;
            // Residual reverse edge: the learner may leave this mentor (cost −c).
            let distance = here - self.assigned_cost[learner] - self.potential[learner];
            self.relax(node, learner, distance);
        }
        if self.has_free_seat(mentor) {
            let distance = here - self.potential[self.sink];
            self.relax(node, self.sink, distance);
        }
    }

    /// Moves every learner on the path `start → … → sink` to the node after it: the next
    /// mentor, or its unmatched edge when the sink follows.
    fn apply_path(&mut self, start: usize) {
        let mut path = vec![self.sink];
        let mut node = self.sink;
        while node != start {
            node = self.previous[node] as usize;
            path.push(node);
        }
        path.reverse();
        let moves: Vec<(u32, u32)> = path
            .windows(2)
            .filter(|step| step[0] < self.learners)
            .map(|step| {
                let target = if step[1] == self.sink {
                    UNMATCHED
                } else {
                    (step[1] - self.learners) as u32
                };
                (step[0] as u32, target)
            })
            .collect();
        for (learner, _) in &moves {
            self.unplace(*learner);
        }
        for (learner, mentor) in moves {
            let cost = if mentor == UNMATCHED {
                0
            } else {
                own_cost(self.indexed, learner as usize, mentor, self.top_score)
            };
            self.place(learner, mentor, cost);
        }
    }

    fn assignment(&self) -> Assignment {
        self.assigned
            .iter()
            .enumerate()
            .map(|(learner, mentor)| {
                (*mentor < NOT_ADDED).then(|| {
                    let cost = self.assigned_cost[learner];
                    (*mentor, (self.top_score - cost) as u32)
                })
            })
            .collect()
    }
}

/// Cost of the pair edge `learner → mentor` (binary search in the learner's sorted edges).
fn own_cost(indexed: &Indexed, learner: usize, mentor: u32, top_score: i64) -> i64 {
    let edges = indexed.edges(learner);
    edges
        .binary_search_by_key(&mentor, |e| e.mentor)
        .map_or(top_score, |at| top_score - i64::from(edges[at].score))
}
