//! Files that must be accepted, and export.

use std::path::PathBuf;

use super::*;
use crate::domain::{Experience, Mode, Track};

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

#[test]
fn export_writes_every_column_in_order_and_unknowns_empty() {
    let people = learners("tests/fixtures/valid/learners_minimal.csv").unwrap();
    let mut out = Vec::new();
    write_learners(&mut out, &people).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(LEARNER_COLUMNS.join(",").as_str()));
    assert_eq!(lines.next(), Some("L1,Ada Okonkwo,,,,,,,,,,waiting,,,"));
}

#[test]
fn formula_cells_are_neutralised_on_export_and_restored_on_import() {
    let file = "id,name,goals,needs,status\n\
                L1,=HYPERLINK(\"http://x\"),+1 555 0100,@SUM(A1:A2),matched\n\
                L2,-Dash,'=already quoted,plain,\n";
    let people = parse_learners("f.csv", file.as_bytes(), now()).unwrap();
    assert_eq!(people[0].name, "=HYPERLINK(\"http://x\")");
    assert_eq!(people[0].status, crate::domain::LearnerStatus::Matched);
    assert_eq!(people[1].goals.as_deref(), Some("=already quoted"));
    assert_eq!(people[1].status, crate::domain::LearnerStatus::Waiting);
    let mut out = Vec::new();
    write_learners(&mut out, &people).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
    assert!(text.contains(",'+1 555 0100,"), "{text}");
    assert!(text.contains(",'@SUM(A1:A2),matched"), "{text}");
    assert!(
        text.contains("L2,'-Dash,,,,'=already quoted,,,,,plain,waiting,,,"),
        "{text}"
    );
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let bare = cell.trim_start_matches('"');
            assert!(
                !bare.starts_with(['=', '+', '-', '@']),
                "risky cell {cell:?} in {line}"
            );
        }
    }
    assert_eq!(round_trip_learners(&people), people);
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
