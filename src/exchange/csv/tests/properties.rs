//! Properties over generated files: no input makes parsing panic, and whatever parses comes
//! back unchanged through export.

use proptest::prelude::*;
use proptest::strategy::ValueTree;

use super::*;

/// A cell that is sometimes well formed for its column and sometimes anything at all,
/// including quotes, delimiters, newlines and escape characters.
fn cell(plausible: BoxedStrategy<String>) -> BoxedStrategy<String> {
    let anything =
        proptest::string::string_regex("[a-zA-Z0-9 ,;:\"'\\n\\r\\t\\x1b\\u{200b}éß=+@-]{0,12}")
            .expect("valid regex");
    prop_oneof![9 => plausible, 1 => anything].boxed()
}

fn pick(words: &'static [&'static str]) -> BoxedStrategy<String> {
    proptest::sample::select(words)
        .prop_map(str::to_string)
        .boxed()
}

fn list(words: &'static [&'static str]) -> BoxedStrategy<String> {
    proptest::sample::subsequence(words, 0..=words.len())
        .prop_map(|items| items.join(";"))
        .boxed()
}

fn text() -> BoxedStrategy<String> {
    "[A-Za-zÀ-ÿ ,.\"\\n]{0,30}".boxed()
}

fn learner_row() -> impl Strategy<Value = Vec<String>> {
    vec![
        cell("L[0-9]{1,2}".boxed()),
        cell("[A-Z][a-zé]{1,8} [A-Z][a-z]{1,8}".boxed()),
        cell("([a-z]{1,6}@example\\.org)?".boxed()),
        cell(pick(&[
            "",
            "Europe/Madrid",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "UTC",
        ])),
        cell(list(&["en", "es", "pt-br", "hi"])),
        cell(text()),
        cell(list(&["python", "ux-design", "cloud"])),
        cell(pick(&["", "beginner", "Intermediate", "advanced"])),
        cell(list(&["video", "voice", "chat", "async"])),
        cell(list(&[
            "Mon 18:00-20:00",
            "wed 07:30-09:00",
            "Sun 22:00-24:00",
        ])),
        cell(text()),
        cell(pick(&["", "waiting", "Matched", "graduated", "withdrawn"])),
        cell(list(&["M1", "rust", "machine learning", "m-07"])),
        cell(list(&["M2", "M10"])),
        cell(pick(&["", "early", "Mid", "senior"])),
    ]
}

fn mentor_row() -> impl Strategy<Value = Vec<String>> {
    vec![
        cell("M[0-9]{1,2}".boxed()),
        cell("[A-Z][a-zé]{1,8} [A-Z][a-z]{1,8}".boxed()),
        cell("([a-z]{1,6}@example\\.org)?".boxed()),
        cell(pick(&["", "America/Bogota", "Australia/Sydney"])),
        cell(list(&["en", "fr", "zh"])),
        cell(list(&["rust:5", "sql", "design:1", "Cloud:3"])),
        cell(pick(&["", "early", "mid", "SENIOR"])),
        cell(list(&["video", "chat", "async"])),
        cell("[0-9]{1,2}".boxed()),
        cell(list(&["Tue 17:00-19:00", "Sat 10:00-12:00"])),
        cell(text()),
        cell(pick(&["", "true", "no", "1", "Yes"])),
        cell(pick(&["", "yes", "no", "TRUE"])),
    ]
}

fn csv_file(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

proptest! {
    #[test]
    fn learners_that_parse_survive_export(rows in proptest::collection::vec(learner_row(), 0..6)) {
        let file = csv_file(&LEARNER_COLUMNS, &rows);
        if let Ok(people) = parse_learners("gen.csv", &file, now()) {
            prop_assert_eq!(round_trip_learners(&people), people);
        }
    }

    #[test]
    fn mentors_that_parse_survive_export(rows in proptest::collection::vec(mentor_row(), 0..6)) {
        let file = csv_file(&MENTOR_COLUMNS, &rows);
        if let Ok(people) = parse_mentors("gen.csv", &file, now()) {
            prop_assert_eq!(round_trip_mentors(&people), people);
        }
    }

    #[test]
    fn any_bytes_give_people_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_learners("any.csv", &bytes, now());
        let _ = parse_mentors("any.csv", &bytes, now());
    }

    #[test]
    fn any_text_after_a_header_gives_people_or_an_error(body in "[a-z0-9 ,;\"\\n\\r]{0,200}") {
        let file = format!("id,name,goals\n{body}");
        let _ = parse_learners("any.csv", file.as_bytes(), now());
    }
}

#[test]
fn generated_rows_are_often_valid() {
    // Guards the generators: if every generated file failed to parse, the round-trip
    // properties above would pass without testing anything.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = proptest::collection::vec(learner_row(), 1..3);
    let valid = (0..200)
        .filter(|_| {
            let rows = strategy.new_tree(&mut runner).unwrap().current();
            parse_learners("gen.csv", &csv_file(&LEARNER_COLUMNS, &rows), now()).is_ok()
        })
        .count();
    assert!(valid > 40, "only {valid} of 200 generated files parsed");
}
