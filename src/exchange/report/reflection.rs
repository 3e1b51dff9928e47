//! The report's section on learners' reflections: how many, from how many learners, and
//! their self-reported confidence, apart from the ratings check-ins carry. Built from counts
//! only (the metrics never hold a reflection's words), so no mode can quote one; the
//! anonymised mode's small-count rules apply as everywhere else.

use serde::Serialize;

use super::Mode;
use super::figure::{Count, Stat, Unit};
use super::model::Week;
use crate::domain::metrics::ReflectionMetrics;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reflections {
    pub count: Count,
    pub learners: Count,
    pub per_learner_median: Stat,
    pub rated: Count,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfChange {
    pub learners: Count,
    pub mean_change: Stat,
    pub rose: Count,
    pub same: Count,
    pub fell: Count,
}

/// The section, with the mode's rules applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReflectionSection {
    pub reflections: Reflections,
    pub self_confidence_by_week: Vec<Week>,
    pub self_confidence_change: SelfChange,
}

/// The section's title, the same in text and HTML.
pub const TITLE: &str = "Learners' reflections (their own words: counted, never quoted)";

impl ReflectionSection {
    pub fn of(r: &ReflectionMetrics, mode: Mode) -> ReflectionSection {
        let count = |n: u64| Count::of(n, mode);
        let c = &r.self_confidence_change;
        ReflectionSection {
            reflections: Reflections {
                count: count(r.count),
                learners: count(r.learners),
                per_learner_median: Stat::of(r.per_learner_median, r.learners, mode),
                rated: count(r.rated),
            },
            self_confidence_by_week: r
                .self_confidence_by_week
                .iter()
                .map(|w| Week {
                    week: w.week.to_string(),
                    mean: Stat::of(Some(w.mean), w.ratings, mode),
                    ratings: count(w.ratings),
                })
                .collect(),
            self_confidence_change: SelfChange {
                learners: count(c.learners),
                mean_change: Stat::of(c.mean_change, c.learners, mode),
                rose: count(c.rose),
                same: count(c.same),
                fell: count(c.fell),
            },
        }
    }

    /// The section as labelled lines, for text and HTML alike.
    pub fn rows(&self) -> Vec<(String, String)> {
        let r = &self.reflections;
        let median = r.per_learner_median.words(Unit::Score);
        let mut rows = vec![
            ("reflections recorded".to_string(), r.count.to_string()),
            ("learners who reflected".to_string(), r.learners.to_string()),
            ("median per reflecting learner".to_string(), median),
            (
                "with a self-reported confidence".to_string(),
                r.rated.to_string(),
            ),
        ];
        if self.self_confidence_by_week.is_empty() {
            rows.push(("self-reported confidence by week".into(), "no data".into()));
        }
        for w in &self.self_confidence_by_week {
            rows.push((
                format!("self-reported, week of {}", w.week),
                format!("{} ({} ratings)", w.mean.words(Unit::Score), w.ratings),
            ));
        }
        let c = &self.self_confidence_change;
        rows.push((
            "self-reported change, first to last".into(),
            format!(
                "{} over {} learners: rose {}, same {}, fell {}",
                c.mean_change.words(Unit::Change),
                c.learners,
                c.rose,
                c.same,
                c.fell
            ),
        ));
        rows
    }
}
