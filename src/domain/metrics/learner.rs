//! One learner's times: to the first match, the first check-in and the first achieved
//! milestone. The timeline shows them for one learner; the metrics take them over many.

use chrono::{DateTime, Utc};

use crate::domain::pairing::{Pairing, PairingStatus};

/// When a pairing counts as a match: its start, unless it was only ever a proposal.
pub fn match_start(pairing: &Pairing) -> Option<DateTime<Utc>> {
    match pairing.status {
        PairingStatus::Proposed | PairingStatus::Declined => None,
        _ => pairing.started_at,
    }
}

/// When a waiting learner's wait began: joining, or the end of their last pairing, whichever
/// is later.
pub fn waiting_since(joined: DateTime<Utc>, last_end: Option<DateTime<Utc>>) -> DateTime<Utc> {
    last_end.map_or(joined, |end| end.max(joined))
}

/// The first moments of a learner's story; `None` while a moment has not come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LearnerTimes {
    pub joined: DateTime<Utc>,
    /// The earliest [`match_start`] of the learner's pairings.
    pub first_match: Option<DateTime<Utc>>,
    /// The earliest current check-in of any of their pairings.
    pub first_checkin: Option<DateTime<Utc>>,
    /// The earliest `achieved_at` of an achieved milestone.
    pub first_achieved: Option<DateTime<Utc>>,
}

impl LearnerTimes {
    /// Whole days from joining to the first match.
    pub fn days_to_match(&self) -> Option<i64> {
        self.first_match.map(|at| whole_days(self.joined, at))
    }

    /// Whole days from the first match to the first check-in.
    pub fn days_to_first_checkin(&self) -> Option<i64> {
        self.since_match(self.first_checkin)
    }

    /// Whole days from the first match to the first achieved milestone.
    pub fn days_to_first_milestone(&self) -> Option<i64> {
        self.since_match(self.first_achieved)
    }

    fn since_match(&self, at: Option<DateTime<Utc>>) -> Option<i64> {
        self.first_match
            .zip(at)
            .map(|(matched, at)| whole_days(matched, at))
    }
}

/// Whole days from `from` to `to`, never negative (a milestone achieved before the match
/// counts as day 0).
fn whole_days(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_days().max(0)
}
