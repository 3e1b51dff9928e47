//! `mentors.csv`: one mentor per row.

use std::io;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::error::CsvError;
use super::sheet::Sheet;
use super::table::{Issues, Row, Table, TableSpec};
use crate::domain::person::{join_list, parse_capacity, parse_email, parse_flag, parse_name};
use crate::domain::text::optional_multiline;
use crate::domain::zone::parse_zone;
use crate::domain::{
    Availability, Experience, Expertise, Mentor, MentorId, MentorStatus, ModeSet, Tag,
};

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

/// Checks every cell of the row (so each bad one is reported) before building the mentor.
fn mentor_from_row(row: &Row<'_>, issues: &mut Issues, now: DateTime<Utc>) -> Option<Mentor> {
    let id = row
        .parse(issues, "id", MentorId::parse)
        .filter(|id| issues.note_id(id.as_str(), row.line));
    let name = row.parse(issues, "name", parse_name);
    let email = row.parse(issues, "email", parse_email);
    let timezone = row.parse_optional(issues, "timezone", parse_zone);
    let languages = row.parse(issues, "languages", Tag::parse_list);
    let expertise = row.parse(issues, "expertise", Expertise::parse_list);
    let experience = row.parse_optional(issues, "experience", Experience::from_str);
    let modes = row.parse(issues, "modes", ModeSet::parse_list);
    let capacity = row.parse(issues, "capacity", parse_capacity);
    let availability = row.parse(issues, "availability", Availability::parse_list);
    let verified = row.parse(issues, "verified", |raw| parse_flag("verified", raw));
    let recognition = row.parse(issues, "recognition", |raw| parse_flag("recognition", raw));
    Some(Mentor {
        id: id?,
        name: name?,
        email: email?,
        timezone: timezone?,
        languages: languages?,
        expertise: expertise?,
        experience: experience?,
        modes: modes?,
        capacity: capacity?,
        availability: availability?,
        bio: optional_multiline(row.cell("bio")),
        verified: verified?,
        recognition: recognition?,
        status: MentorStatus::Active,
        joined_at: now,
    })
}

/// Writes `mentors.csv` with every column; unknown values are empty cells.
pub fn write_mentors<W: io::Write>(out: W, mentors: &[Mentor]) -> Result<(), CsvError> {
    mentors_sheet(mentors).write_csv(out)
}

/// Mentors in the columns of `mentors.csv`.
pub fn mentors_sheet(mentors: &[Mentor]) -> Sheet {
    let rows = mentors.iter().map(|mentor| {
        vec![
            mentor.id.to_string(),
            mentor.name.clone(),
            mentor.email.clone().unwrap_or_default(),
            mentor
                .timezone
                .map(|zone| zone.name().to_string())
                .unwrap_or_default(),
            join_list(&mentor.languages),
            join_list(&mentor.expertise),
            mentor
                .experience
                .map(|experience| experience.to_string())
                .unwrap_or_default(),
            mentor.modes.to_list(),
            mentor.capacity.to_string(),
            mentor.availability.to_list(),
            mentor.bio.clone().unwrap_or_default(),
            mentor.verified.to_string(),
            if mentor.recognition { "yes" } else { "" }.to_string(),
        ]
    });
    Sheet {
        columns: &MENTOR_COLUMNS,
        rows: rows.collect(),
    }
}
