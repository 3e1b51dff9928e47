//! `learners.csv`: one learner per row.

use std::io;

use chrono::{DateTime, Utc};

use super::error::CsvError;
use super::sheet::Sheet;
use super::table::{Issues, Row, Table, TableSpec};
use crate::domain::{Learner, LearnerField};

/// The columns of `learners.csv`, in the order export writes them.
pub const LEARNER_COLUMNS: [&str; 15] = [
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
    "prefer",
    "avoid",
    "mentor_experience",
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
    let lined = parse_learner_lines(file_name, bytes, now)?;
    Ok(lined.into_iter().map(|(_, learner)| learner).collect())
}

/// [`parse_learners`] with the line each learner was read from (1 is the header), so a
/// warning about a learner's cell can name its line.
pub fn parse_learner_lines(
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<(u64, Learner)>, CsvError> {
    let table = Table::read(file_name, bytes, &SPEC)?;
    let mut issues = Issues::new(file_name);
    let mut learners = Vec::new();
    table.each_row(&mut issues, |row, issues| {
        let learner = learner_from_row(row, issues, now);
        // A file with a problem is refused whole: stop keeping its people.
        if issues.any() {
            learners = Vec::new();
        } else {
            learners.extend(learner.map(|l| (row.line, l)));
        }
    })?;
    issues.finish(learners)
}

/// Checks every cell of the row (so each bad one is reported) through the learner's field
/// rules ([`LearnerField::apply`], the same the desk's edits use) before accepting the learner.
fn learner_from_row(row: &Row<'_>, issues: &mut Issues, now: DateTime<Utc>) -> Option<Learner> {
    let mut learner = Learner::draft(now);
    let mut sound = true;
    for field in LearnerField::ALL {
        let column = field.as_str();
        let applied = row
            .parse(issues, column, |raw| field.apply(&mut learner, raw))
            .is_some();
        // A duplicate is named right after the id cell, as a problem of that cell.
        sound &= applied
            && (*field != LearnerField::Id || issues.note_id(learner.id.as_str(), row.line));
    }
    sound.then_some(learner)
}

/// Writes `learners.csv` with every column; unknown values are empty cells.
pub fn write_learners<W: io::Write>(out: W, learners: &[Learner]) -> Result<(), CsvError> {
    learners_sheet(learners).write_csv(out)
}

/// Learners in the columns of `learners.csv`.
pub fn learners_sheet(learners: &[Learner]) -> Sheet {
    let rows = learners.iter().map(|learner| {
        LearnerField::ALL
            .iter()
            .map(|field| field.text_of(learner))
            .collect()
    });
    Sheet {
        columns: &LEARNER_COLUMNS,
        rows: rows.collect(),
    }
}

#[cfg(test)]
mod column_tests {
    #[test]
    fn the_columns_are_the_field_names_in_order() {
        let fields: Vec<&str> = crate::domain::LearnerField::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        assert_eq!(fields, super::LEARNER_COLUMNS);
    }
}
