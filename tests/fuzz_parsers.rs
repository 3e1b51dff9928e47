//! Fuzz-style properties for every parser that reads a file a person hands the desk: CSV
//! (learners, mentors), weekly availability, the scores file, mentor packs and sync bundles.
//! Inputs are random bytes and valid files with random damage (bytes flipped, cut, dropped,
//! repeated, hostile text spliced in). Whatever comes in: no panic; an error names the file
//! (and, for CSV, a line inside the file); and no error message or accepted text carries a
//! character that could talk to the terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod hostile_corpus;

use std::path::Path;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use mentordesk::domain::sync::{BundleContent, PackContent};
use mentordesk::domain::text::is_clean_line;
use mentordesk::domain::{Availability, WeeklyBlock};
use mentordesk::exchange::csv::{CsvError, parse_learners, parse_mentors};
use mentordesk::exchange::scores::parse_scores;
use mentordesk::exchange::sealed::{BUNDLE, PACK, open_bytes};
use proptest::prelude::*;

use hostile_corpus::{assert_inert, samples};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).single().unwrap()
}

fn sample_file(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/sample")
            .join(name),
    )
    .unwrap()
}

/// One kind of damage done to a file.
#[derive(Debug, Clone)]
enum Damage {
    Flip { at: usize, byte: u8 },
    Cut { at: usize },
    Drop { at: usize, len: usize },
    Repeat { at: usize, len: usize },
    Splice { at: usize, sample: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Damage::Flip { at, byte }),
        any::<usize>().prop_map(|at| Damage::Cut { at }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Damage::Drop { at, len }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Damage::Repeat { at, len }),
        (any::<usize>(), any::<usize>()).prop_map(|(at, sample)| Damage::Splice { at, sample }),
    ]
}

/// `bytes` with every damage in `list` done in turn.
fn damaged(bytes: &[u8], list: &[Damage]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let corpus = samples();
    for d in list {
        let len = out.len().max(1);
        match *d {
            Damage::Flip { at, byte } => {
                if !out.is_empty() {
                    let i = at % out.len();
                    out[i] = byte;
                }
            }
            Damage::Cut { at } => out.truncate(at % len),
            Damage::Drop { at, len: n } => {
                let start = at % len;
                let end = (start + n).min(out.len());
                if start < end {
                    out.drain(start..end);
                }
            }
            Damage::Repeat { at, len: n } => {
                let start = at % len;
                let end = (start + n).min(out.len());
                if start < end {
                    let piece = out[start..end].to_vec();
                    out.splice(end..end, piece);
                }
            }
            Damage::Splice { at, sample } => {
                let text = corpus[sample % corpus.len()].1.as_bytes().to_vec();
                let start = (at % len).min(out.len());
                out.splice(start..start, text);
            }
        }
    }
    out
}

/// A CSV result holds: names and text of accepted people are clean; an error names the file,
/// a line no further than the file's end, and shows nothing that could talk to a terminal.
fn check_csv<T>(
    file: &str,
    bytes: &[u8],
    result: Result<Vec<T>, CsvError>,
    texts: impl Fn(&T) -> Vec<String>,
) {
    match result {
        Ok(people) => {
            for person in &people {
                for text in texts(person) {
                    assert!(
                        is_clean_line(&text.replace('\n', " ")),
                        "kept unclean text {text:?}"
                    );
                }
            }
        }
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.starts_with(file),
                "does not name the file: {message}"
            );
            assert_inert("CSV error", &message);
            let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 1;
            for issue in error.issues() {
                assert!(
                    (1..=lines).contains(&issue.line),
                    "line {} outside 1..={lines}",
                    issue.line
                );
                assert_eq!(issue.file, file);
            }
            assert!(error.issues().len() <= mentordesk::exchange::csv::MAX_ISSUES);
        }
    }
}

fn learner_texts(l: &mentordesk::domain::Learner) -> Vec<String> {
    let mut texts = vec![l.name.clone(), l.id.to_string()];
    texts.extend(l.goals.clone());
    texts.extend(l.needs.clone());
    texts
}

fn mentor_texts(m: &mentordesk::domain::Mentor) -> Vec<String> {
    let mut texts = vec![m.name.clone(), m.id.to_string()];
    texts.extend(m.bio.clone());
    texts
}

/// A small valid scores file.
fn scores_file() -> Vec<u8> {
    serde_json::json!({
        "format": "mentordesk-scores/1",
        "learners": [{"id": "L1"}, {"id": "L2"}, {"id": "L3"}],
        "mentors": [{"id": "M1", "capacity": 1}, {"id": "M2", "capacity": 2}],
        "pairs": [
            {"learner": "L1", "mentor": "M1", "score": 700, "mentor_score": 650},
            {"learner": "L1", "mentor": "M2", "score": 500},
            {"learner": "L2", "mentor": "M2", "score": 900},
            {"learner": "L3", "mentor": "M1", "score": 300}
        ]
    })
    .to_string()
    .into_bytes()
}

/// A real pack and a real bundle, made once by the binary: a demo program's pack for one
/// mentor, imported on a mentor desk that logs two check-ins and exports them.
fn sealed_files() -> &'static (Vec<u8>, Vec<u8>) {
    static FILES: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (coord, mentor) = (dir.path().join("c.db"), dir.path().join("m.db"));
        let (pack, bundle) = (dir.path().join("pack.json"), dir.path().join("week.json"));
        let run = |db: &Path, args: &[&str]| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
                .arg("--db")
                .arg(db)
                .args(args)
                .env_remove("MENTORDESK_DB")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        };
        run(&coord, &["demo"]);
        let pairings: serde_json::Value =
            serde_json::from_str(&run(&coord, &["pairings", "--status", "active", "--json"]))
                .unwrap();
        let first = &pairings[0];
        let mentor_id = first["mentor"].as_str().unwrap().to_string();
        run(
            &coord,
            &[
                "pack",
                "export",
                "--mentor",
                &mentor_id,
                "-o",
                pack.to_str().unwrap(),
            ],
        );
        run(&mentor, &["pack", "import", pack.to_str().unwrap()]);
        let pairing = first["id"].to_string();
        for notes in ["kickoff", "second session"] {
            run(
                &mentor,
                &[
                    "checkin",
                    "add",
                    "--pairing",
                    &pairing,
                    "--minutes",
                    "30",
                    "--notes",
                    notes,
                ],
            );
        }
        run(&mentor, &["sync", "export", "-o", bundle.to_str().unwrap()]);
        (
            std::fs::read(&pack).unwrap(),
            std::fs::read(&bundle).unwrap(),
        )
    })
}

/// A sealed file's result: an error names the file and is inert.
fn check_sealed<T>(path: &Path, result: Result<T, mentordesk::exchange::sealed::SealedFileError>) {
    if let Err(error) = result {
        let message = error.to_string();
        assert!(
            message.contains(path.to_str().unwrap()),
            "does not name the file: {message}"
        );
        assert_inert("sealed file error", &message);
        assert!(
            message.len() < 2_000,
            "a message of {} bytes",
            message.len()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn csv_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut with_header = b"id,name,goals,timezone,availability\n".to_vec();
        with_header.extend_from_slice(&bytes);
        check_csv("r.csv", &bytes, parse_learners("r.csv", &bytes, now()), learner_texts);
        check_csv("h.csv", &with_header, parse_learners("h.csv", &with_header, now()), learner_texts);
        check_csv("m.csv", &with_header, parse_mentors("m.csv", &with_header, now()), mentor_texts);
    }

    #[test]
    fn csv_damaged_sample_files(list in proptest::collection::vec(damage(), 1..6)) {
        let learners = damaged(&sample_file("learners.csv"), &list);
        check_csv("learners.csv", &learners, parse_learners("learners.csv", &learners, now()), learner_texts);
        let mentors = damaged(&sample_file("mentors.csv"), &list);
        check_csv("mentors.csv", &mentors, parse_mentors("mentors.csv", &mentors, now()), mentor_texts);
    }

    #[test]
    fn availability_any_text(raw in "\\PC{0,80}", splice in any::<usize>()) {
        let corpus = samples();
        let hostile = format!("Mon {raw} {}", corpus[splice % corpus.len()].1);
        for text in [raw.as_str(), hostile.as_str()] {
            match Availability::parse_list(text) {
                Ok(availability) => {
                    // What parses writes back and parses again to the same weekly blocks.
                    let again = Availability::parse_list(&availability.to_list()).unwrap();
                    prop_assert_eq!(again, availability);
                }
                Err(error) => {
                    let message = error.to_string();
                    assert_inert("availability error", &message);
                    prop_assert!(message.chars().count() < 400, "{}", message);
                }
            }
            let _ = WeeklyBlock::parse(text);
        }
    }

    #[test]
    fn scores_random_and_damaged(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        list in proptest::collection::vec(damage(), 1..5),
    ) {
        for input in [bytes.clone(), damaged(&scores_file(), &list)] {
            if let Err(error) = parse_scores("scores.json", &input) {
                let message = error.to_string();
                prop_assert!(message.starts_with("scores.json"), "{}", message);
            }
        }
    }

    #[test]
    fn packs_and_bundles_damaged(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        list in proptest::collection::vec(damage(), 1..5),
    ) {
        let (pack, bundle) = sealed_files();
        let pack_path = Path::new("/tmp/fuzz/pack.json");
        let bundle_path = Path::new("/tmp/fuzz/bundle.json");
        for input in [bytes.clone(), damaged(pack, &list)] {
            check_sealed(pack_path, open_bytes::<PackContent>(pack_path, PACK, false, &input));
        }
        for input in [bytes, damaged(bundle, &list)] {
            check_sealed(bundle_path, open_bytes::<BundleContent>(bundle_path, BUNDLE, true, &input));
        }
    }
}

#[test]
fn the_sealed_files_made_for_fuzzing_open_whole() {
    let (pack, bundle) = sealed_files();
    let path = Path::new("x.json");
    assert!(open_bytes::<PackContent>(path, PACK, false, pack).is_ok());
    assert!(open_bytes::<BundleContent>(path, BUNDLE, true, bundle).is_ok());
    assert!(parse_scores("s.json", &scores_file()).is_ok());
}
