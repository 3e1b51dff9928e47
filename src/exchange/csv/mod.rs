//! CSV import and export of people: `learners.csv` and `mentors.csv`.
//!
//! The format: a header line, then one person per row. Columns are found by name (trimmed,
//! any case, any order); only `id`, `name` and, for mentors, `capacity` are required, and any
//! other column may be missing or empty, which means unknown. Lists are `;`-separated.
//!
//! A file is checked whole and accepted whole: parsing returns every person or, with
//! [`CsvError`], every problem, each with file, line, column and value. Export writes every
//! column in the documented order, so `parse(write(people))` gives the people back (except
//! `status` and `joined_at`, which are not in the file).

mod checkins;
mod error;
mod learners;
mod mentors;
mod table;

pub use checkins::{CHECKIN_COLUMNS, write_checkins};
pub use error::{CsvError, CsvIssue};
pub use learners::{LEARNER_COLUMNS, parse_learners, write_learners};
pub use mentors::{MENTOR_COLUMNS, parse_mentors, write_mentors};

#[cfg(test)]
mod tests;
