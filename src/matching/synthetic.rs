//! Deterministic synthetic cohorts for benchmarks and property tests: seeded, no clock, no
//! randomness from the system. Not part of the supported API.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::{
    Availability, DomainError, Experience, Expertise, Learner, LearnerId, LearnerStatus, Mentor,
    MentorId, MentorStatus, Mode, ModeSet, Tag, Track, WeeklyBlock,
};

use super::cohort::{CohortProblem, PairScore};

/// SplitMix64: a tiny, well-mixed generator whose output depends only on the seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (`bound` > 0; the tiny modulo bias does not matter here).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }
}

/// A cohort problem with `learners × mentors` candidate pairs, each allowed with probability
/// `allowed_permille / 1000`, capacities 3–8, and scores 0–1000 made of a mentor-wide part
/// (some mentors are popular, so learners compete) plus a pair part.
pub fn problem(learners: usize, mentors: usize, allowed_permille: u64, seed: u64) -> CohortProblem {
    let mut rng = Rng::new(seed);
    let mentor_list: Vec<(String, u32)> = (0..mentors)
        .map(|m| (format!("M{m:05}"), 3 + rng.below(6) as u32))
        .collect();
    let appeal: Vec<i64> = (0..mentors).map(|_| rng.below(400) as i64).collect();
    let mut pairs = Vec::with_capacity(learners * mentors * allowed_permille as usize / 1000);
    for l in 0..learners as u32 {
        for m in 0..mentors as u32 {
            if rng.below(1000) >= allowed_permille {
                continue;
            }
            let fit = rng.below(601) as i64;
            pairs.push(PairScore {
                learner: l,
                mentor: m,
                score: appeal[m as usize] + fit,
                mentor_score: fit + rng.below(400) as i64,
            });
        }
    }
    CohortProblem {
        learners: (0..learners).map(|l| format!("L{l:06}")).collect(),
        mentors: mentor_list,
        pairs,
    }
}

const ZONES: [Tz; 8] = [
    chrono_tz::Europe::Madrid,
    chrono_tz::Europe::London,
    chrono_tz::America::Bogota,
    chrono_tz::America::New_York,
    chrono_tz::America::Sao_Paulo,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Africa::Lagos,
    chrono_tz::Europe::Berlin,
];
const LANGUAGES: [&str; 5] = ["en", "es", "pt", "fr", "de"];
const TOPICS: [&str; 24] = [
    "rust",
    "python",
    "sql",
    "go",
    "ml",
    "statistics",
    "design",
    "ux",
    "product",
    "career",
    "frontend",
    "backend",
    "devops",
    "security",
    "mobile",
    "data",
    "writing",
    "leadership",
    "testing",
    "cloud",
    "networking",
    "embedded",
    "research",
    "open-source",
];

fn pick_tags(rng: &mut Rng, pool: &[&str], count: u64) -> Result<Vec<Tag>, DomainError> {
    let mut tags = Vec::new();
    for _ in 0..count {
        let index = rng.below(pool.len() as u64) as usize;
        tags.push(Tag::parse(pool[index])?);
    }
    tags.sort();
    tags.dedup();
    Ok(tags)
}

/// Languages: English for about 70% of people, plus one more; so most pairs can talk.
fn languages(rng: &mut Rng) -> Result<Vec<Tag>, DomainError> {
    let mut tags = pick_tags(rng, &LANGUAGES[1..], 1)?;
    if rng.below(10) < 7 {
        tags.push(Tag::parse("en")?);
    }
    tags.sort();
    Ok(tags)
}

fn modes(rng: &mut Rng) -> ModeSet {
    let set: ModeSet = Mode::ALL
        .iter()
        .copied()
        .filter(|_| rng.below(2) == 0)
        .collect();
    if set.is_unknown() {
        [Mode::Video].into_iter().collect()
    } else {
        set
    }
}

/// Two to four two-to-three-hour evening or morning blocks; one person in twenty unknown.
fn availability(rng: &mut Rng) -> Availability {
    if rng.below(20) == 0 {
        return Availability::default();
    }
    let blocks = (0..2 + rng.below(3))
        .map(|_| {
            let start = (7 + rng.below(14)) as u16 * 60;
            WeeklyBlock {
                day: rng.below(7) as u8,
                start,
                end: start + (2 + rng.below(2)) as u16 * 60,
            }
        })
        .collect();
    Availability::new(blocks)
}

/// `learners` waiting learners and `mentors` active mentors with varied, partly unknown,
/// profiles, the same for the same seed.
pub fn people(
    learners: usize,
    mentors: usize,
    seed: u64,
) -> Result<(Vec<Learner>, Vec<Mentor>), DomainError> {
    let mut rng = Rng::new(seed);
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let mut learner_list = Vec::with_capacity(learners);
    for l in 0..learners {
        let interest_count = 1 + rng.below(4);
        learner_list.push(Learner {
            id: LearnerId::parse(&format!("L{l:06}"))?,
            name: format!("Learner {l}"),
            email: None,
            timezone: Some(ZONES[rng.below(ZONES.len() as u64) as usize]),
            languages: languages(&mut rng)?,
            goals: None,
            interests: pick_tags(&mut rng, &TOPICS, interest_count)?,
            track: Track::ALL.get(rng.below(4) as usize).copied(),
            modes: modes(&mut rng),
            availability: availability(&mut rng),
            needs: None,
            status: LearnerStatus::Waiting,
            prefer: Vec::new(),
            avoid: Vec::new(),
            mentor_experience: None,
            joined_at: epoch,
        });
    }
    let mut mentor_list = Vec::with_capacity(mentors);
    for m in 0..mentors {
        let expertise_count = 2 + rng.below(5);
        let expertise = pick_tags(&mut rng, &TOPICS, expertise_count)?
            .into_iter()
            .map(|tag| Expertise {
                tag,
                level: 1 + rng.below(5) as u8,
            })
            .collect();
        mentor_list.push(Mentor {
            id: MentorId::parse(&format!("M{m:05}"))?,
            name: format!("Mentor {m}"),
            email: None,
            timezone: Some(ZONES[rng.below(ZONES.len() as u64) as usize]),
            languages: languages(&mut rng)?,
            expertise,
            experience: Experience::ALL.get(rng.below(4) as usize).copied(),
            modes: modes(&mut rng),
            capacity: 3 + rng.below(6) as u32,
            availability: availability(&mut rng),
            bio: None,
            verified: false,
            recognition: false,
            paused_until: None,
            status: MentorStatus::Active,
            joined_at: epoch,
        });
    }
    Ok((learner_list, mentor_list))
}
