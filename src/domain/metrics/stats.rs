//! Small statistics: quantiles by linear interpolation and the fixed day buckets of the
//! histograms.

use super::{Bucket, Distribution};

/// The `q` quantile (0 to 1) of `sorted` values by linear interpolation between ranks (the
/// median of 2 and 4 is 3; the 75th percentile of 1, 2, 3, 4 is 3.25). `None` when empty.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let position = q.clamp(0.0, 1.0) * last as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let (low, high) = (sorted[below.min(last)], sorted[above.min(last)]);
    Some(low + (high - low) * (position - below as f64))
}

/// The histogram buckets, in days: a week, a fortnight, a month, two, three, and more.
const BUCKETS: [(&str, i64, Option<i64>); 6] = [
    ("0-7", 0, Some(7)),
    ("8-14", 8, Some(14)),
    ("15-30", 15, Some(30)),
    ("31-60", 31, Some(60)),
    ("61-90", 61, Some(90)),
    ("91+", 91, None),
];

/// The distribution of whole-day values.
pub fn distribution(mut days: Vec<i64>) -> Distribution {
    days.sort_unstable();
    let sorted: Vec<f64> = days.iter().map(|d| *d as f64).collect();
    let buckets = BUCKETS
        .iter()
        .map(|(label, from, to)| Bucket {
            label,
            from_days: *from,
            to_days: *to,
            count: days
                .iter()
                .filter(|d| **d >= *from && to.is_none_or(|to| **d <= to))
                .count() as u64,
        })
        .collect();
    Distribution {
        count: days.len() as u64,
        median_days: quantile(&sorted, 0.5),
        p75_days: quantile(&sorted, 0.75),
        buckets,
    }
}

/// The mean, `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// `part / whole`, `None` when `whole` is 0.
pub fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}
