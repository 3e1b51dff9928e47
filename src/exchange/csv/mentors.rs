//! `mentors.csv`: one mentor per row.

use std::io;

use chrono::{DateTime, Utc};

use super::error::CsvError;
use super::sheet::Sheet;
use super::table::{Issues, Row, Table, TableSpec};
use crate::domain::{Mentor, MentorField};

/// The columns of `mentors.csv`, in the order export writes them.
pub const MENTOR_COLUMNS: [&str; 13] = [
    "id",
    "name",
    "email",
    "timezone",
    "languages",
    "expertise",
    "experience",
    "modes",
    "capacity",
    "availability",
    "bio",
    "verified",
    "recognition",
];

const SPEC: TableSpec = TableSpec {
    columns: &MENTOR_COLUMNS,
    required: &["id", "name", "capacity"],
};

/// Reads a whole `mentors.csv`. Mentors come out active, joined at `now`; the file is
/// accepted only if every row is valid, and the error lists every problem found.
pub fn parse_mentors(
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<Mentor>, CsvError> {
    let table = Table::read(file_name, bytes, &SPEC)?;
    let mut issues = Issues::new(file_name);
    let mut mentors = Vec::new();
    table.each_row(&mut issues, |row, issues| {
        let mentor = mentor_from_row(row, issues, now);
        // A file with a problem is refused whole: stop keeping its people.
        if issues.any() {
            mentors = Vec::new();
        } else {
            mentors.extend(mentor);
        }
    })?;
    issues.finish(mentors)
}

/// Checks every cell of the row (so each bad one is reported) through the mentor's field
/// rules ([`MentorField::apply`], the same the desk's edits use) before accepting the mentor.
fn mentor_from_row(row: &Row<'_>, issues: &mut Issues, now: DateTime<Utc>) -> Option<Mentor> {
    let mut mentor = Mentor::draft(now);
    let mut sound = true;
    for field in MentorField::ALL {
        let column = field.as_str();
        let applied = row
            .parse(issues, column, |raw| field.apply(&mut mentor, raw))
            .is_some();
        // A duplicate is named right after the id cell, as a problem of that cell.
        sound &=
            applied && (*field != MentorField::Id || issues.note_id(mentor.id.as_str(), row.line));
    }
    sound.then_some(mentor)
}

/// Writes `mentors.csv` with every column; unknown values are empty cells.
pub fn write_mentors<W: io::Write>(out: W, mentors: &[Mentor]) -> Result<(), CsvError> {
    mentors_sheet(mentors).write_csv(out)
}

/// Mentors in the columns of `mentors.csv`.
pub fn mentors_sheet(mentors: &[Mentor]) -> Sheet {
    let rows = mentors.iter().map(|mentor| {
        MentorField::ALL
            .iter()
            .map(|field| field.text_of(mentor))
            .collect()
    });
    Sheet {
        columns: &MENTOR_COLUMNS,
        rows: rows.collect(),
    }
}

#[cfg(test)]
mod column_tests {
    #[test]
    fn the_columns_are_the_field_names_in_order() {
        let fields: Vec<&str> = crate::domain::MentorField::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        assert_eq!(fields, super::MENTOR_COLUMNS);
    }
}
