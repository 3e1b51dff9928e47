//! `checkins.csv`: every version of every check-in, one per row, for reports and archives.
//!
//! Edits keep the old version, so the file holds them all; `supersedes` names the version a
//! row replaces and `current` says whether a row is the latest one. Export only: check-ins
//! travel between desks in sync bundles, not in CSV.

use super::error::CsvError;
use super::sheet::{Sheet, instant};
use crate::desk::CheckInRow;
use crate::domain::person::join_list;

/// The columns of `checkins.csv`, in order.
pub const CHECKIN_COLUMNS: [&str; 16] = [
    "id",
    "pairing",
    "learner",
    "mentor",
    "at",
    "minutes",
    "mode",
    "confidence",
    "notes",
    "topics",
    "next_steps",
    "author_desk",
    "recorded_at",
    "supersedes",
    "superseded_by",
    "current",
];

/// Writes `rows` (check-ins with their people) as CSV.
pub fn write_checkins<W: std::io::Write>(out: W, rows: &[CheckInRow]) -> Result<(), CsvError> {
    checkins_sheet(rows).write_csv(out)
}

/// Check-ins with their people in the columns of `checkins.csv`.
pub fn checkins_sheet(rows: &[CheckInRow]) -> Sheet {
    let records = rows.iter().map(|row| {
        let c = &row.checkin;
        vec![
            c.id.to_string(),
            c.pairing.to_string(),
            row.learner.to_string(),
            row.mentor.to_string(),
            instant(c.at),
            c.minutes.to_string(),
            c.mode.map(|m| m.to_string()).unwrap_or_default(),
            c.confidence
                .map(|v| v.get().to_string())
                .unwrap_or_default(),
            c.notes.clone(),
            join_list(&c.topics),
            c.next_steps.clone().unwrap_or_default(),
            c.author_desk.clone(),
            instant(c.recorded_at),
            c.supersedes.map(|s| s.to_string()).unwrap_or_default(),
            row.superseded_by.map(|s| s.to_string()).unwrap_or_default(),
            row.superseded_by.is_none().to_string(),
        ]
    });
    Sheet {
        columns: &CHECKIN_COLUMNS,
        rows: records.collect(),
    }
}
