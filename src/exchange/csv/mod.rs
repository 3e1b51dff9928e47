//! CSV import and export: people (`learners.csv`, `mentors.csv`, both ways) and, export only,
//! check-ins, pairings, milestones and the at-risk list.
//!
//! The format: a header line, then one person per row. Columns are found by name (trimmed,
//! any case, any order); only `id`, `name` and, for mentors, `capacity` are required, and any
//! other column may be missing or empty, which means unknown. Lists are `;`-separated.
//!
//! A file is checked whole and accepted whole: parsing returns every person or, with
//! [`CsvError`], every problem, each with file, line, column and value. Export writes every
//! column in the documented order, so `parse(write(people))` gives the people back (except
//! `joined_at`, which is not in the file). Every exported cell a spreadsheet would run as a
//! formula is written with a leading `'`, which import strips again (see `formula`).

mod checkins;
mod error;
mod formula;
mod learners;
mod mentors;
mod milestones;
mod pairings;
mod sheet;
mod table;

pub use checkins::{CHECKIN_COLUMNS, checkins_sheet, write_checkins};
pub use error::{CsvError, CsvIssue};
pub use formula::{neutralise, restore};
pub use learners::{
    LEARNER_COLUMNS, learners_sheet, parse_learner_lines, parse_learners, write_learners,
};
pub use mentors::{MENTOR_COLUMNS, mentors_sheet, parse_mentors, write_mentors};
pub use milestones::{MILESTONE_COLUMNS, milestones_sheet};
pub use pairings::{AT_RISK_COLUMNS, PAIRING_COLUMNS, at_risk_sheet, pairings_sheet};
pub use sheet::Sheet;
pub use table::{MAX_ISSUES, MAX_ROWS};

#[cfg(test)]
mod tests;
