//! Files that must be refused, each with a message naming file, line, column and value.

use std::path::PathBuf;

use super::*;

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
    assert_issue(
        &found,
        2,
        "expertise",
        "rust:9",
        "level \"9\" is not a whole number from 1 to 5",
    );
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
