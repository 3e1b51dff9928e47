//! The soft criteria of a match and how much each one counts.
//!
//! Owns: [`Criterion`], [`Weights`] (editable by name, bounded) and [`Allocation`], the
//! split of the 1000 score points among criteria that every score and breakdown uses (one
//! split for learners who stated preferences, one for those who did not).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::MatchError;

/// Highest value a single weight may take.
pub const MAX_WEIGHT: u32 = 100;
/// Points of a perfect score (shown to people as 100.0).
pub const SCORE_SCALE: u32 = 1000;

/// A score as people read it: 0.0–100.0 with one decimal. Scores are kept as points out of
/// [`SCORE_SCALE`]; a mean may fall between points, hence `f64`.
pub fn score_text(points: impl Into<f64>) -> String {
    format!("{:.1}", points.into() * 100.0 / f64::from(SCORE_SCALE))
}

/// A score typed as people read it (0–100) back into points, `None` outside that range.
pub fn score_points(shown: f64) -> Option<u32> {
    (0.0..=100.0).contains(&shown).then(|| {
        // In range, so the rounded value fits: 0 ..= SCORE_SCALE.
        (shown * f64::from(SCORE_SCALE) / 100.0).round() as u32
    })
}

/// How many criteria there are.
pub const COUNT: usize = 9;

/// One soft criterion of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Criterion {
    /// Learner interests against mentor expertise, weighted by proficiency.
    Topic,
    /// Weekly schedule overlap.
    Schedule,
    /// Learner track against mentor experience band.
    Level,
    /// Share of the learner's communication modes the mentor offers.
    Mode,
    /// Distance between the two UTC offsets in the reference week.
    Zone,
    /// The mentor's free capacity (spreads learners across mentors).
    Load,
    /// Recent declines of the mentor's proposals (rotates recommendations).
    Rotation,
    /// The mentors (by id) or expertise the learner asked for. Counted only for a learner
    /// who said what they prefer, so a learner who said nothing is scored as before.
    Prefer,
    /// The mentor's verified credential (a trust signal; weight 0 unless a program wants it).
    Credential,
}

impl Criterion {
    /// Every criterion, in the order breakdowns list them.
    pub const ALL: [Criterion; COUNT] = [
        Criterion::Topic,
        Criterion::Schedule,
        Criterion::Level,
        Criterion::Mode,
        Criterion::Zone,
        Criterion::Load,
        Criterion::Rotation,
        Criterion::Prefer,
        Criterion::Credential,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Topic => "topic",
            Criterion::Schedule => "schedule",
            Criterion::Level => "level",
            Criterion::Mode => "mode",
            Criterion::Zone => "zone",
            Criterion::Load => "load",
            Criterion::Rotation => "rotation",
            Criterion::Prefer => "prefer",
            Criterion::Credential => "credential",
        }
    }

    /// Position in [`Criterion::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the criterion depends on the pair, not only on the mentor. Mentor-only
    /// criteria (load, rotation, credential) are left out of the mentor's view of a learner.
    pub fn is_pair_specific(self) -> bool {
        !matches!(
            self,
            Criterion::Load | Criterion::Rotation | Criterion::Credential
        )
    }

    pub fn parse(name: &str) -> Result<Criterion, MatchError> {
        let lowered = name.trim().to_ascii_lowercase();
        Criterion::ALL
            .into_iter()
            .find(|c| c.as_str() == lowered)
            .ok_or_else(|| MatchError::UnknownWeight {
                name: name.trim().to_string(),
                known: Weights::names().join(", "),
            })
    }
}

impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much each criterion counts, 0 to [`MAX_WEIGHT`]. Only the ratios matter: the score
/// is always out of [`SCORE_SCALE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Weights {
    pub topic: u32,
    pub schedule: u32,
    pub level: u32,
    pub mode: u32,
    pub zone: u32,
    pub load: u32,
    pub rotation: u32,
    /// Settings and files written before this criterion existed read as the default.
    #[serde(default = "default_prefer")]
    pub prefer: u32,
    #[serde(default)]
    pub credential: u32,
}

/// The default `prefer` weight: a learner's stated wish counts for 20 of 120, about a sixth of
/// their score (more than a mode or zone, less than topic or schedule).
pub const DEFAULT_PREFER_WEIGHT: u32 = 20;

fn default_prefer() -> u32 {
    DEFAULT_PREFER_WEIGHT
}

impl Default for Weights {
    /// The seven criteria every pair is scored on sum to 100, so each reads as a percentage
    /// of the score of a learner who stated no preference. `prefer` joins only for a learner
    /// who did; `credential` is 0, so verified credentials change no ranking until a
    /// program asks them to.
    fn default() -> Self {
        Weights {
            topic: 30,
            schedule: 20,
            level: 15,
            mode: 10,
            zone: 10,
            load: 10,
            rotation: 5,
            prefer: DEFAULT_PREFER_WEIGHT,
            credential: 0,
        }
    }
}

impl Weights {
    /// The weight names, in breakdown order.
    pub fn names() -> [&'static str; COUNT] {
        Criterion::ALL.map(Criterion::as_str)
    }

    /// The weight called `name` (case-insensitive); `None` for an unknown name.
    pub fn get(&self, name: &str) -> Option<u32> {
        Criterion::parse(name).ok().map(|c| self.weight(c))
    }

    /// Sets the weight called `name`, refusing unknown names and values over [`MAX_WEIGHT`].
    pub fn set(&mut self, name: &str, value: u32) -> Result<(), MatchError> {
        let criterion = Criterion::parse(name)?;
        if value > MAX_WEIGHT {
            return Err(MatchError::WeightOutOfRange {
                name: criterion.as_str().to_string(),
                value,
                max: MAX_WEIGHT,
            });
        }
        *self.weight_mut(criterion) = value;
        Ok(())
    }

    pub fn weight(&self, criterion: Criterion) -> u32 {
        match criterion {
            Criterion::Topic => self.topic,
            Criterion::Schedule => self.schedule,
            Criterion::Level => self.level,
            Criterion::Mode => self.mode,
            Criterion::Zone => self.zone,
            Criterion::Load => self.load,
            Criterion::Rotation => self.rotation,
            Criterion::Prefer => self.prefer,
            Criterion::Credential => self.credential,
        }
    }

    fn weight_mut(&mut self, criterion: Criterion) -> &mut u32 {
        match criterion {
            Criterion::Topic => &mut self.topic,
            Criterion::Schedule => &mut self.schedule,
            Criterion::Level => &mut self.level,
            Criterion::Mode => &mut self.mode,
            Criterion::Zone => &mut self.zone,
            Criterion::Load => &mut self.load,
            Criterion::Rotation => &mut self.rotation,
            Criterion::Prefer => &mut self.prefer,
            Criterion::Credential => &mut self.credential,
        }
    }

    /// Sum of all weights.
    pub fn total(&self) -> u32 {
        Criterion::ALL.into_iter().map(|c| self.weight(c)).sum()
    }

    /// Splits [`SCORE_SCALE`] points among the criteria in proportion to the weights, once
    /// for learners who stated preferences and once for those who did not.
    pub fn allocation(&self) -> Allocation {
        Allocation {
            stated: Shares::new(self, true),
            silent: Shares::new(self, false),
        }
    }
}

/// The two splits of the score a set of weights gives: [`Allocation::for_learner`] picks one.
///
/// A learner who said nothing about whom they prefer is scored without the `prefer`
/// criterion at all (its weight leaves the sum), so their scores, and the rankings of every
/// learner like them, are exactly what they were before the criterion existed. A learner
/// who did is scored out of the same 1000 points with `prefer` among the criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Allocation {
    stated: Shares,
    silent: Shares,
}

impl Allocation {
    /// The split for a learner who stated preferences (`true`) or did not.
    pub fn for_learner(&self, states_preferences: bool) -> &Shares {
        if states_preferences {
            &self.stated
        } else {
            &self.silent
        }
    }
}

/// The most points each criterion can give one learner. The shares sum to exactly
/// [`SCORE_SCALE`] (or to 0 when every weight counted is 0).
///
/// Rounding: each criterion first gets the floor of `1000 * w / sum(w)`; the points left
/// over (fewer than the number of criteria) go one each to the largest remainders, ties to
/// the earlier criterion (the largest-remainder method). A pair's points for a criterion are
/// then `round_half_up(max_points * fraction)`, and the score is the sum of those points, so
/// a breakdown always adds up to its score exactly. The score differs from the real-valued
/// `1000 * sum(w*f) / sum(w)` by less than one point per criterion. A criterion of weight 0
/// has no remainder, so it never takes a left-over point: adding one changes no other share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shares {
    max_points: [u32; COUNT],
}

impl Shares {
    fn new(weights: &Weights, with_prefer: bool) -> Shares {
        let weight = |criterion: Criterion| {
            if criterion == Criterion::Prefer && !with_prefer {
                0
            } else {
                weights.weight(criterion)
            }
        };
        let total: u32 = Criterion::ALL.into_iter().map(weight).sum();
        let mut max_points = [0u32; COUNT];
        if total == 0 {
            return Shares { max_points };
        }
        let mut remainders = [(0u32, 0usize); COUNT];
        for criterion in Criterion::ALL {
            let scaled = weight(criterion) * SCORE_SCALE;
            max_points[criterion.index()] = scaled / total;
            remainders[criterion.index()] = (scaled % total, criterion.index());
        }
        let handed_out: u32 = max_points.iter().sum();
        // Largest remainder first; among equal remainders the earlier criterion.
        remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, index) in remainders.iter().take((SCORE_SCALE - handed_out) as usize) {
            max_points[*index] += 1;
        }
        Shares { max_points }
    }

    pub fn max_points(&self, criterion: Criterion) -> u32 {
        self.max_points[criterion.index()]
    }

    /// Points for a criterion met to `permille` thousandths (clamped to 1000), rounded half up.
    pub fn points(&self, criterion: Criterion, permille: u32) -> u32 {
        let max = self.max_points(criterion);
        (max * permille.min(1000) + 500) / 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_as_zero_to_one_hundred_and_back() {
        assert_eq!(score_text(624u32), "62.4");
        assert_eq!(score_text(SCORE_SCALE), "100.0");
        assert_eq!(score_text(412.25), "41.2");
        assert_eq!(score_points(62.4), Some(624));
        assert_eq!(score_points(100.0), Some(SCORE_SCALE));
        assert_eq!(score_points(0.0), Some(0));
        assert_eq!(score_points(100.1), None);
        assert_eq!(score_points(-0.5), None);
        assert_eq!(score_points(f64::NAN), None);
    }

    #[test]
    fn defaults_sum_to_one_hundred_without_prefer() {
        let defaults = Weights::default();
        assert_eq!(defaults.total() - defaults.prefer, 100);
        let silent = *defaults.allocation().for_learner(false);
        assert_eq!(silent.max_points(Criterion::Topic), 300);
        assert_eq!(silent.max_points(Criterion::Prefer), 0);
        assert_eq!(silent.max_points(Criterion::Credential), 0);
        let stated = *defaults.allocation().for_learner(true);
        // 20 of 120: 166.67 points, the left-over point to the largest remainder.
        assert_eq!(stated.max_points(Criterion::Prefer), 167);
        assert_eq!(stated.max_points(Criterion::Topic), 250);
    }

    #[test]
    fn a_zero_weight_criterion_changes_no_other_share() {
        let seven = |w: Weights| {
            let shares = *w.allocation().for_learner(false);
            Criterion::ALL.map(|c| shares.max_points(c))
        };
        let odd = Weights {
            topic: 7,
            schedule: 13,
            level: 3,
            mode: 29,
            zone: 1,
            load: 11,
            rotation: 17,
            prefer: 50,
            credential: 0,
        };
        let mut with_prefer_zero = odd;
        with_prefer_zero.prefer = 0;
        assert_eq!(seven(odd), seven(with_prefer_zero));
    }

    #[test]
    fn older_settings_without_the_new_weights_read_as_defaults() {
        let old =
            r#"{"topic":30,"schedule":20,"level":15,"mode":10,"zone":10,"load":10,"rotation":5}"#;
        let read: Weights = serde_json::from_str(old).unwrap();
        assert_eq!(read, Weights::default());
    }

    #[test]
    fn get_and_set_by_name() {
        let mut weights = Weights::default();
        weights.set("Schedule", 40).unwrap();
        assert_eq!(weights.get("schedule"), Some(40));
        assert_eq!(weights.get("nope"), None);
        let err = weights.set("colour", 3).unwrap_err().to_string();
        assert!(
            err.contains("topic, schedule, level, mode, zone, load, rotation, prefer, credential"),
            "{err}"
        );
        let err = weights.set("zone", 101).unwrap_err().to_string();
        assert!(err.contains("0 to 100"), "{err}");
    }

    #[test]
    fn allocation_sums_exactly_for_awkward_weights() {
        for (a, b, c) in [(1, 1, 1), (7, 3, 0), (0, 0, 1), (33, 33, 34), (100, 1, 1)] {
            let weights = Weights {
                topic: a,
                schedule: b,
                level: c,
                mode: a,
                zone: b,
                load: c,
                rotation: 1,
                prefer: b,
                credential: c,
            };
            for stated in [false, true] {
                let shares = *weights.allocation().for_learner(stated);
                let sum: u32 = Criterion::ALL.iter().map(|k| shares.max_points(*k)).sum();
                assert_eq!(sum, SCORE_SCALE, "{weights:?}");
            }
        }
    }

    #[test]
    fn all_zero_weights_give_zero_points() {
        let zero = Weights {
            topic: 0,
            schedule: 0,
            level: 0,
            mode: 0,
            zone: 0,
            load: 0,
            rotation: 0,
            prefer: 0,
            credential: 0,
        };
        let allocation = *zero.allocation().for_learner(true);
        assert!(
            Criterion::ALL
                .iter()
                .all(|c| allocation.points(*c, 1000) == 0)
        );
    }

    #[test]
    fn points_round_half_up_and_never_exceed_max() {
        let allocation = *Weights::default().allocation().for_learner(false);
        assert_eq!(allocation.points(Criterion::Rotation, 500), 25);
        assert_eq!(allocation.points(Criterion::Topic, 1000), 300);
        assert_eq!(allocation.points(Criterion::Topic, 5000), 300);
        assert_eq!(allocation.points(Criterion::Level, 1), 0);
    }
}
