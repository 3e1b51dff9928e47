//! The soft score of a pair: how well each criterion is met, the points it earns and a note
//! a coordinator can read.
//!
//! Owns: the per-criterion measures (fractions in thousandths), [`quick_score`] for scoring a
//! whole cohort without allocating, and [`explain`] for the full [`Breakdown`]. Both go
//! through [`measure`], so a score and its explanation can never disagree. Unknown input
//! gives no points and is flagged, never guessed.

use serde::Serialize;

use crate::domain::{Experience, Mode, Track};

use super::context::{PreparedLearner, PreparedMentor};
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
fn shared_topics<'a>(
    learner: &'a PreparedLearner,
    mentor: &'a PreparedMentor,
) -> impl Iterator<Item = (&'a str, u8)> + 'a {
    let mut expertise = mentor.expertise.iter().peekable();
    learner.interests.iter().filter_map(move |interest| {
        while expertise.next_if(|e| e.key < *interest).is_some() {}
        expertise
            .next_if(|e| e.key == *interest)
            .map(|e| (e.key.tag.as_str(), e.level))
    })
}

fn overlap_minutes(learner: &PreparedLearner, mentor: &PreparedMentor) -> Option<u32> {
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

fn level(learner: &PreparedLearner, mentor: &PreparedMentor) -> Measure {
    Some(level_fit(learner.track?, mentor.experience?))
}

fn mode(learner: &PreparedLearner, mentor: &PreparedMentor) -> Measure {
    if learner.modes.is_unknown() || mentor.modes.is_unknown() {
        return None;
    }
    Some(learner.modes.intersection(mentor.modes).len() * 1000 / learner.modes.len())
}

/// Minutes between two UTC offsets, the short way round the clock (UTC+13 and UTC-11
/// share a wall clock).
fn zone_gap_minutes(a: i32, b: i32) -> u32 {
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

/// Which side left a field unknown, as a phrase: "learner's", "mentor's" or "both sides'".
fn unknown_side(learner_unknown: bool, mentor_unknown: bool) -> &'static str {
    match (learner_unknown, mentor_unknown) {
        (true, true) => "both sides'",
        (true, false) => "learner's",
        _ => "mentor's",
    }
}

fn format_hours(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        format!("{} h", minutes / 60)
    } else {
        format!("{:.1} h", f64::from(minutes) / 60.0)
    }
}

fn format_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let abs = minutes.unsigned_abs();
    if abs.is_multiple_of(60) {
        format!("UTC{sign}{}", abs / 60)
    } else {
        format!("UTC{sign}{}:{:02}", abs / 60, abs % 60)
    }
}

fn modes_text(modes: crate::domain::ModeSet) -> String {
    modes
        .iter()
        .map(Mode::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn note(criterion: Criterion, learner: &PreparedLearner, mentor: &PreparedMentor) -> String {
    match criterion {
        Criterion::Topic => {
            if learner.interests.is_empty() || mentor.expertise.is_empty() {
                let side = unknown_side(learner.interests.is_empty(), mentor.expertise.is_empty());
                let what = if mentor.expertise.is_empty() && !learner.interests.is_empty() {
                    "expertise"
                } else {
                    "interests"
                };
                return format!("{side} {what} unknown — ask");
            }
            let mut shared: Vec<String> = shared_topics(learner, mentor)
                .map(|(tag, level)| format!("{tag} ({level}/5)"))
                .collect();
            shared.sort();
            if shared.is_empty() {
                "no shared topics".to_string()
            } else {
                format!("shares {}", shared.join(", "))
            }
        }
        Criterion::Schedule => match overlap_minutes(learner, mentor) {
            Some(minutes) => format!(
                "{} a week in common (full marks at {})",
                format_hours(minutes),
                format_hours(FULL_SCHEDULE_MINUTES)
            ),
            None => format!(
                "{} availability unknown — ask",
                unknown_side(learner.slots.is_none(), mentor.slots.is_none())
            ),
        },
        Criterion::Level => match (learner.track, mentor.experience) {
            (Some(track), Some(experience)) => {
                format!("{track} learner, {experience} mentor")
            }
            (track, experience) => {
                let what = if track.is_none() {
                    "track"
                } else {
                    "experience"
                };
                format!(
                    "{} {what} unknown — ask",
                    unknown_side(track.is_none(), experience.is_none())
                )
            }
        },
        Criterion::Mode => {
            if learner.modes.is_unknown() || mentor.modes.is_unknown() {
                return format!(
                    "{} ways to meet unknown — ask",
                    unknown_side(learner.modes.is_unknown(), mentor.modes.is_unknown())
                );
            }
            let shared = learner.modes.intersection(mentor.modes);
            format!(
                "mentor offers {} of the learner's {} ways to meet ({})",
                shared.len(),
                learner.modes.len(),
                modes_text(shared)
            )
        }
        Criterion::Zone => {
            let gap = zone_gap_minutes(learner.zone.offset_minutes, mentor.zone.offset_minutes);
            let mut text = format!(
                "{} apart ({} / {})",
                format_hours(gap),
                format_offset(learner.zone.offset_minutes),
                format_offset(mentor.zone.offset_minutes)
            );
            if !learner.zone.given || !mentor.zone.given {
                text.push_str(&format!(
                    "; {} zone not given, desk default {} assumed",
                    unknown_side(!learner.zone.given, !mentor.zone.given),
                    learner_or_mentor_default(learner, mentor)
                ));
            }
            text
        }
        Criterion::Load => format!(
            "{} of {} seats free",
            mentor.remaining_capacity(),
            mentor.capacity
        ),
        Criterion::Rotation => match mentor.recent_declines {
            0 => "no recent declines".to_string(),
            1 => "1 recent decline".to_string(),
            n => format!("{n} recent declines"),
        },
    }
}

fn learner_or_mentor_default(learner: &PreparedLearner, mentor: &PreparedMentor) -> String {
    if learner.zone.given {
        mentor.zone.zone.name().to_string()
    } else {
        learner.zone.zone.name().to_string()
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
}
