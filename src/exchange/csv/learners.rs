//! `learners.csv`: one learner per row.

use std::io;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::error::CsvError;
use super::sheet::Sheet;
use super::table::{Issues, Row, Table, TableSpec};
use crate::domain::person::{join_list, parse_email, parse_name};
use crate::domain::text::optional_multiline;
use crate::domain::zone::parse_zone;
use crate::domain::{Availability, Learner, LearnerId, LearnerStatus, ModeSet, Tag, Track};

/// The columns of `learners.csv`, in the order export writes them.
pub const LEARNER_COLUMNS: [&str; 12] = [
    "id",
    "name",
    "email",
    "timezone",
    "languages",
    "goals",
    "interests",
    "track",
    "modes",
    "availability",
    "needs",
    "status",
];

const SPEC: TableSpec = TableSpec {
    columns: &LEARNER_COLUMNS,
    required: &["id", "name"],
};

/// Reads a whole `learners.csv`. Learners come out with the file's `status` (waiting when the
/// column is missing or empty), joined at `now`; the file is accepted only if every row is
/// valid, and the error lists every problem found. The desk's import checks the status and
/// keeps its own: newcomers wait, known learners keep theirs (status follows pairings).
pub fn parse_learners(
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<Learner>, CsvError> {
    let table = Table::read(file_name, bytes, &SPEC)?;
    let mut issues = Issues::new(file_name);
    let mut learners = Vec::new();
    table.each_row(&mut issues, |row, issues| {
        let learner = learner_from_row(row, issues, now);
        // A file with a problem is refused whole: stop keeping its people.
        if issues.any() {
            learners = Vec::new();
        } else {
            learners.extend(learner);
        }
    })?;
    issues.finish(learners)
}

/// Checks every cell of the row (so each bad one is reported) before building the learner.
fn learner_from_row(row: &Row<'_>, issues: &mut Issues, now: DateTime<Utc>) -> Option<Learner> {
    let id = row
        .parse(issues, "id", LearnerId::parse)
        .filter(|id| issues.note_id(id.as_str(), row.line));
    let name = row.parse(issues, "name", parse_name);
    let email = row.parse(issues, "email", parse_email);
    let timezone = row.parse_optional(issues, "timezone", parse_zone);
    let languages = row.parse(issues, "languages", Tag::parse_list);
    let interests = row.parse(issues, "interests", Tag::parse_list);
    let track = row.parse_optional(issues, "track", Track::from_str);
    let modes = row.parse(issues, "modes", ModeSet::parse_list);
    let availability = row.parse(issues, "availability", Availability::parse_list);
    let status = row.parse_optional(issues, "status", LearnerStatus::from_str);
    Some(Learner {
        id: id?,
        name: name?,
        email: email?,
        timezone: timezone?,
        languages: languages?,
        goals: optional_multiline(row.cell("goals")),
        interests: interests?,
        track: track?,
        modes: modes?,
        availability: availability?,
        needs: optional_multiline(row.cell("needs")),
        status: status?.unwrap_or(LearnerStatus::Waiting),
        joined_at: now,
    })
}

/// Writes `learners.csv` with every column; unknown values are empty cells.
pub fn write_learners<W: io::Write>(out: W, learners: &[Learner]) -> Result<(), CsvError> {
    learners_sheet(learners).write_csv(out)
}

/// Learners in the columns of `learners.csv`.
pub fn learners_sheet(learners: &[Learner]) -> Sheet {
    let rows = learners.iter().map(|learner| {
        vec![
            learner.id.to_string(),
            learner.name.clone(),
            learner.email.clone().unwrap_or_default(),
            learner
                .timezone
                .map(|zone| zone.name().to_string())
                .unwrap_or_default(),
            join_list(&learner.languages),
            learner.goals.clone().unwrap_or_default(),
            join_list(&learner.interests),
            learner
                .track
                .map(|track| track.to_string())
                .unwrap_or_default(),
            learner.modes.to_list(),
            learner.availability.to_list(),
            learner.needs.clone().unwrap_or_default(),
            learner.status.to_string(),
        ]
    });
    Sheet {
        columns: &LEARNER_COLUMNS,
        rows: rows.collect(),
    }
}
