//! Files that cross the desk's edge: CSV import and export, cohort scores files, program
//! reports, and later mentor packs and sync bundles.
//!
//! Owns: file formats, their parsing and their error messages (file, line, column, value).
//! May use: `domain` for every single value's parsing and validation, and later `desk` to
//! apply what a file says. Parsing here is pure: bytes in, domain values or errors out, no
//! database and no clock.

pub mod csv;
pub mod file;
pub mod report;
pub mod scores;
