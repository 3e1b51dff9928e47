//! Files that cross the desk's edge: CSV import and export, cohort scores files, program
//! reports, mentor packs, sync bundles and receipts.
//!
//! Owns: file formats, their parsing and their error messages (file, line, column, value).
//! May use: `domain` for every single value's parsing and validation, and later `desk` to
//! apply what a file says. Parsing here is pure: bytes in, domain values or errors out, no
//! database and no clock.

pub mod bundle;
pub mod calendar;
pub mod csv;
pub mod file;
pub mod guides;
pub mod intro;
pub mod pack;
pub mod receipt;
pub mod report;
pub mod scores;
pub mod sealed;
pub mod transfer;
