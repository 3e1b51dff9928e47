//! Tests of CSV import and export over the fixture files in `tests/fixtures/{valid,invalid}`
//! and the sample program in `assets/sample`; `tests/fixtures/README.md` says what each
//! fixture must produce.

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::{Learner, Mentor};

mod invalid;
mod properties;
mod valid;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

fn fixture(path: &str) -> (String, Vec<u8>) {
    let full: PathBuf = [env!("CARGO_MANIFEST_DIR"), path].iter().collect();
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    let name = full.file_name().unwrap().to_string_lossy().into_owned();
    (name, bytes)
}

fn learners(path: &str) -> Result<Vec<Learner>, CsvError> {
    let (name, bytes) = fixture(path);
    parse_learners(&name, &bytes, now())
}

fn mentors(path: &str) -> Result<Vec<Mentor>, CsvError> {
    let (name, bytes) = fixture(path);
    parse_mentors(&name, &bytes, now())
}

/// Parses a fixture of either kind (by its name) and returns the error text.
fn error_text(path: &str) -> String {
    let result = if path.contains("mentors") {
        mentors(path).map(|_| ())
    } else {
        learners(path).map(|_| ())
    };
    match result {
        Ok(()) => panic!("{path} parsed but must fail"),
        Err(e) => e.to_string(),
    }
}

fn issues(result: Result<impl Sized, CsvError>) -> Vec<CsvIssue> {
    match result {
        Err(CsvError::Rows { issues, .. }) => issues,
        Err(other) => panic!("expected row issues, got: {other}"),
        Ok(_) => panic!("expected row issues, parsed fine"),
    }
}

/// Asserts that one issue sits on `line` in `column` and keeps the raw cell `value`, and that
/// its text names the line and the column and contains `problem` (which quotes the bad value
/// or, in a list, the bad item).
fn assert_issue(issues: &[CsvIssue], line: u64, column: &str, value: &str, problem: &str) {
    let issue = issues
        .iter()
        .find(|i| i.line == line && i.column.as_deref() == Some(column))
        .unwrap_or_else(|| panic!("no issue on line {line} column {column}: {issues:#?}"));
    assert_eq!(issue.value.as_deref(), Some(value));
    let text = issue.to_string();
    assert!(
        text.contains(&format!(":{line}: column {column}: ")),
        "{text}"
    );
    assert!(text.contains(problem), "{text}");
}

fn round_trip_learners(people: &[Learner]) -> Vec<Learner> {
    let mut out = Vec::new();
    write_learners(&mut out, people).unwrap();
    parse_learners("export.csv", &out, now()).unwrap()
}

fn round_trip_mentors(people: &[Mentor]) -> Vec<Mentor> {
    let mut out = Vec::new();
    write_mentors(&mut out, people).unwrap();
    parse_mentors("export.csv", &out, now()).unwrap()
}
