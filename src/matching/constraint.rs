//! Hard constraints: what makes a learner–mentor pair impossible, said in plain words.
//!
//! Owns: [`Failure`] and the checks that produce it. Unknown is neutral: a field one side
//! left blank never fails a constraint. May use: `crate::domain` and the prepared people.

use std::fmt;

use crate::domain::{MentorStatus, Mode, ModeSet};

use super::context::{MatchContext, PreparedLearner, PreparedMentor, TagKey, keys_intersect};

/// One hard constraint a pair fails.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// Both gave languages and none is shared.
    NoSharedLanguage {
        learner: Vec<String>,
        mentor: Vec<String>,
    },
    /// Both gave communication modes and none is shared.
    NoSharedMode { learner: ModeSet, mentor: ModeSet },
    /// Both gave availability, the weekly overlap is under one session, and they cannot
    /// fall back to working asynchronously.
    ScheduleTooShort {
        overlap_minutes: u32,
        session_minutes: u32,
    },
    /// Someone recorded that this pair must never be proposed.
    Excluded { reason: String },
    /// The learner's `avoid` list names this mentor.
    LearnerAvoids,
    /// The mentor is paused or retired.
    MentorNotActive { status: MentorStatus },
    /// The mentor has no free seat.
    MentorFull { capacity: u32, in_use: u32 },
    /// The learner already has an active or paused pairing.
    LearnerAlreadyPaired,
}

impl Failure {
    /// The hard rule that failed, in a few words (for counting which rule rules out most).
    pub fn rule(&self) -> &'static str {
        match self {
            Failure::NoSharedLanguage { .. } => "no shared language",
            Failure::NoSharedMode { .. } => "no shared way to meet",
            Failure::ScheduleTooShort { .. } => "schedules overlap too little",
            Failure::Excluded { .. } => "excluded",
            Failure::LearnerAvoids => "learner asked to avoid",
            Failure::MentorNotActive { .. } => "mentor not active",
            Failure::MentorFull { .. } => "mentor full",
            Failure::LearnerAlreadyPaired => "learner already paired",
        }
    }
}

fn plain_list(items: &[String]) -> String {
    items.join(", ")
}

fn mode_list(modes: ModeSet) -> String {
    modes
        .iter()
        .map(Mode::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn hours(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        format!("{} h", minutes / 60)
    } else {
        format!("{} min", minutes)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::NoSharedLanguage { learner, mentor } => write!(
                f,
                "no shared language (learner: {}; mentor: {})",
                plain_list(learner),
                plain_list(mentor)
            ),
            Failure::NoSharedMode { learner, mentor } => write!(
                f,
                "no shared way to meet (learner: {}; mentor: {})",
                mode_list(*learner),
                mode_list(*mentor)
            ),
            Failure::ScheduleTooShort {
                overlap_minutes,
                session_minutes,
            } => write!(
                f,
                "weekly schedules overlap {} — less than one {} session, and they cannot both work async",
                hours(*overlap_minutes),
                hours(*session_minutes)
            ),
            Failure::Excluded { reason } => write!(f, "excluded: {reason}"),
            Failure::LearnerAvoids => {
                f.write_str("the learner asked not to be matched with this mentor")
            }
            Failure::MentorNotActive { status } => write!(f, "mentor is {status}, not active"),
            Failure::MentorFull { capacity: 0, .. } => {
                f.write_str("mentor takes no learners (capacity 0)")
            }
            Failure::MentorFull { capacity, in_use } => {
                write!(f, "mentor is full ({in_use} of {capacity} seats taken)")
            }
            Failure::LearnerAlreadyPaired => {
                f.write_str("learner already has an active or paused pairing")
            }
        }
    }
}

fn display_tags(keys: &[TagKey]) -> Vec<String> {
    let mut names: Vec<String> = keys.iter().map(|k| k.tag.to_string()).collect();
    names.sort();
    names
}

/// Whether the languages rule out the pair (both known, nothing shared).
fn languages_clash(learner: &PreparedLearner, mentor: &PreparedMentor) -> bool {
    !learner.languages.is_empty()
        && !mentor.languages.is_empty()
        && !keys_intersect(&learner.languages, &mentor.languages)
}

/// Whether the modes rule out the pair (both known, nothing shared).
fn modes_clash(learner: &PreparedLearner, mentor: &PreparedMentor) -> bool {
    !learner.modes.is_unknown()
        && !mentor.modes.is_unknown()
        && !learner.modes.intersects(mentor.modes)
}

/// The weekly overlap in minutes when it rules out the pair: both schedules known, overlap
/// under one session, and not both willing to work asynchronously.
fn schedule_shortfall(
    learner: &PreparedLearner,
    mentor: &PreparedMentor,
    ctx: &MatchContext,
) -> Option<u32> {
    let (Some(ours), Some(theirs)) = (&learner.slots, &mentor.slots) else {
        return None;
    };
    let overlap = ours.overlap_minutes(theirs);
    let both_async = learner.modes.contains(Mode::Async) && mentor.modes.contains(Mode::Async);
    (overlap < ctx.session_minutes && !both_async).then_some(overlap)
}

/// The pair-level constraints (the learner's `avoid`, language, mode, schedule) without
/// building any message: the fast path used when scoring a whole cohort.
pub fn pair_compatible(
    learner: &PreparedLearner,
    mentor: &PreparedMentor,
    ctx: &MatchContext,
) -> bool {
    !learner.avoids(&mentor.id)
        && !languages_clash(learner, mentor)
        && !modes_clash(learner, mentor)
        && schedule_shortfall(learner, mentor, ctx).is_none()
}

/// Facts about a pair that live outside the two people.
#[derive(Debug, Clone, Copy, Default)]
pub struct PairFacts<'a> {
    /// The reason of an exclusion recorded for this pair, if any.
    pub exclusion: Option<&'a str>,
    /// The learner already has an active or paused pairing.
    pub learner_already_paired: bool,
}

/// Every hard constraint the pair fails, in a fixed order; empty when the pair may be
/// proposed.
pub fn check(
    learner: &PreparedLearner,
    mentor: &PreparedMentor,
    facts: PairFacts<'_>,
    ctx: &MatchContext,
) -> Vec<Failure> {
    let mut failures = Vec::new();
    if facts.learner_already_paired {
        failures.push(Failure::LearnerAlreadyPaired);
    }
    if let Some(reason) = facts.exclusion {
        failures.push(Failure::Excluded {
            reason: reason.to_string(),
        });
    }
    if learner.avoids(&mentor.id) {
        failures.push(Failure::LearnerAvoids);
    }
    if mentor.status != MentorStatus::Active {
        failures.push(Failure::MentorNotActive {
            status: mentor.status,
        });
    }
    if mentor.remaining_capacity() == 0 {
        failures.push(Failure::MentorFull {
            capacity: mentor.capacity,
            in_use: mentor.seats_in_use,
        });
    }
    if languages_clash(learner, mentor) {
        failures.push(Failure::NoSharedLanguage {
            learner: display_tags(&learner.languages),
            mentor: display_tags(&mentor.languages),
        });
    }
    if modes_clash(learner, mentor) {
        failures.push(Failure::NoSharedMode {
            learner: learner.modes,
            mentor: mentor.modes,
        });
    }
    if let Some(overlap_minutes) = schedule_shortfall(learner, mentor, ctx) {
        failures.push(Failure::ScheduleTooShort {
            overlap_minutes,
            session_minutes: ctx.session_minutes,
        });
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::testkit::{ctx, learner, mentor};
    use chrono_tz::{America, Asia, Europe, UTC};

    fn run(
        l: &crate::domain::Learner,
        m: &crate::domain::Mentor,
        facts: PairFacts<'_>,
    ) -> Vec<Failure> {
        let ctx = ctx();
        let pl = PreparedLearner::new(l, &ctx);
        let pm = PreparedMentor::new(m, 0, 0, &ctx);
        let failures = check(&pl, &pm, facts, &ctx);
        let pair_level = failures.iter().all(|f| {
            !matches!(
                f,
                Failure::NoSharedLanguage { .. }
                    | Failure::NoSharedMode { .. }
                    | Failure::ScheduleTooShort { .. }
                    | Failure::LearnerAvoids
            )
        });
        assert_eq!(pair_compatible(&pl, &pm, &ctx), pair_level);
        failures
    }

    #[test]
    fn language_failure_lists_both_sides() {
        let l = learner("l1").languages("es").build();
        let m = mentor("m1").languages("fr;en").build();
        let failures = run(&l, &m, PairFacts::default());
        assert_eq!(failures.len(), 1);
        assert_eq!(
            failures[0].to_string(),
            "no shared language (learner: es; mentor: en, fr)"
        );
    }

    #[test]
    fn unknown_fields_never_fail() {
        let l = learner("l1").build();
        let m = mentor("m1")
            .languages("en")
            .modes("video")
            .availability("Mon 10:00-11:00")
            .build();
        assert!(run(&l, &m, PairFacts::default()).is_empty());
        let l = learner("l1")
            .languages("en")
            .modes("chat")
            .availability("Tue 10:00-12:00")
            .build();
        let m = mentor("m1").build();
        assert!(run(&l, &m, PairFacts::default()).is_empty());
    }

    #[test]
    fn mode_failure() {
        let l = learner("l1").modes("chat").build();
        let m = mentor("m1").modes("video;voice").build();
        let failures = run(&l, &m, PairFacts::default());
        assert_eq!(
            failures[0].to_string(),
            "no shared way to meet (learner: chat; mentor: video, voice)"
        );
    }

    #[test]
    fn schedule_failure_unless_both_async() {
        let l = learner("l1")
            .zone(UTC)
            .availability("Mon 10:00-10:45")
            .modes("video")
            .build();
        let m = mentor("m1")
            .zone(UTC)
            .availability("Mon 10:00-12:00")
            .modes("video;async")
            .build();
        let failures = run(&l, &m, PairFacts::default());
        assert_eq!(failures.len(), 1);
        assert!(
            failures[0].to_string().contains("overlap 45 min"),
            "{}",
            failures[0]
        );
        let l = learner("l1")
            .zone(UTC)
            .availability("Mon 10:00-10:45")
            .modes("video;async")
            .build();
        assert!(run(&l, &m, PairFacts::default()).is_empty());
    }

    #[test]
    fn schedule_across_half_and_quarter_hour_zones() {
        // Kolkata 20:30 = 15:00 UTC; Kathmandu 20:45 = 15:00 UTC; Madrid 16:00 = 15:00 UTC.
        let m = mentor("m1")
            .zone(Europe::Madrid)
            .availability("Mon 16:00-17:00")
            .build();
        for (zone, block) in [
            (Asia::Kolkata, "Mon 20:30-21:30"),
            (Asia::Kathmandu, "Mon 20:45-21:45"),
        ] {
            let l = learner("l1").zone(zone).availability(block).build();
            assert!(run(&l, &m, PairFacts::default()).is_empty(), "{zone}");
        }
        let l = learner("l1")
            .zone(America::Bogota)
            .availability("Mon 10:30-11:30")
            .build();
        assert_eq!(run(&l, &m, PairFacts::default()).len(), 1);
    }

    #[test]
    fn dst_week_changes_the_overlap() {
        // Madrid springs forward on 2026-03-29; New York already did on 2026-03-08. In the
        // week of 2026-03-23 Madrid is UTC+1 and New York UTC-4: five hours apart, not six.
        let week = chrono::NaiveDate::from_ymd_opt(2026, 3, 23).unwrap();
        let ctx = MatchContext::new(week, UTC);
        let l = learner("l1")
            .zone(America::New_York)
            .availability("Mon 12:00-13:00")
            .build();
        let m = mentor("m1")
            .zone(Europe::Madrid)
            .availability("Mon 17:00-18:00")
            .build();
        let pl = PreparedLearner::new(&l, &ctx);
        let pm = PreparedMentor::new(&m, 0, 0, &ctx);
        assert!(check(&pl, &pm, PairFacts::default(), &ctx).is_empty());
    }

    #[test]
    fn avoid_rules_the_mentor_out_with_its_reason() {
        let l = learner("l1").field("avoid", "m2;m1").build();
        let failures = run(&l, &mentor("m1").build(), PairFacts::default());
        assert_eq!(failures, [Failure::LearnerAvoids]);
        assert_eq!(
            failures[0].to_string(),
            "the learner asked not to be matched with this mentor"
        );
        assert_eq!(failures[0].rule(), "learner asked to avoid");
        assert!(run(&l, &mentor("m3").build(), PairFacts::default()).is_empty());
    }

    #[test]
    fn every_failure_is_reported() {
        let l = learner("l1")
            .languages("es")
            .modes("chat")
            .field("avoid", "m1")
            .build();
        let m = mentor("m1")
            .languages("en")
            .modes("video")
            .status(MentorStatus::Paused)
            .capacity(0)
            .build();
        let failures = run(
            &l,
            &m,
            PairFacts {
                exclusion: Some("conflict of interest"),
                learner_already_paired: true,
            },
        );
        let text: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "learner already has an active or paused pairing",
                "excluded: conflict of interest",
                "the learner asked not to be matched with this mentor",
                "mentor is paused, not active",
                "mentor takes no learners (capacity 0)",
                "no shared language (learner: es; mentor: en)",
                "no shared way to meet (learner: chat; mentor: video)",
            ]
        );
    }
}
