//! Learners and mentors: names, zones, languages consistent with the zone, interests and
//! expertise from one coherent field, modes, and weekly availability that makes sense in local
//! time (weekday evenings, weekends, some mornings).
//!
//! About one person in twenty leaves one or two fields blank, as real surveys do.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fastrand::Rng;

use super::names::{MENTOR_REGION_WEIGHTS, REGIONS, Vocabulary};
use super::templates::{self, FIELDS};
use super::{chance, days_between, pick, weighted};
use crate::domain::{
    Availability, Experience, Expertise, Language, Learner, LearnerId, LearnerStatus, Mentor,
    MentorId, MentorStatus, Mode, ModeSet, Tag, Track, WeeklyBlock,
};

/// What learners and mentors share: who they are, where, and when they can meet.
struct Basics {
    name: String,
    email: Option<String>,
    timezone: Option<Tz>,
    languages: Vec<Language>,
    modes: ModeSet,
    availability: Availability,
    field: usize,
    /// Which optional field this person left blank, if any.
    gap: Option<Gap>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    Email,
    Zone,
    Languages,
    Modes,
    Availability,
    Level,
    Topics,
}

const GAPS: [Gap; 7] = [
    Gap::Email,
    Gap::Zone,
    Gap::Languages,
    Gap::Modes,
    Gap::Availability,
    Gap::Level,
    Gap::Topics,
];

fn make_basics(
    rng: &mut Rng,
    vocabulary: &Vocabulary,
    region_weights: &[u32],
    daytime_percent: u32,
    n: usize,
) -> Basics {
    let region_index = weighted(rng, region_weights);
    let region = &REGIONS[region_index % REGIONS.len()];
    // Diaspora: some people carry a given name from elsewhere.
    let given_region = if chance(rng, 15) {
        &REGIONS[rng.usize(..REGIONS.len())]
    } else {
        region
    };
    let given = pick(rng, given_region.given_names)
        .copied()
        .unwrap_or("Sam");
    let family = pick(rng, region.family_names).copied().unwrap_or("Lee");
    let (zone, local) = vocabulary
        .zones
        .get(region_index)
        .and_then(|zones| pick(rng, zones))
        .cloned()
        .unwrap_or((chrono_tz::UTC, None));
    let gap = chance(rng, 5).then(|| GAPS[rng.usize(..GAPS.len())]);
    let unknown = |which: Gap| gap == Some(which);
    Basics {
        name: format!("{given} {family}"),
        email: (!unknown(Gap::Email))
            .then(|| format!("{}.{}{n}@example.org", ascii(given), ascii(family))),
        timezone: (!unknown(Gap::Zone)).then_some(zone),
        languages: if unknown(Gap::Languages) {
            Vec::new()
        } else {
            languages(rng, vocabulary, local)
        },
        modes: if unknown(Gap::Modes) {
            ModeSet::default()
        } else {
            modes(rng)
        },
        availability: if unknown(Gap::Availability) {
            Availability::default()
        } else {
            availability(rng, daytime_percent)
        },
        field: rng.usize(..FIELDS.len()),
        gap,
    }
}

/// Mostly English, often the local language too, and a few who speak only the local one.
fn languages(rng: &mut Rng, vocabulary: &Vocabulary, local: Option<Language>) -> Vec<Language> {
    let mut spoken = Vec::with_capacity(2);
    let english_only_local = local.is_some() && chance(rng, 8);
    if !english_only_local {
        spoken.extend(vocabulary.english.clone());
    }
    if let Some(local) = local
        && (english_only_local || chance(rng, 70))
    {
        spoken.push(local);
    }
    spoken.sort();
    spoken.dedup();
    spoken
}

fn modes(rng: &mut Rng) -> ModeSet {
    let mut set = ModeSet::default();
    for (mode, percent) in [
        (Mode::Video, 85),
        (Mode::Voice, 40),
        (Mode::Chat, 50),
        (Mode::Async, 25),
    ] {
        if chance(rng, percent) {
            set.insert(mode);
        }
    }
    if set.is_empty() {
        set.insert(Mode::Video);
    }
    set
}

/// Weekday evenings, usually a weekend stretch, sometimes an early morning, a lunch break or
/// (for students, freelancers and retirees: `daytime_percent`) a weekday daytime block.
fn availability(rng: &mut Rng, daytime_percent: u32) -> Availability {
    let hm = |h: u16, m: u16| h * 60 + m;
    let mut blocks = Vec::new();
    let mut add = |day: u8, (start, end): (u16, u16)| blocks.push(WeeklyBlock { day, start, end });
    let evenings = [
        (hm(18, 0), hm(21, 0)),
        (hm(19, 0), hm(22, 0)),
        (hm(17, 30), hm(20, 30)),
        (hm(20, 0), hm(23, 0)),
    ];
    // Distinct weekdays, so no two evening blocks overlap.
    let mut weekdays = [0u8, 1, 2, 3, 4];
    rng.shuffle(&mut weekdays);
    for day in weekdays.into_iter().take(1 + rng.usize(..3)) {
        add(day, evenings[rng.usize(..evenings.len())]);
    }
    let weekend = [
        (hm(9, 0), hm(13, 0)),
        (hm(10, 0), hm(16, 0)),
        (hm(14, 0), hm(18, 0)),
        (hm(9, 0), hm(17, 0)),
        (hm(13, 0), hm(19, 0)),
    ];
    let first_weekend_day = 5 + rng.u8(..2);
    if chance(rng, 95) {
        add(first_weekend_day, weekend[rng.usize(..weekend.len())]);
    }
    if chance(rng, 60) {
        add(11 - first_weekend_day, weekend[rng.usize(..weekend.len())]);
    }
    if chance(rng, 30) {
        add(
            rng.u8(..5),
            [(hm(7, 0), hm(9, 0)), (hm(6, 30), hm(8, 30))][rng.usize(..2)],
        );
    }
    // A daytime block already covers lunch time, so a person has one or the other.
    if chance(rng, daytime_percent) {
        add(
            1 + rng.u8(..3),
            [(hm(10, 0), hm(16, 0)), (hm(9, 0), hm(15, 0))][rng.usize(..2)],
        );
    } else if chance(rng, 15) {
        add(rng.u8(..5), (hm(12, 0), hm(13, 30)));
    }
    Availability::new(blocks)
}

/// ASCII letters of a name for an e-mail address (`Ó Briain` → `obriain`).
fn ascii(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'ã' | 'â' => Some('a'),
            'é' | 'è' | 'ê' => Some('e'),
            'í' | 'ı' => Some('i'),
            'ó' | 'ö' | 'ô' | 'Ó' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'ç' => Some('c'),
            'ł' => Some('l'),
            'ś' => Some('s'),
            'ñ' => Some('n'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// `count` distinct tags from `pool`, in vocabulary order.
fn some_tags(rng: &mut Rng, pool: &[Tag], count: usize) -> Vec<Tag> {
    let mut chosen: Vec<Tag> = Vec::with_capacity(count);
    let mut indices: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut indices);
    for index in indices.into_iter().take(count) {
        chosen.extend(pool.get(index).cloned());
    }
    chosen.sort();
    chosen
}

pub(super) fn make_learners(
    rng: &mut Rng,
    vocabulary: &Vocabulary,
    count: usize,
    now: DateTime<Utc>,
) -> Vec<Learner> {
    let weights: Vec<u32> = REGIONS.iter().map(|r| r.weight).collect();
    (0..count)
        .filter_map(|index| {
            let id = LearnerId::parse(&format!("L{:05}", index + 1)).ok()?;
            let basics = make_basics(rng, vocabulary, &weights, 20, index + 1);
            let field = &FIELDS[basics.field];
            let known = |which: Gap| basics.gap != Some(which);
            let mut interests = Vec::new();
            if known(Gap::Topics) {
                let pool = &vocabulary.field_tags[basics.field];
                let count = 2 + rng.usize(..2);
                interests = some_tags(rng, pool, count);
                if chance(rng, 35) {
                    interests.extend(pick(rng, &vocabulary.career_tags).cloned());
                    interests.sort();
                    interests.dedup();
                }
            }
            let goals = if chance(rng, 25) {
                pick(rng, templates::CAREER_GOALS)
            } else {
                pick(rng, field.goals)
            };
            let track = [Track::Beginner, Track::Intermediate, Track::Advanced]
                [weighted(rng, &[45, 40, 15])];
            Some(Learner {
                id,
                name: basics.name,
                email: basics.email,
                timezone: basics.timezone,
                languages: basics.languages,
                goals: goals.filter(|_| known(Gap::Topics)).map(|g| g.to_string()),
                interests,
                track: known(Gap::Level).then_some(track),
                modes: basics.modes,
                availability: basics.availability,
                needs: chance(rng, 15)
                    .then(|| pick(rng, templates::NEEDS).map(|n| n.to_string()))
                    .flatten(),
                // The history decides both; until then a learner has just arrived and waits.
                status: LearnerStatus::Waiting,
                prefer: Vec::new(),
                avoid: Vec::new(),
                mentor_experience: None,
                joined_at: now - days_between(rng, 0.5, 150.0),
            })
        })
        .collect()
}

pub(super) fn make_mentors(
    rng: &mut Rng,
    vocabulary: &Vocabulary,
    count: usize,
    now: DateTime<Utc>,
) -> Vec<Mentor> {
    let mut mentors: Vec<Mentor> = (0..count)
        .filter_map(|index| {
            let id = MentorId::parse(&format!("M{:04}", index + 1)).ok()?;
            let basics = make_basics(rng, vocabulary, &MENTOR_REGION_WEIGHTS, 50, index + 1);
            let field = &FIELDS[basics.field];
            let known = |which: Gap| basics.gap != Some(which);
            let mut expertise = Vec::new();
            if known(Gap::Topics) {
                let pool = &vocabulary.field_tags[basics.field];
                let count = 2 + rng.usize(..3);
                for tag in some_tags(rng, pool, count) {
                    expertise.push(Expertise {
                        tag,
                        level: [2, 3, 4, 5][weighted(rng, &[10, 30, 35, 25])],
                    });
                }
                if chance(rng, 60)
                    && let Some(tag) = pick(rng, &vocabulary.career_tags)
                {
                    expertise.push(Expertise {
                        tag: tag.clone(),
                        level: 2 + rng.u8(..3),
                    });
                }
                expertise.sort_by(|a, b| a.tag.cmp(&b.tag).then(b.level.cmp(&a.level)));
                expertise.dedup_by(|later, first| later.tag == first.tag);
            }
            let experience = [Experience::Early, Experience::Mid, Experience::Senior]
                [weighted(rng, &[20, 45, 35])];
            let years = match experience {
                Experience::Early => 2 + rng.u32(..3),
                Experience::Mid => 5 + rng.u32(..5),
                Experience::Senior => 10 + rng.u32(..15),
            };
            let bio_line = pick(rng, templates::BIO_LINES).copied().unwrap_or_default();
            Some(Mentor {
                id,
                name: basics.name,
                email: basics.email,
                timezone: basics.timezone,
                languages: basics.languages,
                expertise,
                experience: known(Gap::Level).then_some(experience),
                modes: basics.modes,
                capacity: 1 + weighted(rng, &[8, 25, 32, 25, 6, 4]) as u32,
                availability: basics.availability,
                bio: chance(rng, 95).then(|| {
                    format!(
                        "{} with {years} years of experience. {bio_line}",
                        field.role
                    )
                }),
                verified: chance(rng, 70),
                // From the index, not the generator: drawing here would change every later
                // draw, and with it the demo program other tests and snapshots rely on.
                recognition: index % 5 < 3,
                paused_until: None,
                status: [
                    MentorStatus::Active,
                    MentorStatus::Paused,
                    MentorStatus::Retired,
                ][weighted(rng, &[92, 5, 3])],
                joined_at: now - days_between(rng, 150.0, 700.0),
            })
        })
        .collect();
    ensure_every_mentor_status(rng, &mut mentors);
    mentors
}

/// A program with ten or more mentors shows at least one paused and one retired mentor, so
/// the desk's handling of both is always visible.
fn ensure_every_mentor_status(rng: &mut Rng, mentors: &mut [Mentor]) {
    if mentors.len() < 10 {
        return;
    }
    for wanted in [MentorStatus::Paused, MentorStatus::Retired] {
        if mentors.iter().all(|m| m.status != wanted) {
            let candidates: Vec<usize> = (0..mentors.len())
                .filter(|i| mentors[*i].status == MentorStatus::Active)
                .collect();
            if let Some(index) = pick(rng, &candidates) {
                mentors[*index].status = wanted;
            }
        }
    }
}
