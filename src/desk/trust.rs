//! Trust signals in words: a mentor's verified credential and track record, said the same
//! way in the Match pane, the mentor's brief and `mentordesk candidates`.
//!
//! Owns: the wording. May use: `store`'s [`TrackRecord`].

use crate::domain::text::counted;
use crate::store::TrackRecord;

/// The credential, for a brief or a table cell (the words of the score's `credential` line).
pub use crate::matching::score::credential_words;

/// The track record in one line: `3 learners mentored, 1 pairing completed, 4 milestones
/// reached`, or `new to this program` before any pairing started.
pub fn record_words(record: &TrackRecord) -> String {
    if record.learners_mentored == 0 {
        return "new to this program".to_string();
    }
    format!(
        "{} mentored, {} completed, {} reached",
        counted(record.learners_mentored as usize, "learner", "learners"),
        counted(record.pairings_completed as usize, "pairing", "pairings"),
        counted(
            record.milestones_reached as usize,
            "milestone",
            "milestones"
        ),
    )
}

/// The track record as three numbers for a narrow column: learners mentored, pairings
/// completed, milestones reached (`3·1·4`), or `new`.
pub fn record_short(record: &TrackRecord) -> String {
    if record.learners_mentored == 0 {
        return "new".to_string();
    }
    format!(
        "{}·{}·{}",
        record.learners_mentored, record.pairings_completed, record.milestones_reached
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_as_words() {
        let record = TrackRecord {
            learners_mentored: 3,
            pairings_completed: 1,
            milestones_reached: 4,
        };
        assert_eq!(
            record_words(&record),
            "3 learners mentored, 1 pairing completed, 4 milestones reached"
        );
        assert_eq!(record_short(&record), "3·1·4");
        assert_eq!(record_words(&TrackRecord::default()), "new to this program");
        assert_eq!(credential_words(true), "verified credential");
    }
}
