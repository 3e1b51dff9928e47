//! The reflection metrics: how many learners put their progress in their own words in the
//! period, and their self-reported confidence, kept apart from the ratings check-ins carry
//! (a learner rating themselves and a mentor's session record are different measures).
//! Counts only: no reflection's words ever reach a metric.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::WeekConfidence;
use super::compute::weekly_means;
use super::period::Frame;
use super::stats::{mean, quantile};
use crate::domain::LearnerId;
use crate::domain::reflection::ReflectionSummary;

/// Reflections over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReflectionMetrics {
    /// Reflections dated in the period.
    pub count: u64,
    /// Learners with at least one.
    pub learners: u64,
    /// Reflections per reflecting learner: the median.
    pub per_learner_median: Option<f64>,
    /// Reflections that gave a confidence.
    pub rated: u64,
    /// Mean self-reported confidence (1-5) by week, oldest first; only weeks with a rating.
    pub self_confidence_by_week: Vec<WeekConfidence>,
    pub self_confidence_change: SelfConfidenceChange,
}

/// Per learner with two or more self-reported ratings in the period: latest minus first.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SelfConfidenceChange {
    pub learners: u64,
    pub mean_change: Option<f64>,
    pub rose: u64,
    pub same: u64,
    pub fell: u64,
}

/// The reflection metrics of `reflections` over `frame`.
pub fn reflection_metrics(reflections: &[ReflectionSummary], frame: &Frame) -> ReflectionMetrics {
    let mut in_window: Vec<&ReflectionSummary> = reflections
        .iter()
        .filter(|r| frame.window.contains(r.at))
        .collect();
    in_window.sort_by_key(|r| r.at);
    let mut per_learner: HashMap<&LearnerId, u64> = HashMap::new();
    for r in &in_window {
        *per_learner.entry(&r.learner).or_default() += 1;
    }
    let mut counts: Vec<f64> = per_learner.values().map(|n| *n as f64).collect();
    counts.sort_by(f64::total_cmp);
    let rated: Vec<(&ReflectionSummary, u8)> = in_window
        .iter()
        .filter_map(|r| r.confidence.map(|c| (*r, c.get())))
        .collect();
    let mut by_learner: BTreeMap<&LearnerId, Vec<u8>> = BTreeMap::new();
    for (r, value) in &rated {
        by_learner.entry(&r.learner).or_default().push(*value);
    }
    let changes: Vec<i32> = by_learner
        .values()
        .filter(|values| values.len() >= 2)
        .filter_map(|values| Some(i32::from(*values.last()?) - i32::from(*values.first()?)))
        .collect();
    let as_f64: Vec<f64> = changes.iter().map(|c| f64::from(*c)).collect();
    ReflectionMetrics {
        count: in_window.len() as u64,
        learners: per_learner.len() as u64,
        per_learner_median: quantile(&counts, 0.5),
        rated: rated.len() as u64,
        self_confidence_by_week: weekly_means(rated.iter().map(|(r, v)| (r.at, *v)), frame),
        self_confidence_change: SelfConfidenceChange {
            learners: changes.len() as u64,
            mean_change: mean(&as_f64),
            rose: changes.iter().filter(|c| **c > 0).count() as u64,
            same: changes.iter().filter(|c| **c == 0).count() as u64,
            fell: changes.iter().filter(|c| **c < 0).count() as u64,
        },
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;
    use crate::domain::Confidence;
    use crate::domain::metrics::Period;

    fn said(learner: &str, days_ago: i64, confidence: Option<u8>) -> ReflectionSummary {
        let now = Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0).unwrap();
        ReflectionSummary {
            learner: LearnerId::parse(learner).unwrap(),
            at: now - Duration::days(days_ago),
            confidence: confidence.map(|v| Confidence::new(v).unwrap()),
        }
    }

    #[test]
    fn reflections_are_counted_and_self_ratings_kept_apart() {
        let now = Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0).unwrap();
        let frame = Frame::new(Period::LastDays(30), now, chrono_tz::UTC);
        let all = [
            said("L1", 20, Some(2)),
            said("L1", 10, None),
            said("L1", 1, Some(4)),
            said("L2", 3, Some(3)),
            // Outside the period.
            said("L3", 90, Some(5)),
        ];
        let m = reflection_metrics(&all, &frame);
        assert_eq!((m.count, m.learners, m.rated), (4, 2, 3));
        assert_eq!(m.per_learner_median, Some(2.0), "L1 3, L2 1");
        let change = m.self_confidence_change;
        assert_eq!(
            (change.learners, change.rose, change.same, change.fell),
            (1, 1, 0, 0)
        );
        assert_eq!(change.mean_change, Some(2.0));
        let ratings: u64 = m.self_confidence_by_week.iter().map(|w| w.ratings).sum();
        assert_eq!(ratings, 3);

        let none = reflection_metrics(&[], &frame);
        assert_eq!((none.count, none.per_learner_median), (0, None));
        assert!(none.self_confidence_by_week.is_empty());
        assert_eq!(none.self_confidence_change.mean_change, None);
    }
}
