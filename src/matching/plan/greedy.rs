//! The greedy plan: take pairs from the highest score down while the learner is free and the
//! mentor has a seat. Ties go to the lower learner id, then the lower mentor id.

use super::{Assignment, Indexed};

/// Bits that a score (at most 1,000,000) takes in a packed sort key.
const SCORE_BITS: u32 = 20;

fn bits_for(count: usize) -> u32 {
    usize::BITS - count.leading_zeros()
}

pub(super) fn solve(indexed: &Indexed) -> Assignment {
    let mut assignment: Assignment = vec![None; indexed.learners()];
    let mut load = vec![0u32; indexed.mentors()];
    let mut take = |learner: u32, mentor: u32, score: u32| {
        let seat = &mut load[mentor as usize];
        let slot = &mut assignment[learner as usize];
        if slot.is_none() && *seat < indexed.capacity[mentor as usize] {
            *slot = Some((mentor, score));
            *seat += 1;
        }
    };
    let learner_bits = bits_for(indexed.learners());
    let mentor_bits = bits_for(indexed.mentors());
    if SCORE_BITS + learner_bits + mentor_bits <= 64 {
        // One u64 per pair: (inverted score, learner, mentor) sorts in the order we take
        // pairs, and sorting plain integers is several times faster than sorting tuples.
        let max_score = (1u64 << SCORE_BITS) - 1;
        let mut keys: Vec<u64> = indexed
            .all_edges()
            .map(|(learner, edge)| {
                ((max_score - u64::from(edge.score)) << (learner_bits + mentor_bits))
                    | (u64::from(learner) << mentor_bits)
                    | u64::from(edge.mentor)
            })
            .collect();
        keys.sort_unstable();
        let mentor_mask = (1u64 << mentor_bits) - 1;
        let learner_mask = (1u64 << learner_bits) - 1;
        for key in keys {
            let mentor = (key & mentor_mask) as u32;
            let learner = ((key >> mentor_bits) & learner_mask) as u32;
            let score = (max_score - (key >> (learner_bits + mentor_bits))) as u32;
            take(learner, mentor, score);
        }
    } else {
        let mut pairs: Vec<(u32, u32, u32)> = indexed
            .all_edges()
            .map(|(learner, edge)| (edge.score, learner, edge.mentor))
            .collect();
        pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (score, learner, mentor) in pairs {
            take(learner, mentor, score);
        }
    }
    assignment
}
