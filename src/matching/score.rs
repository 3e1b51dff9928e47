//! The soft score of a pair: how well each criterion is met, the points it earns and a note
//! a coordinator can read.
//!
//! Owns: the per-criterion measures (fractions in thousandths), [`quick_score`] for scoring a
//! whole cohort without allocating, and [`explain`] for the full [`Breakdown`]. Both go
//! through [`measure`], so a score and its explanation can never disagree. Unknown input
//! gives no points and is flagged, never guessed. The words of each line are in `note`.

use serde::Serialize;

use crate::domain::{Experience, Track};

use super::context::{PreparedLearner, PreparedMentor, TagKey};
use super::note::note;
use super::weights::{Allocation, Criterion};

/// Overlap, in minutes a week, that earns full schedule marks.
pub const FULL_SCHEDULE_MINUTES: u32 = 240;
/// Offset difference, in minutes, at which the zone criterion reaches zero.
pub const ZONE_ZERO_MINUTES: u32 = 12 * 60;
/// Interests that must be covered for full topic marks (a mentor need not cover a long list).
pub const TOPICS_FOR_FULL_MARKS: u32 = 3;
/// Declines after which the rotation criterion gives nothing.
pub const DECLINES_TO_ZERO: u32 = 5;

/// How well one criterion is met, in thousandths; `None` when a side left it unknown.
pub type Measure = Option<u32>;

fn topic(learner: &PreparedLearner, mentor: &PreparedMentor) -> Measure {
    if learner.interests.is_empty() || mentor.expertise.is_empty() {
        return None;
    }
    let level_sum = shared_topics(learner, mentor)
        .map(|(_, level)| u32::from(level))
        .sum::<u32>();
    let wanted = (learner.interests.len() as u32).min(TOPICS_FOR_FULL_MARKS);
    Some((level_sum * 1000 / (5 * wanted)).min(1000))
}

/// Interests the mentor has expertise in, with the mentor's level (1–5).
pub(super) fn shared_topics<'a>(
    learner: &'a PreparedLearner,
    mentor: &'a PreparedMentor,
) -> impl Iterator<Item = (&'a str, u8)> + 'a {
    matching_expertise(&learner.interests, mentor)
}

/// Tags of `wanted` (sorted) the mentor has expertise in, with the mentor's level (1–5).
fn matching_expertise<'a>(
    wanted: &'a [TagKey],
    mentor: &'a PreparedMentor,
) -> impl Iterator<Item = (&'a str, u8)> + 'a {
    let mut expertise = mentor.expertise.iter().peekable();
    wanted.iter().filter_map(move |interest| {
        while expertise.next_if(|e| e.key < *interest).is_some() {}
        expertise
            .next_if(|e| e.key == *interest)
            .map(|e| (e.key.tag.as_str(), e.level))
    })
}

pub(super) fn overlap_minutes(learner: &PreparedLearner, mentor: &PreparedMentor) -> Option<u32> {
    match (&learner.slots, &mentor.slots) {
        (Some(a), Some(b)) => Some(a.overlap_minutes(b)),
        _ => None,
    }
}

fn schedule(learner: &PreparedLearner, mentor: &PreparedMentor) -> Measure {
    overlap_minutes(learner, mentor)
        .map(|minutes| minutes.min(FULL_SCHEDULE_MINUTES) * 1000 / FULL_SCHEDULE_MINUTES)
}

/// Level fit in thousandths: beginners do well with anyone; the further along a learner is,
/// the more a senior mentor is worth.
pub fn level_fit(track: Track, experience: Experience) -> u32 {
    match (track, experience) {
        (Track::Beginner, _) => 1000,
        (Track::Intermediate, Experience::Early) => 500,
        (Track::Intermediate, _) => 1000,
        (Track::Advanced, Experience::Early) => 0,
        (Track::Advanced, Experience::Mid) => 600,
        (Track::Advanced, Experience::Senior) => 1000,
    }
}

/// Level fit in thousandths when the learner said which experience they wish for: the band
/// wished for earns full marks, one band off half, two bands off nothing. A stated wish is
/// better knowledge than the guess from the track, so it replaces the track table.
pub fn wished_fit(wish: Experience, experience: Experience) -> u32 {
    match (wish as i32 - experience as i32).unsigned_abs() {
        0 => 1000,
        1 => 500,
        _ => 0,
    }
}

fn level(learner: &PreparedLearner, mentor: &PreparedMentor) -> Measure {
    let experience = mentor.experience?;
    match learner.wished_experience {
        Some(wish) => Some(wished_fit(wish, experience)),
        None => Some(level_fit(learner.track?, experience)),
    }
}

/// Points for a preferred tag per level of the mentor's matching expertise (level 5: full).
const PREFER_PER_LEVEL: u32 = 200;

/// The learner's `prefer`: the mentor asked for by id earns full marks; otherwise the
/// mentor's deepest expertise among the tags asked for, by level. A learner who stated no
/// preference is not scored on it (their allocation gives it no points), hence `Some(0)`.
fn prefer(learner: &PreparedLearner, mentor: &PreparedMentor) -> Measure {
    if !learner.states_preferences() {
        return Some(0);
    }
    if learner.asks_for(&mentor.id) {
        return Some(1000);
    }
    if mentor.expertise.is_empty() {
        return None;
    }
    let best = best_preferred(learner, mentor).map_or(0, |(_, level)| level);
    Some(u32::from(best) * PREFER_PER_LEVEL)
}

/// The preferred tag the mentor knows best, with the level (first tag on a tie).
pub(super) fn best_preferred<'a>(
    learner: &'a PreparedLearner,
    mentor: &'a PreparedMentor,
) -> Option<(&'a str, u8)> {
    matching_expertise(&learner.prefer_tags, mentor).fold(None, |best, (tag, level)| match best {
        Some((_, top)) if top >= level => best,
        _ => Some((tag, level)),
    })
}

/// A mentor's credential in words, the same wherever it is shown.
pub fn credential_words(verified: bool) -> &'static str {
    if verified {
        "verified credential"
    } else {
        "credential not verified"
    }
}

fn credential(mentor: &PreparedMentor) -> Measure {
    Some(if mentor.verified { 1000 } else { 0 })
}

fn mode(learner: &PreparedLearner, mentor: &PreparedMentor) -> Measure {
    if learner.modes.is_unknown() || mentor.modes.is_unknown() {
        return None;
    }
    Some(learner.modes.intersection(mentor.modes).len() * 1000 / learner.modes.len())
}

/// Minutes between two UTC offsets, the short way round the clock (UTC+13 and UTC-11
/// share a wall clock).
pub(super) fn zone_gap_minutes(a: i32, b: i32) -> u32 {
    let gap = (a - b).unsigned_abs() % 1440;
    gap.min(1440 - gap)
}

fn zone(learner: &PreparedLearner, mentor: &PreparedMentor) -> Measure {
    let gap = zone_gap_minutes(learner.zone.offset_minutes, mentor.zone.offset_minutes);
    Some(ZONE_ZERO_MINUTES.saturating_sub(gap) * 1000 / ZONE_ZERO_MINUTES)
}

fn load(mentor: &PreparedMentor) -> Measure {
    if mentor.capacity == 0 {
        return Some(0);
    }
    Some(mentor.remaining_capacity() * 1000 / mentor.capacity)
}

fn rotation(mentor: &PreparedMentor) -> Measure {
    Some(1000 - mentor.recent_declines.min(DECLINES_TO_ZERO) * 1000 / DECLINES_TO_ZERO)
}

/// How well the pair meets one criterion.
pub fn measure(
    criterion: Criterion,
    learner: &PreparedLearner,
    mentor: &PreparedMentor,
) -> Measure {
    match criterion {
        Criterion::Topic => topic(learner, mentor),
        Criterion::Schedule => schedule(learner, mentor),
        Criterion::Level => level(learner, mentor),
        Criterion::Mode => mode(learner, mentor),
        Criterion::Zone => zone(learner, mentor),
        Criterion::Load => load(mentor),
        Criterion::Rotation => rotation(mentor),
        Criterion::Prefer => prefer(learner, mentor),
        Criterion::Credential => credential(mentor),
    }
}

/// A pair's score without its explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuickScore {
    /// 0–1000, the learner-facing score.
    pub total: u32,
    /// The points of the pair-specific criteria only: how the mentor would rank learners
    /// (their own load and rotation are the same for every learner, so they are left out).
    pub mentor_view: u32,
}

/// Scores a pair without building notes: the cohort path.
pub fn quick_score(
    learner: &PreparedLearner,
    mentor: &PreparedMentor,
    allocation: &Allocation,
) -> QuickScore {
    let mut score = QuickScore {
        total: 0,
        mentor_view: 0,
    };
    let allocation = allocation.for_learner(learner.states_preferences());
    for criterion in Criterion::ALL {
        let points = measure(criterion, learner, mentor)
            .map_or(0, |permille| allocation.points(criterion, permille));
        score.total += points;
        if criterion.is_pair_specific() {
            score.mentor_view += points;
        }
    }
    score
}

/// One line of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionScore {
    pub criterion: Criterion,
    pub points: u32,
    pub max_points: u32,
    pub note: String,
    /// A side left this unknown: no points, and the coordinator should ask.
    pub unknown: bool,
}

/// A score with its reasons; `criteria` points add up to `total` exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub total: u32,
    pub criteria: Vec<CriterionScore>,
}

/// Scores a pair and says why.
pub fn explain(
    learner: &PreparedLearner,
    mentor: &PreparedMentor,
    allocation: &Allocation,
) -> Breakdown {
    let allocation = allocation.for_learner(learner.states_preferences());
    let criteria: Vec<CriterionScore> = Criterion::ALL
        .into_iter()
        .map(|criterion| {
            let measured = measure(criterion, learner, mentor);
            CriterionScore {
                criterion,
                points: measured.map_or(0, |p| allocation.points(criterion, p)),
                max_points: allocation.max_points(criterion),
                note: note(criterion, learner, mentor),
                unknown: measured.is_none(),
            }
        })
        .collect();
    Breakdown {
        total: criteria.iter().map(|c| c.points).sum(),
        criteria,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Experience, Track};
    use crate::matching::testkit::{ctx, learner, mentor};
    use crate::matching::weights::Weights;
    use chrono_tz::{America, Asia, Europe, UTC};

    fn breakdown(l: &crate::domain::Learner, m: &crate::domain::Mentor) -> Breakdown {
        breakdown_with(l, m, 0, 0)
    }

    fn breakdown_with(
        l: &crate::domain::Learner,
        m: &crate::domain::Mentor,
        in_use: u32,
        declines: u32,
    ) -> Breakdown {
        let ctx = ctx();
        let pl = PreparedLearner::new(l, &ctx);
        let pm = PreparedMentor::new(m, in_use, declines, &ctx);
        let allocation = Weights::default().allocation();
        let full = explain(&pl, &pm, &allocation);
        let quick = quick_score(&pl, &pm, &allocation);
        assert_eq!(quick.total, full.total);
        assert_eq!(
            full.criteria.iter().map(|c| c.points).sum::<u32>(),
            full.total
        );
        full
    }

    fn line(b: &Breakdown, criterion: Criterion) -> &CriterionScore {
        &b.criteria[criterion.index()]
    }

    #[test]
    fn topic_weights_mentor_level() {
        let l = learner("l").interests("rust;sql;go;ml").build();
        let m = mentor("m").expertise("rust:5;sql:2;cooking:5").build();
        let b = breakdown(&l, &m);
        let topic = line(&b, Criterion::Topic);
        // (5 + 2) / (5 * 3) = 466 thousandths of 300 points.
        assert_eq!(topic.points, 140);
        assert_eq!(topic.note, "shares rust (5/5), sql (2/5)");
        assert!(!topic.unknown);
        let m = mentor("m").expertise("rust:5;sql:5;go:5").build();
        assert_eq!(line(&breakdown(&l, &m), Criterion::Topic).points, 300);
    }

    #[test]
    fn unknown_criteria_give_nothing_and_say_ask() {
        let b = breakdown(&learner("l").build(), &mentor("m").build());
        for criterion in [
            Criterion::Topic,
            Criterion::Schedule,
            Criterion::Level,
            Criterion::Mode,
        ] {
            let entry = line(&b, criterion);
            assert!(entry.unknown, "{criterion}");
            assert_eq!(entry.points, 0);
            assert!(entry.note.ends_with("— ask"), "{}", entry.note);
        }
        assert_eq!(
            line(&b, Criterion::Schedule).note,
            "both sides' availability unknown — ask"
        );
        let l = learner("l").availability("Mon 10:00-12:00").build();
        assert_eq!(
            line(&breakdown(&l, &mentor("m").build()), Criterion::Schedule).note,
            "mentor's availability unknown — ask"
        );
        // Load and rotation are always known.
        assert!(!line(&b, Criterion::Load).unknown);
        assert_eq!(line(&b, Criterion::Load).points, 100);
        assert_eq!(line(&b, Criterion::Rotation).points, 50);
    }

    #[test]
    fn schedule_caps_at_four_hours() {
        let l = learner("l")
            .zone(UTC)
            .availability("Mon 08:00-18:00")
            .build();
        let m = mentor("m")
            .zone(UTC)
            .availability("Mon 10:00-12:00")
            .build();
        let entry = line(&breakdown(&l, &m), Criterion::Schedule).clone();
        assert_eq!(entry.points, 100);
        assert_eq!(entry.note, "2 h a week in common (full marks at 4 h)");
        let m = mentor("m")
            .zone(UTC)
            .availability("Mon 09:00-17:00")
            .build();
        assert_eq!(line(&breakdown(&l, &m), Criterion::Schedule).points, 200);
    }

    #[test]
    fn level_table() {
        assert_eq!(level_fit(Track::Beginner, Experience::Early), 1000);
        assert_eq!(level_fit(Track::Advanced, Experience::Early), 0);
        assert_eq!(level_fit(Track::Advanced, Experience::Mid), 600);
        let l = learner("l").track(Track::Intermediate).build();
        let m = mentor("m").experience(Experience::Early).build();
        let entry = line(&breakdown(&l, &m), Criterion::Level).clone();
        assert_eq!(
            (entry.points, entry.note.as_str()),
            (75, "intermediate learner, early mentor")
        );
    }

    #[test]
    fn mode_share() {
        let l = learner("l").modes("video;chat").build();
        let m = mentor("m").modes("chat;voice").build();
        let entry = line(&breakdown(&l, &m), Criterion::Mode).clone();
        assert_eq!(entry.points, 50);
        assert_eq!(
            entry.note,
            "mentor offers 1 of the learner's 2 ways to meet (chat)"
        );
    }

    #[test]
    fn zone_distance_uses_reference_week_and_short_way_round() {
        let l = learner("l").zone(Asia::Kolkata).build();
        let m = mentor("m").zone(Europe::Madrid).build();
        let entry = line(&breakdown(&l, &m), Criterion::Zone).clone();
        // 4.5 h apart: (720 - 270) / 720 of 100 points.
        assert_eq!(entry.points, 63);
        assert_eq!(entry.note, "4.5 h apart (UTC+5:30 / UTC+1)");
        let l = learner("l").zone(chrono_tz::Pacific::Tongatapu).build();
        let m = mentor("m").zone(chrono_tz::Pacific::Pago_Pago).build();
        assert_eq!(line(&breakdown(&l, &m), Criterion::Zone).points, 100);
        let l = learner("l").zone(America::Bogota).build();
        let entry = line(&breakdown(&l, &mentor("m").build()), Criterion::Zone).clone();
        assert!(
            entry.note.contains("desk default Europe/Madrid assumed"),
            "{}",
            entry.note
        );
        assert!(!entry.unknown);
    }

    #[test]
    fn load_and_rotation() {
        let m = mentor("m").capacity(4).build();
        let b = breakdown_with(&learner("l").build(), &m, 1, 2);
        assert_eq!(line(&b, Criterion::Load).points, 75);
        assert_eq!(line(&b, Criterion::Load).note, "3 of 4 seats free");
        assert_eq!(line(&b, Criterion::Rotation).points, 30);
        assert_eq!(line(&b, Criterion::Rotation).note, "2 recent declines");
    }

    #[test]
    fn mentor_view_leaves_out_mentor_only_criteria() {
        let ctx = ctx();
        let l = PreparedLearner::new(&learner("l").zone(UTC).build(), &ctx);
        let m = PreparedMentor::new(&mentor("m").zone(UTC).build(), 0, 0, &ctx);
        let score = quick_score(&l, &m, &Weights::default().allocation());
        assert_eq!(score.total, 100 + 100 + 50);
        assert_eq!(score.mentor_view, 100);
    }

    #[test]
    fn a_learner_who_stated_no_preference_scores_as_before() {
        let l = learner("l")
            .interests("rust")
            .track(Track::Advanced)
            .build();
        let m = mentor("m").expertise("rust:4").verified().build();
        let b = breakdown(&l, &m);
        let prefer = line(&b, Criterion::Prefer);
        assert_eq!((prefer.points, prefer.max_points), (0, 0));
        assert!(!prefer.unknown);
        assert_eq!(prefer.note, "the learner stated no preference");
        // Credential weighs 0 by default: verified or not, nothing changes.
        assert_eq!(line(&b, Criterion::Credential).max_points, 0);
        assert_eq!(line(&b, Criterion::Credential).note, "verified credential");
        let seven: u32 = b.criteria[..7].iter().map(|c| c.max_points).sum();
        assert_eq!(seven, 1000);
    }

    #[test]
    fn prefer_points_by_id_and_by_tag_add_up_exactly() {
        let l = learner("l").field("prefer", "M-7;rust;sql").build();
        let named = breakdown(&l, &mentor("M-7").build());
        let prefer = line(&named, Criterion::Prefer);
        assert_eq!((prefer.points, prefer.max_points), (167, 167));
        assert_eq!(prefer.note, "the learner asked for this mentor");
        let m = mentor("M-2").expertise("sql:2;rust:4;go:5").build();
        let tagged = breakdown(&l, &m);
        let prefer = line(&tagged, Criterion::Prefer);
        // Deepest preferred expertise rust at 4 of 5: 800 thousandths of 167 points.
        assert_eq!(prefer.points, 134);
        assert_eq!(prefer.note, "has rust (4/5), which the learner asked for");
        let m = mentor("M-3").expertise("go:5").build();
        let prefer = line(&breakdown(&l, &m), Criterion::Prefer).clone();
        assert_eq!(prefer.points, 0);
        assert_eq!(
            prefer.note,
            "not what the learner asked for (M-7, rust, sql)"
        );
        let unknown = line(&breakdown(&l, &mentor("M-4").build()), Criterion::Prefer).clone();
        assert!(unknown.unknown);
        assert_eq!(unknown.note, "mentor's expertise unknown — ask");
    }

    #[test]
    fn a_wished_experience_replaces_the_track_table() {
        assert_eq!(wished_fit(Experience::Senior, Experience::Senior), 1000);
        assert_eq!(wished_fit(Experience::Senior, Experience::Mid), 500);
        assert_eq!(wished_fit(Experience::Early, Experience::Senior), 0);
        let l = learner("l")
            .track(Track::Beginner)
            .field("mentor_experience", "early")
            .build();
        let m = mentor("m").experience(Experience::Senior).build();
        let level = line(&breakdown(&l, &m), Criterion::Level).clone();
        assert_eq!(level.points, 0);
        assert_eq!(
            level.note,
            "learner wishes for an early mentor; mentor is senior"
        );
    }

    #[test]
    fn a_credential_weight_scores_verified_mentors() {
        let ctx = ctx();
        let l = PreparedLearner::new(&learner("l").zone(UTC).build(), &ctx);
        let weights = Weights {
            credential: 10,
            ..Weights::default()
        };
        let allocation = weights.allocation();
        let verified = PreparedMentor::new(&mentor("a").zone(UTC).verified().build(), 0, 0, &ctx);
        let plain = PreparedMentor::new(&mentor("b").zone(UTC).build(), 0, 0, &ctx);
        let (v, p) = (
            quick_score(&l, &verified, &allocation),
            quick_score(&l, &plain, &allocation),
        );
        assert_eq!(v.total - p.total, 91);
        // A mentor's own credential is the same for every learner: not in the mentor's view.
        assert_eq!(v.mentor_view, p.mentor_view);
    }
}
