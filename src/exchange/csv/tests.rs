//! Fixture-driven tests: every file under `tests/fixtures/{valid,invalid}` and the sample
//! program in `assets/sample`. `tests/fixtures/README.md` says what each fixture must produce.

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::domain::{Experience, Learner, Mentor, Mode, Track};

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

#[test]
fn sample_program_parses_with_expected_counts() {
    let learners = learners("assets/sample/learners.csv").unwrap();
    let mentors = mentors("assets/sample/mentors.csv").unwrap();
    assert_eq!(learners.len(), 40);
    assert_eq!(mentors.len(), 12);
    assert!(mentors.iter().any(|m| m.capacity == 0));
    assert!(mentors.iter().any(|m| m.capacity == 1));
    let async_only: Vec<_> = learners
        .iter()
        .filter(|l| l.modes.iter().eq([Mode::Async]))
        .collect();
    assert_eq!(async_only.len(), 1);
    let unknown = learners
        .iter()
        .find(|l| l.track.is_none() && l.availability.is_unknown())
        .expect("a learner with unknown track and availability");
    assert!(unknown.goals.is_none());
    let mentor_languages: Vec<_> = mentors.iter().flat_map(|m| &m.languages).collect();
    assert!(
        learners.iter().any(|l| !l.languages.is_empty()
            && l.languages.iter().all(|x| !mentor_languages.contains(&x))),
        "a learner whose only language no mentor speaks"
    );
    assert!(learners.iter().any(|l| l.name == "Sofía Martínez López"));
    assert!(learners.iter().all(|l| l.joined_at == now()));
}

#[test]
fn sample_program_round_trips() {
    let learners = learners("assets/sample/learners.csv").unwrap();
    let mentors = mentors("assets/sample/mentors.csv").unwrap();
    assert_eq!(round_trip_learners(&learners), learners);
    assert_eq!(round_trip_mentors(&mentors), mentors);
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

#[test]
fn export_writes_every_column_in_order_and_unknowns_empty() {
    let people = learners("tests/fixtures/valid/learners_minimal.csv").unwrap();
    let mut out = Vec::new();
    write_learners(&mut out, &people).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(LEARNER_COLUMNS.join(",").as_str()));
    assert_eq!(lines.next(), Some("L1,Ada Okonkwo,,,,,,,,,"));
}

#[test]
fn every_valid_fixture_parses_and_round_trips() {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/valid"]
        .iter()
        .collect();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let relative = format!(
            "tests/fixtures/valid/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        if relative.contains("mentors") {
            let parsed = mentors(&relative).unwrap_or_else(|e| panic!("{relative}: {e}"));
            assert_eq!(round_trip_mentors(&parsed), parsed, "{relative}");
        } else {
            let parsed = learners(&relative).unwrap_or_else(|e| panic!("{relative}: {e}"));
            assert_eq!(round_trip_learners(&parsed), parsed, "{relative}");
        }
        seen += 1;
    }
    assert!(seen >= 8, "only {seen} valid fixtures found");
}

#[test]
fn minimal_file_leaves_everything_unknown() {
    let people = learners("tests/fixtures/valid/learners_minimal.csv").unwrap();
    assert_eq!(people.len(), 3);
    let first = &people[0];
    assert_eq!(first.id.as_str(), "L1");
    assert_eq!(first.timezone, None);
    assert!(first.languages.is_empty() && first.modes.is_unknown());
    assert!(first.availability.is_unknown() && first.track.is_none());
}

#[test]
fn columns_are_found_by_trimmed_case_insensitive_name() {
    let people = learners("tests/fixtures/valid/learners_reordered.csv").unwrap();
    assert_eq!(people[0].id.as_str(), "R1");
    assert_eq!(people[0].name, "Dana Kowalski");
    assert_eq!(people[0].timezone, Some(chrono_tz::Europe::Warsaw));
    assert_eq!(people[0].availability.blocks().len(), 2);
    assert_eq!(people[1].track, Some(Track::Advanced));
    assert_eq!(people[1].languages[0].as_str(), "en");
}

#[test]
fn full_mentor_file_reads_every_field() {
    let people = mentors("tests/fixtures/valid/mentors_full.csv").unwrap();
    assert_eq!(people.len(), 4);
    let grace = &people[0];
    assert_eq!(
        grace.bio.as_deref(),
        Some("Data scientist.\nLikes \"messy\" data.")
    );
    assert_eq!(grace.expertise[1].level, 3, "level defaults to 3");
    assert!(grace.verified);
    assert_eq!(grace.experience, Some(Experience::Senior));
    assert_eq!(people[1].capacity, 0);
    assert!(!people[2].verified && people[2].experience.is_none());
    assert!(people[3].verified && people[3].capacity == 50);
}

#[test]
fn header_only_file_is_empty_list() {
    assert!(
        learners("tests/fixtures/valid/learners_header_only.csv")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let people = learners("tests/fixtures/valid/learners_bom.csv").unwrap();
    assert_eq!(people[0].id.as_str(), "B1");
}

#[test]
fn empty_cells_are_unknown_and_blank_rows_are_skipped() {
    let people = learners("tests/fixtures/valid/learners_unknowns.csv").unwrap();
    assert_eq!(people.len(), 3);
    assert_eq!(people[0].email, None);
    assert_eq!(people[1].languages.len(), 1);
    assert_eq!(people[2].timezone, Some(chrono_tz::Asia::Beirut));
}

#[test]
fn escape_sequences_are_made_inert() {
    let people = learners("tests/fixtures/valid/learners_escapes.csv").unwrap();
    for person in &people {
        assert!(
            !person.name.chars().any(char::is_control),
            "{:?}",
            person.name
        );
    }
    assert_eq!(people[0].name, "Eve[31m Mallory]0;pwned");
    assert_eq!(people[0].goals.as_deref(), Some("Goals[2J\nsecond line"));
    assert_eq!(people[1].name, "ZeroWidth Name");
}

#[test]
fn crlf_line_endings_are_read_and_multiline_keeps_one_newline() {
    let people = learners("tests/fixtures/valid/learners_crlf.csv").unwrap();
    assert_eq!(people[0].goals.as_deref(), Some("one\ntwo"));
}

#[test]
fn file_level_errors_name_the_problem() {
    for (path, needles) in [
        (
            "invalid/learners_empty.csv",
            &["learners_empty.csv: file is empty (expected a header line: id,name,email,"][..],
        ),
        (
            "invalid/learners_whitespace_only.csv",
            &["file is empty (expected a header line: id,name,"],
        ),
        (
            "invalid/learners_missing_id_column.csv",
            &["learners_missing_id_column.csv:1: header: missing required column \"id\""],
        ),
        (
            "invalid/mentors_missing_capacity_column.csv",
            &["missing required column \"capacity\""],
        ),
        (
            "invalid/learners_unknown_column.csv",
            &[
                "unknown column \"favourite_colour\"",
                "known columns: id,name,email,timezone,languages,goals,interests,track,modes,",
            ],
        ),
        (
            "invalid/learners_semicolon.csv",
            &["looks like the file is separated by ';', expected ','"],
        ),
        (
            "invalid/learners_tab.csv",
            &["looks like the file is separated by tabs, expected ','"],
        ),
        (
            "invalid/learners_duplicate_column.csv",
            &["column \"name\" appears twice (columns 2 and 3)"],
        ),
        (
            "invalid/learners_unterminated_quote.csv",
            &["learners_unterminated_quote.csv:3: a quoted value starts here and is never closed"],
        ),
        (
            "invalid/learners_not_utf8.csv",
            &["learners_not_utf8.csv:3: the file is not valid UTF-8"],
        ),
    ] {
        let text = error_text(&format!("tests/fixtures/{path}"));
        for needle in needles {
            assert!(text.contains(needle), "{path}: {text}");
        }
    }
}

#[test]
fn duplicate_id_names_both_lines() {
    let found = issues(learners("tests/fixtures/invalid/learners_duplicate_id.csv"));
    assert_eq!(found.len(), 1);
    assert_issue(
        &found,
        4,
        "id",
        "L1",
        "duplicate id \"L1\" (also on line 2)",
    );
}

#[test]
fn empty_id_and_name_are_reported_per_line() {
    let found = issues(learners("tests/fixtures/invalid/learners_empty_id.csv"));
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].line, 3);
    assert!(
        found[0]
            .to_string()
            .ends_with("column id: learner id is required")
    );
    assert_eq!(found[1].line, 4);
    assert_eq!(
        found[2].to_string(),
        "learners_empty_id.csv:5: column name: name is required"
    );
}

#[test]
fn bad_values_name_line_column_and_value() {
    let found = issues(learners(
        "tests/fixtures/invalid/learners_unknown_timezone.csv",
    ));
    assert_issue(
        &found,
        3,
        "timezone",
        "Mars/Base",
        "unknown time zone \"Mars/Base\"",
    );
    assert_eq!(
        found[0].to_string(),
        "learners_unknown_timezone.csv:3: column timezone: unknown time zone \"Mars/Base\" \
         (expected an IANA name such as Europe/Madrid)"
    );

    let found = issues(learners("tests/fixtures/invalid/learners_bad_hour.csv"));
    assert_issue(
        &found,
        2,
        "availability",
        "Mon 25:00-26:00",
        "must be 00-23",
    );

    let found = issues(learners(
        "tests/fixtures/invalid/learners_end_before_start.csv",
    ));
    assert_issue(
        &found,
        2,
        "availability",
        "Mon 18:00-20:00;Tue 20:00-18:00",
        "\"Tue 20:00-18:00\": the end is not after the start",
    );

    let found = issues(learners("tests/fixtures/invalid/learners_unknown_mode.csv"));
    assert_issue(&found, 2, "modes", "video;fax", "unknown mode \"fax\"");

    let found = issues(learners(
        "tests/fixtures/invalid/learners_unknown_track.csv",
    ));
    assert_issue(
        &found,
        2,
        "track",
        "expert",
        "beginner|intermediate|advanced",
    );

    let found = issues(mentors(
        "tests/fixtures/invalid/mentors_unknown_experience.csv",
    ));
    assert_issue(&found, 2, "experience", "guru", "early|mid|senior");
}

#[test]
fn every_bad_capacity_row_is_reported() {
    let found = issues(mentors("tests/fixtures/invalid/mentors_bad_capacity.csv"));
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_issue(
        &found,
        2,
        "capacity",
        "-1",
        "not a whole number from 0 to 50",
    );
    assert_issue(
        &found,
        3,
        "capacity",
        "abc",
        "not a whole number from 0 to 50",
    );
    assert_issue(
        &found,
        4,
        "capacity",
        "51",
        "not a whole number from 0 to 50",
    );
    assert_issue(&found, 5, "capacity", "", "capacity is required");
}

#[test]
fn every_bad_cell_of_one_row_is_reported() {
    let found = issues(mentors("tests/fixtures/invalid/mentors_bad_values.csv"));
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_issue(&found, 2, "email", "not-an-email", "expected name@host");
    assert_issue(&found, 2, "expertise", "rust:9", "expertise level \"9\"");
    assert_issue(&found, 2, "verified", "maybe", "true|false|yes|no|1|0");
}

#[test]
fn rows_with_the_wrong_number_of_fields_are_reported() {
    let err = learners("tests/fixtures/invalid/learners_wrong_field_count.csv").unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("learners_wrong_field_count.csv: 2 problems found"),
        "{text}"
    );
    assert!(
        text.contains(
            "learners_wrong_field_count.csv:3: this row has 2 fields but the header has 3"
        ),
        "{text}"
    );
    assert!(text.contains(":4: this row has 4 fields"), "{text}");
}

#[test]
fn issues_are_capped_and_the_rest_counted() {
    let mut text = String::from("id,name,timezone\n");
    for n in 0..70 {
        text.push_str(&format!("L{n},Person {n},Nowhere/{n}\n"));
    }
    let err = parse_learners("big.csv", text.as_bytes(), now()).unwrap_err();
    let CsvError::Rows { issues, more, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(issues.len(), 50);
    assert_eq!(*more, 20);
    let shown = err.to_string();
    assert!(shown.starts_with("big.csv: 70 problems found"), "{shown}");
    assert!(shown.ends_with("... and 20 more"), "{shown}");
    assert_eq!(shown.lines().count(), 1 + 50 + 1);
}

#[test]
fn a_quote_left_open_mid_file_points_at_its_line() {
    let text = "id,name\nL1,\"Ann\nL2,Bob\nL3,Cy\n";
    let err = parse_learners("q.csv", text.as_bytes(), now()).unwrap_err();
    assert!(
        matches!(err, CsvError::UnterminatedQuote { line: 2, .. }),
        "{err}"
    );
}

/// Every invalid fixture's whole message, as a coordinator would read it: a review of the
/// wording in one place, and a guard against a message silently getting worse.
#[test]
fn invalid_fixture_messages() {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/invalid"]
        .iter()
        .collect();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    names.sort();
    let report = names
        .iter()
        .map(|name| error_text(&format!("tests/fixtures/invalid/{name}")))
        .collect::<Vec<_>>()
        .join("\n\n");
    insta::assert_snapshot!(report);
}

#[test]
fn a_stray_delimiter_in_one_column_name_is_not_blamed_on_the_whole_file() {
    let err = parse_learners("h.csv", b"id,name,fav;colour\nL1,Ann,red\n", now()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("unknown column \"fav;colour\""), "{text}");
}

#[test]
fn header_after_blank_lines_reports_its_own_line() {
    let err = parse_learners("h.csv", b"\n\nid,nom\n", now()).unwrap_err();
    assert!(matches!(err, CsvError::Header { line: 3, .. }), "{err}");
}

#[test]
fn blank_lines_in_the_middle_keep_line_numbers_physical() {
    let text = "id,name\nL1,Ann\n\n\nL2,\n";
    let found = issues(parse_learners("b.csv", text.as_bytes(), now()));
    assert_eq!(found[0].line, 5, "{found:#?}");
}

#[test]
fn lines_count_newlines_inside_quoted_cells_and_crlf_blank_lines() {
    let text = "id,name,goals\nL1,Ann,\"a\nb\"\nL2,,\n";
    let found = issues(parse_learners("m.csv", text.as_bytes(), now()));
    assert_eq!(found[0].line, 4, "{found:#?}");
    let text = "id,name\r\nL1,Ann\r\n\r\nL2,\r\n";
    let found = issues(parse_learners("c.csv", text.as_bytes(), now()));
    assert_eq!(found[0].line, 4, "{found:#?}");
}

#[test]
fn write_failures_are_not_the_users_fault() {
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let people = learners("tests/fixtures/valid/learners_minimal.csv").unwrap();
    let err = write_learners(Broken, &people).unwrap_err();
    assert!(!err.is_user_error());
    assert!(err.to_string().contains("disk full"), "{err}");
    assert!(
        learners("tests/fixtures/invalid/learners_empty.csv")
            .unwrap_err()
            .is_user_error()
    );
}
