//! The note on each line of a score's breakdown: what a coordinator reads beside the points
//! (shared topics, hours in common, the learner's wish, the credential), and "— ask" where a
//! side left something unknown.
//!
//! Owns: the wording of breakdown notes. May use: the measures in `score` (so a note never
//! describes something the points did not use) and the prepared people.

use crate::domain::{Experience, Mode};

use super::context::{PreparedLearner, PreparedMentor};
use super::score::{
    FULL_SCHEDULE_MINUTES, best_preferred, credential_words, overlap_minutes, shared_topics,
    zone_gap_minutes,
};
use super::weights::Criterion;

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

pub(super) fn note(
    criterion: Criterion,
    learner: &PreparedLearner,
    mentor: &PreparedMentor,
) -> String {
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
        Criterion::Level => match (learner.wished_experience, mentor.experience) {
            (Some(wish), Some(experience)) => {
                format!(
                    "learner wishes for {} mentor; mentor is {experience}",
                    a_band(wish)
                )
            }
            (Some(wish), None) => format!(
                "learner wishes for {} mentor; mentor's experience unknown — ask",
                a_band(wish)
            ),
            (None, _) => level_note(learner, mentor),
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
        Criterion::Prefer => prefer_note(learner, mentor),
        Criterion::Credential => credential_words(mentor.verified).to_string(),
    }
}

/// "an early", "a mid", "a senior".
fn a_band(band: Experience) -> String {
    match band {
        Experience::Early => format!("an {band}"),
        _ => format!("a {band}"),
    }
}

/// The level note from the learner's track (no wished-for experience).
fn level_note(learner: &PreparedLearner, mentor: &PreparedMentor) -> String {
    match (learner.track, mentor.experience) {
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
    }
}

fn prefer_note(learner: &PreparedLearner, mentor: &PreparedMentor) -> String {
    if !learner.states_preferences() {
        return "the learner stated no preference".to_string();
    }
    if learner.asks_for(&mentor.id) {
        return "the learner asked for this mentor".to_string();
    }
    if mentor.expertise.is_empty() {
        return "mentor's expertise unknown — ask".to_string();
    }
    match best_preferred(learner, mentor) {
        Some((tag, level)) => format!("has {tag} ({level}/5), which the learner asked for"),
        None => format!(
            "not what the learner asked for ({})",
            learner.prefer_ids.join(", ")
        ),
    }
}

fn learner_or_mentor_default(learner: &PreparedLearner, mentor: &PreparedMentor) -> String {
    if learner.zone.given {
        mentor.zone.zone.name().to_string()
    } else {
        learner.zone.zone.name().to_string()
    }
}
